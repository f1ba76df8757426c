"""The real (non-demo) start with the key stored on the computer, against the key in
`GIGSTACK_API_KEY` (what `start_entry` measures).

A shop's till starts `python -m desktop` with no variable: the key comes from the OS keychain
through `keyring` (its backends' detection, and on Linux `secretstorage`, which brings
`cryptography`), or from the opt-in key file when the computer has no keychain. This figure
starts that way: the key in the key file of a fresh user folder, so keyring runs its real
detection (no `PYTHON_KEYRING_BACKEND`, no keyringrc) before the file is read. On a machine
without a Secret Service that detection is the whole keyring cost; a real keychain adds its
own round trip (D-Bus, or the OS's prompt when the keychain is locked).

Each start reports: process start to the first paint, to the counter open (the code field has
the focus), the longest GUI-thread stall between the two (a 5 ms timer on the GUI thread: what
the cashier sees as a frozen window), the process RSS with the counter open, and whether
`keyring` was loaded. Figures only: nothing here passes or fails on time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
start = float(sys.argv[1])
marks = {}
beats = []

def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = time.time()
            obj.removeEventFilter(self)
            beats.append(time.perf_counter())
            heartbeat.start()
            QTimer.singleShot(0, watch)
        return False

hook = FirstPaint()
heartbeat = QTimer()
heartbeat.setInterval(5)
heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
_show = QMainWindow.show
def show(window):
    window.installEventFilter(hook)
    _show(window)
QMainWindow.show = show

def watch():
    focus = QApplication.focusWidget()
    if focus is not None and focus.objectName() == "codeEdit":
        marks["open"] = time.time()
        heartbeat.stop()
        gaps = sorted((b - a - 0.005) * 1000 for a, b in zip(beats, beats[1:]))
        print("RESULT", marks["paint"] - start, marks["open"] - start, gaps[-1] if gaps else 0.0,
              gaps[-3:], rss(), "keyring" in sys.modules, flush=True)
        app.quit()
        return
    QTimer.singleShot(5, watch)

from desktop.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


def _start(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), repr(start), *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    paint, opened, stall, rest = line.split(" ", 4)[1:5]
    top, _, tail = rest.partition("] ")
    rss_mb, keyring_loaded = tail.split()
    return {
        "paint_ms": float(paint) * 1000,
        "open_ms": float(opened) * 1000,
        "max_stall_ms": float(stall),
        "top_stalls_ms": [round(float(x), 1) for x in top.strip("[").split(",") if x.strip()],
        "rss_mb": float(rss_mb),
        "keyring_loaded": keyring_loaded == "True",
    }


def _summary(starts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "paint_ms": statistics.median(s["paint_ms"] for s in starts),
        "open_ms": statistics.median(s["open_ms"] for s in starts),
        "max_stall_ms": statistics.median(s["max_stall_ms"] for s in starts),
        "rss_mb": statistics.median(s["rss_mb"] for s in starts),
        "keyring_loaded": all(s["keyring_loaded"] for s in starts),
        "all": starts,
    }


def bench_start_keychain(runs: int) -> dict[str, Any]:
    """`python -m desktop` with the key stored on the computer vs in the environment."""
    from tests.perf.__main__ import KEY, SandboxProcess

    sandbox = SandboxProcess()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "home"
            keys = Path(tmp) / "keys"
            keys.mkdir(parents=True)
            # The opt-in key file's format (`desktop.credentials._write_key_file`).
            (keys / "gigstack-api-key.json").write_text(
                json.dumps({"keys": {sandbox.base_url.rstrip("/"): KEY}}), encoding="utf-8"
            )
            base = {
                key: value
                for key, value in os.environ.items()
                if key not in {"GIGSTACK_API_KEY", "PYTHON_KEYRING_BACKEND"}
            }
            base.update(
                QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                HOME=str(home),
                XDG_CONFIG_HOME=str(home / "config"),
                XDG_DATA_HOME=str(home / "data"),
                MOSTRADOR_LOG_DIR=str(Path(tmp) / "logs"),
                MOSTRADOR_KEY_FILE_DIR=str(keys),
                PYTHONDONTWRITEBYTECODE="",
            )
            stored_env = dict(base)
            env_key_env = {**base, "GIGSTACK_API_KEY": KEY}
            args = ["--data-dir", str(Path(tmp) / "data"), "--api-url", sandbox.base_url]
            _start(args, stored_env)  # the first start creates the database: not timed
            stored, in_env = [], []
            for _ in range(runs):  # interleaved, so load on the machine hits both alike
                in_env.append(_start(args, env_key_env))
                stored.append(_start(args, stored_env))
    finally:
        sandbox.stop()
    return {"runs": runs, "key_stored": _summary(stored), "key_in_env": _summary(in_env)}


def report(r: dict[str, Any]) -> str:
    s, e = r["key_stored"], r["key_in_env"]
    return (
        f"real start, key stored on the computer (keyring detection, then the key file): "
        f"paint {s['paint_ms']:.0f} ms, counter open {s['open_ms']:.0f} ms, longest GUI stall "
        f"{s['max_stall_ms']:.0f} ms, RSS {s['rss_mb']:.0f} MB (keyring loaded: "
        f"{s['keyring_loaded']})  | key in GIGSTACK_API_KEY, same run: paint "
        f"{e['paint_ms']:.0f} ms, open {e['open_ms']:.0f} ms, stall {e['max_stall_ms']:.0f} ms, "
        f"RSS {e['rss_mb']:.0f} MB (keyring loaded: {e['keyring_loaded']}); "
        f"median of {r['runs']}"
    )
