"""Bad bytes never poison the sandbox; unknown routes are 404s in gigstack's shape; search
routes are real; errors come in either shape; controls exist only when switched on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.sandbox import Sandbox
from tests.sandbox.sandbox_helpers import register_body

KEY = "sk_test_hardening"


def raw_post(api: httpx.Client, path: str, content: bytes) -> httpx.Response:
    return api.post(path, content=content, headers={"Content-Type": "application/json"})


def counts(api: httpx.Client) -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        api.get(path).json()["total_results"]
        for path in ("/payments", "/clients", "/receipts", "/invoices/income")
    )


def sale_with(**item: object) -> bytes:
    line = {"id": "service_demo_lapiz", "quantity": 1, **item}
    return json.dumps(register_body(items=[line])).encode()


def nested(depth: int) -> bytes:
    return b'{"name": "x", "metadata": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"


BAD_BODIES = {
    "lone surrogate": b'{"name": "Caf\\ud800"}',
    "lone surrogate in a key": b'{"name": "x", "metadata": {"\\udfff": 1}}',
    "invalid utf-8": b'{"name": "Caf\xe9"}',
    "NaN literal": b'{"name": "x", "metadata": {"n": NaN}}',
    "float overflow": b'{"name": "x", "metadata": {"n": 1e400}}',
    "65 levels": nested(65),
    "100k levels": nested(100_000),
    "not json": b"{name: x}",
}

BAD_SALES = {
    "price 1e30": sale_with(unit_price=1e30),
    "price 10^40": sale_with(unit_price=10**40),
    "quantity 10^40": sale_with(quantity=10**40),
    "quantity 1e-9": sale_with(quantity=1e-9),
    "price with 7 decimals": sale_with(unit_price=1.0000001),
    "line over a trillion": sale_with(quantity=1_000_000, unit_price=1_000_000),
    "discount 1e30": sale_with(discount=1e30),
    "exchange rate 1e30": json.dumps(register_body(exchange_rate=1e30)).encode(),
}


@pytest.mark.parametrize("content", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_bytes_get_a_400_and_change_nothing(api: httpx.Client, content: bytes) -> None:
    before = counts(api)
    response = raw_post(api, "/clients", content)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_json"
    assert counts(api) == before
    # Not poisoned: every list still answers, and a good write still works.
    assert api.post("/clients", json={"name": "Después"}).status_code == 201


@pytest.mark.parametrize("content", BAD_SALES.values(), ids=BAD_SALES.keys())
def test_money_out_of_bounds_is_refused(api: httpx.Client, content: bytes) -> None:
    before = counts(api)
    response = raw_post(api, "/payments/register", content)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "validation_failed"
    assert counts(api) == before


def test_64_levels_are_fine_and_huge_bodies_are_413(api: httpx.Client) -> None:
    assert raw_post(api, "/clients", nested(62)).status_code == 201
    huge = json.dumps({"name": "x", "metadata": {"blob": "a" * (1024 * 1024)}}).encode()
    response = raw_post(api, "/clients", huge)
    assert response.status_code == 413 and response.json()["error"] == "payload_too_large"


def client_for(sb: Sandbox) -> httpx.Client:
    return httpx.Client(base_url=sb.base_url, headers={"Authorization": KEY})


def test_bad_bytes_leave_the_state_file_loadable(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Sandbox(api_key=KEY, seed="empty", state_file=state) as sb, client_for(sb) as api:
        for content in (*BAD_BODIES.values(), *BAD_SALES.values()):
            assert raw_post(api, "/clients", content).status_code == 400
        assert api.post("/clients", json={"name": "Sí se guarda"}).status_code == 201
    with Sandbox(api_key=KEY, state_file=state) as again, client_for(again) as api:
        names = [c["name"] for c in api.get("/clients").json()["data"]]
    assert names == ["Sí se guarda"]


def test_latency_is_bounded(control: httpx.Client, sandbox: Sandbox) -> None:
    too_slow = control.post("/faults", json={"latency_ms": 30_001})
    assert too_slow.status_code == 400 and "30 s" in too_slow.json()["message"]
    assert control.post("/faults", json={"refuse_for_seconds": 301}).status_code == 400
    assert control.post("/faults", json={"rate_limit": {"retry_after": 99999}}).status_code == 400
    assert sandbox.faults.snapshot()["latency_ms"] == 0
    ok = control.post("/faults", json={"latency_ms": 30_000})
    assert ok.status_code == 200 and ok.json()["data"]["latency_ms"] == 30_000
    sandbox.faults.clear()


# --- routes ----------------------------------------------------------------------------------


def test_clients_search_is_a_route_not_a_client_id(api: httpx.Client) -> None:
    found = api.get("/clients/search", params={"q": "HERNÁNDEZ"})
    assert found.status_code == 200
    body = found.json()
    assert [c["id"] for c in body["data"]] == ["client_demo_juan"]
    assert (body["found"], body["page"], body["per_page"], body["has_more"]) == (1, 1, 10, False)
    by_rfc = api.get("/clients/search", params={"q": "xaxx0101"}).json()
    assert [c["id"] for c in by_rfc["data"]] == ["client_demo_publico"]
    paged = api.get("/clients/search", params={"q": "", "limit": 2}).json()
    assert paged["has_more"] is True and paged["next"] == "2" and len(paged["data"]) == 2
    second = api.get("/clients/search", params={"q": "", "limit": 2, "page": 2}).json()
    assert {c["id"] for c in second["data"]}.isdisjoint(c["id"] for c in paged["data"])
    assert api.get("/clients/search", params={"q": "nadie-así"}).json()["found"] == 0
    for method in ("PUT", "DELETE"):
        other = api.request(method, "/clients/search", json={"name": "x"})
        assert other.status_code == 404 and "Route not found" in other.json()["message"]


def test_other_search_routes(api: httpx.Client) -> None:
    payment = api.post("/payments/register", json=register_body(automation_type="receipt"))
    receipt_id = payment.json()["data"]["receipt_id"]
    receipts = api.get("/receipts/search", params={"q": receipt_id}).json()
    assert [r["id"] for r in receipts["data"]] == [receipt_id]
    payments = api.get("/payments/search", params={"q": "público"}).json()
    assert payment.json()["data"]["id"] in [p["id"] for p in payments["data"]]
    invoices = api.get("/invoices/search", params={"q": "constructora"}).json()
    assert invoices["found"] >= 1


# --- error shapes ----------------------------------------------------------------------------


def test_nested_error_shape_switch(api: httpx.Client, control: httpx.Client) -> None:
    control.post("/faults", json={"error_shape": "nested"})
    missing = api.get("/clients/client_nope")
    assert missing.status_code == 404
    assert missing.json() == {
        "success": False,
        "error": {"code": "not_found", "message": "Client 'client_nope' not found", "details": []},
    }
    bad = api.post("/payments/register", json=register_body(payment_form="77")).json()
    assert bad["error"]["code"] == "validation_failed"
    assert bad["error"]["details"][0].startswith("payment_form:")
    assert "message" not in bad
    control.post("/faults", json={"status_down": True})
    down = api.get("/clients").json()
    assert down["error"]["code"] == "service_unavailable"
    control.post("/faults", json={"status_down": False, "error_shape": None})
    flat = api.get("/clients/client_nope").json()
    assert flat == {"message": "Client 'client_nope' not found", "error": "not_found"}


def test_error_shape_as_configuration() -> None:
    with Sandbox(api_key=KEY, seed="empty", error_shape="nested") as sb:
        answer = httpx.get(f"{sb.base_url}/clients/x", headers={"Authorization": KEY}).json()
    assert answer["success"] is False and answer["error"]["code"] == "not_found"
    with pytest.raises(ValueError):
        Sandbox(api_key=KEY, error_shape="xml")


# --- controls are opt-in ---------------------------------------------------------------------


@pytest.fixture
def bare() -> Iterator[Sandbox]:
    with Sandbox(api_key=KEY, seed="demo") as sb:
        yield sb


def test_without_controls_there_are_no_control_routes(bare: Sandbox) -> None:
    for method, path in (
        ("GET", "/_sandbox"),
        ("GET", "/_sandbox/faults"),
        ("POST", "/_sandbox/faults"),
        ("POST", "/_sandbox/reset"),
        ("GET", "/_sandbox/requests"),
        ("POST", "/_sandbox/close-period"),
    ):
        response = httpx.request(method, f"{bare.root_url}{path}", json={"status_down": True})
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found"
    with httpx.Client(base_url=bare.base_url, headers={"Authorization": KEY}) as api:
        assert api.get("/clients").status_code == 200  # /v2 is untouched
        payment = api.post("/payments/register", json=register_body(automation_type="receipt"))
        receipt = api.get(f"/receipts/{payment.json()['data']['receipt_id']}").json()["data"]
    assert "Factura tu compra" in httpx.get(receipt["url"]).text  # public pages stay
    with pytest.raises(RuntimeError, match="controls=True"):
        bare.faults.set(status_down=True)
    with pytest.raises(RuntimeError, match="controls=True"):
        _ = bare.requests
    # The in-process end-of-period run stays available to the owner of the object.
    assert bare.close_period()["receipts"] == [receipt["id"]]


def test_controls_log_requests_with_their_endpoint(
    api: httpx.Client, sandbox: Sandbox, control: httpx.Client
) -> None:
    api.post("/receipts", content=b'{"client": {"id": "x"}, "items": [')
    api.get("/clients/search", params={"q": "ana"})
    log = sandbox.requests
    assert [(e.endpoint, e.status) for e in log] == [
        ("create_receipt", 400),
        ("search_clients", 200),
    ]
    assert log[0].json is None and log[0].body.startswith('{"client"')
    assert log[1].team == sandbox.team
    listed = control.get("/requests").json()["data"]
    assert [e["endpoint"] for e in listed] == ["create_receipt", "search_clients"]


# --- gigstack at its worst for a queue (REFERENCE.md 16.2, 16.3) ------------------------------


def test_ignore_filters_fault(api: httpx.Client, control: httpx.Client, sandbox: Sandbox) -> None:
    body = register_body(metadata={"local_id": "only-me"})
    mine = api.post("/payments/register", json=body).json()["data"]["id"]
    filtered = {"metadata.local_id": "only-me", "limit": 100}
    assert [p["id"] for p in api.get("/payments", params=filtered).json()["data"]] == [mine]
    control.post("/faults", json={"ignore_filters": True})
    everything = api.get("/payments", params=filtered).json()
    assert everything["total_results"] > 1 and mine in [p["id"] for p in everything["data"]]
    limited = api.get("/payments", params={"status": "canceled", "limit": 2}).json()
    assert len(limited["data"]) == 2  # limit still counts, the filter does not
    assert sandbox.requests[-1].query == {"status": "canceled", "limit": "2"}  # as sent
    control.post("/faults", json={"ignore_filters": False})
    assert api.get("/payments", params=filtered).json()["total_results"] == 1


@pytest.mark.parametrize("mode", ["first", "conflict", "other"])
def test_idempotency_replay_modes(api: httpx.Client, sandbox: Sandbox, mode: str) -> None:
    sandbox.faults.set(idempotency_replay=mode)
    body = register_body(idempotency_key=f"replay-{mode}")
    first = api.post("/payments/register", json=body).json()["data"]
    api.post("/payments/register", json=register_body())  # another sale in between
    replay = api.post("/payments/register", json=body)
    if mode == "first":
        assert replay.status_code == 200 and replay.json()["data"] == first
    elif mode == "conflict":
        assert replay.status_code == 409 and replay.json()["error"] == "idempotency_conflict"
    else:
        assert replay.status_code == 200 and replay.json()["data"]["id"] != first["id"]
    # Whatever the answer, the sale exists exactly once.
    assert api.get("/payments", params={"metadata.local_id": "nope"}).json()["total_results"] == 0
    listed = [p["id"] for p in api.get("/payments", params={"limit": 100}).json()["data"]]
    assert listed.count(first["id"]) == 1
    with pytest.raises(Exception, match="idempotency_replay"):
        sandbox.faults.set(idempotency_replay="sometimes")
