#!/usr/bin/env python3
"""Developer entry point: set everything up, then run the demo or the test suite.

    python3 build_scripts/dev.py demo    # venv + packages (+ Qt's system libraries), then the app
    python3 build_scripts/dev.py test    # venv + packages (+ Qt's system libraries), lint, pytest
    python3 build_scripts/dev.py package # the PyInstaller bundle + .deb (build_scripts/build.py)

Standard library only: this runs before anything is installed. It creates or reuses `.venv`
at the repository root and reinstalls the project only when `pyproject.toml` changed (a stamp
file inside the venv remembers what was installed). On Linux it checks the Debian libraries Qt
needs (FIELD-NOTES.md) and installs them when running as root, or prints the command otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".mostrador-installed"
MIN_PYTHON = (3, 11)

# Debian packages Qt needs to run offscreen (tests) — see FIELD-NOTES.md.
QT_OFFSCREEN_DEBS = [
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-dejavu-core",
]
# ...and additionally for a real window on an X server (demo, screenshots under Xvfb).
QT_WINDOW_DEBS = [
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
]
XVFB_DEBS = ["xvfb", "xauth"]
# ...and for the tests that read a ticket PDF back as a person or a phone would
# (tests/pdf_tools.py: pdftotext, pdftoppm, zbarimg). A CI run fails without them.
TEST_TOOL_DEBS = ["poppler-utils", "zbar-tools"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def check_python() -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(
            f"Mostrador needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; "
            f"this is {platform.python_version()}."
        )


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def missing_debs(packages: list[str]) -> list[str]:
    """Return the Debian packages from `packages` that are not installed (empty off Debian)."""
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_debs(packages: list[str], why: str) -> None:
    if platform.system() != "Linux":
        return
    missing = missing_debs(packages)
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if is_root() and shutil.which("apt-get"):
        say(f"installing Debian packages {why}: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        run(command, env=env, stdout=subprocess.DEVNULL)
    else:
        say(
            f"these Debian packages are needed {why} and are missing: {' '.join(missing)}\n"
            f"      install them with: sudo {' '.join(command)}"
        )


def create_venv() -> None:
    if venv_python().exists():
        return
    say(f"creating virtual environment in {VENV}")
    result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False)
    if result.returncode != 0:
        # Debian's python3 ships venv without ensurepip until python3-venv is installed.
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python3.{sys.version_info.minor}-venv"
        ensure_debs(["python3-venv", version], "to create a virtual environment")
        run([sys.executable, "-m", "venv", str(VENV)])


def install_project(extras: str) -> None:
    """Install the project editable with `extras`, unless the same install is already there."""
    fingerprint = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        say("packages are up to date")
        return
    python = str(venv_python())
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"])
    STAMP.write_text(fingerprint + "\n")


def setup(extras: str, window: bool) -> None:
    check_python()
    ensure_debs(QT_OFFSCREEN_DEBS, "for Qt")
    if window:
        ensure_debs(QT_WINDOW_DEBS, "for Qt windows on X11")
    create_venv()
    install_project(extras)
    compile_translations()


def compile_translations() -> None:
    """Compile resources/i18n/*.ts to .qm (cheap), so a fresh clone has current English."""
    # Added for translations: build_scripts/i18n.py runs the venv's pyside6-lrelease.
    result = subprocess.run(
        [str(venv_python()), str(ROOT / "build_scripts" / "i18n.py"), "release"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        say("could not compile translations (the app still runs in Spanish):\n" + result.stderr)


def cmd_test(args: argparse.Namespace) -> int:
    setup("test", window=False)
    ensure_debs(TEST_TOOL_DEBS, "to read ticket PDFs back in the tests")
    python = str(venv_python())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    if not args.no_lint:
        say("lint: ruff")
        subprocess.run(
            [python, "-m", "ruff", "check", "desktop", "tests", "build_scripts"],
            cwd=ROOT,
            check=True,
        )
        say("layers: import-linter")  # contracts in pyproject.toml [tool.importlinter]
        linter = shutil.which("lint-imports", path=str(Path(python).parent)) or "lint-imports"
        subprocess.run([linter], cwd=ROOT, check=True)
        say("types: mypy")
        subprocess.run([python, "-m", "mypy"], cwd=ROOT, check=True)
    say("tests: pytest")
    result = subprocess.run(
        [python, "-m", "pytest", *args.pytest_args], cwd=ROOT, env=env, check=False
    )
    return result.returncode


def cmd_demo(args: argparse.Namespace) -> int:
    on_linux = platform.system() == "Linux"
    setup("test", window=on_linux)
    python = str(venv_python())
    if on_linux and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        say("no display found: run this from a desktop session (or under xvfb-run to try it)")
    return subprocess.run(
        [python, "-m", "desktop", "--demo", *args.app_args], cwd=ROOT, check=False
    ).returncode


def cmd_package(args: argparse.Namespace) -> int:
    # Added for packaging: build_scripts/build.py sets up the `build` extra itself.
    command = [sys.executable, str(ROOT / "build_scripts" / "build.py")]
    if platform.system() == "Linux" and shutil.which("dpkg-deb"):
        command.append("--deb")
    if args.install_test:
        command.append("--install-test")
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="set up and open the app on the local sandbox")
    demo.add_argument("app_args", nargs=argparse.REMAINDER, help="passed to `python -m desktop`")
    demo.set_defaults(func=cmd_demo)
    test = sub.add_parser("test", help="set up and run lint, type checks and the test suite")
    test.add_argument("--no-lint", action="store_true", help="skip ruff and mypy")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest")
    test.set_defaults(func=cmd_test)
    package = sub.add_parser("package", help="build the bundle (and .deb) and smoke-test it")
    package.add_argument(
        "--install-test",
        action="store_true",
        help="as root: install the .deb, run the installed smoke test, remove it (CI)",
    )
    package.set_defaults(func=cmd_package)
    args = parser.parse_args()
    try:
        return int(args.func(args))
    except subprocess.CalledProcessError as exc:
        say(f"failed ({exc.returncode}): {' '.join(map(str, exc.cmd))}")
        return exc.returncode or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
