"""The Equipo and Usuarios pages' rules (desktop.rules.teams), Qt-free, and that the sandbox
(gigstack's stand-in) takes what they let through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.config import CONFIG_FILENAME, ConfigError, TerminalConfig
from desktop.gigstack import GigstackClient
from desktop.records.users import UserView
from desktop.rules import teams as rules
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY

TEAM = "team_mostrador_demo"


def test_switching_teams() -> None:
    assert rules.switch_team_problem(None, "team_a", 0) == "Elige un equipo de la lista."
    assert rules.switch_team_problem("", "team_a", 0) == "Elige un equipo de la lista."
    assert "Ya estás" in str(rules.switch_team_problem("team_a", "team_a", 0))
    pending = rules.switch_team_problem("team_b", "team_a", 3)
    assert pending is not None and "3 envíos sin terminar" in pending
    assert rules.switch_team_problem("team_b", "team_a", 0) is None
    # The key's own team is stored as "" (no Connect parameter); others by id.
    assert rules.stored_team("team_own", "team_own") == ""
    assert rules.stored_team("team_b", "team_own") == "team_b"
    assert rules.stored_team("team_b", None) == "team_b"


def test_roles_and_who_may_be_added() -> None:
    assert rules.DEFAULT_ROLE in rules.ROLES
    assert all(rules.role_problem(r) is None for r in rules.ROLES)
    assert rules.role_problem("owner") is not None and rules.role_problem(None) is not None
    users = [UserView("u1"), UserView("u2"), UserView("")]
    assert [u.id for u in rules.users_to_offer(users, {"u1"})] == ["u2"]
    assert rules.member_body("u2", "viewer") == ({"id": "u2", "role": "viewer"}, None)
    assert rules.member_body(None, "viewer") == (None, "No hay usuarios por agregar.")
    body, problem = rules.member_body("u2", "superuser")
    assert body is None and problem is not None


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("b", None),
        (" mos2 ", None),
        ("Z" * 25, None),
        ("", "letras o números"),
        ("Z" * 26, "letras o números"),
        ("B-1", "letras o números"),
        ("B 1", "letras o números"),
        ("Ñ", "letras o números"),  # not ASCII: gigstack's series are A-Z 0-9
        ("٣", "letras o números"),  # an Arabic-Indic digit Python calls a digit
        ("a", "ya existe"),
    ],
)
def test_series_names(typed: str, problem: str | None) -> None:
    found = rules.series_name_problem(typed, existing=["A", "MOS"])
    assert (found is None) if problem is None else (problem in str(found))


def test_series_bodies_and_folios() -> None:
    assert rules.series_body(" b ", 10, 0) == ({"series": "B", "live": 10, "test": 0}, {})
    assert rules.series_body(None, 25, 3) == ({"live": 25, "test": 3}, {})
    body, problems = rules.series_body("A", -1, rules.FOLIO_MAX + 1, existing=["A"])
    assert body is None and set(problems) == {"name", "live", "test"}
    assert rules.folio_problem(0) is None and rules.folio_problem(rules.FOLIO_MAX) is None


def test_default_series() -> None:
    assert rules.default_series("MOS", ["A", "MOS"]) == "MOS"
    assert rules.default_series("X", ["A", "MOS"]) == "A"  # configured but gone: the first
    assert rules.default_series("", ["B"]) == "B"
    assert rules.default_series("A", []) == ""


def test_team_data() -> None:
    good = rules.TeamForm(alias="La Esquina", rfc="lorf850312tq1", zip="06700")
    assert rules.check_team(good, new=True) == {}
    assert rules.team_body(good, new=True) == {
        "brand": {"alias": "La Esquina"},
        "tax_id": "LORF850312TQ1",
        "address": {"country": "Mexico", "zip": "06700"},
    }
    # Editing: the RFC is sent only when it changed; no country is added to the address.
    assert rules.team_body(good, new=False, current_rfc="LORF850312TQ1") == {
        "brand": {"alias": "La Esquina"},
        "address": {"zip": "06700"},
    }
    bad = rules.TeamForm(alias=" ", rfc="XYZ", support_email="a@@b", zip="0670")
    assert set(rules.check_team(bad, new=False)) == {"alias", "rfc", "email", "zip"}
    assert rules.check_team(rules.TeamForm(alias="x"), new=True)["rfc"].startswith("gigstack pide")
    assert rules.check_team(rules.TeamForm(alias="x"), new=False) == {}
    assert "catálogo" in str(rules.zip_problem("00001"))
    assert rules.zip_problem("") is None and rules.zip_problem("１２３４５") is not None


def test_invoicing_defaults_and_new_users() -> None:
    assert rules.settings_problems("14111514", "h87") == {}
    assert rules.settings_problems("", "") == {}
    assert set(rules.settings_problems("123", "H8-7")) == {"product_key", "unit_key"}
    assert "product_key" in rules.settings_problems("１４１１１５１４", "")  # full-width digits
    assert rules.new_user_email_problem("") is not None
    assert rules.new_user_email_problem("no-es-correo") is not None
    assert rules.new_user_email_problem("caja2@papelerialaesquina.mx") is None


def test_what_the_rules_let_through_gigstack_takes(sandbox: Sandbox) -> None:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        existing = [s.series or "" for s in api.teams.series(TEAM)]
        body, problems = rules.series_body("c2", 4, 0, existing)
        assert body is not None and not problems
        created = api.teams.create_series(TEAM, body)
        assert (created.series, created.live) == ("C2", 4)
        form = rules.TeamForm(alias="La Esquina Centro", rfc="LORF850312TQ1", zip="06700")
        assert rules.check_team(form, new=True) == {}
        team = api.teams.create(rules.team_body(form, new=True))
        assert team.brand is not None and team.brand.alias == "La Esquina Centro"
        user = api.users.create({"email": "bodega@papelerialaesquina.mx"})
        member, _ = rules.member_body(user.id, rules.DEFAULT_ROLE)
        assert member is not None
        api.teams.add_member(TEAM, member)
        members = api.teams.get(TEAM).members or []
        assert any(m.id == user.id and m.role == rules.DEFAULT_ROLE for m in members)


def test_rules_and_views_import_no_qt() -> None:
    code = (
        "import sys, desktop.rules.teams, desktop.records.teams, desktop.records.users;"
        "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    "typed", ["CAJA1", "caja_2", " mos ", "", "CAJA 1", "CAJA-1", "CAJAÑ", "X" * 10, "X" * 11, "٣"]
)
def test_terminal_series_refused_like_config_set(typed: str, tmp_path: Path) -> None:
    """Ajustes' rule and `config set terminal.series` refuse the same values."""
    terminal = TerminalConfig(tmp_path / CONFIG_FILENAME)
    try:
        terminal.set("terminal.series", typed.strip())
        config_ok = True
    except ConfigError:
        config_ok = False
    assert (rules.terminal_series_problem(typed) is None) == config_ok
