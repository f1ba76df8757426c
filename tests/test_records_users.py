"""UserView: gigstack users read once, leniently, in both name casings."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.records.users import UserTeamView, UserView
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY


def test_documented_list_record_has_only_a_name() -> None:
    # REFERENCE §9.1's example.
    view = UserView.from_record(
        {
            "id": "user_1234567890",
            "email": "john.doe@example.com",
            "name": "John Doe",
            "role": "admin",
            "created_at": 1677651234,
        }
    )
    assert (view.name, view.display_name, view.role) == ("John Doe", "John Doe", "admin")
    assert view.name_parts == ("John", "Doe")
    assert view.choice_text == "John Doe · john.doe@example.com"
    assert view.created_at == 1677651234.0 and view.last_login is None
    assert view.teams == () and view.invitation_sent is None


def test_both_name_casings() -> None:
    # REFERENCE §9.3 / §15.12: the get-user answer says firstName/lastName.
    camel = UserView.from_record({"id": "u", "firstName": "Ana", "lastName": "Ruiz López"})
    snake = UserView.from_record({"id": "u", "first_name": "Ana", "last_name": "Ruiz López"})
    assert camel.name == snake.name == "Ana Ruiz López"
    assert camel.name_parts == snake.name_parts == ("Ana", "Ruiz López")


def test_teams_and_flags() -> None:
    view = UserView.from_record(
        {
            "id": "u1",
            "email": "caja@x.mx",
            "invitation_sent": True,
            "last_login": "2026-03-01T10:00:00Z",
            "teams": [
                {"team_id": "team_1", "team_name": "La Esquina", "role": "editor"},
                {"team_id": "team_2", "role": "viewer"},
                "team_3",  # not an object: skipped
            ],
        }
    )
    assert view.invitation_sent is True and view.last_login is not None
    assert view.teams == (
        UserTeamView("team_1", "La Esquina", "editor"),
        UserTeamView("team_2", "", "viewer"),
    )
    assert [t.display_name for t in view.teams] == ["La Esquina", "team_2"]
    assert view.display_name == "caja@x.mx" and view.choice_text == "caja@x.mx"
    assert "caja@x.mx" in view.search_text


@pytest.mark.parametrize(
    "record", [None, "user", 3, {"teams": "x", "invitation_sent": "yes", "name": {"a": 1}}]
)
def test_nonsense_never_raises(record: Any) -> None:
    view = UserView.from_record(record)
    assert view.id == "" and view.name == "" and view.teams == ()
    assert view.invitation_sent is None


def test_sandbox_users_read(sandbox: Sandbox) -> None:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        listed = [UserView.from_record(u.model_dump(mode="json")) for u in api.users.list()]
        cashier = next(u for u in listed if u.email == "caja1@papelerialaesquina.mx")
        full = UserView.from_record(api.users.get(cashier.id).model_dump(mode="json"))
    assert all(u.id and u.email for u in listed)
    assert full.name and full.created_at is not None
    assert "Papelería La Esquina" in [t.display_name for t in full.teams]
    assert "editor" in [t.role for t in full.teams]
