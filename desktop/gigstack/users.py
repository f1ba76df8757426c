"""``client.users``: gigstack users, REFERENCE §9."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.gigstack._base import (
    Resource,
    body_json,
    coerce_body,
    list_params,
    parse_model,
    segment,
)
from desktop.gigstack.errors import InvalidRequestError
from desktop.gigstack.models import (
    Ack,
    CreateUserRequest,
    ResetPasswordRequest,
    UpdateUserRequest,
    User,
)
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["UsersResource"]


class UsersResource(Resource):
    """Endpoints under ``/users``."""

    def list_page(
        self, *, limit: int | None = None, next: str | None = None, team: str | None = None
    ) -> Page[User]:
        """Fetch one page of users (``GET /users``)."""
        return self._list_page("/users", User, list_params(limit=limit, next=next), team)

    def create(
        self, body: CreateUserRequest | Mapping[str, Any], *, team: str | None = None
    ) -> User:
        """Create (invite) a user (``POST /users``)."""
        request = coerce_body(CreateUserRequest, body)
        return parse_model(
            User,
            self._send("POST", "/users", body=body_json(request), team=team),
            require_data=True,
        )

    def get(self, user_id: str, *, team: str | None = None) -> User:
        """Fetch one user (``GET /users/{id}``)."""
        return parse_model(
            User, self._send("GET", f"/users/{segment(user_id)}", team=team), require_data=True
        )

    def update(
        self,
        user_id: str,
        body: UpdateUserRequest | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> User:
        """Change a user's profile (``PUT /users/{id}``)."""
        request = coerce_body(UpdateUserRequest, body)
        path = f"/users/{segment(user_id)}"
        return parse_model(User, self._send("PUT", path, body=body_json(request), team=team))

    def reset_password(
        self,
        email: str | None = None,
        *,
        body: ResetPasswordRequest | Mapping[str, Any] | None = None,
        team: str | None = None,
    ) -> Ack:
        """Send a password-reset e-mail (``POST /users/reset-password``)."""
        if body is None:
            body = {"email": email}
        elif email is not None:
            raise InvalidRequestError("give either email or body, not both")
        request = coerce_body(ResetPasswordRequest, body)
        response = self._send("POST", "/users/reset-password", body=body_json(request), team=team)
        data = response.data if isinstance(response.data, dict) else {}
        return Ack(message=response.message, data=data)

    def login_link(self, user_id: str, *, team: str | None = None) -> Ack:
        """Get a one-time login link for a user (``POST /users/login-link`` with
        ``{"user_id": ...}``, REFERENCE §9, §16.4). ``data`` holds the undocumented answer."""
        segment(user_id, "user_id")  # refuses an empty or non-string id before sending
        body = {"user_id": user_id}
        response = self._send("POST", "/users/login-link", body=body, team=team)
        data = response.data if isinstance(response.data, dict) else {}
        return Ack(message=response.message, data=data)

    def list(self, *, limit: int | None = None, team: str | None = None) -> Paginator[User]:
        """Iterate over all users lazily (``GET /users``)."""
        return self._paginate(self.list_page, limit=limit, team=team)
