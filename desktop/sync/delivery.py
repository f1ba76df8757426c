"""Turns outbox rows into gigstack API calls (the only place that knows both shapes).

Payload conventions per kind (written by whoever enqueues, read here):

- ``register_payment``: a `RegisterPaymentRequest` body; its ``metadata.local_id`` is the row's
  local id, so a payment whose outcome is unknown can be found on the server.
- ``create_client``: the create body; its ``metadata.local_id`` allows the same lookup.
- ``create_service``: the create body. Services carry no ``metadata`` in gigstack's API
  (REFERENCE §4), so the lookup matches the ``sku``; the app gives every service one.
- ``update_client`` / ``update_service``: ``{"id": <server id>, "changes": {...}}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from desktop.gigstack import GigstackClient
from desktop.store.outbox import OutboxItem, OutboxKind


def _dump(model: BaseModel) -> dict[str, Any]:
    # mode="json" keeps Decimals as exact strings and datetimes as ISO text for the store.
    return model.model_dump(mode="json", by_alias=False, exclude_none=True)


def _found(model: BaseModel | None) -> tuple[str | None, dict[str, Any]] | None:
    if model is None:
        return None
    return getattr(model, "id", None), _dump(model)


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
        else:  # pragma: no cover - OutboxKind is closed
            raise ValueError(f"unknown outbox kind {item.kind}")
        return getattr(result, "id", None), _dump(result)

    def find_existing(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]] | None:
        """Look a row's result up by the local id it carried in `metadata`.

        Updates are idempotent by nature (sending the same changes twice is harmless), so only
        creations are looked up.
        """
        wanted = {"local_id": item.local_id}
        api, team = self._client, item.team
        if item.kind is OutboxKind.REGISTER_PAYMENT:
            page = api.payments.list_page(limit=2, metadata=wanted, team=team)
        elif item.kind is OutboxKind.CREATE_CLIENT:
            page = api.clients.list_page(limit=2, metadata=wanted, team=team)  # type: ignore[assignment]
        elif item.kind is OutboxKind.CREATE_SERVICE:
            sku = item.payload.get("sku")
            if not sku:
                return None
            # No documented filter by SKU: scan (rare: only after an unknown outcome).
            match = next((s for s in api.services.list(limit=100, team=team) if s.sku == sku), None)
            return _found(match)
        else:
            return None
        return _found(page.items[0] if page.items else None)

    def probe(self) -> None:
        """The cheapest authenticated request: one client."""
        self._client.clients.list_page(limit=1)
