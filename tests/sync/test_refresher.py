"""The refresher mirrors the server into the cache, page by page, per team."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.gigstack import GigstackClient, RetryableError
from desktop.sandbox import Sandbox
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.sync.refresher import Refresher
from tests.conftest import SANDBOX_KEY


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db: Database = open_database(tmp_path)
    yield Cache(db)
    db.close()


def test_full_refresh_fills_the_cache(api: GigstackClient, cache: Cache) -> None:
    seen: list[tuple[Resource, int]] = []
    reports = Refresher(api, cache).refresh(progress=lambda r, n: seen.append((r, n)))
    server_clients = {c.id for c in api.clients.list(limit=100)}
    assert cache.ids(Resource.CLIENTS, None) == server_clients
    assert cache.count(Resource.SERVICES, None) == len(list(api.services.list(limit=100)))
    assert cache.count(Resource.PAYMENTS, None) > 0
    assert {r.resource for r in reports} == set(Resource)
    assert seen and all(cache.synced_at(r, None) for r in Resource)
    (cafe,) = cache.search(Resource.SERVICES, None, "americano")
    assert cafe["id"] == "service_demo_americano"


def test_many_pages_and_deleted_records(empty_sandbox: Sandbox, cache: Cache) -> None:
    with GigstackClient(SANDBOX_KEY, base_url=empty_sandbox.base_url) as api:
        for n in range(230):
            api.clients.create({"name": f"Cliente {n}", "email": f"c{n}@example.com"})
        Refresher(api, cache).refresh([Resource.CLIENTS])
        assert cache.count(Resource.CLIENTS, None) == 230
        gone = str(next(iter(api.clients.list(limit=1))).id)
        api.clients.delete(gone)
        (report,) = Refresher(api, cache).refresh([Resource.CLIENTS])
    assert (report.fetched, report.removed) == (229, 1)
    assert cache.get(Resource.CLIENTS, None, gone) is None


def test_connect_team_has_its_own_cache(api: GigstackClient, cache: Cache) -> None:
    Refresher(api, cache, team="team_sucursal_norte").refresh([Resource.CLIENTS])
    norte = cache.ids(Resource.CLIENTS, "team_sucursal_norte")
    assert norte and cache.count(Resource.CLIENTS, None) == 0
    assert norte == {c.id for c in api.clients.list(limit=100, team="team_sucursal_norte")}


def test_failed_refresh_keeps_what_the_cache_had(
    sandbox: Sandbox, api: GigstackClient, cache: Cache
) -> None:
    Refresher(api, cache).refresh([Resource.CLIENTS])
    before = cache.ids(Resource.CLIENTS, None)
    sandbox.faults.set(status_down=True)
    with pytest.raises(RetryableError):
        Refresher(api, cache).refresh([Resource.CLIENTS])
    assert cache.ids(Resource.CLIENTS, None) == before


class _AnswerArrivesMidPage(Cache):
    """A real cache where a server answer is written through while a page is on its way:
    the first page the refresher stores lands after a cancellation was written."""

    def __init__(self, db: Database, cancelled: dict[str, object]) -> None:
        super().__init__(db)
        self.cancelled = cancelled
        self.pending = True

    def upsert(self, resource, team, records, *, as_of=None):  # type: ignore[no-untyped-def]
        if self.pending and as_of is not None and resource is Resource.PAYMENTS:
            self.pending = False
            super().upsert(resource, team, [self.cancelled])  # written through, newer
        return super().upsert(resource, team, records, as_of=as_of)


def test_a_page_asked_before_a_write_through_never_undoes_it(
    api: GigstackClient, tmp_path: Path
) -> None:
    payment = next(p for p in api.payments.list(limit=100) if p.status == "succeeded")
    cancelled = {**payment.model_dump(mode="json", exclude_none=True), "status": "cancelled"}
    db = open_database(tmp_path)
    try:
        cache = _AnswerArrivesMidPage(db, cancelled)
        Refresher(api, cache).refresh([Resource.PAYMENTS])
        assert not cache.pending  # the race happened
        stored = cache.get(Resource.PAYMENTS, None, str(payment.id))
        assert stored is not None and stored["status"] == "cancelled"
        # The next pass, asked after the write, brings gigstack's own state back.
        Refresher(api, cache).refresh([Resource.PAYMENTS])
        stored = cache.get(Resource.PAYMENTS, None, str(payment.id))
        assert stored is not None and stored["status"] == "succeeded"
    finally:
        db.close()


def test_a_record_created_during_a_pass_survives_its_sweep(
    api: GigstackClient, cache: Cache
) -> None:
    created = {"id": "client_created_meanwhile", "name": "Nueva Clienta", "legal_name": "X"}

    def meanwhile(resource: Resource, fetched: int) -> None:
        if cache.get(Resource.CLIENTS, None, created["id"]) is None:
            cache.upsert(Resource.CLIENTS, None, [created])  # a sale's client, written through

    (report,) = Refresher(api, cache).refresh([Resource.CLIENTS], progress=meanwhile)
    assert report.removed == 0
    assert cache.get(Resource.CLIENTS, None, created["id"]) is not None
    # A later full pass that began after it was written does sweep it (gigstack lacks it).
    (report,) = Refresher(api, cache).refresh([Resource.CLIENTS])
    assert report.removed == 1 and cache.get(Resource.CLIENTS, None, created["id"]) is None
