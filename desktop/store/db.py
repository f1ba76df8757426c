"""One SQLite file per data directory, opened the way an offline queue needs it.

WAL journal with `synchronous=FULL` (a committed sale survives power loss, not only a crash),
foreign keys on, and explicit `BEGIN IMMEDIATE` for writes so two writers never deadlock
half-way through a transaction. The connection is in autocommit mode (`isolation_level=None`):
every write goes through `Database.write()`, which makes transactions visible in the code.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.store.schema import migrate

DB_FILENAME = "mostrador.sqlite3"
BUSY_TIMEOUT_MS = 5000


class Database:
    """A SQLite connection plus the transaction discipline used everywhere in `store/`.

    The connection may be used from several threads (the GUI reads, the worker writes); a lock
    serialises access because one sqlite3 connection must not run two statements at once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A `BEGIN IMMEDIATE ... COMMIT` transaction; rolled back if the block raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (a single statement is its own snapshot in WAL mode)."""
        with self._lock:
            yield self._conn

    def pragma(self, name: str) -> object:
        with self.read() as conn:
            return conn.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def open_database(data_dir: Path) -> Database:
    """Open (creating if needed) the database in `data_dir` and bring its schema up to date."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / DB_FILENAME)
    with db.write() as conn:
        migrate(conn)
    return db
