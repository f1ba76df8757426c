"""The database schema as a list of forward migrations.

Each migration runs once, in order, inside the caller's transaction; `PRAGMA user_version`
records how far a file has come. Never edit a migration that has shipped: add a new one.
Tests open a database at every earlier version and migrate it to the latest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.store.errors import SchemaTooNewError, too_new

__all__ = ["LATEST_VERSION", "MIGRATIONS", "SchemaTooNewError", "current_version", "migrate"]

#: The cache tables that get a trigram index (`<table>_fts`, rowid = the table's rowid).
SEARCH_INDEXED = ("cached_client", "cached_service", "cached_payment")


#: Codes a cashier types or scans whole, indexed exactly (lower-case) per team.
CODE_PATHS = (
    ("cached_client", "$.tax_id"),
    ("cached_service", "$.sku"),
    ("cached_service", "$.metadata.barcode"),
)


def code_expression(path: str) -> str:
    """The indexed expression for a code at JSON `path` (queries must repeat it exactly)."""
    return f"lower(json_extract(data, '{path}'))"


def _create_search_indexes(conn: sqlite3.Connection) -> None:
    """Create `<table>_fts` (FTS5 trigram) for each cache table, kept in step by triggers.

    The insert trigger uses OR REPLACE: an `INSERT OR REPLACE` into the cache table deletes the
    old row without firing delete triggers (recursive_triggers is off), so its index row may
    linger; replacing by rowid keeps the index consistent even then (a lingering row whose
    rowid is never reused matches nothing in the join).
    """
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts_probe USING fts5(k, tokenize='trigram')")
        conn.execute("DROP TABLE temp._fts_probe")
        indexed: tuple[str, ...] = SEARCH_INDEXED
    except sqlite3.OperationalError:
        indexed = ()  # no FTS5 or no trigram tokenizer: searches use LIKE
    for table in indexed:
        fts = f"{table}_fts"
        conn.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(search_key, tokenize='trigram')")
        conn.execute(f"INSERT INTO {fts} (rowid, search_key) SELECT rowid, search_key FROM {table}")
        conn.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT OR REPLACE INTO {fts} (rowid, search_key) "
            "VALUES (new.rowid, new.search_key); END"
        )
        conn.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.rowid; END"
        )
        conn.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_key ON {table} "
            "WHEN old.search_key IS NOT new.search_key BEGIN "
            f"UPDATE {fts} SET search_key = new.search_key WHERE rowid = old.rowid; END"
        )
    # Whole codes (an RFC typed, a barcode scanned) by index: every trigram of
    # "xexx000000000" is common among 50k "XEXX..." RFCs, so the trigram index cannot narrow.
    # Needs JSON functions (built into SQLite since 3.38; checked like FTS5 above).
    try:
        conn.execute("SELECT json_extract('{\"a\": 1}', '$.a')").fetchone()
    except sqlite3.OperationalError:
        return
    for table, path in CODE_PATHS:
        name = f"{table}_code_{path.rsplit('.', 1)[-1]}"
        conn.execute(f"CREATE INDEX {name} ON {table} (team, {code_expression(path)})")


MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: the outbox, its audit trail and the terminal's folio counter.
    """
    CREATE TABLE terminal (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        series      TEXT    NOT NULL,
        next_folio  INTEGER NOT NULL CHECK (next_folio >= 1)
    );
    CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY,
        local_id         TEXT    NOT NULL UNIQUE,
        kind             TEXT    NOT NULL,
        team             TEXT,
        folio            TEXT    UNIQUE,
        idempotency_key  TEXT    NOT NULL UNIQUE,
        payload          TEXT    NOT NULL,
        serial_key       TEXT,
        state            TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'sending', 'sent', 'parked', 'discarded')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  REAL    NOT NULL,
        outcome_unknown  INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        last_status      INTEGER,
        server_id        TEXT,
        response         TEXT,
        created_at       REAL    NOT NULL,
        updated_at       REAL    NOT NULL,
        sent_at          REAL
    );
    CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    CREATE INDEX outbox_serial ON outbox (serial_key, state);
    CREATE TABLE outbox_audit (
        id         INTEGER PRIMARY KEY,
        outbox_id  INTEGER NOT NULL REFERENCES outbox (id),
        at         REAL    NOT NULL,
        action     TEXT    NOT NULL,
        detail     TEXT
    );
    CREATE INDEX outbox_audit_item ON outbox_audit (outbox_id);
    """,
    # 2: the local cache of server data, per team ('' = the key's own team).
    """
    CREATE TABLE cached_client (
        team        TEXT NOT NULL,
        id          TEXT NOT NULL,
        search_key  TEXT NOT NULL,
        data        TEXT NOT NULL,
        updated_at  REAL NOT NULL,
        PRIMARY KEY (team, id)
    );
    CREATE TABLE cached_service (
        team        TEXT NOT NULL,
        id          TEXT NOT NULL,
        search_key  TEXT NOT NULL,
        data        TEXT NOT NULL,
        updated_at  REAL NOT NULL,
        PRIMARY KEY (team, id)
    );
    CREATE TABLE cached_payment (
        team        TEXT NOT NULL,
        id          TEXT NOT NULL,
        created_at  REAL,
        search_key  TEXT NOT NULL,
        data        TEXT NOT NULL,
        updated_at  REAL NOT NULL,
        PRIMARY KEY (team, id)
    );
    CREATE TABLE cache_sync (
        team        TEXT NOT NULL,
        resource    TEXT NOT NULL,
        synced_at   REAL NOT NULL,
        PRIMARY KEY (team, resource)
    );
    """,
    # 3: trigram full-text indexes over the cache's search keys (issue 12: lookups by word,
    # RFC or barcode in a few ms over 50k records). Python code, because SQLite builds without
    # FTS5 or older than 3.34 (no trigram tokenizer) must still open: there the index is left
    # out and `Cache.search` falls back to LIKE scans.
    _create_search_indexes,
    # 4: shifts (turnos) and the corte de caja (issue 10 §1; read by desktop.store.shifts and
    # desktop.till). A sale belongs to the shift open when it was queued: the trigger fills
    # outbox.shift_id in the enqueue's own transaction, for the counter and `queue add` alike,
    # and opens a shift with a $0.00 float when none is open (a sale is never refused or left
    # without a shift; the shift page says it was opened automatically). Amounts are Decimal
    # text; refunds and cancellations made here are `till_event` rows.
    """
    CREATE TABLE shift (
        id             INTEGER PRIMARY KEY,
        terminal       TEXT    NOT NULL,
        cashier        TEXT    NOT NULL DEFAULT '',
        opened_at      REAL    NOT NULL,
        opening_float  TEXT    NOT NULL,
        auto_opened    INTEGER NOT NULL DEFAULT 0,
        closed_at      REAL,
        closed_by      TEXT,
        note           TEXT,
        z_report       TEXT
    );
    CREATE UNIQUE INDEX shift_one_open ON shift ((closed_at IS NULL)) WHERE closed_at IS NULL;
    CREATE TABLE cash_move (
        id        INTEGER PRIMARY KEY,
        shift_id  INTEGER NOT NULL REFERENCES shift (id),
        at        REAL    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('in', 'out')),
        amount    TEXT    NOT NULL,
        reason    TEXT    NOT NULL
    );
    CREATE INDEX cash_move_shift ON cash_move (shift_id);
    CREATE TABLE till_event (
        id            INTEGER PRIMARY KEY,
        shift_id      INTEGER REFERENCES shift (id),
        at            REAL    NOT NULL,
        kind          TEXT    NOT NULL CHECK (kind IN ('refund', 'cancel')),
        amount        TEXT    NOT NULL,
        payment_form  TEXT    NOT NULL DEFAULT '',
        payment_id    TEXT,
        local_id      TEXT,
        folio         TEXT
    );
    CREATE INDEX till_event_shift ON till_event (shift_id);
    CREATE TABLE shift_count (
        shift_id      INTEGER NOT NULL REFERENCES shift (id),
        payment_form  TEXT    NOT NULL,
        expected      TEXT    NOT NULL,
        counted       TEXT,
        difference    TEXT,
        PRIMARY KEY (shift_id, payment_form)
    );
    ALTER TABLE outbox ADD COLUMN shift_id INTEGER REFERENCES shift (id);
    CREATE INDEX outbox_shift ON outbox (shift_id);
    CREATE TRIGGER outbox_sale_in_shift AFTER INSERT ON outbox
    WHEN new.kind = 'register_payment' AND new.shift_id IS NULL
    BEGIN
        INSERT INTO shift (terminal, cashier, opened_at, opening_float, auto_opened)
        SELECT COALESCE((SELECT series FROM terminal WHERE id = 1), 'CAJA1'), '',
               new.created_at, '0.00', 1
        WHERE NOT EXISTS (SELECT 1 FROM shift WHERE closed_at IS NULL);
        UPDATE outbox SET shift_id = (SELECT id FROM shift WHERE closed_at IS NULL)
        WHERE id = new.id;
    END;
    """,
)

LATEST_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply the migrations after the file's version up to `target`; return the new version.

    Must run inside a write transaction (`Database.write()`), so a failed step leaves the file
    at its old version.

    Raises:
        SchemaTooNewError: when the file's version is newer than this code knows.
    """
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise too_new(None, version, LATEST_VERSION)
    for number in range(version + 1, target + 1):
        step = MIGRATIONS[number - 1]
        if callable(step):
            step(conn)
        else:
            for statement in _statements(step):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    return max(version, target)


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT the caller's transaction; split and run one by one instead.
    # A trigger's body has semicolons of its own: parts are joined until SQLite says the
    # statement is complete.
    statements: list[str] = []
    current = ""
    for part in script.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                statements.append(current.strip())
            current = ""
    return statements
