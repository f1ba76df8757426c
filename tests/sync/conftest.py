"""Fixtures shared by the sync tests: a real SQLite database in the test's tmp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import Database, open_database
from desktop.store.outbox import Outbox


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


@pytest.fixture
def outbox(db: Database) -> Outbox:
    return Outbox(db)
