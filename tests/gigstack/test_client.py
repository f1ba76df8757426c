"""GigstackClient plumbing: headers, JSON bodies, Connect team, lifecycle, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from desktop import __version__
from desktop.gigstack import DEFAULT_TIMEOUT, GigstackClient
from desktop.gigstack.client import parse_retry_after

from .helpers import TEST_TIMEOUT, register_body, sandbox_key


def test_headers_and_json_body(api: GigstackClient, sandbox: Any) -> None:
    service = api.services.create({"description": "Refresco 600 ml", "unit_price": "18.50"})
    assert service.unit_price == Decimal("18.50")
    entry = sandbox.requests[-1]
    headers = {k.lower(): v for k, v in entry.headers.items()}
    assert headers["user-agent"] == f"Mostrador/{__version__}"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    # Decimal went out as a JSON number, not a string.
    assert '"unit_price":18.50' in entry.body
    assert entry.json["unit_price"] == 18.5


def test_bearer_scheme_is_accepted(sandbox: Any) -> None:
    # The sandbox accepts both "Bearer <key>" and a bare key; prove we are authenticated and
    # that the Authorization header is not stored in its log (it strips it).
    with GigstackClient(sandbox_key(sandbox), base_url=sandbox.base_url) as api:
        assert api.clients.list_page(limit=1).items


def test_team_query_on_every_call(sandbox: Any) -> None:
    with GigstackClient(
        sandbox_key(sandbox),
        base_url=sandbox.base_url,
        team="team_sucursal_sur",
        timeout=TEST_TIMEOUT,
    ) as api:
        client = api.clients.create(
            {"name": "Cliente del sur", "tax_id": "XAXX010101000", "tax_system": "616"}
        )
        service = api.services.create({"description": "Servicio sur", "unit_price": 10})
        assert client.id
        assert service.id
        payment = api.payments.register(
            register_body(client.id, service.id), idempotency_key="team-sur-0001"
        )
        assert payment.team == "team_sucursal_sur"
        api.payments.get(payment.id or "", team="team_sucursal_sur")
        api.teams.integrations()
    teams = {r.query.get("team") for r in sandbox.requests}
    assert teams == {"team_sucursal_sur"}
    assert all(r.status < 400 for r in sandbox.requests)


def test_no_team_sends_no_team(api: GigstackClient, sandbox: Any) -> None:
    api.clients.list_page(limit=1)
    assert "team" not in sandbox.requests[-1].query


def test_context_manager_closes(sandbox: Any) -> None:
    api = GigstackClient(sandbox_key(sandbox), base_url=sandbox.base_url)
    with api:
        api.users.list_page(limit=1)
    api.close()  # idempotent
    with pytest.raises(RuntimeError):
        api.users.list_page(limit=1)


def test_defaults() -> None:
    assert DEFAULT_TIMEOUT.connect is not None
    assert DEFAULT_TIMEOUT.read is not None
    assert DEFAULT_TIMEOUT.connect < DEFAULT_TIMEOUT.read
    api = GigstackClient("sk_test_" + "x" * 20)
    assert api.base_url == "https://api.gigstack.io/v2"
    assert api.team is None
    api.close()


def test_custom_transport_is_used(sandbox: Any) -> None:
    transport = httpx.HTTPTransport(retries=0)
    with GigstackClient(
        sandbox_key(sandbox), base_url=sandbox.base_url, transport=transport
    ) as api:
        assert api.users.list_page(limit=1).items


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("7", 7.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == expected
