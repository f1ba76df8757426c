"""Teams: fields, settings, series counters, roles."""

from __future__ import annotations

import copy
from typing import Any

from ..store import Record
from ..validation import (
    CFDI_USES,
    ROLES,
    TAX_SYSTEMS,
    bad_request,
    check_address,
    check_email,
    check_in,
    check_product_key,
    check_rfc,
    check_taxes,
    check_unit_key,
    opt_bool,
    opt_int,
    opt_str,
    require_object,
)
from .common import new_id

# --- teams and users -------------------------------------------------------------------------

DEFAULT_SETTINGS: Record = {
    "product_key": "01010101",
    "unit_key": "H87",
    "use": "G03",
    "taxes": [
        {"type": "IVA", "rate": 0.16, "factor": "Tasa", "inclusive": True, "withholding": False}
    ],
    # A string enum, as gigstack's CLI settings schema has it (REFERENCE.md 16.2).
    "periodicity": "month",
    "default_series": {"income": {"serie": "A"}},
    "emails": {"avoid_invoice_emails": False, "invoices_bcc": []},
}


def apply_team_fields(record: Record, body: dict[str, Any]) -> Record:
    if body.get("brand") is not None:
        brand = require_object(body["brand"], "brand")
        merged = {**record.get("brand", {}), **brand}
        if not isinstance(merged.get("alias"), str) or not merged["alias"].strip():
            raise bad_request("brand.alias", "is required")
        record["brand"] = merged
    if body.get("tax_id") is not None:
        record["tax_id"] = check_rfc(body["tax_id"])
    if body.get("tax_system") is not None:
        record["tax_system"] = check_in(body["tax_system"], TAX_SYSTEMS, "tax_system")
    if body.get("legal_name") is not None:
        record["legal_name"] = opt_str(body, "legal_name")
    if body.get("support_email") is not None:
        record["support_email"] = check_email(body["support_email"], "support_email")
    if body.get("support_phone") is not None:
        record["support_phone"] = opt_str(body, "support_phone")
    if body.get("address") is not None:
        record["address"] = {**record.get("address", {}), **check_address(body["address"])}
    return record


def new_team(body: dict[str, Any], now: int, owner: str, livemode: bool) -> Record:
    # REFERENCE §8.2: `brand.alias` and `address.country` are required only *inside* the
    # optional `brand`/`address` objects; gigstack's swagger (n8n) requires `tax_id`.
    if body.get("tax_id") is None:
        raise bad_request("tax_id", "is required")
    if body.get("address") is not None:
        address = require_object(body["address"], "address")
        if not address.get("country"):
            raise bad_request("address.country", "is required")
    record: Record = {
        "id": new_id("team"),
        "object": "team",
        "legal_name": "",
        "settings": copy.deepcopy(DEFAULT_SETTINGS),
        "owner": owner,
        "created_at": now,
        "credit_limit": 1000,
        "used_credits": 0,
        "credit_period_start": now * 1000,
        "sat": {"completed": False},
        "members": [],
        "integrations": {"stripe": {"completed": False}},
        "livemode": livemode,
    }
    apply_team_fields(record, body)
    record["legal_name"] = (
        record["legal_name"] or record.get("brand", {}).get("alias") or record["tax_id"]
    )
    if opt_bool(body, "generate_onboarding_url"):
        record["onboarding_url"] = f"https://app.gigstack.pro/onboarding?team={record['id']}"
    return record


def apply_settings(team: Record, body: dict[str, Any]) -> Record:
    settings = team.setdefault("settings", {})
    checks = {
        "product_key": check_product_key,
        "unit_key": check_unit_key,
    }
    for key, value in body.items():
        if value is None:
            settings.pop(key, None)  # the CLI's settings schema uses null to clear a field
            continue
        if key in checks:
            checks[key](value, key)
        elif key == "use":
            check_in(value, CFDI_USES, "use")
        clean = value
        if key == "periodicity":
            from ..receipts import normalize_periodicity

            clean = normalize_periodicity(value)
        if key in ("taxes", "taxes_usd", "withholding_taxes"):
            clean = check_taxes(value, key)
        elif key in ("emails", "default_series") and isinstance(settings.get(key), dict):
            clean = {**settings[key], **require_object(value, key)}
        settings[key] = clean
    return settings


def check_role(value: Any, field: str = "role") -> str:
    return check_in(value, ROLES, field)


def check_series_counters(body: dict[str, Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in ("live", "test"):
        value = opt_int(body, key)
        if value is not None:
            if value < 0:
                raise bad_request(key, "must be >= 0")
            out[key] = value
    return out
