"""Receipt and link models read every spelling gigstack sources use."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.gigstack import (
    CreateReceiptRequest,
    InvalidRequestError,
    Payment,
    Receipt,
    ReceiptStatus,
    RefundRequest,
    StampReceiptRequest,
)
from desktop.gigstack._base import body_json, coerce_body

JAN_31 = datetime(2026, 1, 31, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    "valid_until",
    [
        {"validUntil": 1_769_903_999},
        {"validUntil": 1_769_903_999_000},
        {"validUntil": "2026-01-31T23:59:59Z"},
        {"valid_until": "2026-01-31T17:59:59-06:00"},
        {"validUntil": {"_seconds": 1_769_903_999, "_nanoseconds": 0}},
    ],
)
def test_valid_until_in_every_unit(valid_until: dict[str, object]) -> None:
    receipt = Receipt.model_validate({"id": "receipt_1", **valid_until})
    assert receipt.valid_until == JAN_31


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("pending", ReceiptStatus.PENDING),
        ("open", ReceiptStatus.OPEN),
        ("invoiced", ReceiptStatus.INVOICED),
        ("stamped", ReceiptStatus.STAMPED),
        ("completed", ReceiptStatus.COMPLETED),
        ("expired", ReceiptStatus.EXPIRED),
        ("cancelled", ReceiptStatus.CANCELED),
        ("canceled", ReceiptStatus.CANCELED),
        ("CANCELLED", ReceiptStatus.CANCELED),
        ("in_global_invoice", "in_global_invoice"),
    ],
)
def test_receipt_statuses(status: str, expected: object) -> None:
    assert Receipt.model_validate({"status": status}).status == expected


def test_receipt_fields_and_links() -> None:
    receipt = Receipt.model_validate(
        {
            "id": "receipt_1234567890",
            "client": "client_1",
            "status": "invoiced",
            "total": 1160.0,
            "subtotal": "1000",
            "taxes": 160,
            "currency": "MXN",
            "periodicity": "month",
            "created": 1_767_225_600,
            "url": "https://invoicing.gigstack.pro/autofactura?id=receipt_1234567890",
            "invoice": {"id": "invoice_1", "uuid": "5FB2822E-396D-4725-8521-CDC4BDD20CCF"},
            "invoices": ["invoice_1", "invoice_2"],
            "payments": ["payment_1"],
            "payment_id": "payment_1",
            "global_invoice_id": "invoice_global",
            "brand_new": {"kept": True},
        }
    )
    assert receipt.client is not None and receipt.client.id == "client_1"
    assert receipt.total == Decimal("1160.0") and receipt.subtotal == Decimal(1000)
    assert receipt.created == datetime(2026, 1, 1, tzinfo=UTC)
    assert receipt.invoice_ids == ["invoice_1", "invoice_2", "invoice_global"]
    assert receipt.payment_ids == ["payment_1"]
    assert receipt.is_invoiced and receipt.in_global_invoice and not receipt.is_canceled
    assert receipt.raw["brand_new"] == {"kept": True}


def test_payment_links_in_every_spelling() -> None:
    payment = Payment.model_validate(
        {
            "invoices": [{"id": "invoice_obj"}, "invoice_str"],
            "invoice_id": "invoice_str",
            "invoice": "invoice_single",
            "receipt": {"id": "receipt_9", "url": "https://autofactura/9"},
        }
    )
    assert payment.invoice_ids == ["invoice_obj", "invoice_str", "invoice_single"]
    assert payment.receipt_id == "receipt_9"
    assert payment.receipt_url == "https://autofactura/9"
    # A payment with its own total never takes it from amount.
    both = Payment.model_validate({"total": "10.00", "amount": 99999})
    assert both.total == Decimal("10.00") and not both.total_from_amount


def test_stamp_request_dates_go_as_milliseconds() -> None:
    when = datetime(2026, 1, 2, tzinfo=UTC)
    seconds = int(when.timestamp())
    for given in (when, seconds, seconds * 1000):
        request = coerce_body(StampReceiptRequest, {"stamp_to": "client", "date": given})
        assert body_json(request) == {"stamp_to": "client", "date": seconds * 1000}
    with pytest.raises(InvalidRequestError):
        coerce_body(StampReceiptRequest, {"stamp_to": "client", "date": datetime(2026, 1, 2)})  # noqa: DTZ001


@pytest.mark.parametrize(
    "periodicity", ["day", "week", "two_weeks", "fortnight", "month", "two_months", "bimonth"]
)
def test_every_periodicity_a_gigstack_source_sends(periodicity: str) -> None:
    body = {"client": {"id": "c"}, "items": [{"id": "s", "quantity": 1}]}
    body["periodicity"] = periodicity
    assert body_json(coerce_body(CreateReceiptRequest, body))["periodicity"] == periodicity


def test_refund_reason_defaults_and_amount_is_required() -> None:
    assert body_json(RefundRequest.model_validate({"amount": "5"})) == {
        "amount": Decimal(5),
        "reason": "requested_by_customer",
    }
    assert RefundRequest.model_validate({"amount": 5, "reason": "   "}).reason == (
        "requested_by_customer"
    )
    with pytest.raises(InvalidRequestError):
        coerce_body(RefundRequest, {"reason": "sin monto"})
