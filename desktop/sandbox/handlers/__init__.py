"""Request handlers, one module per gigstack resource. Each module exposes ``ROUTES``:
``(path under /v2, method, endpoint name, handler(ctx, **view_args))``."""

from __future__ import annotations

from . import clients, invoices, payments, receipts, services, teams, users
from .common import Route

ROUTES: list[Route] = [
    *clients.ROUTES,
    *services.ROUTES,
    *invoices.ROUTES,
    *payments.ROUTES,
    *receipts.ROUTES,
    *teams.ROUTES,
    *users.ROUTES,
]
