"""Every figure and name on screen and paper right (trial D4, D11, D12), with real parts: the
sandbox over loopback, the app's SQLite in a tmp folder, real widgets offscreen.

- A ticket reprinted from Pagos and the X/Z cortes print the team's business, as the counter's
  ticket does (one source: `desktop.ui.paper_business`), also offline from the kept copy.
- Turno's "Total" row adds up the rows above it; the X/Z paper never says "-$0.00".
- After "Facturar recibo", Pagos says the sale is invoiced with the invoice's series-folio and
  UUID (never gigstack's internal ids) and drops the self-invoice link; Facturas names the
  invoice's client by the razón social it carries, next to its RFC.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.config import TerminalConfig
from desktop.payment_rules import Fiscal
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.store.shifts import MoveKind
from desktop.ui import till_print
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.invoices_page import InvoicesPage
from desktop.ui.paper_business import (
    cached_team_business,
    paper_business,
    remember_team_business,
)
from desktop.ui.payments_page import PaymentsPage
from desktop.ui.shift_page import ShiftPage
from tests.pdf_tools import pdf_text
from tests.test_till import sale_body
from tests.ui.counter_helpers import TIMEOUT, barcode
from tests.ui.keyboard import scan

UUID = re.compile(r"[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}")
SHOP = "Papelería La Esquina"  # the sandbox team's name (desktop.sandbox.seed)


def _shift_page(shell: AppShell) -> ShiftPage:
    shell.window.show_page_named("shift")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ShiftPage)
    return page


def _payments_page(shell: AppShell) -> PaymentsPage:
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    return page


def _sell(qtbot: QtBot, shell: AppShell, counter: CounterPage, service: str) -> str:
    """A walk-in sale at the counter (a receipt); returns its gigstack payment id."""
    scan(qtbot, barcode(shell, service))
    row = counter.charge()
    assert row is not None
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    server_id = shell.core.outbox.get(row.id).server_id
    assert server_id
    return server_id


def test_reprint_and_x_z_cortes_carry_the_teams_business_like_the_counter(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, tmp_path: Path
) -> None:
    data_dir = shell.ctx.config.data_dir
    # The counter asked gigstack for the team once; the answer is kept for every paper.
    qtbot.waitUntil(
        lambda: cached_team_business(data_dir, shell.ctx.team).get("name") == SHOP,
        timeout=TIMEOUT,
    )
    kept = cached_team_business(data_dir, shell.ctx.team)
    assert kept["rfc"]  # the team's RFC
    shell.core.shifts.open(Decimal("200"), "Ana")

    payment_id = _sell(qtbot, shell, counter, "service_demo_cuaderno")
    counter_ticket = counter.ticket_data()
    assert counter_ticket is not None and counter_ticket.business_name == SHOP

    # Pagos → Ticket → Imprimir de nuevo: the same header as at the counter.
    page = _payments_page(shell)
    qtbot.waitUntil(lambda: page.select_key(f"payment:{payment_id}"), timeout=TIMEOUT)
    copy = page.selected_ticket()
    assert copy is not None
    assert copy.business_name == SHOP != "Mostrador"
    assert copy.business_rfc == counter_ticket.business_rfc == kept["rfc"]
    assert copy.business_address == counter_ticket.business_address

    # Turno → Corte X en PDF, and the Z at the close: the team's name and RFC on top.
    turno = _shift_page(shell)
    turno.activated()
    x_pdf = turno.save_x_pdf(str(tmp_path / "x.pdf"))
    assert x_pdf is not None
    x_text = pdf_text(Path(x_pdf))
    assert x_text is not None
    assert SHOP in x_text and kept["rfc"] in x_text and "Mostrador" not in x_text
    shift = shell.core.shifts.current()
    x = turno.x_report()
    assert shift is not None and x is not None
    shell.core.shifts.close(shift.id, [], {**x, "kind": "Z"}, closed_by="Ana")
    (closed,) = [s for s in shell.core.shifts.all() if not s.is_open]
    turno.reload()
    turno.history_table.selectRow(0)
    z_pdf = turno.save_selected_pdf(str(tmp_path / "z.pdf"))
    assert z_pdf is not None
    z_text = pdf_text(Path(z_pdf))
    assert z_text is not None and "CORTE Z" in z_text and SHOP in z_text
    assert closed.z_report is not None


def test_paper_business_ajustes_first_then_the_kept_team_then_mostrador(tmp_path: Path) -> None:
    # Nothing known: "Mostrador", nothing else.
    assert paper_business(tmp_path, "team_1") == {
        "name": "Mostrador",
        "rfc": "",
        "address": "",
        "phone": "",
    }
    # gigstack's answer kept (as the counter does): offline papers still name the shop.
    remember_team_business(
        tmp_path,
        "team_1",
        {"name": SHOP, "rfc": "LORF850312TQ1", "address": "Av. Juárez 5", "phone": "", "zip": "1"},
    )
    assert paper_business(tmp_path, "team_1")["name"] == SHOP
    assert paper_business(tmp_path, "team_1")["address"] == "Av. Juárez 5"
    assert paper_business(tmp_path, "team_2")["name"] == "Mostrador"  # per team
    # Ajustes' fields win over gigstack's, field by field.
    config = TerminalConfig.load(tmp_path)
    config.set("business.name", "La Esquina Centro")
    config.set("business.phone", "5512345678")
    config.save()
    business = paper_business(tmp_path, "team_1")
    assert business["name"] == "La Esquina Centro" and business["phone"] == "5512345678"
    assert business["rfc"] == "LORF850312TQ1"
    # A damaged kept copy is not a crash: the header falls back to Ajustes.
    (tmp_path / "team-business.json").write_text("{no json", encoding="utf-8")
    assert paper_business(tmp_path, "team_1")["rfc"] == ""


def test_turno_total_adds_up_its_rows_and_the_paper_never_says_minus_zero(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    core = shell.core
    core.shifts.open(Decimal("1500"), "Lupita")
    sandbox.faults.set(status_down=True)  # queued sales count the same
    queue_payment(core.outbox, sale_body("01", ("Tamal", 2, "25.50")))
    queue_payment(core.outbox, sale_body("04", ("Cuaderno", 1, "50.00")))
    queue_payment(core.outbox, sale_body("28", ("Café", 1, "115.00")))
    core.shifts.add_move(MoveKind.CASH_OUT, Decimal("500"), "Retiro a caja fuerte")
    page = _shift_page(shell)
    page.activated()
    table = page.forms_table
    rows = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    *forms, total = rows
    assert total[0] == "Total"

    def amount(text: str) -> Decimal:
        return Decimal(text.replace("$", "").replace(",", ""))

    # Every column of the Total row is the sum of the rows above it.
    for column in (2, 3, 4, 5):
        assert amount(total[column]) == sum(amount(r[column]) for r in forms), column
    assert sum(int(r[1]) for r in forms) == int(total[1])
    assert total[5] == "$1,216.00"  # cash 1,500 + 51 − 500; 50 and 115 by card
    assert page.expected_cash.text() == "$1,051.00"

    # The X report: no refunds, no cancellations, no cash in: "$0.00", never "-$0.00".
    report = page.x_report()
    assert report is not None
    text = till_print.report_text(report, {"name": SHOP})
    assert "-$0.00" not in text
    assert re.search(r"Cancelaciones \(0\)\s*\$0\.00", text)
    assert re.search(r"Reembolsos \(0\)\s*\$0\.00", text)
    assert "-$500.00" in text  # the cash out still reads as money that left
    assert "Esperado, todas las formas" in text and "$1,216.00" in text
    sandbox.faults.clear()


def test_after_stamping_a_receipt_pagos_says_invoiced_with_series_folio_and_uuid(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    payment_id = _sell(qtbot, shell, counter, "service_demo_cuaderno")
    page = _payments_page(shell)
    key = f"payment:{payment_id}"
    sale_folio = next(r.folio for r in shell.core.outbox.rows() if r.server_id == payment_id)
    qtbot.waitUntil(lambda: page.select_key(key), timeout=TIMEOUT)

    def fiscal() -> Fiscal | None:
        row = page.selected()
        return row.fiscal if row is not None else None

    qtbot.waitUntil(lambda: fiscal() is Fiscal.RECEIPT_PENDING, timeout=TIMEOUT)
    labels = page.detail_labels
    assert labels["selfInvoice"].text().startswith("http")  # the customer may self-invoice
    assert "receipt_" not in labels["fiscal"].text()

    from desktop.sandbox.seed import rfc

    page.stamp_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CustomerInvoiceDialog)
    dialog.tax_id.setText(rfc("PEPJ800101AB"))
    dialog.legal_name.setText("JOSE PEREZ PEREZ")
    dialog.tax_system.setCurrentIndex(dialog.tax_system.findData("612"))
    dialog.zip.setText("06700")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    # Pagos reads the new state: invoiced, with the invoice's series-folio and UUID.
    def invoice_line() -> str:
        page.select_key(key)
        return labels["invoices"].text()

    qtbot.waitUntil(lambda: UUID.search(invoice_line()) is not None, timeout=TIMEOUT)
    line = invoice_line()
    assert re.match(r"[A-Z]+-\d+ · UUID ", line), line
    assert "invoice_" not in line and "Sin factura" not in line
    assert fiscal() is Fiscal.RECEIPT_INVOICED
    folio = line.split(" · ")[0]
    assert labels["fiscal"].text() == f"Recibo facturado: {folio}"
    assert "invoice_" not in labels["fiscal"].text()
    assert labels["selfInvoice"].text() == "" or not labels["selfInvoice"].isVisible()
    assert not page.stamp_button.isVisible()
    # The cached payment now links the invoice (re-read, written through): it stays invoiced
    # after a restart, before any receipt is read again.
    cached = shell.core.cache.get(Resource.PAYMENTS, None, payment_id)
    assert cached is not None and (cached.get("invoices") or cached.get("invoice_id"))

    # Facturas: the client is the razón social the invoice carries, next to its RFC.
    shell.window.show_page_named("invoices")
    invoices = shell.window.stack.currentWidget()
    assert isinstance(invoices, InvoicesPage)
    invoices.reload()

    def row_of_folio() -> int | None:
        for n in range(invoices.model.rowCount()):
            if invoices.model.row_at(n).extra.get("folio") == folio:
                return n
        return None

    qtbot.waitUntil(lambda: row_of_folio() is not None, timeout=TIMEOUT)
    n = row_of_folio()
    assert n is not None
    assert invoices.model.index(n, 2).data() == "JOSE PEREZ PEREZ"
    assert invoices.model.index(n, 3).data() == rfc("PEPJ800101AB")
    # Its detail: the razón social first (not the walk-in name), the sale by its folio.
    assert invoices.select_id(invoices.model.row_at(n).id)
    detail = invoices.detail_labels
    assert detail["client"].text().splitlines()[0] == "JOSE PEREZ PEREZ"
    assert "Público en general" not in detail["client"].text()
    qtbot.waitUntil(lambda: detail["payments"].text() != "", timeout=TIMEOUT)
    assert detail["payments"].text() == f"Venta {sale_folio}"
