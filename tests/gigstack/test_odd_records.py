"""One odd record never fails a page or a refresh (REFERENCE §16.3).

gigstack's legacy shapes are served from a real loopback server (the sandbox writes only the
current shapes, as it should): v1 ``tax_system {label, value}``, Firestore ``{_seconds}``
timestamps, unknown statuses, Stripe-sourced payments without ``total`` (``amount`` in cents),
invoice links in four spellings, nested error bodies.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    GigstackClient,
    InvalidResponseError,
    NotFoundError,
    PaymentStatus,
    ReceiptStatus,
    _base,
)

from .loopback import Answer, LoopbackServer, Seen

FIRESTORE = {"_seconds": 1_677_651_234, "_nanoseconds": 500_000_000}

PAGE_1: list[Any] = [
    {
        "id": "payment_normal",
        "status": "succeeded",
        "total": 1160.0,
        "currency": "MXN",
        "invoices": ["invoice_a"],
        "created_at": 1_677_651_234,
    },
    {
        "id": "payment_legacy",
        "client": {"id": "client_v1", "tax_system": {"label": "General de Ley", "value": "601"}},
        "status": "cancelled",
        "created_at": FIRESTORE,
        "payment_form": 3,
        "invoice_id": "invoice_b",
        "invoice": {"uuid": "5FB2822E-396D-4725-8521-CDC4BDD20CCF"},
    },
    {
        "id": "payment_stripe",
        "status": "requires_capture",  # a status nobody documented
        "amount": 116050,  # cents: no total on Stripe-sourced payments
        "currency": "MXN",
        "receipt_id": "receipt_77",
        "invoices": 2,  # a count where a list was expected
    },
    {
        "id": "payment_broken",
        "total": 50,
        "items": "not a list",
        "currency": {"oops": True},
        "metadata": {"local_id": "T1-000007"},
    },
    "not an object at all",
]
PAGE_2: list[Any] = [
    {"id": "payment_broken_2", "total": 10, "items": "again not a list"},
    {"id": "payment_receipt", "total": 99, "receipt": {"id": "receipt_88", "url": "https://x"}},
    {
        "id": "payment_nested",
        "total": 5,
        "client": {"id": "client_9", "name": "Ana", "address": "Calle 1 #2", "efos": [1]},
    },
]


def _payments(seen: Seen) -> Answer:
    if seen.path == "/payments":
        if seen.query.get("next") == "p2":
            return Answer(200, {"data": PAGE_2, "has_more": False, "total_results": 7})
        return Answer(200, {"data": PAGE_1, "has_more": True, "next": "p2", "total_results": 7})
    if seen.path == "/payments/payment_legacy":
        return Answer(200, {"message": "ok", "data": PAGE_1[1]})
    if seen.path == "/payments/payment_broken":
        return Answer(200, {"message": "ok", "data": PAGE_1[3]})
    if seen.path == "/clients":
        return Answer(
            200,
            {
                "data": [
                    {"id": "c1", "tax_system": {"label": "RESICO", "value": 626}, "use": "G03"},
                    {"id": "c2", "tax_system": ["?"], "created_at": {"_seconds": "x"}},
                ],
                "has_more": False,
            },
        )
    if seen.path == "/receipts":
        return Answer(
            200,
            {
                "data": [
                    {"id": "r1", "status": "cancelled", "validUntil": 1_767_225_600_000},
                    {"id": "r2", "status": "global", "valid_until": "2026-01-31T23:59:59Z"},
                    {"id": "r3", "status": "expired", "validUntil": FIRESTORE, "total": "x"},
                ]
            },
        )
    if seen.path == "/payments/register":
        # 2xx, but which payment? The id is a list: nothing is confirmed.
        return Answer(201, {"message": "ok", "data": {"id": ["payment_1"], "total": 10}})
    if seen.path == "/payments/payment_nested":
        return Answer(
            422,
            {"error": {"message": "Invalid request", "details": [{"field": "items"}]}},
        )
    return Answer(404, {"message": "Not found", "error": "not_found"})


@pytest.fixture
def odd_api() -> Iterator[GigstackClient]:
    server = LoopbackServer(_payments).start()
    try:
        with GigstackClient("sk_test_odd_records", base_url=server.base_url) as api:
            yield api
    finally:
        server.stop()


def test_a_page_with_odd_records_is_read_whole(odd_api: GigstackClient) -> None:
    payments = {p.id: p for p in odd_api.payments.list(limit=10)}
    # Every object is kept (the bare string is not a record); nothing raised.
    assert list(payments) == [
        "payment_normal",
        "payment_legacy",
        "payment_stripe",
        "payment_broken",
        "payment_broken_2",
        "payment_receipt",
        "payment_nested",
    ]

    normal = payments["payment_normal"]
    assert normal.total == Decimal("1160.0")
    assert normal.invoice_ids == ["invoice_a"]
    assert normal.unreadable_fields == ()

    legacy = payments["payment_legacy"]
    assert legacy.client is not None and legacy.client.tax_system == "601"
    assert legacy.status is PaymentStatus.CANCELED
    assert legacy.created_at == datetime(2023, 3, 1, 6, 13, 54, 500_000, tzinfo=UTC)
    assert legacy.payment_form == "03"
    assert legacy.invoice_ids == ["invoice_b", "5FB2822E-396D-4725-8521-CDC4BDD20CCF"]

    stripe = payments["payment_stripe"]
    assert stripe.status == "requires_capture"
    assert stripe.total == Decimal("1160.50")
    assert stripe.total_from_amount
    assert stripe.receipt_id == "receipt_77"
    assert stripe.invoice_ids == []
    assert stripe.raw["invoices"] == 2  # the count is kept in the raw record

    broken = payments["payment_broken"]
    assert broken.total == Decimal(50)
    assert broken.items is None and broken.currency is None
    assert set(broken.unreadable_fields) == {"items", "currency"}
    assert broken.raw["items"] == "not a list"
    assert broken.metadata == {"local_id": "T1-000007"}

    # A bad value deep inside costs that value only, not the object around it.
    nested = payments["payment_nested"]
    assert nested.client is not None
    assert (nested.client.id, nested.client.name) == ("client_9", "Ana")
    assert nested.client.address is None and nested.client.efos is None
    assert nested.unreadable_fields == ("client.address", "client.efos")
    assert nested.raw["client"]["address"] == "Calle 1 #2"  # the raw record is untouched

    linked = payments["payment_receipt"]
    assert linked.receipt_id == "receipt_88"
    assert linked.receipt_url == "https://x"


def test_each_kind_of_oddity_is_logged_once(
    odd_api: GigstackClient, caplog: pytest.LogCaptureFixture
) -> None:
    _base._reported.clear()  # "once per process": start this test's process-worth afresh
    caplog.set_level(logging.WARNING, logger="desktop.gigstack")
    for _ in range(3):  # three refreshes, two pages each
        assert len(list(odd_api.payments.list(limit=10))) == 7
    messages = [r.getMessage() for r in caplog.records if r.name == "desktop.gigstack"]
    # Four kinds: items+currency, items, client.address+client.efos, a non-object entry.
    assert len(messages) == 4
    assert sum("currency, items" in m for m in messages) == 1
    assert sum(m.endswith("unreadable field(s) items (raw kept; logged once)") for m in messages)
    assert sum("<not an object>" in m for m in messages) == 1
    assert sum("client.address, client.efos" in m for m in messages) == 1
    # Field names only: no values (RFCs, e-mails, local ids) reach the log.
    assert not any("T1-000007" in m or "not a list" in m for m in messages)


def test_get_reads_an_odd_record_too(odd_api: GigstackClient) -> None:
    legacy = odd_api.payments.get("payment_legacy")
    assert legacy.client is not None and legacy.client.tax_system == "601"
    broken = odd_api.payments.get("payment_broken")
    assert broken.id == "payment_broken"
    assert "items" in broken.unreadable_fields


def test_legacy_clients_and_receipts(odd_api: GigstackClient) -> None:
    clients = odd_api.clients.list_page().items
    assert [c.id for c in clients] == ["c1", "c2"]
    assert clients[0].tax_system == "626"
    assert clients[1].tax_system is None and clients[1].created_at is None
    assert clients[1].raw["tax_system"] == ["?"]

    receipts = odd_api.receipts.list_page().items
    assert [r.id for r in receipts] == ["r1", "r2", "r3"]
    assert receipts[0].status is ReceiptStatus.CANCELED
    assert receipts[0].valid_until == datetime(2026, 1, 1, tzinfo=UTC)  # milliseconds
    assert receipts[1].status == "global"
    assert receipts[1].valid_until == datetime(2026, 1, 31, 23, 59, 59, tzinfo=UTC)
    assert receipts[2].valid_until == datetime(2023, 3, 1, 6, 13, 54, 500_000, tzinfo=UTC)
    assert receipts[2].total is None and receipts[2].unreadable_fields == ("total",)


def test_nested_error_body(odd_api: GigstackClient) -> None:
    with pytest.raises(BadRequestError) as info:
        odd_api.payments.get("payment_nested")
    assert info.value.status == 422
    assert info.value.message == "Invalid request"
    assert info.value.details == [{"field": "items"}]
    with pytest.raises(NotFoundError) as missing:
        odd_api.payments.get("payment_nope")
    assert missing.value.message == "Not found"
    assert missing.value.error == "not_found"


def test_an_unreadable_id_confirms_nothing(odd_api: GigstackClient) -> None:
    body = {"client": {"id": "c"}, "items": [{"id": "s", "quantity": 1}], "automation_type": "none"}
    with pytest.raises(InvalidResponseError) as info:
        odd_api.payments.register(body, idempotency_key="odd-id-key-01")
    assert info.value.outcome_unknown is True  # retry with the same key, or look it up
    assert info.value.status == 201
