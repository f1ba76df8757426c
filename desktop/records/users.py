"""gigstack users (REFERENCE §9): account-wide people who can sign in.

Read once, leniently (never raising). Spellings accepted (REFERENCE §9, §15.12): the older guide
and the get-user answer say ``firstName`` / ``lastName``, the newer guide ``first_name`` /
``last_name``; the list example has only ``name``. Both casings are read, snake_case first. A
user's ``teams`` is ``[{team_id, team_name, role}]`` in the get-user answer and missing in the
list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.records._read import mapping, text
from desktop.records.invoices import epoch


@dataclass(frozen=True)
class UserTeamView:
    """A team a user belongs to, with their role there."""

    team_id: str
    team_name: str
    role: str

    @property
    def display_name(self) -> str:
        return self.team_name or self.team_id

    @classmethod
    def from_record(cls, record: Any) -> UserTeamView:
        raw = mapping(record)
        return cls(
            team_id=text(raw.get("team_id") or raw.get("id")),
            team_name=text(raw.get("team_name") or raw.get("name")),
            role=text(raw.get("role")),
        )


@dataclass(frozen=True)
class UserView:
    """A user as ``GET /users`` lists it or ``GET /users/{id}`` returns it."""

    id: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    name_field: str = ""
    phone: str = ""
    company_role: str = ""
    role: str = ""
    #: Epoch seconds; None when unknown.
    created_at: float | None = None
    last_login: float | None = None
    invitation_sent: bool | None = None
    teams: tuple[UserTeamView, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """``name``, else first and last name joined (may be "")."""
        joined = " ".join(p for p in (self.first_name, self.last_name) if p)
        return self.name_field or joined

    @property
    def display_name(self) -> str:
        return self.name or self.email or self.id

    @property
    def choice_text(self) -> str:
        """How a user is offered in a list: "Name · e-mail", or whichever is known."""
        if self.name and self.email:
            return f"{self.name} · {self.email}"
        return self.name or self.email or self.id

    @property
    def search_text(self) -> str:
        return " ".join(p for p in (self.name, self.email, self.phone, self.company_role) if p)

    @property
    def name_parts(self) -> tuple[str, str]:
        """(first, last) for a form: the fields when known, else ``name`` split at its first
        space (the list example carries only ``name``)."""
        if self.first_name or self.last_name:
            return self.first_name, self.last_name
        first, _, last = self.name_field.partition(" ")
        return first, last

    @classmethod
    def from_record(cls, record: Any) -> UserView:
        raw = mapping(record)
        teams = raw.get("teams")
        sent = raw.get("invitation_sent")
        return cls(
            id=text(raw.get("id")),
            email=text(raw.get("email")),
            first_name=text(raw.get("first_name") or raw.get("firstName")),
            last_name=text(raw.get("last_name") or raw.get("lastName")),
            name_field=text(raw.get("name")),
            phone=text(raw.get("phone")),
            company_role=text(raw.get("company_role")),
            role=text(raw.get("role")),
            created_at=epoch(raw.get("created_at")),
            last_login=epoch(raw.get("last_login")),
            invitation_sent=sent if isinstance(sent, bool) else None,
            teams=tuple(
                UserTeamView.from_record(t)
                for t in (teams if isinstance(teams, list) else ())
                if isinstance(t, Mapping)
            ),
            raw=raw,
        )
