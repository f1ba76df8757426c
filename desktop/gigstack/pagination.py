"""Cursor pagination over gigstack list endpoints (REFERENCE §2.5)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from desktop.gigstack.errors import InvalidResponseError

__all__ = ["Page", "Paginator"]

T = TypeVar("T")

_log = logging.getLogger("desktop.gigstack")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list endpoint.

    Attributes:
        items: The resources on this page.
        next: Opaque cursor for the following page, or ``None`` when there is none.
        has_more: Whether the server says more pages follow.
        total_results: Total count across all pages, when the server sent it.
        message: The envelope's ``message``.
    """

    items: list[T]
    next: str | None = None
    has_more: bool = False
    total_results: int | None = None
    message: str | None = field(default=None, compare=False)

    @property
    def is_last(self) -> bool:
        """True when following pages cannot be fetched.

        REFERENCE §2.5/§15: whether ``next`` is null or absent on the last page is not
        documented, and the CLI passes ``next`` on only when ``has_more`` is true. We stop when
        either says so: ``has_more`` false, or ``next`` null/absent/empty.
        """
        return not self.has_more or not self.next

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Paginator(Iterator[T]):
    """Lazy iterator over every item of a list endpoint, following ``next`` cursors.

    Nothing is requested until the first item is asked for; each page is fetched when the
    previous one is used up. Like a generator it is single-pass. :meth:`pages` starts an
    independent walk that yields whole pages (to see ``total_results`` etc.).
    """

    def __init__(self, fetch: Callable[[str | None], Page[T]]) -> None:
        self._fetch = fetch
        self._items: Iterator[T] | None = None

    def __iter__(self) -> Paginator[T]:
        return self

    def __next__(self) -> T:
        if self._items is None:
            self._items = (item for page in self.pages() for item in page.items)
        return next(self._items)

    def pages(self) -> Iterator[Page[T]]:
        """Yield pages one by one until the last.

        Raises:
            InvalidResponseError: If the server hands back a cursor it already gave, which
                would otherwise loop forever.
        """
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = self._fetch(cursor)
            yield page
            if page.is_last or page.next is None:
                if page.has_more and not page.next:
                    _log.warning("list said has_more but sent no cursor; stopping")
                return
            if page.next in seen:
                raise InvalidResponseError(
                    "server repeated a pagination cursor", outcome_unknown=False
                )
            seen.add(page.next)
            cursor = page.next

    def first_page(self) -> Page[T]:
        """Fetch only the first page."""
        return self._fetch(None)
