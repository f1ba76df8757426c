"""Fixtures for the gigstack client tests: a real client talking to the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop.gigstack import GigstackClient

from .helpers import TEST_TIMEOUT, sandbox_key


@pytest.fixture
def api(sandbox: Any) -> Iterator[GigstackClient]:
    """A client on the demo-seeded sandbox."""
    with GigstackClient(
        sandbox_key(sandbox), base_url=sandbox.base_url, timeout=TEST_TIMEOUT
    ) as client:
        yield client


@pytest.fixture
def empty_api(empty_sandbox: Any) -> Iterator[GigstackClient]:
    """A client on the empty sandbox."""
    with GigstackClient(
        sandbox_key(empty_sandbox), base_url=empty_sandbox.base_url, timeout=TEST_TIMEOUT
    ) as client:
        yield client
