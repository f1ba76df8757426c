"""``client.teams``: teams, members, invoice series and settings, REFERENCE §8."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from desktop.gigstack._base import (
    ApiResponse,
    Resource,
    body_json,
    coerce_body,
    list_params,
    parse_list,
    parse_model,
    segment,
)
from desktop.gigstack.errors import InvalidRequestError
from desktop.gigstack.models import (
    Ack,
    AddMemberRequest,
    CreateSeriesRequest,
    CreateTeamRequest,
    RemoveMemberRequest,
    Series,
    Team,
    TeamIntegrations,
    TeamSettingsInfo,
    TeamSettingsUpdate,
    UpdateSeriesRequest,
    UpdateTeamRequest,
)
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["TeamsResource"]


def _ack(response: ApiResponse) -> Ack:
    data = response.data if isinstance(response.data, dict) else {}
    return Ack(message=response.message, data=data)


class TeamsResource(Resource):
    """Endpoints under ``/teams``."""

    def list_page(
        self, *, limit: int | None = None, next: str | None = None, team: str | None = None
    ) -> Page[Team]:
        """Fetch one page of the teams the key can reach (``GET /teams``)."""
        return self._list_page("/teams", Team, list_params(limit=limit, next=next), team)

    def create(
        self, body: CreateTeamRequest | Mapping[str, Any], *, team: str | None = None
    ) -> Team:
        """Create a team (``POST /teams``)."""
        request = coerce_body(CreateTeamRequest, body)
        return parse_model(
            Team,
            self._send("POST", "/teams", body=body_json(request), team=team),
            require_data=True,
        )

    def get(self, team_id: str, *, team: str | None = None) -> Team:
        """Fetch one team (``GET /teams/{id}``)."""
        return parse_model(
            Team, self._send("GET", f"/teams/{segment(team_id)}", team=team), require_data=True
        )

    def update(
        self,
        team_id: str,
        body: UpdateTeamRequest | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Team:
        """Change a team's brand, fiscal or contact data (``PUT /teams/{id}``)."""
        request = coerce_body(UpdateTeamRequest, body)
        path = f"/teams/{segment(team_id)}"
        return parse_model(Team, self._send("PUT", path, body=body_json(request), team=team))

    def onboarding_url(self, team_id: str, *, team: str | None = None) -> Ack:
        """Get a team's onboarding link (``GET /teams/{id}/onboarding-url``, REFERENCE §16.4).

        The answer is not documented: ``data`` holds whatever came (the CLI reads ``url``).
        """
        path = f"/teams/{segment(team_id)}/onboarding-url"
        return _ack(self._send("GET", path, team=team))

    def integrations(self, *, team: str | None = None) -> TeamIntegrations:
        """Integration status of the key's team, or of ``team`` (``GET /teams/integrations``)."""
        return parse_model(TeamIntegrations, self._send("GET", "/teams/integrations", team=team))

    def add_member(
        self,
        team_id: str,
        body: AddMemberRequest | Mapping[str, Any] | None = None,
        *,
        user_id: str | None = None,
        role: str | None = None,
        team: str | None = None,
    ) -> Ack:
        """Add a user to a team (``POST /teams/{id}/add-member``).

        Pass ``body`` or ``user_id`` and optional ``role`` (``admin``/``editor``/``viewer``;
        the server defaults to ``viewer``).
        """
        if body is None:
            body = {"id": user_id, "role": role}
        elif user_id is not None or role is not None:
            raise InvalidRequestError("give either body or user_id/role, not both")
        request = coerce_body(AddMemberRequest, body)
        path = f"/teams/{segment(team_id)}/add-member"
        return _ack(self._send("POST", path, body=body_json(request), team=team))

    def remove_member(
        self,
        team_id: str,
        body: RemoveMemberRequest | Mapping[str, Any] | None = None,
        *,
        user_id: str | None = None,
        team: str | None = None,
    ) -> Ack:
        """Remove a user from a team (``POST /teams/{id}/remove-member``; POST, not DELETE)."""
        if body is None:
            body = {"id": user_id}
        elif user_id is not None:
            raise InvalidRequestError("give either body or user_id, not both")
        request = coerce_body(RemoveMemberRequest, body)
        path = f"/teams/{segment(team_id)}/remove-member"
        return _ack(self._send("POST", path, body=body_json(request), team=team))

    def series(self, team_id: str, *, team: str | None = None) -> builtins.list[Series]:
        """The team's invoice series and folio counters (``GET /teams/{id}/series``)."""
        path = f"/teams/{segment(team_id)}/series"
        return parse_list(Series, self._send("GET", path, team=team))

    def create_series(
        self,
        team_id: str,
        body: CreateSeriesRequest | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Series:
        """Create an invoice series (``POST /teams/{id}/series``)."""
        request = coerce_body(CreateSeriesRequest, body)
        path = f"/teams/{segment(team_id)}/series"
        return parse_model(Series, self._send("POST", path, body=body_json(request), team=team))

    def update_series(
        self,
        team_id: str,
        series_id: str,
        body: UpdateSeriesRequest | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Series:
        """Set the next folios of a series (``PUT /teams/{id}/series/{seriesId}``).

        ``series_id`` is the ``id`` that :meth:`series` returns (REFERENCE §8.10: how a series
        is identified is not documented; in the inferred example it equals the series name).
        """
        request = coerce_body(UpdateSeriesRequest, body)
        path = f"/teams/{segment(team_id)}/series/{segment(series_id, 'series_id')}"
        return parse_model(Series, self._send("PUT", path, body=body_json(request), team=team))

    def update_settings(
        self,
        team_id: str,
        body: TeamSettingsUpdate | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> TeamSettingsInfo:
        """Change invoicing defaults and automations (``PUT /teams/{id}/settings``).

        Fields set to ``None`` explicitly are sent as ``null`` (clears them); fields not
        given are left out.
        """
        request = coerce_body(TeamSettingsUpdate, body)
        payload = body_json(request, exclude_unset=True)
        if not payload:
            raise InvalidRequestError("no settings to update")
        path = f"/teams/{segment(team_id)}/settings"
        return parse_model(TeamSettingsInfo, self._send("PUT", path, body=payload, team=team))

    def list(self, *, limit: int | None = None, team: str | None = None) -> Paginator[Team]:
        """Iterate over all reachable teams lazily (``GET /teams``)."""
        return self._paginate(self.list_page, limit=limit, team=team)
