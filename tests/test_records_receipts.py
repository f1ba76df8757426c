"""desktop.records.receipts: receipts read once, leniently, in every shape seen (§7, §16.1)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.records.receipts import ReceiptView, receipt_status


def test_a_documented_receipt() -> None:
    record = {
        "id": "receipt_1",
        "client": {"id": "client_1", "name": "Ana López", "tax_id": "LOAA800101AB1"},
        "status": "pending",
        "total": 116,
        "subtotal": "100.00",
        "taxes": 16,
        "currency": "MXN",
        "periodicity": "month",
        "payment_form": "01",
        "created": 1764000000,
        "validUntil": 1766592000,
        "url": "https://invoicing.gigstack.pro/autofactura?id=receipt_1",
        "payment_id": "payment_1",
    }
    view = ReceiptView.from_record(record)
    assert view.id == "receipt_1"
    assert view.status == "pending" and view.is_open and view.for_global
    assert not (view.invoiced or view.cancelled or view.in_global)
    assert (view.total, view.subtotal, view.taxes) == (Decimal(116), Decimal("100.00"), 16)
    assert view.created == 1764000000 and view.valid_until == 1766592000
    assert view.url.endswith("id=receipt_1")
    assert view.client_name == "Ana López" and view.client.rfc == "LOAA800101AB1"
    assert view.payment_ids == ("payment_1",)
    assert view.invoice_ids == () and view.global_invoice_id is None
    assert view.raw is record


def test_our_clients_names_and_other_spellings() -> None:
    view = ReceiptView.from_record(
        {
            "uuid": "receipt_2",
            "status": "Canceled",
            "created_at": "2026-11-24T20:05:00Z",
            "valid_until": 1766592000000,  # milliseconds
            "self_invoice_url": "https://example.test/r2",
            "amount": 5000,  # cents, no total
            "taxes": [{"amount": "6.90"}, {"amount": "1.00"}],
            "client": "Público en general",
            "payments": [{"id": "payment_2"}, "payment_3", "payment_2"],
        }
    )
    assert view.id == "receipt_2"
    assert view.status == "cancelled" and view.cancelled and not view.is_open
    assert view.created == datetime(2026, 11, 24, 20, 5, tzinfo=UTC).timestamp()
    assert view.valid_until == 1766592000
    assert view.url == "https://example.test/r2"
    assert view.total == Decimal("50.00") and view.taxes == Decimal("7.90")
    assert view.client_name == "Público en general"
    assert view.payment_ids == ("payment_2", "payment_3")


def test_invoiced_and_global_receipts() -> None:
    stamped = ReceiptView.from_record(
        {"status": "stamped", "invoice_id": "inv_1", "invoices": [{"uuid": "U-1"}, "inv_1"]}
    )
    assert stamped.invoiced and not stamped.for_global
    assert stamped.invoice_ids == ("inv_1", "U-1")
    expired = ReceiptView.from_record({"status": "expired", "invoices": ["glob_1"]})
    assert expired.for_global and not expired.is_open
    grouped = ReceiptView.from_record(
        {"status": "expired", "global_invoice_id": "glob_1", "invoices": ["glob_1"]}
    )
    # In the global invoice already: not pending for it, and not listed as its own CFDI.
    assert grouped.in_global and not grouped.for_global
    assert grouped.global_invoice_id == "glob_1" and grouped.invoice_ids == ()
    embedded = ReceiptView.from_record({"status": "completed", "global_invoice": {"id": "g2"}})
    assert embedded.in_global and embedded.global_invoice_id == "g2"


@pytest.mark.parametrize(
    "record",
    [
        None,
        "receipt_1",
        [],
        {},
        {"id": None, "status": None, "total": "abc", "client": None, "validUntil": "soon"},
        {"total": float("nan"), "created": {"_seconds": "x"}, "invoices": "inv", "url": None},
        {"client": ["x"], "payments": {"id": 1}, "taxes": "n/a", "global_invoice_id": []},
    ],
)
def test_never_raises_on_odd_records(record: object) -> None:
    view = ReceiptView.from_record(record)
    assert view.total is None and view.url == "" and view.valid_until is None
    assert view.currency == "MXN"
    assert view.global_invoice_id is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("pending", "pending"), ("OPEN", "open"), ("canceled", "cancelled"), (None, ""), (3, "3")],
)
def test_status_spellings(value: object, expected: str) -> None:
    assert receipt_status(value) == expected
