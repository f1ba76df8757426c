"""Issue 7 §3 (audit h5): Pagos shows a receipt that expired, not only pending / invoiced /
in the global invoice.

A counter sale to público en general ends in a receipt; its period ends before anyone
self-invoices it (the sandbox's receipt gets a `validUntil` in the past, as
tests/sandbox/test_sandbox_receipts.py does: a clock cannot be waited on in a test). After
F5, Pagos says "Recibo vencido", explains why it can no longer be invoiced to the customer,
and offers no "Facturar recibo…".
"""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from desktop.payment_rules import Fiscal
from desktop.sandbox import Sandbox
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.payments_page import PaymentsPage
from tests.ui.counter_helpers import TIMEOUT, barcode
from tests.ui.keyboard import scan


def test_an_expired_receipt_is_said_in_pagos_and_cannot_be_stamped(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    row = counter.charge()
    assert row is not None
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    key = f"payment:{shell.core.outbox.get(row.id).server_id}"

    def fiscal() -> Fiscal | None:
        selected = page.selected()
        return selected.fiscal if selected is not None else None

    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: fiscal() is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    assert page.stamp_button.isVisible()

    selected = page.selected()
    assert selected is not None and selected.receipt_id is not None
    team = sandbox.store.teams[sandbox.team]
    with sandbox.store.lock:  # the period ended with nobody self-invoicing
        record = dict(team.receipts.records[selected.receipt_id])
        record["validUntil"] = int(time.time()) - 1
        team.receipts.replace(record)

    page.refresh_now()  # F5
    qtbot.waitUntil(lambda: fiscal() is Fiscal.RECEIPT_EXPIRED, timeout=TIMEOUT)
    assert page.detail_labels["fiscal"].text() == "Recibo vencido"
    assert not page.stamp_button.isVisible()  # too late to invoice it to the customer
    assert page.action_notice.isVisible() and "factura global" in page.action_notice.text()
    assert page.reprint_button.isVisible()  # a copy of the ticket is still possible
