"""Fixtures for the sandbox tests: plain httpx clients against the running sandbox.

The typed client (``desktop.gigstack``) is written separately; these tests speak HTTP
directly so they check what gigstack-compatible clients will see on the wire.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from desktop.sandbox import Sandbox


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """Authenticated client on the demo-seeded sandbox."""
    with httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {sandbox.api_key}"},
        timeout=5,
    ) as client:
        yield client


@pytest.fixture
def empty_api(empty_sandbox: Sandbox) -> Iterator[httpx.Client]:
    """Authenticated client on the empty-seeded sandbox."""
    with httpx.Client(
        base_url=empty_sandbox.base_url,
        headers={"Authorization": f"Bearer {empty_sandbox.api_key}"},
        timeout=5,
    ) as client:
        yield client


@pytest.fixture
def control(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """Client for the /_sandbox control API (no auth)."""
    with httpx.Client(base_url=sandbox.control_url, timeout=5) as client:
        yield client
