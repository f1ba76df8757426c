"""``/payments``: list, search, get, cancel, register, request, mark paid, refund."""

from __future__ import annotations

import copy

from .. import domain
from ..store import Record
from ..validation import conflict, not_found
from .common import Ctx, Result, Route, list_page, search_page


def payment_or_404(ctx: Ctx, ident: str) -> Record:
    payment = ctx.team.payments.get(ident)
    if payment is None:
        raise not_found("Payment", ident)
    return payment


def list_payments(ctx: Ctx) -> Result:
    return list_page(
        ctx,
        ctx.team.payments,
        message="Payments retrieved successfully",
        out=domain.payment_out,
        filters={
            "status": lambda r, v: r["status"] == {"cancelled": "canceled"}.get(v, v),
            "client_id": lambda r, v: r["client"].get("id") == v,
            "email": lambda r, v: (r["client"].get("email") or "").lower() == v.lower(),
            "tax_id": lambda r, v: (r["client"].get("tax_id") or "").upper() == v.upper(),
            "currency": lambda r, v: r["currency"] == v.upper(),
        },
    )


def search_payments(ctx: Ctx) -> Result:
    return search_page(
        ctx,
        ctx.team.payments,
        fields=("id", "client.name", "client.email", "client.tax_id", "status"),
        message="Payments retrieved successfully",
        out=domain.payment_out,
    )


def get_payment(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Payment retrieved successfully",
        "data": domain.payment_out(payment_or_404(ctx, id)),
    }


def cancel_payment(ctx: Ctx, id: str) -> Result:
    payment = payment_or_404(ctx, id)
    if payment["status"] == "canceled":
        raise conflict(f"Payment {id} is already canceled", "already_canceled")
    updated = copy.deepcopy(payment)
    # One spelling: n8n (generated from gigstack's swagger) filters on "canceled".
    updated["status"] = "canceled"
    updated["canceled_at"] = ctx.now
    ctx.team.payments.replace(updated)
    return 200, {"message": "Payment cancelled successfully", "data": domain.payment_out(updated)}


def register_payment(ctx: Ctx) -> Result:
    payment = domain.register_payment(ctx.team, ctx.obj(), ctx.now)
    return 201, {"message": "Payment registered successfully", "data": domain.payment_out(payment)}


def request_payment(ctx: Ctx) -> Result:
    payment = domain.request_payment(ctx.team, ctx.obj(), ctx.now, ctx.host_url)
    return 201, {"message": "Payment requested successfully", "data": domain.payment_out(payment)}


def mark_paid(ctx: Ctx, id: str) -> Result:
    payment = domain.mark_paid(ctx.team, payment_or_404(ctx, id), ctx.obj(), ctx.now)
    return 200, {"message": "Payment marked as paid", "data": domain.payment_out(payment)}


def refund_payment(ctx: Ctx, id: str) -> Result:
    payment = domain.refund(ctx.team, payment_or_404(ctx, id), ctx.obj(), ctx.now)
    return 200, {"message": "Payment refunded successfully", "data": domain.payment_out(payment)}


ROUTES: list[Route] = [
    ("/payments", "GET", "list_payments", list_payments),
    ("/payments/search", "GET", "search_payments", search_payments),
    ("/payments/request", "POST", "request_payment", request_payment),
    ("/payments/register", "POST", "register_payment", register_payment),
    ("/payments/<id>", "GET", "get_payment", get_payment),
    ("/payments/<id>", "DELETE", "cancel_payment", cancel_payment),
    ("/payments/<id>/paid", "POST", "mark_paid", mark_paid),
    ("/payments/<id>/refund", "POST", "refund_payment", refund_payment),
]
