"""The rows of the Pagos table: cached payments plus the sales still in the outbox.

Rows come from two local sources, both read on the GUI thread (fast SQLite reads):

- the cached payments (`Resource.PAYMENTS`, refreshed by the lanes; reloaded on
  `cache_updated`), and
- the sales still in the outbox (pending, sending or parked `register_payment` rows, plus sent
  rows the cache has not caught up with yet), so a sale never "disappears" between the counter
  and the next refresh.

Each row knows its fiscal outcome (`desktop.payment_rules.sale_fiscal`) and the moment it was
sold (`metadata.sold_at`, REFERENCE issue 7 §2: a sale made offline at 23:50 stays on its day).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop import fiscal
from desktop.payment_rules import (
    Fiscal,
    epoch,
    invoice_ids,
    receipt_id,
    refunded_amount,
    sale_fiscal,
)
from desktop.records import ClientView, LineView, PaymentView, number, payment_total
from desktop.records.receipts import INVOICED, ReceiptView
from desktop.store.outbox import OutboxItem, OutboxKind, OutboxState, payment_sold_at
from desktop.ui.action_dialog import payment_folio, payment_form_label
from desktop.ui.formatting import money, quantity, when

# Statuses of rows that gigstack does not have yet.
QUEUED = "queued"
PARKED = "parked"

STATUS_LABELS = {
    "succeeded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pagado")),
    "requires_payment_method": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente de pago")),
    "pending": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente")),
    "processing": str(QT_TRANSLATE_NOOP("PaymentsPage", "Procesando")),
    "failed": str(QT_TRANSLATE_NOOP("PaymentsPage", "Fallido")),
    "canceled": str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado")),
    "cancelled": str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado")),
    "refunded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolsado")),
    "partially_refunded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolso parcial")),
    QUEUED: str(QT_TRANSLATE_NOOP("PaymentsPage", "En cola")),
    PARKED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Detenido")),
}

# (code, label) for the status filter; "refunded" also finds partial refunds.
STATUS_FILTERS = (
    ("", str(QT_TRANSLATE_NOOP("PaymentsPage", "Todos los estados"))),
    ("succeeded", str(QT_TRANSLATE_NOOP("PaymentsPage", "Pagado"))),
    ("requires_payment_method", str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente de pago"))),
    ("canceled", str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado"))),
    ("refunded", str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolsado"))),
    (QUEUED, str(QT_TRANSLATE_NOOP("PaymentsPage", "En cola"))),
    (PARKED, str(QT_TRANSLATE_NOOP("PaymentsPage", "Detenido"))),
)

DATE_TODAY, DATE_7, DATE_30, DATE_ALL, DATE_CUSTOM = "today", "7", "30", "all", "custom"

REFRESH_EVERY_SECONDS = 60.0


FISCAL_LABELS = {
    Fiscal.QUEUED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Por crear")),
    Fiscal.INVOICED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Facturada")),
    Fiscal.RECEIPT: str(QT_TRANSLATE_NOOP("PaymentsPage", "Recibo")),
    Fiscal.RECEIPT_PENDING: str(QT_TRANSLATE_NOOP("PaymentsPage", "Recibo pendiente")),
    Fiscal.RECEIPT_INVOICED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Recibo facturado")),
    Fiscal.RECEIPT_EXPIRED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Recibo vencido")),
    Fiscal.RECEIPT_GLOBAL: str(QT_TRANSLATE_NOOP("PaymentsPage", "En la factura global")),
    Fiscal.RECEIPT_CANCELED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Recibo cancelado")),
    Fiscal.NONE: str(QT_TRANSLATE_NOOP("PaymentsPage", "Sin comprobante")),
}


@dataclass(frozen=True)
class PaymentRow:
    """One line of the table: a cached payment or a sale still in the outbox.

    `record` is payment-shaped either way (for queued sales it is built from the outbox body,
    with client and item names filled in from the cache), so the detail reads one shape.
    `receipt` is the sale's receipt record once read from gigstack (its status moves on).
    """

    record: dict[str, Any]
    status: str
    created: float | None
    outbox: OutboxItem | None = None
    total: Decimal | None = field(default=None)
    receipt: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        if self.outbox is not None and self.status in (QUEUED, PARKED):
            return f"outbox:{self.outbox.id}"
        return f"payment:{self.record.get('id')}"

    @property
    def in_queue(self) -> bool:
        return self.status in (QUEUED, PARKED)

    @property
    def payment_id(self) -> str | None:
        if self.in_queue:
            return None
        value = self.record.get("id")
        return str(value) if value else None

    @property
    def folio(self) -> str:
        if self.outbox is not None and self.outbox.folio:
            return self.outbox.folio
        return payment_folio(self.record)

    @property
    def sold_at(self) -> float | None:
        """When the sale was made: `metadata.sold_at` (the counter's moment), else the queue
        row's moment, else gigstack's `created_at`."""
        moment = payment_sold_at(self.record)
        if moment is not None:
            return moment.timestamp()
        if self.outbox is not None and self.outbox.sold_at_epoch is not None:
            return self.outbox.sold_at_epoch
        return self.created

    @property
    def client(self) -> Mapping[str, Any]:
        client = self.record.get("client")
        return client if isinstance(client, Mapping) else {}

    @property
    def client_view(self) -> ClientView:
        """The client, typed. Not kept: 50k rows each holding one would cost megabytes, and
        reading it again is cheap (the table shows a screenful; search keys are made once)."""
        return ClientView.from_record(self.client)

    @property
    def client_name(self) -> str:
        return self.client_view.display_name

    @cached_property
    def view(self) -> PaymentView:
        """The record read once into typed fields (built on demand: the table has 50k rows)."""
        return PaymentView.from_record(self.record)

    @cached_property
    def receipt_view(self) -> ReceiptView | None:
        """The sale's receipt as read from gigstack (None until it is)."""
        return ReceiptView.from_record(self.receipt) if self.receipt is not None else None

    @property
    def local_id(self) -> str | None:
        """The sale's local id: the queue row's, else the one gigstack kept in metadata."""
        if self.outbox is not None and self.outbox.local_id:
            return self.outbox.local_id
        metadata = self.record.get("metadata")
        value = metadata.get("local_id") if isinstance(metadata, Mapping) else None
        return str(value) if value else None

    @property
    def payment_form(self) -> str:
        return str(self.record.get("payment_form") or "")

    @property
    def invoices(self) -> list[str]:
        """The invoices of the sale: the payment's links, plus the one its receipt was stamped
        into (read from gigstack; the cached payment may not link it yet)."""
        ids = invoice_ids(self.record)
        receipt = self.receipt_view
        if receipt is not None:
            ids += [i for i in receipt.invoice_ids if i not in ids]
        return ids

    @property
    def receipt_id(self) -> str | None:
        receipt = self.receipt_view
        if receipt is not None and receipt.id:
            return receipt.id
        return receipt_id(self.record)

    @property
    def fiscal(self) -> Fiscal:
        state = sale_fiscal(self.record, queued=self.in_queue, receipt=self.receipt)
        receipt = self.receipt_view
        # The payment links the invoice its receipt was stamped into ("Facturar recibo", or
        # the customer's self-invoice): still "Recibo facturado", as before gigstack linked
        # it, not a different word once the payment is read again.
        if (
            state is Fiscal.INVOICED
            and receipt is not None
            and receipt.status in INVOICED
            and set(invoice_ids(self.record)) <= set(receipt.invoice_ids)
        ):
            return Fiscal.RECEIPT_INVOICED
        return state

    @property
    def fiscal_label(self) -> str:
        return FISCAL_LABELS[self.fiscal]

    @property
    def refunded(self) -> Decimal:
        return refunded_amount({**self.record, "status": self.status})

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def search_text(self) -> str:
        c = self.client_view
        return " ".join(
            str(x or "")
            for x in (
                self.folio,
                self.record.get("id"),
                self.local_id,
                c.display_name,
                c.legal_name,
                c.rfc,
                c.email,
                payment_form_label(self.payment_form),
                self.status_label,
                self.fiscal_label,
                " ".join(self.invoices),
                money(self.total),
            )
        )


def rows_from_sources(
    cached: list[dict[str, Any]],
    outbox_rows: list[OutboxItem],
    clients: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
    receipts: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[PaymentRow]:
    """Cached payments plus the outbox's sales that the cache does not show yet.

    `receipts` are receipt records already read from gigstack, by receipt id.
    """
    known_receipts = receipts or {}

    def receipt_of(record: Mapping[str, Any]) -> dict[str, Any] | None:
        rid = receipt_id(record)
        found = known_receipts.get(rid) if rid else None
        return dict(found) if found is not None else None

    rows = [
        PaymentRow(
            record=p,
            status=str(p.get("status") or ""),
            created=epoch(p.get("created_at")),
            total=payment_total(p),
            receipt=receipt_of(p),
        )
        for p in cached
    ]
    known = {str(p.get("id")) for p in cached}
    by_local = {
        str(p["metadata"]["local_id"]): p
        for p in cached
        if isinstance(p.get("metadata"), Mapping) and p["metadata"].get("local_id")
    }
    for item in outbox_rows:
        if item.kind is not OutboxKind.REGISTER_PAYMENT:
            continue
        if item.state is OutboxState.DISCARDED:
            continue
        if item.state is OutboxState.SENT:
            if (item.server_id and item.server_id in known) or item.local_id in by_local:
                continue
            response = dict(item.response or {})
            if not response:
                continue
            rows.append(
                PaymentRow(
                    record=response,
                    status=str(response.get("status") or "succeeded"),
                    created=item.created_at,
                    outbox=item,
                    total=payment_total(response),
                    receipt=receipt_of(response),
                )
            )
            continue
        record = queued_record(item, clients, services)
        rows.append(
            PaymentRow(
                record=record,
                status=PARKED if item.state is OutboxState.PARKED else QUEUED,
                created=item.created_at,
                outbox=item,
                total=number(record.get("total")),
            )
        )
    return rows


def queued_record(
    item: OutboxItem,
    clients: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    body = item.payload
    client = dict(body.get("client") or {})
    if client.get("id") and str(client["id"]) in clients:
        client = {**clients[str(client["id"])], **client}
    items = []
    for raw in body.get("items") or []:
        line = dict(raw)
        service = services.get(str(line.get("id"))) if line.get("id") else None
        if service is not None:
            for name in ("description", "unit_price", "taxes", "unit_name"):
                line.setdefault(name, service.get(name))
        items.append(line)
    record: dict[str, Any] = {
        "id": None,
        "client": client,
        "items": items,
        "payment_form": body.get("payment_form"),
        "metadata": body.get("metadata") or {},
        "automation_type": body.get("automation_type"),
        "invoices": [],
    }
    try:
        totals = fiscal.compute_totals(items)
    except (ValueError, TypeError, ArithmeticError):
        return record
    record.update(
        subtotal=str(totals.subtotal), total=str(totals.total), taxes=str(totals.transferred)
    )
    return record


def short_when(moment: float | None) -> str:
    """`24/11 14:05` for this year's dates (the table is about recent sales), else `when()`."""
    if moment is None:
        return ""
    local = datetime.fromtimestamp(moment).astimezone()
    if local.year == datetime.now().astimezone().year:
        return local.strftime("%d/%m %H:%M")
    return when(moment)


def form_name(code: str) -> str:
    """The SAT description alone for the table (the code is in the tooltip and the detail)."""
    label = payment_form_label(code)
    return label.split(" — ", 1)[1] if " — " in label else label


def items_html(lines: tuple[LineView, ...]) -> str:
    """The items as a small table; amounts by the one line rule (`desktop.records`)."""
    if not lines:
        return "—"
    row = "<tr><td>{q} ×&nbsp;</td><td>{d}</td><td align='right'>&nbsp;{a}</td></tr>"
    rows = [
        row.format(
            q=escape(quantity(line.quantity)),
            d=escape(line.description),
            a=escape(money(line.amount)),
        )
        for line in lines
    ]
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"
