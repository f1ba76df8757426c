"""Fixtures shared by the sync tests: a real SQLite database in the test's tmp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store import Database, open_database
from desktop.store.outbox import Outbox
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender
from tests.conftest import SANDBOX_KEY
from tests.sync.drive import FAST


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


@pytest.fixture
def outbox(db: Database) -> Outbox:
    return Outbox(db)


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[GigstackClient]:
    """The real client, on the sandbox over loopback."""
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client


@pytest.fixture
def sender(outbox: Outbox, api: GigstackClient) -> Iterator[Sender]:
    """A real sender on the test's outbox and the sandbox, with a fast backoff."""
    s = Sender(
        outbox,
        GigstackDelivery(api),
        concurrency=4,
        backoff=FAST,
        probe_backoff=Backoff(first=0.1, cap=0.3),
    )
    yield s
    s.close()
