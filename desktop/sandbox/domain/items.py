"""Line items of payments, receipts and invoices, their totals, and payment basics."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from ..store import Record, TeamData
from ..totals import LineTotals, line_totals, money
from ..validation import (
    MAX_AMOUNT,
    TAX_SYSTEMS,
    TAXABILITY,
    bad_request,
    check_currency,
    check_in,
    check_product_key,
    check_rfc,
    check_taxes,
    check_unit_key,
    check_zip,
    not_found,
    req_str,
    require_object,
    to_decimal,
    to_quantity,
)
from .common import AUTOMATION_ALIASES, new_id

# --- items and totals ------------------------------------------------------------------------


def build_items(
    team: TeamData, raw_items: Any, field: str = "items"
) -> tuple[list[Record], list[LineTotals]]:
    if not isinstance(raw_items, list) or not raw_items:
        raise bad_request(field, "must be a non-empty array")
    settings = team.team.get("settings", {})
    items: list[Record] = []
    lines: list[LineTotals] = []
    for i, raw in enumerate(raw_items):
        prefix = f"{field}[{i}]"
        data = require_object(raw, prefix)
        service = None
        if data.get("id"):
            ident = req_str(data, "id", f"{prefix}.id")
            service = team.services.get(ident)
            if service is None:
                raise not_found("Service", ident)
        base: Record = copy.deepcopy(service) if service else {}
        quantity = to_quantity(data.get("quantity", base.get("quantity", 1)), f"{prefix}.quantity")
        if data.get("unit_price") is not None:
            unit_price = to_decimal(data["unit_price"], f"{prefix}.unit_price")
        elif service is not None:
            unit_price = Decimal(str(service.get("unit_price", 0)))
        else:
            raise bad_request(f"{prefix}.unit_price", "is required for an inline item")
        description = data.get("description") or base.get("description")
        if not isinstance(description, str) or not description.strip():
            raise bad_request(f"{prefix}.description", "is required for an inline item")
        discount = to_decimal(data.get("discount", 0), f"{prefix}.discount")
        if discount > quantity * unit_price:
            raise bad_request(f"{prefix}.discount", "cannot exceed quantity * unit_price")
        if data.get("taxes") is not None:
            taxes = check_taxes(data["taxes"], f"{prefix}.taxes")
        elif service is not None:
            taxes = copy.deepcopy(service.get("taxes", []))
        else:
            taxes = copy.deepcopy(settings.get("taxes") or [])
        product_key = check_product_key(
            data.get("product_key")
            or base.get("product_key")
            or settings.get("product_key")
            or "01010101",
            f"{prefix}.product_key",
        )
        unit_key = check_unit_key(
            data.get("unit_key") or base.get("unit_key") or settings.get("unit_key") or "H87",
            f"{prefix}.unit_key",
        )
        taxability = data.get("taxability") or base.get("taxability") or ("02" if taxes else "01")
        check_in(taxability, TAXABILITY, f"{prefix}.taxability")
        line = line_totals(quantity, unit_price, discount, taxes)
        if abs(line.total) >= MAX_AMOUNT or line.subtotal >= MAX_AMOUNT:
            raise bad_request(prefix, f"line amount must be less than {MAX_AMOUNT:,}")
        item: Record = {
            "id": service["id"] if service else new_id("item"),
            "description": description,
            "quantity": float(quantity),
            "unit_price": float(unit_price),
            "discount": float(discount),
            "product_key": product_key,
            "unit_key": unit_key,
            "unit_name": data.get("unit_name") or base.get("unit_name") or "Pieza",
            "taxability": taxability,
            "taxes": taxes,
            "subtotal": money(line.subtotal),
            "total": money(line.total),
        }
        for extra in ("sku", "barcode"):
            if data.get(extra) or base.get(extra):
                item[extra] = data.get(extra) or base.get(extra)
        if data.get("third_party") is not None:
            item["third_party"] = check_third_party(data["third_party"], f"{prefix}.third_party")
        items.append(item)
        lines.append(line)
    return items, lines


def check_third_party(value: Any, field: str) -> Record:
    """CFDI ``ACuentaTerceros`` (an item sold on behalf of someone else; REFERENCE.md 2.13)."""
    data = require_object(value, field)
    out: Record = {
        "tax_id": check_rfc(data.get("tax_id"), f"{field}.tax_id"),
        "legal_name": req_str(data, "legal_name", f"{field}.legal_name"),
        "tax_system": check_in(data.get("tax_system"), TAX_SYSTEMS, f"{field}.tax_system"),
        "zip": check_zip(data.get("zip"), f"{field}.zip"),
    }
    return out


def check_payment_basics(
    body: dict[str, Any], default_automation: str = "none"
) -> tuple[str, float, str]:
    currency = check_currency(body.get("currency", "MXN"))
    if body.get("exchange_rate") is not None:
        rate = to_decimal(body["exchange_rate"], "exchange_rate", positive=True)
    elif currency == "MXN":
        rate = Decimal(1)
    else:
        raise bad_request("exchange_rate", f"is required when currency is {currency}")
    raw_auto = body.get("automation_type", default_automation)
    if raw_auto not in AUTOMATION_ALIASES:
        raise bad_request(
            "automation_type", f"'{raw_auto}' is not one of {', '.join(AUTOMATION_ALIASES)}"
        )
    return currency, float(rate), AUTOMATION_ALIASES[raw_auto]


def lines_of(items: list[Record]) -> list[LineTotals]:
    return [
        line_totals(
            Decimal(str(i["quantity"])),
            Decimal(str(i["unit_price"])),
            Decimal(str(i.get("discount", 0))),
            i.get("taxes", []),
        )
        for i in items
    ]
