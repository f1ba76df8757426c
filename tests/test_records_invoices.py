"""InvoiceView: income invoices read once, leniently, from every shape gigstack answers with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.records.invoices import InvoiceView, epoch, fiscal_uuid, invoice_folio
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY


def test_documented_list_record() -> None:
    # REFERENCE §5.1's example: the id is `uuid`, taxes a number, no stamp uuid.
    view = InvoiceView.from_record(
        {
            "uuid": "invoice_1234567890",
            "client": {"id": "client_1", "name": "Juan Pérez García", "tax_id": "PEGJ800101ABC"},
            "folio_number": 123,
            "series": "A",
            "invoice_type": "I",
            "total": 1160.0,
            "subtotal": 1000.0,
            "taxes": 160.0,
            "currency": "MXN",
            "payment_method": "PUE",
            "status": "valid",
            "created_at": 1677651234,
            "stamp": {"stamp_at": 1677651234, "sello": "ABC123"},
        }
    )
    assert view.id == "invoice_1234567890"
    assert view.folio == "A-123"
    assert view.fiscal_uuid == ""  # `uuid` holds gigstack's id, not a SAT folio fiscal
    assert (view.total, view.subtotal, view.taxes) == (
        Decimal("1160.0"),
        Decimal("1000.0"),
        Decimal("160.0"),
    )
    assert view.client_name == "Juan Pérez García" and view.client.rfc == "PEGJ800101ABC"
    assert view.created == 1677651234.0 and view.stamped_at == 1677651234.0
    assert view.status == "valid" and not view.cancelled
    assert view.payments == () and view.cancellation is None


def test_create_answer_status_taxes_list_complements_and_links() -> None:
    view = InvoiceView.from_record(
        {
            "id": "invoice_9",
            "uuid": "A1B2C3D4-0000-4000-8000-00000000000F",
            "status": "stamped",
            "taxes": [{"amount": "10.00"}, {"amount": "6.00"}, "junk"],
            "payment_method": "PPD",
            "last_balance": "116.00",
            "payment_complements": [{"id": "c1"}, {"id": "c2"}],
            "payments": ["pay_1", {"id": "pay_2"}, 7],
            "metadata": {"payments": "pay_2,pay_3"},
            "items": [{"description": "Hojas", "unit_price": "10", "quantity": "2"}, "junk"],
            "created_at": "2026-11-27T10:00:00Z",
            "cancellation": {"motive": "02", "cancelled_at": 1700000000},
        }
    )
    assert view.status == "valid"
    assert view.fiscal_uuid == "A1B2C3D4-0000-4000-8000-00000000000F"
    assert view.folio == "nvoice_9"  # no series/folio yet: the id's tail
    assert view.taxes == Decimal("16.00")
    assert view.complements == 2 and view.last_balance == Decimal("116.00")
    assert view.payments == ("pay_1", "pay_2", "pay_3")
    assert [line.amount for line in view.lines] == [Decimal("20.00")]
    assert view.created is not None
    assert view.cancellation is not None and view.cancellation.motive == "02"


def test_stamp_uuid_wins_and_cancelled_spellings_are_one() -> None:
    record = {"id": "invoice_1", "uuid": "x", "stamp": {"uuid": "U-1"}, "status": "canceled"}
    view = InvoiceView.from_record(record)
    assert view.fiscal_uuid == "U-1" == fiscal_uuid(record)
    assert view.cancelled
    assert invoice_folio({"folio_number": 7}) == "7"
    assert invoice_folio({}) == "—"


@pytest.mark.parametrize(
    "record",
    [
        None,
        "junk",
        [],
        {"total": "abc", "taxes": {"x": 1}, "client": "client_1", "items": "none"},
        {"payment_complements": True, "cancellation": "yes", "stamp": [1], "created_at": [1]},
        {"total": float("nan"), "series": {"a": 1}, "folio_number": None, "status": None},
        {"created_at": {"_seconds": 1700000000, "_nanoseconds": 0}, "payments": "pay_1"},
    ],
)
def test_never_raises_on_odd_records(record: Any) -> None:
    view = InvoiceView.from_record(record)
    assert view.total is None or isinstance(view.total, Decimal)
    assert isinstance(view.folio, str) and isinstance(view.client_name, str)
    assert view.complements >= 0


def test_epoch_reads_every_timestamp_shape() -> None:
    assert epoch(5) == 5.0
    assert epoch({"_seconds": 9}) == 9.0
    assert epoch("2026-01-01T00:00:00+00:00") == 1767225600.0
    assert epoch("mañana") is None and epoch(True) is None and epoch("") is None


def test_every_sandbox_invoice_reads(sandbox: Sandbox) -> None:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        records = [
            i.model_dump(mode="json", by_alias=True, exclude_none=True)
            for i in api.invoices.list_income(limit=100)
        ]
    assert records
    for record in records:
        view = InvoiceView.from_record(record)
        assert view.id and view.folio != "—"
        assert view.total is not None and view.total > 0
        assert view.fiscal_uuid  # the sandbox stamps every invoice
        assert view.status in ("valid", "cancelled")
