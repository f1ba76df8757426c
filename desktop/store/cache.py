"""The local cache: clients, services and recent payments per team, readable offline.

Records are stored as the JSON the API returned (so nothing the server sent is lost) next to a
precomputed search key: lower-case, accent-free text of the fields a cashier types (name, RFC,
e-mail; description, SKU, barcode). Lookups at the counter go through an FTS5 trigram index
over that key (schema migration 3), falling back to `LIKE` where SQLite lacks it; never by
parsing JSON per keystroke.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any

from desktop.store.db import Database
from desktop.store.outbox import dumps
from desktop.store.schema import CODE_PATHS, code_expression

Clock = Callable[[], float]
#: A single word this long may be a whole code (RFC, SKU, barcode): looked up by index first.
CODE_MIN = 6
#: The trigram index finds words of at least this many characters.
TRIGRAM = 3
#: How many of a query's rarest trigrams the index is asked for (LIKE checks the rest).
MATCH_TRIGRAMS = 3
#: Trigram frequencies are counted up to this (above it, a trigram is simply "common").
TRIGRAM_COUNT_CAP = 2000
#: Remembered trigram frequencies per table before the memory starts over.
TRIGRAM_MEMORY = 20_000


class Resource(StrEnum):
    CLIENTS = "client"
    SERVICES = "service"
    PAYMENTS = "payment"


_SEARCH_FIELDS: dict[Resource, tuple[str, ...]] = {
    Resource.CLIENTS: ("name", "legal_name", "company", "tax_id", "email", "phone"),
    Resource.SERVICES: ("description", "sku", "barcode", "product_key"),
    Resource.PAYMENTS: ("id", "status", "payment_form"),
}


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, so "José" matches "jose" and "peña" "pena"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(resource: Resource, record: Mapping[str, Any]) -> str:
    parts = [str(record.get(name) or "") for name in _SEARCH_FIELDS[resource]]
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping):
        # Barcodes may live in metadata (gigstack has no documented barcode field).
        parts.extend(str(metadata.get(k) or "") for k in ("barcode", "local_id", "folio"))
    client = record.get("client")
    if isinstance(client, Mapping):
        parts.extend(str(client.get(k) or "") for k in ("name", "tax_id", "email"))
    return fold(" ".join(p for p in parts if p))


def starts_a_word(key: str, word: str) -> bool:
    """`word` (folded) begins some word of a search `key`: `Cache.search` lists these first."""
    return key.startswith(word) or f" {word}" in key


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _team(team: str | None) -> str:
    return team or ""


def _at_path(record: Mapping[str, Any], path: str) -> Any:
    """The value at a simple JSON path (`$.a.b`) of a parsed record, None when absent."""
    value: Any = record
    for part in path.removeprefix("$.").split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _record_id(record: Mapping[str, Any]) -> str:
    # Invoices are identified by `uuid` in gigstack's responses; everything else by `id`.
    value = record.get("id") or record.get("uuid")
    if not value:
        raise ValueError("a cached record needs an id")
    return str(value)


class Cache:
    """Read and refresh the cached copies of server records."""

    def __init__(self, db: Database, clock: Clock = time.time) -> None:
        self._db = db
        self._clock = clock
        self._fts: dict[str, bool] = {}
        self._trigram_counts: dict[str, dict[str, int]] = {}

    def now(self) -> float:
        """The cache's clock, in the unit of ``updated_at`` (what ``as_of`` compares with)."""
        return self._clock()

    def upsert(
        self,
        resource: Resource,
        team: str | None,
        records: Iterable[Mapping[str, Any]],
        *,
        as_of: float | None = None,
    ) -> int:
        """Insert or replace `records` in one transaction; returns how many were offered.

        `as_of` says the records are what the server held at that moment (when the page was
        asked for): a cached row written after it (a server answer written through while the
        page was on its way) is newer and is kept, so a refresh never turns a just-cancelled
        payment back into a paid one.
        """
        now = self._clock()
        rows = []
        for record in records:
            created = record.get("created_at")
            row: tuple[Any, ...] = (
                _team(team),
                _record_id(record),
                search_key(resource, record),
                dumps(dict(record)),
                now,
            )
            if resource is Resource.PAYMENTS:
                row = (*row, float(created) if isinstance(created, int | float) else None)
            rows.append(row)
        if not rows:
            return 0
        table = f"cached_{resource.value}"
        # An upsert, not INSERT OR REPLACE: the row keeps its rowid (the search index is keyed
        # by it, and REPLACE's implicit delete fires no trigger), and an unchanged search key
        # leaves the index alone, so a full refresh of 50k records rewrites little of it.
        if resource is Resource.PAYMENTS:
            sql = (
                f"INSERT INTO {table} (team, id, search_key, data, updated_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (team, id) DO UPDATE SET "
                "search_key = excluded.search_key, data = excluded.data, "
                "updated_at = excluded.updated_at, created_at = excluded.created_at"
            )
            if as_of is not None:
                sql += f" WHERE {table}.updated_at <= ?"
        else:
            sql = (
                f"INSERT INTO {table} (team, id, search_key, data, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (team, id) DO UPDATE SET "
                "search_key = excluded.search_key, data = excluded.data, "
                "updated_at = excluded.updated_at"
            )
            if as_of is not None:
                sql += f" WHERE {table}.updated_at <= ?"
        if as_of is not None:
            rows = [(*row, as_of) for row in rows]
        with self._db.write() as conn:
            conn.executemany(sql, rows)
        return len(rows)

    def remove(
        self,
        resource: Resource,
        team: str | None,
        ids: Iterable[str],
        *,
        as_of: float | None = None,
    ) -> int:
        """Delete cached rows; returns how many went. With `as_of` (when a full pass began), a
        row written after it (created here while the pass ran, so the pass could not see it)
        is kept."""
        sql = f"DELETE FROM cached_{resource.value} WHERE team = ? AND id = ?"
        params: list[tuple[Any, ...]] = [(_team(team), i) for i in ids]
        if as_of is not None:
            sql += " AND updated_at <= ?"
            params = [(*p, as_of) for p in params]
        with self._db.write() as conn:
            return int(conn.executemany(sql, params).rowcount)

    def get(self, resource: Resource, team: str | None, record_id: str) -> dict[str, Any] | None:
        with self._db.read() as conn:
            row = conn.execute(
                f"SELECT data FROM cached_{resource.value} WHERE team = ? AND id = ?",
                (_team(team), record_id),
            ).fetchone()
        return json.loads(row[0]) if row else None

    def all(self, resource: Resource, team: str | None) -> list[tuple[str, dict[str, Any]]]:
        """Every cached record of a team as (search key, record), in insertion order."""
        with self._db.read() as conn:
            rows = conn.execute(
                f"SELECT search_key, data FROM cached_{resource.value} WHERE team = ? "
                "ORDER BY rowid",
                (_team(team),),
            ).fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]

    def each(
        self, resource: Resource, team: str | None, batch: int = 1000
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """`all`, a batch at a time: for a caller that keeps a little of each record (a
        table row), so 50k parsed records never sit in memory together (issue 12). Each batch
        is its own read (no lock is held between them); a record written meanwhile may or
        may not be seen, as with any read taken a moment earlier or later."""
        after = 0
        while True:
            with self._db.read() as conn:
                # "+team": walk the rowids (no sort of the whole team per batch).
                rows = conn.execute(
                    f"SELECT rowid, search_key, data FROM cached_{resource.value} "
                    "WHERE +team = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                    (_team(team), after, batch),
                ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            for row in rows:
                yield row[1], json.loads(row[2])
            if len(rows) < batch:
                return

    def each_fields(
        self, resource: Resource, team: str | None, paths: Sequence[str], batch: int = 2000
    ) -> Iterator[tuple[Any, ...]]:
        """(id, the value at each JSON path) of every cached record of a team, in insertion
        order, a batch per read (as `each`): for an index that keeps a few fields of each
        record (the counter's codes). SQLite's `json_extract` picks them, so no record is
        parsed in Python and no whole record is ever built (issue 12). A missing path is None.

        Raises:
            sqlite3.OperationalError: This SQLite lacks the JSON functions (callers fall back
                to `each`).
        """
        picks = "".join(", json_extract(data, ?)" for _ in paths)
        after = 0
        while True:
            with self._db.read() as conn:
                rows = conn.execute(
                    f"SELECT rowid, id{picks} FROM cached_{resource.value} "
                    "WHERE +team = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                    (*paths, _team(team), after, batch),
                ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            for row in rows:
                yield row[1:]
            if len(rows) < batch:
                return

    def search(
        self, resource: Resource, team: str | None, text: str, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Records whose search key contains every word of `text` (accent/case-insensitive).

        Records where the first word typed starts a word ("Ana" → "Ana López", "López Ana";
        `starts_a_word`) come before those that only contain it ("Mariana"): the counter and
        the pickers take the first result on Enter, and a cashier typing a first name means
        that person. Each group keeps insertion (rowid) order.

        With the trigram index (schema migration 3), the index proposes candidates and each
        word is then checked with LIKE on the candidate's key, so results are exactly the
        LIKE semantics. Without the index (a SQLite lacking FTS5 trigram) or with only one-
        and two-letter words, it is a LIKE scan. Each group's query stops at `limit`.
        """
        words = list(dict.fromkeys(fold(text).split()))
        table = f"cached_{resource.value}"
        if len(words) == 1 and len(words[0]) >= CODE_MIN:
            exact = self._by_code(table, team, words[0], limit)
            if exact:
                return exact
        if not words:
            return self._search(table, team, words, "", [], limit=limit)
        first = _like_escape(words[0])
        starts = " AND (c.search_key LIKE ? ESCAPE '\\' OR c.search_key LIKE ? ESCAPE '\\')"
        found = self._search(table, team, words, starts, [f"{first}%", f"% {first}%"], limit=limit)
        if len(found) < limit:
            ids = {str(r.get("id")) for r in found}
            rest = self._search(table, team, words, "", [], limit=limit + len(found))
            found += [r for r in rest if str(r.get("id")) not in ids][: limit - len(found)]
        return found

    def _search(
        self,
        table: str,
        team: str | None,
        words: list[str],
        extra: str,
        extra_args: list[str],
        *,
        limit: int,
    ) -> list[dict[str, Any]]:
        """`search`'s query: every word contained, plus `extra` (SQL on ``c``), rowid order."""
        likes = "".join(" AND c.search_key LIKE ? ESCAPE '\\'" for _ in words) + extra
        patterns = [*(f"%{_like_escape(w)}%" for w in words), *extra_args]
        trigrams = self._rare_trigrams(table, words) if self._indexed(table) else []
        with self._db.read() as conn:
            if trigrams:
                # Driven by the index, in rowid order, so LIMIT stops the scan early.
                match = " ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
                rows = conn.execute(
                    f"SELECT c.data FROM {table}_fts f CROSS JOIN {table} c "
                    f"ON c.rowid = f.rowid WHERE {table}_fts MATCH ? AND c.team = ?{likes} "
                    "ORDER BY f.rowid LIMIT ?",
                    [match, _team(team), *patterns, limit],
                )
            else:
                # "+c.team": scan in rowid order (no sort of every match), so LIMIT stops early.
                rows = conn.execute(
                    f"SELECT c.data FROM {table} c WHERE +c.team = ?{likes} "
                    "ORDER BY c.rowid LIMIT ?",
                    [_team(team), *patterns, limit],
                )
            return [json.loads(r[0]) for r in rows]

    def matching(
        self,
        resource: Resource,
        team: str | None,
        paths: Sequence[str],
        value: str,
        limit: int = 1000,
    ) -> list[dict[str, Any]]:
        """Records of a team whose value at one of the JSON `paths` is exactly `value` (the
        payments of one client: `$.client.id`, or `$.client` when it is a bare id), in
        insertion order, at most `limit`. For a dialog that needs a few records out of a large
        cache without reading them all (issue 12).

        The stored JSON must hold `value` as a JSON string, so a LIKE on it skips most rows
        before SQLite's `json_extract` checks the path; nothing is parsed in Python but what
        matches. Without JSON functions, the records are walked in batches (`each`).
        """
        if not value or not paths:
            return []
        table = f"cached_{resource.value}"
        pattern = f"%{_like_escape(json.dumps(value, ensure_ascii=False))}%"
        checks = " OR ".join("json_extract(data, ?) = ?" for _ in paths)
        params: list[Any] = [_team(team), pattern]
        for path in paths:
            params += [path, value]
        try:
            with self._db.read() as conn:
                rows = conn.execute(
                    f"SELECT data FROM {table} WHERE +team = ? AND data LIKE ? ESCAPE '\\' "
                    f"AND ({checks}) ORDER BY rowid LIMIT ?",
                    [*params, limit],
                ).fetchall()
            return [json.loads(r[0]) for r in rows]
        except sqlite3.OperationalError:
            found = []
            for _key, record in self.each(resource, team):
                if any(_at_path(record, path) == value for path in paths):
                    found.append(record)
                    if len(found) >= limit:
                        break
            return found

    def _by_code(self, table: str, team: str | None, word: str, limit: int) -> list[dict[str, Any]]:
        """Records carrying `word` exactly as a code (RFC, SKU, barcode), by index.

        Choice (issue 12): one word that is some record's whole code means that record (a
        scanned barcode, a typed RFC), so only those are listed; a word that is no record's
        code gets the substring search. Without the code indexes (SQLite lacking JSON) none.
        """
        expressions = [code_expression(path) for t, path in CODE_PATHS if t == table]
        if not expressions or not self._indexed(f"{table}_code", "index"):
            return []
        found: dict[int, str] = {}
        with self._db.read() as conn:
            for expression in expressions:  # one indexed query each (an OR would scan)
                found.update(
                    conn.execute(
                        f"SELECT rowid, data FROM {table} WHERE team = ? AND {expression} = ? "
                        "ORDER BY rowid LIMIT ?",
                        (_team(team), word, limit),
                    ).fetchall()
                )
        return [json.loads(found[rowid]) for rowid in sorted(found)[:limit]]

    def _rare_trigrams(self, table: str, words: list[str]) -> list[str]:
        """What to ask the index for: the few rarest trigrams of `words`, or the words.

        A phrase query over every trigram of "xexx000004711" decodes the 50k-entry lists of
        "xex", "000"...; the two or three rarest ("471", "711") find the same few candidates in
        well under a millisecond, and LIKE then checks the whole words. Frequencies are counted
        once per trigram (capped, so a common one costs little) and remembered: they only
        choose which trigrams to ask for, so a stale count costs speed, never a result.
        """
        grams = {w[i : i + TRIGRAM] for w in words for i in range(len(w) - TRIGRAM + 1)}
        if not grams:
            return []
        counts = self._trigram_counts.setdefault(table, {})
        if len(counts) > TRIGRAM_MEMORY:
            counts.clear()
        unknown = [g for g in grams if g not in counts]
        if unknown:
            with self._db.read() as conn:
                for gram in unknown:
                    counts[gram] = conn.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM {table}_fts "
                        f"WHERE {table}_fts MATCH ? LIMIT {TRIGRAM_COUNT_CAP})",
                        ('"' + gram.replace('"', '""') + '"',),
                    ).fetchone()[0]
        rarest = sorted(grams, key=lambda g: (counts[g], g))[:MATCH_TRIGRAMS]
        if counts[rarest[0]] >= TRIGRAM_COUNT_CAP:
            # Every trigram is common ("xexx000000000" among 50k "xexx…" RFCs): LIKE would
            # check most rows. Whole words as phrases let FTS5 check positions in C instead.
            return [w for w in words if len(w) >= TRIGRAM]
        return rarest

    def _indexed(self, table: str, kind: str = "table") -> bool:
        """True when `table` has its trigram index (`kind` "table": `<table>_fts`) or its code
        indexes (`kind` "index": names starting `<table>`), see schema migration 3; asked once.
        """
        known = self._fts.get(f"{kind}:{table}")
        if known is None:
            name = f"{table}_fts" if kind == "table" else f"{table}_%"
            with self._db.read() as conn:
                row = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = ? AND name LIKE ?", (kind, name)
                ).fetchone()
            known = self._fts[f"{kind}:{table}"] = row is not None
        return known

    def ids(self, resource: Resource, team: str | None) -> set[str]:
        with self._db.read() as conn:
            rows = conn.execute(
                f"SELECT id FROM cached_{resource.value} WHERE team = ?", (_team(team),)
            )
            return {r[0] for r in rows}

    def count(self, resource: Resource, team: str | None) -> int:
        with self._db.read() as conn:
            return int(
                conn.execute(
                    f"SELECT COUNT(*) FROM cached_{resource.value} WHERE team = ?",
                    (_team(team),),
                ).fetchone()[0]
            )

    def mark_synced(self, resource: Resource, team: str | None) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO cache_sync (team, resource, synced_at) VALUES (?, ?, ?)",
                (_team(team), resource.value, self._clock()),
            )

    def synced_at(self, resource: Resource, team: str | None) -> float | None:
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT synced_at FROM cache_sync WHERE team = ? AND resource = ?",
                (_team(team), resource.value),
            ).fetchone()
        return None if row is None else float(row[0])


class CacheLookup(Mapping[str, dict[str, Any]]):
    """Records of one resource by id, read on demand and remembered: for views that need a few
    names out of 50k cached clients (reading them all would stall the GUI thread)."""

    def __init__(self, cache: Cache, resource: Resource, team: str | None) -> None:
        self._cache, self._resource, self._team = cache, resource, team
        self._seen: dict[str, dict[str, Any] | None] = {}

    def __getitem__(self, record_id: str) -> dict[str, Any]:
        if record_id not in self._seen:
            self._seen[record_id] = self._cache.get(self._resource, self._team, record_id)
        record = self._seen[record_id]
        if record is None:
            raise KeyError(record_id)
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._cache.ids(self._resource, self._team)))

    def __len__(self) -> int:
        return self._cache.count(self._resource, self._team)
