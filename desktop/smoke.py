"""`mostrador --smoke-test`: prove an installed (or frozen, or source) Mostrador works.

Runs offscreen in a temporary data folder, in demo mode (the embedded sandbox), and checks
what an installer can break: the bundled files (SAT catalogs, translations, icons, styles,
the certifi CA bundle), the keyring backend, the main window with every page, and one sale
going the whole way: `desktop.sales.queue_payment` -> outbox -> the sender on the worker
thread -> the embedded sandbox, confirmed by reading the payment back from the sandbox.

Only public entry points are used (`desktop.ui.app.AppShell`, `desktop.demo.start_demo`,
`desktop.sales.queue_payment`), so the check survives refactors of the pages and the worker.

Exit code 0 when everything worked; 1 with the reason on stderr when anything failed,
including any Qt warning not listed in `EXPECTED_QT_MESSAGES`. A windowed Windows executable
has no stdout/stderr at all: set `MOSTRADOR_SMOKE_OUTPUT` to a file and every line goes there
too (the release workflow and `build_scripts/build.py` do).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

# The one sale the smoke test rings up: a demo-seed client and service (see sandbox/seed.py).
SMOKE_SALE: dict[str, Any] = {
    "client": {"id": "client_demo_publico"},
    "automation_type": "none",
    "payment_form": "01",
    "items": [{"id": "service_demo_americano", "quantity": 1}],
    "metadata": {"source": "smoke-test"},
}
OUTPUT_VAR = "MOSTRADOR_SMOKE_OUTPUT"
SEND_TIMEOUT_S = 60.0  # a bound, not a speed check: a healthy run takes well under a second

# Qt messages that are expected offscreen and mean nothing is wrong. Anything else at warning
# level or above fails the smoke test (a missing plugin, an unreadable icon, a bad stylesheet).
EXPECTED_QT_MESSAGES = (
    # The offscreen platform cannot size windows for a window manager.
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
    # No session D-Bus on a server / CI box: the network information backend says so.
    "QDBusConnection: session D-Bus connection created before QCoreApplication",
    "qt.qpa.fonts: Unable to open default EUDC font",
)


class SmokeFailure(RuntimeError):
    """A check failed; the message says which and why."""


class _ErrorCollector(logging.Handler):
    """Remembers every ERROR (or worse) record of the `desktop` loggers."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


class _Output:
    """Lines to stdout/stderr when they exist (not in a windowed Windows app) and to a file."""

    def __init__(self) -> None:
        path = os.environ.get(OUTPUT_VAR)
        self.file = open(path, "w", encoding="utf-8") if path else None  # noqa: SIM115

    def _emit(self, stream: TextIO | None, line: str) -> None:
        if stream is not None:
            stream.write(line + "\n")
            stream.flush()
        if self.file is not None:
            self.file.write(line + "\n")
            self.file.flush()

    def out(self, line: str) -> None:
        self._emit(sys.stdout, line)

    def err(self, line: str) -> None:
        self._emit(sys.stderr, line)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class _Report:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.steps = 0

    def ok(self, message: str) -> None:
        self.steps += 1
        self.out(f"  ok  {message}")


def _check_bundled_files(report: _Report) -> None:
    from desktop.resources import resource, resources_dir

    base = resources_dir()
    for parts in (
        ("sat_catalogs.sqlite",),
        ("style.qss",),
        ("icons", "app.svg"),
        ("icons", "counter.svg"),
        ("i18n", "mostrador_en.qm"),
    ):
        path = resource(*parts)
        if not path.is_file() or path.stat().st_size == 0:
            raise SmokeFailure(f"bundled file missing or empty: {path}")
    report.ok(f"bundled resources present in {base}")

    import certifi

    ca = Path(certifi.where())
    if not ca.is_file() or ca.stat().st_size < 1000:
        raise SmokeFailure(f"certifi CA bundle missing: {ca}")
    report.ok(f"certifi CA bundle present ({ca.stat().st_size // 1024} KB)")

    import ssl

    context = ssl.create_default_context(cafile=str(ca))
    report.ok(f"TLS available ({ssl.OPENSSL_VERSION}, {len(context.get_ca_certs())} CA certs)")


def _check_keyring(report: _Report) -> None:
    import importlib

    import keyring

    # The backend for this OS must be inside the bundle (PyInstaller misses entry points).
    module = {
        "linux": "keyring.backends.SecretService",
        "win32": "keyring.backends.Windows",
        "darwin": "keyring.backends.macOS",
    }.get(sys.platform)
    if module:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise SmokeFailure(f"keyring backend {module} is not in the bundle: {exc}") from None
    from desktop.credentials import keychain_status

    status = keychain_status()
    backend = type(keyring.get_keyring()).__module__
    report.ok(f"keyring backend importable ({module}); active: {backend}; {status.detail}")


def _check_fiscal(report: _Report) -> None:
    from desktop import fiscal

    if fiscal.payment_form("01") is None or fiscal.postal_code("06600") is None:
        raise SmokeFailure("SAT catalogs did not answer (forma de pago 01, CP 06600)")
    report.ok("SAT catalogs answer (forma de pago 01, código postal 06600)")


def _run_app(report: _Report, data_dir: Path, qt_problems: list[str]) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.config import AppConfig
    from desktop.demo import start_demo
    from desktop.gigstack import GigstackClient
    from desktop.sales import queue_payment
    from desktop.store.outbox import OutboxState
    from desktop.ui.app import AppShell, apply_style, install_translations

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Mostrador")
    app.setOrganizationName("Mostrador")
    apply_style(app)
    install_translations(app, None)
    report.ok(f"QApplication up on the '{app.platformName()}' platform")

    sandbox, config = start_demo(AppConfig(data_dir=data_dir, demo=True))
    try:
        report.ok(f"demo sandbox listening on {sandbox.base_url}")
        shell = AppShell(config, sandbox.api_key)
        try:
            window = shell.window
            window.resize(1366, 768)
            window.show()
            pages = list(getattr(window, "pages", []))
            if not pages:
                raise SmokeFailure("the main window has no pages")
            for index, page in enumerate(pages):
                window.show_page(index)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                if not page.isVisible():
                    raise SmokeFailure(f"page {page.objectName() or index} did not show")
            names = ", ".join(p.objectName() or type(p).__name__ for p in pages)
            report.ok(f"main window built with {len(pages)} pages: {names}")
            window.show_page(0)

            item = queue_payment(shell.core.outbox, SMOKE_SALE, team=config.team)
            report.ok(f"sale queued in the outbox (row {item.id}, folio {item.folio})")
            shell.bridge.kick()
            deadline = time.monotonic() + SEND_TIMEOUT_S
            row = shell.core.outbox.get(item.id)
            while row.state != OutboxState.SENT:
                if row.state in (OutboxState.PARKED, OutboxState.DISCARDED):
                    raise SmokeFailure(
                        f"the sale was {row.state.value}: {row.last_error} ({row.last_status})"
                    )
                if time.monotonic() > deadline:
                    raise SmokeFailure(
                        f"the sale was not sent within {SEND_TIMEOUT_S:.0f} s "
                        f"(state {row.state.value}, last error: {row.last_error})"
                    )
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                time.sleep(0.02)
                row = shell.core.outbox.get(item.id)
            if not row.server_id:
                raise SmokeFailure("the sale was marked sent without a gigstack id")
            report.ok(f"sender delivered it after {row.attempts} attempt(s): {row.server_id}")

            with GigstackClient(sandbox.api_key, base_url=config.api_url, team=config.team) as api:
                payment = api.payments.get(row.server_id)
            metadata = getattr(payment, "metadata", None) or {}
            if metadata.get("local_id") != item.local_id:
                raise SmokeFailure(
                    f"the sandbox has {row.server_id} but not with our local id "
                    f"({metadata.get('local_id')!r} != {item.local_id!r})"
                )
            report.ok(f"sandbox confirms payment {payment.id} with local id {item.local_id}")
            # Let late paints and queue reports land before closing (they may warn too).
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 200)
        finally:
            shell.close()
    finally:
        sandbox.stop()
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    report.ok("worker joined, database closed, sandbox stopped")
    if qt_problems:
        raise SmokeFailure("unexpected Qt messages:\n    " + "\n    ".join(qt_problems))
    report.ok("no unexpected Qt warnings")


def _install_qt_message_handler(
    problems: list[str], err: Callable[[str], None] | None = None
) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: Any, message: str) -> None:
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(expected in message for expected in EXPECTED_QT_MESSAGES):
            return
        category = getattr(context, "category", None) or "qt"
        problems.append(f"[{mode.name}] {category}: {message}")
        if mode == QtMsgType.QtFatalMsg and err is not None:
            err(f"SMOKE TEST FAILED: Qt fatal message: {message}")

    qInstallMessageHandler(handler)


def run(out: Callable[[str], None], err: Callable[[str], None]) -> int:
    """Run every check, printing with `out`/`err`; returns the exit code (0 = all good)."""
    from desktop import __version__

    started = time.perf_counter()
    frozen = bool(getattr(sys, "frozen", False))
    out(
        f"Mostrador {__version__} smoke test ({'frozen bundle' if frozen else 'from source'}, "
        f"Python {sys.version.split()[0]}, {sys.platform})"
    )
    report = _Report(out)
    qt_problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mostrador-smoke-") as tmp:
        # Nothing touches the user's data, log folder or keychain entries.
        saved = {k: os.environ.get(k) for k in ("MOSTRADOR_LOG_DIR", "QT_QPA_PLATFORM")}
        os.environ["MOSTRADOR_LOG_DIR"] = str(Path(tmp) / "logs")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        try:
            from desktop.config import default_log_dir
            from desktop.logs import setup_logging

            log_file = setup_logging(default_log_dir(), logging.INFO)
            report.ok(f"temporary data folder {tmp}; log file {log_file}")
            _install_qt_message_handler(qt_problems, err)
            # An exception the app caught and logged (a page refresh, the worker) is a failure
            # here too: the person would only have seen a message, the smoke test sees why.
            errors = _ErrorCollector()
            logging.getLogger("desktop").addHandler(errors)
            _check_bundled_files(report)
            _check_keyring(report)
            _check_fiscal(report)
            _run_app(report, Path(tmp) / "data", qt_problems)
            logging.getLogger("desktop").removeHandler(errors)
            if errors.messages:
                raise SmokeFailure("errors were logged:\n    " + "\n    ".join(errors.messages))
            report.ok("no errors in the log")
        except SmokeFailure as exc:
            err(f"SMOKE TEST FAILED: {exc}")
            return 1
        except Exception as exc:
            err(f"SMOKE TEST FAILED: {type(exc).__name__}: {exc}")
            err(traceback.format_exc().rstrip())
            return 1
        finally:
            _close_log_handlers()
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    elapsed = time.perf_counter() - started
    out(f"SMOKE TEST PASSED: {report.steps} checks in {elapsed:.1f} s")
    return 0


def _close_log_handlers() -> None:
    root = logging.getLogger("desktop")
    for handler in [h for h in root.handlers if getattr(h, "_mostrador", False)]:
        root.removeHandler(handler)
        handler.close()


FIRST_PAINT_FLAG = "--first-paint"


def first_paint() -> int:
    """Benchmark hook (`--smoke-test --first-paint`): the real start, timed to its first paint.

    Runs what `Mostrador --demo` runs (`desktop.__main__.main`, a fresh data folder) and prints
    `time.time()` at the main window's first paint, then quits, like the bare PySide6 window it
    is compared with in `tests/perf/frozen.py` (and `tests/perf/ui.py` from source). What opens
    after the paint (database, lanes, the counter) is not in the figure, as in the real start.
    """
    os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop.__main__ import main as start

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(time.time(), flush=True)
                watched.removeEventFilter(self)
                app = QApplication.instance()
                if app is not None:
                    app.quit()
            return False

    watcher = FirstPaint()
    show = QMainWindow.show

    def show_watched(window: QMainWindow) -> None:
        central = window.centralWidget()
        if central is not None:
            central.installEventFilter(watcher)
        show(window)

    QMainWindow.show = show_watched  # type: ignore[method-assign, assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="mostrador-paint-") as tmp:
            start(["--demo", "--data-dir", tmp])
    finally:
        QMainWindow.show = show  # type: ignore[method-assign]
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    if FIRST_PAINT_FLAG in (argv or ()):
        return first_paint()
    output = _Output()
    try:
        return run(output.out, output.err)
    finally:
        output.close()


if __name__ == "__main__":
    sys.exit(main())
