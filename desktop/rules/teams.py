"""Which gigstack team is "mine": the key's own team among the teams the key can see.

gigstack does not document how to ask for the key's own team (REFERENCE: Connect teams are
chosen with the ``team`` parameter; without it the key acts on its own team). Three hints were
used in three places of the UI; they live here now, in one order of trust:

1. A team id in ``GET /teams/integrations`` (which describes the key's own team): the sandbox
   answers ``team``; ``team_id`` and ``id`` are accepted too (we cannot know which spelling
   production uses, so all three are read — documented guess).
2. The only team listed, when there is just one.
3. The oldest team (Connect teams are added to an account later), only where a best guess is
   acceptable (ticket header), never to decide where money goes.

Pure functions over already-fetched data: callers do the HTTP on their worker lane.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

INTEGRATION_TEAM_KEYS = ("team", "team_id", "id")


class TeamLike(Protocol):
    @property
    def id(self) -> str | None: ...

    @property
    def created_at(self) -> Any: ...


class Certainty(StrEnum):
    KNOWN = "known"  # gigstack said which team the key belongs to
    ONLY = "only"  # the key sees exactly one team
    OLDEST = "oldest"  # a guess: the oldest team the key sees


@dataclass(frozen=True)
class OwnTeam:
    team_id: str
    certainty: Certainty


def integration_team_hint(extras: Mapping[str, Any] | None) -> str | None:
    """The key's own team id from `GET /teams/integrations`' undocumented fields, if any."""
    for key in INTEGRATION_TEAM_KEYS:
        value = (extras or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _created(team: TeamLike) -> float:
    value = team.created_at
    if value is None:
        return float("inf")
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


def own_team(
    teams: Sequence[TeamLike], hint: str | None = None, *, allow_guess: bool = False
) -> OwnTeam | None:
    """The key's own team, and how sure we are; None when it cannot be told.

    Args:
        teams: The teams the key lists (`GET /teams`), any order.
        hint: `integration_team_hint(...)`, when it was fetched.
        allow_guess: Fall back to the oldest team (only for display, e.g. a ticket header).
    """
    if hint:
        return OwnTeam(hint, Certainty.KNOWN)
    listed = [t for t in teams if t.id]
    if len(listed) == 1:
        return OwnTeam(str(listed[0].id), Certainty.ONLY)
    if allow_guess and listed:
        # min() keeps the first of equal ages; the API lists newest first, so prefer the last.
        oldest = min(reversed(listed), key=_created)
        return OwnTeam(str(oldest.id), Certainty.OLDEST)
    return None


def acting_team(chosen: str | None, teams: Sequence[TeamLike], hint: str | None) -> str | None:
    """The team id the app acts on: the chosen Connect team, else the key's own (if known)."""
    if chosen:
        return chosen
    found = own_team(teams, hint)
    return found.team_id if found else None
