"""The lanes' transport: `abort()` wakes a request the server is holding; proxies are kept."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from desktop.gigstack import GigstackClient, GigstackError
from desktop.sandbox import Sandbox
from desktop.ui.transport import AbortableTransport, abortable_transport
from tests.conftest import SANDBOX_KEY
from tests.ui.test_lanes import held_requests


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    """Poll a condition about other threads (no Qt event loop here), bounded."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition never came true"
        time.sleep(0.01)


def test_abort_ends_a_request_the_server_is_holding(sandbox: Sandbox) -> None:
    transport = abortable_transport(sandbox.base_url)
    assert isinstance(transport, AbortableTransport)
    client = GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url, transport=transport)
    outcome: list[BaseException | None] = []

    def call() -> None:
        try:
            client.clients.list_page(limit=1)
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    baseline = held_requests()
    sandbox.faults.set(latency_ms=8_000)
    worker = threading.Thread(target=call, name="transport-test")
    worker.start()
    try:
        wait_for(lambda: held_requests() > baseline, 15)
        sandbox.faults.set(latency_ms=0)
        transport.abort()
        worker.join(5)  # the server holds it 8 s: ending now means the abort woke it
        assert not worker.is_alive()
        assert isinstance(outcome[0], GigstackError) and outcome[0].outcome_unknown
        with pytest.raises(GigstackError):  # and nothing new connects once aborted
            client.clients.list_page(limit=1)
    finally:
        client.close()
        worker.join()
        # The held request ends on the server (8 s) before the next test uses the sandbox.
        wait_for(lambda: held_requests() <= baseline, 30)


def test_a_proxy_in_the_environment_keeps_httpx_transport(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert abortable_transport("https://api.gigstack.io/v2") is None
    monkeypatch.setenv("NO_PROXY", "api.gigstack.io")
    assert isinstance(abortable_transport("https://api.gigstack.io/v2"), AbortableTransport)
