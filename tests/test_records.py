"""desktop.records: typed views built leniently from odd gigstack/cache records."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.records import (
    ClientView,
    LineView,
    PaymentView,
    ServiceView,
    line_amount,
    lines_of,
    number,
    payment_total,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45.00", Decimal("45.00")),
        (45, Decimal(45)),
        (0.1, Decimal("0.1")),
        (Decimal("2.5"), Decimal("2.5")),
        ("12,5", Decimal("12.5")),
        ("1,234.50", Decimal("1234.50")),
        (None, None),
        ("", None),
        ("  ", None),
        (True, None),
        ("abc", None),
        ("NaN", None),
        (float("inf"), None),
        ("1e30", None),
        ("-5.5", Decimal("-5.5")),
        ("9999999999999999", Decimal("9999999999999999")),
        ("1" * 41, None),  # longer than any number a record carries
        (10**20, None),
        ({"amount": 1}, None),
        ([1], None),
    ],
)
def test_number_is_lenient(value: object, expected: Decimal | None) -> None:
    assert number(value) == expected


def test_line_amount_prefers_total_then_price_times_quantity() -> None:
    assert line_amount({"total": "116.00", "unit_price": "1", "quantity": 3}) == Decimal("116.00")
    assert line_amount({"unit_price": "10.50", "quantity": "3"}) == Decimal("31.50")
    # Quantity missing or nonsense: one unit.
    assert line_amount({"unit_price": 7}) == Decimal("7.00")
    assert line_amount({"unit_price": "7", "quantity": "x"}) == Decimal("7.00")
    # Total present but not a number: the price rule still answers.
    assert line_amount({"total": "n/a", "unit_price": "2", "quantity": "1.5"}) == Decimal("3.00")
    # Nothing to go on: no made-up $0.00.
    assert line_amount({"description": "x"}) is None
    # Rounded to centavos half up.
    assert line_amount({"unit_price": "0.125", "quantity": 1}) == Decimal("0.13")


def test_line_view_from_odd_entries() -> None:
    line = LineView.from_record({"id": "svc_1", "quantity": "2", "unit_price": 5, "taxes": "bad"})
    assert line.description == "svc_1"
    assert line.quantity == Decimal(2)
    assert line.unit_price == Decimal(5)
    assert line.amount == Decimal("10.00")
    assert line.taxes == ()
    empty = LineView.from_record(None)
    assert (empty.description, empty.quantity, empty.unit_price, empty.amount) == (
        "",
        Decimal(1),
        None,
        None,
    )


def test_payment_total_falls_back_to_cents() -> None:
    assert payment_total({"total": "116.00", "amount": 1}) == Decimal("116.00")
    assert payment_total({"amount": 11650}) == Decimal("116.50")
    assert payment_total({"amount": "999"}) == Decimal("9.99")
    assert payment_total({"total": None, "amount": None}) is None
    assert payment_total({"total": "abc"}) is None


def test_payment_view_full_record() -> None:
    record = {
        "id": "pay_1",
        "status": "succeeded",
        "client": {"id": "cl_1", "legal_name": "ACME SA", "tax_id": "AAA010101AAA"},
        "total": "116.00",
        "subtotal": 100,
        "taxes": [{"type": "IVA", "amount": "16.00"}, {"amount": None}, "junk"],
        "payment_form": "01",
        "metadata": {"sold_at": "2026-11-24T14:05:00-06:00"},
        "invoices": [{"id": "inv_1"}, "inv_2"],
        "receipt": {"id": "rec_1"},
        "items": [{"description": "Café", "quantity": 2, "unit_price": "58.00"}, "junk"],
    }
    view = PaymentView.from_record(record)
    assert view.id == "pay_1"
    assert view.status == "succeeded"
    assert view.client_name == "ACME SA"
    assert view.client_rfc == "AAA010101AAA"
    assert (view.total, view.subtotal, view.taxes) == (
        Decimal("116.00"),
        Decimal(100),
        Decimal("16.00"),
    )
    assert view.payment_form == "01"
    assert view.currency == "MXN"
    assert view.sold_at == datetime(2026, 11, 24, 20, 5, tzinfo=UTC)
    assert view.invoice_ids == ("inv_1", "inv_2")
    assert view.receipt_id == "rec_1"
    assert len(view.lines) == 1
    assert view.lines[0].description == "Café"
    assert view.lines[0].amount == Decimal("116.00")
    assert view.raw is record


@pytest.mark.parametrize(
    "record",
    [
        {},
        None,
        "pay_1",
        {"client": "cl_1", "items": "none", "taxes": "x", "total": [1], "metadata": []},
        {"id": 0, "status": None, "client": None, "items": [None, 3], "invoices": None},
        {"total": float("nan"), "amount": "abc", "subtotal": True, "currency": None},
    ],
)
def test_payment_view_never_raises_on_odd_records(record: object) -> None:
    view = PaymentView.from_record(record)
    assert view.total is None
    assert view.lines == ()
    assert view.client_name == ""
    assert view.currency == "MXN"
    assert view.invoice_ids == ()


def test_payment_view_legacy_shapes() -> None:
    view = PaymentView.from_record(
        {
            "amount": 5000,
            "currency": "USD",
            "invoice_id": "inv_9",
            "receipt_id": "rec_9",
            "client": {"name": "Ana", "rfc": "XAXX010101000"},
            "metadata": {"sold_at_epoch": 1764000000},
        }
    )
    assert view.total == Decimal("50.00")
    assert view.currency == "USD"
    assert view.invoice_ids == ("inv_9",)
    assert view.receipt_id == "rec_9"
    assert view.client_rfc == "XAXX010101000"
    assert view.sold_at is not None
    assert view.sold_at.timestamp() == 1764000000


def test_client_view_display_name_fallbacks() -> None:
    assert ClientView.from_record({"name": "Ana", "legal_name": "ANA SA"}).display_name == "Ana"
    assert ClientView.from_record({"tax_id": "AAA010101AAA"}).display_name == "AAA010101AAA"
    assert ClientView.from_record({"id": "cl_1"}).display_name == "cl_1"
    client = ClientView.from_record({"address": {"zip": "06600"}, "tax_system": 601})
    assert client.zip == "06600"
    assert client.tax_system == "601"


def test_service_view() -> None:
    service = ServiceView.from_record(
        {
            "id": "svc_1",
            "description": "Café",
            "unit_price": "58,5",
            "sku": "CAF-1",
            "metadata": {"barcode": " 7501000003044 "},
            "taxes": [{"type": "IVA", "rate": 0.16}, "junk"],
        }
    )
    assert service.unit_price == Decimal("58.5")
    assert service.sku == "CAF-1"
    assert service.barcode == "7501000003044"
    assert len(service.taxes) == 1
    odd = ServiceView.from_record({"unit_price": None, "taxes": None, "metadata": "x"})
    assert (odd.unit_price, odd.barcode, odd.taxes) == (None, "", ())


def test_pagos_facturas_and_ticket_share_the_line_rule() -> None:
    """The three places that used to write their own fallback now agree on odd items."""
    from desktop.ui.invoices_page import _items_html
    from desktop.ui.payments_model import items_html
    from desktop.ui.sale_tickets import lines_of as ticket_lines

    items = [
        {"description": "Sin total", "unit_price": "10.50", "quantity": "3"},
        {"description": "Con total", "total": "99.90", "unit_price": "1", "quantity": 1},
        {"description": "Sin cantidad", "unit_price": 7},
        "junk",
    ]
    record = {"items": items}
    html = items_html(lines_of(record))
    assert html == _items_html(items)
    for shown in ("$31.50", "$99.90", "$7.00", "Sin cantidad"):
        assert shown in html
    # The ticket recomputes priced lines fiscally (tax-included prices); its lines are the same.
    lines, _totals = ticket_lines(record)
    assert [line.description for line in lines] == ["Sin total", "Con total", "Sin cantidad"]
    assert lines[0].amount == Decimal("31.50")
