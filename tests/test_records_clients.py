"""Typed views of clients and services (issue 8 §2) and what the Clientes/Servicios pages read
through them: the cache a batch at a time, and server answers written through in `sync/`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.gigstack.models.resources import Client
from desktop.records.clients import ClientView
from desktop.records.services import ServiceView
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox, OutboxItem, OutboxKind, OutboxState
from desktop.sync.writethrough import keep_answer, write_through_sent

IVA_ADDED = {"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": False}
IVA_INCLUDED = {"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


# -- ClientView ---------------------------------------------------------------------------------


def test_client_view_reads_what_the_clients_page_and_dialog_show() -> None:
    client = ClientView.from_record(
        {
            "id": "client_1",
            "name": "Ana Sofía",
            "legal_name": "ANA SOFIA RAMIREZ",
            "tax_id": "RATA850101AB1",
            "tax_system": "612",
            "use": "G03",
            "email": "ana@example.com",
            "phone": "5512345678",
            "address": {"zip": "06600", "street": "Reforma 1"},
            "is_valid": True,
            "efos": {"is_valid": False},
        }
    )
    assert (client.phone, client.zip, client.address["street"]) == (
        "5512345678",
        "06600",
        "Reforma 1",
    )
    assert (client.is_valid, client.efos_valid) == (True, False)
    assert client.search_text == (
        "Ana Sofía ANA SOFIA RAMIREZ RATA850101AB1 ana@example.com 5512345678"
    )


def test_client_view_is_lenient_with_odd_and_legacy_records() -> None:
    legacy = ClientView.from_record(
        {"rfc": "AAA010101AAA", "tax_system": {"label": "General", "value": "601"}, "zip": 64000}
    )
    assert (legacy.rfc, legacy.tax_system, legacy.zip) == ("AAA010101AAA", "601", "64000")
    odd = ClientView.from_record(
        {"address": "Reforma 1", "is_valid": "yes", "efos": [1], "phone": None, "name": ["x"]}
    )
    assert (odd.zip, odd.is_valid, odd.efos_valid, odd.phone, odd.name) == ("", None, None, "", "")
    assert dict(odd.address) == {}
    assert ClientView.from_record(None).search_text == ""


# -- ServiceView --------------------------------------------------------------------------------


def test_service_view_barcode_unit_and_search_text() -> None:
    by_sku = ServiceView.from_record(
        {"description": "Cuaderno", "sku": "7501000003044", "unit_key": "H87", "unit_name": "Pieza"}
    )
    assert (by_sku.shown_barcode, by_sku.server_barcode, by_sku.unit) == (
        "7501000003044",
        False,
        "H87 Pieza",
    )
    assert by_sku.search_text == "Cuaderno 7501000003044 7501000003044"
    own = ServiceView.from_record({"sku": "PAP-1", "metadata": {"barcode": "7501031311309"}})
    assert (own.shown_barcode, own.server_barcode) == ("7501031311309", True)
    plain = ServiceView.from_record({"sku": "PAP-1", "unit_key": "E48"})
    assert (plain.shown_barcode, plain.unit) == ("", "E48")


def test_service_price_with_taxes() -> None:
    def price(unit_price: object, taxes: object) -> Decimal | None:
        return ServiceView.from_record({"unit_price": unit_price, "taxes": taxes}).price_with_taxes

    assert price("100", [IVA_ADDED]) == Decimal("116.00")
    assert price("58,5", [IVA_INCLUDED]) == Decimal("58.5")  # included: the price is final
    assert price(100, []) == Decimal(100)
    assert price(None, [IVA_ADDED]) is None
    assert price("abc", []) is None
    assert price("100", [{"type": "IVA", "rate": "nonsense", "inclusive": False}]) is None


# -- Cache.each -------------------------------------------------------------------------------


def test_cache_each_reads_every_record_a_batch_at_a_time_in_order(db: Database) -> None:
    cache = Cache(db)
    records = [{"id": f"client_{n}", "name": f"Cliente {n} Núñez"} for n in range(25)]
    cache.upsert(Resource.CLIENTS, "team_a", records[:10])
    cache.upsert(Resource.CLIENTS, "team_b", [{"id": "client_other", "name": "Otro"}])
    cache.upsert(Resource.CLIENTS, "team_a", records[10:])
    read = list(cache.each(Resource.CLIENTS, "team_a", batch=4))
    assert read == cache.all(Resource.CLIENTS, "team_a")
    assert [r["id"] for _key, r in read] == [r["id"] for r in records]
    assert read[3][0] == "cliente 3 nunez"  # the cache's own folded search key
    assert list(cache.each(Resource.CLIENTS, "team_c")) == []


# -- write-through of sent rows and answers -----------------------------------------------------


def _sent(
    outbox: Outbox, item: OutboxItem, server_id: str, response: dict[str, object]
) -> OutboxItem:
    claimed = outbox.claim_due(10)
    assert item.id in [c.id for c in claimed]
    outbox.mark_sent(item.id, server_id, response)
    return outbox.get(item.id)


def test_write_through_sent_fills_the_gap_but_never_turns_a_record_back(db: Database) -> None:
    cache, outbox = Cache(db), Outbox(db)
    created = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Ana"}, team="t")
    waiting = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Luis"}, team="t")
    created = _sent(outbox, created, "client_9", {"id": "client_9", "name": "Ana"})
    assert waiting.state is OutboxState.PENDING
    # The page looked before the sender wrote the record: the page lane writes it.
    assert write_through_sent(cache, [created, waiting]) == 1
    assert cache.get(Resource.CLIENTS, "t", "client_9") == {"id": "client_9", "name": "Ana"}
    # A copy cached after the send (a refresh: the name changed in gigstack) is newer: kept.
    cache.upsert(Resource.CLIENTS, "t", [{"id": "client_9", "name": "Ana María"}])
    assert write_through_sent(cache, [created]) == 1  # offered, and refused by `as_of`
    assert cache.get(Resource.CLIENTS, "t", "client_9") == {"id": "client_9", "name": "Ana María"}


def test_keep_answer_merges_a_validation_answer_over_the_cached_client(db: Database) -> None:
    cache = Cache(db)
    cache.upsert(
        Resource.CLIENTS, "t", [{"id": "client_1", "name": "Ana", "email": "ana@example.com"}]
    )
    answer = Client.model_validate({"id": "client_1", "is_valid": True, "from": "api"})
    assert keep_answer(cache, Resource.CLIENTS, "t", answer)
    assert cache.get(Resource.CLIENTS, "t", "client_1") == {
        "id": "client_1",
        "name": "Ana",
        "email": "ana@example.com",
        "is_valid": True,
        "from": "api",  # the API's own field name (dumped by alias)
    }
    assert not keep_answer(cache, Resource.CLIENTS, "t", {"is_valid": True})
    assert not keep_answer(cache, Resource.CLIENTS, "t", object())
