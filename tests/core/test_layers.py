"""CI enforces the layers: Qt only under desktop/ui/, and imports only pointing down.

The contracts live in pyproject.toml ([tool.ruff.lint.flake8-tidy-imports] and
[tool.importlinter]); these tests run the real tools on the real tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    if found.exists():
        return str(found)
    other = shutil.which(name)
    if other is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return other


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("path", "banned"),
    [
        ("desktop/sales.py", True),
        ("desktop/store/outbox.py", True),
        ("desktop/rules/clients.py", True),
        ("desktop/cli.py", True),
        ("desktop/ui/counter_page.py", False),
        ("tests/ui/test_dialogs.py", False),
    ],
)
def test_qt_is_banned_below_the_ui(path: str, banned: bool) -> None:
    source = "from PySide6.QtCore import QObject\n\nprint(QObject)\n"
    result = subprocess.run(
        [_tool("ruff"), "check", "--select", "TID251", "--stdin-filename", path, "-"],
        cwd=ROOT,
        input=source,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if banned:
        assert result.returncode == 1 and "TID251" in result.stdout, result.stdout
        assert "desktop/ui/" in result.stdout  # the message says where Qt belongs
    else:
        assert result.returncode == 0, result.stdout
