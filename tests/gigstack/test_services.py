"""``client.services`` against the sandbox."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    Service,
    ServiceInput,
    TaxInput,
    TaxType,
)


def test_list_demo_catalog(api: GigstackClient) -> None:
    services = list(api.services.list(limit=7))  # several pages of 7
    assert len(services) >= 15, "demo seed has ~20 services"
    assert len({s.id for s in services}) == len(services)
    assert all(isinstance(s.unit_price, Decimal) for s in services if s.unit_price is not None)


def test_list_page(api: GigstackClient) -> None:
    page = api.services.list_page(limit=5, sort="asc")
    assert len(page.items) == 5
    assert page.has_more is True
    assert page.next


def test_create_get_update_delete_keep_decimals(api: GigstackClient) -> None:
    created = api.services.create(
        ServiceInput(
            description="Pan dulce (concha)",
            unit_price=Decimal("1160.1"),
            sku="PAN-001",
            product_key="50181900",
            unit_key="H87",
            unit_name="Pieza",
            taxability="02",
            taxes=[TaxInput(type=TaxType.IVA, rate=Decimal("0.16"), factor="Tasa")],
        )
    )
    assert created.id
    # Exact: Decimal("1160.1"), not 1160.0999999999999.
    assert created.unit_price == Decimal("1160.1")
    assert str(created.unit_price) == "1160.1"
    assert created.taxes
    assert created.taxes[0].type is TaxType.IVA
    assert created.taxes[0].rate == Decimal("0.16")

    fetched = api.services.get(created.id)
    assert isinstance(fetched, Service)
    assert fetched.unit_price == Decimal("1160.1")

    updated = api.services.update(created.id, {"unit_price": "0.10"})
    assert updated.unit_price == Decimal("0.1")

    api.services.delete(created.id)
    with pytest.raises(NotFoundError):
        api.services.get(created.id)


def test_small_and_long_decimals_round_trip(api: GigstackClient) -> None:
    for text in ("0.01", "99999.99", "12.345678", "0.3"):
        service = api.services.create({"description": f"p{text}", "unit_price": text})
        assert service.unit_price == Decimal(text), text


def test_create_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.services.create({"description": "sin precio"})
    with pytest.raises(InvalidRequestError):
        api.services.create({"description": "x", "unit_price": "-1"})
    with pytest.raises(InvalidRequestError):
        api.services.create({"description": "x", "unit_price": 1, "product_key": "12"})
    assert len(sandbox.requests) == 0
    # Right shape, not accepted by the server's rules (unit key with one character).
    with pytest.raises(BadRequestError):
        api.services.create({"description": "x", "unit_price": 1, "unit_key": "H"})


def test_get_update_delete_unknown(api: GigstackClient) -> None:
    with pytest.raises(NotFoundError):
        api.services.get("service_nope")
    with pytest.raises(NotFoundError):
        api.services.update("service_nope", {"unit_price": 1})
    with pytest.raises(NotFoundError):
        api.services.delete("service_nope")


def test_list_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.services.list(sort="sideways")  # type: ignore[arg-type]
    assert len(sandbox.requests) == 0
    with pytest.raises(BadRequestError):
        api.services.list_page(order_by="colour")
