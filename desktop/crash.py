"""Crash reports: an unexpected error writes a scrubbed report and tells the person where it is.

`install(log_dir)` hooks `sys.excepthook` and `threading.excepthook`. A report is a text file
in the user log folder (`crash-YYYYmmdd-HHMMSS-<pid>.txt`) with the traceback, versions and
the last log lines, all passed through `scrub()`: registered secrets, API-key and JWT shapes,
`Authorization` values and RFCs are masked. Qt's fatal messages reach `report_fatal_message()`
through the Qt message handler in `desktop.ui.crash_notice` (this module stays Qt-free).

How the person is told: a notifier registered with `set_notifier()` (the Qt one shows a message
box when a QApplication exists); otherwise, or when it fails, a Spanish line on stderr.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop.logs import scrub as scrub_secrets

log = logging.getLogger(__name__)

# gigstack keys (sk_live_/sk_test_...), JWTs (three base64url parts starting eyJ), RFCs
# (persona moral: 3 letters, persona física: 4; then YYMMDD and a 3-char homoclave).
_KEY_PATTERN = re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9_\-]{6,}")
_JWT_PATTERN = re.compile(r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)?")
_RFC_PATTERN = re.compile(r"\b[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}\b", re.IGNORECASE)
LOG_TAIL_LINES = 60

Notifier = Callable[[Path, str], bool]


class _State:
    """What `install()` set up (one per process)."""

    notifier: Notifier | None = None
    log_dir: Path | None = None
    reported = False
    lock = threading.Lock()


_state = _State()


def scrub(text: str) -> str:
    """Mask secrets (registered keys, key and JWT shapes, Authorization values) and RFCs."""
    text = scrub_secrets(text)
    text = _KEY_PATTERN.sub("sk_***", text)
    text = _JWT_PATTERN.sub("eyJ***", text)
    return _RFC_PATTERN.sub("<RFC>", text)


def set_notifier(notifier: Notifier | None) -> None:
    """Register how to tell the person (returns True when it did); None restores stderr."""
    _state.notifier = notifier


def _app_version() -> str:
    from desktop import __version__

    return __version__


def _log_tail(log_dir: Path) -> str:
    path = log_dir / "mostrador.log"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log file)"
    return "\n".join(lines[-LOG_TAIL_LINES:])


def write_report(log_dir: Path, title: str, details: str) -> Path:
    """Write a scrubbed crash report into `log_dir` and return its path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    path = log_dir / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    body = "\n".join(
        [
            "Mostrador crash report",
            f"when (UTC): {now:%Y-%m-%d %H:%M:%S}",
            f"version: {_app_version()}",
            f"frozen: {bool(getattr(sys, 'frozen', False))}",
            f"python: {platform.python_version()} on {platform.platform()}",
            f"thread: {threading.current_thread().name}",
            "",
            title,
            "",
            details,
            "",
            f"--- last {LOG_TAIL_LINES} lines of mostrador.log ---",
            _log_tail(log_dir),
            "",
        ]
    )
    path.write_text(scrub(body), encoding="utf-8")
    return path


def _stderr(text: str) -> None:
    # A windowed app on Windows has no stderr at all (sys.stderr is None).
    if sys.stderr is not None:
        sys.stderr.write(text)
        sys.stderr.flush()


def _tell(path: Path, summary: str) -> None:
    notifier = _state.notifier
    if notifier is not None:
        try:
            if notifier(path, summary):
                return
        except Exception:
            log.exception("crash notifier failed")
    _stderr(
        f"Mostrador tuvo un error inesperado: {scrub(summary)}\n"
        f"Se guardó un informe (sin claves ni RFC) en: {path}\n"
        "Tus cobros en cola siguen guardados en este equipo.\n"
    )


def report_exception(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    where: str = "main thread",
) -> Path | None:
    """Write a report for an exception and tell the person; returns the report's path."""
    log_dir = _state.log_dir
    if log_dir is None:
        return None
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    summary = f"{exc_type.__name__}: {exc}" if exc is not None else exc_type.__name__
    try:
        path = write_report(log_dir, f"Unhandled exception in {where}", details)
    except OSError:
        _stderr(scrub(details))
        return None
    log.error("unhandled exception in %s, report written to %s", where, path)
    with _state.lock:
        first = not _state.reported
        _state.reported = True
    if first:  # one dialog per run: an error in a timer must not stack up message boxes
        _tell(path, summary)
    return path


def report_fatal_message(message: str) -> Path | None:
    """A fatal message from Qt (the process aborts right after): write the report, say where."""
    if _state.log_dir is None:
        return None
    try:
        path = write_report(_state.log_dir, "Qt fatal message", message)
    except OSError:
        return None
    _stderr(f"Mostrador se cerró por un error de Qt. Informe en: {path}\n")
    return path


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_exception(exc_type, exc, tb, "main thread")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    report_exception(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")


def install(log_dir: Path) -> None:
    """Route unhandled exceptions (any thread) to a scrubbed report in `log_dir`."""
    _state.log_dir = log_dir
    _state.reported = False
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def uninstall() -> None:
    """Restore Python's default hooks (tests)."""
    _state.log_dir = None
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    set_notifier(None)
