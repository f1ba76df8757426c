"""``/users``: list, create, get, update, reset password (users are account-wide)."""

from __future__ import annotations

import copy

from .. import domain
from ..store import Record
from ..validation import check_email, conflict, not_found
from .common import Ctx, Result, Route, list_page


def user_or_404(ctx: Ctx, ident: str) -> Record:
    user = ctx.store.users.get(ident)
    if user is None:
        raise not_found("User", ident)
    return user


def list_users(ctx: Ctx) -> Result:
    return list_page(
        ctx,
        ctx.store.users,
        message="Users retrieved successfully",
        out=lambda u: domain.user_out(u, ctx.store),
        scope="users",
    )


def create_user(ctx: Ctx) -> Result:
    body = ctx.obj()
    # The n8n node requires email (the guide says optional, but a user needs a login).
    email = check_email(body.get("email"), "email")
    if ctx.store.users.lookup("email", email):
        raise conflict(f"A user with email {email} already exists", "email_exists")
    role = domain.check_role(body.get("role", "viewer"))
    user: Record = {
        "id": domain.new_id("user"),
        "object": "user",
        "email": email,
        "role": role,
        "created_at": ctx.now,
        "invitation_sent": True,
    }
    domain.apply_user_fields(user, body)
    ctx.store.users.add(user)
    if body.get("auto_join"):
        ctx.team.team.setdefault("members", []).append(
            {"id": user["id"], "email": email, "role": role}
        )
    return 201, {"message": "User created successfully", "data": domain.user_out(user, ctx.store)}


def reset_password(ctx: Ctx) -> Result:
    email = check_email(ctx.obj().get("email"), "email")
    # Inferred: answer the same for unknown emails (no account enumeration).
    return 200, {"message": "Password reset email sent", "data": {"email": email}}


def get_user(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "User retrieved successfully",
        "data": domain.user_out(user_or_404(ctx, id), ctx.store),
    }


def update_user(ctx: Ctx, id: str) -> Result:
    updated = domain.apply_user_fields(copy.deepcopy(user_or_404(ctx, id)), ctx.obj())
    ctx.store.users.replace(updated)
    return 200, {
        "message": "User updated successfully",
        "data": domain.user_out(updated, ctx.store),
    }


ROUTES: list[Route] = [
    ("/users", "GET", "list_users", list_users),
    ("/users", "POST", "create_user", create_user),
    ("/users/reset-password", "POST", "reset_password", reset_password),
    ("/users/<id>", "GET", "get_user", get_user),
    ("/users/<id>", "PUT", "update_user", update_user),
]
