"""Reading a ticket PDF back as a person (pdftotext) or a phone (pdftoppm + zbarimg) would.

`build_scripts/dev.py test` installs poppler-utils and zbar-tools on Debian. Where they are
missing, a local run goes on without these checks (with a warning saying so), but a CI run
fails: a check that silently does not run is no check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest


def _have(*tools: str) -> bool:
    missing = [tool for tool in tools if not shutil.which(tool)]
    if not missing:
        return True
    message = (
        f"{', '.join(missing)} not installed: the ticket PDF is not read back "
        "(python3 build_scripts/dev.py test installs poppler-utils and zbar-tools)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    warnings.warn(message, stacklevel=3)
    return False


def pdf_text(path: Path) -> str | None:
    """The PDF's text, or None where poppler is missing outside CI."""
    if not _have("pdftotext"):
        return None
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def decoded_qr(path: Path, tmp_path: Path) -> str | None:
    """The QR in a ticket PDF as a phone reads it, or None where the tools are missing."""
    if not _have("pdftoppm", "zbarimg"):
        return None
    prefix = tmp_path / "ticket"
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(prefix)], check=True)
    png = next(tmp_path.glob("ticket*.png"))
    out = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], check=False, capture_output=True, text=True
    )
    return out.stdout.strip()
