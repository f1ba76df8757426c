"""Pages the sandbox serves outside ``/v2``, always on (they are gigstack's public links, not
controls): invoice files, the customer portal and payment-link pages, and the self-invoice
portal a receipt's ``url`` (its QR on a ticket) opens.

The self-invoice page shows the receipt and a small form (RFC, name, regime, zip) that
stamps it to the customer, like gigstack's autofactura portal does.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import time
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import documents, receipts
from .handlers.common import json_response
from .store import Record, TeamData
from .validation import ApiError

if TYPE_CHECKING:
    from .app import SandboxHost

PAGES_MAP = Map(
    [
        Rule("/files/<name>", methods=["GET"], endpoint="files"),
        Rule("/portal/<token>", methods=["GET"], endpoint="page"),
        Rule("/pay/<token>", methods=["GET"], endpoint="page"),
        Rule("/autofactura", methods=["GET"], endpoint="autofactura_query"),
        Rule("/autofactura/<receipt_id>", methods=["GET", "POST"], endpoint="autofactura"),
    ],
    strict_slashes=False,
    merge_slashes=False,
)

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem}"
    "label{display:block;margin-top:.6rem}input{width:100%;padding:.3rem}"
    "button{margin-top:1rem;padding:.5rem 1rem}.err{color:#b00020}.ok{color:#0f766e}"
)


def not_found_page(request: Request) -> Response:
    return json_response(
        {"message": f"Route not found: {request.method} {request.path}", "error": "not_found"}, 404
    )


def serve(host: SandboxHost, request: Request) -> Response:
    adapter = PAGES_MAP.bind_to_environ(request.environ)
    try:
        endpoint, args = adapter.match()
    except HTTPException:
        return not_found_page(request)
    if endpoint == "files":
        return _files(host, request, **args)
    if endpoint == "page":
        return _html(
            "gigstack sandbox",
            "<p>Página de demostración del sandbox de Mostrador (portal / liga de pago).</p>",
        )
    if endpoint == "autofactura_query":
        ident = request.args.get("id", "")
        return _autofactura(host, request, ident)
    return _autofactura(host, request, **args)


def _html(title: str, body: str, status: int = 200) -> Response:
    page = (
        f"<!doctype html><html lang='es-MX'><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width'><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style><body>{body}</body></html>"
    )
    return Response(page, status=status, mimetype="text/html")


def _files(host: SandboxHost, request: Request, name: str) -> Response:
    stem, _, ext = name.rpartition(".")
    if ext not in ("pdf", "xml"):
        return not_found_page(request)
    store = host.store
    with store.lock:
        invoice = next(
            (t.invoices.get(stem) for t in store.teams.values() if stem in t.invoices), None
        )
        if invoice is None:
            return not_found_page(request)
        invoice = copy.deepcopy(invoice)
    if ext == "pdf":
        return Response(documents.invoice_pdf(invoice), mimetype="application/pdf")
    return Response(documents.invoice_xml(invoice), mimetype="application/xml")


def _find_receipt(host: SandboxHost, ident: str) -> tuple[TeamData, Record] | None:
    for team in host.store.teams.values():
        receipt = team.receipts.get(ident)
        if receipt is not None:
            return team, receipt
    return None


def _date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, receipts.PERIOD_TZ).strftime("%d/%m/%Y %H:%M")


def _autofactura(host: SandboxHost, request: Request, receipt_id: str) -> Response:
    store = host.store
    message = ""
    with store.lock:
        found = _find_receipt(host, receipt_id)
        if found is None:
            return _html(
                "Factura tu compra",
                "<h1>Factura tu compra</h1><p class='err'>No encontramos este ticket.</p>",
                404,
            )
        team, receipt = found
        now = int(time.time())
        receipts.expire_due(team, now)
        receipt = team.receipts.get(receipt_id) or receipt
        if receipt["status"] == "pending":
            # Inferred meaning of the CLI's "open": the customer opened the self-invoice page.
            receipt = receipts.mark_open(team, receipt)
            host.persist()
        if request.method == "POST":
            form = request.form
            info: dict[str, Any] = {
                key: form.get(key, "").strip()
                for key in ("tax_id", "legal_name", "tax_system", "zip")
            }
            try:
                receipt, invoice = receipts.stamp_receipt(
                    team,
                    receipt,
                    {
                        "stamp_to": "client",
                        "fiscal_information": info,
                        "use": form.get("use") or None,
                    },
                    now,
                )
                host.persist()
                message = (
                    "<p class='ok'>¡Listo! Factura "
                    f"{html.escape(invoice['series'])}-{invoice['folio_number']} timbrada, "
                    f"folio fiscal {html.escape(invoice['stamp']['uuid'])}.</p>"
                )
            except ApiError as exc:
                message = f"<p class='err'>{html.escape(exc.message)}</p>"
        receipt = copy.deepcopy(receipt)
    business = html.escape(team.team.get("brand", {}).get("alias", ""))
    lines = "".join(
        f"<li>{html.escape(str(i.get('description', '')))} × {i.get('quantity')}</li>"
        for i in receipt.get("items", [])
    )
    status = receipt["status"]
    body = (
        f"<h1>Factura tu compra</h1><p>{business}</p><ul>{lines}</ul>"
        f"<p>Total: <b>${receipt['total']:,.2f} {html.escape(receipt['currency'])}</b></p>"
        f"<p>Válido hasta: {_date(receipt['validUntil'])}</p>{message}"
    )
    if status in receipts.OPEN_STATUSES:
        body += (
            "<form method='post'>"
            "<label>RFC <input name='tax_id' required maxlength='13'></label>"
            "<label>Nombre o razón social <input name='legal_name' required></label>"
            "<label>Régimen fiscal (p. ej. 612) <input name='tax_system' required maxlength='3'>"
            "</label>"
            "<label>Código postal fiscal <input name='zip' required maxlength='5'></label>"
            "<label>Uso CFDI <input name='use' value='G03' maxlength='4'></label>"
            "<button type='submit'>Facturar</button></form>"
        )
    else:
        words = {
            "invoiced": "Este ticket ya fue facturado.",
            "completed": "Este ticket ya se incluyó en la factura global del periodo.",
            "expired": "El plazo para facturar este ticket terminó.",
            "cancelled": "Este ticket fue cancelado.",
        }
        body += f"<p>{words.get(status, html.escape(status))}</p>"
    return _html("Factura tu compra", body)
