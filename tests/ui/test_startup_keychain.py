"""The real start reads the stored key on a thread of its own, not on the GUI thread.

A till starts with no `GIGSTACK_API_KEY`: the key comes through `keyring` (its backends'
detection, `secretstorage` and `cryptography` on Linux: ~0.3 s of the GUI thread measured by
`python -m tests.perf --only start_keychain`, longer when a locked keychain asks for its
password). `Startup` runs `get_api_key` on a "keychain" thread while the window paints; with
the key in the environment keyring is never loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop import credentials

ROOT = Path(__file__).resolve().parents[2]
API_URL = "http://127.0.0.1:9/v2"  # nothing listens: the counter opens offline

CHILD = r"""
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

app = QApplication(sys.argv[:1])
imported_on = []

class Watch:
    # Records the thread that first imports keyring; the import itself goes on as usual.
    def find_spec(self, name, path=None, target=None):
        if name == "keyring" and not imported_on:
            imported_on.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Watch())

def watch():
    box = QApplication.activeModalWidget()
    if isinstance(box, QDialog):
        print("DIALOG:", box.objectName(), flush=True)
        box.reject()
        return
    focus = QApplication.focusWidget()
    if focus is not None and focus.objectName() == "codeEdit":
        print("OPEN:", focus.objectName(), flush=True)
        print("KEYRING:", imported_on[0] if imported_on else "not loaded", flush=True)
        app.quit()
        return
    QTimer.singleShot(10, watch)

QTimer.singleShot(10, watch)
from desktop.__main__ import main
code = main(["--data-dir", sys.argv[1], "--api-url", sys.argv[2]])
print("EXIT:", code, flush=True)
sys.exit(code)
"""


def _start(tmp_path: Path, env_key: str | None, stored_key: str | None) -> dict[str, str]:
    home = tmp_path / "home"
    keys = tmp_path / "keys"
    keys.mkdir()
    if stored_key is not None:
        # The opt-in key file (no keychain on this machine), keyed by the API URL.
        (keys / credentials.KEY_FILENAME).write_text(
            json.dumps({"keys": {API_URL: stored_key}}), encoding="utf-8"
        )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {credentials.ENV_VAR, "PYTHON_KEYRING_BACKEND", "MOSTRADOR_DATA_DIR"}
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        MOSTRADOR_LOG_DIR=str(tmp_path / "logs"),
        # Keyring's real detection runs; this machine's answer decides the backend. The key
        # file is read after it either way.
        **{credentials.KEY_FILE_DIR_VAR: str(keys)},
    )
    if env_key is not None:
        env[credentials.ENV_VAR] = env_key
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data"), API_URL],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return {
        line.split(":", 1)[0]: line.split(":", 1)[1].strip()
        for line in done.stdout.splitlines()
        if ":" in line
    }


def test_a_stored_key_is_read_on_its_own_thread_and_the_counter_opens(tmp_path: Path) -> None:
    seen = _start(tmp_path, env_key=None, stored_key="sk_test_stored_on_this_computer")
    assert "DIALOG" not in seen, seen  # the key was found: no first-run dialog
    assert seen["OPEN"] == "codeEdit"
    assert seen["KEYRING"] == "keychain", seen  # never the GUI thread (MainThread)
    assert seen["EXIT"] == "0"


def test_a_key_in_the_environment_never_loads_keyring(tmp_path: Path) -> None:
    seen = _start(tmp_path, env_key="sk_test_from_the_environment", stored_key=None)
    assert seen["OPEN"] == "codeEdit"
    assert seen["KEYRING"] == "not loaded", seen


def test_no_key_anywhere_still_opens_the_first_run_dialog(tmp_path: Path) -> None:
    seen = _start(tmp_path, env_key=None, stored_key=None)
    assert seen["DIALOG"] == "firstRun", seen
    assert "OPEN" not in seen
    assert seen["EXIT"] == "0"  # closed: the app ends having opened nothing
