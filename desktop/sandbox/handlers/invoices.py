"""``/invoices``: income list/create/get, files and cancel, plus free-text search."""

from __future__ import annotations

import copy

from .. import domain
from ..store import Record
from ..validation import (
    CANCEL_MOTIVES,
    PAYMENT_FORMS,
    PAYMENT_METHODS,
    bad_request,
    check_in,
    conflict,
    is_fiscal_uuid,
    not_found,
    opt_str,
    require_object,
)
from .common import Ctx, Result, Route, list_page, search_page


def invoice_or_404(ctx: Ctx, ident: str) -> Record:
    invoice = ctx.team.invoices.get(ident)
    if invoice is None:
        raise not_found("Invoice", ident)
    return invoice


def files_data(ctx: Ctx, ident: str, file_type: str | None) -> dict[str, str]:
    """Download links. Served by the sandbox itself (``/files/...``, always on, like
    gigstack's storage links), not by the optional control routes."""
    base = f"{ctx.host_url}/files/{ident}"
    kinds = [file_type] if file_type else ["pdf", "xml"]
    return {kind: f"{base}.{kind}" for kind in kinds}


def list_invoices(ctx: Ctx) -> Result:
    return list_page(
        ctx,
        ctx.team.invoices,
        message="Invoices retrieved successfully",
        out=copy.deepcopy,
        filters={
            "status": lambda r, v: r["status"] == {"canceled": "cancelled"}.get(v, v),
            "client_id": lambda r, v: r["client"].get("id") == v,
            "series": lambda r, v: r["series"] == v,
        },
    )


def search_invoices(ctx: Ctx) -> Result:
    return search_page(
        ctx,
        ctx.team.invoices,
        fields=(
            "uuid",
            "stamp.uuid",
            "client.name",
            "client.legal_name",
            "client.tax_id",
            "series",
        ),
        message="Invoices retrieved successfully",
        out=copy.deepcopy,
    )


def create_invoice(ctx: Ctx) -> Result:
    body = ctx.obj()
    team = ctx.team
    if body.get("client") is None:
        raise bad_request("client", "is required")
    currency, rate, _ = domain.check_payment_basics(body)
    payment_method = body.get("payment_method", "PUE")
    check_in(payment_method, PAYMENT_METHODS, "payment_method")
    if payment_method == "PPD":
        payment_form = body.get("payment_form", "99")
        if payment_form != "99":
            raise bad_request("payment_form", "a PPD invoice must use payment_form 99")
    else:
        payment_form = check_in(body.get("payment_form"), PAYMENT_FORMS, "payment_form")
        if payment_form == "99":
            raise bad_request("payment_form", "99 (por definir) is not valid for PUE")
    client, created = domain.resolve_payment_client(team, body["client"], ctx.now)
    items, lines = domain.build_items(team, body.get("items"))
    use = domain.effective_use(body, client, team)
    series = opt_str(body, "series") or domain.invoice_series(team, {})[0]
    folio = body.get("folio_number")
    if folio is not None and (isinstance(folio, bool) or not isinstance(folio, int) or folio < 1):
        raise bad_request("folio_number", "must be a positive integer")
    for i, raw_rel in enumerate(body.get("related_documents") or []):
        rel = require_object(raw_rel, f"related_documents[{i}]")
        for j, doc in enumerate(rel.get("documents") or []):
            if not is_fiscal_uuid(doc):
                raise bad_request(f"related_documents[{i}].documents[{j}]", "must be a fiscal UUID")
    metadata = body.get("metadata") or {}
    require_object(metadata, "metadata")
    invoice = domain.make_invoice(
        team,
        client=client,
        items=items,
        lines=lines,
        currency=currency,
        exchange_rate=rate,
        payment_form=payment_form,
        payment_method=payment_method,
        use=use,
        series=series,
        folio=folio,
        now=ctx.now,
        metadata=dict(metadata),
        field="series",
    )
    if created is not None:
        team.clients.add(created)
    team.invoices.add(invoice)
    data = copy.deepcopy(invoice)
    # Documented: the create response says "stamped"; lists and gets say "valid".
    data["status"] = "stamped"
    if body.get("return_files_urls"):
        data["files"] = files_data(ctx, invoice["uuid"], None)
    return 201, {"message": "Invoice created successfully", "data": data}


def get_invoice(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Invoice retrieved successfully",
        "data": copy.deepcopy(invoice_or_404(ctx, id)),
    }


def invoice_files(ctx: Ctx, id: str) -> Result:
    invoice_or_404(ctx, id)
    file_type = ctx.args.get("file_type")
    if file_type is not None:
        check_in(file_type, frozenset({"pdf", "xml"}), "file_type")
    return 200, {
        "message": "Invoice files retrieved successfully",
        "data": files_data(ctx, id, file_type),
    }


def cancel_invoice(ctx: Ctx, id: str) -> Result:
    invoice = invoice_or_404(ctx, id)
    body = ctx.obj()
    motive = body.get("motive")
    check_in(motive, CANCEL_MOTIVES, "motive")
    # gigstack's CLI sends `replacement`; docs and n8n send `substitution_uuid`.
    substitution = body.get("substitution_uuid", body.get("replacement"))
    if motive == "01":
        if not is_fiscal_uuid(substitution):
            raise bad_request(
                "substitution_uuid",
                "motive 01 requires the fiscal UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) "
                "of the replacing CFDI",
            )
        if str(substitution).upper() == invoice["stamp"]["uuid"]:
            raise bad_request("substitution_uuid", "an invoice cannot replace itself")
    elif substitution is not None and not is_fiscal_uuid(substitution):
        raise bad_request("substitution_uuid", "must be a fiscal UUID")
    if invoice["status"] == "cancelled":
        raise conflict(f"Invoice {id} is already cancelled", "already_cancelled")
    updated = copy.deepcopy(invoice)
    updated["status"] = "cancelled"
    updated["cancellation"] = {
        "motive": motive,
        "substitution_uuid": str(substitution).upper() if substitution else None,
        "cancelled_at": ctx.now,
    }
    ctx.team.invoices.replace(updated)
    return 200, {
        "message": "Invoice cancelled successfully",
        "data": {"uuid": id, "status": "cancelled", "cancellation": updated["cancellation"]},
    }


ROUTES: list[Route] = [
    ("/invoices/income", "GET", "list_invoices", list_invoices),
    ("/invoices/income", "POST", "create_invoice", create_invoice),
    ("/invoices/search", "GET", "search_invoices", search_invoices),
    ("/invoices/income/<id>", "GET", "get_invoice", get_invoice),
    ("/invoices/<id>/files", "GET", "invoice_files", invoice_files),
    ("/invoices/<id>", "DELETE", "cancel_invoice", cancel_invoice),
]
