"""The business on paper: one source for the header of every ticket and corte de caja.

The counter's ticket, a ticket reprinted from Pagos and the X/Z reports of Turno all print the
same header: the shop's name, RFC, address and phone. Ajustes' business fields
(config.json `business.*`) win; what they leave empty comes from the team gigstack has
(`sale_tickets.ticket_business`), and only when both are empty does the header say
"Mostrador".

gigstack's answer is kept in the data folder (`team-business.json`, one entry per team: public
business data only, never a key), so a ticket printed offline, or before gigstack answered
since the app started, still names the shop.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from desktop.ui import ticket
from desktop.ui.context import UiContext
from desktop.ui.sale_tickets import ticket_business

log = logging.getLogger(__name__)

CACHE_FILENAME = "team-business.json"

#: The fields kept (what `ticket_business` answers).
FIELDS = ("name", "rfc", "address", "phone", "zip")


def _team_key(team: str | None) -> str:
    # No team chosen: the key's own team (what `ticket_business` looked up).
    return team or "_own"


def _read_all(data_dir: Path) -> dict[str, Any]:
    path = Path(data_dir) / CACHE_FILENAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s not read (%s); the header uses Ajustes only", CACHE_FILENAME, exc)
        return {}
    return data if isinstance(data, dict) else {}


def cached_team_business(data_dir: Path, team: str | None) -> dict[str, str]:
    """What gigstack last said of the team's business ({} when it never answered)."""
    entry = _read_all(data_dir).get(_team_key(team))
    if not isinstance(entry, Mapping):
        return {}
    return {k: str(entry.get(k) or "") for k in FIELDS if entry.get(k)}


def remember_team_business(data_dir: Path, team: str | None, info: Mapping[str, str]) -> None:
    """Keep gigstack's answer for the next print (atomic write; a failure is only logged: the
    header then falls back to Ajustes, the ticket still prints)."""
    if not info:
        return
    data = _read_all(data_dir)
    data[_team_key(team)] = {k: str(info.get(k) or "") for k in FIELDS}
    path = Path(data_dir) / CACHE_FILENAME
    tmp = path.with_suffix(".json.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("%s not written (%s)", CACHE_FILENAME, exc)


def paper_business(data_dir: Path, team: str | None) -> dict[str, str]:
    """Name, RFC, address and phone for the paper: Ajustes first, then gigstack's team data
    (cached), then "Mostrador" for the name."""
    return ticket.business_info(
        ticket.terminal_config(data_dir), cached_team_business(data_dir, team)
    )


def refresh_team_business(
    ctx: UiContext, owner: QObject, done: Callable[[dict[str, str]], None] | None = None
) -> None:
    """Ask gigstack for the team's business data and keep it (quietly: on failure the cached
    copy and Ajustes still fill the header). `done` gets the answer on the GUI thread."""
    team = ctx.team
    data_dir = Path(ctx.config.data_dir)

    def keep(info: dict[str, str]) -> None:  # lane thread
        remember_team_business(data_dir, team, info)

    ctx.run_op(
        owner,
        lambda api: ticket_business(api, team),
        done if done is not None else (lambda _info: None),
        on_error=lambda _message, _exc: None,
        write_through=keep,
    )

