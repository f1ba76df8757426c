"""In-memory state of the sandbox, its pagination cursors and its JSON persistence.

Every collection keeps records in insertion order in an append-only position list (deleted
records leave a ``None`` hole), so a cursor is simply "the position of the last record
returned": paging never sorts, never re-counts unfiltered collections, and stays stable while
records are added or deleted between pages. One ``RLock`` guards the whole store; handlers are
short and in-memory, so a single lock is both simple and fast enough for 50k records.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

Record = dict[str, Any]
Predicate = Callable[[Record], bool]


class Collection:
    """Insertion-ordered records with stable positions and optional exact-match indexes."""

    def __init__(self, name: str, key: str = "id", indexed: tuple[str, ...] = ()) -> None:
        self.name = name
        self.key = key
        self.records: dict[str, Record] = {}
        self.order: list[str | None] = []
        self.pos: dict[str, int] = {}
        self.version = 0
        self._indexed = indexed
        self._index: dict[str, dict[str, set[str]]] = {f: {} for f in indexed}
        self._count_cache: dict[Any, int] = {}
        self._sorted_cache: tuple[int, str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, ident: object) -> bool:
        return ident in self.records

    def get(self, ident: str) -> Record | None:
        return self.records.get(ident)

    def values(self) -> Iterator[Record]:
        return iter(self.records.values())

    def _index_add(self, record: Record) -> None:
        for field in self._indexed:
            value = record.get(field)
            if isinstance(value, str) and value:
                self._index[field].setdefault(value.lower(), set()).add(record[self.key])

    def _index_remove(self, record: Record) -> None:
        for field in self._indexed:
            value = record.get(field)
            if isinstance(value, str) and value:
                bucket = self._index[field].get(value.lower())
                if bucket:
                    bucket.discard(record[self.key])

    def lookup(self, field: str, value: str) -> list[Record]:
        """Exact (case-insensitive) match on a field; indexed fields avoid a full scan."""
        if field in self._index:
            ids = self._index[field].get(value.lower(), set())
            return [self.records[i] for i in sorted(ids, key=self.pos.__getitem__)]
        folded = value.lower()
        return [
            r
            for r in self.records.values()
            if isinstance(r.get(field), str) and r[field].lower() == folded
        ]

    def _touch(self) -> None:
        self.version += 1
        self._count_cache.clear()

    def add(self, record: Record) -> Record:
        ident = record[self.key]
        if ident in self.records:
            raise KeyError(f"duplicate id {ident}")
        self.records[ident] = record
        self.pos[ident] = len(self.order)
        self.order.append(ident)
        self._index_add(record)
        self._touch()
        return record

    def replace(self, record: Record) -> Record:
        ident = record[self.key]
        self._index_remove(self.records[ident])
        self.records[ident] = record
        self._index_add(record)
        self._touch()
        return record

    def delete(self, ident: str) -> Record:
        record = self.records.pop(ident)
        self._index_remove(record)
        self.order[self.pos.pop(ident)] = None
        self._touch()
        return record

    def _ordering(self, order_by: str) -> list[str | None]:
        if order_by != "name":
            return self.order
        # Sorting by name is the one case that needs a sort; cache it per version.
        if self._sorted_cache and self._sorted_cache[:2] == (self.version, order_by):
            return list(self._sorted_cache[2])

        def sort_key(ident: str) -> str:
            rec = self.records[ident]
            name = rec.get("name") or rec.get("legal_name") or rec.get("description") or ""
            return str(name).lower()

        ordered = sorted(self.records, key=sort_key)
        self._sorted_cache = (self.version, order_by, ordered)
        return list(ordered)

    def page(
        self,
        *,
        start: int | None,
        descending: bool,
        limit: int,
        predicate: Predicate | None,
        order_by: str = "created_at",
    ) -> tuple[list[Record], int | None]:
        """Up to ``limit`` matching records after position ``start`` (exclusive).

        Returns the records and the position of the last one when more matches exist
        (the next cursor), else ``None``.
        """
        order = self._ordering(order_by)
        if descending:
            positions: range = range(len(order) - 1 if start is None else start - 1, -1, -1)
        else:
            positions = range(0 if start is None else start + 1, len(order))
        found: list[Record] = []
        last = None
        for position in positions:
            ident = order[position]
            if ident is None:
                continue
            record = self.records[ident]
            if predicate is not None and not predicate(record):
                continue
            if len(found) == limit:
                return found, last
            found.append(record)
            last = position
        return found, None

    def count(self, predicate: Predicate | None, cache_key: Any) -> int:
        if predicate is None:
            return len(self.records)
        cached = self._count_cache.get(cache_key)
        if cached is None:
            cached = sum(1 for r in self.records.values() if predicate(r))
            self._count_cache[cache_key] = cached
        return cached

    def dump(self) -> list[Record]:
        return list(self.records.values())

    def load(self, records: list[Record]) -> None:
        for record in records:
            self.add(record)


class TeamData:
    """Everything that belongs to one gigstack team (Connect teams are fully separate)."""

    def __init__(self, team: Record) -> None:
        self.team = team
        self.clients = Collection("clients", indexed=("tax_id", "email"))
        self.services = Collection("services")
        self.payments = Collection("payments")
        self.invoices = Collection("invoices", key="uuid")
        self.receipts = Collection("receipts")
        self.series: dict[str, Record] = {}
        # "<scope>:<key>" -> {"fingerprint", "status", "body"}
        self.idempotency: dict[str, Record] = {}

    def collection(self, name: str) -> Collection:
        return {
            "clients": self.clients,
            "services": self.services,
            "payments": self.payments,
            "invoices": self.invoices,
            "receipts": self.receipts,
        }[name]

    def dump(self) -> Record:
        return {
            "team": self.team,
            "clients": self.clients.dump(),
            "services": self.services.dump(),
            "payments": self.payments.dump(),
            "invoices": self.invoices.dump(),
            "receipts": self.receipts.dump(),
            "series": self.series,
            "idempotency": self.idempotency,
        }

    @classmethod
    def load(cls, data: Record) -> TeamData:
        team = cls(data["team"])
        for name in ("clients", "services", "payments", "invoices", "receipts"):
            team.collection(name).load(data.get(name, []))
        team.series = dict(data.get("series", {}))
        team.idempotency = dict(data.get("idempotency", {}))
        return team


class Store:
    """All sandbox data: teams reachable by the API key, their data, and users."""

    def __init__(self, key_team: str, livemode: bool = False) -> None:
        self.lock = threading.RLock()
        self.key_team = key_team
        self.livemode = livemode
        self.teams: dict[str, TeamData] = {}
        self.users = Collection("users", indexed=("email",))

    def team(self, team_id: str) -> TeamData | None:
        return self.teams.get(team_id)

    def dump(self) -> Record:
        return {
            "format": "mostrador-sandbox-state",
            "version": 1,
            "key_team": self.key_team,
            "livemode": self.livemode,
            "teams": {tid: data.dump() for tid, data in self.teams.items()},
            "users": self.users.dump(),
        }

    @classmethod
    def load(cls, data: Record) -> Store:
        if data.get("format") != "mostrador-sandbox-state":
            raise ValueError("not a sandbox state file")
        store = cls(data["key_team"], bool(data.get("livemode", False)))
        for tid, team_data in data["teams"].items():
            store.teams[tid] = TeamData.load(team_data)
        store.users.load(data.get("users", []))
        return store

    def save(self, path: Path) -> None:
        """Atomic write: a crash mid-save leaves the previous file intact."""
        payload = json.dumps(self.dump(), ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(prefix=".sandbox-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# --- cursors -----------------------------------------------------------------------------


class CursorError(ValueError):
    pass


def encode_cursor(payload: Record) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    crc = zlib.crc32(raw).to_bytes(4, "big")
    return base64.urlsafe_b64encode(crc + raw).decode().rstrip("=")


def decode_cursor(token: str) -> Record:
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        crc, raw = blob[:4], blob[4:]
        if len(blob) < 5 or zlib.crc32(raw).to_bytes(4, "big") != crc:
            raise CursorError("checksum mismatch")
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise CursorError(str(exc)) from exc
    if not isinstance(payload, dict):
        raise CursorError("not an object")
    return payload
