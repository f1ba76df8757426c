"""``/teams``: list, create, get, update, integrations, members, series and settings."""

from __future__ import annotations

import copy

from .. import domain
from ..store import Collection, TeamData
from ..validation import bad_request, conflict, not_found, req_str
from .common import Ctx, Result, Route, list_page


def team_or_404(ctx: Ctx, ident: str) -> TeamData:
    team = ctx.store.team(ident)
    if team is None:
        raise not_found("Team", ident)
    return team


def list_teams(ctx: Ctx) -> Result:
    teams = Collection("teams")
    for data in ctx.store.teams.values():
        teams.add(data.team)
    # Teams are few; the list is rebuilt per request but paged like any other.
    return list_page(
        ctx, teams, message="Teams retrieved successfully", out=copy.deepcopy, scope="teams"
    )


def create_team(ctx: Ctx) -> Result:
    record = domain.new_team(ctx.obj(), ctx.now, ctx.team.team.get("owner", ""), ctx.store.livemode)
    owner = ctx.store.users.get(record["owner"])
    if owner is not None:
        record["members"].append({"id": owner["id"], "email": owner["email"], "role": "admin"})
    data = TeamData(record)
    # Inferred: a new team starts with series "A" so it can invoice right away.
    data.series["A"] = {"id": "A", "series": "A", "live": 0, "test": 0}
    ctx.store.teams[record["id"]] = data
    return 201, {"message": "Team created successfully", "data": copy.deepcopy(record)}


def team_integrations(ctx: Ctx) -> Result:
    team = ctx.team.team
    return 200, {
        "message": "Integrations retrieved successfully",
        "data": {
            "team": team["id"],
            "stripe": copy.deepcopy(
                team.get("integrations", {}).get("stripe", {"completed": False})
            ),
            "sat": {
                "completed": bool(team.get("sat", {}).get("completed")),
                "csd_expires_at": team.get("sat", {}).get("csd_expires_at"),
            },
            "bank": {"completed": False},
        },
    }


def get_team(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Team retrieved successfully",
        "data": copy.deepcopy(team_or_404(ctx, id).team),
    }


def update_team(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    updated = domain.apply_team_fields(copy.deepcopy(team.team), ctx.obj())
    team.team = updated
    return 200, {"message": "Team updated successfully", "data": copy.deepcopy(updated)}


def add_member(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    body = ctx.obj()
    user_id = req_str(body, "id")
    role = domain.check_role(body.get("role", "viewer"))
    user = ctx.store.users.get(user_id)
    if user is None:
        raise not_found("User", user_id)
    members = team.team.setdefault("members", [])
    for member in members:
        if member["id"] == user_id:
            member["role"] = role
            break
    else:
        members.append({"id": user_id, "email": user["email"], "role": role})
    # Documented response: {"message": "Operation completed successfully", "data": {}}
    return 200, {"message": "Operation completed successfully", "data": {}}


def remove_member(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    user_id = req_str(ctx.obj(), "id")
    members = team.team.setdefault("members", [])
    if not any(m["id"] == user_id for m in members):
        raise not_found("Member", user_id)
    if user_id == team.team.get("owner"):
        raise conflict("The team owner cannot be removed", "owner_cannot_be_removed")
    team.team["members"] = [m for m in members if m["id"] != user_id]
    return 200, {"message": "Operation completed successfully", "data": {}}


def list_series(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    return 200, {
        "message": "Series retrieved successfully",
        "data": [copy.deepcopy(s) for s in team.series.values()],
    }


def create_series(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    body = ctx.obj()
    name = req_str(body, "series").strip().upper()
    if not name.isalnum() or len(name) > 25:
        raise bad_request("series", "must be 1-25 letters or digits")
    if name in team.series:
        raise conflict(f"Series '{name}' already exists", "series_exists")
    counters = domain.check_series_counters(body)
    record = {
        "id": name,
        "series": name,
        "live": counters.get("live", 0),
        "test": counters.get("test", 0),
    }
    team.series[name] = record
    return 201, {"message": "Series created successfully", "data": copy.deepcopy(record)}


def update_series(ctx: Ctx, id: str, series_id: str) -> Result:
    team = team_or_404(ctx, id)
    record = team.series.get(series_id) or team.series.get(series_id.upper())
    if record is None:
        raise not_found("Series", series_id)
    record.update(domain.check_series_counters(ctx.obj()))
    return 200, {"message": "Series updated successfully", "data": copy.deepcopy(record)}


def update_settings(ctx: Ctx, id: str) -> Result:
    team = team_or_404(ctx, id)
    updated = copy.deepcopy(team.team)
    settings = domain.apply_settings(updated, ctx.obj())
    team.team = updated
    return 200, {"message": "Settings updated successfully", "data": copy.deepcopy(settings)}


ROUTES: list[Route] = [
    ("/teams", "GET", "list_teams", list_teams),
    ("/teams", "POST", "create_team", create_team),
    ("/teams/integrations", "GET", "team_integrations", team_integrations),
    ("/teams/<id>", "GET", "get_team", get_team),
    ("/teams/<id>", "PUT", "update_team", update_team),
    ("/teams/<id>/add-member", "POST", "add_member", add_member),
    ("/teams/<id>/remove-member", "POST", "remove_member", remove_member),
    ("/teams/<id>/series", "GET", "list_series", list_series),
    ("/teams/<id>/series", "POST", "create_series", create_series),
    ("/teams/<id>/series/<series_id>", "PUT", "update_series", update_series),
    ("/teams/<id>/settings", "PUT", "update_settings", update_settings),
]
