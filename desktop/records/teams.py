"""Teams as gigstack returns them (REFERENCE §8): the team, its series, members, integrations.

Read once, leniently (never raising): a field that is missing or odd reads as "" / None / an
empty tuple. Spellings accepted, each a documented variant or a defensive guess:

- The display name: ``brand.alias`` (newer team object), ``name`` (older list example), else
  ``legal_name``, else the id.
- The régimen: a code, or a legacy ``{label, value}`` object (as clients keep it, §16.3).
- The zip: ``address.zip``, else a top-level ``zip`` (guess: never seen, harmless).
- Credits: ``used_credits`` / ``credit_limit`` as numbers or text.
- A series: ``series`` (its name) and ``id`` (what ``PUT …/series/{id}`` takes, §8.10); either may
  be missing, so each falls back to the other. Counters ``live`` / ``test`` may be text.
- Integrations: ``GET /teams/integrations`` answers one object per integration (plus
  ``team``, a hint of the key's own team, not an integration); the team object carries
  ``integrations.stripe…`` too. An integration counts as connected when it says ``completed``,
  ``connected`` or ``hasKeys`` (the superseded design's word, §8.5).
- ``settings.default_series.income`` is ``{serie}`` (§8); ``{series}`` and a bare string are read
  too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.records._read import mapping, number, text
from desktop.records.invoices import epoch

# Integration keys in an integrations answer that describe the answer, not an integration.
_NOT_INTEGRATIONS = frozenset({"team", "team_id", "id", "object", "livemode"})


def _code(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("value")
    return text(value)


def _count(value: Any) -> int:
    """A folio counter as an int (0 when missing or nonsense; never negative)."""
    amount = number(value)
    if amount is None or amount != amount.to_integral_value():
        return 0
    return max(int(amount), 0)


@dataclass(frozen=True)
class SeriesView:
    """An invoice series and its last folio per mode (REFERENCE §8.8)."""

    id: str
    name: str
    live: int = 0
    test: int = 0
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def key(self) -> str:
        """What ``PUT /teams/{id}/series/{seriesId}`` takes: the id, else the name."""
        return self.id or self.name

    @classmethod
    def from_record(cls, record: Any) -> SeriesView:
        raw = mapping(record)
        name = text(raw.get("series") or raw.get("serie") or raw.get("name"))
        ident = text(raw.get("id"))
        return cls(
            id=ident,
            name=name or ident,
            live=_count(raw.get("live")),
            test=_count(raw.get("test")),
            raw=raw,
        )


@dataclass(frozen=True)
class MemberView:
    """A member of a team: a user id, their e-mail and role code."""

    id: str
    email: str
    role: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        return self.email or self.id

    @classmethod
    def from_record(cls, record: Any) -> MemberView:
        raw = mapping(record)
        return cls(
            id=text(raw.get("id") or raw.get("user_id")),
            email=text(raw.get("email")),
            role=text(raw.get("role")),
            raw=raw,
        )


@dataclass(frozen=True)
class IntegrationView:
    """One integration (``stripe``, ``sat``, ``bank``...) and whether it is connected."""

    name: str
    connected: bool
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_entry(cls, name: str, value: Any) -> IntegrationView:
        raw = mapping(value)
        connected = any(raw.get(k) is True for k in ("completed", "connected", "hasKeys"))
        return cls(name=name, connected=connected, raw=raw)


def integrations_of(record: Any) -> tuple[IntegrationView, ...]:
    """The integrations in an integrations answer or a team's ``integrations`` object.

    Only object-valued entries are integrations (``team`` is a hint of the key's team).
    """
    return tuple(
        IntegrationView.from_entry(str(name), value)
        for name, value in mapping(record).items()
        if name not in _NOT_INTEGRATIONS and isinstance(value, Mapping)
    )


def _default_income_series(settings: Mapping[str, Any]) -> str:
    default = mapping(settings.get("default_series")).get("income")
    if isinstance(default, Mapping):
        return text(default.get("serie") or default.get("series"))
    return text(default)


@dataclass(frozen=True)
class TeamSettingsView:
    """The team's invoicing defaults (``settings``), what the Equipo page shows and edits."""

    product_key: str = ""
    unit_key: str = ""
    use: str = ""
    default_description: str = ""
    invoice_pdf_notes: str = ""
    avoid_invoice_emails: bool = False
    #: ``default_series.income.serie``: the series gigstack uses when a request names none.
    default_series: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_record(cls, record: Any) -> TeamSettingsView:
        raw = mapping(record)
        return cls(
            product_key=text(raw.get("product_key")),
            unit_key=text(raw.get("unit_key")),
            use=_code(raw.get("use")),
            default_description=text(raw.get("default_description")),
            invoice_pdf_notes=text(raw.get("invoice_pdf_notes")),
            avoid_invoice_emails=mapping(raw.get("emails")).get("avoid_invoice_emails") is True,
            default_series=_default_income_series(raw),
            raw=raw,
        )


@dataclass(frozen=True)
class TeamView:
    """A gigstack team (``GET /teams``, ``GET /teams/{id}``).

    Satisfies `desktop.rules.teams.TeamLike` (``id``, ``created_at``), so the "which team is
    mine" rules take views directly.
    """

    id: str
    alias: str = ""
    legal_name: str = ""
    rfc: str = ""
    tax_system: str = ""
    zip: str = ""
    support_email: str = ""
    support_phone: str = ""
    #: Epoch seconds (number, ISO text or Firestore object read alike); None when unknown.
    created_at: float | None = None
    sat_connected: bool = False
    #: When the CSD (sellos) expire, epoch seconds; None when unknown.
    csd_expires_at: float | None = None
    used_credits: Decimal | None = None
    credit_limit: Decimal | None = None
    settings: TeamSettingsView = field(default_factory=TeamSettingsView)
    members: tuple[MemberView, ...] = ()
    integrations: tuple[IntegrationView, ...] = ()
    name_field: str = ""
    address: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """What a person reads: the brand alias, else ``name``, else legal name, else the id."""
        return self.alias or self.name_field or self.legal_name or self.id

    @property
    def member_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.members if m.id)

    def member(self, user_id: str) -> MemberView | None:
        return next((m for m in self.members if m.id == user_id), None)

    @classmethod
    def from_record(cls, record: Any) -> TeamView:
        raw = mapping(record)
        address = mapping(raw.get("address"))
        sat = mapping(raw.get("sat"))
        members = raw.get("members")
        return cls(
            id=text(raw.get("id")),
            alias=text(mapping(raw.get("brand")).get("alias")),
            legal_name=text(raw.get("legal_name")),
            rfc=text(raw.get("tax_id") or raw.get("rfc")),
            tax_system=_code(raw.get("tax_system")),
            zip=text(address.get("zip") or raw.get("zip")),
            support_email=text(raw.get("support_email")),
            support_phone=text(raw.get("support_phone")),
            created_at=epoch(raw.get("created_at")),
            sat_connected=sat.get("completed") is True,
            csd_expires_at=epoch(sat.get("csd_expires_at")),
            used_credits=number(raw.get("used_credits")),
            credit_limit=number(raw.get("credit_limit")),
            settings=TeamSettingsView.from_record(raw.get("settings")),
            members=tuple(
                MemberView.from_record(m)
                for m in (members if isinstance(members, list) else ())
                if isinstance(m, Mapping)
            ),
            integrations=integrations_of(raw.get("integrations")),
            name_field=text(raw.get("name")),
            address=address,
            raw=raw,
        )
