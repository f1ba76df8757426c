"""The .deb recipe on a small stand-in bundle: layout, control fields, launcher, menu entry.

The real bundle is packaged, installed, smoke-tested and removed by `build_scripts/build.py
--deb --install-test` in CI; this checks the recipe itself in a second, with the real dpkg-deb.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian/Ubuntu)"
)


@pytest.fixture
def make_deb():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    try:
        import make_deb as module

        yield module
    finally:
        sys.path.remove(str(ROOT / "packaging" / "linux"))


def _fake_bundle(tmp_path: Path) -> tuple[Path, Path]:
    bundle = tmp_path / "Mostrador"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    exe = bundle / "mostrador"
    exe.write_text("#!/bin/sh\necho bundle\n", encoding="utf-8")
    exe.chmod(0o700)  # modes are normalised in the package
    (bundle / "_internal" / "resources" / "style.qss").write_text("/* */", encoding="utf-8")
    (bundle / "_internal" / "libQt6Core.so.6").symlink_to("resources/style.qss")
    icons = tmp_path / "icons"
    icons.mkdir()
    for size in (48, 256):
        (icons / f"mostrador-{size}.png").write_bytes(b"\x89PNG fake")
    return bundle, icons


def test_deb_layout_and_control(make_deb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bundle, icons = _fake_bundle(tmp_path)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    deb = make_deb.build_deb(bundle, icons, tmp_path / "out", version)
    assert deb.name == f"mostrador_{version}_{make_deb.architecture()}.deb"

    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(
        line.split(": ", 1) for line in info.splitlines() if ": " in line and line[0] != " "
    )
    assert fields["Package"] == "mostrador"
    assert fields["Version"] == version
    for needed in ("libdbus-1-3", "libfontconfig1", "libxcb-cursor0", "libcups2"):
        assert needed in fields["Depends"]

    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    entries = {
        line.split()[-1] if "->" not in line else line.split()[-3]: line
        for line in listing.splitlines()
    }
    assert entries["./opt/mostrador/mostrador"].startswith("-rwxr-xr-x root/root")
    assert entries["./usr/bin/mostrador"].startswith("-rwxr-xr-x root/root")
    assert entries["./opt/mostrador/_internal/resources/style.qss"].startswith("-rw-r--r--")
    assert "./opt/mostrador/_internal/libQt6Core.so.6" in entries  # symlinks kept as links
    assert "./usr/share/applications/mostrador.desktop" in entries
    assert "./usr/share/icons/hicolor/256x256/apps/mostrador.png" in entries
    assert "./usr/share/icons/hicolor/scalable/apps/mostrador.svg" in entries

    extracted = tmp_path / "x"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(extracted)], check=True)
    launcher = (extracted / "usr/bin/mostrador").read_text(encoding="utf-8")
    assert 'exec /opt/mostrador/mostrador "$@"' in launcher


def test_desktop_entry_is_well_formed() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "linux" / "mostrador.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "mostrador"
    assert section["Icon"] == "mostrador"  # the hicolor name the package installs
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")
