"""Which gigstack team is "mine": the key's own team among the teams the key can see.

gigstack does not document how to ask for the key's own team (REFERENCE: Connect teams are
chosen with the ``team`` parameter; without it the key acts on its own team). The hints live
here, in one order of trust, and `find_own_team` is the one place the app and the CLI ask:

0. The key's own ``team`` claim (gigstack keys are JWTs; REFERENCE §2.2, §16.3: gigstack's CLI
   resolves "my team" from it, then ``GET /teams/{claim}``). Read without verifying the
   signature (`desktop.gigstack.KeyInfo`): it outranks the guesses below because it is what
   gigstack wrote into the key. Keys that are not JWTs (``sk_test_…``) or lack the claim fall
   back to the guesses, which stay for exactly that case (documented choice, issue 7 §1).
1. A team id in ``GET /teams/integrations`` (which describes the key's own team): the sandbox
   answers ``team``; ``team_id`` and ``id`` are accepted too (we cannot know which spelling
   production uses, so all three are read — documented guess).
2. The only team listed, when there is just one.
3. The oldest team (Connect teams are added to an account later), only where a best guess is
   acceptable (ticket header), never to decide where money goes.

Also the Equipo and Usuarios pages' rules, so a dialog only collects and shows: whether the
terminal may switch teams, member roles and who may be added, series names and folio counters,
which series is the default, the team's data and invoicing defaults, a new user's e-mail. Every
message is Spanish and is the source string the dialogs show through
``translate("Rules", message)``.

Pure functions over already-fetched data: callers do the HTTP on their worker lane.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from desktop import fiscal
from desktop.config import SERIES_MAX_LENGTH
from desktop.rules.clients import check_email, check_rfc

if TYPE_CHECKING:
    from desktop.gigstack import GigstackClient

INTEGRATION_TEAM_KEYS = ("team", "team_id", "id")


class TeamLike(Protocol):
    @property
    def id(self) -> str | None: ...

    @property
    def created_at(self) -> Any: ...


class Certainty(StrEnum):
    KEY = "key"  # the key's own `team` claim (a JWT key says which team it belongs to)
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
    teams: Sequence[TeamLike],
    hint: str | None = None,
    *,
    claim: str | None = None,
    allow_guess: bool = False,
) -> OwnTeam | None:
    """The key's own team, and how sure we are; None when it cannot be told.

    Args:
        teams: The teams the key lists (`GET /teams`), any order.
        hint: `integration_team_hint(...)`, when it was fetched.
        claim: The key's `team` claim (`GigstackClient.key_info.team`): outranks the rest.
        allow_guess: Fall back to the oldest team (only for display, e.g. a ticket header).
    """
    if claim and claim.strip():
        return OwnTeam(claim.strip(), Certainty.KEY)
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


def acting_team(
    chosen: str | None,
    teams: Sequence[TeamLike],
    hint: str | None,
    claim: str | None = None,
) -> str | None:
    """The team id the app acts on: the chosen Connect team, else the key's own (if known)."""
    if chosen:
        return chosen
    found = own_team(teams, hint, claim=claim)
    return found.team_id if found else None


def find_own_team(
    api: GigstackClient, *, allow_guess: bool = False, list_limit: int = 50
) -> OwnTeam | None:
    """The key's own team, asked the one way the app and the CLI ask (caller's thread: a lane
    or the CLI; this may do HTTP).

    The key's `team` claim answers without a request. Otherwise `GET /teams/integrations`
    (its undocumented team id; a failure there is only a missing hint) and then `GET /teams`
    for the only team or, with `allow_guess`, the oldest. Errors of `GET /teams` propagate.
    """
    from desktop.gigstack.errors import GigstackError

    claim = api.key_info.team
    if claim:
        return OwnTeam(claim, Certainty.KEY)
    hint: str | None = None
    # With a default Connect team set, /teams/integrations would describe that team instead.
    if api.team is None:
        try:
            hint = integration_team_hint(api.teams.integrations().model_extra)
        except GigstackError:
            hint = None
    if hint:
        return OwnTeam(hint, Certainty.KNOWN)
    teams = api.teams.list_page(limit=list_limit).items
    return own_team(teams, allow_guess=allow_guess)


# -- switching the team this terminal bills for ----------------------------------------------------


def switch_team_problem(chosen: str | None, active: str | None, unfinished: int) -> str | None:
    """Why the terminal may not switch to team `chosen` now (None: it may).

    Args:
        chosen: The team picked from the list (its id; "" or None: nothing picked).
        active: The team the terminal acts on now (the chosen Connect team or the key's own).
        unfinished: Rows of the active team still waiting in the queue (pending, sending or
            parked): each team keeps its own queue, so they would be stranded by a switch.
    """
    if not chosen:
        return "Elige un equipo de la lista."
    if chosen == active:
        return "Ya estás trabajando con ese equipo."
    if unfinished == 1:
        return (
            "No se puede cambiar de equipo: este equipo tiene 1 envío sin terminar en la cola "
            "(una venta o un cambio que gigstack aún no tiene). Envíalo o resuélvelo primero "
            "en la página Cola."
        )
    if unfinished:
        return (
            f"No se puede cambiar de equipo: este equipo tiene {unfinished} envíos sin terminar en "
            "la cola (ventas o cambios que gigstack aún no tiene). Envíalos o resuélvelos "
            "primero en la página Cola."
        )
    return None


def stored_team(chosen: str, own: str | None) -> str:
    """The ``connection.team`` value for `chosen`: "" for the key's own team (requests then
    carry no Connect ``team`` parameter), else the team's id."""
    return "" if own and chosen == own else chosen


# -- members and roles (REFERENCE §8.6, §9.2) ------------------------------------------------------

#: The roles gigstack knows, least power first.
ROLES = ("viewer", "editor", "admin")
#: What the dialogs preselect: a cashier charges and invoices. (gigstack's own default when a
#: request names no role is "viewer"; the app always names one.)
DEFAULT_ROLE = "editor"


class UserLike(Protocol):
    @property
    def id(self) -> str: ...


U = TypeVar("U", bound=UserLike)


def role_problem(role: str | None) -> str | None:
    if role in ROLES:
        return None
    return f"«{role or ''}» no es un rol de gigstack (consulta, editor o administrador)."


def users_to_offer(users: Sequence[U], member_ids: Collection[str]) -> list[U]:
    """The account's users that may be added to the team: those with an id, not members yet."""
    return [u for u in users if u.id and u.id not in member_ids]


def member_body(user_id: str | None, role: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """(``add-member`` body, problem): a user must be chosen and the role be gigstack's."""
    if not user_id:
        return None, "No hay usuarios por agregar."
    problem = role_problem(role)
    if problem:
        return None, problem
    return {"id": user_id, "role": role}, None


# -- series (REFERENCE §8.8-§8.10) -----------------------------------------------------------------

SERIES_MAX = 25
#: What the spin boxes allow and gigstack's counters take (a folio is at most 8 digits here).
FOLIO_MAX = 99_999_999
_SERIES = re.compile(r"[A-Z0-9]{1,25}")


def normalize_series(text: str) -> str:
    return text.strip().upper()


def series_name_problem(text: str, existing: Collection[str] = ()) -> str | None:
    """Why `text` cannot name a new series (None: it can). `existing`: the team's series."""
    name = normalize_series(text)
    if not _SERIES.fullmatch(name) or not name.isascii():
        return f"La serie lleva de 1 a {SERIES_MAX} letras o números (sin espacios ni signos)."
    if name in {normalize_series(e) for e in existing}:
        return f"La serie {name} ya existe: elígela en la lista y cambia sus folios."
    return None


def folio_problem(value: int) -> str | None:
    if not 0 <= value <= FOLIO_MAX:
        return f"El folio va de 0 a {FOLIO_MAX}."
    return None


def series_body(
    name: str | None, live: int, test: int, existing: Collection[str] = ()
) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """(body, problems by field ``name``/``live``/``test``) for a new series (`name` given)
    or new counters of an existing one (`name` None)."""
    problems: dict[str, str] = {}
    if name is not None:
        name_problem = series_name_problem(name, existing)
        if name_problem:
            problems["name"] = name_problem
    for key, value in (("live", live), ("test", test)):
        problem = folio_problem(value)
        if problem:
            problems[key] = problem
    if problems:
        return None, problems
    body: dict[str, Any] = {"live": live, "test": test}
    if name is not None:
        body = {"series": normalize_series(name), **body}
    return body, {}


def default_series(configured: str, names: Sequence[str]) -> str:
    """The series gigstack numbers an invoice with when the request names none.

    ``settings.default_series.income.serie`` when the team has it; else the first listed series
    (what the sandbox does; gigstack does not document the fallback: inferred); "" when the
    team has no series at all.
    """
    if configured and configured in names:
        return configured
    return names[0] if names else ""


# -- the team's data and invoicing settings (REFERENCE §8.4, §8.11) --------------------------------

_ZIP = re.compile(r"[0-9]{5}")
_UNIT_KEY = re.compile(r"[A-Z0-9]{2,3}")


@dataclass(frozen=True)
class TeamForm:
    """What a person typed for a team (`PUT /teams/{id}` or `POST /teams`)."""

    alias: str = ""
    rfc: str = ""
    tax_system: str = ""
    support_email: str = ""
    support_phone: str = ""
    zip: str = ""


def zip_problem(text: str) -> str | None:
    """A fiscal postal code: five digits 0-9 (checked against the SAT catalog when it opens)."""
    value = text.strip()
    if not value:
        return None
    if not _ZIP.fullmatch(value):
        return "El código postal lleva 5 números."
    try:
        found = fiscal.postal_code(value)
    except fiscal.CatalogUnavailableError:
        return None  # the catalog is missing: gigstack still checks it
    if found is None:
        return f"El código postal «{value}» no está en el catálogo del SAT."
    return None


def check_team(form: TeamForm, *, new: bool) -> dict[str, str]:
    """Problems by field (``alias``, ``rfc``, ``email``, ``zip``): the same words everywhere.

    `new`: a team being created, where gigstack requires the RFC (n8n's swagger, §8.2).
    """
    problems: dict[str, str] = {}
    if not form.alias.strip():
        problems["alias"] = "Escribe el nombre comercial."
    if new and not form.rfc.strip():
        problems["rfc"] = "gigstack pide el RFC del equipo."
    else:
        # A check-digit warning does not block: the team's RFC is what the SAT already has.
        rfc_error, _warning = check_rfc(form.rfc)
        if rfc_error:
            problems["rfc"] = rfc_error
    email_error = check_email(form.support_email)
    if email_error:
        problems["email"] = email_error
    zip_error = zip_problem(form.zip)
    if zip_error:
        problems["zip"] = zip_error
    return problems


def team_body(form: TeamForm, *, new: bool, current_rfc: str = "") -> dict[str, Any]:
    """The API body for a checked form (empty fields left out; the RFC only when it changed).

    A new team's ``address`` always carries ``country`` (required inside it, §8.2).
    """
    rfc = form.rfc.strip().upper()
    body: dict[str, Any] = {"brand": {"alias": form.alias.strip()}}
    if rfc and (new or rfc != current_rfc):
        body["tax_id"] = rfc
    if form.tax_system:
        body["tax_system"] = form.tax_system
    if form.support_email.strip():
        body["support_email"] = form.support_email.strip()
    if form.support_phone.strip():
        body["support_phone"] = form.support_phone.strip()
    zip_code = form.zip.strip()
    if new:
        body["address"] = {"country": "Mexico", **({"zip": zip_code} if zip_code else {})}
    elif zip_code:
        body["address"] = {"zip": zip_code}
    return body


def settings_problems(product_key: str, unit_key: str) -> dict[str, str]:
    """Problems by field (``product_key``, ``unit_key``) of the invoicing defaults."""
    problems: dict[str, str] = {}
    product = product_key.strip()
    if product and not (product.isascii() and product.isdigit() and len(product) == 8):
        problems["product_key"] = "La clave de producto SAT lleva 8 números."
    unit = unit_key.strip().upper()
    if unit and not (unit.isascii() and _UNIT_KEY.fullmatch(unit)):
        problems["unit_key"] = "La clave de unidad SAT lleva 2 o 3 letras o números (H87, E48)."
    return problems


# -- users (REFERENCE §9.2, §9.4) ------------------------------------------------------------------


def new_user_email_problem(text: str) -> str | None:
    """A new user needs an e-mail: the invitation goes there (n8n requires it)."""
    if not text.strip():
        return "Escribe el correo: ahí le llega la invitación."
    return check_email(text)


# -- this terminal's folio series (Ajustes; `config set terminal.series`) ----------------------


def terminal_series_problem(text: str) -> str | None:
    """Why `text` cannot be this terminal's folio series (None: it can).

    The same limits as the `terminal.series` configuration key (`desktop.config`): the Ajustes
    page says these words next to the field; the CLI's `config set` refuses the same values.
    """
    series = text.strip().upper()
    if not series:
        return "Escribe la serie de esta caja (por ejemplo CAJA1)."
    if len(series) > SERIES_MAX_LENGTH:
        return f"La serie puede tener hasta {SERIES_MAX_LENGTH} caracteres."
    if not (series.isascii() and re.fullmatch(r"[A-Z0-9_]+", series)):
        return "La serie solo puede tener letras sin acentos, números y _ (sin espacios)."
    return None
