"""Request bodies shared by the sandbox tests (imported as a plain module: no package here)."""

from __future__ import annotations

from typing import Any


def register_body(**overrides: Any) -> dict[str, Any]:
    """A valid register-payment body for the demo seed (two notebooks, cash, no invoice)."""
    body: dict[str, Any] = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "none",
        "currency": "MXN",
        "payment_form": "01",
        "items": [{"id": "service_demo_cuaderno", "quantity": 2}],
    }
    body.update(overrides)
    return body


def inline_item(price: float, taxes: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "description": "Servicio de prueba",
        "quantity": 1,
        "unit_price": price,
        "product_key": "80141503",
        "unit_key": "E48",
        "unit_name": "Servicio",
        "taxes": taxes,
    }
    item.update(extra)
    return item


def iva(rate: float = 0.16, **flags: Any) -> dict[str, Any]:
    return {"type": "IVA", "rate": rate, "factor": "Tasa", "withholding": False, **flags}
