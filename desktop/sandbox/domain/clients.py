"""Clients: fields, create-or-find (``search``), and the client of a payment or invoice."""

from __future__ import annotations

import copy
from typing import Any

from ..store import Record, TeamData
from ..validation import (
    CFDI_USES,
    GENERIC_RFCS,
    TAX_SYSTEMS,
    ApiError,
    bad_request,
    check_address,
    check_email,
    check_in,
    check_metadata,
    check_rfc,
    conflict,
    not_found,
    opt_bool,
    opt_str,
    req_str,
    require_object,
    rfc_check_digit_ok,
)
from .common import new_id

# --- clients -------------------------------------------------------------------------------

CLIENT_STR_FIELDS = ("name", "company", "phone", "legal_name")


def apply_client_fields(record: Record, body: dict[str, Any], prefix: str = "") -> Record:
    """Validate the client fields present in ``body`` and copy them into ``record``."""
    for key in CLIENT_STR_FIELDS:
        if key in body and body[key] is not None:
            record[key] = opt_str(body, key, prefix + key)
    if body.get("email") is not None:
        record["email"] = check_email(body["email"], prefix + "email")
    if body.get("tax_id") is not None:
        record["tax_id"] = check_rfc(body["tax_id"], prefix + "tax_id")
    if body.get("tax_system") is not None:
        record["tax_system"] = check_in(body["tax_system"], TAX_SYSTEMS, prefix + "tax_system")
    if body.get("use") is not None:
        record["use"] = check_in(body["use"], CFDI_USES, prefix + "use")
    if body.get("address") is not None:
        address = check_address(body["address"], prefix + "address")
        # Inferred: a partial address updates the fields sent (the CLI sends only the zip).
        record["address"] = {**record.get("address", {}), **address}
    if body.get("bcc") is not None:
        bcc = body["bcc"]
        if not isinstance(bcc, list):
            raise bad_request(prefix + "bcc", "must be an array of emails")
        record["bcc"] = [check_email(b, f"{prefix}bcc[{i}]") for i, b in enumerate(bcc)]
    if body.get("metadata") is not None:
        record["metadata"] = check_metadata(body["metadata"], prefix + "metadata")
    if body.get("defaults") is not None:
        defaults = require_object(body["defaults"], prefix + "defaults")
        for key, value in defaults.items():
            if not isinstance(value, bool):
                raise bad_request(f"{prefix}defaults.{key}", "must be a boolean")
        record["defaults"] = {**record.get("defaults", {}), **defaults}
    # CFDI 4.0: the generic RFC goes with regime 616 (sin obligaciones fiscales).
    if record.get("tax_id") in GENERIC_RFCS and record.get("tax_system") not in (None, "616"):
        raise bad_request(prefix + "tax_system", "the generic RFC requires tax_system 616")
    return record


def new_client(team: TeamData, body: dict[str, Any], now: int, prefix: str = "") -> Record:
    if not any(body.get(k) for k in ("name", "legal_name", "email", "tax_id")):
        raise bad_request(prefix + "name", "name, legal_name, email or tax_id is required")
    record: Record = {
        "id": new_id("client"),
        "object": "client",
        "livemode": team.team.get("livemode", False),
        "created_at": now,
        "team": team.team["id"],
        "owner": team.team.get("owner", ""),
        "from": "api",
        "metadata": {},
    }
    apply_client_fields(record, body, prefix)
    record.setdefault("name", record.get("legal_name") or record.get("email", ""))
    if "legal_name" not in record and "tax_id" in record:
        record["legal_name"] = record["name"]
    record["is_valid"] = (
        rfc_check_digit_ok(record.get("tax_id", "")) if "tax_id" in record else False
    )
    record["efos"] = {"is_valid": True}
    return record


def client_out(record: Record) -> Record:
    """Client as gigstack answers it: country ``MEX`` and the exterior number merged into
    ``street`` (both documented quirks, REFERENCE.md 3 and section 15 item 11)."""
    out = copy.deepcopy(record)
    address = out.get("address")
    if address:
        street, exterior = address.get("street"), address.get("exterior")
        if street and exterior and not street.endswith(exterior):
            address["street"] = f"{street} {exterior}"
    return out


def client_summary(record: Record) -> Record:
    keys = ("id", "name", "email", "tax_id", "legal_name", "tax_system", "use")
    out = {k: record[k] for k in keys if k in record}
    if record.get("address", {}).get("zip"):
        out["address"] = {"zip": record["address"]["zip"]}
    return out


SEARCH_KEYS = ("tax_id", "email", "name", "legal_name", "id")


def search_clients(team: TeamData, search: dict[str, Any], prefix: str) -> list[Record]:
    on_key = check_in(search.get("on_key"), frozenset(SEARCH_KEYS), prefix + "search.on_key")
    on_value = req_str(search, "on_value", prefix + "search.on_value")
    if on_key == "id":
        found = team.clients.get(on_value)
        return [found] if found else []
    if on_key == "tax_id":
        on_value = on_value.strip().upper()
    return team.clients.lookup(on_key, on_value.strip())


def create_or_find_client(
    team: TeamData, body: dict[str, Any], now: int
) -> tuple[int, str, Record]:
    """POST /clients with optional ``search`` (documented: 201 / 200 / 409)."""
    search = body.get("search")
    if search is not None:
        search = require_object(search, "search")
        matches = search_clients(team, search, "")
        if len(matches) > 1:
            raise conflict(
                f"{len(matches)} clients match {search['on_key']}={search['on_value']!r}; "
                "refine the search",
                "multiple_matches",
            )
        if matches:
            existing = matches[0]
            if opt_bool(search, "update", "search.update"):
                updated = apply_client_fields(copy.deepcopy(existing), body)
                team.clients.replace(updated)
                return 200, "Client updated successfully", updated
            return 200, "Client retrieved successfully", existing
    record = new_client(team, body, now)
    team.clients.add(record)
    return 201, "Client created successfully", record


def resolve_payment_client(
    team: TeamData, body: Any, now: int, field: str = "client"
) -> tuple[Record, Record | None]:
    """The client of a payment/invoice: ``{id}`` or ``{search{..., auto_create}, ...inline}``.

    Returns ``(client, created)``; ``created`` is the record to add when auto-created (the
    caller adds it only once everything else validated, so a 400 stores nothing).
    """
    data = require_object(body, field)
    search = data.get("search")
    if data.get("id"):
        ident = req_str(data, "id", f"{field}.id")
        client = team.clients.get(ident)
        if client is not None:
            return client, None
        if search is None:
            raise not_found("Client", ident)
        # gigstack's register example sends an `id` and a `search` together: an unknown id
        # falls back to the search (and its auto_create) instead of failing the sale.
    if search is None:
        # Inferred: gigstack needs a way to find the client; inline data alone is not enough.
        raise bad_request(f"{field}.id", "client.id or client.search is required")
    search = require_object(search, f"{field}.search")
    matches = search_clients(team, search, f"{field}.")
    if len(matches) > 1:
        raise conflict(
            f"{len(matches)} clients match {search['on_key']}={search['on_value']!r}",
            "multiple_matches",
        )
    if matches:
        return matches[0], None
    if not opt_bool(search, "auto_create", f"{field}.search.auto_create"):
        raise ApiError(
            404,
            f"No client matches {search['on_key']}={search['on_value']!r} and "
            "search.auto_create is false",
            "not_found",
        )
    inline = {k: v for k, v in data.items() if k not in ("search", "id")}
    if search["on_key"] in ("tax_id", "email", "name", "legal_name"):
        inline.setdefault(search["on_key"], search["on_value"])
    created = new_client(team, inline, now, f"{field}.")
    return created, created
