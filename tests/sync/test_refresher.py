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


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[GigstackClient]:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client


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
