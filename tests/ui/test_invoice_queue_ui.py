"""Facturas offline (issue 11): the dialog says it will invoice when the connection is back,
queues the invoice, the Cola shows it, and the sender stamps it once gigstack is back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.invoicing import queue_invoice
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxKind, OutboxState
from desktop.ui.app import AppShell
from desktop.ui.invoice_dialogs import QUEUED, CreateInvoiceDialog
from desktop.ui.invoices_page import InvoicesPage
from desktop.ui.queue_dialogs import EditParkedDialog
from desktop.ui.queue_page import QueuePage
from tests.conftest import SANDBOX_KEY

WAIT = 10_000


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[GigstackClient]:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client


def ready(qtbot: QtBot, shell: AppShell) -> InvoicesPage:
    for resource in (Resource.CLIENTS, Resource.SERVICES):
        qtbot.waitUntil(lambda r=resource: shell.core.cache.count(r, None) >= 3, timeout=WAIT)
    shell.window.show()
    shell.window.show_page_named("invoices")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, InvoicesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=WAIT)
    return page


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


def come_back(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    sandbox.come_up()
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.bridge.online is True, timeout=WAIT)


def invoices_with(api: GigstackClient, local_id: str) -> list[Any]:
    return [
        i
        for i in api.invoices.list_income(metadata={"local_id": local_id})
        if (i.metadata or {}).get("local_id") == local_id
    ]


def only_invoice_row(shell: AppShell) -> Any:
    [row] = shell.core.outbox.rows_of_kind(OutboxKind.CREATE_INVOICE)
    return row


def test_offline_the_dialog_queues_and_the_invoice_is_stamped_when_back(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    page = ready(qtbot, shell)
    go_offline(qtbot, shell, sandbox)
    dialog = page.new_invoice()
    assert isinstance(dialog, CreateInvoiceDialog)
    assert dialog.offline_hint.isVisible()
    assert "Se facturará al volver la conexión" in dialog.offline_hint.text()
    assert dialog.ok_button.text() == "Poner en cola"
    qtbot.mouseClick(dialog.source_items, Qt.MouseButton.LeftButton)
    assert dialog.choose_client("client_demo_constructora")
    qtbot.keyClicks(dialog.service.line, "cuaderno")  # typed, then Enter picks it
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)
    assert dialog.service.record_id() == "service_demo_cuaderno"
    dialog.quantity.setValue(2)
    qtbot.mouseClick(dialog.add_line_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    row = only_invoice_row(shell)
    assert row.state in (OutboxState.PENDING, OutboxState.SENDING)  # kicked: tried, in vain
    assert row.idempotency_key == dialog.idempotency_key
    assert row.payload["client"] == {"id": "client_demo_constructora"}
    assert page.queued_rows == [row.id]

    # The Cola shows it, with words a cashier reads.
    shell.window.show_page_named("queue")
    queue = shell.window.stack.currentWidget()
    assert isinstance(queue, QueuePage)
    qtbot.waitUntil(lambda: queue.model.rowCount() >= 1, timeout=WAIT)
    shown = [queue.model.row_at(n) for n in range(queue.model.rowCount())]
    mine = next(r for r in shown if r.item.id == row.id)
    assert "Factura PUE" in mine.summary
    types = {queue.model.index(n, 1).data() for n in range(queue.model.rowCount())}
    assert "Factura" in types

    come_back(qtbot, shell, sandbox)
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)
    sent = shell.core.outbox.get(row.id)
    assert [i.id for i in invoices_with(api, row.local_id)] == [sent.server_id]


def test_an_invoice_from_a_queued_sale_waits_for_it(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    page = ready(qtbot, shell)
    go_offline(qtbot, shell, sandbox)
    sale = queue_payment(
        shell.core.outbox,
        {
            "client": {"id": "client_demo_juan"},
            "automation_type": "none",
            "payment_form": "04",
            "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
        },
    )
    dialog = page.new_invoice([sale.local_id])
    assert isinstance(dialog, CreateInvoiceDialog)
    [checked] = dialog.checked_payments()
    assert checked[QUEUED] == sale.local_id
    assert dialog.form_combo.currentData() == "04"  # the sale's form
    assert dialog.payment_refs() == [sale.local_id]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    row = only_invoice_row(shell)
    assert row.payload["metadata"]["payment_local_ids"] == sale.local_id
    # The same sale is not offered again while its invoice is queued.
    again = page.new_invoice()
    assert again is not None
    assert again.payment(sale.local_id) is None
    assert all(p.get(QUEUED) != sale.local_id for p in again.client_payments("client_demo_juan"))
    again.reject()

    come_back(qtbot, shell, sandbox)
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)
    sent_sale = shell.core.outbox.get(sale.id)
    [found] = invoices_with(api, row.local_id)
    assert (found.metadata or {}).get("payments") == sent_sale.server_id


def test_online_the_core_refuses_next_to_the_field_and_keeps_the_dialog(
    qtbot: QtBot, shell: AppShell
) -> None:
    page = ready(qtbot, shell)
    dialog = page.new_invoice()
    assert dialog is not None and not dialog.offline_hint.isVisible()
    qtbot.mouseClick(dialog.source_items, Qt.MouseButton.LeftButton)
    assert dialog.choose_client("client_demo_constructora")
    qtbot.keyClicks(dialog.service.line, "cuaderno")  # typed, then Enter picks it
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)
    assert dialog.service.record_id() == "service_demo_cuaderno"
    qtbot.mouseClick(dialog.add_line_button, Qt.MouseButton.LeftButton)
    dialog.series.addItem("serie mala", "serie mala")
    dialog.series.setCurrentIndex(dialog.series.findData("serie mala"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.series_error.isVisible()
    assert "serie" in dialog.series_error.text()
    assert dialog.isVisible() and dialog.line_list.count() == 1
    assert shell.core.outbox.rows_of_kind(OutboxKind.CREATE_INVOICE) == []
    dialog.reject()


def test_a_refused_invoice_is_parked_with_the_reason_and_edited_from_the_cola(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    ready(qtbot, shell)
    body = {
        "client": {"id": "client_gone_from_gigstack"},
        "items": [{"id": "service_demo_hojas", "quantity": 1}],
        "payment_form": "01",
        "use": "G03",
    }
    row = queue_invoice(shell.core.outbox, body)
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.PARKED, timeout=WAIT)
    shell.window.show_page_named("queue")
    queue = shell.window.stack.currentWidget()
    assert isinstance(queue, QueuePage)
    queue.reload()
    assert queue.select_id(row.id)
    assert "gigstack rechazó" in queue.detail_labels["error"].text()
    qtbot.mouseClick(queue.edit_button, Qt.MouseButton.LeftButton)
    dialog = queue.dialog
    assert isinstance(dialog, EditParkedDialog)
    dialog.tabs.setCurrentIndex(dialog.advanced_index)
    # The core's rules apply to an edit too: 99 is no PUE payment form.
    dialog.json.setPlainText(json.dumps({**body, "payment_form": "99"}))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert shell.core.outbox.get(row.id).state is OutboxState.PARKED
    dialog.json.setPlainText(json.dumps({**body, "client": {"id": "client_demo_juan"}}))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    edited = shell.core.outbox.get(row.id)
    assert edited.payload["metadata"]["local_id"] == row.local_id
    assert edited.idempotency_key != row.idempotency_key
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)
    assert [i.id for i in invoices_with(api, row.local_id)] == [
        shell.core.outbox.get(row.id).server_id
    ]
