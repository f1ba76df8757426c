"""One version: pyproject.toml is the source, the code and the installers follow it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_code_version_matches_pyproject() -> None:
    # app.spec refuses to build when these differ; this says so before a build is attempted.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]


def test_build_extra_brings_pyinstaller() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(dep.lower().startswith("pyinstaller") for dep in extras["build"])
