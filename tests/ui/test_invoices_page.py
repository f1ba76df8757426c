"""The Facturas page against the sandbox: list, detail, files, create, cancel, faults, offline."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.pin import ManagerPin
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.invoice_dialogs import CancelInvoiceDialog, CreateInvoiceDialog
from desktop.ui.invoices_page import InvoicesPage
from desktop.ui.manager_pin import PinDialog
from desktop.ui.sale_tickets import invoice_numbers

WAIT = 10_000


class OpenedUrls(QObject):
    """Stands in for the desktop's file viewer (no viewer exists on a test machine)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def viewer() -> Iterator[OpenedUrls]:
    handler = OpenedUrls()
    QDesktopServices.setUrlHandler("file", handler, "open")  # type: ignore[arg-type]
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def open_page(qtbot: QtBot, shell: AppShell) -> InvoicesPage:
    shell.window.show()
    shell.window.show_page_named("invoices")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, InvoicesPage)
    page.period.setCurrentIndex(page.period.findData("all"))
    qtbot.waitUntil(lambda: page.model.rowCount() >= 4, timeout=WAIT)
    return page


def select_folio(page: InvoicesPage, folio: str) -> None:
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        if row.extra["folio"] == folio:
            assert page.select_id(row.id)
            return
    raise AssertionError(f"no invoice {folio}")


def go_offline(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    sandbox.go_down()
    with qtbot.waitCallback(timeout=WAIT) as failed:
        shell.ctx.run_op(
            None,
            lambda c: c.invoices.list_income_page(limit=1),
            failed,
            on_error=failed,
            needs_online=False,
        )
    qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)


def test_lists_invoices_with_detail_and_filters(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    folios = {page.model.row_at(n).extra["folio"] for n in range(page.model.rowCount())}
    assert {"A-1", "A-2", "A-3", "MOS-1"} <= folios
    select_folio(page, "A-2")
    assert page.detail_title.text().startswith("Factura A-2")
    assert page.detail_labels["status"].text() == "Vigente"
    assert len(page.detail_labels["uuid"].text()) == 36  # the SAT folio fiscal
    assert page.cancel_button.isVisible()
    # The detail is completed with GET /invoices/income/{id}.
    invoice_id = page.selected().id  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: any(r.path.endswith(f"/invoices/income/{invoice_id}") for r in sandbox.requests),
        timeout=WAIT,
    )
    page.series_filter.setCurrentIndex(page.series_filter.findData("MOS"))
    shown = [page.model.row_at(n).extra["folio"] for n in range(page.model.rowCount())]
    assert "MOS-1" in shown and all(f.startswith("MOS-") for f in shown)
    page.series_filter.setCurrentIndex(0)
    page.search.setText("constructora")
    names = [page.model.index(n, 2).data() for n in range(page.model.rowCount())]
    # The razón social the invoice carries (legal names are upper case in the seed).
    assert names and all("constructora" in name.casefold() for name in names)


def test_download_pdf_and_xml_writes_and_opens_them(
    qtbot: QtBot, shell: AppShell, viewer: OpenedUrls
) -> None:
    page = open_page(qtbot, shell)
    select_folio(page, "A-1")
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(viewer.urls) == 1, timeout=WAIT)
    pdf = Path(viewer.urls[0].toLocalFile())
    assert pdf.parent == shell.config.data_dir / "facturas"
    assert pdf.read_bytes().startswith(b"%PDF")
    qtbot.mouseClick(page.xml_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(viewer.urls) == 2, timeout=WAIT)
    xml = Path(viewer.urls[1].toLocalFile())
    assert b"cfdi:Comprobante" in xml.read_bytes() or xml.read_bytes().startswith(b"<?xml")
    assert page.opened == [pdf, xml]


def test_cancel_needs_uuid_for_motive_01_then_cancels(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    page = open_page(qtbot, shell)
    select_folio(page, "A-2")
    invoice_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.cancel_selected()
    assert isinstance(dialog, CancelInvoiceDialog)
    explanation = dialog.findChild(type(dialog.form_error), "cancelExplanation")
    assert explanation is not None
    assert "no se devuelve" in explanation.text().lower()
    dialog.motive.setCurrentIndex(dialog.motive.findData("01"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.substitution_error.isVisible()
    assert "UUID" in dialog.substitution_error.text()
    assert api.invoices.get_income(invoice_id).status == "valid"  # nothing was sent

    dialog.motive.setCurrentIndex(dialog.motive.findData("02"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert api.invoices.get_income(invoice_id).status in ("cancelled", "canceled")
    assert page.detail_labels["status"].text() == "Cancelada"
    assert not page.cancel_button.isVisible()


def test_cancel_with_manager_pin(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    ManagerPin(shell.config.data_dir).set("4821")
    page = open_page(qtbot, shell)
    select_folio(page, "A-1")
    invoice_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.cancel_selected()
    assert dialog is not None
    typed: list[str] = []

    def answer(pin: str, then: str | None) -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PinDialog)
        modal.pin.setText(pin)
        typed.append(pin)
        modal.check()
        if then is not None:
            assert modal.error.text() == "PIN incorrecto."
            answer(then, None)

    QTimer.singleShot(0, lambda: answer("1111", "4821"))
    dialog.motive.setCurrentIndex(dialog.motive.findData("03"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert typed == ["1111", "4821"]
    assert api.invoices.get_income(invoice_id).status in ("cancelled", "canceled")


def test_cancel_refused_without_the_pin(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    ManagerPin(shell.config.data_dir).set("4821")
    page = open_page(qtbot, shell)
    select_folio(page, "A-1")
    invoice_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.cancel_selected()
    assert dialog is not None
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.form_error.isVisible()
    assert "encargado" in dialog.form_error.text()
    assert api.invoices.get_income(invoice_id).status == "valid"


def test_server_error_on_cancel_keeps_the_dialog(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    page = open_page(qtbot, shell)
    select_folio(page, "A-3")
    invoice_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.cancel_selected()
    assert dialog is not None
    sandbox.faults.set(error_rate=1.0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.form_error.isVisible, timeout=WAIT)
    assert "500" in dialog.form_error.text()
    assert dialog.isVisible()
    sandbox.faults.clear()
    assert api.invoices.get_income(invoice_id).status == "valid"


def test_create_invoice_from_a_payment(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.PAYMENTS, None) >= 3, timeout=WAIT)
    page = open_page(qtbot, shell)
    before = len(list(api.invoices.list_income(limit=100)))
    payment = next(
        p
        for _k, p in shell.core.cache.all(Resource.PAYMENTS, None)
        if not p.get("invoices") and (p.get("client") or {}).get("id") == "client_demo_ana"
    )
    dialog = page.new_invoice([payment["id"]])
    assert isinstance(dialog, CreateInvoiceDialog)
    assert dialog.checked_payments() and dialog.checked_payments()[0]["id"] == payment["id"]
    assert dialog.form_combo.currentData() == payment["payment_form"]
    # Público en general is never offered for a nominative invoice.
    assert dialog.client.matches("XAXX010101000") == []
    assert not dialog.choose_client("client_demo_publico")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    invoices = list(api.invoices.list_income(limit=100))
    assert len(invoices) == before + 1
    created = next(i for i in invoices if (i.metadata or {}).get("payments") == payment["id"])
    assert created.client is not None and created.client.id == "client_demo_ana"
    assert created.total == Decimal(str(payment["total"]))
    assert page.selected() is not None and page.selected().id == created.id  # type: ignore[union-attr]


def test_create_standalone_ppd_invoice_with_series(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.SERVICES, None) >= 3, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.CLIENTS, None) >= 3, timeout=WAIT)
    page = open_page(qtbot, shell)
    dialog = page.new_invoice()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.series.findData("MOS") >= 0, timeout=WAIT)
    qtbot.mouseClick(dialog.source_items, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.client_error.isVisible() and dialog.lines_error.isVisible()
    assert dialog.choose_client("client_demo_constructora")
    qtbot.keyClicks(dialog.service.line, "cuaderno")  # typed, then Enter picks it
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)
    assert dialog.service.record_id() == "service_demo_cuaderno"
    dialog.quantity.setValue(3)
    qtbot.mouseClick(dialog.add_line_button, Qt.MouseButton.LeftButton)
    assert dialog.line_list.count() == 1
    dialog.method.setCurrentIndex(dialog.method.findData("PPD"))
    assert dialog.form_combo.currentData() == "99" and not dialog.form_combo.isEnabled()
    # A series removed on gigstack since the list was read: gigstack answers 400 and the
    # dialog keeps everything typed.
    dialog.series.addItem("ZZZ", "ZZZ")
    dialog.series.setCurrentIndex(dialog.series.findData("ZZZ"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ZZZ" in dialog.form_error.text(), timeout=WAIT)
    assert "gigstack no aceptó" in dialog.form_error.text()
    assert dialog.line_list.count() == 1 and dialog.isVisible()
    dialog.series.setCurrentIndex(dialog.series.findData("MOS"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    created = next(iter(api.invoices.list_income(limit=1)))
    assert created.payment_method == "PPD" and created.series == "MOS"
    assert page.detail_labels["balance"].isVisible()


def test_offline_queues_new_invoices_and_keeps_the_list(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    shown = page.model.rowCount()
    go_offline(qtbot, shell, sandbox)
    # Issue 11: offline, a new invoice is queued (tests/ui/test_invoice_queue_ui.py).
    dialog = page.new_invoice()
    assert dialog is not None and dialog.offline_hint.isVisible()
    assert "volver la conexión" in dialog.offline_hint.text()
    dialog.reject()
    page.reload()
    qtbot.waitUntil(lambda: "anterior" in page.message.text(), timeout=WAIT)
    assert page.model.rowCount() == shown
    select_folio(page, "A-1")
    assert page.cancel_selected() is None
    assert "Sin conexión" in page.action_error.text()
    sandbox.come_up()


def test_cancel_an_invoice_by_id_not_yet_listed(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    page = open_page(qtbot, shell)
    fresh = api.invoices.create_income(
        {
            "client": {"id": "client_demo_constructora"},
            "items": [{"id": "service_demo_cuaderno", "quantity": 1}],
            "payment_form": "01",
            "payment_method": "PUE",
        }
    )
    assert fresh.id and page.select_id(fresh.id) is False
    page.cancel_invoice_by_id(fresh.id)
    qtbot.waitUntil(lambda: isinstance(page.dialog, CancelInvoiceDialog), timeout=WAIT)
    selected = page.selected()
    assert selected is not None and selected.id == fresh.id


def test_a_sale_delivered_meanwhile_shows_its_invoice(qtbot: QtBot, shell: AppShell) -> None:
    from desktop.sales import queue_payment

    page = open_page(qtbot, shell)
    before = page.model.rowCount()
    queue_payment(
        shell.core.outbox,
        {
            "client": {"id": "client_demo_constructora"},
            "automation_type": "pue_invoice",
            "payment_form": "03",
            "items": [{"id": "service_demo_cuaderno", "quantity": 2}],
        },
    )
    shell.bridge.notify_queue_changed()
    shell.bridge.kick()
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=WAIT)


def test_walk_in_sales_are_not_offered_for_a_new_invoice(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    """A sale that ended in a receipt goes to the global invoice (or is invoiced from its
    receipt): offering it here would bill it twice."""
    payments = [p.model_dump(mode="json", exclude_none=True) for p in api.payments.list(limit=100)]
    with_receipt = [p for p in payments if p.get("receipt_id")]
    assert with_receipt  # the seed's walk-in sale
    clients = [c.model_dump(mode="json", exclude_none=True) for c in api.clients.list(limit=100)]
    dialog = CreateInvoiceDialog(clients, [], with_receipt, [], None)
    qtbot.addWidget(dialog)
    walk_in = with_receipt[0]
    assert dialog.payment(walk_in["id"]) is None
    client_id = (walk_in.get("client") or {}).get("id")
    assert client_id and dialog.client_payments(client_id) == []
    offered = dialog.client.matches("", limit=100)
    assert offered
    assert all(c["tax_id"] not in ("XAXX010101000", "XEXX010101000") for c in offered)


def test_resend_by_email(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    page = open_page(qtbot, shell)
    select_folio(page, "A-2")
    invoice_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.send_selected()
    assert dialog is not None
    assert dialog.emails.text()  # the client's address to start with
    dialog.emails.setText("contabilidad@ejemplo")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "contabilidad@ejemplo" in dialog.emails_error.text()
    dialog.emails.setText("contabilidad@ejemplo.com; mariana@ejemplo.com")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def sent() -> list[Any]:
        return [r for r in sandbox.requests if r.path.endswith(f"/invoices/{invoice_id}/send")]

    qtbot.waitUntil(lambda: bool(sent()), timeout=WAIT)
    request = sent()[0]
    assert request.json == {"emails": ["contabilidad@ejemplo.com", "mariana@ejemplo.com"]}
    if 200 <= request.status < 300:
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        assert "enviada" in page.message.text()
    else:  # a gigstack without the resend route: said in words, nothing typed is lost
        qtbot.waitUntil(dialog.form_error.isVisible, timeout=WAIT)
        assert "gigstack no aceptó" in dialog.form_error.text()
        assert "mariana@ejemplo.com" in dialog.emails.text()


def test_cancelling_a_paid_sale_offers_to_cancel_its_invoice(
    qtbot: QtBot, shell: AppShell, api: GigstackClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.payments_page import PaymentsPage

    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.PAYMENTS, None) >= 3, timeout=WAIT)
    shell.window.show()
    shell.window.show_page_named("payments")
    payments = shell.window.stack.currentWidget()
    assert isinstance(payments, PaymentsPage)
    payments.reload()
    row = next(
        payments.model.row_at(n)
        for n in range(payments.model.rowCount())
        if payments.model.row_at(n).invoices and payments.model.row_at(n).status == "succeeded"
    )
    assert payments.select_key(row.key)
    invoice_id = row.invoices[0]
    asked: list[str] = []

    def ask(invoice: str) -> bool:  # the modal yes/no box: "Sí"
        asked.append(invoice)
        return True

    monkeypatch.setattr(payments, "ask_cancel_invoice", ask)
    # The note names the invoice by its series-folio (read with the sale's documents), never
    # by gigstack's internal id.
    read = payments.documents.documents
    qtbot.waitUntil(
        lambda: read.get(str(row.payment_id)) is not None
        and read[str(row.payment_id)].invoice is not None,
        timeout=WAIT,
    )
    invoice_record = read[str(row.payment_id)].invoice
    assert invoice_record is not None
    folio = invoice_numbers(invoice_record)[0]
    payments.cancel_selected()
    dialog = payments.dialog
    assert dialog is not None
    note = dialog.findChild(QLabel, "invoiceNote")
    assert note is not None and folio and folio in note.text() and "NO cancela" in note.text()
    assert invoice_id not in note.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: asked == [invoice_id], timeout=WAIT)
    assert api.payments.get(str(row.payment_id)).status in ("canceled", "cancelled")
    invoices = shell.window.stack.currentWidget()
    assert isinstance(invoices, InvoicesPage)
    qtbot.waitUntil(lambda: isinstance(invoices.dialog, CancelInvoiceDialog), timeout=WAIT)
    selected = invoices.selected()
    assert selected is not None and selected.id == invoice_id
    assert api.invoices.get_income(invoice_id).status == "valid"  # only after its own dialog
