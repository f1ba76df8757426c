"""The Turno page in the real app shell: open with a float, refuse bad input next to the field,
cash out with a reason, the X report on paper, the Z close with expected vs counted, and the
close's PDF reprinted from the history."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.shifts import MoveKind
from desktop.ui import ticket, till_print
from desktop.ui.app import AppShell
from desktop.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from desktop.ui.shift_page import ShiftPage
from tests.test_till import sale_body

TIMEOUT = 10_000


def shift_page(qtbot: QtBot, shell: AppShell) -> ShiftPage:
    for page in shell.window.pages:
        if isinstance(page, ShiftPage):
            shell.window.show_page_named("shift")
            return page
    page = ShiftPage(shell.ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def error_of(dialog: object, name: str) -> str:
    label = dialog.findChild(QLabel, name)  # type: ignore[attr-defined]
    assert label is not None
    return label.text() if label.isVisible() or label.text() else ""


def test_open_refuses_a_bad_float_in_words_and_keeps_what_was_typed(
    qtbot: QtBot, shell: AppShell
) -> None:
    page = shift_page(qtbot, shell)
    assert "No hay un turno abierto" in page.status.text()
    assert page.open_button.isEnabled() and not page.close_button.isEnabled()
    page.open_button.click()
    dialog = page.dialog
    assert isinstance(dialog, OpenShiftDialog)
    type_into(qtbot, dialog.cashier, "Ana")
    type_into(qtbot, dialog.opening, "quinientos")
    qtbot.keyClick(dialog.opening, Qt.Key.Key_Return)
    assert "no es un número" in dialog.opening_error.text()
    assert dialog.opening.text() == "quinientos" and shell.core.shifts.current() is None
    type_into(qtbot, dialog.opening, "1,500.50")
    qtbot.keyClick(dialog.opening, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)
    shift = shell.core.shifts.current()
    assert shift is not None and shift.opening_float == Decimal("1500.50")
    assert shift.cashier == "Ana"
    assert page.expected_cash.text() == "$1,500.50"
    assert "Turno" in page.status.text() and "Ana" in page.status.text()
    assert shell.ctx.notices.last is not None and "abierto" in shell.ctx.notices.last[0]


def test_a_day_on_the_page_sales_cash_out_x_report_and_z_close(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, tmp_path: Path
) -> None:
    core = shell.core
    core.shifts.open(Decimal("500"), "Beto")
    sandbox.faults.set(status_down=True)  # the sales stay queued: they count all the same
    queue_payment(core.outbox, sale_body("01", ("Café", 2, "35.00")))
    queue_payment(core.outbox, sale_body("04", ("Mochila", 1, "899.90")))
    page = shift_page(qtbot, shell)
    page.activated()
    assert page.expected_cash.text() == "$570.00"
    assert "2 ventas" in page.queued_label.text()
    cells = [
        [page.forms_table.item(r, c).text() for c in range(6)]
        for r in range(page.forms_table.rowCount())
    ]
    assert cells[0][0].startswith("01") and cells[0][5] == "$570.00"
    assert any(row[0].startswith("04") and row[5] == "$899.90" for row in cells)

    # Cash out: no reason, then more than the drawer holds, then right.
    page.cash_out_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CashMoveDialog)
    type_into(qtbot, dialog.amount, "800")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "No puede salir más efectivo" in dialog.amount_error.text()
    assert dialog.reason_error.text() == "Escribe el motivo."
    type_into(qtbot, dialog.amount, "100")
    type_into(qtbot, dialog.reason, "Pago al proveedor")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)
    assert page.expected_cash.text() == "$470.00"
    assert page.moves_table.rowCount() == 1
    assert page.moves_table.item(0, 3).text() == "Pago al proveedor"

    # The X report on paper says the same figures.
    x = page.x_report()
    assert x is not None
    text = till_print.report_text(x, ticket.business_info(shell.ctx.settings, {}))
    assert "CORTE X" in text and "$470.00" in text and "Pago al proveedor" in text
    pdf = page.save_x_pdf(str(tmp_path / "x.pdf"))
    assert pdf is not None and Path(pdf).read_bytes().startswith(b"%PDF")

    # The Z close: cash is required; the difference shows as it is typed.
    page.close_button.click()
    close = page.dialog
    assert isinstance(close, CloseShiftDialog)
    qtbot.waitUntil(close.isVisible)
    # The count starts in the cash field (a trial found it in "Cierra"), and Tab goes on to
    # the other forms before the closer's name.
    assert close.focusWidget() is close.counted["01"]
    fields = close.fields()
    assert fields.index(close.counted["04"]) < fields.index(close.closed_by)
    close.print_z.setChecked(False)
    close.ok_button.click()
    assert "Cuenta el efectivo" in close.errors["01"].text()
    type_into(qtbot, close.counted["01"], "460")
    assert close.differences["01"].text() == "-$10.00 (falta)"
    type_into(qtbot, close.counted["04"], "899.90")
    assert close.differences["04"].text() == "$0.00 (cuadra)"
    close.note.setText("Faltó cambio")  # QTest types ASCII only
    close.ok_button.click()
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)
    assert core.shifts.current() is None
    assert "No hay un turno abierto" in page.status.text()
    assert shell.ctx.notices.last == ("Turno 1 cerrado. Efectivo: -$10.00 (falta).", "warning")
    (closed,) = [s for s in core.shifts.all() if not s.is_open]
    assert closed.note == "Faltó cambio" and closed.closed_by == "Beto"
    assert closed.z_report is not None
    assert closed.z_report["by_payment_form"]["01"]["difference"] == "-10.00"
    assert page.history_table.rowCount() == 1
    assert page.history_table.item(0, 4).text() == "-$10.00 (falta)"

    # Reprint the Z from the history as PDF.
    page.history_table.selectRow(0)
    assert page.z_pdf_button.isEnabled()
    z_pdf = page.save_selected_pdf(str(tmp_path / "z.pdf"))
    assert z_pdf is not None and Path(z_pdf).read_bytes().startswith(b"%PDF")
    z_text = till_print.report_text(closed.z_report, {"name": "Tienda"})
    assert "CORTE Z" in z_text and "Nota: Faltó cambio" in z_text and "$460.00" in z_text
    sandbox.faults.clear()


def test_a_move_on_a_closed_shift_is_refused_in_the_dialog(qtbot: QtBot, shell: AppShell) -> None:
    core = shell.core
    core.shifts.open(Decimal("100"), "")
    page = shift_page(qtbot, shell)
    page.activated()
    page.cash_in_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CashMoveDialog) and dialog.kind is MoveKind.CASH_IN
    # Closed meanwhile (another window, the CLI): the dialog says so and keeps the amount.
    shift = core.shifts.current()
    assert shift is not None
    core.shifts.close(shift.id, [], {})
    type_into(qtbot, dialog.amount, "50")
    type_into(qtbot, dialog.reason, "Cambio")
    dialog.ok_button.click()
    assert "No hay un turno abierto" in dialog.form_error.text()
    assert dialog.amount.text() == "50"
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None, timeout=TIMEOUT)


def test_a_refund_and_a_cancellation_made_in_pagos_count_in_the_shift(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    from desktop.ui.payment_dialogs import RefundDialog
    from desktop.ui.payments_page import DATE_ALL
    from tests.ui.test_payments_page import click, open_page, select_where, status_of

    shift = shell.core.shifts.open(Decimal("300"), "Ana")
    pagos = open_page(qtbot, shell)
    pagos.date_range.setCurrentIndex(pagos.date_range.findData(DATE_ALL))
    refunded = select_where(pagos, lambda r: r.total == Decimal("55.0"))
    click(qtbot, pagos.refund_button)
    dialog = pagos.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("20.50")
    click(qtbot, dialog.ok_button)
    # The dialog closes with gigstack's answer, after the shift event is written (a refresh
    # running meanwhile may show the new status before that: not what to wait for).
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert status_of(pagos, refunded.key) == "Reemb. parcial"
    (event,) = shell.core.shifts.events(shift.id)
    assert event.amount == Decimal("20.50") and event.payment_id == refunded.payment_id
    assert event.payment_form == refunded.payment_form
    form = refunded.payment_form

    page = shift_page(qtbot, shell)
    page.activated()
    assert page.figures is not None
    assert page.figures.form(form).refunds == Decimal("20.50")
    assert page.figures.form(form).expected == (
        Decimal("279.50") if form == "01" else Decimal("-20.50")
    )

    # A cancellation from Pagos: what was left of the sale goes back, by its payment form.
    # The sale cancelled is one made at this counter in the shift. (The seed's only other
    # receipt-less payment was made exactly 30 days before the sandbox started, on the edge of
    # the refresher's window: it is in the cache only when the first refresh runs within that
    # same second, so waiting for it failed whenever the machine was slow.)
    sale = queue_payment(shell.core.outbox, sale_body("01", ("Café", 2, "35.00")))
    shell.bridge.kick()
    shell.window.show_page_named("payments")

    def cancellable(r: Any) -> bool:
        return bool(
            r.status == "succeeded"
            and not r.invoices
            and r.payment_id
            and r.payment_id == shell.core.outbox.get(sale.id).server_id
        )

    # Sent, written through into the cache and shown (the list is re-read on show too).
    qtbot.waitUntil(
        lambda: any(cancellable(pagos.model.row_at(n)) for n in range(pagos.model.rowCount())),
        timeout=TIMEOUT,
    )
    cancelled = select_where(pagos, cancellable)
    assert cancelled.total == Decimal("70.00")
    click(qtbot, pagos.cancel_button)
    cancel_dialog = pagos.dialog
    assert cancel_dialog is not None
    click(qtbot, cancel_dialog.ok_button)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not cancel_dialog.isVisible(), timeout=TIMEOUT)
    assert status_of(pagos, cancelled.key) == "Cancelado"
    kinds = [(e.kind.value, e.amount) for e in shell.core.shifts.events(shift.id)]
    assert kinds == [("refund", Decimal("20.50")), ("cancel", cancelled.total)]
    page.activated()
    assert page.figures is not None
    assert page.figures.cancellations == cancelled.total


def test_the_x_report_fits_58_and_80_mm_paper(qtbot: QtBot, shell: AppShell) -> None:
    core = shell.core
    shift = core.shifts.open(Decimal("250"), "Ana")
    core.shifts.add_move(MoveKind.CASH_IN, Decimal("100"), "Cambio del banco")
    page = shift_page(qtbot, shell)
    report = page.x_report()
    assert report is not None and report["shift"] == shift.id
    business = {"name": "Papelería La Esquina", "rfc": "LORF850312TQ1"}
    narrow = till_print.render_image(report, business, 58, dpi=203)
    wide = till_print.render_image(report, business, 80, dpi=203)
    assert narrow.width() == round(58 * 203 / 25.4) and wide.width() == round(80 * 203 / 25.4)
    for width in (58, 80):
        text = till_print.report_text(report, business, width)
        assert "CORTE X (lectura parcial)" in text and "Cambio del banco" in text
        assert "$350.00" in text  # float 250 + 100 in
