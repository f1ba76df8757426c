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


# -- the trigram index (issue 12): same answers as a LIKE scan, kept in step with every write --


def _like_reference(cache: Cache, resource: Resource, team: str | None, text: str) -> list[str]:
    """What a plain LIKE scan answers (the semantics the index must keep), in rowid order."""
    words = fold(text).split()
    with cache._db.read() as conn:  # the reference query, straight on the table
        rows = conn.execute(
            f"SELECT id, search_key FROM cached_{resource.value} WHERE team = ? ORDER BY rowid",
            (team or "",),
        ).fetchall()
    return [r[0] for r in rows if all(w in r[1] for w in words)]


def _fts_tables(cache: Cache) -> set[str]:
    with cache._db.read() as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'")
        return {r[0] for r in rows}


MANY = [
    {
        "id": f"client_{n}",
        "name": f"{['José', 'María', 'Ana'][n % 3]} {['López', 'Núñez', 'Pérez'][n % 5 % 3]} {n}",
        "tax_id": f"XEXX{n:09d}",
        "email": f"c{n}@x.mx",
    }
    for n in range(300)
]
QUERIES = [
    "maria lopez 17",
    "XEXX000000123",
    "maría",
    "ma",
    "o",
    "lopez 2",
    "nunez ana 29",
    "c29@x",
    "x.mx 1",
    '"quoted" words',
    "100%",
    "pe_r",
    "",
    "zzz",
    "ana ana",
]


def test_index_answers_exactly_what_a_like_scan_answers(cache: Cache) -> None:
    assert "cached_client_fts" in _fts_tables(cache)  # this SQLite has FTS5 trigram
    cache.upsert(Resource.CLIENTS, None, MANY)
    cache.upsert(Resource.CLIENTS, "team_norte", MANY[:20])
    for query in QUERIES:
        for team, limit in ((None, 50), (None, 500), ("team_norte", 50)):
            found = [c["id"] for c in cache.search(Resource.CLIENTS, team, query, limit=limit)]
            assert found == _like_reference(cache, Resource.CLIENTS, team, query)[:limit], query


def test_index_follows_updates_deletes_and_direct_sql(cache: Cache) -> None:
    cache.upsert(Resource.CLIENTS, None, MANY[:50])
    cache.upsert(Resource.CLIENTS, None, [{**MANY[7], "name": "Renombrado Zacarías"}])
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "zacarias")] == ["client_7"]
    assert "client_7" not in [c["id"] for c in cache.search(Resource.CLIENTS, None, "7 ana")]
    cache.remove(Resource.CLIENTS, None, ["client_7"])
    assert cache.search(Resource.CLIENTS, None, "zacarias") == []
    # Other code writes the tables with plain SQL (Ajustes empties the cache; an older writer
    # may use INSERT OR REPLACE, whose implicit delete fires no trigger).
    with cache._db.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO cached_client (team, id, search_key, data, updated_at) "
            "VALUES ('', 'client_8', 'reemplazado', '{\"id\": \"client_8\"}', 0)"
        )
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "reemplazado")] == ["client_8"]
    assert "client_8" not in [c["id"] for c in cache.search(Resource.CLIENTS, None, "ana 8")]
    with cache._db.write() as conn:
        conn.execute("DELETE FROM cached_client")
    assert cache.search(Resource.CLIENTS, None, "reemplazado") == []
    cache.upsert(Resource.CLIENTS, None, MANY[:50])
    for query in QUERIES:
        found = [c["id"] for c in cache.search(Resource.CLIENTS, None, query)]
        assert found == _like_reference(cache, Resource.CLIENTS, None, query), query
    with cache._db.read() as conn:  # the REPLACE's lingering entry was reused, not kept
        assert conn.execute("SELECT count(*) FROM cached_client_fts").fetchone()[0] == 50


def test_without_the_index_search_falls_back_to_like(tmp_path: Path) -> None:
    """A SQLite without FTS5 trigram gets no index (migration 3 leaves it out): same answers."""
    db = open_database(tmp_path)
    try:
        with db.write() as conn:  # what migration 3 leaves on such a SQLite: no index at all
            for table in ("cached_client", "cached_service", "cached_payment"):
                conn.execute(f"DROP TABLE {table}_fts")  # drops its triggers' target too
                for suffix in ("insert", "delete", "update"):
                    conn.execute(f"DROP TRIGGER {table}_fts_{suffix}")
        cache = Cache(db)
        cache.upsert(Resource.CLIENTS, None, MANY)
        assert _fts_tables(cache) == set()
        for query in QUERIES:
            found = [c["id"] for c in cache.search(Resource.CLIENTS, None, query)]
            assert found == _like_reference(cache, Resource.CLIENTS, None, query)[:50], query
    finally:
        db.close()


def test_migration_indexes_what_an_older_cache_already_held(tmp_path: Path) -> None:
    import sqlite3

    from desktop.store.db import DB_FILENAME
    from desktop.store.schema import migrate

    conn = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, target=2)
    conn.executemany(
        "INSERT INTO cached_service (team, id, search_key, data, updated_at) "
        "VALUES (?, ?, ?, ?, 0)",
        [("", f"s{n}", f"articulo {n} 750{n:010d}", f'{{"id": "s{n}"}}') for n in range(30)],
    )
    conn.execute("COMMIT")
    conn.close()
    db = open_database(tmp_path)
    try:
        cache = Cache(db)
        assert "cached_service_fts" in _fts_tables(cache)
        assert [s["id"] for s in cache.search(Resource.SERVICES, None, "7500000000017")] == ["s17"]
        assert len(cache.search(Resource.SERVICES, None, "articulo")) == 30
    finally:
        db.close()


def test_words_made_only_of_common_trigrams_still_answer_like_a_scan(cache: Cache) -> None:
    """Past the frequency cap every trigram of "xexx000000007" is common: the index is asked
    for whole words (phrases) instead of rare trigrams; the answers stay the same."""
    from desktop.store.cache import TRIGRAM_COUNT_CAP

    many = [
        {"id": f"client_{n}", "name": f"Cliente {n}", "tax_id": f"XEXX{n:09d}"}
        for n in range(TRIGRAM_COUNT_CAP + 100)
    ]
    cache.upsert(Resource.CLIENTS, None, many)
    for query in ("XEXX000000007", "cliente xexx0000000", "xexx00000001 cl", "x 000000002"):
        for limit in (5, 50):
            found = [c["id"] for c in cache.search(Resource.CLIENTS, None, query, limit=limit)]
            assert found == _like_reference(cache, Resource.CLIENTS, None, query)[:limit], query
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "XEXX000000007")] == ["client_7"]


def test_a_whole_code_finds_its_record_by_index(cache: Cache) -> None:
    """One word that is some record's whole RFC, SKU or barcode means that record (documented
    choice in `Cache._by_code`); a part of a code is still a substring search."""
    cache.upsert(Resource.CLIENTS, None, MANY)
    cache.upsert(
        Resource.SERVICES,
        None,
        [
            {"id": "s1", "description": "Café", "sku": "CAF-001", "metadata": {"barcode": "7501"}},
            {"id": "s2", "description": "Té CAF-0011", "metadata": {"barcode": "7501234567890"}},
            {"id": "s3", "description": "Pan", "sku": "7501234567890"},
        ],
    )
    assert [c["id"] for c in cache.search(Resource.CLIENTS, None, "xexx000000042")] == ["client_42"]
    assert [c["id"] for c in cache.search(Resource.CLIENTS, "team_norte", "XEXX000000042")] == []
    # A barcode scanned: every service carrying it as SKU or barcode, in cache order.
    found = cache.search(Resource.SERVICES, None, "7501234567890")
    assert [s["id"] for s in found] == ["s2", "s3"]
    assert [s["id"] for s in cache.search(Resource.SERVICES, None, "caf-001")] == ["s1"]
    # Not anybody's whole code: the substring search answers.
    assert [s["id"] for s in cache.search(Resource.SERVICES, None, "caf-00")] == ["s1", "s2"]
    assert [s["id"] for s in cache.search(Resource.SERVICES, None, "750123")] == ["s2", "s3"]
    with cache._db.read() as conn:
        plan = " ".join(
            str(tuple(r))
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM cached_client WHERE team = '' AND "
                "lower(json_extract(data, '$.tax_id')) = 'x'"
            )
        )
    assert "cached_client_code_tax_id" in plan  # by index, not a scan of 50k records
