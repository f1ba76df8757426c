"""Payments: register (invoice or receipt), request, mark paid, refund."""

from __future__ import annotations

import copy
import secrets
from decimal import Decimal
from typing import Any

from ..store import Record, TeamData
from ..totals import LineTotals, document_totals, money
from ..validation import (
    ALLOWED_PAYMENT_METHODS,
    PAYMENT_FORMS,
    bad_request,
    check_in,
    check_metadata,
    conflict,
    opt_bool,
    opt_int,
    opt_str,
    to_decimal,
)
from .clients import client_summary, resolve_payment_client
from .common import DEFAULT_REGISTER_AUTOMATION, new_id
from .invoices import add_complement, effective_use, fiscal_gap, invoice_series, make_invoice
from .items import build_items, check_payment_basics, lines_of

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


def _new_payment(
    team: TeamData,
    body: dict[str, Any],
    *,
    currency: str,
    rate: float,
    automation: str,
    now: int,
) -> tuple[Record, Record, Record | None, list[LineTotals]]:
    """Resolve a payment body's client and items and build its record (not yet stored).

    Returns the payment, its client, the client to add to the team if it is new (``None``
    when it already existed) and the line totals (for the automation).
    """
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
    return payment, client, created, lines


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
    from .. import receipts  # receipts builds on this module

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
    from .. import receipts

    if body.get("client") is None:
        raise bad_request("client", "is required")
    opt_bool(body, "paid")
    opt_bool(body, "send_email")
    if body.get("payment_form") is None:
        payment_form = receipts.default_payment_form(team)
    else:
        payment_form = check_in(body.get("payment_form"), PAYMENT_FORMS, "payment_form")
    currency, rate, automation = check_payment_basics(body, DEFAULT_REGISTER_AUTOMATION)
    payment, client, created, lines = _new_payment(
        team, body, currency=currency, rate=rate, automation=automation, now=now
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
    payment, _client, created, _lines = _new_payment(
        team, body, currency=currency, rate=rate, automation=automation, now=now
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
