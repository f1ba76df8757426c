"""Services (products): fields and creation."""

from __future__ import annotations

import copy
from typing import Any

from ..store import Record, TeamData
from ..validation import (
    TAXABILITY,
    bad_request,
    check_in,
    check_metadata,
    check_product_key,
    check_taxes,
    check_unit_key,
    opt_str,
    req_str,
    to_decimal,
)
from .common import new_id

# --- services -------------------------------------------------------------------------------


def apply_service_fields(record: Record, body: dict[str, Any]) -> Record:
    for key in ("description", "sku", "unit_name", "barcode"):
        if body.get(key) is not None:
            record[key] = opt_str(body, key)
    if body.get("product_key") is not None:
        record["product_key"] = check_product_key(body["product_key"], "product_key")
    if body.get("unit_key") is not None:
        record["unit_key"] = check_unit_key(body["unit_key"], "unit_key")
    if body.get("unit_price") is not None:
        record["unit_price"] = float(to_decimal(body["unit_price"], "unit_price"))
    if body.get("quantity") is not None:
        record["quantity"] = float(to_decimal(body["quantity"], "quantity", positive=True))
    if body.get("taxability") is not None:
        record["taxability"] = check_in(body["taxability"], TAXABILITY, "taxability")
    if body.get("taxes") is not None:
        record["taxes"] = check_taxes(body["taxes"], "taxes")
    if body.get("metadata") is not None:
        record["metadata"] = check_metadata(body["metadata"])
    return record


def new_service(team: TeamData, body: dict[str, Any], now: int) -> Record:
    # n8n (generated from gigstack's swagger) marks description and unit_price required.
    req_str(body, "description")
    if body.get("unit_price") is None:
        raise bad_request("unit_price", "is required")
    settings = team.team.get("settings", {})
    record: Record = {
        "id": new_id("service"),
        "object": "service",
        "product_key": settings.get("product_key") or "01010101",
        "unit_key": settings.get("unit_key") or "H87",
        "unit_name": "Pieza",
        "taxes": copy.deepcopy(settings.get("taxes") or []),
        "taxability": "02",
        "metadata": {},
        "team": team.team["id"],
        "livemode": team.team.get("livemode", False),
        "created_at": now,
    }
    return apply_service_fields(record, body)
