"""Payments and their lines. The line-amount rule lives here and only here: `line_amount`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.money import CENT
from desktop.payment_rules import invoice_ids, receipt_id
from desktop.records._read import ONE, mapping, number, taxes_amount, text
from desktop.records.clients import ClientView
from desktop.store.outbox import payment_sold_at


def payment_total(record: Mapping[str, Any]) -> Decimal | None:
    """A payment's total: `total`, else `amount` in cents (REFERENCE §16.3); None if neither."""
    total = number(record.get("total"))
    if total is None:
        cents = number(record.get("amount"))
        if cents is not None:
            total = (cents / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return total


def line_amount(item: Mapping[str, Any]) -> Decimal | None:
    """THE line-amount rule, for every page and the ticket.

    The line's own `total` when it is a number; else unit price x quantity (quantity 1 when
    missing or not a number), to centavos; None when there is no unit price either (the caller
    shows nothing rather than a made-up $0.00).
    """
    total = number(item.get("total"))
    if total is not None:
        return total
    price = number(item.get("unit_price"))
    if price is None:
        return None
    quantity = number(item.get("quantity"))
    return (price * (ONE if quantity is None else quantity)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineView:
    """One item of a payment or invoice."""

    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal | None
    taxes: tuple[Mapping[str, Any], ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_record(cls, item: Any) -> LineView:
        raw = mapping(item)
        quantity = number(raw.get("quantity"))
        taxes = raw.get("taxes")
        return cls(
            description=text(raw.get("description") or raw.get("id") or ""),
            quantity=ONE if quantity is None else quantity,
            unit_price=number(raw.get("unit_price")),
            amount=line_amount(raw),
            taxes=tuple(t for t in taxes if isinstance(t, Mapping))
            if isinstance(taxes, list)
            else (),
            raw=raw,
        )


def lines_of(record: Mapping[str, Any]) -> tuple[LineView, ...]:
    """The record's `items` as lines; entries that are not objects are skipped."""
    items = record.get("items")
    if not isinstance(items, list):
        return ()
    return tuple(LineView.from_record(i) for i in items if isinstance(i, Mapping))


@dataclass(frozen=True)
class PaymentView:
    """A payment from gigstack, the cache or a queued sale's record."""

    id: str | None
    status: str
    client: ClientView
    total: Decimal | None
    subtotal: Decimal | None
    taxes: Decimal | None
    payment_form: str
    currency: str
    sold_at: datetime | None
    invoice_ids: tuple[str, ...]
    receipt_id: str | None
    lines: tuple[LineView, ...]
    local_id: str | None = None
    folio: str = ""
    short_url: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def client_name(self) -> str:
        return self.client.display_name

    @property
    def client_rfc(self) -> str:
        return self.client.rfc

    @classmethod
    def from_record(cls, record: Any) -> PaymentView:
        raw = mapping(record)
        identifier = raw.get("id")
        metadata = mapping(raw.get("metadata"))
        return cls(
            id=str(identifier) if identifier else None,
            status=text(raw.get("status")),
            client=ClientView.from_record(raw.get("client")),
            total=payment_total(raw),
            subtotal=number(raw.get("subtotal")),
            taxes=taxes_amount(raw.get("taxes")),
            payment_form=text(raw.get("payment_form")),
            currency=text(raw.get("currency")) or "MXN",
            sold_at=payment_sold_at(raw),
            invoice_ids=tuple(invoice_ids(raw)),
            receipt_id=receipt_id(raw),
            lines=lines_of(raw),
            local_id=text(metadata.get("local_id")) or None,
            # The counter's folio travels in metadata; a payment made elsewhere shows its id.
            folio=text(metadata.get("folio")) or (str(identifier) if identifier else ""),
            short_url=text(raw.get("short_url")),
            raw=raw,
        )
