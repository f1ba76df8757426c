"""Turns outbox rows into gigstack API calls (the only place that knows both shapes).

Payload conventions per kind (written by whoever enqueues, read here):

- ``register_payment``: a `RegisterPaymentRequest` body; its ``metadata.local_id`` is the row's
  local id, so a payment whose outcome is unknown can be found on the server.
- ``create_client``: the create body; its ``metadata.local_id`` allows the same lookup.
- ``create_service``: the create body. Services carry no ``metadata`` in gigstack's create
  body (REFERENCE §4), so the lookup matches what the row created: ``sku`` and
  ``description``; the app gives every service a SKU.
- ``update_client`` / ``update_service``: ``{"id": <server id>, "changes": {...}}``.
- ``create_invoice``: the ``POST /invoices/income`` body (`desktop.invoicing`), sent with the
  row's idempotency key; its ``metadata.local_id`` is the row's local id. REFERENCE §5.2
  documents ``metadata`` on the create body and §5.1 the ``metadata.<key>`` list filter, but no
  documented invoice object shows ``metadata`` coming back. Defensive choice: invoices are
  proven like payments (a lookup counts only a record carrying the row's local id; an answer
  to the row's own key that carries no local id at all is accepted as the row's, since the
  key is what stops a second CFDI); if gigstack drops invoice metadata, a lookup proves
  nothing and the row is sent again with its same key, which gigstack answers with the first
  invoice (REFERENCE §2.7).

**A lookup proves a match or proves nothing** (REFERENCE §16.3): gigstack silently ignores
list filters it does not support, so a lookup by ``metadata.local_id`` may come back with
unrelated records, or with every record. A returned record only counts when it carries what the
row created: the row's local id in its ``metadata`` (payments, and clients created with one);
otherwise the exact identity fields the row sent. Never "the first result".
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from desktop.gigstack import GigstackClient
from desktop.store.outbox import OutboxItem, OutboxKind

#: How many records a lookup reads at most. A server that honours the filter answers with one
#: record; one that ignores it answers with everything, newest first, and the record we look
#: for (sent minutes or hours ago) is among the newest. Beyond this, the lookup proves nothing
#: and the row is sent again with its same idempotency key.
LOOKUP_SCAN_LIMIT = 500
_PAGE = 100


class Verdict(StrEnum):
    """What a direct answer to a row's request proves about that row."""

    MATCH = "match"  # the record carries what the row created
    OTHER = "other"  # the record is provably somebody else's (another local id)
    UNKNOWN = "unknown"  # the record does not say (no local id in it)


def _dump(model: BaseModel) -> dict[str, Any]:
    # mode="json" keeps Decimals as exact strings and datetimes as ISO text for the store.
    return model.model_dump(mode="json", by_alias=False, exclude_none=True)


def _text(value: object) -> str:
    """Compare names as a person would: case, accents and repeated spaces do not matter."""
    folded = unicodedata.normalize("NFKD", str(value or "").casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def _metadata(record: Mapping[str, Any]) -> Mapping[str, Any]:
    metadata = record.get("metadata")
    return metadata if isinstance(metadata, Mapping) else {}


#: Kinds sent with the row's idempotency key and always carrying ``metadata.local_id``: an
#: answer may be a replay of the key, and only the local id proves a record is the row's.
KEYED_KINDS = (OutboxKind.REGISTER_PAYMENT, OutboxKind.CREATE_INVOICE)


def payload_local_id(item: OutboxItem) -> str | None:
    """The local id the row sent in its ``metadata`` (None if it sent none)."""
    value = _metadata(item.payload).get("local_id")
    return str(value) if value else None


def _identity_matches(item: OutboxItem, record: Mapping[str, Any]) -> bool:
    """Does `record` carry the identity fields the row created (rows without a local id)?"""
    body = item.payload
    if item.kind is OutboxKind.CREATE_CLIENT:
        if body.get("tax_id"):
            # The RFC identifies a taxpayer; the legal name tells two clients with a generic
            # RFC apart (XAXX010101000 is shared by every walk-in).
            return _text(record.get("tax_id")) == _text(body["tax_id"]) and (
                not body.get("legal_name")
                or _text(record.get("legal_name")) == _text(body["legal_name"])
            )
        if body.get("email"):
            return _text(record.get("email")) == _text(body["email"]) and (
                not body.get("name") or _text(record.get("name")) == _text(body["name"])
            )
        return bool(body.get("name")) and _text(record.get("name")) == _text(body["name"])
    if item.kind is OutboxKind.CREATE_SERVICE:
        if body.get("sku"):
            return _text(record.get("sku")) == _text(body["sku"]) and (
                not body.get("description")
                or _text(record.get("description")) == _text(body["description"])
            )
        return bool(body.get("description")) and _text(record.get("description")) == _text(
            body["description"]
        )
    return False


def proves(item: OutboxItem, record: Mapping[str, Any]) -> bool:
    """Whether a record found on the server is the result of this row.

    Rows that sent a local id in ``metadata`` match on it and on nothing else (a record with
    the same RFC but no local id may be a client someone else created). Rows that sent none
    (services) match on the exact identity fields they created.
    """
    local_id = payload_local_id(item)
    if item.kind in KEYED_KINDS:
        # Payments and invoices always carry it (desktop.sales / desktop.invoicing); the
        # row's own id is the fallback for a payload that somehow lost it.
        local_id = local_id or item.local_id
    if local_id is not None:
        return str(_metadata(record).get("local_id") or "") == local_id
    return _identity_matches(item, record)


def _search_matches(item: OutboxItem, record: Mapping[str, Any]) -> bool:
    """A client create with ``search`` may answer 200 with an existing client: that is what
    the row asked for, if the record has the searched value."""
    search = item.payload.get("search")
    if not isinstance(search, Mapping) or not search.get("on_key"):
        return False
    return _text(record.get(str(search["on_key"]))) == _text(search.get("on_value"))


def judge_answer(item: OutboxItem, record: Mapping[str, Any]) -> Verdict:
    """What the server's direct 2xx answer to this row's request proves.

    A reused idempotency key may be answered with the first result (ours: fine) or with some
    other record (REFERENCE §16.2: "a 200 with another body"); a record carrying a different
    local id is never taken as this row's result. Updates are answered with the record they
    changed: always a match.
    """
    if item.kind in (OutboxKind.UPDATE_CLIENT, OutboxKind.UPDATE_SERVICE):
        return Verdict.MATCH
    sent = payload_local_id(item)
    if item.kind in KEYED_KINDS:
        sent = sent or item.local_id
    got = _metadata(record).get("local_id")
    if sent is not None and got:
        if str(got) == sent:
            return Verdict.MATCH
        if item.kind is OutboxKind.CREATE_CLIENT and _search_matches(item, record):
            return Verdict.MATCH
        return Verdict.OTHER
    if item.kind not in KEYED_KINDS and _identity_matches(item, record):
        return Verdict.MATCH
    if item.kind is OutboxKind.CREATE_CLIENT and _search_matches(item, record):
        return Verdict.MATCH
    return Verdict.UNKNOWN


class GigstackDelivery:
    """The `Delivery` the sender uses in the app and the CLI."""

    def __init__(self, client: GigstackClient) -> None:
        self._client = client

    def deliver(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]]:
        api, body, team = self._client, item.payload, item.team
        result: BaseModel
        if item.kind is OutboxKind.REGISTER_PAYMENT:
            result = api.payments.register(body, idempotency_key=item.idempotency_key, team=team)
        elif item.kind is OutboxKind.CREATE_CLIENT:
            result = api.clients.create(body, team=team)
        elif item.kind is OutboxKind.UPDATE_CLIENT:
            result = api.clients.update(body["id"], body["changes"], team=team)
        elif item.kind is OutboxKind.CREATE_SERVICE:
            result = api.services.create(body, team=team)
        elif item.kind is OutboxKind.UPDATE_SERVICE:
            result = api.services.update(body["id"], body["changes"], team=team)
        elif item.kind is OutboxKind.CREATE_INVOICE:
            result = api.invoices.create_income(
                body, idempotency_key=item.idempotency_key, team=team
            )
        else:  # pragma: no cover - OutboxKind is closed
            raise ValueError(f"unknown outbox kind {item.kind}")
        return getattr(result, "id", None), _dump(result)

    def judge(self, item: OutboxItem, response: Mapping[str, Any]) -> Verdict:
        """What a direct answer proves (see `judge_answer`)."""
        return judge_answer(item, response)

    def find_existing(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]] | None:
        """Look a row's result up on the server; None unless a record proves it (`proves`).

        Updates are idempotent by nature (sending the same changes twice is harmless), so only
        creations are looked up. The metadata filter is sent so that a server that honours it
        answers with one record; the answer is checked record by record all the same, newest
        first (the row's record is recent). No date filter narrows the scan: a terminal whose
        clock was wrong when it queued the row would filter its own record out.
        """
        api, team = self._client, item.team
        local_id = payload_local_id(item)
        wanted = {"local_id": local_id} if local_id else None
        records: Iterable[BaseModel]
        if item.kind is OutboxKind.REGISTER_PAYMENT:
            wanted = {"local_id": local_id or item.local_id}
            records = api.payments.list(limit=_PAGE, sort="desc", metadata=wanted, team=team)
        elif item.kind is OutboxKind.CREATE_CLIENT:
            records = api.clients.list(limit=_PAGE, sort="desc", metadata=wanted, team=team)
        elif item.kind is OutboxKind.CREATE_SERVICE:
            # No documented filter by SKU: scan (rare: only after an unknown outcome).
            records = api.services.list(limit=_PAGE, sort="desc", metadata=wanted, team=team)
        elif item.kind is OutboxKind.CREATE_INVOICE:
            wanted = {"local_id": local_id or item.local_id}
            records = api.invoices.list_income(limit=_PAGE, sort="desc", metadata=wanted, team=team)
        else:
            return None
        for model in itertools.islice(records, LOOKUP_SCAN_LIMIT):
            record = _dump(model)
            if proves(item, record):
                return (str(record["id"]) if record.get("id") else None), record
        return None

    def probe(self) -> None:
        """The cheapest authenticated request: one client."""
        self._client.clients.list_page(limit=1)
