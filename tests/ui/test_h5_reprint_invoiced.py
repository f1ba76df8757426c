"""Issue 10 §3 / issue 7 §3 (audit h5): reprinting from Pagos carries the sale's fiscal data.

tests/ui/test_fiscal_flow.py reprints a receipt sale (the QR). Here: a sale invoiced at the
counter, reprinted later from Pagos, prints "FACTURA (CFDI)", the series-folio and the fiscal
UUID gigstack stamped — and is marked as a copy, with the moment of the sale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.payment_rules import Fiscal
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.ui import ticket
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.counter_sale import SaleClient
from desktop.ui.payments_page import PaymentsPage
from tests.ui.counter_helpers import TIMEOUT, barcode
from tests.ui.keyboard import scan

UUID = re.compile(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}")


def test_an_invoiced_sale_reprinted_from_pagos_carries_series_folio_and_uuid(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, tmp_path: Path
) -> None:
    mariana = shell.core.cache.get(Resource.CLIENTS, None, "client_demo_mariana")
    assert mariana is not None
    counter._set_client(SaleClient(mariana))
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    counter.invoice_check.setChecked(True)
    row = counter.charge()
    assert row is not None and row.payload["automation_type"] == "pue_invoice"
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )

    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    key = f"payment:{shell.core.outbox.get(row.id).server_id}"
    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)

    def fiscal() -> Fiscal | None:
        selected = page.selected()
        return selected.fiscal if selected is not None else None

    qtbot.waitUntil(lambda: fiscal() is Fiscal.INVOICED, timeout=TIMEOUT)
    assert page.reprint_button.isVisible()
    assert not page.stamp_button.isVisible()  # nothing to stamp: it is invoiced

    # The reprint reads the invoice from gigstack (its UUID) before it is printed.
    def invoiced_copy() -> ticket.TicketData | None:
        copy = page.selected_ticket()
        if copy is None or copy.fiscal is None or not copy.fiscal.invoice_uuid:
            return None
        return copy

    qtbot.waitUntil(lambda: invoiced_copy() is not None, timeout=TIMEOUT)
    copy = invoiced_copy()
    assert copy is not None and copy.fiscal is not None
    assert copy.folio == row.folio
    assert copy.reprinted_at is not None
    assert copy.issued_at == pytest.approx(row.sold_at_epoch or row.created_at, abs=1)
    assert copy.fiscal.invoice_uuid is not None and UUID.fullmatch(copy.fiscal.invoice_uuid)
    text = " ".join(ticket.ticket_text(copy).split())
    assert "FACTURA (CFDI)" in text
    assert re.search(r"Serie-folio \w+-\d+", text)
    assert copy.fiscal.invoice_uuid in text
    assert "Factura tu compra" not in text  # no self-invoice QR on an invoiced sale

    pdf = page.save_selected_ticket_pdf(str(tmp_path / "copia.pdf"))
    assert pdf is not None and Path(pdf).read_bytes().startswith(b"%PDF")
