"""SQLite storage: schema and migrations, the outbox, the local cache. No Qt, no HTTP."""

from desktop.store.db import Database, open_database
from desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyStorageError,
    SchemaTooNewError,
    StorageError,
)

__all__ = [
    "CorruptDatabaseError",
    "Database",
    "DatabaseLockedError",
    "DiskFullError",
    "ReadOnlyStorageError",
    "SchemaTooNewError",
    "StorageError",
    "open_database",
]
