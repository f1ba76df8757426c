"""Typed, read-only views of the records gigstack returns and the cache keeps (Qt-free).

Server and cached records are loose JSON: a total may be text, a number, missing (only
``amount`` in cents, REFERENCE §16.3) or nonsense; a line may carry ``total`` or only a unit
price. The views below read a raw record ONCE, leniently (never raising), into Decimal fields so
pages display them instead of re-deriving money from ``dict.get`` calls. Each view keeps `raw`
for what it does not model.

The line-amount rule lives here and only here: see `line_amount`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.money import CENT, MoneyError, to_decimal
from desktop.payment_rules import invoice_ids, receipt_id
from desktop.store.outbox import payment_sold_at

ONE = Decimal(1)
# What the server and the cache nearly always hold ("116.00"): read without the full parser,
# which costs ~25x more and would add ~0.2 s to a 50k-payment reload on the GUI thread. Other
# text (longer, grouped, "12,5") takes the full parser and its 40-character limit.
_PLAIN = re.compile(r"-?[0-9]{1,16}(?:\.[0-9]{1,20})?")


def number(value: Any) -> Decimal | None:
    """A Decimal from a record's value (str, int, float via its repr, Decimal); None otherwise.

    Lenient on purpose: a record is what the server said, not what a cashier typed, so text is
    read with the one parser (`desktop.money.to_decimal`: "1,234.50", "12,5") and anything that
    is not a finite, sane number (None, "", bools, "abc", NaN, 1e30) is None, never an error.
    """
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return Decimal(value)
    try:
        return to_decimal(value)
    except (MoneyError, ArithmeticError, ValueError, TypeError):
        return None


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, Mapping | list) else str(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def taxes_amount(value: Any) -> Decimal | None:
    """A record's taxes as one amount: a number, or a list of tax rows summed by `amount`."""
    if isinstance(value, list):
        total = Decimal(0)
        for tax in value:
            total += (number(tax.get("amount")) if isinstance(tax, Mapping) else None) or 0
        return total
    return number(value)


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
        raw = _mapping(item)
        quantity = number(raw.get("quantity"))
        taxes = raw.get("taxes")
        return cls(
            description=_text(raw.get("description") or raw.get("id") or ""),
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
class ClientView:
    """A client as a payment embeds it or as the clients list returns it."""

    id: str
    name: str
    legal_name: str
    rfc: str
    email: str
    tax_system: str
    use: str
    zip: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        """What a person reads: name, else legal name, else RFC, else id."""
        return self.name or self.legal_name or self.rfc or self.id

    @classmethod
    def from_record(cls, record: Any) -> ClientView:
        raw = _mapping(record)
        address = _mapping(raw.get("address"))
        # gigstack v2 says `tax_id`; older cached records may say `rfc` (both accepted).
        return cls(
            id=_text(raw.get("id")),
            name=_text(raw.get("name")),
            legal_name=_text(raw.get("legal_name")),
            rfc=_text(raw.get("tax_id") or raw.get("rfc")),
            email=_text(raw.get("email")),
            tax_system=_text(raw.get("tax_system")),
            use=_text(raw.get("use")),
            zip=_text(address.get("zip") or raw.get("zip")),
            raw=raw,
        )


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
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def client_name(self) -> str:
        return self.client.display_name

    @property
    def client_rfc(self) -> str:
        return self.client.rfc

    @classmethod
    def from_record(cls, record: Any) -> PaymentView:
        raw = _mapping(record)
        identifier = raw.get("id")
        return cls(
            id=str(identifier) if identifier else None,
            status=_text(raw.get("status")),
            client=ClientView.from_record(raw.get("client")),
            total=payment_total(raw),
            subtotal=number(raw.get("subtotal")),
            taxes=taxes_amount(raw.get("taxes")),
            payment_form=_text(raw.get("payment_form")),
            currency=_text(raw.get("currency")) or "MXN",
            sold_at=payment_sold_at(raw),
            invoice_ids=tuple(invoice_ids(raw)),
            receipt_id=receipt_id(raw),
            lines=lines_of(raw),
            raw=raw,
        )


@dataclass(frozen=True)
class ServiceView:
    """A product or service from the catalog cache."""

    id: str
    description: str
    unit_price: Decimal | None
    sku: str
    barcode: str
    product_key: str
    unit_key: str
    taxes: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_record(cls, record: Any) -> ServiceView:
        raw = _mapping(record)
        metadata = _mapping(raw.get("metadata"))
        taxes = raw.get("taxes")
        # The barcode may be a field of its own or sit in metadata (both accepted).
        barcode = raw.get("barcode") or metadata.get("barcode")
        return cls(
            id=_text(raw.get("id")),
            description=_text(raw.get("description")),
            unit_price=number(raw.get("unit_price")),
            sku=_text(raw.get("sku")),
            barcode=_text(barcode).strip(),
            product_key=_text(raw.get("product_key")),
            unit_key=_text(raw.get("unit_key")),
            taxes=tuple(t for t in taxes if isinstance(t, Mapping))
            if isinstance(taxes, list)
            else (),
            raw=raw,
        )
