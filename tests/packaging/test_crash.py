"""Crash reports: written to the log folder without secrets, and the person is told where."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QtMsgType
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import crash
from desktop.logs import register_secret

KEY = "sk_live_crash_report_secret_123"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl"
RFC = "GODE561231GR8"


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    crash.install(tmp_path)
    try:
        yield tmp_path
    finally:
        crash.uninstall()


def _reports(folder: Path) -> list[Path]:
    return sorted(folder.glob("crash-*.txt"))


def test_scrub_masks_keys_tokens_rfcs_and_registered_secrets() -> None:
    register_secret("registered-secret-value")
    text = crash.scrub(
        f"key {KEY} token {JWT} rfc {RFC} moral ABC010203XY1 other registered-secret-value "
        "Authorization: Bearer abc.def"
    )
    for secret in (KEY, JWT, RFC, "ABC010203XY1", "registered-secret-value", "abc.def"):
        assert secret not in text
    assert "<RFC>" in text
    # Ordinary words and amounts survive.
    assert crash.scrub("total 1234.50 folio CAJA1-7") == "total 1234.50 folio CAJA1-7"


def test_unhandled_thread_exception_writes_a_scrubbed_report_and_says_where(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (installed / "mostrador.log").write_text(f"earlier line with {KEY}\n", encoding="utf-8")

    def boom() -> None:
        raise RuntimeError(f"gigstack refused {KEY} for client {RFC} ({JWT})")

    worker = threading.Thread(target=boom, name="sender-test")
    worker.start()
    worker.join()

    [report] = _reports(installed)
    text = report.read_text(encoding="utf-8")
    assert "Unhandled exception in thread sender-test" in text
    assert "RuntimeError: gigstack refused" in text
    assert "in boom" in text  # the traceback is there
    assert "earlier line with" in text  # with the log's tail
    for secret in (KEY, JWT, RFC):
        assert secret not in text
    err = capsys.readouterr().err
    assert "Mostrador tuvo un error inesperado" in err
    assert str(report) in err
    assert KEY not in err


def test_main_thread_hook_uses_the_registered_notifier_once(installed: Path) -> None:
    told: list[tuple[Path, str]] = []
    crash.set_notifier(lambda path, summary: told.append((path, summary)) or True)
    for n in range(2):
        try:
            raise ValueError(f"bad total {n}")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(_reports(installed)) >= 1
    assert len(told) == 1  # one dialog per run, however many errors follow
    assert told[0][0].exists()
    assert told[0][1] == "ValueError: bad total 0"


def test_keyboard_interrupt_is_not_a_crash(installed: Path) -> None:
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert _reports(installed) == []


def test_qt_fatal_message_writes_a_report(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.ui import crash_notice

    # A real fatal message aborts the process, so the handler is called as Qt would call it.
    crash_notice._message_handler(QtMsgType.QtFatalMsg, None, f"ASSERT failure ({KEY})")
    [report] = _reports(installed)
    text = report.read_text(encoding="utf-8")
    assert "Qt fatal message" in text
    assert "ASSERT failure" in text
    assert KEY not in text
    assert str(report) in capsys.readouterr().err


def test_crash_dialog_shows_the_report_path(
    qapp: QApplication, installed: Path, tmp_path: Path
) -> None:
    from desktop.ui import crash_notice

    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["info"] = box.informativeText()
        seen["details"] = box.detailedText()
        box.accept()

    QTimer.singleShot(0, read_and_close)
    report = tmp_path / "crash-example.txt"
    assert crash_notice.show_notice(report, f"RuntimeError: refused {KEY}")
    assert "error inesperado" in seen["text"]
    assert str(report) in seen["info"]
    assert KEY not in seen["details"]


def test_no_dialog_off_the_gui_thread(qapp: QApplication, tmp_path: Path) -> None:
    from desktop.ui import crash_notice

    shown: list[bool] = []
    worker = threading.Thread(
        target=lambda: shown.append(crash_notice.show_notice(tmp_path / "r.txt", "x"))
    )
    worker.start()
    worker.join()
    assert shown == [False]  # the caller falls back to stderr


def test_an_uncaught_error_in_a_real_process_leaves_a_report(tmp_path: Path) -> None:
    import os
    import subprocess

    code = (
        "import sys; from pathlib import Path; from desktop import crash; "
        "crash.install(Path(sys.argv[1])); "
        f"raise RuntimeError('refused {KEY} for {RFC}')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "GIGSTACK_API_KEY"},
    )
    assert result.returncode == 1
    [report] = _reports(tmp_path)
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: refused" in text
    assert KEY not in text and RFC not in text
    assert "Traceback" not in result.stderr  # the person sees words, not a traceback
    assert f"Se guardó un informe (sin claves ni RFC) en: {report}" in result.stderr
