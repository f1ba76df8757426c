"""``/receipts``: list, search, create, get, cancel and stamp (REFERENCE.md 7 and 16.1)."""

from __future__ import annotations

from collections.abc import Callable

from .. import receipts
from ..store import Record
from ..validation import not_found
from .common import Ctx, Result, Route, list_page, search_page

# List filter spellings: n8n writes "canceled"/"stamped", the CLI "cancelled"/"invoiced".
_STATUS_ALIASES = {"canceled": "cancelled", "stamped": "invoiced"}


def _out(ctx: Ctx) -> Callable[[Record], Record]:
    return lambda record: receipts.receipt_out(record, ctx.host_url)


def receipt_or_404(ctx: Ctx, ident: str) -> Record:
    receipts.expire_due(ctx.team, ctx.now)
    receipt = ctx.team.receipts.get(ident)
    if receipt is None:
        raise not_found("Receipt", ident)
    return receipt


def list_receipts(ctx: Ctx) -> Result:
    receipts.expire_due(ctx.team, ctx.now)
    return list_page(
        ctx,
        ctx.team.receipts,
        message="Receipts retrieved successfully",
        out=_out(ctx),
        filters={
            "status": lambda r, v: r["status"] == _STATUS_ALIASES.get(v, v),
            "client_id": lambda r, v: r.get("client", {}).get("id") == v,
            "payment_id": lambda r, v: r.get("payment_id") == v,
        },
        created_field="created",
    )


def search_receipts(ctx: Ctx) -> Result:
    receipts.expire_due(ctx.team, ctx.now)
    return search_page(
        ctx,
        ctx.team.receipts,
        fields=("id", "client.name", "client.email", "client.tax_id", "status"),
        message="Receipts retrieved successfully",
        out=_out(ctx),
    )


def create_receipt(ctx: Ctx) -> Result:
    receipt = receipts.create_receipt(ctx.team, ctx.obj(), ctx.now)
    return 201, {
        "message": "Receipt created successfully",
        "data": receipts.receipt_out(receipt, ctx.host_url),
    }


def get_receipt(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Receipt retrieved successfully",
        "data": receipts.receipt_out(receipt_or_404(ctx, id), ctx.host_url),
    }


def cancel_receipt(ctx: Ctx, id: str) -> Result:
    updated = receipts.cancel_receipt(ctx.team, receipt_or_404(ctx, id), ctx.now)
    return 200, {
        "message": "Receipt cancelled successfully",
        "data": receipts.receipt_out(updated, ctx.host_url),
    }


def stamp_receipt(ctx: Ctx, id: str) -> Result:
    """Answer: the receipt (now ``invoiced``, with ``invoice_id``) and the stamped invoice
    under ``data.invoice`` (not documented; both are what a caller needs next)."""
    updated, invoice = receipts.stamp_receipt(ctx.team, receipt_or_404(ctx, id), ctx.obj(), ctx.now)
    data = receipts.receipt_out(updated, ctx.host_url)
    data["invoice"] = invoice
    return 200, {"message": "Receipt stamped successfully", "data": data}


ROUTES: list[Route] = [
    ("/receipts", "GET", "list_receipts", list_receipts),
    ("/receipts", "POST", "create_receipt", create_receipt),
    ("/receipts/search", "GET", "search_receipts", search_receipts),
    ("/receipts/<id>", "GET", "get_receipt", get_receipt),
    ("/receipts/<id>", "DELETE", "cancel_receipt", cancel_receipt),
    ("/receipts/<id>/stamp", "POST", "stamp_receipt", stamp_receipt),
]
