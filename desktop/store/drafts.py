"""The sale in progress at the counter, kept durable so a crash or a kill does not lose it.

One draft per data folder (one app per folder): a JSON document the counter writes on each
change and reads back at start (`desktop.ui.counter_draft`). A charged or cleared sale removes
it. Queued sales are the outbox's business; this is only the cart the cashier is building.

The table is created here when first written (``CREATE TABLE IF NOT EXISTS``) rather than by a
schema migration: a draft is disposable, an older Mostrador opening the file simply ignores
the table, and no `user_version` step is spent on it. A file without the table has no draft.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.store.db import Database
from desktop.store.outbox import dumps

log = logging.getLogger(__name__)

Clock = Callable[[], float]

#: Bumped if the document's shape changes; a draft of another version is dropped, not misread.
DRAFT_VERSION = 1

_CREATE = """
    CREATE TABLE IF NOT EXISTS sale_draft (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        saved_at  REAL    NOT NULL,
        document  TEXT    NOT NULL
    )
"""


@dataclass(frozen=True)
class Draft:
    """A saved sale in progress: `document` as the counter wrote it, and when."""

    document: dict[str, Any]
    saved_at: float


class Drafts:
    """The data folder's sale in progress (see the module docstring)."""

    def __init__(self, db: Database, *, clock: Clock = time.time) -> None:
        self.db = db
        self._clock = clock

    def save(self, document: Mapping[str, Any]) -> None:
        """Keep `document` (JSON-able; Decimals become strings) as the sale in progress.

        Raises:
            StorageError: It could not be written (read-only folder, disk full...).
        """
        text = dumps({**document, "version": DRAFT_VERSION})
        with self.db.write() as conn:
            conn.execute(_CREATE)
            conn.execute(
                "INSERT INTO sale_draft (id, saved_at, document) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, "
                "document = excluded.document",
                (self._clock(), text),
            )

    def clear(self) -> None:
        """No sale in progress any more (charged, or cleared by the cashier).

        Raises:
            StorageError: It could not be written.
        """
        if self.load() is None:
            return  # nothing to remove: no write (and none on a read-only file)
        with self.db.write() as conn:
            conn.execute(_CREATE)
            conn.execute("DELETE FROM sale_draft")

    def load(self) -> Draft | None:
        """The saved sale in progress, or None (none, unreadable, or of another version)."""
        try:
            with self.db.read() as conn:
                row = conn.execute("SELECT saved_at, document FROM sale_draft").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
        if row is None:
            return None
        try:
            document = json.loads(row["document"])
        except (json.JSONDecodeError, TypeError, RecursionError):
            log.warning("the saved sale in progress is not readable JSON: dropped")
            return None
        if not isinstance(document, dict) or document.get("version") != DRAFT_VERSION:
            log.warning("the saved sale in progress has another shape: dropped")
            return None
        return Draft(document, float(row["saved_at"]))

    def charged_since(self, draft: Draft, items: list[tuple[str, Decimal]]) -> bool:
        """True when a sale with these `items` (service id, quantity) was queued at or after
        the draft was last saved: the process ended between queuing the sale and clearing the
        cart, so the draft is that sale and must not come back (it would be charged twice).

        Items are compared by service id and quantity; a sale whose services were swapped for
        their gigstack ids while queued (`desktop.sales.with_queued_services`) does not match,
        so the draft comes back and the cashier sees it (never a sale silently lost).
        """
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT payload FROM outbox WHERE kind = 'register_payment' AND created_at >= ? "
                "ORDER BY id DESC LIMIT 50",
                (draft.saved_at,),
            ).fetchall()
        wanted = sorted((service, quantity.normalize()) for service, quantity in items)
        for row in rows:
            try:
                payload = json.loads(row["payload"])
            except (json.JSONDecodeError, TypeError):
                continue
            if isinstance(payload, dict) and sorted(_payload_items(payload)) == wanted:
                return True
        return False


def _payload_items(payload: Mapping[str, Any]) -> list[tuple[str, Decimal]]:
    found: list[tuple[str, Decimal]] = []
    items = payload.get("items")
    if not isinstance(items, list):
        return found
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            quantity = Decimal(str(item.get("quantity"))).normalize()
        except (InvalidOperation, ValueError):
            continue
        found.append((str(item.get("id") or ""), quantity))
    return found


__all__ = ["DRAFT_VERSION", "Draft", "Drafts"]
