"""The Pagos page against the sandbox: cached payments plus queued sales, filters, actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.pin import ManagerPin
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.manager_pin import PinDialog
from desktop.ui.payment_dialogs import (
    MarkPaidDialog,
    RefundDialog,
    RequestPaymentDialog,
)
from desktop.ui.payments_page import (
    DATE_7,
    DATE_30,
    DATE_ALL,
    DATE_CUSTOM,
    DATE_TODAY,
    PaymentsPage,
)
from tests.conftest import SANDBOX_KEY

WAIT = 10_000


def open_page(qtbot: QtBot, shell: AppShell) -> PaymentsPage:
    """Show the window on Pagos once the recent payments are in the cache."""
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.PAYMENTS, None) >= 3, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.SERVICES, None) >= 20, timeout=WAIT)
    shell.window.show()
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    page.reload()
    return page


def visible_rows(page: PaymentsPage) -> list[dict[str, str]]:
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [
        {titles[c]: model.index(r, c).data() for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]


def select_where(page: PaymentsPage, test: Callable[[Any], bool]) -> Any:
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        if test(row):
            assert page.select_key(row.key)
            return row
    raise AssertionError("no such row")


def status_of(page: PaymentsPage, key: str) -> str | None:
    for n in range(page.model.rowCount()):
        if page.model.row_at(n).key == key:
            return str(page.model.index(n, 5).data())
    return None


def api(sandbox: Sandbox) -> GigstackClient:
    return GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_models_pass_the_model_tester(qtbot: QtBot, shell: AppShell, qtmodeltester: Any) -> None:
    page = open_page(qtbot, shell)
    qtmodeltester.check(page.model)
    qtbot.keyClicks(page.search, "ana")
    qtmodeltester.check(page.model)
    click(qtbot, page.request_button)
    dialog = page.dialog
    assert isinstance(dialog, RequestPaymentDialog)
    dialog.add_service("service_demo_cuaderno", 2)  # type: ignore[arg-type]
    dialog.add_service("service_demo_lapiz", 1)  # type: ignore[arg-type]
    qtmodeltester.check(dialog.lines)
    dialog.reject()


def test_shows_cached_payments_and_queued_sales(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    cached = {r["Folio"] for r in visible_rows(page)}
    assert len(cached) == 3  # the seed's payments of the last 30 days
    sandbox.go_down()
    try:
        item = queue_payment(
            shell.core.outbox,
            {
                "client": {"id": "client_demo_publico"},
                "items": [{"id": "service_demo_lapiz", "quantity": 3}],
                "automation_type": "none",
                "payment_form": "01",
            },
        )
        shell.bridge.queue_changed.emit()
        rows = {r["Folio"]: r for r in visible_rows(page)}
        assert item.folio in rows
        queued = rows[item.folio]
        assert queued["Estado"] == "En cola"
        assert queued["Cliente"] == "Público en general"
        assert queued["Total"] == "$19.50"
        assert queued["Forma de pago"] == "Efectivo"
        select_where(page, lambda r: r.folio == item.folio)
        assert page.detail_labels["folio"].text() == item.folio
        assert page.detail_labels["localId"].text() == item.local_id
        assert "Lápiz" in page.detail_labels["items"].text()
        assert page.open_queue_button.isVisible()
        assert not page.cancel_button.isVisible()
        assert "sin enviar" in page.count_label.text()
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    # Once sent it stays in the table (from the outbox answer, then from the cache).
    qtbot.waitUntil(
        lambda: status_of(page, f"payment:{_server_id(shell, item.id)}") is not None, timeout=WAIT
    )
    rows = {r["Folio"]: r for r in visible_rows(page)}
    assert rows[item.folio]["Estado"] == "Pagado"


def _server_id(shell: AppShell, row_id: int) -> str | None:
    return shell.core.outbox.get(row_id).server_id


def test_filters_by_status_date_form_client_and_text(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    assert len(visible_rows(page)) == 3

    page.status_filter.setCurrentIndex(page.status_filter.findData("canceled"))
    assert visible_rows(page) == []
    page.status_filter.setCurrentIndex(page.status_filter.findData("succeeded"))
    assert len(visible_rows(page)) == 3
    page.status_filter.setCurrentIndex(0)

    page.form_filter.setCurrentIndex(page.form_filter.findData("28"))
    assert [r["Cliente"] for r in visible_rows(page)] == ["Mariana Castillo Vega"]
    page.form_filter.setCurrentIndex(0)

    page.date_range.setCurrentIndex(page.date_range.findData(DATE_TODAY))
    assert visible_rows(page) == []
    page.date_range.setCurrentIndex(page.date_range.findData(DATE_7))
    assert [r["Total"] for r in visible_rows(page)] == ["$55.00"]  # two days ago
    page.date_range.setCurrentIndex(page.date_range.findData(DATE_CUSTOM))
    assert page.date_from.isEnabled() and page.date_to.isEnabled()
    today = QDate.currentDate()
    page.date_from.setDate(today.addDays(-25))
    page.date_to.setDate(today.addDays(-10))
    assert [r["Total"] for r in visible_rows(page)] == ["$1,050.00"]  # twenty days ago
    page.date_range.setCurrentIndex(page.date_range.findData(DATE_ALL))
    assert len(visible_rows(page)) == shell.core.cache.count(Resource.PAYMENTS, None)
    page.date_range.setCurrentIndex(page.date_range.findData(DATE_30))
    assert len(visible_rows(page)) == 3

    qtbot.keyClicks(page.client_filter, "constructora")
    assert [r["Total"] for r in visible_rows(page)] == ["$1,050.00"]
    page.client_filter.clear()

    qtbot.keyClicks(page.search, "mariana")
    assert [r["Forma de pago"] for r in visible_rows(page)] == ["Tarjeta de débito"]
    page.search.clear()
    qtbot.keyClicks(page.search, "RATA920623")  # Ana's RFC
    assert [r["Total"] for r in visible_rows(page)] == ["$55.00"]
    page.search.clear()

    # Sorting happens in the model: by total, largest first.
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert [r["Total"] for r in visible_rows(page)] == ["$1,050.00", "$98.00", "$55.00"]


def test_cancel_updates_the_table_and_the_server(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, shell)
    asked: list[str] = []

    def answer_no(invoice: str) -> bool:
        asked.append(invoice)
        return False

    # This payment has an invoice: after cancelling, the page asks whether to cancel the
    # invoice too (a modal question); the cashier answers "No" here (Facturas tests "Sí").
    monkeypatch.setattr(page, "ask_cancel_invoice", answer_no)
    row = select_where(page, lambda r: r.total is not None and str(r.total) == "98.0")
    click(qtbot, page.cancel_button)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    click(qtbot, dialog.ok_button)  # type: ignore[attr-defined]
    # The dialog closes with gigstack's answer (a refresh running since the page opened may
    # bring the cancelled status a moment sooner); by then the table says it too.
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert status_of(page, row.key) == "Cancelado"
    assert page.detail_labels["status"].text() == "Cancelado"
    assert not page.cancel_button.isVisible()
    assert str(api(sandbox).payments.get(str(row.payment_id)).status) == "canceled"
    assert asked == row.invoices  # the invoice still valid at the SAT was brought up
    cached = shell.core.cache.get(Resource.PAYMENTS, None, str(row.payment_id))
    assert cached is not None and cached["status"] == "canceled"


def test_refund_is_guarded_by_the_manager_pin(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    ManagerPin(shell.config.data_dir).set("4821")
    page = open_page(qtbot, shell)
    select_where(page, lambda r: r.total is not None and str(r.total) == "55.0")
    seen: list[object] = []

    def refuse() -> None:
        modal = QApplication.activeModalWidget()
        seen.append(modal)
        assert modal is not None
        modal.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, refuse)
    click(qtbot, page.refund_button)
    assert len(seen) == 1 and isinstance(seen[0], PinDialog)
    assert not isinstance(page.dialog, RefundDialog)

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PinDialog)
        modal.pin.setText("4821")
        modal.check()

    QTimer.singleShot(0, answer)
    click(qtbot, page.refund_button)
    assert isinstance(page.dialog, RefundDialog)


def test_refund_over_the_total_is_refused_next_to_the_field(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    row = select_where(page, lambda r: r.total is not None and str(r.total) == "55.0")
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    assert dialog.amount.text() == "55.00"
    sent_before = len(sandbox.requests)
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "100")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "amountError")
    assert error is not None and error.isVisible()
    assert "$55.00" in error.text()
    assert dialog.isVisible()
    assert dialog.amount.text() == "100"  # what was typed stays
    assert not any("/refund" in r.path for r in sandbox.requests[sent_before:])

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "20")
    qtbot.keyClicks(dialog.reason, "Devolvieron las papas")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)  # gigstack's answer is in
    assert status_of(page, row.key) == "Reemb. parcial"  # short in the table (1366x768)...
    shown = next(n for n in range(page.model.rowCount()) if page.model.row_at(n).key == row.key)
    tip = page.model.index(shown, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Reembolso parcial"  # ...whole in its tooltip
    assert "Reembolsado $20.00" in page.detail_labels["totals"].text()

    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    assert dialog.amount.text() == "35.00"  # what is left
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: status_of(page, row.key) == "Reembolsado", timeout=WAIT)
    assert str(api(sandbox).payments.get(str(row.payment_id)).status) == "refunded"


def test_server_error_is_shown_in_the_dialog(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    row = select_where(page, lambda r: r.total is not None and str(r.total) == "55.0")
    api(sandbox).payments.refund(str(row.payment_id), amount="50")  # someone else refunded
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("30")
    click(qtbot, dialog.ok_button)
    error = dialog.form_error
    qtbot.waitUntil(error.isVisible, timeout=WAIT)
    assert "exceeds" in error.text() or "excede" in error.text()
    assert dialog.isVisible() and dialog.amount.text() == "30"
    assert dialog.ok_button.isEnabled()


def test_request_payment_shows_a_qr_and_copies_the_link_then_mark_paid(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.CLIENTS, None) >= 5, timeout=WAIT)
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow, timeout=WAIT)
    page.search.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.search, Qt.Key.Key_N, ctrl_shift)  # the shortcut in the tooltip
    dialog = page.dialog
    assert isinstance(dialog, RequestPaymentDialog)

    click(qtbot, dialog.ok_button)  # nothing chosen yet: said next to each field
    for name in ("clientError", "itemsError"):
        label = dialog.findChild(QLabel, name)
        assert label is not None and label.isVisible(), name

    assert dialog.select_client("client_demo_juan")
    qtbot.keyClicks(dialog.service.line, "Cuaderno")
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)  # picks it; the quantity is next
    assert dialog.service.record_id() == "service_demo_cuaderno"
    assert dialog.focusWidget() is dialog.quantity
    dialog.quantity.clear()
    qtbot.keyClicks(dialog.quantity, "2")
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)  # adds the line, sends nothing
    assert dialog.lines.rowCount() == 1
    assert dialog.stack.currentWidget() is not dialog.link_view and not dialog.busy
    assert "Total: $90.00" in dialog.total_label.text()
    dialog.method_checks["oxxo"].setChecked(True)
    requests_before = len(sandbox.requests)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.link_view, timeout=WAIT)

    pixmap = dialog.link_view.qr.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 200
    url = dialog.link_view.link.text()
    assert url.startswith(sandbox.root_url) and "/pay/" in url
    click(qtbot, dialog.link_view.copy_button)
    assert QApplication.clipboard().text() == url

    sent = [r for r in sandbox.requests[requests_before:] if r.path.endswith("/payments/request")]
    assert len(sent) == 1
    assert sent[0].json["allowed_payment_methods"] == ["card", "bank", "oxxo"]
    assert sent[0].json["items"] == [{"id": "service_demo_cuaderno", "quantity": 2}]

    # The new payment is in the table at once, selected, with its link.
    row = page.selected()
    assert row is not None and row.status == "requires_payment_method"
    assert page.detail_labels["link"].text() == url
    dialog.reject()

    click(qtbot, page.mark_paid_button)
    paid = page.dialog
    assert isinstance(paid, MarkPaidDialog)
    paid.payment_form.setCurrentIndex(paid.payment_form.findData("03"))
    click(qtbot, paid.ok_button)
    qtbot.waitUntil(lambda: status_of(page, row.key) == "Pagado", timeout=WAIT)
    server = api(sandbox).payments.get(str(row.payment_id))
    assert str(server.status) == "succeeded" and server.payment_form == "03"


def test_actions_are_refused_offline(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, shell)
    select_where(page, lambda r: r.payment_id is not None)
    sandbox.go_down()
    try:
        shell.bridge.refresh([Resource.PAYMENTS])
        qtbot.waitUntil(lambda: page.offline_reason() is not None, timeout=WAIT)
        calls: list[object] = []
        monkeypatch.setattr(shell.bridge, "submit", lambda *a, **k: calls.append(a))
        for button in (page.cancel_button, page.refund_button, page.request_button):
            page.dialog = None
            click(qtbot, button)
            assert page.action_error.isVisible()
            assert "Sin conexión" in page.action_error.text()
            assert page.dialog is None  # no form opened
        assert calls == []
    finally:
        sandbox.come_up()


def test_qr_image_is_a_scannable_square(qtbot: QtBot) -> None:
    import segno
    from PySide6.QtGui import QColor

    from desktop.ui.qr import QUIET_ZONE, qr_image

    image = qr_image("https://pay.example/abc", size_px=240)
    assert image.width() == image.height() <= 240
    modules = int(segno.make("https://pay.example/abc", error="m", micro=False).symbol_size()[0])
    scale = image.width() // modules
    assert image.width() == modules * scale
    assert image.pixelColor(0, 0) == QColor("white")  # quiet zone
    corner = QUIET_ZONE * scale + scale // 2
    assert image.pixelColor(corner, corner) == QColor("black")  # finder pattern
    with pytest.raises(ValueError):
        qr_image("")


def _collected(page: PaymentsPage) -> str:
    text = page.count_label.text()
    return text.split("cobrado ", 1)[1].split(" ·", 1)[0]


def test_a_late_answer_leaves_the_sale_the_cashier_moved_on_to_selected(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog's "Cerrar" works while gigstack is answering: a cashier who closed it and
    chose another sale keeps that sale selected when the answer arrives (the answer used to
    select the payment it was for, so the next "Reembolsar" acted on the wrong sale)."""
    from decimal import Decimal

    page = open_page(qtbot, shell)
    monkeypatch.setattr(page, "ask_cancel_invoice", lambda _invoice: False)
    cancelled = select_where(page, lambda r: r.total == Decimal("98.0"))
    click(qtbot, page.cancel_button)
    dialog = page.dialog
    assert dialog is not None
    # No event is processed between these lines: the answer cannot land before the cashier
    # has closed the dialog and chosen another sale.
    dialog.ok_button.click()  # type: ignore[attr-defined]
    assert dialog.busy  # type: ignore[attr-defined]
    dialog.cancel_button.click()  # type: ignore[attr-defined]
    assert not dialog.isVisible()
    moved_to = select_where(page, lambda r: r.total == Decimal("55.0"))
    qtbot.waitUntil(
        lambda: shell.ctx.notices.last is not None and "cancelado" in shell.ctx.notices.last[0],
        timeout=WAIT,
    )
    assert status_of(page, cancelled.key) == "Cancelado"
    selected = page.selected()
    assert selected is not None and selected.key == moved_to.key
    assert page.refund_button.isVisible()  # the detail is the $55 sale's


def test_cobrado_nets_partial_refunds_and_leaves_cancellations_out(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decimal import Decimal

    from desktop.payment_rules import collected

    page = open_page(qtbot, shell)
    monkeypatch.setattr(page, "ask_cancel_invoice", lambda _invoice: False)  # keep the invoice
    page.date_range.setCurrentIndex(page.date_range.findData(DATE_ALL))
    rows = [page.model.row_at(n) for n in range(page.model.rowCount())]
    before = collected((r.status, {**r.record, "total": r.total}, r.in_queue) for r in rows)
    assert _collected(page) == f"${before.collected:,.2f}"

    cancelled = select_where(page, lambda r: r.total == Decimal("98.0"))
    click(qtbot, page.cancel_button)
    cancel_dialog = page.dialog
    assert cancel_dialog is not None
    click(qtbot, cancel_dialog.ok_button)  # type: ignore[attr-defined]
    # Wait for gigstack's answer (the dialog closes), not for the status: a refresh running
    # meanwhile may bring "Cancelado" sooner, and the answer still to come then selects the
    # cancelled payment again (`_show_written`), under the refund's feet.
    qtbot.waitUntil(lambda: not cancel_dialog.isVisible(), timeout=WAIT)
    assert status_of(page, cancelled.key) == "Cancelado"
    refunded = select_where(page, lambda r: r.total == Decimal("55.0"))
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("20,5")  # a Spanish keyboard's decimal comma: $20.50, never 205
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert status_of(page, refunded.key) == "Reemb. parcial"
    expected = before.collected - Decimal("98.00") - Decimal("20.50")
    assert _collected(page) == f"${expected:,.2f}"
    assert "reembolsado $20.50" in page.count_label.text()
    assert "· 1 cancelado" in page.count_label.text()  # singular: never "1 cancelados"
    assert "1 cancelados" not in page.count_label.text()
    # What is left to refund counts the first refund, whatever gigstack reports.
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    assert dialog.amount.text() == "34.50"
    dialog.reject()


def test_fiscal_column_sold_at_and_stamping_refused_offline(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    from desktop.payment_rules import Fiscal
    from desktop.store.outbox import OutboxState

    page = open_page(qtbot, shell)
    item = queue_payment(
        shell.core.outbox,
        {
            "client": {"id": "client_demo_publico"},
            "items": [{"id": "service_demo_lapiz", "quantity": 2}],
            "automation_type": "receipt",
            "payment_form": "01",
        },
    )
    shell.bridge.queue_changed.emit()
    queued = select_where(page, lambda r: r.folio == item.folio)
    assert queued.fiscal is Fiscal.QUEUED
    assert page.detail_labels["soldAt"].text()  # the sale's own moment, even while queued
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(item.id).state is OutboxState.SENT, timeout=WAIT)
    key = f"payment:{_server_id(shell, item.id)}"
    qtbot.waitUntil(lambda: page.select_key(key), timeout=WAIT)
    qtbot.waitUntil(
        lambda: (row := page.selected()) is not None and row.fiscal is Fiscal.RECEIPT_PENDING,
        timeout=WAIT,
    )
    assert "Recibo pendiente" in {r["Comprobante"] for r in visible_rows(page)}
    assert page.detail_labels["selfInvoice"].text().startswith("http")
    invoiced = {r["Comprobante"] for r in visible_rows(page) if r["Folio"] != item.folio}
    assert "Facturada" in invoiced  # the seed's invoiced payments
    sandbox.go_down()
    try:
        shell.bridge.refresh([Resource.PAYMENTS])
        qtbot.waitUntil(lambda: page.offline_reason() is not None, timeout=WAIT)
        page.dialog = None
        click(qtbot, page.stamp_button)
        assert "Sin conexión" in page.action_error.text()
        assert page.dialog is None
    finally:
        sandbox.come_up()


def test_a_refresh_that_forgets_the_refund_does_not_reset_the_limit(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    """gigstack may not report `refunded_amount` (REFERENCE §16.2): what this terminal refunded
    comes from its own till journal, so a refreshed record cannot reopen the refund limit."""
    from decimal import Decimal

    page = open_page(qtbot, shell)
    row = select_where(page, lambda r: r.total == Decimal("55.0"))
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("15")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)  # gigstack's answer is in
    assert status_of(page, row.key) == "Reemb. parcial"
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=WAIT)
    # A refresh writes gigstack's record as a server that says nothing about refunds would.
    cached = shell.core.cache.get(Resource.PAYMENTS, None, str(row.payment_id))
    assert cached is not None
    forgetful = {k: v for k, v in cached.items() if k != "refunded_amount"}
    forgetful["metadata"] = {
        k: v for k, v in (cached.get("metadata") or {}).items() if k != "refunds_sent"
    }
    shell.core.cache.upsert(Resource.PAYMENTS, None, [forgetful])
    page.reload()
    page.select_key(row.key)
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    assert dialog.amount.text() == "40.00"  # 55 - 15, not 55 again
    dialog.reject()


def test_a_storage_fault_while_noting_a_refund_reaches_the_notice_bar(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    """gigstack refunded; the write-through below the UI (lane thread) could not note it in the
    shift nor the cache: the cashier reads it in words, the dialog closes (it was done)."""
    import sqlite3

    page = open_page(qtbot, shell)
    row = select_where(page, lambda r: r.total is not None and str(r.total) == "55.0")
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("10")
    db = shell.core.db
    # Another program holds the database's write lock (a real SQLite lock); our connection
    # waits only a moment for it.
    with db.read() as conn:
        conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(str(db.path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        click(qtbot, dialog.ok_button)
        bar = shell.window.notice_bar
        qtbot.waitUntil(lambda: "no se pudo anotar en el turno" in bar.text, timeout=WAIT)
        assert "ocupada" in bar.text  # why, in words
        assert bar.level == "error"  # stays until the cashier closes it
        assert not dialog.isVisible()  # gigstack did it: nothing to retry in the dialog
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert shell.core.shifts.events() == []  # honest: the shift really misses it
    assert str(api(sandbox).payments.get(str(row.payment_id)).status) == "partially_refunded"


def test_the_answer_is_written_off_the_gui_thread_and_the_page_shows_it(
    qtbot: QtBot, shell: AppShell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagos hands gigstack's answer to `desktop.sync` (the op's write-through): it runs on a
    lane thread, and the page shows what it wrote."""
    import threading
    from decimal import Decimal

    import desktop.ui.payments_actions as actions
    from desktop.sync.writethrough import payment_answer

    threads: list[threading.Thread] = []

    def watched(*args: Any, **kwargs: Any) -> Any:  # the real function, its thread noted
        threads.append(threading.current_thread())
        return payment_answer(*args, **kwargs)

    monkeypatch.setattr(actions, "payment_answer", watched)
    page = open_page(qtbot, shell)
    row = select_where(page, lambda r: r.total is not None and str(r.total) == "55.0")
    click(qtbot, page.refund_button)
    dialog = page.dialog
    assert isinstance(dialog, RefundDialog)
    dialog.amount.setText("12,5")  # as a Mexican cashier may type it
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    events = shell.core.shifts.events()
    assert [(e.kind.value, e.amount, e.payment_id) for e in events] == [
        ("refund", Decimal("12.50"), row.payment_id)
    ]
    cached = shell.core.cache.get(Resource.PAYMENTS, None, str(row.payment_id))
    # gigstack's answer (a refresh that follows may replace it with gigstack's own copy).
    assert cached is not None and cached["status"] == "partially_refunded"
    assert status_of(page, row.key) == "Reemb. parcial"
    assert "Reembolsado $12.50" in page.detail_labels["totals"].text()


def test_a_sale_made_outside_a_till_is_named_short_on_screen() -> None:
    """A gigstack id as a pane title wrapped to three lines and moved the buttons under the
    cashier's pointer (a new user's trial): the start of the id stands for it."""
    from desktop.ui.formatting import sale_name

    assert sale_name("CAJA1-7", "payment_05a019698aeca023") == "CAJA1-7"
    assert sale_name("payment_05a019698aeca023", "payment_05a019698aeca023") == "05a01969…"
    assert sale_name(None, "payment_05a019698aeca023") == "05a01969…"
    assert sale_name(None, "payment_abc") == "abc"
