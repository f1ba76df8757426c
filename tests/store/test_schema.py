"""Opening a database: pragmas, and forward migration from every earlier version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.store import open_database
from desktop.store.db import DB_FILENAME
from desktop.store.schema import LATEST_VERSION, SchemaTooNewError, current_version, migrate


def test_new_database_is_durable_and_current(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        assert db.pragma("journal_mode") == "wal"
        assert db.pragma("synchronous") == 2  # FULL
        assert db.pragma("foreign_keys") == 1
        assert db.pragma("user_version") == LATEST_VERSION
    finally:
        db.close()


@pytest.mark.parametrize("start", range(LATEST_VERSION))
def test_migrates_forward_from_every_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, target=start)
    if start >= 1:
        # A row written by the older schema must survive the upgrade.
        conn.execute(
            "INSERT INTO outbox (local_id, kind, idempotency_key, payload, next_attempt_at, "
            "created_at, updated_at) VALUES ('old', 'register_payment', 'k-old', '{}', 0, 0, 0)"
        )
    conn.execute("COMMIT")
    conn.close()

    db = open_database(tmp_path)
    try:
        with db.read() as c:
            assert current_version(c) == LATEST_VERSION
            tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            assert {"outbox", "outbox_audit", "terminal", "cached_client"} <= tables
            if start >= 1:
                assert c.execute("SELECT local_id FROM outbox").fetchone()[0] == "old"
    finally:
        db.close()


def test_refuses_a_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        open_database(tmp_path)
