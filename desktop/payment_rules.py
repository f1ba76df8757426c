"""What may be done with a payment, how much of it can be refunded, what it collected, and how
it ended fiscally. Qt-free: the Pagos page shows and collects, these rules decide.

Payment records are read as gigstack (or an older gigstack, or the sandbox) sends them, so
every reader here accepts the variants REFERENCE.md §16.3 lists: invoice links in
`invoices[]` / `invoice_id` / `invoice.uuid`, a `receipt_id` (or an embedded `receipt`), and
`refunded_amount` present or not.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.money import AMOUNT_DECIMALS, MoneyError, decimals_of, format_money, parse_amount

ZERO = Decimal("0.00")

CANCELED_STATUSES = frozenset({"canceled", "cancelled"})
PAID_STATUSES = frozenset({"succeeded", "partially_refunded", "refunded"})
AWAITING_STATUSES = frozenset({"requires_payment_method", "pending"})


class Action(enum.StrEnum):
    """Things a cashier can do with a payment from Pagos."""

    CANCEL = "cancel"
    MARK_PAID = "mark_paid"
    REFUND = "refund"
    STAMP_RECEIPT = "stamp_receipt"  # the customer came back with their RFC
    REPRINT = "reprint"
    OPEN_QUEUE = "open_queue"


class Fiscal(enum.StrEnum):
    """How a sale ended fiscally, as far as we know now."""

    QUEUED = "queued"  # not in gigstack yet: no document can exist
    INVOICED = "invoiced"  # a CFDI to the client
    RECEIPT = "receipt"  # a receipt whose status we have not read yet
    RECEIPT_PENDING = "receipt_pending"  # the customer may still self-invoice
    RECEIPT_INVOICED = "receipt_invoiced"  # turned into a CFDI (self-invoice or from Pagos)
    RECEIPT_EXPIRED = "receipt_expired"  # too late to self-invoice; waits for the global
    RECEIPT_GLOBAL = "receipt_global"  # included in the period's global invoice
    RECEIPT_CANCELED = "receipt_canceled"
    NONE = "none"  # registered with no fiscal document


# Receipt statuses in public code (REFERENCE §16.1): pending, open, invoiced, completed,
# expired, cancelled; n8n also stamped, canceled. Unknown statuses read as "pending" only
# while the receipt is still valid; otherwise as expired.
_RECEIPT_STATUS = {
    "pending": Fiscal.RECEIPT_PENDING,
    "open": Fiscal.RECEIPT_PENDING,
    "invoiced": Fiscal.RECEIPT_INVOICED,
    "stamped": Fiscal.RECEIPT_INVOICED,
    "completed": Fiscal.RECEIPT_INVOICED,
    "expired": Fiscal.RECEIPT_EXPIRED,
    "cancelled": Fiscal.RECEIPT_CANCELED,
    "canceled": Fiscal.RECEIPT_CANCELED,
    "global": Fiscal.RECEIPT_GLOBAL,
    "global_invoice": Fiscal.RECEIPT_GLOBAL,
    "in_global_invoice": Fiscal.RECEIPT_GLOBAL,
}


def as_decimal(value: Any) -> Decimal | None:
    """A number from a server record (str, int, float, Decimal); None when it is not one."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def epoch(value: Any) -> float | None:
    """Epoch seconds from what a record carries: a number, ISO text, or Firestore
    `{_seconds}` (REFERENCE §16.3); milliseconds are recognised by their size."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        value = value.get("_seconds", value.get("seconds"))
        return epoch(value)
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number / 1000 if number > 1e11 else number
    text = str(value).strip()
    try:
        return epoch(float(text))
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


# -- links between a payment and its documents ---------------------------------------------------


def invoice_ids(record: Mapping[str, Any]) -> list[str]:
    """Every invoice linked to a payment, whichever field the server used (§16.3)."""
    ids: list[str] = []
    for entry in record.get("invoices") or []:
        if isinstance(entry, str) and entry:
            ids.append(entry)
        elif isinstance(entry, Mapping) and (entry.get("id") or entry.get("uuid")):
            ids.append(str(entry.get("id") or entry.get("uuid")))
    if record.get("invoice_id"):
        ids.append(str(record["invoice_id"]))
    invoice = record.get("invoice")
    if isinstance(invoice, Mapping) and (invoice.get("id") or invoice.get("uuid")):
        ids.append(str(invoice.get("id") or invoice.get("uuid")))
    elif isinstance(invoice, str) and invoice:
        ids.append(invoice)
    return list(dict.fromkeys(ids))


def receipt_id(record: Mapping[str, Any]) -> str | None:
    """The receipt gigstack created for a payment (`receipt_id`, or an embedded `receipt`)."""
    if record.get("receipt_id"):
        return str(record["receipt_id"])
    receipt = record.get("receipt")
    if isinstance(receipt, Mapping) and receipt.get("id"):
        return str(receipt["id"])
    if isinstance(receipt, str) and receipt:
        return receipt
    receipts = record.get("receipts")
    if isinstance(receipts, list) and receipts:
        first = receipts[0]
        if isinstance(first, Mapping) and first.get("id"):
            return str(first["id"])
        if isinstance(first, str):
            return first
    return None


def embedded_receipt(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """A receipt object carried inside a payment record (the register answer may embed it)."""
    receipt = record.get("receipt")
    return dict(receipt) if isinstance(receipt, Mapping) else None


def receipt_valid_until(receipt: Mapping[str, Any]) -> float | None:
    """`validUntil` (docs, epoch seconds) or `valid_until` (our client's model): both read."""
    for key in ("valid_until", "validUntil", "expires_at"):
        moment = epoch(receipt.get(key))
        if moment is not None:
            return moment
    return None


def receipt_url(receipt: Mapping[str, Any]) -> str | None:
    url = receipt.get("url") or receipt.get("self_invoice_url")
    return str(url) if url else None


def receipt_fiscal(receipt: Mapping[str, Any], now: float | None = None) -> Fiscal:
    """What a receipt's status (and validity) means for the sale."""
    if receipt.get("global_invoice") or receipt.get("global_invoice_id"):
        return Fiscal.RECEIPT_GLOBAL
    status = str(receipt.get("status") or "").strip().lower()
    found = _RECEIPT_STATUS.get(status)
    if found is Fiscal.RECEIPT_PENDING or found is None:
        until = receipt_valid_until(receipt)
        moment = time.time() if now is None else now
        if until is not None and until < moment:
            return Fiscal.RECEIPT_EXPIRED
        return Fiscal.RECEIPT_PENDING if found is not None else Fiscal.RECEIPT
    return found


def sale_fiscal(
    record: Mapping[str, Any],
    *,
    queued: bool = False,
    receipt: Mapping[str, Any] | None = None,
    now: float | None = None,
) -> Fiscal:
    """The fiscal state of one sale (a payment record, or a sale still in the queue)."""
    if queued:
        return Fiscal.QUEUED
    if invoice_ids(record):
        return Fiscal.INVOICED
    receipt = receipt if receipt is not None else embedded_receipt(record)
    if receipt is not None:
        return receipt_fiscal(receipt, now)
    if receipt_id(record):
        return Fiscal.RECEIPT
    if str(record.get("automation_type") or "") == "receipt":
        return Fiscal.RECEIPT  # asked for; its id has not reached us yet
    return Fiscal.NONE


# -- actions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefundLimit:
    total: Decimal
    refunded: Decimal

    @property
    def refundable(self) -> Decimal:
        return max(self.total - self.refunded, ZERO)


def refunded_amount(record: Mapping[str, Any]) -> Decimal:
    """What was refunded of a payment: gigstack's `refunded_amount` when it says, else the sum
    of the refunds this app sent (`metadata.refunds_sent`, written by Pagos after each refund;
    REFERENCE §16.2: `refunded_amount` appears in no gigstack source). A fully `refunded`
    payment with no figure counts its whole total."""
    told = as_decimal(record.get("refunded_amount"))
    metadata = record.get("metadata") if isinstance(record.get("metadata"), Mapping) else {}
    sent = ZERO
    for amount in (metadata or {}).get("refunds_sent") or []:
        sent += as_decimal(amount) or ZERO
    refunded = max(told or ZERO, sent)
    if str(record.get("status") or "") == "refunded" and not refunded:
        refunded = as_decimal(record.get("total")) or ZERO
    return refunded


def refund_limit(record: Mapping[str, Any]) -> RefundLimit:
    return RefundLimit(as_decimal(record.get("total")) or ZERO, refunded_amount(record))


def check_refund(text: str, limit: RefundLimit) -> Decimal:
    """The refund amount typed by the cashier, checked against what is left.

    Raises:
        MoneyError: `code` is one of money's codes or ``over_limit``.
    """
    amount = parse_amount(text, what="El monto")
    if decimals_of(amount) > AMOUNT_DECIMALS:
        raise MoneyError("El monto lleva a lo más dos decimales.", "too_many_decimals")
    if amount > limit.refundable:
        raise MoneyError(
            f"No puede ser mayor que {format_money(limit.refundable)} "
            f"(total del pago {format_money(limit.total)}).",
            "over_limit",
        )
    return amount


def with_refund(record: Mapping[str, Any], amount: Decimal) -> dict[str, Any]:
    """The record after this app refunded `amount` (kept in metadata, see `refunded_amount`)."""
    known = record.get("metadata")
    metadata = dict(known) if isinstance(known, Mapping) else {}
    metadata["refunds_sent"] = [*list(metadata.get("refunds_sent") or []), str(amount)]
    return {**record, "metadata": metadata}


def with_refunds_made_here(record: Mapping[str, Any], total: Decimal) -> dict[str, Any]:
    """The record knowing that this terminal refunded `total` of it in all (from its own
    journal): a cache refresh replaces the record with gigstack's, which may not say what was
    refunded (REFERENCE §16.2), and the refund limit must not forget it."""
    known = record.get("metadata")
    metadata = dict(known) if isinstance(known, Mapping) else {}
    sent = sum((as_decimal(a) or ZERO for a in metadata.get("refunds_sent") or []), ZERO)
    if total <= sent:
        return dict(record)
    metadata["refunds_sent"] = [str(total)]
    return {**record, "metadata": metadata}


def allowed_actions(
    status: str,
    *,
    in_queue: bool,
    fiscal: Fiscal,
    refundable: Decimal = ZERO,
) -> frozenset[Action]:
    """What Pagos offers for a payment in this state (every sale can be reprinted)."""
    actions = {Action.REPRINT}
    if in_queue:
        actions.add(Action.OPEN_QUEUE)
        return frozenset(actions)
    status = status.lower()
    if status not in CANCELED_STATUSES and status != "refunded":
        actions.add(Action.CANCEL)
    if status in AWAITING_STATUSES:
        actions.add(Action.MARK_PAID)
    if status in ("succeeded", "partially_refunded") and refundable > 0:
        actions.add(Action.REFUND)
    if fiscal in (Fiscal.RECEIPT_PENDING, Fiscal.RECEIPT) and status not in CANCELED_STATUSES:
        actions.add(Action.STAMP_RECEIPT)
    return frozenset(actions)


# -- money summaries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Collected:
    """What a list of payments brought in: net of refunds, cancellations left out."""

    count: int
    collected: Decimal  # paid minus refunded
    refunded: Decimal
    canceled: int
    waiting: int  # sales not in gigstack yet (their money is in the drawer all the same)
    waiting_total: Decimal


def collected(rows: Iterable[tuple[str, Mapping[str, Any], bool]]) -> Collected:
    """Sum (status, record, in_queue) rows the way the shift's "Cobrado" figure means it.

    A queued sale was paid at the counter: it counts as collected. A cancelled payment counts
    nothing; a partial refund counts what is left.
    """
    count = canceled = waiting = 0
    total = refunded = waiting_total = ZERO
    for status, record, in_queue in rows:
        count += 1
        amount = as_decimal(record.get("total")) or ZERO
        if in_queue:
            waiting += 1
            waiting_total += amount
            total += amount
            continue
        if status in CANCELED_STATUSES:
            canceled += 1
            continue
        if status not in PAID_STATUSES:
            continue
        back = min(refunded_amount({**record, "status": status}), amount)
        refunded += back
        total += amount - back
    return Collected(count, total, refunded, canceled, waiting, waiting_total)
