"""``client.receipts`` end to end against the sandbox over a real socket.

The assertions check what the client sends (the sandbox's request log) and how it reads the
answers; they hold for any server that behaves like gigstack per REFERENCE §7/§16.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import (
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    Receipt,
    ReceiptStatus,
    RejectedError,
)


@dataclass
class Wire:
    """One request as the sandbox saw it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class ReceiptsEnv:
    api: GigstackClient
    client_id: str
    service_id: str
    sandbox: Any

    def wire(self) -> list[Wire]:
        return [
            Wire(r.method, r.path.removeprefix("/v2"), dict(r.query), r.json)
            for r in self.sandbox.requests
        ]

    def last(self, method: str, path_start: str) -> Wire:
        return [w for w in self.wire() if w.method == method and w.path.startswith(path_start)][-1]


@pytest.fixture
def receipts_env(api: GigstackClient, sandbox: Any) -> ReceiptsEnv:
    client = next(c for c in api.clients.list(limit=100) if c.id)
    service = next(s for s in api.services.list(limit=100) if s.id)
    return ReceiptsEnv(api, str(client.id), str(service.id), sandbox)


def _body(env: ReceiptsEnv, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"id": env.client_id},
        "items": [{"id": env.service_id, "quantity": 2, "unit_price": "58.00"}],
        "currency": "MXN",
        "payment_form": "01",
        "periodicity": "month",
    }
    body.update(extra)
    return body


def test_create_get_and_self_invoice_link(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    receipt = env.api.receipts.create(
        _body(env, metadata={"local_id": "T1-000042"}), idempotency_key="receipt-key-0001"
    )
    assert isinstance(receipt, Receipt)
    assert receipt.id
    assert receipt.url and receipt.url.startswith("http")
    assert receipt.status in (ReceiptStatus.PENDING, ReceiptStatus.OPEN)
    assert isinstance(receipt.total, Decimal)
    assert receipt.created is not None and receipt.valid_until is not None
    assert receipt.valid_until > receipt.created
    assert receipt.raw["id"] == receipt.id  # the record as sent is kept

    sent = env.last("POST", "/receipts")
    assert sent.body["idempotency_key"] == "receipt-key-0001"
    assert sent.body["items"][0]["unit_price"] == Decimal("58.00")
    assert sent.body["periodicity"] == "month"
    # Sent as written: the caller's keys in the caller's order, the key last.
    assert list(sent.body) == [*_body(env, metadata={}), "idempotency_key"]

    again = env.api.receipts.get(receipt.id)
    assert again.id == receipt.id
    assert again.url == receipt.url


def test_repeated_idempotency_key_returns_the_first_receipt(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    first = env.api.receipts.create(_body(env), idempotency_key="receipt-same-0001")
    second = env.api.receipts.create(_body(env), idempotency_key="receipt-same-0001")
    assert second.id == first.id


def test_list_filters_and_pagination(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    made = [
        env.api.receipts.create(_body(env), idempotency_key=f"receipt-list-{n:04d}").id
        for n in range(5)
    ]
    seen = [r.id for r in env.api.receipts.list(limit=2, client_id=env.client_id)]
    assert set(made) <= set(seen)
    assert len(seen) == len(set(seen))
    query = env.last("GET", "/receipts").query
    assert query["client_id"] == env.client_id
    assert query["limit"] == "2"

    page = env.api.receipts.list_page(
        status="pending",
        created_gte=datetime(2020, 1, 1, tzinfo=UTC),
        created_lte=4_102_444_800,
        limit=100,
    )
    assert {r.id for r in page} >= set(made)
    query = env.last("GET", "/receipts").query
    assert query["status"] == "pending"
    assert query["created[gte]"] == "1577836800"
    assert query["created[lte]"] == "4102444800"


def test_stamp_to_the_client_who_came_back_with_an_rfc(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    receipt = env.api.receipts.create(_body(env), idempotency_key="receipt-stamp-0001")
    assert receipt.id
    when = datetime(2026, 1, 2, 10, 30, tzinfo=UTC)
    stamped = env.api.receipts.stamp(
        receipt.id,
        stamp_to="client",
        fiscal_information={
            "legal_name": "JUAN PEREZ GARCIA",
            "tax_id": "PEGJ800101AB6",
            "tax_system": "612",
            "zip": "06600",
        },
        date=when,
    )
    assert stamped.is_invoiced
    sent = env.last("POST", f"/receipts/{receipt.id}/stamp")
    assert sent.body["stamp_to"] == "client"
    assert sent.body["fiscal_information"]["tax_id"] == "PEGJ800101AB6"
    assert sent.body["date"] == int(when.timestamp() * 1000)  # milliseconds, as n8n sends

    # Stamping twice is refused by the server, and the refusal reads as a rejection.
    with pytest.raises(RejectedError):
        env.api.receipts.stamp(receipt.id, stamp_to="general_public_national")


def test_stamp_and_create_are_checked_before_sending(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    before = len(env.wire())
    with pytest.raises(InvalidRequestError):
        env.api.receipts.stamp("receipt_1", {"stamp_to": "whoever"})
    with pytest.raises(InvalidRequestError):
        env.api.receipts.stamp(
            "receipt_1", stamp_to="client", fiscal_information={"tax_id": "not an rfc"}
        )
    with pytest.raises(InvalidRequestError):
        env.api.receipts.stamp("receipt_1", {"stamp_to": "client"}, stamp_to="client")
    with pytest.raises(InvalidRequestError):
        env.api.receipts.create(_body(env, periodicity="yearly"))
    with pytest.raises(InvalidRequestError):
        env.api.receipts.create(_body(env, items=[]))
    with pytest.raises(InvalidRequestError):
        env.api.receipts.create(_body(env), idempotency_key="short")
    assert len(env.wire()) == before


def test_cancel_and_unknown_receipt(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    receipt = env.api.receipts.create(_body(env), idempotency_key="receipt-cancel-01")
    assert receipt.id
    canceled = env.api.receipts.cancel(receipt.id)
    assert env.last("DELETE", "/receipts").path == f"/receipts/{receipt.id}"
    if canceled.status is not None:  # the answer's body is not documented
        assert canceled.is_canceled
    assert env.api.receipts.get(receipt.id).is_canceled
    with pytest.raises(NotFoundError) as info:
        env.api.receipts.get("receipt_does_not_exist")
    assert info.value.message  # nested or flat error shape, the message is read


def test_general_public_stamp_sends_no_fiscal_information(receipts_env: ReceiptsEnv) -> None:
    env = receipts_env
    receipt = env.api.receipts.create(_body(env), idempotency_key="receipt-global-01")
    assert receipt.id
    env.api.receipts.stamp(receipt.id, stamp_to="general_public_national")
    sent = env.last("POST", f"/receipts/{receipt.id}/stamp")
    assert sent.body == {"stamp_to": "general_public_national"}


@pytest.mark.parametrize("automation", ["receipt", "pue_invoice"])
def test_walk_in_sale_ends_in_a_receipt(receipts_env: ReceiptsEnv, automation: str) -> None:
    """REFERENCE §16.1: a sale to público en general is registered and answered with a
    receipt whose url is the self-invoice portal; the customer who comes back with an RFC
    gets it stamped to them."""
    env = receipts_env
    public = next(c for c in env.api.clients.list(limit=100) if c.tax_id == "XAXX010101000")
    assert public.id
    payment = env.api.payments.register(
        {
            "client": {"id": public.id},
            "items": [{"id": env.service_id, "quantity": 1}],
            "automation_type": automation,
            "payment_form": "01",
            "metadata": {"local_id": f"T1-walkin-{automation}"},
        },
        idempotency_key=f"walk-in-sale-{automation}",
    )
    assert payment.receipt_id
    assert payment.invoice_ids == []

    receipt = env.api.receipts.get(payment.receipt_id)
    assert receipt.url and receipt.status is ReceiptStatus.PENDING
    assert payment.id in receipt.payment_ids
    found = env.api.receipts.list_page(payment_id=payment.id, limit=100).items
    assert [r.id for r in found if payment.id in r.payment_ids] == [receipt.id]

    stamped = env.api.receipts.stamp(
        receipt.id or "",
        stamp_to="client",
        fiscal_information={
            "legal_name": "JUAN PEREZ GARCIA",
            "tax_id": "PEGJ800101AB6",
            "tax_system": "612",
            "zip": "06600",
        },
    )
    assert stamped.is_invoiced
    assert stamped.invoice_ids
    assert env.api.receipts.get(receipt.id or "").is_invoiced
