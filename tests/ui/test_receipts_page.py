"""The Recibos page against the sandbox: list, validity, link and QR, stamp, cancel, global."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.receipts_page import ReceiptsPage

WAIT = 10_000


def new_receipt(api: GigstackClient, client_id: str, quantity: int = 1) -> str:
    receipt = api.receipts.create(
        {
            "client": {"id": client_id},
            "items": [{"id": "service_demo_cuaderno", "quantity": quantity}],
            "payment_form": "01",
        }
    )
    assert receipt.id
    return receipt.id


def open_page(qtbot: QtBot, shell: AppShell, count: int) -> ReceiptsPage:
    shell.window.show()
    shell.window.show_page_named("receipts")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ReceiptsPage)
    qtbot.waitUntil(lambda: len(page.model.all_rows()) >= count, timeout=WAIT)
    return page


def test_lists_receipts_and_sums_up_the_global_invoice(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    first = new_receipt(api, "client_demo_publico", 2)
    second = new_receipt(api, "client_demo_ana", 1)
    page = open_page(qtbot, shell, 3)
    pending = page.pending_for_global()
    assert {first, second} <= {r.id for r in pending}
    totals = sum((Decimal(str(r.record["total"])) for r in pending), Decimal(0))
    summary = page.global_summary.text()
    assert f"Para la factura global: {len(pending)} recibos" in summary
    assert f"${totals:,.2f}" in summary
    # The summary's first expiry is the day the rows (and the tickets) print, not the bound.
    headers = [
        page.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.model.columnCount())
    ]
    column = headers.index("Vence")
    days = {
        page.model.index(n, column).data()
        for n in range(page.model.rowCount())
        if page.model.row_at(n).id in {r.id for r in pending}
    }
    assert summary.rsplit("el primero vence ", 1)[1] in days
    page.status_filter.setCurrentIndex(page.status_filter.findData("global"))
    shown = {page.model.row_at(n).id for n in range(page.model.rowCount())}
    assert shown == {r.id for r in pending}
    page.status_filter.setCurrentIndex(page.status_filter.findData("completed"))
    completed = [page.model.row_at(n) for n in range(page.model.rowCount())]
    assert completed  # the seed's receipt already in a global invoice
    assert all(
        r.record.get("global_invoice_id") or r.record.get("status") == "completed"
        for r in completed
    )
    page.status_filter.setCurrentIndex(0)

    assert page.select_id(first)
    assert page.detail_labels["status"].text() == "Por facturar"
    assert "Vence" in page.detail_labels["validity"].text()
    assert page.qr.isVisible() and not page.qr.pixmap().isNull()
    url = page.detail_labels["link"].text()
    assert first in url
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == url
    big = page.show_big_qr()
    assert big is not None and big.view.link.text() == url
    big.reject()


def test_stamp_to_a_saved_client(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    receipt_id = new_receipt(api, "client_demo_publico")
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.CLIENTS, None) >= 3, timeout=WAIT)
    page = open_page(qtbot, shell, 2)
    assert page.select_id(receipt_id)
    dialog = page.stamp_selected()
    assert isinstance(dialog, CustomerInvoiceDialog)  # the same dialog as in Pagos
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.tax_id_error.text()  # nothing chosen or typed: said next to the RFC
    dialog.select_client("client_demo_constructora")  # fills the form with its fiscal data
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    stamped = api.receipts.get(receipt_id)
    assert stamped.status == "invoiced"
    invoice = api.invoices.get_income(stamped.invoice_ids[0])
    constructora = shell.core.cache.get(Resource.CLIENTS, None, "client_demo_constructora")
    assert constructora is not None
    # The customer's own fiscal data went with the stamp (not público en general's).
    assert invoice.client is not None and invoice.client.tax_id == constructora["tax_id"]
    assert page.detail_labels["status"].text() == "Facturado"
    assert not page.stamp_button.isVisible()


def test_stamp_typed_rfc_is_checked_and_public_works(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    receipt_id = new_receipt(api, "client_demo_publico")
    page = open_page(qtbot, shell, 2)
    assert page.select_id(receipt_id)
    dialog = page.stamp_selected()
    assert dialog is not None
    dialog.tax_id.setText("XAXX010101000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "público en general" in dialog.tax_id_error.text()
    assert "razón social" in dialog.legal_name_error.text()
    assert api.receipts.get(receipt_id).status == "pending"  # nothing sent
    dialog.set_public(True)
    assert not dialog.tax_id_error.isVisible() and dialog.public_hint.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    stamped = api.receipts.get(receipt_id)
    assert stamped.status == "invoiced"
    invoice = api.invoices.get_income(stamped.invoice_ids[0])
    assert invoice.client is not None and invoice.client.tax_id == "XAXX010101000"


def test_server_error_on_stamp_keeps_the_dialog(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    receipt_id = new_receipt(api, "client_demo_publico")
    page = open_page(qtbot, shell, 2)
    assert page.select_id(receipt_id)
    dialog = page.stamp_selected()
    assert dialog is not None
    dialog.set_public(True)
    sandbox.faults.set(error_rate=1.0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "500" in dialog.form_error.text(), timeout=WAIT)
    assert dialog.isVisible()
    sandbox.faults.clear()
    assert api.receipts.get(receipt_id).status == "pending"


def test_cancel_asks_first(
    qtbot: QtBot, shell: AppShell, api: GigstackClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    receipt_id = new_receipt(api, "client_demo_ana")
    page = open_page(qtbot, shell, 2)
    assert page.select_id(receipt_id)
    asked: list[str] = []

    def say_no(title: str, text: str, ok: str, action: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(page, "confirm", say_no)
    assert not page.cancel_selected()
    assert "no se devuelve" in asked[0].lower()
    assert api.receipts.get(receipt_id).status == "pending"
    monkeypatch.setattr(page, "confirm", lambda *args: True)
    assert page.cancel_selected()
    qtbot.waitUntil(lambda: page.detail_labels["status"].text() == "Cancelado", timeout=WAIT)
    assert api.receipts.get(receipt_id).status in ("canceled", "cancelled")
    assert receipt_id not in {r.id for r in page.pending_for_global()}


def test_offline_keeps_the_list_and_refuses_actions(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    receipt_id = new_receipt(api, "client_demo_ana")
    page = open_page(qtbot, shell, 2)
    sandbox.go_down()
    page.reload()
    qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)
    qtbot.waitUntil(lambda: "anterior" in page.message.text(), timeout=WAIT)
    # A sale delivered meanwhile makes the list stale; still "the previous list" on screen.
    page._on_queue_changed()
    page.say("")
    page.reload()
    qtbot.waitUntil(lambda: "anterior" in page.message.text(), timeout=WAIT)
    assert page.select_id(receipt_id)
    assert page.stamp_selected() is None
    assert "Sin conexión" in page.action_error.text()
    assert not page.cancel_selected()
    sandbox.come_up()
