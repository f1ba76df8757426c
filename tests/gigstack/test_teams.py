"""``client.teams`` against the sandbox, including gigstack Connect's ``team=``."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    ConflictError,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    Series,
    Team,
    TeamIntegrations,
    TeamSettingsUpdate,
)

from .helpers import CONNECT_TEAMS, DEMO_TEAM, TEST_TIMEOUT, new_rfc, sandbox_key


def _a_user_id(api: GigstackClient) -> str:
    user = api.users.create({"email": f"cajero.{new_rfc().lower()}@example.com"})
    assert user.id
    return user.id


def test_list_and_get(api: GigstackClient) -> None:
    teams = list(api.teams.list(limit=1))  # one per page: exercises the cursor
    ids = {t.id for t in teams}
    assert {DEMO_TEAM, *CONNECT_TEAMS} <= ids
    page = api.teams.list_page(limit=100)
    assert {t.id for t in page.items} == ids
    team = api.teams.get(DEMO_TEAM)
    assert isinstance(team, Team)
    assert team.id == DEMO_TEAM
    with pytest.raises(NotFoundError):
        api.teams.get("team_nope")


def test_create_and_update(api: GigstackClient) -> None:
    created = api.teams.create(
        {
            "brand": {"alias": "Sucursal Centro"},
            "tax_id": new_rfc(),
            "tax_system": "601",
            "address": {"country": "Mexico", "zip": "06000"},
        }
    )
    assert created.id
    assert created.brand is not None
    assert created.brand.alias == "Sucursal Centro"
    assert created.credit_period_start is not None  # milliseconds in the sandbox too
    assert created.credit_period_start.year >= 2024
    updated = api.teams.update(created.id, {"support_email": "centro@example.com"})
    assert updated.support_email == "centro@example.com"
    with pytest.raises(NotFoundError):
        api.teams.update("team_nope", {"support_email": "a@b.mx"})


def test_create_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.teams.create({"brand": {"alias": "Sin RFC"}})
    with pytest.raises(InvalidRequestError):
        api.teams.create({"tax_id": new_rfc(), "address": {"zip": "06000"}})  # no country
    assert len(sandbox.requests) == 0


def test_integrations_default_and_connect_team(api: GigstackClient, sandbox: Any) -> None:
    own = api.teams.integrations()
    assert isinstance(own, TeamIntegrations)
    other = api.teams.integrations(team=CONNECT_TEAMS[0])
    assert (other.model_extra or {}).get("team") == CONNECT_TEAMS[0]
    assert sandbox.requests[-1].query.get("team") == CONNECT_TEAMS[0]
    with pytest.raises(PermissionDeniedError) as info:
        api.teams.integrations(team="team_not_connected")
    assert info.value.status == 403


def test_add_and_remove_member(api: GigstackClient) -> None:
    user_id = _a_user_id(api)
    ack = api.teams.add_member(DEMO_TEAM, user_id=user_id, role="editor")
    assert ack.message
    team = api.teams.get(DEMO_TEAM)
    assert any(m.id == user_id and m.role == "editor" for m in team.members or [])
    removed = api.teams.remove_member(DEMO_TEAM, {"id": user_id})
    assert removed.message
    with pytest.raises(NotFoundError):
        api.teams.remove_member(DEMO_TEAM, user_id=user_id)
    with pytest.raises(NotFoundError):
        api.teams.add_member(DEMO_TEAM, user_id="user_nope")
    with pytest.raises(InvalidRequestError):
        api.teams.add_member(DEMO_TEAM, user_id=user_id, role="owner")


def test_series(api: GigstackClient) -> None:
    series = api.teams.series(DEMO_TEAM)
    assert series
    assert all(isinstance(s, Series) for s in series)
    created = api.teams.create_series(DEMO_TEAM, {"series": "ZT9", "live": 0, "test": 10})
    assert created.series == "ZT9"
    assert created.id
    updated = api.teams.update_series(DEMO_TEAM, created.id, {"test": 42})
    assert updated.test == 42
    with pytest.raises(ConflictError):
        api.teams.create_series(DEMO_TEAM, {"series": "ZT9"})
    with pytest.raises(NotFoundError):
        api.teams.update_series(DEMO_TEAM, "NOPE", {"live": 1})
    with pytest.raises(NotFoundError):
        api.teams.series("team_nope")
    with pytest.raises(InvalidRequestError):
        api.teams.update_series(DEMO_TEAM, created.id, {})


def test_update_settings(api: GigstackClient) -> None:
    settings = api.teams.update_settings(
        DEMO_TEAM,
        TeamSettingsUpdate(
            product_key="81112209", unit_key="E48", use="G03", invoice_pdf_notes=None
        ),
    )
    assert settings.product_key == "81112209"
    assert settings.invoice_pdf_notes is None
    with pytest.raises(NotFoundError):
        api.teams.update_settings("team_nope", {"use": "G03"})
    with pytest.raises(InvalidRequestError):
        api.teams.update_settings(DEMO_TEAM, {})


def test_client_default_team_and_override(sandbox: Any) -> None:
    norte, sur = CONNECT_TEAMS
    with GigstackClient(
        sandbox_key(sandbox), base_url=sandbox.base_url, team=norte, timeout=TEST_TIMEOUT
    ) as api:
        created = api.clients.create({"name": "Cliente del norte"})
        assert created.team == norte
        assert created.id
        # The same id is invisible from the other branch and from the key's own team...
        with pytest.raises(NotFoundError):
            api.clients.get(created.id, team=sur)
        # ...and visible again with the default.
        assert api.clients.get(created.id).id == created.id
    teams_sent = [r.query.get("team") for r in sandbox.requests]
    assert teams_sent == [norte, sur, norte]


def test_list_and_create_server_errors(api: GigstackClient) -> None:
    with pytest.raises(BadRequestError):
        api.teams.list_page(next="not-a-cursor")
    # Three digits (our shape check passes) but not a SAT regime: the server says no.
    with pytest.raises(BadRequestError):
        api.teams.create(
            {
                "brand": {"alias": "Régimen raro"},
                "tax_id": new_rfc(),
                "tax_system": "999",
                "address": {"country": "Mexico"},
            }
        )
