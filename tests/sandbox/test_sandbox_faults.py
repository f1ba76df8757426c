"""Fault injection: 503, refused connections, latency, random 500s, 429, drop after commit."""

from __future__ import annotations

import time

import httpx
import pytest

from desktop.sandbox import Sandbox
from tests.sandbox.sandbox_helpers import register_body


def wait_until_up(sandbox: Sandbox, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(sandbox.control_url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("sandbox did not come back")


def test_status_down_python_and_http(
    api: httpx.Client, control: httpx.Client, sandbox: Sandbox
) -> None:
    sandbox.faults.set(status_down=True)
    response = api.get("/clients")
    assert response.status_code == 503
    assert response.json()["error"] == "service_unavailable"
    assert control.get("/faults").json()["data"]["status_down"] is True  # control still works
    sandbox.faults.clear()
    assert api.get("/clients").status_code == 200
    control.post("/faults", json={"status_down": True})
    assert api.post("/payments/register", json=register_body()).status_code == 503
    control.delete("/faults")
    assert api.get("/clients").status_code == 200
    assert api.get("/payments").json()["total_results"] == 6  # the 503 stored nothing


def test_go_down_refuses_and_comes_back_on_the_same_port(
    api: httpx.Client, sandbox: Sandbox
) -> None:
    port = sandbox.port
    sandbox.go_down()
    with pytest.raises(httpx.ConnectError):
        api.get("/clients")
    sandbox.come_up()
    assert sandbox.port == port
    assert api.get("/clients").status_code == 200


def test_refuse_for_seconds_over_http(
    api: httpx.Client, control: httpx.Client, sandbox: Sandbox
) -> None:
    port = sandbox.port
    started = time.monotonic()
    answer = control.post("/faults", json={"refuse_for_seconds": 0.5})
    assert answer.status_code == 200  # the request that asked still gets its answer
    with pytest.raises(httpx.ConnectError):
        api.get("/clients")
    wait_until_up(sandbox)
    assert time.monotonic() - started >= 0.45
    assert sandbox.port == port
    assert api.get("/clients").status_code == 200


def test_reset_listens_again(api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.go_down()
    sandbox.reset(seed="demo")
    assert api.get("/clients").status_code == 200


def test_latency(api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.set(latency_ms=300)
    started = time.monotonic()
    assert api.get("/clients").status_code == 200
    assert time.monotonic() - started >= 0.3
    sandbox.faults.set(latency_ms=0)
    started = time.monotonic()
    api.get("/clients")
    assert time.monotonic() - started < 0.3


def test_error_rate_is_deterministic_with_a_seed(api: httpx.Client, sandbox: Sandbox) -> None:
    def statuses() -> list[int]:
        sandbox.faults.set(error_rate=0.5, seed=42)
        return [api.get("/services", params={"limit": 1}).status_code for _ in range(20)]

    first = statuses()
    assert set(first) == {200, 500}
    assert statuses() == first
    sandbox.faults.set(error_rate=1.0)
    response = api.get("/clients")
    assert response.status_code == 500 and response.json()["error"] == "internal_error"
    sandbox.faults.set(error_rate=0)
    assert api.get("/clients").status_code == 200


def test_error_rate_answers_before_processing(api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.set(error_rate=1.0)
    assert api.post("/payments/register", json=register_body()).status_code == 500
    sandbox.faults.clear()
    assert api.get("/payments").json()["total_results"] == 6


def test_rate_limit(api: httpx.Client, control: httpx.Client) -> None:
    control.post("/faults", json={"rate_limit": {"count": 2, "retry_after": 7}})
    for _ in range(2):
        response = api.get("/clients")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "7"
        assert response.json()["error"] == "rate_limited"
    assert api.get("/clients").status_code == 200


def test_drop_after_commit_commits_once(
    api: httpx.Client, sandbox: Sandbox, control: httpx.Client
) -> None:
    body = register_body(
        idempotency_key="local-77",
        metadata={"local_id": "local-77"},
        automation_type="pue_invoice",
        client={"id": "client_demo_juan"},
    )
    control.post("/faults", json={"drop_after_commit": 1})
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.post("/payments/register", json=body)
    # The payment exists exactly once, findable by its local id...
    found = api.get("/payments", params={"metadata.local_id": "local-77"}).json()
    assert found["total_results"] == 1
    payment = found["data"][0]
    assert len(payment["invoices"]) == 1
    # ...and the retry with the same key replays it instead of registering it twice.
    retry = api.post("/payments/register", json=body)
    assert retry.status_code == 200
    assert retry.json()["data"]["id"] == payment["id"]
    assert (
        api.get("/payments", params={"metadata.local_id": "local-77"}).json()["total_results"] == 1
    )
    dropped = [r for r in sandbox.requests if r.dropped]
    assert len(dropped) == 1 and dropped[0]["path"] == "/v2/payments/register"


def test_drop_after_commit_only_hits_mutations(api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.set(drop_after_commit=1)
    assert api.get("/clients").status_code == 200  # reads are not dropped
    with pytest.raises(httpx.TransportError):
        api.post("/clients", json={"name": "Caída", "email": "caida@correo.mx"})
    assert api.get("/clients", params={"email": "caida@correo.mx"}).json()["total_results"] == 1
    assert api.post("/clients", json={"name": "Otra"}).status_code == 201


def test_fault_validation(control: httpx.Client) -> None:
    for body in (
        {"error_rate": 2},
        {"latency_ms": -1},
        {"nope": 1},
        {"rate_limit": {"count": "x"}},
        {"status_down": "yes"},
    ):
        response = control.post("/faults", json=body)
        assert response.status_code == 400, body


def test_request_log_and_reset_over_http(
    api: httpx.Client, control: httpx.Client, sandbox: Sandbox
) -> None:
    api.get("/clients", params={"limit": 2})
    api.post("/payments/register", json=register_body(metadata={"local_id": "x"}))
    log = control.get("/requests").json()["data"]
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("GET", "/v2/clients", 200),
        ("POST", "/v2/payments/register", 201),
    ]
    assert log[0]["query"] == {"limit": "2"}
    assert log[1]["json"]["metadata"] == {"local_id": "x"}
    assert log[1]["response"]["data"]["total"] == 90.0
    assert log[1]["team"] == "team_mostrador_demo"
    assert "Authorization" not in log[1]["headers"]  # keys never land in logs
    assert len(sandbox.requests) == 2
    control.delete("/requests")
    assert sandbox.requests == []
    assert control.post("/reset", json={"seed": "empty"}).status_code == 200
    assert api.get("/clients").json()["total_results"] == 0
    assert control.post("/reset", json={"seed": "other"}).status_code == 400
