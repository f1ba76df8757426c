#!/usr/bin/env python3
"""Wrap the PyInstaller bundle into a Debian package with nothing but `dpkg-deb`.

    python3 packaging/linux/make_deb.py dist/Mostrador build/icons dist 0.1.0

(`build_scripts/build.py --deb` calls `build_deb()` after building the bundle.)

What the package installs:

    /opt/mostrador/                         the onedir bundle (mostrador + _internal/)
    /usr/bin/mostrador                      a two-line launcher (exec /opt/mostrador/mostrador)
    /usr/share/applications/mostrador.desktop
    /usr/share/icons/hicolor/{16..512}x{..}/apps/mostrador.png, scalable/apps/mostrador.svg
    /usr/share/doc/mostrador/copyright

The shop's data is NOT in the package: it lives in each user's folders (platformdirs:
~/.local/share/Mostrador, logs in ~/.local/state/Mostrador/log), so removing or upgrading the
package never touches queued sales. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = "mostrador"
INSTALL_DIR = "opt/mostrador"

# Libraries the bundle takes from the system (app.spec LINUX_SYSTEM_LIBRARIES), plus what Qt's
# xcb platform plugin needs for a real window (FIELD-NOTES.md). Debian 12 / Ubuntu 22.04 names;
# alternatives cover the t64 renames of newer releases.
DEPENDS = [
    "libc6 (>= 2.36)",
    "libstdc++6",
    "libglib2.0-0 | libglib2.0-0t64",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libcups2 | libcups2t64",
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xkb1",
    "libx11-xcb1",
    "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",
]
RECOMMENDS = ["gnome-keyring | kwalletmanager | keepassxc"]

LAUNCHER = """#!/bin/sh
# Mostrador: the app lives in /opt/mostrador (a PyInstaller bundle); see /usr/share/doc/mostrador.
exec /opt/mostrador/mostrador "$@"
"""

POSTINST = """#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
fi
exit 0
"""

POSTRM = """#!/bin/sh
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
    fi
fi
exit 0
"""

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Mostrador
Comment: Mostrador bundles Python, Qt (PySide6, LGPLv3), OpenSSL and the Python packages
 listed in its pyproject.toml, each under its own license.

Files: *
Copyright: Mostrador
License: LicenseRef-Proprietary
"""


def architecture() -> str:
    result = subprocess.run(
        ["dpkg", "--print-architecture"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def _installed_size_kib(root: Path) -> int:
    total = 0
    for item in root.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
    return (total + 1023) // 1024


def _normalise_modes(root: Path) -> None:
    """Directories 0755, executables 0755, everything else 0644 (lintian's expectations)."""
    for item in root.rglob("*"):
        if item.is_symlink():
            continue
        if item.is_dir():
            item.chmod(0o755)
        else:
            executable = item.stat().st_mode & 0o111
            item.chmod(0o755 if executable else 0o644)


def build_deb(bundle: Path, icons: Path, out_dir: Path, version: str) -> Path:
    """Build `<out_dir>/mostrador_<version>_<arch>.deb` from the onedir `bundle`."""
    if not (bundle / "mostrador").is_file():
        raise SystemExit(f"no bundle at {bundle}: build it first (build_scripts/build.py)")
    arch = architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="mostrador-deb-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
        _write(root / "usr/bin/mostrador", LAUNCHER, 0o755)
        applications = root / "usr/share/applications"
        applications.mkdir(parents=True)
        shutil.copy2(HERE / "mostrador.desktop", applications / "mostrador.desktop")
        hicolor = root / "usr/share/icons/hicolor"
        svg = ROOT / "resources" / "icons" / "app.svg"
        (hicolor / "scalable/apps").mkdir(parents=True)
        shutil.copy2(svg, hicolor / "scalable/apps/mostrador.svg")
        for png in sorted(icons.glob("mostrador-*.png")):
            size = png.stem.split("-")[-1]
            target = hicolor / f"{size}x{size}/apps/mostrador.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, target)
        _write(root / "usr/share/doc/mostrador/copyright", COPYRIGHT)
        _normalise_modes(root)

        control = root / "DEBIAN"
        control.mkdir()
        _write(
            control / "control",
            "\n".join(
                [
                    f"Package: {PACKAGE}",
                    f"Version: {version}",
                    f"Architecture: {arch}",
                    "Maintainer: Mostrador <soporte@mostrador.mx>",
                    f"Installed-Size: {_installed_size_kib(root)}",
                    f"Depends: {', '.join(DEPENDS)}",
                    f"Recommends: {', '.join(RECOMMENDS)}",
                    "Section: misc",
                    "Priority: optional",
                    "Homepage: https://github.com/disruptive-learning",
                    "Description: counter app that bills through gigstack, online or offline",
                    " Mostrador takes payments at a shop counter in Mexico and gets the CFDI",
                    " invoices stamped through the gigstack API. Sales made without internet",
                    " wait in a durable local queue and are sent exactly once when the",
                    " connection returns. Includes a demo mode to train new cashiers.",
                    "",
                ]
            ),
        )
        _write(control / "postinst", POSTINST, 0o755)
        _write(control / "postrm", POSTRM, 0o755)
        # gzip: a fraction of xz's time on 2 cores, for a few MB more download.
        command = ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build"]
        subprocess.run(  # noqa: S603 (our own paths, build machine only)
            [*command, str(root), str(deb)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return deb


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    bundle, icons, out_dir, version = sys.argv[1:]
    deb = build_deb(Path(bundle), Path(icons), Path(out_dir), version)
    print(deb)
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
