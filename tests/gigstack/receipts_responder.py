"""A gigstack-shaped receipts endpoint on loopback, for as long as the sandbox has none.

Behaviour follows REFERENCE §7/§16.1 and nothing of the client: receipts start ``pending``
with a self-invoice ``url`` and a ``validUntil`` from ``periodicity``; a repeated
``idempotency_key`` returns the first receipt; cancel answers the CLI's ``cancelled`` spelling;
stamping needs a valid ``stamp_to`` and links an invoice; unknown ids get gigstack's nested
error shape. Lists are cursor-paginated like every gigstack list.
"""

from __future__ import annotations

import itertools
import threading
from decimal import Decimal
from typing import Any

from .loopback import Answer, Seen

PERIOD_SECONDS = {
    "day": 86_400,
    "week": 7 * 86_400,
    "two_weeks": 14 * 86_400,
    "fortnight": 14 * 86_400,
    "month": 30 * 86_400,
    "two_months": 61 * 86_400,
    "bimonth": 61 * 86_400,
}
STAMP_TO = ("client", "general_public_national", "general_public_foreign")
NOW = 1_767_225_600  # 2026-01-01T00:00:00Z: a fixed clock keeps the answers reproducible


def _error(status: int, message: str, code: str) -> Answer:
    # REFERENCE §16.3: newer gigstack nests the error.
    return Answer(
        status,
        {"success": False, "error": {"code": code, "message": message, "details": []}},
    )


class ReceiptsResponder:
    """Callable handler for :class:`~tests.gigstack.loopback.LoopbackServer`."""

    def __init__(self) -> None:
        self.receipts: dict[str, dict[str, Any]] = {}
        self.by_key: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self, seen: Seen) -> Answer:
        with self._lock:
            return self._route(seen)

    def _route(self, seen: Seen) -> Answer:
        parts = [p for p in seen.path.split("/") if p]
        if not parts or parts[0] != "receipts":
            return _error(404, f"Route {seen.method} {seen.path} not found", "not_found")
        if len(parts) == 1 and seen.method == "GET":
            return self._list(seen)
        if len(parts) == 1 and seen.method == "POST":
            return self._create(seen)
        receipt = self.receipts.get(parts[1])
        if receipt is None:
            return _error(404, f"Receipt '{parts[1]}' not found", "not_found")
        if len(parts) == 2 and seen.method == "GET":
            return Answer(200, {"message": "Receipt retrieved successfully", "data": receipt})
        if len(parts) == 2 and seen.method == "DELETE":
            if receipt["status"] in ("invoiced", "stamped"):
                return _error(409, "An invoiced receipt cannot be cancelled", "conflict")
            receipt["status"] = "cancelled"
            return Answer(200, {"message": "Receipt cancelled successfully", "data": receipt})
        if len(parts) == 3 and parts[2] == "stamp" and seen.method == "POST":
            return self._stamp(receipt, seen.json or {})
        return _error(405, "Method not allowed", "method_not_allowed")

    def _create(self, seen: Seen) -> Answer:
        body = seen.json
        if not isinstance(body, dict) or not isinstance(body.get("client"), dict):
            return _error(400, "client is required", "validation_failed")
        items = body.get("items")
        if not isinstance(items, list) or not items:
            return _error(400, "items is required", "validation_failed")
        key = body.get("idempotency_key")
        if key in self.by_key:
            first = self.receipts[self.by_key[key]]
            return Answer(200, {"message": "Receipt created successfully", "data": first})
        periodicity = body.get("periodicity", "month")
        if periodicity not in PERIOD_SECONDS:
            return _error(400, f"Unknown periodicity {periodicity}", "validation_failed")
        total = sum(
            (Decimal(str(i.get("unit_price", 100))) * Decimal(str(i.get("quantity", 1))))
            for i in items
        )
        number = next(self._ids)
        receipt_id = f"receipt_{number:06d}"
        created = NOW + number
        receipt = {
            "id": receipt_id,
            "client": {"id": body["client"].get("id"), "name": body["client"].get("name")},
            "status": "pending",
            "total": total,
            "subtotal": (total / Decimal("1.16")).quantize(Decimal("0.01")),
            "currency": body.get("currency", "MXN"),
            "periodicity": periodicity,
            "payment_form": body.get("payment_form", "01"),
            "created": created,
            "validUntil": created + PERIOD_SECONDS[periodicity],
            "url": f"https://invoicing.gigstack.pro/autofactura?id={receipt_id}",
            "metadata": body.get("metadata", {}),
            "livemode": False,
        }
        self.receipts[receipt_id] = receipt
        if key:
            self.by_key[key] = receipt_id
        return Answer(201, {"message": "Receipt created successfully", "data": receipt})

    def _list(self, seen: Seen) -> Answer:
        rows = sorted(self.receipts.values(), key=lambda r: r["created"])
        status = seen.query.get("status")
        if status:
            rows = [r for r in rows if r["status"] == status]
        client_id = seen.query.get("client_id")
        if client_id:
            rows = [r for r in rows if r["client"]["id"] == client_id]
        if "created[gte]" in seen.query:
            rows = [r for r in rows if r["created"] >= int(seen.query["created[gte]"])]
        if "created[lte]" in seen.query:
            rows = [r for r in rows if r["created"] <= int(seen.query["created[lte]"])]
        limit = int(seen.query.get("limit", 10))
        start = int(seen.query.get("next", "0").removeprefix("cur_") or 0)
        page = rows[start : start + limit]
        more = start + limit < len(rows)
        envelope: dict[str, Any] = {
            "message": "Receipts retrieved successfully",
            "data": page,
            "has_more": more,
            "total_results": len(rows),
        }
        if more:
            envelope["next"] = f"cur_{start + limit}"
        return Answer(200, envelope)

    def _stamp(self, receipt: dict[str, Any], body: dict[str, Any]) -> Answer:
        stamp_to = body.get("stamp_to", "client")
        if stamp_to not in STAMP_TO:
            return _error(400, "stamp_to is not valid", "validation_failed")
        if receipt["status"] in ("cancelled", "invoiced", "stamped"):
            return _error(409, f"Receipt is {receipt['status']}", "operation_not_allowed")
        info = body.get("fiscal_information") or {}
        if stamp_to == "client" and not (info.get("tax_id") or receipt["client"].get("id")):
            return _error(400, "The client has no fiscal data", "validation_failed")
        receipt["status"] = "invoiced"
        receipt["invoice_id"] = f"invoice_from_{receipt['id']}"
        receipt["stamped_to"] = stamp_to
        if info:
            receipt["client"] = {**receipt["client"], **info}
        return Answer(200, {"message": "Receipt stamped successfully", "data": receipt})
