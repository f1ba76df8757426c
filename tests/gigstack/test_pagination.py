"""Cursor pagination across many pages of a real list."""

from __future__ import annotations

from itertools import islice
from typing import Any

import pytest

from desktop.gigstack import Client, GigstackClient, InvalidResponseError, Page, Paginator


def test_iterate_150_clients_every_id_once(empty_api: GigstackClient, empty_sandbox: Any) -> None:
    created = {
        empty_api.clients.create({"name": f"Cliente {n:03d}", "email": f"c{n}@example.com"}).id
        for n in range(150)
    }
    assert len(created) == 150

    seen = [c.id for c in empty_api.clients.list(limit=100)]
    assert len(seen) == 150
    assert set(seen) == created

    pages = list(empty_api.clients.list(limit=40).pages())
    assert [len(p) for p in pages] == [40, 40, 40, 30]
    assert all(p.total_results == 150 for p in pages)
    assert [p.has_more for p in pages] == [True, True, True, False]
    assert pages[-1].next is None

    # Default page size (10) also covers everything.
    assert len(list(empty_api.clients.list())) == 150


def test_iteration_is_lazy(empty_api: GigstackClient, empty_sandbox: Any) -> None:
    for n in range(25):
        empty_api.clients.create({"name": f"Lazy {n}"})
    before = len(empty_sandbox.requests)
    paginator = empty_api.clients.list(limit=10)
    assert isinstance(paginator, Paginator)
    assert len(empty_sandbox.requests) == before  # nothing fetched yet
    first_twelve = list(islice(paginator, 12))
    assert len(first_twelve) == 12
    assert len(empty_sandbox.requests) == before + 2  # only two pages


def test_one_page_access(empty_api: GigstackClient) -> None:
    for n in range(15):
        empty_api.clients.create({"name": f"Página {n}"})
    first = empty_api.clients.list_page(limit=10)
    assert isinstance(first, Page)
    assert len(first.items) == 10
    assert first.has_more
    assert first.next
    assert first.total_results == 15
    second = empty_api.clients.list_page(limit=10, next=first.next)
    assert len(second.items) == 5
    assert second.is_last
    assert {c.id for c in first} | {c.id for c in second} == {
        c.id for c in empty_api.clients.list(limit=100)
    }


def test_empty_list(empty_api: GigstackClient) -> None:
    page = empty_api.payments.list_page()
    assert page.items == []
    assert page.is_last
    assert list(empty_api.payments.list()) == []


def _page(next_cursor: str | None, has_more: bool | None) -> Page[Client]:
    return Page(items=[Client(id="c")], next=next_cursor, has_more=bool(has_more))


def test_stop_rules_accept_both_last_page_styles() -> None:
    # REFERENCE §2.5/§15: last page may carry next=null, omit next, or say has_more=false.
    calls: list[str | None] = []

    def fetch_has_more_false(cursor: str | None) -> Page[Client]:
        calls.append(cursor)
        return _page("cursor-still-here", False) if cursor else _page("c1", True)

    assert len(list(Paginator(fetch_has_more_false))) == 2
    assert calls == [None, "c1"]

    def fetch_next_missing(cursor: str | None) -> Page[Client]:
        return _page(None, True) if cursor else _page("c1", True)

    assert len(list(Paginator(fetch_next_missing))) == 2


def test_repeated_cursor_raises() -> None:
    def fetch(cursor: str | None) -> Page[Client]:
        return _page("same", True)

    with pytest.raises(InvalidResponseError):
        list(Paginator(fetch))


def test_paginator_is_an_iterator(api: GigstackClient) -> None:
    paginator = api.services.list(limit=3)
    first = next(paginator)
    second = next(paginator)
    assert first.id != second.id
    rest = list(paginator)
    assert first.id not in {s.id for s in rest}
    assert list(paginator) == []  # single pass, like a generator
