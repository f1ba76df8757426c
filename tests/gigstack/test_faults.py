"""Each failure mode surfaces as the exception class the offline queue expects.

Faults are real: the sandbox answers 503/500/429, stops listening, or closes the connection
after it committed the request.
"""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from desktop.gigstack import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConnectionFailedError,
    GigstackClient,
    GigstackError,
    NotFoundError,
    RateLimitedError,
    RejectedError,
    RequestTimeoutError,
    ResponseLostError,
    RetryableError,
    ServerError,
)

from .helpers import TEST_TIMEOUT, new_rfc, register_body


def _ids(api: GigstackClient) -> tuple[str, str]:
    client = api.clients.list_page(limit=1).items[0]
    service = api.services.list_page(limit=1).items[0]
    assert client.id
    assert service.id
    return client.id, service.id


def test_status_down_is_retryable_503(api: GigstackClient, sandbox: Any) -> None:
    sandbox.faults.set(status_down=True)
    with pytest.raises(ServerError) as info:
        api.clients.list_page()
    error = info.value
    assert isinstance(error, RetryableError)
    assert error.retryable is True
    assert error.status == 503
    assert error.outcome_unknown is False  # a 503 is a refusal
    assert error.message  # the server's message
    assert error.error == "service_unavailable"
    sandbox.faults.clear()
    assert api.clients.list_page(limit=1).items


def test_error_rate_is_retryable_500(api: GigstackClient, sandbox: Any) -> None:
    sandbox.faults.set(error_rate=1.0)
    with pytest.raises(ServerError) as info:
        api.services.list_page()
    assert info.value.status == 500
    assert info.value.outcome_unknown is True  # a 500 may come after a commit
    assert isinstance(info.value, RetryableError)


def test_rate_limit_is_retryable_with_retry_after(api: GigstackClient, sandbox: Any) -> None:
    sandbox.faults.set(rate_limit={"count": 1, "retry_after": 7})
    with pytest.raises(RateLimitedError) as info:
        api.clients.list_page()
    assert info.value.status == 429
    assert info.value.retry_after == 7.0
    assert info.value.outcome_unknown is False
    assert isinstance(info.value, RetryableError)
    # Only one request was limited.
    assert api.clients.list_page(limit=1) is not None


def test_refused_connection_never_reached_server(api: GigstackClient, sandbox: Any) -> None:
    ids = _ids(api)
    sandbox.go_down()
    try:
        with pytest.raises(ConnectionFailedError) as info:
            api.payments.register(register_body(*ids), idempotency_key="down-key-0001")
    finally:
        sandbox.come_up()
    error = info.value
    assert isinstance(error, RetryableError)
    assert error.outcome_unknown is False
    assert error.status is None
    assert error.method == "POST"
    assert error.path == "/payments/register"
    # Back up: the same key goes through once.
    payment = api.payments.register(register_body(*ids), idempotency_key="down-key-0001")
    assert payment.id


def test_refused_port_without_sandbox() -> None:
    # A port nobody listens on: bind, read the number, close.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        GigstackClient(
            "k" * 24, base_url=f"http://127.0.0.1:{port}/v2", timeout=TEST_TIMEOUT
        ) as api,
        pytest.raises(ConnectionFailedError) as info,
    ):
        api.users.list_page()
    assert info.value.outcome_unknown is False


def test_drop_after_commit_is_outcome_unknown(api: GigstackClient, sandbox: Any) -> None:
    ids = _ids(api)
    body = register_body(*ids, metadata={"local_id": "drop-1"})
    sandbox.faults.set(drop_after_commit=1)
    with pytest.raises(RetryableError) as info:
        api.payments.register(body, idempotency_key="drop-key-0001")
    error = info.value
    assert isinstance(error, ResponseLostError)
    assert error.outcome_unknown is True
    # What the queue does next: look the payment up by its local id...
    found = list(api.payments.list(metadata={"local_id": "drop-1"}))
    assert len(found) == 1
    # ...or resend with the same key: same payment, not a second one.
    again = api.payments.register(body, idempotency_key="drop-key-0001")
    assert again.id == found[0].id
    assert len(list(api.payments.list(metadata={"local_id": "drop-1"}))) == 1


def test_read_timeout_is_outcome_unknown(sandbox: Any) -> None:
    sandbox.faults.set(latency_ms=800)
    with (
        GigstackClient(
            getattr(sandbox, "api_key", "sk_test_mostrador_sandbox"),
            base_url=sandbox.base_url,
            timeout=httpx.Timeout(connect=2.0, read=0.2, write=2.0, pool=2.0),
        ) as api,
        pytest.raises(RequestTimeoutError) as info,
    ):
        api.clients.list_page()
    assert info.value.outcome_unknown is True
    assert isinstance(info.value, RetryableError)


def test_wrong_key_is_authentication_error(sandbox: Any) -> None:
    with (
        GigstackClient("sk_test_wrong_key_0000000", base_url=sandbox.base_url) as api,
        pytest.raises(AuthenticationError) as info,
    ):
        api.clients.list_page()
    error = info.value
    assert error.status == 401
    assert error.retryable is False
    assert not isinstance(error, RejectedError | RetryableError)
    assert error.message


def test_rejections_are_rejected_subclasses(api: GigstackClient) -> None:
    with pytest.raises(BadRequestError) as bad:
        api.clients.list_page(order_by="colour")
    with pytest.raises(NotFoundError) as missing:
        api.clients.get("client_nope")
    rfc = new_rfc()
    for _ in range(2):
        api.clients.create({"legal_name": "DOBLE", "tax_id": rfc})
    with pytest.raises(ConflictError) as conflict:
        api.clients.create({"legal_name": "DOBLE"}, search={"on_key": "tax_id", "on_value": rfc})
    for info, status in ((bad, 400), (missing, 404), (conflict, 409)):
        error: GigstackError = info.value
        assert isinstance(error, RejectedError)
        assert error.status == status
        assert error.retryable is False
        assert error.outcome_unknown is False
        assert error.message
        assert error.error  # the sandbox's detail string


def test_success_false_on_2xx_is_an_error() -> None:
    """REFERENCE §2.4: ``success: false`` is an error even with a 2xx status.

    No server we run answers like this, so a transport stands in for one; it is the only
    place these tests do so.
    """

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "success": False,
                "error": {"code": "operation_not_allowed", "message": "Nope", "details": ["x"]},
            },
        )

    with (
        GigstackClient(
            "k" * 24, base_url="http://gigstack.test/v2", transport=httpx.MockTransport(handler)
        ) as api,
        pytest.raises(RejectedError) as info,
    ):
        api.users.list_page()
    assert info.value.code == "operation_not_allowed"
    assert info.value.message == "Nope"
    assert info.value.details == ["x"]


def test_non_json_error_body_is_handled() -> None:
    """A proxy's HTML error page (no such thing in the sandbox, hence a transport)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html><body>Bad gateway</body></html>")

    with (
        GigstackClient(
            "k" * 24, base_url="http://gigstack.test/v2", transport=httpx.MockTransport(handler)
        ) as api,
        pytest.raises(ServerError) as info,
    ):
        api.users.list_page()
    assert info.value.status == 502
    assert info.value.message == "502 Bad Gateway"
    assert "Bad gateway" in str(info.value.body)
    assert info.value.outcome_unknown is True


def test_captive_portal_html_on_200_is_retryable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>Inicia sesión en el WiFi del hotel</html>")

    with (
        GigstackClient(
            "k" * 24, base_url="http://gigstack.test/v2", transport=httpx.MockTransport(handler)
        ) as api,
        pytest.raises(RetryableError) as info,
    ):
        api.payments.get("payment_1")
    assert info.value.outcome_unknown is True


def test_2xx_without_data_for_register_is_invalid_response() -> None:
    """A 2xx whose ``data`` is missing cannot confirm a payment: retry (same key) or look up."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json={"message": "Payment registered successfully"})

    with (
        GigstackClient(
            "k" * 24, base_url="http://gigstack.test/v2", transport=httpx.MockTransport(handler)
        ) as api,
        pytest.raises(RetryableError) as info,
    ):
        api.payments.register(
            register_body("client_1", "service_1"), idempotency_key="nodata-key-01"
        )
    assert info.value.outcome_unknown is True
    assert info.value.status == 201
