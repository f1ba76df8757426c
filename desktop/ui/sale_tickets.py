"""A sale's ticket from what we know of it: the outbox row, gigstack's payment, its receipt or
invoice. Used by the counter (the ticket of the sale just charged) and by Pagos (reprints).

`fetch_documents` runs on the page lane (it calls gigstack); everything else is plain data
shaping on the GUI thread.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import fiscal, records
from desktop.config import ConfigError, TerminalConfig
from desktop.fiscal.outcome import Outcome
from desktop.gigstack import GigstackClient, GigstackError
from desktop.payment_rules import (
    embedded_receipt,
    invoice_ids,
    receipt_id,
    receipt_url,
)
from desktop.records.receipts import ReceiptView
from desktop.rules.teams import integration_team_hint, own_team
from desktop.store.outbox import OutboxItem, OutboxState, payment_sold_at
from desktop.ui import ticket
from desktop.ui.counter_sale import shown_price, totals_view

log = logging.getLogger(__name__)

_SAT_UUID = re.compile(
    r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
)


@dataclass(frozen=True)
class SaleDocuments:
    """The fiscal documents gigstack made for one payment (raw records, as read).

    Attributes:
        payment: The payment as gigstack has it now (it may link documents made after the
            register answer).
        receipt: The receipt record, when the sale ended in one.
        invoice: The invoice record, when the sale was invoiced.
        problem: Why a document could not be read (Spanish), if it could not.
    """

    payment: dict[str, Any] = field(default_factory=dict)
    receipt: dict[str, Any] | None = None
    invoice: dict[str, Any] | None = None
    problem: str | None = None


def raw_record(model: Any) -> dict[str, Any]:
    """What the server sent for a parsed model (falls back to the model's JSON dump)."""
    raw = getattr(model, "_raw", None)
    if isinstance(raw, Mapping):
        return dict(raw)
    dump = getattr(model, "model_dump", None)
    return dict(dump(mode="json", exclude_none=True)) if callable(dump) else {}


def fetch_documents(api: GigstackClient, record: Mapping[str, Any]) -> SaleDocuments:
    """Read the receipt or invoice of a payment (lane thread).

    The register answer may already carry `receipt_id`/`invoice_id` (or an embedded receipt);
    if it carries neither, the payment is read again: gigstack may link them a moment later.
    A document that cannot be read leaves `problem` set instead of failing the ticket.
    """
    payment = dict(record)
    if not (receipt_id(payment) or invoice_ids(payment)) and payment.get("id"):
        payment = {**payment, **raw_record(api.payments.get(str(payment["id"])))}
    receipt = embedded_receipt(payment)
    invoice = None
    problem = None
    try:
        rid = receipt_id(payment)
        if rid and (receipt is None or not receipt_url(receipt)):
            receipt = raw_record(api.receipts.get(rid))
        ids = invoice_ids(payment)
        if ids:
            invoice = raw_record(api.invoices.get_income(ids[0]))
    except GigstackError as exc:
        log.info("fiscal documents of payment %s not read: %s", payment.get("id"), exc)
        problem = str(exc)
    return SaleDocuments(payment=payment, receipt=receipt, invoice=invoice, problem=problem)


def invoice_numbers(invoice: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """("Series-folio", SAT fiscal UUID) of an invoice record, as far as it says.

    The fiscal UUID is `stamp.uuid` (the sandbox and the CFDI), or `uuid` when that field
    holds a SAT UUID rather than gigstack's `invoice_…` id (REFERENCE §16.3: both are seen).
    """
    series = str(invoice.get("series") or invoice.get("serie") or "").strip()
    folio = str(invoice.get("folio_number") or invoice.get("folio") or "").strip()
    number = f"{series}-{folio}" if series and folio else (folio or None)
    stamp = invoice.get("stamp")
    fiscal_uuid = None
    if isinstance(stamp, Mapping) and stamp.get("uuid"):
        fiscal_uuid = str(stamp["uuid"])
    else:
        for key in ("fiscal_uuid", "uuid", "folio_fiscal"):
            value = str(invoice.get(key) or "")
            if _SAT_UUID.match(value):
                fiscal_uuid = value
                break
    return number, fiscal_uuid


def ticket_fiscal(
    outcome: str, *, sent: bool, documents: SaleDocuments | None, where: str
) -> ticket.TicketFiscal:
    """The ticket's fiscal block from the outcome the sale asked for and what gigstack made."""
    docs = documents or SaleDocuments()
    if docs.invoice is not None or invoice_ids(docs.payment):
        number, fiscal_uuid = invoice_numbers(docs.invoice or {})
        return ticket.TicketFiscal(
            Outcome.INVOICE.value,
            sent=sent,
            invoice_number=number,
            invoice_uuid=fiscal_uuid,
            where=where,
        )
    if docs.receipt is not None:
        receipt = ReceiptView.from_record(docs.receipt)
        return ticket.TicketFiscal(
            Outcome.RECEIPT.value,
            sent=sent,
            receipt_url=receipt.url or None,
            valid_until=receipt.valid_until,
            where=where,
        )
    return ticket.TicketFiscal(outcome, sent=sent, where=where)


def outcome_of(body: Mapping[str, Any]) -> str:
    """The outcome a register body asked for (its `automation_type`)."""
    automation = str(body.get("automation_type") or "")
    if automation in ("pue_invoice", "ppd_invoice_and_complement", "payment", "stamp_invoice"):
        return Outcome.INVOICE.value
    if automation == "receipt":
        return Outcome.RECEIPT.value
    return Outcome.NONE.value


def where_to_ask(business: Mapping[str, str]) -> str:
    """Where the customer asks for the invoice later: the shop's name and phone."""
    name = str(business.get("name") or "").strip()
    phone = str(business.get("phone") or "").strip()
    if name and phone:
        return f"{name} (Tel. {phone})"
    return name or (f"Tel. {phone}" if phone else "")


def row_status(row: OutboxItem | None) -> tuple[str, str | None]:
    return ticket.sale_status(row) if row is not None else ("Registrado", None)


def lines_of(record: Mapping[str, Any]) -> tuple[list[ticket.TicketLine], Any]:
    """Ticket lines and totals from a payment-shaped record (unit prices tax-included)."""
    views = records.lines_of(record)
    prices = [line.unit_price or Decimal(0) for line in views]
    taxes: list[list[Any]] = [[dict(t) for t in line.taxes] for line in views]
    priced = [
        {"quantity": line.quantity, "unit_price": price, "taxes": tax}
        for line, price, tax in zip(views, prices, taxes, strict=True)
    ]
    try:
        totals = fiscal.compute_totals(priced) if priced else None
    except (ValueError, ArithmeticError, TypeError):
        totals = None
    lines = []
    for n, line in enumerate(views):
        if totals is not None:
            amount = totals.lines[n].total
            unit = shown_price(prices[n], taxes[n])
        else:
            # The one line-amount rule (desktop.records): the line's total, else price x qty.
            amount = line.amount or Decimal(0)
            unit = prices[n]
        lines.append(ticket.TicketLine(line.description, line.quantity, unit, amount))
    return lines, totals


def reprint_data(
    record: Mapping[str, Any],
    *,
    folio: str,
    sold_at: float | None,
    row: OutboxItem | None,
    documents: SaleDocuments | None,
    business: Mapping[str, str],
    now: float,
    footer: str = "",
) -> ticket.TicketData:
    """A copy of a past sale's ticket (Pagos), with its fiscal block as known now."""
    lines, totals = lines_of(record)
    view = totals_view(totals) if totals is not None else None
    payment = records.PaymentView.from_record(record)
    client = payment.client
    tax_id = client.rfc
    public = not tax_id or tax_id.upper().startswith(("XAXX", "XEXX"))
    sent = row is None or row.state is OutboxState.SENT
    status, payment_id = row_status(row)
    if row is None or row.state is OutboxState.SENT:
        payment_id = payment.id or payment_id
    moment = sold_at
    if moment is None:
        parsed = payment_sold_at(record)
        moment = parsed.timestamp() if parsed is not None else None
    return ticket.TicketData(
        business_name=business.get("name", "") or "Mostrador",
        business_rfc=business.get("rfc", ""),
        business_address=business.get("address", ""),
        business_phone=business.get("phone", ""),
        folio=folio,
        issued_at=moment if moment is not None else now,
        client_name="" if public else client.name or client.legal_name,
        client_rfc="" if public else tax_id,
        lines=lines,
        subtotal=view.subtotal if view else payment.subtotal or Decimal(0),
        discount=view.discount if view else Decimal("0.00"),
        taxes=view.taxes if view else (),
        total=view.total if view else payment.total or Decimal(0),
        payment_form=payment.payment_form,
        status=status,
        payment_id=payment_id,
        fiscal=ticket_fiscal(
            outcome_of(record), sent=sent, documents=documents, where=where_to_ask(business)
        ),
        reprinted_at=now,
        footer=footer,
    )


def ticket_footer(data_dir: Path) -> str:
    """The shop's `ticket.footer` (config.json); empty when it cannot be read."""
    try:
        return str(TerminalConfig.load(data_dir).get("ticket.footer") or "")
    except (ConfigError, OSError):
        return ""


def ticket_business(api: GigstackClient, team: str | None) -> dict[str, str]:
    """The business data gigstack has for the ticket header (lane thread): the chosen team,
    else the key's own team — a best guess is fine here (`desktop.rules.teams`), it only
    names the shop on the ticket when the settings leave it empty."""
    if team:
        found = api.teams.get(team)
    else:
        try:
            hint = integration_team_hint(api.teams.integrations().model_extra)
        except GigstackError:
            hint = None
        teams = api.teams.list_page(limit=50).items
        # The key's `team` claim outranks gigstack's hints (desktop.rules.teams).
        own = own_team(teams, hint, claim=api.key_info.team, allow_guess=True)
        if own is None:
            return {}
        match = next((t for t in teams if t.id == own.team_id), None)
        found = match if match is not None else api.teams.get(own.team_id)
    alias = found.brand.alias if found.brand and found.brand.alias else None
    address = found.address
    parts: list[str] = []
    if address is not None:
        street = " ".join(p for p in (address.street, address.exterior) if p)
        parts = [
            p
            for p in (
                street,
                address.neighborhood,
                address.municipality,
                f"C.P. {address.zip}" if address.zip else None,
                address.city,
            )
            if p
        ]
    return {
        "name": alias or found.name or found.legal_name or "",
        "rfc": found.tax_id or "",
        "address": ", ".join(parts),
        "phone": found.support_phone or "",
        # The issuer's postal code (lugar de expedición): the counter's "Público en general"
        # carries it as its fiscal zip (Anexo 20, DomicilioFiscalReceptor for XAXX010101000).
        "zip": (address.zip or "") if address is not None else "",
    }


def print_problem(outcome: ticket.PrintOutcome) -> str | None:
    """What the cashier reads when a ticket did not print (None: printed, or they cancelled).

    Shown as an error notice (it stays until closed): a ticket that silently did not come out
    is a customer without their proof of purchase.
    """
    if outcome is ticket.PrintOutcome.NO_PRINTER:
        return QCoreApplication.translate(
            "SaleTickets",
            "No se imprimió el ticket: no hay impresora predeterminada. Elige una en el sistema "
            "o imprime con Ctrl+P.",
        )
    if outcome is ticket.PrintOutcome.FAILED:
        return QCoreApplication.translate(
            "SaleTickets",
            "No se pudo imprimir el ticket: la impresora no respondió. Revisa que esté "
            "encendida y conectada, o guarda el ticket como PDF.",
        )
    return None
