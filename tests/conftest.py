"""Shared test fixtures.

Qt runs offscreen in tests; the variable must be set before any QApplication exists.
The gigstack sandbox runs in-process on a real loopback socket (port 0), one server for the
whole session, reset to its seed before every test that asks for it.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never write into the developer's real log folder.
os.environ["MOSTRADOR_LOG_DIR"] = os.path.join(
    tempfile.gettempdir(), f"mostrador-test-logs-{os.getpid()}"
)
# ...nor read or write the developer's opt-in API key file (desktop.credentials).
os.environ["MOSTRADOR_KEY_FILE_DIR"] = os.path.join(
    tempfile.gettempdir(), f"mostrador-test-keyfile-{os.getpid()}"
)

from collections.abc import Iterator

import pytest

from desktop import credentials
from desktop.sandbox import Sandbox
from tests.doubles import MemoryKeyring

SANDBOX_KEY = "sk_test_mostrador_sandbox"


@pytest.fixture(scope="session")
def _sandbox_server() -> Iterator[Sandbox]:
    sandbox = Sandbox(api_key=SANDBOX_KEY, seed="demo", controls=True)
    sandbox.start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def sandbox(_sandbox_server: Sandbox) -> Sandbox:
    """A running sandbox with demo data, faults cleared and the request log emptied."""
    _sandbox_server.reset(seed="demo")
    return _sandbox_server


@pytest.fixture
def empty_sandbox(_sandbox_server: Sandbox) -> Sandbox:
    """A running sandbox with no clients, services, payments or invoices."""
    _sandbox_server.reset(seed="empty")
    return _sandbox_server


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """CI machines have no OS keychain: an in-memory backend stands in for it."""
    import keyring

    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
