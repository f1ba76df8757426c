"""The local cache answers counter lookups offline, per team, accent- and case-insensitive."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource, fold


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db: Database = open_database(tmp_path)
    yield Cache(db, clock=lambda: 42.0)
    db.close()


CLIENTS = [
    {
        "id": "client_1",
        "name": "José Peña Álvarez",
        "tax_id": "PEAJ800101AB1",
        "email": "jose@x.mx",
    },
    {"id": "client_2", "name": "Abarrotes La Güera", "tax_id": "ALG010101AB2"},
    {"id": "client_3", "name": "Público en general", "tax_id": "XAXX010101000"},
]


def test_fold_removes_case_and_accents() -> None:
    assert fold("José PEÑA Güera") == "jose pena guera"


def test_search_by_name_rfc_or_email_without_accents(cache: Cache) -> None:
    assert cache.upsert(Resource.CLIENTS, None, CLIENTS) == 3
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "pena jose")] == ["client_1"]
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "xaxx")] == ["client_3"]
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "JOSE@X")] == ["client_1"]
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "güera")] == ["client_2"]
    assert cache.search(Resource.CLIENTS, None, "100%") == []  # LIKE wildcards are literal
    assert len(cache.search(Resource.CLIENTS, None, "")) == 3


def test_teams_are_separate_and_upsert_replaces(cache: Cache) -> None:
    cache.upsert(Resource.CLIENTS, None, CLIENTS)
    cache.upsert(Resource.CLIENTS, "team_norte", [{"id": "client_1", "name": "Otra"}])
    assert cache.count(Resource.CLIENTS, None) == 3
    assert cache.count(Resource.CLIENTS, "team_norte") == 1
    cache.upsert(Resource.CLIENTS, None, [{**CLIENTS[0], "name": "José Renombrado"}])
    assert cache.get(Resource.CLIENTS, None, "client_1")["name"] == "José Renombrado"  # type: ignore[index]
    assert cache.count(Resource.CLIENTS, None) == 3
    cache.remove(Resource.CLIENTS, None, ["client_1"])
    assert cache.get(Resource.CLIENTS, None, "client_1") is None


def test_services_found_by_barcode_in_metadata_and_money_kept_exact(cache: Cache) -> None:
    service = {
        "id": "service_1",
        "description": "Café americano",
        "sku": "CAF-001",
        "unit_price": Decimal("38.50"),
        "metadata": {"barcode": "7501234567897"},
    }
    cache.upsert(Resource.SERVICES, None, [service])
    (found,) = cache.search(Resource.SERVICES, None, "7501234567897")
    assert Decimal(found["unit_price"]) == Decimal("38.50")
    assert cache.all(Resource.SERVICES, None)[0][0].startswith("cafe americano")


def test_sync_marks(cache: Cache) -> None:
    assert cache.synced_at(Resource.PAYMENTS, None) is None
    cache.upsert(Resource.PAYMENTS, None, [{"id": "payment_1", "created_at": 1677651234}])
    cache.mark_synced(Resource.PAYMENTS, None)
    assert cache.synced_at(Resource.PAYMENTS, None) == 42.0


def test_record_without_id_is_refused(cache: Cache) -> None:
    with pytest.raises(ValueError, match="id"):
        cache.upsert(Resource.CLIENTS, None, [{"name": "sin id"}])
