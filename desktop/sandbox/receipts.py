"""Receipts: gigstack's self-invoice notes, their periods and the global invoice.

A receipt is a non-fiscal sales note whose ``url`` opens the self-invoice portal; the customer
can turn it into a CFDI until ``validUntil`` (the end of the team's period). Receipts nobody
invoiced go, at the end of the period, into one global invoice to público en general
(XAXX010101000). REFERENCE.md sections 7 and 16.1.

Statuses used here (the CLI's list): ``pending`` (new), ``open`` (the customer opened the
self-invoice page), ``invoiced`` (stamped on its own),
``expired`` (its period ended, not yet in a global invoice), ``completed`` (in a global
invoice) and ``cancelled``. ``expired`` is written lazily: any receipt request first moves
pending receipts whose ``validUntil`` passed.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from . import domain
from .store import Record, TeamData
from .totals import document_totals, money
from .validation import (
    CFDI_USES,
    GENERIC_RFCS,
    PAYMENT_FORMS,
    PERIODICITIES,
    TAX_SYSTEMS,
    ApiError,
    bad_request,
    check_in,
    check_metadata,
    check_rfc,
    check_zip,
    conflict,
    opt_int,
    opt_str,
    require_object,
)

# Periods are calendar periods in Mexico City time. Inferred: fixed UTC-6 (Mexico dropped
# daylight saving time in 2022), so the sandbox needs no tz database on Windows.
PERIOD_TZ = dt.timezone(dt.timedelta(hours=-6), "CST")
DEFAULT_PERIODICITY = "month"
STAMP_TARGETS = frozenset({"client", "general_public_national", "general_public_foreign"})
OPEN_STATUSES = frozenset({"pending", "open"})
# SAT c_Periodicidad of InformacionGlobal
SAT_PERIODICITY = {"day": "01", "week": "02", "two_weeks": "03", "month": "04", "two_months": "05"}


# --- periods -------------------------------------------------------------------------------


def normalize_periodicity(value: Any, field: str = "periodicity") -> str:
    """A periodicity as the string enum gigstack's CLI schema uses (REFERENCE.md 16.2).

    The legacy ``{"label": "Mes", "value": "month"}`` object is read too.
    """
    if isinstance(value, dict):
        value = value.get("value")
    return check_in(value, PERIODICITIES, field)


def team_periodicity(team: TeamData) -> str:
    raw = team.team.get("settings", {}).get("periodicity")
    if raw is None:
        return DEFAULT_PERIODICITY
    try:
        return normalize_periodicity(raw)
    except ApiError:  # an odd stored value never breaks a sale: fall back to monthly
        return DEFAULT_PERIODICITY


def _add_months(day: dt.datetime, months: int) -> dt.datetime:
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1, day=1)


def period_bounds(periodicity: str, at: int) -> tuple[int, int]:
    """``(start, end)`` epoch seconds of the period holding ``at``; ``end`` is exclusive."""
    local = dt.datetime.fromtimestamp(at, PERIOD_TZ)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if periodicity == "day":
        start, end = day, day + dt.timedelta(days=1)
    elif periodicity == "week":  # Monday to Sunday
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=7)
    elif periodicity == "two_weeks":  # quincenas: 1-15 and 16-end of month
        if day.day <= 15:
            start, end = day.replace(day=1), day.replace(day=16)
        else:
            start, end = day.replace(day=16), _add_months(day, 1)
    elif periodicity == "two_months":  # Jan-Feb, Mar-Apr, ...
        start = day.replace(month=day.month - (day.month - 1) % 2, day=1)
        end = _add_months(start, 2)
    else:
        start = day.replace(day=1)
        end = _add_months(start, 1)
    return int(start.timestamp()), int(end.timestamp())


def valid_until(periodicity: str, created: int) -> int:
    """The last second of the period the receipt was created in."""
    return period_bounds(periodicity, created)[1] - 1


def global_information(periodicity: str, period_end: int) -> Record:
    """CFDI 4.0 ``InformacionGlobal`` for the period ending at ``period_end`` (exclusive)."""
    last = dt.datetime.fromtimestamp(period_end - 1, PERIOD_TZ)
    if periodicity == "two_months":
        months = f"{13 + (last.month - 1) // 2:02d}"
    else:
        months = f"{last.month:02d}"
    return {"periodicity": SAT_PERIODICITY[periodicity], "months": months, "year": last.year}


# --- records -------------------------------------------------------------------------------


def new_receipt(
    team: TeamData,
    *,
    client: Record,
    items: list[Record],
    currency: str,
    exchange_rate: float,
    payment_form: str,
    periodicity: str,
    now: int,
    metadata: Record | None = None,
    invoice_config: Record | None = None,
    payment_id: str | None = None,
    reason: str | None = None,
) -> Record:
    doc = document_totals(domain.lines_of(items))
    record: Record = {
        "id": domain.new_id("receipt"),
        "object": "receipt",
        "status": "pending",
        "client": domain.client_summary(client),
        "items": copy.deepcopy(items),
        "currency": currency,
        "exchange_rate": exchange_rate,
        "subtotal": money(doc.subtotal),
        "discount": money(doc.discount),
        "taxes": money(doc.taxes),
        "total": money(doc.total),
        "payment_form": payment_form,
        "periodicity": periodicity,
        "created": now,
        "validUntil": valid_until(periodicity, now),
        "metadata": copy.deepcopy(metadata) if metadata else {},
        "invoices": [],
        "payments": [payment_id] if payment_id else [],
        "livemode": team.team.get("livemode", False),
        "team": team.team["id"],
    }
    if payment_id:
        record["payment_id"] = payment_id
    if invoice_config:
        record["invoice_config"] = copy.deepcopy(invoice_config)
    if reason:
        # Why the sale got a receipt instead of an invoice (e.g. "client.tax_id is missing").
        record["receipt_reason"] = reason
    return record


def receipt_out(record: Record, host_url: str) -> Record:
    """The receipt as answered. ``url`` is built per request: the sandbox's own self-invoice
    page, so a QR scanned in the demo opens something (gigstack's is
    ``https://invoicing.gigstack.pro/autofactura?id=<receipt id>``)."""
    out = copy.deepcopy(record)
    out["url"] = f"{host_url}/autofactura/{record['id']}"
    return out


def expire_due(team: TeamData, now: int) -> int:
    """Move pending receipts whose ``validUntil`` passed to ``expired``; returns how many."""
    due = [
        r for r in team.receipts.values() if r["status"] in OPEN_STATUSES and r["validUntil"] < now
    ]
    for receipt in due:
        updated = copy.deepcopy(receipt)
        updated["status"] = "expired"
        team.receipts.replace(updated)
    return len(due)


def mark_open(team: TeamData, receipt: Record) -> Record:
    """``pending`` -> ``open``: the customer opened the self-invoice page (the sandbox's reading
    of the CLI's ``open``; it stays stampable and goes into the global invoice like pending)."""
    updated = copy.deepcopy(receipt)
    updated["status"] = "open"
    team.receipts.replace(updated)
    return updated


def default_payment_form(team: TeamData) -> str:
    """Inferred: a receipt or register without ``payment_form`` records the team's default
    (``settings.payment_form``) or 01 (efectivo), the counter's usual form."""
    form = team.team.get("settings", {}).get("payment_form")
    return form if isinstance(form, str) and form in PAYMENT_FORMS else "01"


def create_receipt(team: TeamData, body: dict[str, Any], now: int) -> Record:
    """POST /receipts (n8n's fields: client, items, currency, exchange_rate, periodicity,
    payment_form, invoice_config, metadata, idempotency_key)."""
    if body.get("client") is None:
        raise bad_request("client", "is required")
    currency, rate, _ = domain.check_payment_basics(body)
    if body.get("payment_form") is not None:
        payment_form = check_in(body["payment_form"], PAYMENT_FORMS, "payment_form")
    else:
        payment_form = default_payment_form(team)
    if body.get("periodicity") is not None:
        periodicity = normalize_periodicity(body["periodicity"])
    else:
        periodicity = team_periodicity(team)
    config = None
    if body.get("invoice_config") is not None:
        domain.invoice_series(team, body)  # validates the object
        config = require_object(body["invoice_config"], "invoice_config")
    client, created = domain.resolve_payment_client(team, body["client"], now)
    items, _ = domain.build_items(team, body.get("items"))
    metadata = check_metadata(body["metadata"]) if body.get("metadata") is not None else None
    receipt = new_receipt(
        team,
        client=client,
        items=items,
        currency=currency,
        exchange_rate=rate,
        payment_form=payment_form,
        periodicity=periodicity,
        now=now,
        metadata=metadata,
        invoice_config=config,
    )
    if created is not None:
        team.clients.add(created)
    team.receipts.add(receipt)
    return receipt


def cancel_receipt(team: TeamData, receipt: Record, now: int) -> Record:
    status = receipt["status"]
    if status in ("cancelled", "canceled"):
        raise conflict(f"Receipt {receipt['id']} is already cancelled", "already_cancelled")
    if status not in OPEN_STATUSES and status != "expired":
        raise conflict(
            f"Receipt {receipt['id']} is {status}: only a pending or expired receipt can be "
            "cancelled (cancel its invoice instead)",
            "receipt_not_cancellable",
        )
    updated = copy.deepcopy(receipt)
    updated["status"] = "cancelled"
    updated["cancelled_at"] = now
    team.receipts.replace(updated)
    return updated


# --- stamping ------------------------------------------------------------------------------


def general_public(team: TeamData, foreign: bool = False) -> Record:
    """The CFDI 4.0 receiver for público en general: generic RFC, regime 616, the issuer's
    zip (Anexo 20: DomicilioFiscalReceptor = LugarExpedicion for the generic RFC)."""
    zip_code = team.team.get("address", {}).get("zip") or "00000"
    return {
        "name": "Público en general",
        "legal_name": "PUBLICO EN GENERAL",
        "tax_id": "XEXX010101000" if foreign else "XAXX010101000",
        "tax_system": "616",
        "use": "S01",
        "address": {"zip": zip_code},
    }


def _receiver(team: TeamData, receipt: Record, body: dict[str, Any]) -> tuple[Record, str, str]:
    stamp_to = check_in(body.get("stamp_to", "client"), STAMP_TARGETS, "stamp_to")
    if stamp_to != "client":
        receiver = general_public(team, foreign=stamp_to == "general_public_foreign")
        receiver["id"] = receipt.get("client", {}).get("id", "")
        return receiver, "S01", stamp_to
    stored = team.clients.get(receipt.get("client", {}).get("id", ""))
    receiver = copy.deepcopy(stored) if stored is not None else copy.deepcopy(receipt["client"])
    info = body.get("fiscal_information")
    use_raw = body.get("use")
    if info is not None:
        info = require_object(info, "fiscal_information")
        if info.get("tax_id") is not None:
            receiver["tax_id"] = check_rfc(info["tax_id"], "fiscal_information.tax_id")
        if info.get("legal_name") is not None:
            receiver["legal_name"] = opt_str(info, "legal_name", "fiscal_information.legal_name")
        if info.get("tax_system") is not None:
            receiver["tax_system"] = check_in(
                info["tax_system"], TAX_SYSTEMS, "fiscal_information.tax_system"
            )
        if info.get("zip") is not None:
            receiver.setdefault("address", {})
            receiver["address"] = {
                **receiver["address"],
                "zip": check_zip(info["zip"], "fiscal_information.zip"),
            }
        use_raw = info.get("use", use_raw)
    if receiver.get("tax_id") in GENERIC_RFCS:
        raise bad_request(
            "stamp_to",
            "the receipt's client has no RFC of its own: send fiscal_information or stamp to "
            "general_public_national",
        )
    for key in ("tax_id", "legal_name", "tax_system"):
        if not receiver.get(key):
            raise bad_request(f"fiscal_information.{key}", "is required to stamp to the client")
    if not receiver.get("address", {}).get("zip"):
        raise bad_request("fiscal_information.zip", "is required to stamp to the client")
    use = use_raw or receiver.get("use") or team.team.get("settings", {}).get("use") or "G03"
    if use == "P01":
        raise bad_request("use", "P01 is not valid in CFDI 4.0; use G03 or S01")
    return receiver, check_in(use, CFDI_USES, "use"), stamp_to


def stamp_receipt(
    team: TeamData, receipt: Record, body: dict[str, Any], now: int
) -> tuple[Record, Record]:
    """POST /receipts/{id}/stamp: one receipt becomes a stamped income invoice (PUE)."""
    expire_due(team, now)
    receipt = team.receipts.get(receipt["id"]) or receipt
    # n8n sends `date` (milliseconds, REFERENCE.md 2.9): validated, the stamp is "now".
    opt_int(body, "date", "date")
    status = receipt["status"]
    if status == "invoiced":
        raise conflict(f"Receipt {receipt['id']} is already invoiced", "already_invoiced")
    if status == "expired":
        raise conflict(
            f"Receipt {receipt['id']} expired on its validUntil; it goes into the global invoice",
            "receipt_expired",
        )
    if status not in OPEN_STATUSES:
        raise conflict(f"Receipt {receipt['id']} is {status} and cannot be stamped")
    receiver, use, stamp_to = _receiver(team, receipt, body)
    items = copy.deepcopy(receipt["items"])
    config = receipt.get("invoice_config") or {}
    series, folio = domain.invoice_series(team, {"invoice_config": config} if config else {})
    payment_form = receipt.get("payment_form") or default_payment_form(team)
    if payment_form == "99":
        payment_form = "01"
    invoice = domain.make_invoice(
        team,
        client=receiver,
        items=items,
        lines=domain.lines_of(items),
        currency=receipt["currency"],
        exchange_rate=receipt.get("exchange_rate", 1),
        payment_form=payment_form,
        payment_method="PUE",
        use=use,
        series=series,
        folio=folio,
        now=now,
        metadata={**receipt.get("metadata", {}), "receipt_id": receipt["id"]},
        payment_id=receipt.get("payment_id"),
    )
    invoice["receipts"] = [receipt["id"]]
    if stamp_to != "client":
        period_end = period_bounds(receipt.get("periodicity", DEFAULT_PERIODICITY), now)[1]
        invoice["global_information"] = global_information(
            receipt.get("periodicity", DEFAULT_PERIODICITY), period_end
        )
    team.invoices.add(invoice)
    updated = copy.deepcopy(receipt)
    updated.update(
        {
            "status": "invoiced",
            "invoice_id": invoice["uuid"],
            "invoices": [*receipt.get("invoices", []), invoice["uuid"]],
            "stamped_at": now,
            "stamp_to": stamp_to,
        }
    )
    team.receipts.replace(updated)
    _link_payment(team, receipt.get("payment_id"), invoice["uuid"])
    return updated, invoice


def _link_payment(team: TeamData, payment_id: str | None, invoice_id: str) -> None:
    payment = team.payments.get(payment_id) if payment_id else None
    if payment is None:
        return
    updated = copy.deepcopy(payment)
    updated["invoices"] = [*payment.get("invoices", []), invoice_id]
    updated["invoice_id"] = invoice_id
    team.payments.replace(updated)


def stamp_pending_for_client(team: TeamData, client_id: str, now: int) -> Record:
    """POST /clients/{id}/stamp-pending-receipts: stamp every pending receipt of the client
    with the client's stored fiscal data. A receipt that cannot be stamped (incomplete data)
    is reported ``failed`` with the reason and stays pending (``remaining``)."""
    expire_due(team, now)
    pending = [
        r
        for r in team.receipts.values()
        if r["status"] in OPEN_STATUSES and r.get("client", {}).get("id") == client_id
    ]
    results: list[Record] = []
    stamped = failed = 0
    for receipt in pending:
        try:
            updated, invoice = stamp_receipt(team, receipt, {"stamp_to": "client"}, now)
        except ApiError as exc:  # reported per receipt, never fails the batch
            failed += 1
            results.append(
                {
                    "id": receipt["id"],
                    "status": "failed",
                    "error": exc.message,
                }
            )
            continue
        stamped += 1
        results.append({"id": updated["id"], "status": "invoiced", "invoice_id": invoice["uuid"]})
    return {"stamped": stamped, "failed": failed, "remaining": failed, "results": results}


# --- the end of a period -------------------------------------------------------------------


def close_period(team: TeamData, now: int, until: int | None = None) -> Record:
    """gigstack's end-of-period run: every pending or expired receipt whose ``validUntil`` is
    before ``until`` (default: the end of the team's current period, i.e. "close this period
    now") goes into one global invoice per currency to XAXX010101000; those receipts become
    ``completed`` with ``global_invoice_id``.

    Global invoice concepts keep each receipt's lines (so totals add up to the cent), marked
    with the receipt id in ``sku`` (NoIdentificacion) and the SAT's global-invoice keys
    (01010101 / ACT, "Venta"). The payment form is the one carrying the most money.
    """
    periodicity = team_periodicity(team)
    at = period_bounds(periodicity, now)[1] if until is None else until
    expire_due(team, now)
    due = [
        r
        for r in team.receipts.values()
        if (r["status"] in OPEN_STATUSES or r["status"] == "expired") and r["validUntil"] < at
    ]
    by_currency: dict[str, list[Record]] = {}
    for receipt in due:
        by_currency.setdefault(receipt["currency"], []).append(receipt)
    invoices: list[str] = []
    public = general_public(team)
    public["id"] = ""
    for currency, receipts in sorted(by_currency.items()):
        items: list[Record] = []
        weight: dict[str, Decimal] = {}
        for receipt in receipts:
            for item in receipt["items"]:
                line = copy.deepcopy(item)
                line.update(
                    {
                        "description": "Venta",
                        "product_key": "01010101",
                        "unit_key": "ACT",
                        "unit_name": "Actividad",
                        "sku": receipt["id"],
                        "receipt_id": receipt["id"],
                    }
                )
                items.append(line)
            form = receipt.get("payment_form") or "01"
            weight[form] = weight.get(form, Decimal(0)) + Decimal(str(receipt["total"]))
        payment_form = max(sorted(weight), key=lambda f: weight[f])
        if payment_form == "99":
            payment_form = "01"
        series, _ = domain.invoice_series(team, {})
        ids = [r["id"] for r in receipts]
        invoice = domain.make_invoice(
            team,
            client=public,
            items=items,
            lines=domain.lines_of(items),
            currency=currency,
            exchange_rate=receipts[0].get("exchange_rate", 1),
            payment_form=payment_form,
            payment_method="PUE",
            use="S01",
            series=series,
            folio=None,
            now=now,
            metadata={"global_invoice": True},
        )
        invoice["client"].pop("id", None)
        invoice["global_information"] = global_information(periodicity, at)
        invoice["receipts"] = ids
        invoice["payments"] = [r["payment_id"] for r in receipts if r.get("payment_id")]
        team.invoices.add(invoice)
        invoices.append(invoice["uuid"])
        for receipt in receipts:
            updated = copy.deepcopy(receipt)
            updated.update(
                {
                    "status": "completed",
                    "global_invoice_id": invoice["uuid"],
                    "invoices": [*receipt.get("invoices", []), invoice["uuid"]],
                    "completed_at": now,
                }
            )
            team.receipts.replace(updated)
    return {
        "receipts": [r["id"] for r in due],
        "invoices": invoices,
        "until": at,
        "periodicity": periodicity,
    }
