"""Receipts: sales notes the customer can turn into a CFDI before they expire (REFERENCE §7,
§16.1). Read once, leniently, for the Recibos page, Pagos' detail and the ticket."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from desktop.payment_rules import epoch, receipt_url, receipt_valid_until
from desktop.records._read import mapping, number, taxes_amount, text
from desktop.records.clients import ClientView
from desktop.records.payments import payment_total

# Statuses seen in public code (REFERENCE §16.1): documented `pending`; also `open`, `invoiced`,
# `completed`, `expired`, `cancelled`; n8n also `stamped` and `canceled`. Both spellings of
# "cancelled" are accepted and read as one.
OPEN = frozenset({"pending", "open"})
# "expired" = its period ended and it waits for the global invoice; it counts as pending for it.
FOR_GLOBAL = frozenset({"pending", "open", "expired"})
INVOICED = frozenset({"invoiced", "stamped"})
CANCELLED = "cancelled"


#: gigstack's receipt periods are calendar periods in Mexico City time: fixed UTC-6 since
#: Mexico dropped daylight saving in 2022 (inferred: REFERENCE says nothing of the zone; the
#: sandbox uses the same). A fixed offset needs no tz database, which Windows lacks.
PERIOD_TZ = timezone(timedelta(hours=-6), "CST")


def last_valid_day(valid_until: float) -> date:
    """The last day a receipt can be self-invoiced, in the period's calendar.

    gigstack gives `validUntil` as an exclusive bound: a receipt of a monthly period is valid
    until the first instant of the next month (2026-12-01T00:00 for one valid through Nov 30).
    Shown as is it would read "01/12/2026", a day the receipt is no longer valid; so a bound
    exactly on the period's midnight gives the day before. A bound inside a day (17:59:59) is
    already inclusive and gives that day.

    The day is read in the period's zone (`PERIOD_TZ`), not the till's: a till in Cancún
    (UTC-5) or a computer left on UTC would see that midnight as 01:00 or 06:00 of the next
    day. The ticket, Pagos and Recibos all say this same day.
    """
    moment = datetime.fromtimestamp(float(valid_until), PERIOD_TZ)
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        moment -= timedelta(seconds=1)
    return moment.date()


def receipt_status(value: Any) -> str:
    """A receipt status, lower-cased, with `canceled` read as `cancelled`."""
    status = text(value).strip().lower()
    return CANCELLED if status == "canceled" else status


def _ids(*values: Any) -> tuple[str, ...]:
    """Ids from single values or lists of ids/objects (`id`, else `uuid`), once each, in order."""
    found: list[str] = []
    for value in values:
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            ident = entry.get("id") or entry.get("uuid") if isinstance(entry, Mapping) else entry
            if ident and not isinstance(ident, Mapping | list) and str(ident) not in found:
                found.append(str(ident))
    return tuple(found)


@dataclass(frozen=True)
class ReceiptView:
    """A receipt from gigstack (list, get, stamp or cancel answers, or embedded in a payment).

    Attributes:
        status: Lower case; `canceled` is read as `cancelled`.
        created: Epoch seconds of `created` (receipts' name, REFERENCE §15) or `created_at`.
        valid_until: Epoch seconds of `validUntil` (docs) or `valid_until` (our client).
        url: The self-invoice link (`url`, or `self_invoice_url`); "" when there is none.
        total: `total`, else `amount` in cents (as payments, REFERENCE §16.3); None if neither.
        client_name: What a person reads; a client given as plain text is shown as it is.
        invoice_ids: The CFDIs made from it (`invoice_id`, `invoices`), global one excluded.
        global_invoice_id: The period's global invoice that took it in, if any.
        payment_ids: The payments it records (`payment_id`, `payments`).
    """

    id: str
    status: str
    created: float | None
    valid_until: float | None
    url: str
    total: Decimal | None
    subtotal: Decimal | None
    taxes: Decimal | None
    currency: str
    payment_form: str
    client: ClientView
    client_name: str
    invoice_ids: tuple[str, ...]
    global_invoice_id: str | None
    payment_ids: tuple[str, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def last_day(self) -> date | None:
        """`last_valid_day` of `valid_until`; None when gigstack gave no bound."""
        return last_valid_day(self.valid_until) if self.valid_until is not None else None

    @property
    def is_open(self) -> bool:
        """The customer can still invoice it themselves (its QR works)."""
        return self.status in OPEN

    @property
    def for_global(self) -> bool:
        """Nobody invoiced it yet: it goes into the period's global invoice."""
        return self.status in FOR_GLOBAL and self.global_invoice_id is None

    @property
    def in_global(self) -> bool:
        return self.status == "completed" or self.global_invoice_id is not None

    @property
    def invoiced(self) -> bool:
        return self.status in INVOICED

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED

    @classmethod
    def from_record(cls, record: Any) -> ReceiptView:
        raw = mapping(record)
        client_value = raw.get("client")
        client = ClientView.from_record(client_value)
        # A client given as plain text (a name or an id) is shown as it is.
        client_name = client.display_name or text(client_value if client_value else "")
        global_value = raw.get("global_invoice_id") or raw.get("global_invoice")
        global_ids = _ids(global_value)
        global_id = global_ids[0] if global_ids else None
        invoices = tuple(
            i for i in _ids(raw.get("invoice_id"), raw.get("invoices")) if i != global_id
        )
        return cls(
            id=text(raw.get("id") or raw.get("uuid")),
            status=receipt_status(raw.get("status")),
            created=epoch(raw.get("created") or raw.get("created_at")),
            valid_until=receipt_valid_until(raw),
            url=receipt_url(raw) or "",
            total=payment_total(raw),
            subtotal=number(raw.get("subtotal")),
            taxes=taxes_amount(raw.get("taxes")),
            currency=text(raw.get("currency")) or "MXN",
            payment_form=text(raw.get("payment_form")),
            client=client,
            client_name=client_name,
            invoice_ids=invoices,
            global_invoice_id=global_id,
            payment_ids=_ids(raw.get("payment_id"), raw.get("payments")),
            raw=raw,
        )
