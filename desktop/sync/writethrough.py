"""Server answers go into the local cache here, for the CLI and the app alike (issue 8 §2).

When the sender marks a row sent, the record gigstack answered with is written into `Cache`
for the row's team: a client created by the CLI's `sync` is in the counter's client search the
next time the app opens, without a refresh and without a page having seen it happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.payment_rules import PAID_STATUSES, refund_limit, with_refund
from desktop.store.cache import Cache, Resource
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxItem, OutboxKind, OutboxState
from desktop.store.shifts import EventKind, Shifts, TillEvent

RESOURCE_OF: dict[OutboxKind, Resource] = {
    OutboxKind.REGISTER_PAYMENT: Resource.PAYMENTS,
    OutboxKind.CREATE_CLIENT: Resource.CLIENTS,
    OutboxKind.UPDATE_CLIENT: Resource.CLIENTS,
    OutboxKind.CREATE_SERVICE: Resource.SERVICES,
    OutboxKind.UPDATE_SERVICE: Resource.SERVICES,
}

# Request-only fields that are not part of the record the server keeps.
_REQUEST_ONLY = ("search", "idempotency_key")


def sent_record(
    item: OutboxItem, server_id: str | None, response: Mapping[str, Any], cache: Cache
) -> dict[str, Any] | None:
    """The record to cache for a sent row; None when the server gave it no id.

    The server's answer wins; what it left out is filled from what the row sent (a create) or
    from the cached record plus the row's changes (an update), so a terse answer does not blank
    fields in the cache.
    """
    resource = RESOURCE_OF.get(item.kind)
    if resource is None:
        return None  # not a cached kind (invoices are read from gigstack by their page)
    if item.kind in (OutboxKind.UPDATE_CLIENT, OutboxKind.UPDATE_SERVICE):
        record_id = str(item.payload.get("id") or server_id or response.get("id") or "")
        current = cache.get(resource, item.team, record_id) if record_id else None
        changes = item.payload.get("changes")
        base = {**(current or {}), **(changes if isinstance(changes, Mapping) else {})}
    else:
        base = {k: v for k, v in item.payload.items() if k not in _REQUEST_ONLY}
        if item.kind is OutboxKind.REGISTER_PAYMENT:
            # The request's client is a reference or a search, not the client record.
            base.pop("client", None)
        record_id = str(response.get("id") or server_id or "")
    if not record_id:
        return None
    return {**base, **response, "id": record_id}


def write_through(
    cache: Cache, item: OutboxItem, server_id: str | None, response: Mapping[str, Any]
) -> bool:
    """Upsert a sent row's server record into the cache; returns whether something was written."""
    record = sent_record(item, server_id, response, cache)
    if record is None or item.kind not in RESOURCE_OF:
        return False
    cache.upsert(RESOURCE_OF[item.kind], item.team, [record])
    if item.kind is OutboxKind.REGISTER_PAYMENT:
        _keep_new_client(cache, item, response)
    return True


def _keep_new_client(cache: Cache, item: OutboxItem, response: Mapping[str, Any]) -> None:
    """A client the sale brought along (typed at the counter, created by gigstack with the
    payment) joins the cache at once, so Clientes, the pickers and the next sale find it
    without waiting for the next refresh (a new user's trial could not find "Doña Chela" to
    invoice her receipt). What the request carried (legal name, régimen, postal code) fills in
    what the payment's client summary (`client{id, name, email, tax_id}`, REFERENCE §8) leaves
    out. A client already cached is left alone: a refresh knows it better than the sale did.
    """
    answered = response.get("client")
    sent = item.payload.get("client")
    if not isinstance(answered, Mapping) or not answered.get("id"):
        return
    client_id = str(answered["id"])
    if cache.get(Resource.CLIENTS, item.team, client_id) is not None:
        return
    known = {k: v for k, v in sent.items() if k != "search"} if isinstance(sent, Mapping) else {}
    cache.upsert(Resource.CLIENTS, item.team, [{**known, **answered, "id": client_id}])


# -- answers to a cashier's action on a payment (Pagos) ------------------------------------------


@dataclass(frozen=True)
class PaymentAction:
    """A cashier's action on a gigstack payment, with what the drawer needs to count it.

    Attributes:
        kind: `EventKind.REFUND` or `EventKind.CANCEL` (money back, in the open shift); None for
            actions that give nothing back (mark paid, request a payment).
        before: The payment as this terminal showed it when the cashier acted (status, total,
            metadata): a cancellation gives back what was still kept of it then.
        amount: The refund sent (REFUND only).
        payment_form: The SAT payment form the money goes back by.
        folio: The sale's folio, for the corte de caja.
        local_id: The sale's local id when it was rung up here.
    """

    kind: EventKind | None = None
    before: Mapping[str, Any] = field(default_factory=dict)
    amount: Decimal | None = None
    payment_form: str = ""
    folio: str | None = None
    local_id: str | None = None


@dataclass(frozen=True)
class PaymentWritten:
    """What `payment_answer` wrote. gigstack already did the action, so a failed local write is
    reported here (for the screen or the CLI to say), never raised.

    Attributes:
        record: The payment as the cache holds it now (None: the answer had no id).
        event: The refund or cancellation recorded in the open shift, if any.
        till_error: Why the shift could not note it (the corte de caja misses it).
        cache_error: Why the cache could not keep the answer (the next refresh brings it).
    """

    record: dict[str, Any] | None
    event: TillEvent | None = None
    till_error: StorageError | None = None
    cache_error: StorageError | None = None


def answer_record(answer: Any) -> dict[str, Any]:
    """A server answer as a plain record: a mapping as is, a parsed model by its JSON dump."""
    if isinstance(answer, Mapping):
        return dict(answer)
    dump = getattr(answer, "model_dump", None)
    return dict(dump(mode="json", exclude_none=True)) if callable(dump) else {}


def payment_answer(
    cache: Cache,
    team: str | None,
    answer: Any,
    *,
    shifts: Shifts | None = None,
    action: PaymentAction | None = None,
) -> PaymentWritten:
    """Write gigstack's answer to an action on a payment, for the app (lane thread) and CLI.

    The answer is merged over what the cache knew (a terse answer keeps the rest of the record);
    a refund sent here is remembered in the record's metadata (`payment_rules.with_refund`:
    gigstack may not report `refunded_amount`, REFERENCE §16.2). A refund or cancellation is
    recorded in the open shift FIRST, since it is money that left the drawer, then the cache is
    written. Storage faults are returned (`till_error`, `cache_error`), not raised.
    """
    record = answer_record(answer)
    event: TillEvent | None = None
    till_error: StorageError | None = None
    if shifts is not None and action is not None and action.kind is not None:
        amount = _money_back(action)
        if amount is not None:
            payment_id = str(record.get("id") or action.before.get("id") or "") or None
            try:
                event = shifts.record_event(
                    action.kind,
                    amount,
                    action.payment_form,
                    payment_id=payment_id,
                    local_id=action.local_id,
                    folio=action.folio,
                )
            except StorageError as exc:
                till_error = exc
    if not record.get("id"):
        return PaymentWritten(None, event, till_error)
    record_id = str(record["id"])
    try:
        known = cache.get(Resource.PAYMENTS, team, record_id)
    except StorageError as exc:
        return PaymentWritten(None, event, till_error, exc)
    if known:
        record = {**known, **record}  # an answer without some fields keeps what we knew
    if action is not None and action.kind is EventKind.REFUND and action.amount is not None:
        record = with_refund(record, action.amount)
    try:
        cache.upsert(Resource.PAYMENTS, team, [record])
    except StorageError as exc:
        return PaymentWritten(record, event, till_error, exc)
    return PaymentWritten(record, event, till_error)


def _money_back(action: PaymentAction) -> Decimal | None:
    """What went back to the customer by this action; None when nothing did."""
    if action.kind is EventKind.REFUND:
        return action.amount
    if action.kind is EventKind.CANCEL:
        status = str(action.before.get("status") or "")
        if status not in PAID_STATUSES:
            return None  # an unpaid payment (a link) gives no money back
        # What was still kept of the sale goes back (earlier refunds already did).
        return refund_limit(action.before).refundable
    return None


# Where a payment links its fiscal documents (REFERENCE §16.3: any of these may be used).
_LINK_FIELDS = ("receipt_id", "receipt", "receipts", "invoice_id", "invoice", "invoices")


def payment_read_back(cache: Cache, team: str | None, payment: Mapping[str, Any]) -> bool:
    """Keep the newest receipt/invoice links of a payment read from gigstack in the cache.

    Only a payment the cache already holds is updated (a read is not a new sale of ours), only
    its links (the read may have begun before an action whose answer is already cached: its
    status must not undo that), and only with values the read has (empty lists and nulls do not
    blank what was known). Returns whether something was written.
    """
    record_id = str(payment.get("id") or "")
    if not record_id:
        return False
    known = cache.get(Resource.PAYMENTS, team, record_id)
    if known is None:
        return False
    links = {k: payment[k] for k in _LINK_FIELDS if payment.get(k) not in (None, "", [], {})}
    merged = {**known, **links}
    if merged == known:
        return False
    cache.upsert(Resource.PAYMENTS, team, [merged])
    return True


def write_through_sent(cache: Cache, items: Iterable[OutboxItem]) -> int:
    """Make sure each sent row's record is in the cache; returns how many were written.

    For a page that showed these rows as pending and saw them sent: the sender writes the
    record right after marking the row sent, so the page may look in between. Written with
    ``as_of`` = the moment the row was marked sent, so a copy cached after it (the sender's own
    write, a refresh) is newer and kept: this only fills the gap, never turns a record back.
    Rows not sent, without an answer or of kinds the cache does not keep are skipped.
    """
    written = 0
    for item in items:
        resource = RESOURCE_OF.get(item.kind)
        if resource is None or item.state is not OutboxState.SENT or not item.response:
            continue
        record = sent_record(item, item.server_id, item.response, cache)
        if record is None:
            continue
        cache.upsert(resource, item.team, [record], as_of=item.sent_at)
        written += 1
    return written


def keep_answer(cache: Cache, resource: Resource, team: str | None, answer: Any) -> bool:
    """Write a record gigstack answered with (a client after its SAT validation) into the
    cache, over the cached copy: fields the answer leaves out keep their cached value.
    Returns False (nothing written) when the answer carries no id.

    `answer` is a mapping or a parsed model (dumped by alias: the API's own field names).
    """
    if isinstance(answer, Mapping):
        record = dict(answer)
    else:
        dump = getattr(answer, "model_dump", None)
        record = dict(dump(mode="json", by_alias=True, exclude_none=True)) if callable(dump) else {}
    record_id = str(record.get("id") or "")
    if not record_id:
        return False
    current = cache.get(resource, team, record_id) or {}
    cache.upsert(resource, team, [{**current, **record, "id": record_id}])
    return True
