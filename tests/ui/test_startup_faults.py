"""A start-up failure is a dialog that explains and a clean exit: never an abort, never silence.

Each case runs the real `run_gui` in a child process (a failed start must end the process
cleanly, which only a process can show). The child closes each message box it shows and
prints its text, so the test reads exactly what the cashier would read.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.credentials import ENV_VAR
from desktop.store import open_database
from desktop.store.db import DB_FILENAME
from desktop.ui.app import STARTUP_FAILED_EXIT
from tests.conftest import SANDBOX_KEY

CHILD = r"""
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication(sys.argv[:1])


def close_dialogs() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("DIALOG:", " ".join(box.text().split()), flush=True)
        box.accept()


timer = QTimer()
timer.timeout.connect(close_dialogs)
timer.start(50)
if sys.argv[2] == "no-catalog":
    # A broken install: the bundled SAT catalogs are not where the app looks for them.
    import desktop.fiscal.catalogs as catalogs

    catalogs._candidate_dirs = lambda: [Path(sys.argv[1]) / "no-resources"]
from desktop.config import AppConfig
from desktop.ui.app import run_gui

code = run_gui(AppConfig(data_dir=Path(sys.argv[1]), api_url="http://127.0.0.1:9/v2"), ["x"])
print("EXIT:", code, flush=True)
sys.exit(code)
"""


def start(data_dir: Path, case: str = "plain") -> tuple[int, str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        ENV_VAR: SANDBOX_KEY,
        "MOSTRADOR_LOG_DIR": str(data_dir.parent / "logs"),
    }
    env.pop("MOSTRADOR_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), case],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=Path(__file__).resolve().parents[2],
    )
    return done.returncode, done.stdout, done.stderr


def assert_clean_failure(code: int, out: str, err: str) -> str:
    """Exited with the start-up code after one explaining dialog; returns the dialog text."""
    assert code == STARTUP_FAILED_EXIT, (code, out, err)
    assert "Traceback" not in err, err
    assert "QThread: Destroyed" not in err and "Abort" not in err, err
    dialogs = [line for line in out.splitlines() if line.startswith("DIALOG:")]
    assert len(dialogs) == 1, out
    assert "ya está abierto" not in dialogs[0]
    return dialogs[0]


def test_a_damaged_database_is_explained_and_the_app_exits_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"this is not a database, it was damaged " * 200)
    text = assert_clean_failure(*start(data))
    assert "dañada" in text
    assert (data / DB_FILENAME).read_bytes().startswith(b"this is not")  # left for support


def test_a_database_from_a_newer_mostrador_is_not_opened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_database(data).close()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    text = assert_clean_failure(*start(data))
    assert "más nueva" in text and "999" in text


def test_missing_sat_catalogs_say_the_install_is_broken(tmp_path: Path) -> None:
    text = assert_clean_failure(*start(tmp_path / "data", "no-catalog"))
    assert "catálogos del SAT" in text


def test_a_data_folder_that_cannot_be_created_is_not_called_already_open(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the data folder should go")
    text = assert_clean_failure(*start(blocker / "data"))
    assert str(blocker / "data") in text


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_a_read_only_data_folder_is_not_called_already_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        text = assert_clean_failure(*start(data))
    finally:
        data.chmod(0o755)
    assert "escribir" in text or "solo lectura" in text
