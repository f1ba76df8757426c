"""How a counter sale ends fiscally, end to end against the sandbox (issue 7 §3 and §5):

sale to público en general → gigstack answers with a receipt → the ticket PDF carries the
self-invoice QR → later, the customer comes back with their RFC and Pagos stamps the receipt
to them. Also: a ticket printed while the sale is queued says how to ask for the invoice, and
the reprint from Pagos once it is sent carries the QR; a full disk at F12 keeps the cart and
says the sale was NOT saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.payment_rules import Fiscal
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.errors import DiskFullError
from desktop.store.outbox import OutboxState
from desktop.ui import ticket
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.payments_page import PaymentsPage
from desktop.ui.qr import qr_image
from tests.pdf_tools import decoded_qr, pdf_text
from tests.ui.counter_helpers import barcode
from tests.ui.keyboard import press, scan

TIMEOUT = 15_000


def qr_resource(data: ticket.TicketData) -> QImage:
    doc = ticket.ticket_document(data, 80)
    image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(ticket.QR_URL))
    assert isinstance(image, QImage) and not image.isNull(), "the ticket carries no QR"
    return image


def fiscal_of(page: PaymentsPage) -> Fiscal | None:
    row = page.selected()
    return row.fiscal if row is not None else None


def payments_page(qtbot: QtBot, shell: AppShell) -> PaymentsPage:
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    return page


def test_public_sale_receipt_qr_on_the_ticket_then_stamped_from_pagos(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox, tmp_path: Path
) -> None:
    # 1. The cashier sees what the sale ends in before charging.
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    assert counter._client.is_public
    assert "Recibo" in counter.outcome_label.text()
    assert counter.outcome_label.property("outcome") == "receipt"
    press(qtbot, Qt.Key.Key_F12)
    row = shell.core.outbox.rows()[0]
    assert row.payload["automation_type"] == "receipt"
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )

    # 2. gigstack answered with a receipt; the counter reads it for the ticket.
    box = counter.last_sale_box
    qtbot.waitUntil(lambda: box.documents is not None, timeout=TIMEOUT)
    assert box.documents is not None and box.documents.receipt is not None
    url = str(box.documents.receipt["url"])
    assert url.startswith("http")
    assert "QR" in counter.last_sale_label.text()
    data = counter.ticket_data()
    assert data is not None and data.fiscal is not None
    assert data.fiscal.receipt_url == url
    assert data.fiscal.valid_until is not None
    text = ticket.ticket_text(data)
    assert "Factura tu compra" in text and "Válido hasta" in text
    # The QR drawn on the ticket is exactly the QR of the receipt's url.
    expected = qr_image(url, size_px=qr_resource(data).width())
    assert qr_resource(data) == expected

    pdf = tmp_path / "ticket.pdf"
    assert ticket.save_pdf(data, str(pdf), 80)
    content = pdf_text(pdf)
    if content is not None:
        assert "Factura tu compra" in content
        assert row.folio is not None and row.folio in content
    decoded = decoded_qr(pdf, tmp_path)
    if decoded is not None:
        assert decoded == url

    # 3. Pagos shows the sale's receipt, pending; the customer comes back with their RFC.
    page = payments_page(qtbot, shell)
    payment_id = shell.core.outbox.get(row.id).server_id
    key = f"payment:{payment_id}"
    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    assert "Recibo pendiente" in page.detail_labels["fiscal"].text()
    assert page.detail_labels["soldAt"].text()
    assert page.stamp_button.isVisible()

    from desktop.sandbox.seed import rfc

    customer_rfc = rfc("LOFL850312AB")
    qtbot.mouseClick(page.stamp_button, qt_left())
    dialog = page.dialog
    assert isinstance(dialog, CustomerInvoiceDialog)
    # Bad data is refused next to the fields before anything is sent.
    dialog.tax_id.setText("XAXX010101000")
    dialog.zip.setText("9")
    qtbot.mouseClick(dialog.ok_button, qt_left())
    assert dialog.tax_id_error.isVisible() and "genérico" in dialog.tax_id_error.text()
    assert dialog.zip_error.isVisible()
    assert dialog.legal_name_error.isVisible() and dialog.tax_system_error.isVisible()
    dialog.tax_id.setText(customer_rfc)
    dialog.legal_name.setText("Lorena Fuentes Lara")
    dialog.tax_system.setCurrentIndex(dialog.tax_system.findData("612"))
    dialog.zip.setText("06700")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, qt_left())

    receipt_id = str(box.documents.receipt["id"])
    team = sandbox.store.teams[sandbox.team]
    stored = team.receipts.get(receipt_id)
    assert stored is not None and stored["status"] == "invoiced"
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_INVOICED, timeout=TIMEOUT)
    assert not page.stamp_button.isVisible()  # nothing left to stamp
    assert "facturado" in page.model.index(page.table.currentIndex().row(), 6).data()


def test_queued_ticket_says_how_to_invoice_and_the_reprint_carries_the_qr(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.go_down()
    try:
        scan(qtbot, barcode(shell, "service_demo_lapiz"))
        row = counter.charge()
        assert row is not None
        data = counter.ticket_data()
        assert data is not None and data.fiscal is not None
        text = ticket.ticket_text(data)
        assert "Pide tu factura con el folio" in text and str(row.folio) in text
        assert data.fiscal.receipt_url is None
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    page = payments_page(qtbot, shell)
    payment_id = shell.core.outbox.get(row.id).server_id
    qtbot.waitUntil(lambda: page.select_key(f"payment:{payment_id}"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    copy = page.selected_ticket()
    assert copy is not None and copy.fiscal is not None
    assert copy.reprinted_at is not None
    assert copy.folio == row.folio
    assert copy.issued_at == pytest.approx(row.sold_at_epoch or row.created_at, abs=1)
    assert copy.fiscal.receipt_url
    assert "Factura tu compra" in ticket.ticket_text(copy)
    pdf = page.save_selected_ticket_pdf(str(tmp_path / "copy.pdf"))
    assert pdf is not None and Path(pdf).read_bytes().startswith(b"%PDF")
    decoded = decoded_qr(Path(pdf), tmp_path)
    if decoded is not None:
        assert decoded == copy.fiscal.receipt_url


def test_a_full_disk_at_f12_keeps_the_cart_and_says_the_sale_was_not_saved(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    from desktop.sales import queue_payment

    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    db = shell.core.db
    outbox = shell.core.outbox
    sandbox.go_down()  # rows stay as they are while the disk is full
    # A real SQLITE_FULL (tests/core/test_storage_faults.py): the file may not grow past its
    # current size, and its free space is used up by sales like the one on the counter.
    with db.read() as conn:
        conn.execute(f"PRAGMA max_page_count = {db.pragma('page_count')}")
    body = counter._draft().body()
    try:
        for _ in range(500):
            queue_payment(outbox, body)
    except DiskFullError:
        pass
    else:
        raise AssertionError("the database never filled up")
    try:
        before = len(outbox.rows())
        assert counter.charge() is None
        assert counter.cart.rowCount() == 2  # nothing the cashier scanned is lost
        assert counter.charge_error.isVisible()
        message = counter.charge_error.text()
        assert "NO se guardó" in message and "disco está lleno" in message
        assert "NO se guardó" in shell.window.notice_bar.text
        assert len(outbox.rows()) == before
    finally:
        with db.read() as conn:
            conn.execute("PRAGMA max_page_count = 1073741823")
        sandbox.come_up()
    # Space again: the same cart is charged, no restart needed.
    assert counter.charge() is not None
    assert counter.cart.rowCount() == 0


def test_read_only_database_at_f12_is_said_too(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    with shell.core.db.read() as conn:
        conn.execute("PRAGMA query_only = ON")
    try:
        assert counter.charge() is None
        assert counter.cart.rowCount() == 1
        assert "NO se guardó" in counter.charge_error.text()
        assert "solo lectura" in counter.charge_error.text()
    finally:
        with shell.core.db.read() as conn:
            conn.execute("PRAGMA query_only = OFF")


def test_change_is_shown_big_until_the_next_scan(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    counter.received_edit.setText("100")
    row = counter.charge()
    assert row is not None
    assert counter.change_due.isVisible()
    assert "$93.50" in counter.change_due.text()
    assert counter.code_edit.hasFocus()
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    assert not counter.change_due.isVisible()


def test_exact_money_shows_no_big_change(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    counter.received_edit.clear()  # "exacto": nothing to hand back
    row = counter.charge()
    assert row is not None
    assert not counter.change_due.isVisible()
    assert counter.code_edit.hasFocus()


def test_outcome_label_follows_client_and_facturar(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    from desktop.ui.counter_sale import SaleClient

    complete: dict[str, Any] = {
        "id": "client_x",
        "name": "Lorena Fuentes",
        "legal_name": "LORENA FUENTES LARA",
        "tax_id": "FULL850312TQ2",
        "tax_system": "612",
        "use": "G03",
        "address": {"zip": "06700"},
    }
    counter._set_client(SaleClient(complete))
    assert counter.outcome_label.property("outcome") == "receipt"
    counter.invoice_check.setChecked(True)
    assert counter.outcome_label.property("outcome") == "invoice"
    assert "Factura" in counter.outcome_label.text()
    incomplete = {k: v for k, v in complete.items() if k not in ("tax_system", "address")}
    counter._set_client(SaleClient(incomplete))
    assert counter.outcome_label.property("outcome") == "receipt"
    assert "régimen fiscal" in counter.outcome_label.text()
    assert "código postal" in counter.outcome_label.text()


def qt_left() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def test_unclaimed_receipt_ends_in_the_global_invoice_and_pagos_says_so(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    row = counter.charge()
    assert row is not None
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    page = payments_page(qtbot, shell)
    key = f"payment:{shell.core.outbox.get(row.id).server_id}"
    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    # gigstack's end-of-period run: nobody self-invoiced, so it goes into the global invoice.
    result = sandbox.close_period()
    assert result["receipts"]
    page.refresh_now()  # F5
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_GLOBAL, timeout=TIMEOUT)
    assert page.detail_labels["fiscal"].text() == "En la factura global"
    assert not page.stamp_button.isVisible()
    assert page.reprint_button.isVisible()  # a copy of the ticket is always possible


def test_invoiced_sale_prints_series_folio_and_fiscal_uuid(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    import re

    from desktop.ui.counter_sale import SaleClient

    mariana = shell.core.cache.get(Resource.CLIENTS, None, "client_demo_mariana")
    assert mariana is not None
    counter._set_client(SaleClient(mariana))
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    counter.invoice_check.setChecked(True)
    assert counter.outcome_label.property("outcome") == "invoice"
    row = counter.charge()
    assert row is not None and row.payload["automation_type"] == "pue_invoice"
    box = counter.last_sale_box
    qtbot.waitUntil(lambda: box.documents is not None, timeout=TIMEOUT)
    assert box.documents is not None and box.documents.invoice is not None
    data = counter.ticket_data()
    assert data is not None and data.fiscal is not None
    assert data.fiscal.outcome == "invoice"
    text = " ".join(ticket.ticket_text(data).split())
    assert "FACTURA (CFDI)" in text
    assert re.search(r"Serie-folio \w+-\d+", text)
    assert data.fiscal.invoice_uuid is not None
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", data.fiscal.invoice_uuid)
    assert data.fiscal.invoice_uuid in text
    assert "Facturada" in counter.last_sale_label.text()


def test_pagos_stamps_a_receipt_to_publico_en_general(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    press(qtbot, Qt.Key.Key_F12)
    row = shell.core.outbox.rows()[0]
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    page = payments_page(qtbot, shell)
    key = f"payment:{shell.core.outbox.get(row.id).server_id}"
    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    qtbot.mouseClick(page.stamp_button, qt_left())
    dialog = page.dialog
    assert isinstance(dialog, CustomerInvoiceDialog)
    dialog.set_public(True)
    assert not dialog.tax_id.isVisibleTo(dialog)  # no customer data asked for
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, qt_left())
    qtbot.waitUntil(lambda: fiscal_of(page) is Fiscal.RECEIPT_INVOICED, timeout=TIMEOUT)
    assert "público en general" in shell.window.notice_bar.text
    selected = page.selected()
    assert selected is not None and selected.receipt_id is not None
    stored = sandbox.store.teams[sandbox.team].receipts.get(selected.receipt_id)
    assert stored is not None and stored["status"] == "invoiced"
