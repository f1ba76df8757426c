"""Income invoices (CFDI type I) as gigstack lists, gets and creates them (REFERENCE §5).

Read once, leniently: an invoice's id may be ``id`` or ``uuid`` (§2.10); the SAT folio fiscal
is ``stamp.uuid`` (sandbox and public code) or ``uuid`` itself when it has the fiscal format;
``taxes`` is a number, or a list of tax rows (§2.11); ``payment_complements`` is a count in
gigstack's CLI and a list elsewhere (§16.3); the create answer says ``stamped`` where lists say
``valid`` (§15.9). The payments an invoice covers are ``payments`` (ids or objects) and/or
``metadata.payments`` (comma-separated: what `desktop.invoicing` writes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.records._read import mapping, number, taxes_amount, text
from desktop.records.clients import ClientView
from desktop.records.payments import LineView, lines_of

FISCAL_UUID = re.compile(
    r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
)

# One status per meaning (REFERENCE §15.9: "stamped" on create, "valid" in lists).
_STATUS = {"stamped": "valid", "canceled": "cancelled"}


def epoch(value: Any) -> float | None:
    """Epoch seconds from a number, ISO text or a Firestore ``{_seconds}``; None otherwise."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Mapping):
        seconds = value.get("_seconds", value.get("seconds"))
        return float(seconds) if isinstance(seconds, int | float) else None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def invoice_folio(record: Mapping[str, Any]) -> str:
    """`A-123`, or the id's tail when the invoice has no series/folio yet."""
    series, folio = text(record.get("series")), text(record.get("folio_number"))
    if series and folio:
        return f"{series}-{folio}"
    if folio:
        return folio
    ident = text(record.get("id") or record.get("uuid"))
    return ident[-8:] if ident else "—"


def fiscal_uuid(record: Mapping[str, Any]) -> str:
    """The SAT folio fiscal: ``stamp.uuid``, else ``uuid`` when it has the fiscal format."""
    stamp = mapping(record.get("stamp"))
    if stamp.get("uuid"):
        return text(stamp["uuid"])
    value = text(record.get("uuid"))
    return value if FISCAL_UUID.match(value) else ""


def linked_payments(record: Mapping[str, Any]) -> tuple[str, ...]:
    ids: list[str] = []
    payments = record.get("payments")
    for entry in payments if isinstance(payments, list) else ():
        if isinstance(entry, str) and entry:
            ids.append(entry)
        elif isinstance(entry, Mapping) and entry.get("id"):
            ids.append(text(entry["id"]))
    listed = mapping(record.get("metadata")).get("payments")
    if isinstance(listed, str):
        ids.extend(p for p in listed.split(",") if p and p not in ids)
    return tuple(ids)


@dataclass(frozen=True)
class CancellationView:
    motive: str
    substitution_uuid: str
    cancelled_at: float | None


@dataclass(frozen=True)
class InvoiceView:
    """An income invoice from gigstack (list, get or create answer)."""

    id: str
    folio: str
    series: str
    fiscal_uuid: str
    status: str  # "valid", "cancelled", "pending", ... (one word per meaning)
    client: ClientView
    total: Decimal | None
    subtotal: Decimal | None
    taxes: Decimal | None
    currency: str
    payment_method: str
    payment_form: str
    use: str
    created: float | None
    stamped_at: float | None
    lines: tuple[LineView, ...]
    last_balance: Decimal | None
    complements: int
    payments: tuple[str, ...]
    cancellation: CancellationView | None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def client_name(self) -> str:
        """The razón social the invoice carries (next to its RFC), not the client's alias."""
        return self.client.fiscal_name

    @classmethod
    def from_record(cls, record: Any) -> InvoiceView:
        raw = mapping(record)
        status = text(raw.get("status"))
        complements = raw.get("payment_complements")
        if isinstance(complements, list):
            count = len(complements)
        elif isinstance(complements, int) and not isinstance(complements, bool):
            count = max(complements, 0)
        else:
            count = 0
        cancel = raw.get("cancellation")
        cancellation = None
        if isinstance(cancel, Mapping):
            cancellation = CancellationView(
                motive=text(cancel.get("motive")),
                substitution_uuid=text(cancel.get("substitution_uuid")),
                cancelled_at=epoch(cancel.get("cancelled_at")),
            )
        return cls(
            id=text(raw.get("id") or raw.get("uuid")),
            folio=invoice_folio(raw),
            series=text(raw.get("series")),
            fiscal_uuid=fiscal_uuid(raw),
            status=_STATUS.get(status, status),
            client=ClientView.from_record(raw.get("client")),
            total=number(raw.get("total")),
            subtotal=number(raw.get("subtotal")),
            taxes=taxes_amount(raw.get("taxes")),
            currency=text(raw.get("currency")) or "MXN",
            payment_method=text(raw.get("payment_method")),
            payment_form=text(raw.get("payment_form")),
            use=text(raw.get("use")),
            created=epoch(raw.get("created_at")),
            stamped_at=epoch(mapping(raw.get("stamp")).get("stamp_at")),
            lines=lines_of(raw),
            last_balance=number(raw.get("last_balance")),
            complements=count,
            payments=linked_payments(raw),
            cancellation=cancellation,
            raw=raw,
        )
