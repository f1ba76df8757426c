"""`Cache.matching`: the records whose field is exactly a value (one client's payments)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import open_database
from desktop.store.cache import Cache, Resource

PATHS = ("$.client.id", "$.client")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db = open_database(tmp_path)
    cache = Cache(db)
    cache.upsert(
        Resource.PAYMENTS,
        "team_a",
        [
            {"id": "p1", "client": {"id": "client_1", "name": "Ana"}},
            {"id": "p2", "client": {"id": "client_10"}},  # a longer id is another client
            {"id": "p3", "client": "client_1"},  # an older record: the bare id
            {"id": "p4", "client": {"id": "client_2"}, "note": "client_1"},  # elsewhere
            {"id": "p5", "client": {"id": 'cli"ent_%'}},  # quotes and LIKE's wildcards
        ],
    )
    cache.upsert(Resource.PAYMENTS, "team_b", [{"id": "p9", "client": {"id": "client_1"}}])
    yield cache
    db.close()


def test_exact_value_at_either_path_in_insertion_order(cache: Cache) -> None:
    found = cache.matching(Resource.PAYMENTS, "team_a", PATHS, "client_1")
    assert [p["id"] for p in found] == ["p1", "p3"]
    assert found[0]["client"]["name"] == "Ana"  # whole records
    assert [p["id"] for p in cache.matching(Resource.PAYMENTS, "team_a", PATHS, "client_10")] == [
        "p2"
    ]


def test_only_the_team_asked_and_at_most_limit(cache: Cache) -> None:
    assert [p["id"] for p in cache.matching(Resource.PAYMENTS, "team_b", PATHS, "client_1")] == [
        "p9"
    ]
    assert len(cache.matching(Resource.PAYMENTS, "team_a", PATHS, "client_1", limit=1)) == 1
    assert cache.matching(Resource.PAYMENTS, None, PATHS, "client_1") == []


def test_odd_values_are_taken_literally(cache: Cache) -> None:
    assert [p["id"] for p in cache.matching(Resource.PAYMENTS, "team_a", PATHS, 'cli"ent_%')] == [
        "p5"
    ]
    assert cache.matching(Resource.PAYMENTS, "team_a", PATHS, "client_%") == []
    assert cache.matching(Resource.PAYMENTS, "team_a", PATHS, "") == []
    assert cache.matching(Resource.PAYMENTS, "team_a", (), "client_1") == []
