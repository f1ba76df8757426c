"""The API key never shows up in reprs, exception text or log records."""

from __future__ import annotations

import logging
import pickle
import traceback
from typing import Any

import httpx
import pytest

from desktop.gigstack import (
    AuthenticationError,
    ConnectionFailedError,
    GigstackClient,
    GigstackError,
    InvalidRequestError,
    NotFoundError,
    RetryableError,
    ServerError,
)

from .helpers import TEST_TIMEOUT, register_body, sandbox_key


def _all_text(error: BaseException) -> str:
    return "\n".join(
        [str(error), repr(error), *traceback.format_exception(error), str(vars(error))]
    )


def test_repr_and_str_mask_the_key(sandbox: Any) -> None:
    key = sandbox_key(sandbox)
    with GigstackClient(key, base_url=sandbox.base_url) as api:
        for text in (repr(api), str(api), f"{api}", repr(api.clients), repr(vars(api))):
            assert key not in text
        assert "…" in repr(api)
        with pytest.raises(TypeError):
            pickle.dumps(api)


def test_no_key_in_logs_or_errors(sandbox: Any, caplog: pytest.LogCaptureFixture) -> None:
    key = sandbox_key(sandbox)
    errors: list[BaseException] = []
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    with GigstackClient(key, base_url=sandbox.base_url, timeout=TEST_TIMEOUT) as api:
        client = api.clients.list_page(limit=1).items[0]
        service = api.services.list_page(limit=1).items[0]
        assert client.id
        assert service.id
        api.payments.register(register_body(client.id, service.id), idempotency_key="log-key-001")
        for call in (
            lambda: api.clients.get("client_nope"),
            lambda: api.clients.create({"name": "x", "email": "bad"}),
        ):
            with pytest.raises(GigstackError) as info:
                call()
            errors.append(info.value)
        sandbox.faults.set(status_down=True)
        with pytest.raises(ServerError) as down:
            api.users.list_page()
        errors.append(down.value)
        sandbox.faults.clear()
        sandbox.faults.set(drop_after_commit=1)
        with pytest.raises(RetryableError) as dropped:
            api.clients.create({"name": "dropped"})
        errors.append(dropped.value)
        sandbox.go_down()
        try:
            with pytest.raises(ConnectionFailedError) as refused:
                api.users.list_page()
            errors.append(refused.value)
        finally:
            sandbox.come_up()
    with (
        GigstackClient("sk_test_wrong_key_0000000", base_url=sandbox.base_url) as wrong,
        pytest.raises(AuthenticationError) as auth,
    ):
        wrong.users.list_page()
    errors.append(auth.value)

    assert {type(e) for e in errors} >= {NotFoundError, InvalidRequestError, ServerError}
    for error in errors:
        assert key not in _all_text(error)
        assert "sk_test_wrong_key_0000000" not in _all_text(error)
    assert caplog.records, "the client logs its requests"
    ours = [r for r in caplog.records if r.name == "desktop.gigstack"]
    assert ours
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + repr(record.__dict__)
        assert key not in text, record.name
        assert "sk_test_wrong_key_0000000" not in text


def test_log_lines_have_method_path_status_elapsed(
    api: GigstackClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="desktop.gigstack")
    api.clients.list_page(limit=1)
    messages = [r.getMessage() for r in caplog.records if r.name == "desktop.gigstack"]
    assert any("GET /clients" in m and "200" in m and "ms" in m for m in messages), messages
    # Bodies and query strings (RFCs, e-mails) are not logged.
    assert not any("limit=" in m for m in messages)


def test_server_echo_of_key_is_scrubbed() -> None:
    """Defence in depth: even if a server echoed the key back, it would not reach us."""
    key = "sk_live_supersecret_123456"

    def handler(request: httpx.Request) -> httpx.Response:
        echoed = request.headers["authorization"]
        return httpx.Response(400, json={"message": f"bad header {echoed}", "error": echoed})

    with (
        GigstackClient(
            key, base_url="http://gigstack.test/v2", transport=httpx.MockTransport(handler)
        ) as api,
        pytest.raises(GigstackError) as info,
    ):
        api.users.list_page()
    assert key not in _all_text(info.value)


def test_bad_keys_are_refused_without_echo() -> None:
    for bad in ("", "   ", "abc\ndef", "abc def"):
        with pytest.raises(ValueError) as info:
            GigstackClient(bad)
        if bad.strip():
            assert bad not in str(info.value)
