"""gigstack's business behaviour, independent of HTTP: clients, services, payments, invoices.

Handlers in ``app.py`` parse the request and call these functions under the store lock; the
demo seed calls the same functions so seeded history looks exactly like API-made data.
Decisions where REFERENCE.md says "inferred" or "not documented" are marked ``Inferred:``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import secrets
import uuid
from decimal import Decimal
from typing import Any

from .store import Record, Store, TeamData
from .totals import LineTotals, document_totals, line_totals, money
from .validation import (
    ALLOWED_PAYMENT_METHODS,
    CFDI_USES,
    GENERIC_RFCS,
    MAX_AMOUNT,
    PAYMENT_FORMS,
    ROLES,
    TAX_SYSTEMS,
    TAXABILITY,
    ApiError,
    bad_request,
    check_address,
    check_currency,
    check_email,
    check_in,
    check_metadata,
    check_product_key,
    check_rfc,
    check_taxes,
    check_unit_key,
    check_zip,
    conflict,
    not_found,
    opt_bool,
    opt_int,
    opt_str,
    req_str,
    require_object,
    rfc_check_digit_ok,
    to_decimal,
    to_quantity,
)

# automation_type aliases (REFERENCE.md 2.15 and section 15 item 2)
AUTOMATION_ALIASES = {
    "pue_invoice": "pue_invoice",
    "payment": "pue_invoice",
    "stamp_invoice": "pue_invoice",
    "ppd_invoice_and_complement": "ppd_invoice_and_complement",
    "payment_and_complement": "ppd_invoice_and_complement",
    "receipt": "receipt",
    "none": "none",
}
# Inferred: a register without automation_type behaves like the CLI's default (pue_invoice),
# so a counter sale ends in an invoice or a receipt, never in nothing (REFERENCE.md 16.1).
DEFAULT_REGISTER_AUTOMATION = "pue_invoice"

_LEGAL_SUFFIX_RE = re.compile(
    r",?\s+(S\.?\s?A\.?\s?P?\.?\s?I?\.?\s?(DE\s+C\.?\s?V\.?)?|S\.?\s?DE\s+R\.?\s?L\.?(\s?DE\s+C\.?\s?V\.?)?"
    r"|A\.?\s?C\.?|S\.?\s?C\.?)\s*$",
    re.IGNORECASE,
)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def fiscal_uuid() -> str:
    return str(uuid.uuid4()).upper()


def fingerprint(body: Any) -> str:
    """Canonical hash of a request body (key order and spacing do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


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


# --- invoices ---------------------------------------------------------------------------------


def next_folio(team: TeamData, series_name: str, folio: int | None, field: str) -> int:
    series = team.series.get(series_name)
    if series is None:
        raise bad_request(field, f"series '{series_name}' does not exist for this team")
    mode = "live" if team.team.get("livemode") else "test"
    if folio is None:
        # Inferred: the series counter holds the last folio used; the next invoice gets +1.
        folio = int(series[mode]) + 1
    else:
        taken = any(
            inv["series"] == series_name and inv["folio_number"] == folio
            for inv in team.invoices.values()
        )
        if taken:
            raise conflict(f"Folio {series_name}-{folio} is already used", "folio_taken")
    series[mode] = max(int(series[mode]), folio)
    return folio


def stamping_checks(client: Record, use: str, field: str = "client") -> None:
    """What the PAC would reject for a CFDI 4.0 receiver."""
    for key in ("tax_id", "legal_name", "tax_system"):
        if not client.get(key):
            raise bad_request(f"{field}.{key}", "is required to stamp a CFDI 4.0 invoice")
    if not client.get("address", {}).get("zip"):
        raise bad_request(f"{field}.address.zip", "is required to stamp a CFDI 4.0 invoice")
    if use == "P01":
        raise bad_request("use", "P01 is not valid in CFDI 4.0; use G03 or S01")
    if client["tax_id"] in GENERIC_RFCS and use != "S01":
        raise bad_request("use", "the generic RFC (público en general) requires use S01")


def receiver_name(client: Record) -> str:
    """CFDI 4.0 wants the legal name without the corporate regime (SA de CV ...) unless the
    client keeps it (gigstack's ``defaults.keep_full_legal_name``)."""
    name = str(client.get("legal_name") or client.get("name") or "").upper()
    if client.get("defaults", {}).get("keep_full_legal_name"):
        return name
    return _LEGAL_SUFFIX_RE.sub("", name).strip()


def make_invoice(
    team: TeamData,
    *,
    client: Record,
    items: list[Record],
    lines: list[LineTotals],
    currency: str,
    exchange_rate: float,
    payment_form: str,
    payment_method: str,
    use: str,
    series: str,
    folio: int | None,
    now: int,
    metadata: dict[str, Any] | None = None,
    payment_id: str | None = None,
    field: str = "invoice_config",
) -> Record:
    """Validate, number and stamp an income invoice (not yet added to the store)."""
    stamping_checks(client, use)
    doc = document_totals(lines)
    folio_number = next_folio(team, series, folio, field)
    team_obj = team.team
    fiscal = fiscal_uuid()
    sello = hashlib.sha256(f"{fiscal}{doc.total}".encode()).hexdigest().upper()
    invoice: Record = {
        "uuid": new_id("invoice"),
        "object": "invoice",
        "client": client_summary(client),
        "status": "valid",
        "invoice_type": "I",
        "currency": currency,
        "exchange_rate": exchange_rate,
        "subtotal": money(doc.subtotal),
        "discount": money(doc.discount),
        "taxes": money(doc.taxes),
        "total": money(doc.total),
        "series": series,
        "folio_number": folio_number,
        "payment_method": payment_method,
        "payment_form": payment_form,
        "use": use,
        "exports": "01",
        "items": items,
        "tax_breakdown": _tax_breakdown(doc.lines),
        "receiver_name": receiver_name(client),
        "issuer": {
            "tax_id": team_obj.get("tax_id", ""),
            "legal_name": team_obj.get("legal_name", ""),
            "tax_system": team_obj.get("tax_system", ""),
            "zip": team_obj.get("address", {}).get("zip", ""),
        },
        "stamp": {
            "uuid": fiscal,
            "stamp_at": now,
            "sello": sello[:64],
            "sat_certificate_number": "30001000000500003416",
        },
        "verification_url": (
            "https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx"
            f"?id={fiscal}&re={team_obj.get('tax_id', '')}&rr={client['tax_id']}"
            f"&tt={money(doc.total):.2f}&fe={sello[-8:]}"
        ),
        "created_at": now,
        "livemode": team_obj.get("livemode", False),
        "owner": team_obj.get("owner", ""),
        "team": team_obj["id"],
        "metadata": metadata or {},
        "payments": [payment_id] if payment_id else [],
    }
    if payment_method == "PPD":
        invoice["last_balance"] = invoice["total"]
        invoice["payment_complements"] = []
    team_obj["used_credits"] = team_obj.get("used_credits", 0) + 1
    return invoice


def _tax_breakdown(lines: list[LineTotals]) -> list[Record]:
    grouped: dict[tuple[str, str, float, bool], dict[str, Decimal]] = {}
    for line in lines:
        for tax in line.tax_lines:
            key = (tax["type"], tax["factor"], tax["rate"], tax["withholding"])
            acc = grouped.setdefault(key, {"base": Decimal(0), "amount": Decimal(0)})
            acc["base"] += tax["base_amount"]
            acc["amount"] += tax["amount"]
    return [
        {
            "type": key[0],
            "factor": key[1],
            "rate": key[2],
            "withholding": key[3],
            "base": money(acc["base"]),
            "amount": money(acc["amount"]),
        }
        for key, acc in grouped.items()
    ]


def add_complement(invoice: Record, amount: float, payment_form: str, now: int) -> None:
    """A PPD invoice paid in full right away gets its payment complement (type P) at once."""
    invoice.setdefault("payment_complements", []).append(
        {
            "uuid": new_id("complement"),
            "stamp": {"uuid": fiscal_uuid(), "stamp_at": now},
            "amount": amount,
            "payment_form": payment_form,
            "date": now,
            "installment": len(invoice.get("payment_complements", [])) + 1,
        }
    )
    invoice["last_balance"] = money(Decimal(str(invoice["last_balance"])) - Decimal(str(amount)))


def invoice_series(team: TeamData, body: dict[str, Any]) -> tuple[str, int | None]:
    config = body.get("invoice_config")
    default = team.team.get("settings", {}).get("default_series", {}).get("income", {}).get(
        "serie"
    ) or next(iter(team.series), "A")
    if config is not None:
        config = require_object(config, "invoice_config")
        series = opt_str(config, "serie", "invoice_config.serie") or default
        folio = opt_int(config, "folio", "invoice_config.folio")
        return series, folio
    return default, None


def effective_use(body: dict[str, Any], client: Record, team: TeamData) -> str:
    # `use` travels inside `client` in gigstack's register example (REFERENCE.md 16.2); a
    # top-level `use` (invoices) is read too.
    raw_client = body.get("client")
    inline: dict[str, Any] = raw_client if isinstance(raw_client, dict) else {}
    use = (
        inline.get("use")
        or body.get("use")
        or client.get("use")
        or team.team.get("settings", {}).get("use")
        or "G03"
    )
    field = "client.use" if inline.get("use") else "use"
    return check_in(use, CFDI_USES, field)


def fiscal_gap(client: Record, use: str) -> str | None:
    """Why no invoice can be stamped for this receiver, or None when its data is complete.

    gigstack answers such a sale with a receipt instead of an invoice (REFERENCE.md 16.1):
    no RFC or the generic RFC (público en general, walk-in), no legal name, no regime, no
    zip, or the CFDI 3.3 use P01.
    """
    tax_id = client.get("tax_id")
    if not tax_id:
        return "the client has no RFC (tax_id)"
    if tax_id in GENERIC_RFCS:
        return "the client is público en general (generic RFC)"
    for key, label in (("legal_name", "legal name"), ("tax_system", "tax regime")):
        if not client.get(key):
            return f"the client has no {label} ({key})"
    if not client.get("address", {}).get("zip"):
        return "the client has no fiscal zip (address.zip)"
    if use == "P01":
        return "use P01 is not valid in CFDI 4.0"
    return None


# --- payments --------------------------------------------------------------------------------


def _payment_record(
    team: TeamData,
    body: dict[str, Any],
    *,
    client: Record,
    items: list[Record],
    lines: list[LineTotals],
    currency: str,
    rate: float,
    automation: str,
    now: int,
) -> Record:
    doc = document_totals(lines)
    return {
        "id": new_id("payment"),
        "object": "payment",
        "client": client_summary(client),
        "currency": currency,
        "exchange_rate": rate,
        "subtotal": money(doc.subtotal),
        "discount": money(doc.discount),
        "taxes": money(doc.taxes),
        "total": money(doc.total),
        "items": items,
        "invoices": [],
        "automation_type": automation,
        "metadata": check_metadata(body["metadata"]) if body.get("metadata") is not None else {},
        "created_at": now,
        "livemode": team.team.get("livemode", False),
        "team": team.team["id"],
        "owner": team.team.get("owner", ""),
        "refunded_amount": 0.0,
    }


def run_automation(
    team: TeamData,
    payment: Record,
    *,
    client: Record,
    lines: list[LineTotals],
    body: dict[str, Any],
    now: int,
    dry_run: bool = False,
) -> Record | None:
    """Create what the automation asks for (``dry_run`` only validates): an invoice when
    the client's fiscal data is complete, else a receipt (also for ``automation_type:
    receipt``). Returns the invoice or receipt record."""
    from . import receipts  # receipts builds on this module

    automation = payment["automation_type"]
    if automation == "none":
        return None
    use = effective_use(body, client, team)
    series, folio = invoice_series(team, body)
    ppd = automation == "ppd_invoice_and_complement"
    gap = None if automation == "receipt" else fiscal_gap(client, use)
    if automation == "receipt" or gap is not None:
        if dry_run:
            if series not in team.series:
                raise bad_request("invoice_config.serie", f"series '{series}' does not exist")
            return None
        config = body.get("invoice_config")
        receipt = receipts.new_receipt(
            team,
            client=client,
            items=payment["items"],
            currency=payment["currency"],
            exchange_rate=payment["exchange_rate"],
            payment_form=payment.get("payment_form") or receipts.default_payment_form(team),
            periodicity=receipts.team_periodicity(team),
            now=now,
            metadata=payment.get("metadata"),
            invoice_config=config if isinstance(config, dict) else None,
            payment_id=payment["id"],
            reason=gap,
        )
        team.receipts.add(receipt)
        payment["receipt_id"] = receipt["id"]
        return receipt
    if dry_run:
        if series not in team.series:
            raise bad_request("invoice_config.serie", f"series '{series}' does not exist")
        if folio is not None and any(
            inv["series"] == series and inv["folio_number"] == folio
            for inv in team.invoices.values()
        ):
            raise conflict(f"Folio {series}-{folio} is already used", "folio_taken")
        if payment.get("payment_form") == "99" and not ppd:
            raise bad_request("payment_form", "99 (por definir) is not valid for a PUE invoice")
        return None
    invoice = make_invoice(
        team,
        client=client,
        items=copy.deepcopy(payment["items"]),
        lines=lines,
        currency=payment["currency"],
        exchange_rate=payment["exchange_rate"],
        payment_form="99" if ppd else payment["payment_form"],
        payment_method="PPD" if ppd else "PUE",
        use=use,
        series=series,
        folio=folio,
        now=now,
        metadata=payment.get("metadata"),
        payment_id=payment["id"],
    )
    if ppd:
        add_complement(invoice, payment["total"], payment["payment_form"], now)
    team.invoices.add(invoice)
    payment["invoices"].append(invoice["uuid"])
    payment["invoice_id"] = invoice["uuid"]
    return invoice


def register_payment(team: TeamData, body: dict[str, Any], now: int) -> Record:
    """POST /payments/register: money already received; atomic (a 400 stores nothing).

    Accepts every field gigstack's clients send (REFERENCE.md 6.5, 16.2): ``paid`` (a register
    is paid by definition), ``send_email``/``emails``/``ignore_emails``, ``invoice_config``,
    ``metadata``, ``exchange_rate``, ``idempotency_key``, ``ppd_invoice_id``.
    """
    from . import receipts

    if body.get("client") is None:
        raise bad_request("client", "is required")
    opt_bool(body, "paid")
    opt_bool(body, "send_email")
    if body.get("payment_form") is None:
        payment_form = receipts.default_payment_form(team)
    else:
        payment_form = check_in(body.get("payment_form"), PAYMENT_FORMS, "payment_form")
    currency, rate, automation = check_payment_basics(body, DEFAULT_REGISTER_AUTOMATION)
    client, created = resolve_payment_client(team, body["client"], now)
    items, lines = build_items(team, body.get("items"))
    payment = _payment_record(
        team,
        body,
        client=client,
        items=items,
        lines=lines,
        currency=currency,
        rate=rate,
        automation=automation,
        now=now,
    )
    payment.update(
        {
            "status": "succeeded",
            "payment_form": payment_form,
            "payment_processor": "api",
            "succeeded_at": now,
        }
    )
    run_automation(team, payment, client=client, lines=lines, body=body, now=now, dry_run=True)
    if created is not None:
        team.clients.add(created)
    run_automation(team, payment, client=client, lines=lines, body=body, now=now)
    team.payments.add(payment)
    return payment


def request_payment(team: TeamData, body: dict[str, Any], now: int, pay_base: str) -> Record:
    """POST /payments/request: a pending payment with a payment link."""
    if body.get("client") is None:
        raise bad_request("client", "is required")
    currency, rate, automation = check_payment_basics(body)
    methods = body.get("allowed_payment_methods", ["card", "bank"])
    if isinstance(methods, str):
        # The CLI's flag is "card,bank"; accept the comma-separated text as well as the list.
        methods = [m.strip() for m in methods.split(",") if m.strip()]
    if not isinstance(methods, list) or not methods:
        raise bad_request("allowed_payment_methods", "must be a non-empty array")
    for i, method in enumerate(methods):
        check_in(method, ALLOWED_PAYMENT_METHODS, f"allowed_payment_methods[{i}]")
    client, created = resolve_payment_client(team, body["client"], now)
    items, lines = build_items(team, body.get("items"))
    payment = _payment_record(
        team,
        body,
        client=client,
        items=items,
        lines=lines,
        currency=currency,
        rate=rate,
        automation=automation,
        now=now,
    )
    code = secrets.token_urlsafe(6)
    payment.update(
        {
            "status": "requires_payment_method",
            "payment_form": None,
            "payment_processor": None,
            "allowed_payment_methods": methods,
            "short_url": f"{pay_base}/pay/{code}",
            "automation_body": {
                k: body[k] for k in ("use", "invoice_config", "client") if k in body
            },
        }
    )
    if body.get("send_email") is not None:
        payment["send_email"] = bool(body["send_email"])
    if created is not None:
        team.clients.add(created)
    team.payments.add(payment)
    return payment


def payment_out(payment: Record) -> Record:
    out = copy.deepcopy(payment)
    out.pop("automation_body", None)
    if out.get("payment_form") is None:
        out.pop("payment_form", None)
    if out.get("payment_processor") is None:
        out.pop("payment_processor", None)
    return out


def mark_paid(team: TeamData, payment: Record, body: dict[str, Any], now: int) -> Record:
    payment_form = check_in(body.get("payment_form"), PAYMENT_FORMS, "payment_form")
    date = opt_int(body, "date", "date")
    if date is not None and date < 0:
        raise bad_request("date", "must be epoch seconds")
    if payment["status"] != "requires_payment_method":
        raise conflict(f"Payment {payment['id']} is {payment['status']}, not pending")
    updated = copy.deepcopy(payment)
    updated.update(
        {
            "status": "succeeded",
            "payment_form": payment_form,
            "payment_processor": "api",
            "succeeded_at": date if date is not None else now,
        }
    )
    if updated["automation_type"] != "none":
        client = team.clients.get(updated["client"]["id"]) or updated["client"]
        lines = lines_of(updated["items"])
        extra = updated.get("automation_body", {})
        run_automation(team, updated, client=client, lines=lines, body=extra, now=now, dry_run=True)
        run_automation(team, updated, client=client, lines=lines, body=extra, now=now)
    team.payments.replace(updated)
    return updated


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


def refund(team: TeamData, payment: Record, body: dict[str, Any], now: int) -> Record:
    total = Decimal(str(payment["total"]))
    already = Decimal(str(payment.get("refunded_amount", 0)))
    if body.get("amount") is None:
        amount = total - already  # the older CLI sends no body: refund everything left
    else:
        amount = to_decimal(body["amount"], "amount", positive=True)
    reason = opt_str(body, "reason")
    external = opt_bool(body, "external_processor_refund") or False
    if payment["status"] not in ("succeeded", "partially_refunded"):
        raise conflict(f"Payment {payment['id']} is {payment['status']} and cannot be refunded")
    if amount > total - already:
        raise bad_request(
            "amount", f"{amount} exceeds the refundable amount {money(total - already):.2f}"
        )
    updated = copy.deepcopy(payment)
    refunded = already + amount
    updated["refunded_amount"] = money(refunded)
    updated["status"] = "refunded" if refunded == total else "partially_refunded"
    updated.setdefault("refunds", []).append(
        {
            "id": new_id("refund"),
            "amount": money(amount),
            "reason": reason,
            "external_processor_refund": external,
            "created_at": now,
        }
    )
    team.payments.replace(updated)
    return updated


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
            from .receipts import normalize_periodicity

            clean = normalize_periodicity(value)
        if key in ("taxes", "taxes_usd", "withholding_taxes"):
            clean = check_taxes(value, key)
        elif key in ("emails", "default_series") and isinstance(settings.get(key), dict):
            clean = {**settings[key], **require_object(value, key)}
        settings[key] = clean
    return settings


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
