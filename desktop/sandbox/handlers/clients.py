"""``/clients``: list, search, create (with ``search``), get, update, delete, validate, the
customer portal and stamping a client's pending receipts."""

from __future__ import annotations

import copy
import secrets

from .. import domain, receipts
from ..store import Record
from ..validation import bad_request, check_email, not_found, req_str, rfc_check_digit_ok
from .common import Ctx, Result, Route, list_page, not_found_route, search_page


def client_or_404(ctx: Ctx, ident: str) -> Record:
    if ident == "search":
        # /clients/search is a route (GET), never a client id, whatever the method.
        raise not_found_route(ctx.request)
    client = ctx.team.clients.get(ident)
    if client is None:
        raise not_found("Client", ident)
    return client


def list_clients(ctx: Ctx) -> Result:
    return list_page(
        ctx,
        ctx.team.clients,
        message="Clients retrieved successfully",
        out=domain.client_out,
        filters={
            "tax_id": lambda r, v: r.get("tax_id", "").lower() == v.lower(),
            "email": lambda r, v: r.get("email", "").lower() == v.lower(),
        },
    )


def search_clients(ctx: Ctx) -> Result:
    """``GET /clients/search?q=`` (newer docs; the CLI searches name, RFC or email)."""
    return search_page(
        ctx,
        ctx.team.clients,
        fields=("name", "legal_name", "email", "tax_id", "id"),
        message="Clients retrieved successfully",
        out=domain.client_out,
    )


def create_client(ctx: Ctx) -> Result:
    status, message, record = domain.create_or_find_client(ctx.team, ctx.obj(), ctx.now)
    return status, {"message": message, "data": domain.client_out(record)}


def get_client(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Client retrieved successfully",
        "data": domain.client_out(client_or_404(ctx, id)),
    }


def update_client(ctx: Ctx, id: str) -> Result:
    updated = domain.apply_client_fields(copy.deepcopy(client_or_404(ctx, id)), ctx.obj())
    if "tax_id" in updated:
        updated["is_valid"] = rfc_check_digit_ok(updated["tax_id"])
    ctx.team.clients.replace(updated)
    return 200, {"message": "Client updated successfully", "data": domain.client_out(updated)}


def delete_client(ctx: Ctx, id: str) -> Result:
    client_or_404(ctx, id)
    ctx.team.clients.delete(id)
    return 200, {"message": "Client deleted successfully", "data": {"id": id, "deleted": True}}


def validate_client(ctx: Ctx, id: str) -> Result:
    client = copy.deepcopy(client_or_404(ctx, id))
    # Stand-in for gigstack's SAT lookup: structure + check digit + regime present.
    valid = (
        bool(client.get("tax_id"))
        and rfc_check_digit_ok(client["tax_id"])
        and bool(client.get("tax_system"))
    )
    client["is_valid"] = valid
    client["efos"] = {"is_valid": True, "checked_at": ctx.now}
    client["validated_at"] = ctx.now
    ctx.team.clients.replace(client)
    return 200, {"message": "Client validated successfully", "data": domain.client_out(client)}


def customer_portal(ctx: Ctx) -> Result:
    body = ctx.obj()
    if body.get("id"):
        client = client_or_404(ctx, req_str(body, "id"))
    elif body.get("email"):
        email = check_email(body["email"])
        matches = ctx.team.clients.lookup("email", email)
        if not matches:
            raise not_found("Client with email", email)
        client = matches[0]
    else:
        raise bad_request("id", "id or email is required")
    token = secrets.token_urlsafe(12)
    return 200, {
        "message": "Operation completed successfully",
        "data": {
            "url": f"{ctx.host_url}/portal/{token}?client={client['id']}",
            # gigstack's CLI says the link lasts 5 days.
            "expires_at": ctx.now + 5 * 24 * 3600,
            "client": client["id"],
        },
    }


def stamp_pending_receipts(ctx: Ctx, id: str) -> Result:
    client_or_404(ctx, id)
    result = receipts.stamp_pending_for_client(ctx.team, id, ctx.now)
    return 200, {"message": "Pending receipts stamped successfully", "data": result}


ROUTES: list[Route] = [
    ("/clients", "GET", "list_clients", list_clients),
    ("/clients", "POST", "create_client", create_client),
    ("/clients/search", "GET", "search_clients", search_clients),
    ("/clients/customerportal", "POST", "customer_portal", customer_portal),
    ("/clients/validate/<id>", "POST", "validate_client", validate_client),
    ("/clients/<id>", "GET", "get_client", get_client),
    ("/clients/<id>", "PUT", "update_client", update_client),
    ("/clients/<id>", "DELETE", "delete_client", delete_client),
    (
        "/clients/<id>/stamp-pending-receipts",
        "POST",
        "stamp_pending_receipts",
        stamp_pending_receipts,
    ),
]
