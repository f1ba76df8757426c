"""Frozen-app benchmarks (issue 9): bundle size and start-up of the PyInstaller build.

`python -m tests.perf --only frozen` builds, in the same run and with the same PyInstaller,
(1) Mostrador from `app.spec` and (2) a bare PySide6 window with PyInstaller's defaults, then
starts each several times and records the time from process start to the first paint of its
window (offscreen unless a display is set). The first launch after a build is reported apart
("first"): the bundle's files were just written, so it is as close to a cold start as we get
without dropping the machine's page cache, which we do not do on a shared box. Figures only.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("hola")); w.resize(1180, 760)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print(time.time(), flush=True); app.quit()
        return False
f = F(); w.centralWidget().installEventFilter(f); w.show(); app.exec()
"""


def _tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _pyinstaller(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def _start_to_paint(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.time()
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, env=env, timeout=120
    ).stdout
    return float(out.strip().splitlines()[0]) - start


def _starts(command: list[str], runs: int) -> dict[str, float]:
    first = _start_to_paint(command)
    rest = [_start_to_paint(command) for _ in range(runs)]
    return {"first_ms": first * 1000, "median_ms": statistics.median(rest) * 1000}


def bench_frozen(runs: int) -> dict[str, Any]:
    """Build both bundles, measure their sizes and start-up times."""
    exe = "mostrador.exe" if os.name == "nt" else "mostrador"
    with tempfile.TemporaryDirectory(prefix="mostrador-perf-frozen-") as tmp:
        work = Path(tmp)
        app_build = _pyinstaller(
            ["--distpath", str(work / "dist"), "--workpath", str(work / "build"), "app.spec"],
            ROOT,
        )
        app_dir = work / "dist" / "Mostrador"
        script = work / "bare_window.py"
        script.write_text(textwrap.dedent(BARE_WINDOW), encoding="utf-8")
        bare_build = _pyinstaller(
            [
                "--onedir",
                "--name",
                "bare",
                "--distpath",
                str(work / "dist"),
                "--workpath",
                str(work / "build-bare"),
                "--specpath",
                str(work),
                str(script),
            ],
            work,
        )
        bare_dir = work / "dist" / "bare"
        app_start = _starts([str(app_dir / exe), "--smoke-test", "--first-paint"], runs)
        bare_start = _starts([str(bare_dir / ("bare.exe" if os.name == "nt" else "bare"))], runs)
        return {
            "runs": runs,
            "app_bundle_mb": _tree_bytes(app_dir) / 1_000_000,
            "bare_bundle_mb": _tree_bytes(bare_dir) / 1_000_000,
            "app_build_s": app_build,
            "bare_build_s": bare_build,
            "app_first_ms": app_start["first_ms"],
            "app_median_ms": app_start["median_ms"],
            "bare_first_ms": bare_start["first_ms"],
            "bare_median_ms": bare_start["median_ms"],
        }


def report(r: dict[str, Any]) -> str:
    return (
        f"frozen bundle: {r['app_bundle_mb']:.1f} MB (built in {r['app_build_s']:.0f} s), "
        f"start to first window paint: first {r['app_first_ms']:.0f} ms, median "
        f"{r['app_median_ms']:.0f} ms of {r['runs']}  | floor (bare PySide6 window, PyInstaller "
        f"defaults, same run): {r['bare_bundle_mb']:.1f} MB, first {r['bare_first_ms']:.0f} ms, "
        f"median {r['bare_median_ms']:.0f} ms"
    )
