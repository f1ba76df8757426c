"""Issue 10 §3 (audit h5): after printing or saving a ticket, the next scan is not lost.

The trial's complaint: "a scan after clicking a ticket button is silently lost". The counter
must hand the keyboard back to the code field after any ticket action — printed, saved as PDF,
or the dialog closed without doing anything — so the scanner's next code becomes a line.

The printer and file dialogs are native modal dialogs a test cannot drive; they are replaced
the same way tests/ui/test_ticket.py does (a PDF "printer", a chosen file name), everything
else is the real app against the sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.store.outbox import OutboxState
from desktop.ui import ticket
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from tests.ui.counter_helpers import TIMEOUT, barcode, ready_counter
from tests.ui.keyboard import focused, scan


@pytest.fixture
def sold(qtbot: QtBot, shell: AppShell) -> CounterPage:
    """The counter right after a sale that reached gigstack (the ticket prints at once)."""
    page = ready_counter(qtbot, shell)
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    row = page.charge()
    assert row is not None
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: page.last_sale_box.documents is not None, timeout=TIMEOUT)
    return page


def click(qtbot: QtBot, button: QPushButton) -> None:
    """A cashier's click: the button takes the keyboard focus, then it is pressed."""
    button.setFocus(Qt.FocusReason.MouseFocusReason)
    assert focused() is button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def the_next_scan_becomes_a_line(qtbot: QtBot, shell: AppShell, page: CounterPage) -> None:
    assert focused() is page.code_edit
    before = pencils(page)
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    assert pencils(page) == before + 1  # the scan became a piece on the sale
    assert page.code_edit.text() == ""


def pencils(page: CounterPage) -> int:
    return int(
        sum(line.quantity for line in page.cart.lines if line.service_id == "service_demo_lapiz")
    )


def test_focus_returns_to_the_code_after_saving_the_pdf(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path, monkeypatch: Any
) -> None:
    target = tmp_path / "ticket.pdf"

    def choose(parent: QWidget, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    click(qtbot, sold.pdf_button)
    assert target.read_bytes().startswith(b"%PDF")
    the_next_scan_becomes_a_line(qtbot, shell, sold)

    # The file dialog closed without a name: nothing saved, and the scanner still works.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    click(qtbot, sold.pdf_button)
    the_next_scan_becomes_a_line(qtbot, shell, sold)


def test_focus_returns_to_the_code_after_printing(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "printed.pdf"

    def pdf_printer(parent: Any, doc: QTextDocument, width_mm: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        ticket.prepare_printer(printer, doc, width_mm)
        return printer

    monkeypatch.setattr(ticket, "choose_printer", pdf_printer)
    click(qtbot, sold.print_button)
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: focused() is sold.code_edit, timeout=TIMEOUT)
    the_next_scan_becomes_a_line(qtbot, shell, sold)

    # The printer dialog closed: no ticket, no message, and the scanner still works.
    monkeypatch.setattr(ticket, "choose_printer", lambda parent, doc, width_mm: None)
    click(qtbot, sold.print_button)
    qtbot.waitUntil(lambda: focused() is sold.code_edit, timeout=TIMEOUT)
    the_next_scan_becomes_a_line(qtbot, shell, sold)
