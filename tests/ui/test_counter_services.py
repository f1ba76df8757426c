"""The counter's service index (issue 12): codes and words only, the record read when picked,
and a catalog that changes while the counter is open is indexed between events."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.ui import counter_code
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.counter_sale import ServiceIndex, cached_service_keys
from tests.ui.keyboard import scan

SERVICES: list[dict[str, Any]] = [
    {
        "id": "service_lapiz",
        "description": "Lápiz amarillo",
        "sku": "pap-002",
        "unit_price": "6.50",
        "metadata": {"barcode": "7501000001026"},
    },
    {
        "id": "service_goma",
        "description": "Goma de borrar",
        "sku": "PAP-003",
        "barcode": "7501000001033",  # a top-level barcode (accepted as well as metadata's)
        "unit_price": "4.00",
    },
    {"id": "service_sin_codigo", "description": "Servicio de copiado", "unit_price": 1},
]


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db: Database = open_database(tmp_path)
    cache = Cache(db)
    cache.upsert(Resource.SERVICES, None, SERVICES)
    yield cache
    db.close()


def test_each_fields_picks_json_paths_without_parsing_records(cache: Cache) -> None:
    paths = ("$.sku", "$.metadata.barcode", "$.nope")
    rows = list(cache.each_fields(Resource.SERVICES, None, paths, batch=2))
    assert rows == [
        ("service_lapiz", "pap-002", "7501000001026", None),
        ("service_goma", "PAP-003", None, None),
        ("service_sin_codigo", None, None, None),
    ]
    assert list(cache.each_fields(Resource.SERVICES, "another team", paths)) == []


def test_the_index_keeps_codes_and_reads_the_record_when_picked(cache: Cache) -> None:
    index = ServiceIndex.from_cache(cache, None)
    assert len(index) == 3
    by_sku, by_meta, by_top = (
        index.by_code("PAP-002"),
        index.by_code(" 7501000001026 "),
        index.by_code("7501000001033"),
    )
    assert by_sku is not None and by_sku.id == "service_lapiz"
    assert by_meta is not None and by_meta.raw == SERVICES[0]
    assert by_top is not None and by_top.id == "service_goma"
    assert index.by_code("pap-003") is not None  # codes are case-insensitive
    assert index.by_code("750100000102") is None
    assert [s.id for s in index.search("LAPIZ amar")] == ["service_lapiz"]
    assert [s.id for s in index.search("pap 00")] == [s.id for s in index.search("00 pap pap")]
    assert [s.id for s in index.search("pap 00")] == ["service_lapiz", "service_goma"]
    assert [s.id for s in index.search("pap")] == ["service_lapiz", "service_goma"]
    assert [s.id for s in index.search("copiado")] == ["service_sin_codigo"]

    # The record is read when a service is picked, not kept: a price written since the index
    # was built is the price sold, and a service gone from the cache is found no more.
    cache.upsert(Resource.SERVICES, None, [{**SERVICES[0], "unit_price": "7.00"}])
    picked = index.by_code("7501000001026")
    assert picked is not None and picked.unit_price == Decimal("7.00")
    cache.remove(Resource.SERVICES, None, ["service_goma"])
    assert index.by_code("PAP-003") is None
    assert [s.id for s in index.search("pap")] == ["service_lapiz"]


def test_a_service_cached_after_the_index_was_built_sells_by_its_code(cache: Cache) -> None:
    """A queued creation gigstack now has is written into the cache with no refresh (and no
    rebuilt index): its code is found through the cache's code index, exactly."""
    index = ServiceIndex.from_cache(cache, None)
    assert index.by_code("7501000009990") is None
    cache.upsert(
        Resource.SERVICES,
        None,
        [
            {
                "id": "service_nuevo",
                "description": "Sobre manila",
                "sku": "Pap-099",
                "unit_price": "3.00",
                "metadata": {"barcode": "7501000009990"},
            },
            {"id": "service_top", "description": "Clip", "barcode": "7501000009983"},
        ],
    )
    for code in ("7501000009990", "PAP-099", "pap-099"):
        found = index.by_code(code)
        assert found is not None and found.id == "service_nuevo", code
    top = index.by_code("7501000009983")
    assert top is not None and top.id == "service_top"
    assert index.by_code("750100000999") is None  # a part of a code is no code
    assert index.by_code("PAP-09") is None
    assert len(index) == 3  # the pick list waits for the next rebuild


def test_keys_read_through_sqlite_equal_keys_read_from_records(cache: Cache) -> None:
    """The two ways of building (the cache's JSON paths, the records as given) agree."""
    from_records = ServiceIndex(SERVICES)
    from_cache = ServiceIndex(fetch=lambda sid: cache.get(Resource.SERVICES, None, sid))
    rows = cached_service_keys(cache, None)
    assert from_cache.fill(rows, 2) is True  # more to come
    assert from_cache.fill(rows) is False
    for code in ("PAP-002", "7501000001026", "7501000001033", "pap-003", "nada"):
        a, b = from_records.by_code(code), from_cache.by_code(code)
        assert (a and a.raw) == (b and b.raw), code
    for words in ("lapiz", "borrar 0010", "servicio", "zzz"):
        assert [s.raw for s in from_records.search(words)] == [
            s.raw for s in from_cache.search(words)
        ]


def _new_services(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"service_lote_{n}",
            "description": f"Artículo de lote {n}",
            "sku": f"LOTE-{n:04d}",
            "unit_price": "10.00",
            "metadata": {"barcode": f"99{n:011d}"},
        }
        for n in range(count)
    ]


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every slice indexes a few services and gives the event loop its turn.
    monkeypatch.setattr(counter_code, "BUILD_SLICE_SECONDS", 0.0)
    monkeypatch.setattr(counter_code, "BUILD_STEP", 5)


@pytest.mark.usefixtures("small_slices")
def test_a_refresh_is_indexed_between_events_and_the_old_catalog_sells_meanwhile(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    before = len(counter._services)
    old_code = counter._services.search("a")[0].sku
    seen: list[int] = []  # the index the counter answers with, after each slice
    counter.code._build_timer.timeout.connect(lambda: seen.append(len(counter._services)))
    shell.core.cache.upsert(Resource.SERVICES, None, _new_services(40))
    counter._on_cache_updated(Resource.SERVICES.value)
    assert counter.code.building
    assert counter._services.by_code(old_code) is not None  # the old index answers meanwhile

    qtbot.waitUntil(lambda: not counter.code.building, timeout=10_000)
    # Each slice was its own turn of the event loop, and the old catalog answered until the
    # new one was whole.
    assert len(seen) >= (before + 40) // 5
    assert set(seen[:-1]) == {before} and seen[-1] == before + 40
    assert len(counter._services) == before + 40
    found = counter._services.by_code("99" + "39".zfill(11))
    assert found is not None and found.id == "service_lote_39"


@pytest.mark.usefixtures("small_slices")
def test_a_scan_while_the_catalog_is_indexed_still_sells(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    shell.core.cache.upsert(Resource.SERVICES, None, _new_services(60))
    counter._on_cache_updated(Resource.SERVICES.value)
    assert counter.code.building
    scan(qtbot, "2*" + "99" + "59".zfill(11))  # the last service of the new catalog
    assert not counter.code.building
    assert counter.cart.rowCount() == 1
    line = counter.cart.lines[0]
    assert line.service_id == "service_lote_59" and line.quantity == Decimal(2)
    assert not counter.code_error.isVisible()
