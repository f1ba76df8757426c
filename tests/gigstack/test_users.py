"""``client.users`` against the sandbox."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    ConflictError,
    CreateUserRequest,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    User,
)


def test_list(api: GigstackClient) -> None:
    users = list(api.users.list(limit=100))
    assert users
    assert all(isinstance(u, User) for u in users)
    page = api.users.list_page(limit=1)
    assert len(page.items) == 1


def test_create_get_update(api: GigstackClient) -> None:
    created = api.users.create(
        CreateUserRequest(
            email="ana@example.com", first_name="Ana", last_name="Ruiz", role="editor"
        )
    )
    assert created.id
    assert created.email == "ana@example.com"
    assert created.first_name == "Ana"
    fetched = api.users.get(created.id)
    assert (fetched.first_name, fetched.last_name) == ("Ana", "Ruiz")
    updated = api.users.update(created.id, {"firstName": "Anabel", "phone": "+52 55 1234 5678"})
    assert updated.first_name == "Anabel"
    assert updated.phone == "+52 55 1234 5678"
    with pytest.raises(ConflictError):
        api.users.create({"email": "ana@example.com"})


def test_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.users.create({"first_name": "Sin correo"})
    with pytest.raises(InvalidRequestError):
        api.users.reset_password("not-an-email")
    with pytest.raises(InvalidRequestError):
        api.users.update("user_x", {"nickname": "x"})
    assert len(sandbox.requests) == 0
    with pytest.raises(NotFoundError):
        api.users.get("user_nope")
    with pytest.raises(NotFoundError):
        api.users.update("user_nope", {"phone": "1"})


def test_reset_password(api: GigstackClient) -> None:
    ack = api.users.reset_password("someone@example.com")
    assert ack.message == "Password reset email sent"
    again = api.users.reset_password(body={"email": "someone@example.com"})
    assert again.data == {"email": "someone@example.com"}


def test_list_and_reset_server_errors(api: GigstackClient) -> None:
    with pytest.raises(BadRequestError):
        api.users.list_page(next="not-a-cursor")
    with pytest.raises(PermissionDeniedError):
        api.users.reset_password("someone@example.com", team="team_not_connected")
