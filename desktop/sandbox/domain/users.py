"""Users (account-wide): fields and the answer shape."""

from __future__ import annotations

import copy
from typing import Any

from ..store import Record, Store
from ..validation import (
    check_address,
    opt_str,
)


def user_out(user: Record, store: Store) -> Record:
    out = copy.deepcopy(user)
    out.get("address", {}).pop("municipality", None)  # documented: stored, not returned
    out["teams"] = [
        {
            "team_id": tid,
            "team_name": data.team.get("brand", {}).get("alias", ""),
            "role": m["role"],
        }
        for tid, data in store.teams.items()
        for m in data.team.get("members", [])
        if m["id"] == user["id"]
    ]
    return out


def apply_user_fields(user: Record, body: dict[str, Any]) -> Record:
    # The older guide and the get-user response use camelCase; newer docs snake_case.
    first = body.get("first_name", body.get("firstName"))
    last = body.get("last_name", body.get("lastName"))
    if first is not None:
        user["firstName"] = user["first_name"] = opt_str({"v": first}, "v", "first_name")
    if last is not None:
        user["lastName"] = user["last_name"] = opt_str({"v": last}, "v", "last_name")
    for key in ("phone", "company_role"):
        if body.get(key) is not None:
            user[key] = opt_str(body, key)
    if body.get("address") is not None:
        user["address"] = {**user.get("address", {}), **check_address(body["address"])}
    user["name"] = " ".join(p for p in (user.get("firstName"), user.get("lastName")) if p)
    return user
