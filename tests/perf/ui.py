"""UI benchmarks (issue 4 §7): start-up, main-thread stalls, filtering, memory.

Run through `python -m tests.perf --only ui_start ...`; Qt runs offscreen unless a display
is set. Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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

# The app as `python -m desktop --demo --data-dir <a fresh folder>` starts it: the first paint
# of its main window's central widget, hooked the same way as the bare window's. What the app
# opens after that paint (its configuration, the demo sandbox, the database, the lanes, the
# counter page) is not in this figure; it happens while the window is already on screen
# (issue 12; tests/ui/test_startup_frame.py checks what is loaded at that paint).
APP_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print(time.time(), flush=True); o.removeEventFilter(self); app.quit()
        return False
f = F()
_show = QMainWindow.show
def show(w):
    w.centralWidget().installEventFilter(f); _show(w)
QMainWindow.show = show
from desktop.__main__ import main
sys.exit(main(["--demo", "--data-dir", sys.argv[1]]))
"""


def _start_to_paint(script: str, *args: str) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    ).stdout
    return float(out.strip().splitlines()[0]) - start


def bench_start(runs: int) -> dict[str, Any]:
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        bare.append(_start_to_paint(BARE_WINDOW))
        with tempfile.TemporaryDirectory() as tmp:  # a fresh data folder for each start
            ours.append(_start_to_paint(APP_WINDOW, tmp))
    return {
        "runs": runs,
        "app_ms": statistics.median(ours) * 1000,
        "bare_ms": statistics.median(bare) * 1000,
    }


class Heartbeat:
    """A 10 ms timer on the GUI thread; lateness = how long the GUI could not react."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000
        self.late: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, now - self._last - self.interval))
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        ordered = sorted(self.late) or [0.0]
        return {
            "beats": len(self.late),
            "p50_ms": statistics.median(ordered) * 1000,
            "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000,
            "max_ms": ordered[-1] * 1000,
        }


def _run_until(app: Any, done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def _populate(sandbox: Any, clients: int, services: int) -> None:
    """Bulk-load the in-process sandbox's store (HTTP would take minutes for 50k)."""
    from desktop.sandbox import domain

    team = sandbox.store.team(sandbox.team)
    now = int(time.time())
    with sandbox.store.lock:
        for n in range(clients):
            team.collection("clients").add(
                domain.new_client(
                    team,
                    {"name": f"Cliente {n} Hernández", "email": f"c{n}@example.com"},
                    now,
                )
            )
        for n in range(services):
            team.collection("services").add(
                {
                    "id": f"service_bench_{n}",
                    "object": "service",
                    "description": f"Artículo {n}",
                    "sku": f"SKU-{n:06d}",
                    "unit_price": 10.5,
                    "taxes": [],
                    "created_at": now,
                }
            )


def bench_stalls(drain_n: int, clients: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.config import AppConfig
    from desktop.sales import queue_payment
    from desktop.sandbox import Sandbox
    from desktop.store.cache import Resource
    from desktop.ui.app import AppShell

    app = QApplication.instance() or QApplication([])
    results: dict[str, Any] = {}
    with Sandbox(seed="demo", controls=True) as sandbox, tempfile.TemporaryDirectory() as tmp:
        sandbox.faults.set(latency_ms=50)
        shell = AppShell(AppConfig(data_dir=Path(tmp), api_url=sandbox.base_url), sandbox.api_key)
        try:
            shell.window.show()
            _run_until(app, lambda: shell.core.cache.count(Resource.SERVICES, None) > 0, 30)
            sale = {
                "client": {"id": "client_demo_publico"},
                "automation_type": "none",
                "payment_form": "01",
                "items": [{"id": "service_demo_americano", "quantity": 1}],
            }
            for _ in range(drain_n):
                queue_payment(shell.core.outbox, sale)
            beat = Heartbeat()
            beat.start()
            start = time.perf_counter()
            shell.bridge.kick()
            _run_until(app, lambda: shell.core.outbox.stats().sent >= drain_n, 600)
            results["drain"] = {
                "n": drain_n,
                "seconds": time.perf_counter() - start,
                **beat.stop(),
            }

            sandbox.faults.clear()
            _populate(sandbox, clients, 0)
            beat = Heartbeat()
            updated = threading.Event()
            shell.bridge.cache_updated.connect(
                lambda r: updated.set() if r == Resource.CLIENTS.value else None
            )
            beat.start()
            start = time.perf_counter()
            shell.bridge.refresh([Resource.CLIENTS])
            _run_until(app, updated.is_set, 600)
            results["refresh"] = {
                "clients": shell.core.cache.count(Resource.CLIENTS, None),
                "seconds": time.perf_counter() - start,
                **beat.stop(),
            }
        finally:
            shell.close()
    return results


def bench_filter(clients: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.table_model import Column, RecordTableModel

    QApplication.instance() or QApplication([])
    rows = [
        {"name": f"Cliente {n} Hernández López", "tax_id": f"XEXX{n:09d}", "email": f"c{n}@x.mx"}
        for n in range(clients)
    ]
    model: RecordTableModel[dict[str, Any]] = RecordTableModel(
        [Column("Nombre", lambda r: r["name"]), Column("RFC", lambda r: r["tax_id"])],
        lambda r: f"{r['name']} {r['tax_id']} {r['email']}",
    )
    start = time.perf_counter()
    model.set_rows(rows)
    load = time.perf_counter() - start
    timings = []
    typed = "hernandez 4711"
    for _ in range(5):
        for n in range(1, len(typed) + 1):
            t0 = time.perf_counter()
            model.set_filter(typed[:n])
            timings.append(time.perf_counter() - t0)
        model.set_filter("")
    sort_start = time.perf_counter()
    model.sort(0)
    sort = time.perf_counter() - sort_start
    return {
        "clients": clients,
        "load_ms": load * 1000,
        "keystroke_p50_ms": statistics.median(timings) * 1000,
        "keystroke_p99_ms": sorted(timings)[int(0.99 * (len(timings) - 1))] * 1000,
        "sort_ms": sort * 1000,
    }


#: What every memory benchmark's child process runs first: the app's imports, a QApplication,
#: an RSS reader and the baseline RSS (`base`) before any data is loaded.
MEMORY_PRELUDE = """
import sys, tempfile, time, resource
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.config import AppConfig
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from tests.perf.ui import _populate, _run_until
app = QApplication(sys.argv)
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
base = rss()
"""


def bench_memory(clients: int, services: int) -> dict[str, Any]:
    """RSS of a fresh process with the app open over 50k clients and 20k services cached."""
    script = (
        MEMORY_PRELUDE
        + f"""
with Sandbox(seed="demo") as sandbox:
    _populate(sandbox, {clients}, {services})
    tmp = tempfile.mkdtemp()
    sandbox_rss = rss()
    shell = AppShell(AppConfig(data_dir=Path(tmp), api_url=sandbox.base_url), sandbox.api_key)
    shell.window.show()
    _run_until(app, lambda: shell.core.cache.count(Resource.CLIENTS, None) >= {clients}
               and shell.core.cache.count(Resource.SERVICES, None) >= {services}, 900)
    for _ in range(50):
        app.processEvents(); time.sleep(0.02)
    print(base, sandbox_rss, rss(), flush=True)
    shell.close()
"""
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    base, with_sandbox, total = map(float, out[:3])
    return {
        "clients": clients,
        "services": services,
        "python_qt_baseline_mb": base,
        "sandbox_data_mb": with_sandbox - base,
        "app_mb": total - with_sandbox,
        "process_rss_mb": total,
    }


def _held_requests() -> int:
    """Requests the in-process sandbox is holding (a server thread asleep in its latency)."""
    import linecache

    count = 0
    for frame in sys._current_frames().values():
        path = frame.f_code.co_filename.replace("\\", "/")
        if "/desktop/sandbox/" in path and "sleep(" in linecache.getline(
            frame.f_code.co_filename, frame.f_lineno
        ):
            count += 1
    return count


def bench_lanes(calls: int) -> dict[str, Any]:
    """Issue 8 §5: a page call's answer time while a send is stuck (target < 200 ms), a sale's
    time to be sent while a refresh is stuck, and the time to close while a send is stuck
    (target < 2 s, clean exit: no lane thread left)."""
    from PySide6.QtWidgets import QApplication

    from desktop.config import AppConfig
    from desktop.gigstack import GigstackClient
    from desktop.sales import queue_payment
    from desktop.sandbox import Sandbox
    from desktop.store.cache import Resource
    from desktop.store.outbox import OutboxState
    from desktop.ui.app import AppShell

    app = QApplication.instance() or QApplication([])
    stuck_ms = 30_000
    sale = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "none",
        "payment_form": "01",
        "items": [{"id": "service_demo_americano", "quantity": 1}],
    }
    results: dict[str, Any] = {"stuck_ms": stuck_ms, "calls": calls}
    with Sandbox(seed="demo", controls=True) as sandbox, tempfile.TemporaryDirectory() as tmp:
        # Floor: the same call from a bare client on this thread (no lanes, nothing stuck).
        with GigstackClient(sandbox.api_key, base_url=sandbox.base_url) as bare:
            floor = []
            for _ in range(calls):
                t0 = time.perf_counter()
                bare.clients.list_page(limit=1)
                floor.append(time.perf_counter() - t0)
        shell = AppShell(AppConfig(data_dir=Path(tmp), api_url=sandbox.base_url), sandbox.api_key)
        closed = False
        try:
            lanes = shell.bridge
            _run_until(app, lambda: not lanes.refreshing and lanes.online is True, 60)

            # A refresh held by the server; a sale is queued and sent meanwhile.
            sandbox.faults.set(latency_ms=stuck_ms)
            lanes.refresh([Resource.CLIENTS])
            _run_until(app, lambda: _held_requests() >= 1, 30)
            sandbox.faults.set(latency_ms=0)
            row = queue_payment(shell.core.outbox, sale)
            t0 = time.perf_counter()
            lanes.kick()
            _run_until(app, lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, 30)
            results["sale_sent_during_stuck_refresh_ms"] = (time.perf_counter() - t0) * 1000
            results["refresh_still_stuck"] = lanes.refreshing
            lanes.stop_refresh()

            # A send held by the server; page calls meanwhile.
            held_before = _held_requests()
            sandbox.faults.set(latency_ms=stuck_ms)
            queue_payment(shell.core.outbox, sale)
            lanes.kick()
            _run_until(app, lambda: _held_requests() > held_before, 30)
            sandbox.faults.set(latency_ms=0)
            answers: list[float] = []
            for _ in range(calls):
                t0 = time.perf_counter()
                done: list[bool] = []
                shell.ctx.run_op(
                    None,
                    lambda c: c.clients.list_page(limit=1),
                    lambda _page, d=done: d.append(True),
                    on_error=lambda _m, _e, d=done: d.append(False),
                )
                _run_until(app, lambda d=done: bool(d), 30)
                answers.append(time.perf_counter() - t0)
            ordered = sorted(answers)
            results["page_call_while_send_stuck"] = {
                "p50_ms": statistics.median(ordered) * 1000,
                "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1000,
                "max_ms": ordered[-1] * 1000,
                "floor_p50_ms": statistics.median(floor) * 1000,
            }

            # Close while that send is still held by the server.
            still_stuck = _held_requests() > held_before
            t0 = time.perf_counter()
            shell.close()
            closed = True
            close_s = time.perf_counter() - t0
            left = [
                t.name
                for t in threading.enumerate()
                if t.name.startswith(("sender", "page-lane")) and t.is_alive()
            ]
            results["close_while_send_stuck"] = {
                "seconds": close_s,
                "send_was_stuck": still_stuck,
                "lane_threads_left": left,
            }
        finally:
            if not closed:
                shell.close()
    return results
