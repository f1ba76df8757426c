"""The counter's service index sells queued service creations too (Qt-free rules)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Database, open_database
from desktop.store.outbox import Outbox, OutboxKind
from desktop.ui.counter_sale import ServiceIndex, queued_services


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    db: Database = open_database(tmp_path)
    yield Outbox(db)
    db.close()


def service(sku: str, description: str, team: str | None = None, **extra: str) -> dict[str, str]:
    return {"description": description, "sku": sku, "unit_price": "10.00", **extra}


def test_queued_services_are_the_waiting_parked_and_in_flight_creations_of_the_team(
    outbox: Outbox,
) -> None:
    waiting = outbox.enqueue(OutboxKind.CREATE_SERVICE, service("A1", "Enmicado"))
    parked = outbox.enqueue(OutboxKind.CREATE_SERVICE, service("A2", "Engargolado"))
    sent = outbox.enqueue(OutboxKind.CREATE_SERVICE, service("A3", "Copias"))
    gone = outbox.enqueue(OutboxKind.CREATE_SERVICE, service("A4", "Escaneo"))
    outbox.enqueue(OutboxKind.CREATE_SERVICE, service("A5", "Otro equipo"), team="t2")
    claimed = {c.id for c in outbox.claim_due(10)}
    assert {parked.id, sent.id} <= claimed
    outbox.park(parked.id, error="test")
    outbox.mark_sent(sent.id, "service_1", {"id": "service_1"})
    for row_id in claimed - {parked.id, sent.id}:
        outbox.mark_retry(row_id, error="test", delay=0)
    outbox.discard(gone.id, "mal capturado")
    records = queued_services(outbox, None)
    assert [r["id"] for r in records] == [waiting.local_id, parked.local_id]
    assert records[0]["sku"] == "A1"


def test_the_index_finds_queued_services_by_code_and_offers_them_first_by_name() -> None:
    index = ServiceIndex([{"id": "service_1", **service("750100", "Enmicado oficio")}])
    local = "a" * 32
    index.set_queued([{"id": local, **service("750200", "Enmicado carta", barcode="0042")}])
    assert len(index) == 2
    found = index.by_code("750200")
    assert found is not None and found.id == local and index.is_queued(local)
    by_barcode = index.by_code("0042")
    assert by_barcode is not None and by_barcode.id == local
    assert [s.id for s in index.search("enmicado")] == [local, "service_1"]
    assert [s.id for s in index.search("enmicado", limit=1)] == [local]
    assert not index.is_queued("service_1")
    # A code the catalog holds is the catalog's service, even if a queued one reuses it.
    index.set_queued([{"id": local, **service("750100", "Duplicado")}])
    same = index.by_code("750100")
    assert same is not None and same.id == "service_1"
    index.set_queued([])
    assert index.by_code("750200") is None and len(index) == 1
