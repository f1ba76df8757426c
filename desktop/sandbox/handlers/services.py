"""``/services``: list, create, get, update, delete."""

from __future__ import annotations

import copy

from .. import domain
from ..store import Record
from ..validation import not_found
from .common import Ctx, Result, Route, list_page


def service_or_404(ctx: Ctx, ident: str) -> Record:
    service = ctx.team.services.get(ident)
    if service is None:
        raise not_found("Service", ident)
    return service


def list_services(ctx: Ctx) -> Result:
    return list_page(
        ctx,
        ctx.team.services,
        message="Services retrieved successfully",
        out=copy.deepcopy,
        filters={
            "sku": lambda r, v: r.get("sku") == v,
            "barcode": lambda r, v: r.get("barcode") == v,
        },
    )


def create_service(ctx: Ctx) -> Result:
    record = domain.new_service(ctx.team, ctx.obj(), ctx.now)
    ctx.team.services.add(record)
    return 201, {"message": "Service created successfully", "data": copy.deepcopy(record)}


def get_service(ctx: Ctx, id: str) -> Result:
    return 200, {
        "message": "Service retrieved successfully",
        "data": copy.deepcopy(service_or_404(ctx, id)),
    }


def update_service(ctx: Ctx, id: str) -> Result:
    updated = domain.apply_service_fields(copy.deepcopy(service_or_404(ctx, id)), ctx.obj())
    ctx.team.services.replace(updated)
    return 200, {"message": "Service updated successfully", "data": copy.deepcopy(updated)}


def delete_service(ctx: Ctx, id: str) -> Result:
    service_or_404(ctx, id)
    ctx.team.services.delete(id)
    return 200, {"message": "Service deleted successfully", "data": {"id": id, "deleted": True}}


ROUTES: list[Route] = [
    ("/services", "GET", "list_services", list_services),
    ("/services", "POST", "create_service", create_service),
    ("/services/<id>", "GET", "get_service", get_service),
    ("/services/<id>", "PUT", "update_service", update_service),
    ("/services/<id>", "DELETE", "delete_service", delete_service),
]
