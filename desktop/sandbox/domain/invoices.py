"""Income invoices: numbering, CFDI 4.0 receiver checks, stamping, complements."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Any

from ..store import Record, TeamData
from ..totals import LineTotals, document_totals, money
from ..validation import (
    CFDI_USES,
    GENERIC_RFCS,
    bad_request,
    check_in,
    conflict,
    opt_int,
    opt_str,
    require_object,
)
from .clients import client_summary
from .common import fiscal_uuid, new_id

_LEGAL_SUFFIX_RE = re.compile(
    r",?\s+(S\.?\s?A\.?\s?P?\.?\s?I?\.?\s?(DE\s+C\.?\s?V\.?)?|S\.?\s?DE\s+R\.?\s?L\.?(\s?DE\s+C\.?\s?V\.?)?"
    r"|A\.?\s?C\.?|S\.?\s?C\.?)\s*$",
    re.IGNORECASE,
)


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
