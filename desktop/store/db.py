"""One SQLite file per data directory, opened the way an offline queue needs it.

WAL journal with `synchronous=FULL` (a committed sale survives power loss, not only a crash),
foreign keys on, and explicit `BEGIN IMMEDIATE` for writes so two writers never deadlock
half-way through a transaction. The connection is in autocommit mode (`isolation_level=None`):
every write goes through `Database.write()`, which makes transactions visible in the code.

Faults a person can act on (disk full, read-only file or folder, damaged file, schema from a
newer version, locked) leave this module as `desktop.store.errors.StorageError` subclasses with
a Spanish message, never as a bare `sqlite3.Error`. When the file cannot be opened for writing,
`open_database` opens it read-only so the queue can still be read; writes then raise
`ReadOnlyStorageError` at once.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop.store.errors import (
    ReadOnlyStorageError,
    SchemaTooNewError,
    StorageError,
    read_only,
    storage_error,
    too_new,
)
from desktop.store.schema import LATEST_VERSION, current_version, migrate

DB_FILENAME = "mostrador.sqlite3"
BUSY_TIMEOUT_MS = 5000


class Database:
    """A SQLite connection plus the transaction discipline used everywhere in `store/`.

    The connection may be used from several threads (the GUI reads, the worker writes); a lock
    serialises access because one sqlite3 connection must not run two statements at once.
    """

    def __init__(
        self, path: Path, *, read_only: bool = False, busy_timeout_ms: int | None = None
    ) -> None:
        """Open `path` (created if missing, unless `read_only`).

        Args:
            read_only: Open with SQLite's ``mode=ro``; if even that cannot start (a WAL file in
                a folder nobody may write), fall back to ``immutable=1``, which reads the file
                as it is on disk. `write()` then raises `ReadOnlyStorageError`.
            busy_timeout_ms: How long to wait for another process's write lock.

        Raises:
            StorageError: A subclass saying why the file cannot be used.
        """
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        # Read at call time, so one constant governs every connection (tests shorten it).
        self._busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        try:
            self._conn = self._connect()
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc

    def _connect(self) -> sqlite3.Connection:
        timeout = self._busy_timeout_ms / 1000
        if not self.read_only:
            conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=timeout
            )
            try:
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            except BaseException:
                conn.close()
                raise
            return conn
        uri = self.path.resolve().as_uri()
        last: sqlite3.Error | None = None
        for flags in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(
                f"{uri}?{flags}",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                timeout=timeout,
            )
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error as exc:
                conn.close()
                last = exc
                continue
            return conn
        assert last is not None
        raise last

    def _translate(self, exc: BaseException) -> BaseException:
        """The StorageError for `exc`, or `exc` itself when it is not a storage fault."""
        return storage_error(exc, self.path) or exc

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A `BEGIN IMMEDIATE ... COMMIT` transaction; rolled back if the block raises.

        Raises:
            StorageError: The write could not be made (nothing of it was kept).
        """
        if self.read_only:
            raise read_only(self.path)
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            try:
                yield self._conn
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    translated = self._translate(exc)
                    if translated is not exc:
                        raise translated from exc
                raise
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                # A failed COMMIT (disk full, I/O) may leave the transaction open: end it, so
                # the next write does not fail with "cannot start a transaction within a
                # transaction" and nothing half-written is kept.
                self._rollback()
                raise self._translate(exc) from exc

    def _rollback(self) -> None:
        # SQLite may already have rolled back on its own (SQLITE_FULL, SQLITE_IOERR).
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (a single statement is its own snapshot in WAL mode).

        Raises:
            StorageError: The file is damaged, locked or vanished.
        """
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                translated = self._translate(exc)
                if translated is not exc:
                    raise translated from exc
                raise

    def pragma(self, name: str) -> object:
        with self.read() as conn:
            return conn.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


__all__ = ["DB_FILENAME", "Database", "StorageError", "open_database"]


def open_database(
    data_dir: Path, *, allow_read_only: bool = True, busy_timeout_ms: int | None = None
) -> Database:
    """Open (creating if needed) the database in `data_dir` and bring its schema up to date.

    Args:
        allow_read_only: When the file exists but cannot be written (read-only file, folder or
            disk), open it read-only instead of failing, so the queue can still be read; check
            `Database.read_only`. A file that is not at the latest schema cannot be opened
            that way (it would need a migration) and raises `ReadOnlyStorageError`.

    Raises:
        StorageError: A subclass with a Spanish message (disk full, read-only, damaged,
            schema too new, locked); nothing was changed.
    """
    path = data_dir / DB_FILENAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise (storage_error(exc, data_dir) or read_only(data_dir)) from exc
    db: Database | None = None
    try:
        db = Database(path, busy_timeout_ms=busy_timeout_ms)
        with db.write() as conn:
            migrate(conn)
        # A transaction with nothing to write succeeds even on a read-only disk when the WAL
        # files were left behind (SQLite can read through them): ask the folder and the file.
        if not (_folder_writable(data_dir) and os.access(path, os.W_OK)):
            raise read_only(path)
        return db
    except SchemaTooNewError as exc:
        _close_quietly(db)
        raise too_new(path, exc.found, exc.known) from exc
    except StorageError as exc:
        _close_quietly(db)
        # Only "cannot write here" deserves a read-only try; a damaged, full or locked file
        # is said as it is. SQLite says "unable to open" (a plain StorageError) when the
        # folder refuses the journal files: a probe file tells that case apart.
        if type(exc) is StorageError and not _folder_writable(data_dir):
            exc = read_only(path)
        if type(exc) is not ReadOnlyStorageError:
            raise exc from exc.__cause__
        if not allow_read_only or not path.exists():
            raise exc from None
        original = exc
    return _open_read_only(path, original, busy_timeout_ms)


def _folder_writable(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _open_read_only(path: Path, original: StorageError, busy_timeout_ms: int | None) -> Database:
    try:
        db = Database(path, read_only=True, busy_timeout_ms=busy_timeout_ms)
    except StorageError as exc:
        raise original from exc
    try:
        with db.read() as conn:
            version = current_version(conn)
    except StorageError:
        db.close()
        raise
    if version > LATEST_VERSION:
        db.close()
        raise too_new(path, version, LATEST_VERSION)
    if version < LATEST_VERSION:
        db.close()
        raise ReadOnlyStorageError(
            original.message + " Además, el archivo necesita actualizarse y no se puede sin "
            "permiso de escritura.",
            path,
        )
    return db


def _close_quietly(db: Database | None) -> None:
    if db is None:
        return
    with suppress(sqlite3.Error):
        db.close()
