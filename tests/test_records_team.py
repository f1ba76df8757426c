"""TeamView and its parts: teams, series, members and integrations read once, leniently."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.records.teams import (
    IntegrationView,
    MemberView,
    SeriesView,
    TeamSettingsView,
    TeamView,
    integrations_of,
)
from desktop.rules.teams import Certainty, default_series, own_team
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY

TEAM = "team_mostrador_demo"


def test_documented_get_team_record() -> None:
    # REFERENCE §8.3's example.
    view = TeamView.from_record(
        {
            "id": "team_1234567890",
            "legal_name": "Empresa de Tecnología S.A. de C.V.",
            "tax_id": "EMP800101ABC",
            "tax_system": "601",
            "brand": {"alias": "Mi Empresa"},
            "settings": {"product_key": "81112209", "unit_key": "E48", "use": "G03"},
            "sat": {"completed": True, "connected_at": 1677651234, "csd_expires_at": 1924991999},
        }
    )
    assert (view.id, view.name, view.legal_name) == (
        "team_1234567890",
        "Mi Empresa",
        "Empresa de Tecnología S.A. de C.V.",
    )
    assert (view.rfc, view.tax_system) == ("EMP800101ABC", "601")
    assert view.sat_connected and view.csd_expires_at == 1924991999.0
    assert view.settings.product_key == "81112209" and view.settings.use == "G03"
    assert view.members == () and view.integrations == ()
    assert view.used_credits is None and view.credit_limit is None


def test_older_list_example_names_the_team_by_name() -> None:
    # REFERENCE §8.1 (older guide): no brand, a `name`; created_at in seconds.
    view = TeamView.from_record(
        {"id": "team_1", "name": "My Company", "settings": {"use": "P01"}, "created_at": 1677651234}
    )
    assert view.name == "My Company" and view.created_at == 1677651234.0
    assert view.settings.use == "P01"
    # Without alias or name: the razón social, then the id.
    assert TeamView.from_record({"id": "t", "legal_name": "ACME SA"}).name == "ACME SA"
    assert TeamView.from_record({"id": "t"}).name == "t"


@pytest.mark.parametrize(
    "record",
    [None, "team", 5, [], {"brand": "x", "sat": [], "settings": 3, "members": {"a": 1}}],
)
def test_nonsense_never_raises(record: Any) -> None:
    view = TeamView.from_record(record)
    assert view.id == "" and view.name == ""
    assert view.settings == TeamSettingsView()
    assert view.members == () and not view.sat_connected


def test_odd_spellings_are_read() -> None:
    view = TeamView.from_record(
        {
            "id": "team_9",
            "rfc": "EKU9003173C9",  # not `tax_id`
            "tax_system": {"label": "General de Ley", "value": "601"},  # legacy object
            "zip": "06700",  # not inside `address`
            "used_credits": "12",
            "credit_limit": 1000,
            "created_at": "2026-01-02T03:04:05Z",
            "sat": {"completed": "yes"},  # only a real True counts
            "members": [{"id": "u1", "email": "a@b.mx", "role": "admin"}, "u2", None],
            "settings": {
                "use": {"label": "Gastos", "value": "G03"},
                "emails": {"avoid_invoice_emails": True},
                "default_series": {"income": {"serie": "MOS"}},
            },
        }
    )
    assert (view.rfc, view.tax_system, view.zip) == ("EKU9003173C9", "601", "06700")
    assert (view.used_credits, view.credit_limit) == (Decimal(12), Decimal(1000))
    assert view.created_at is not None and view.created_at > 1.7e9
    assert not view.sat_connected
    assert view.members == (MemberView("u1", "a@b.mx", "admin"),)
    assert view.member_ids == frozenset({"u1"}) and view.member("u1") is not None
    assert view.settings.use == "G03" and view.settings.avoid_invoice_emails
    assert view.settings.default_series == "MOS"


def test_default_series_spellings() -> None:
    for settings, expected in (
        ({"default_series": {"income": {"serie": "A"}}}, "A"),
        ({"default_series": {"income": {"series": "B"}}}, "B"),
        ({"default_series": {"income": "C"}}, "C"),
        ({"default_series": "D"}, ""),
        ({}, ""),
    ):
        assert TeamSettingsView.from_record(settings).default_series == expected


def test_series_views() -> None:
    documented = SeriesView.from_record({"id": "A", "series": "A", "live": 120, "test": 5})
    assert (documented.key, documented.name, documented.live, documented.test) == ("A", "A", 120, 5)
    # No id: the name is what the PUT takes; counters as text, negative or fractional read as 0.
    bare = SeriesView.from_record({"series": "B", "live": "7", "test": -3})
    assert (bare.key, bare.live, bare.test) == ("B", 7, 0)
    assert SeriesView.from_record({"id": "ser_1", "live": "1.5"}).name == "ser_1"
    assert SeriesView.from_record({"id": "ser_1", "live": "1.5"}).live == 0
    assert SeriesView.from_record(None) == SeriesView("", "")


def test_integrations_from_either_answer() -> None:
    answer = {
        "team": TEAM,  # a hint of the key's own team, not an integration
        "stripe": {"completed": False},
        "sat": {"completed": True, "csd_expires_at": 1},
        "facturapi": {"hasKeys": True},
        "bank": "unknown",  # not an object: skipped
    }
    found = {i.name: i.connected for i in integrations_of(answer)}
    assert found == {"stripe": False, "sat": True, "facturapi": True}
    assert integrations_of(None) == ()
    assert IntegrationView.from_entry("x", {"connected": True}).connected


def test_team_views_answer_which_team_is_mine() -> None:
    # TeamView satisfies the rules' TeamLike: the oldest guess reads created_at in any form.
    teams = [
        TeamView.from_record({"id": "new", "created_at": "2026-05-01T00:00:00Z"}),
        TeamView.from_record({"id": "old", "created_at": 1_600_000_000}),
    ]
    guess = own_team(teams, allow_guess=True)
    assert guess is not None and (guess.team_id, guess.certainty) == ("old", Certainty.OLDEST)


def test_sandbox_team_reads_in_full(sandbox: Sandbox) -> None:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        team = TeamView.from_record(api.teams.get(TEAM).model_dump(mode="json", by_alias=True))
        series = [SeriesView.from_record(s.model_dump(mode="json")) for s in api.teams.series(TEAM)]
        listed = [TeamView.from_record(t.model_dump(mode="json")) for t in api.teams.list()]
        integrations = integrations_of(api.teams.integrations().model_dump(mode="json"))
    assert team.name == "Papelería La Esquina" and team.id == TEAM
    assert team.sat_connected and team.csd_expires_at is not None
    assert len(team.rfc) in (12, 13) and team.tax_system == "626" and len(team.zip) == 5
    assert {"user_demo_owner", "user_demo_cajero"} <= team.member_ids
    assert team.member("user_demo_owner") == MemberView(
        "user_demo_owner", "fernanda@papelerialaesquina.mx", "admin"
    )
    assert team.credit_limit == Decimal(1000)
    assert team.used_credits is not None and 0 <= team.used_credits <= team.credit_limit
    assert team.settings.default_series == "A" and team.settings.unit_key == "H87"
    assert {"A", "MOS"} <= {s.name for s in series}
    assert default_series(team.settings.default_series, [s.name for s in series]) == "A"
    assert len(listed) == 3 and TEAM in {t.id for t in listed}
    assert all(t.name for t in listed)
    assert {"stripe", "sat"} <= {i.name for i in integrations}
    assert "team" not in {i.name for i in integrations}
