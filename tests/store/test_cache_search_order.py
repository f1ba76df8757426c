"""A first name typed at the counter means that person: word-start matches come first."""

from __future__ import annotations

from pathlib import Path

from desktop.store import open_database
from desktop.store.cache import Cache, Resource
from desktop.ui.record_picker import ListSource

CLIENTS = [
    {"id": "client_1", "name": "Mariana Castillo Vega"},
    {"id": "client_2", "name": "Juliana Ruiz"},
    {"id": "client_3", "name": "Ana López Ramos"},
    {"id": "client_4", "name": "Pedro Ana Soto"},
]


def ids(records: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in records]


def test_a_name_that_starts_with_the_word_comes_first(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        cache = Cache(db)
        cache.upsert(Resource.CLIENTS, None, CLIENTS)
        found = ids(cache.search(Resource.CLIENTS, None, "Ana", limit=10))
        assert found == ["client_3", "client_4", "client_1", "client_2"]
        # The limit keeps the best: the word starts fill it before any mere containment.
        assert ids(cache.search(Resource.CLIENTS, None, "ana", limit=2)) == [
            "client_3",
            "client_4",
        ]
        # Every typed word must still be there; the order follows the first one.
        assert ids(cache.search(Resource.CLIENTS, None, "ana vega", limit=10)) == ["client_1"]
        # A source of records in hand ranks the same way.
        assert ids(ListSource(CLIENTS, Resource.CLIENTS).search("ana", 10)) == found
    finally:
        db.close()
