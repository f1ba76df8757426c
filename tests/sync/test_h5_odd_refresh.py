"""Issue 7 §1 (audit h5): one odd record never fails a *refresh*.

tests/gigstack/test_odd_records.py proves a list page with gigstack's legacy shapes is read
whole by the client. This goes one step further, through the cache refresher into SQLite and
back out through the typed record views the pages use: legacy ``tax_system {label, value}``,
Firestore ``{_seconds}`` timestamps, an unknown status, a Stripe payment without ``total``
(``amount`` in cents), invoice links in other spellings, and a record that is not an object.
The server is a real HTTP server on loopback (the sandbox writes only current shapes).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.records.clients import ClientView
from desktop.records.payments import PaymentView
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.sync.refresher import Refresher
from tests.gigstack.loopback import Answer, Seen, loopback

FIRESTORE = {"_seconds": 1_677_651_234, "_nanoseconds": 500_000_000}

CLIENTS: list[Any] = [
    {"id": "client_normal", "name": "Ana", "tax_id": "EKU9003173C9", "tax_system": "601"},
    {
        "id": "client_v1",
        "name": "Cliente de la v1",
        "tax_system": {"label": "RESICO", "value": 626},
        "created_at": FIRESTORE,
    },
    {"id": "client_odd", "tax_system": ["?"], "created_at": {"_seconds": "x"}},
]
SERVICES: list[Any] = [
    {"id": "service_ok", "description": "Café", "unit_price": 35, "status": "brand_new_status"},
]
PAYMENTS: list[Any] = [
    {"id": "payment_normal", "status": "succeeded", "total": 1160.0, "invoices": ["inv_a"]},
    {
        "id": "payment_legacy",
        "status": "cancelled",
        "created_at": FIRESTORE,
        "client": {"id": "client_v1", "tax_system": {"label": "General", "value": "601"}},
        "invoice": {"uuid": "5FB2822E-396D-4725-8521-CDC4BDD20CCF"},
    },
    {
        "id": "payment_stripe",
        "status": "requires_capture",
        "amount": 116050,
        "currency": "MXN",
        "receipt_id": "receipt_77",
    },
    {"id": "payment_broken", "total": 50, "items": "not a list", "currency": {"oops": True}},
    "not an object at all",
]


def _answer(seen: Seen) -> Answer:
    pages = {"/clients": CLIENTS, "/services": SERVICES, "/payments": PAYMENTS}
    if seen.path in pages:
        data = pages[seen.path]
        return Answer(200, {"data": data, "has_more": False, "total_results": len(data)})
    return Answer(404, {"message": "Not found", "error": "not_found"})


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db: Database = open_database(tmp_path)
    yield Cache(db)
    db.close()


def test_a_refresh_with_odd_records_keeps_every_one_readable(cache: Cache) -> None:
    with (
        loopback(_answer) as server,
        GigstackClient("sk_test_odd_refresh", base_url=server.base_url) as api,
    ):
        reports = Refresher(api, cache).refresh()
    assert {r.resource: r.fetched for r in reports} == {
        Resource.CLIENTS: 3,
        Resource.SERVICES: 1,
        Resource.PAYMENTS: 4,  # the entry that is not an object is skipped, not fatal
    }
    assert all(cache.synced_at(r, None) for r in Resource)  # the pass completed

    assert cache.ids(Resource.CLIENTS, None) == {"client_normal", "client_v1", "client_odd"}
    legacy = cache.get(Resource.CLIENTS, None, "client_v1")
    assert legacy is not None
    assert ClientView.from_record(legacy).tax_system == "626"  # {label, value} read
    odd = cache.get(Resource.CLIENTS, None, "client_odd")
    assert odd is not None and ClientView.from_record(odd).id == "client_odd"

    payments = {
        pid: PaymentView.from_record(cache.get(Resource.PAYMENTS, None, pid) or {})
        for pid in ("payment_normal", "payment_legacy", "payment_stripe", "payment_broken")
    }
    assert payments["payment_normal"].total == Decimal("1160")
    assert payments["payment_stripe"].total == Decimal("1160.50")  # amount in cents
    assert payments["payment_broken"].total == Decimal("50")
    assert payments["payment_legacy"].status in ("canceled", "cancelled")
    assert cache.get(Resource.SERVICES, None, "service_ok") is not None
