"""SQLite storage: schema and migrations, the outbox, the local cache. No Qt, no HTTP."""

from desktop.store.db import Database, open_database

__all__ = ["Database", "open_database"]
