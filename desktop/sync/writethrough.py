"""Server answers go into the local cache here, for the CLI and the app alike (issue 8 §2).

When the sender marks a row sent, the record gigstack answered with is written into `Cache`
for the row's team: a client created by the CLI's `sync` is in the counter's client search the
next time the app opens, without a refresh and without a page having seen it happen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.store.cache import Cache, Resource
from desktop.store.outbox import OutboxItem, OutboxKind

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
    return True
