"""The refresher: pulls clients, services and recent payments into the local cache.

gigstack's lists have no "changed since" filter (REFERENCE §2.5), so clients and services are
re-read in full, page by page (100 a page), each page upserted in its own short transaction so
the counter can keep reading the cache meanwhile. Records that were not seen in a *complete*
pass are removed (deleted on the server); an interrupted pass removes nothing. Payments are
read for a recent window only (`created[gte]`), newest first.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from desktop.gigstack import GigstackClient
from desktop.store.cache import Cache, Resource

PAGE_SIZE = 100
PAYMENTS_WINDOW_DAYS = 30

Progress = Callable[[Resource, int], None]


@dataclass(frozen=True)
class RefreshReport:
    resource: Resource
    fetched: int
    removed: int


def _records(models: Iterable[BaseModel]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json", exclude_none=True) for m in models]


class Refresher:
    """Refreshes one team's cache from the API. Runs on the worker thread."""

    def __init__(
        self,
        client: GigstackClient,
        cache: Cache,
        *,
        team: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._cache = cache
        self._team = team
        self._clock = clock

    def refresh(
        self,
        resources: Iterable[Resource] = (Resource.CLIENTS, Resource.SERVICES, Resource.PAYMENTS),
        *,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> list[RefreshReport]:
        """Refresh each resource in turn; API errors propagate (the cache keeps what it had)."""
        reports = []
        for resource in resources:
            if should_stop():
                break
            reports.append(self._refresh_one(resource, progress, should_stop))
        return reports

    def _refresh_one(
        self, resource: Resource, progress: Progress | None, should_stop: Callable[[], bool]
    ) -> RefreshReport:
        api, team = self._client, self._team
        seen: set[str] = set()
        fetched = 0
        cursor: str | None = None
        complete = False
        # A row written through while this pass runs (a sale sent, a payment cancelled) is
        # newer than any page asked for before it: pages and the stale sweep leave it alone.
        began = self._cache.now()
        while not should_stop():
            asked = self._cache.now()
            if resource is Resource.CLIENTS:
                page: Any = api.clients.list_page(limit=PAGE_SIZE, next=cursor, team=team)
            elif resource is Resource.SERVICES:
                page = api.services.list_page(limit=PAGE_SIZE, next=cursor, team=team)
            else:
                since = int(self._clock()) - PAYMENTS_WINDOW_DAYS * 86400
                page = api.payments.list_page(
                    limit=PAGE_SIZE, next=cursor, sort="desc", created_gte=since, team=team
                )
            records = _records(page.items)
            self._cache.upsert(resource, team, records, as_of=asked)
            seen.update(str(r.get("id")) for r in records)
            fetched += len(records)
            if progress is not None:
                progress(resource, fetched)
            cursor = page.next
            if not page.has_more or not cursor:
                complete = True
                break
        removed = 0
        if complete:
            if resource is not Resource.PAYMENTS:  # older payments just fall out of the window
                stale = sorted(self._cache.ids(resource, team) - seen)
                removed = self._cache.remove(resource, team, stale, as_of=began)
            self._cache.mark_synced(resource, team)
        return RefreshReport(resource, fetched, removed)
