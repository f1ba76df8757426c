"""``client.invoices`` against the sandbox."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import (
    BadRequestError,
    CancelInvoiceRequest,
    ConflictError,
    CreateIncomeInvoiceRequest,
    GigstackClient,
    InvalidRequestError,
    Invoice,
    InvoiceStatus,
    NotFoundError,
)

from .helpers import new_rfc


@pytest.fixture
def invoice_client_id(api: GigstackClient) -> str:
    client = api.clients.create(
        {
            "legal_name": "TORTILLERIA LA ESPERANZA",
            "tax_id": new_rfc(),
            "tax_system": "601",
            "use": "G03",
            "email": "tortilleria@example.com",
            "address": {"zip": "06600", "country": "Mexico"},
        }
    )
    assert client.id
    return client.id


def _invoice_body(client_id: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"id": client_id},
        "items": [
            {
                "description": "Kilo de tortilla",
                "quantity": "2.5",
                "unit_price": "23.40",
                "product_key": "50221300",
                "unit_key": "KGM",
                "taxes": [{"type": "IVA", "rate": "0", "factor": "Tasa"}],
            }
        ],
        "payment_form": "01",
        "payment_method": "PUE",
        "use": "G03",
        "currency": "MXN",
    }
    body.update(extra)
    return body


def test_create_get_files_cancel(api: GigstackClient, invoice_client_id: str) -> None:
    invoice = api.invoices.create_income(
        _invoice_body(invoice_client_id, metadata={"local_id": "inv-1"}),
        idempotency_key="inv-key-0001",
    )
    assert invoice.id
    assert invoice.status in (InvoiceStatus.STAMPED, InvoiceStatus.VALID)
    assert invoice.total == Decimal("58.50")
    assert invoice.created_at is not None
    assert invoice.created_at.tzinfo is not None

    fetched = api.invoices.get_income(invoice.id)
    assert fetched.id == invoice.id

    files = api.invoices.files(invoice.id)
    assert files.pdf
    assert files.xml
    only_pdf = api.invoices.files(invoice.id, file_type="pdf")
    assert only_pdf.pdf
    assert only_pdf.xml is None

    cancelled = api.invoices.cancel(invoice.id, motive="02")
    assert cancelled.status is InvoiceStatus.CANCELED
    # Second cancel: the invoice is already cancelled.
    with pytest.raises(ConflictError):
        api.invoices.cancel(invoice.id, CancelInvoiceRequest(motive="02"))


def test_create_income_replay_with_same_key(api: GigstackClient, invoice_client_id: str) -> None:
    body = _invoice_body(invoice_client_id)
    first = api.invoices.create_income(body, idempotency_key="inv-replay-01")
    second = api.invoices.create_income(body, idempotency_key="inv-replay-01")
    assert first.id == second.id


def test_create_income_with_model(api: GigstackClient, invoice_client_id: str) -> None:
    request = CreateIncomeInvoiceRequest.model_validate(_invoice_body(invoice_client_id))
    invoice = api.invoices.create_income(request)
    assert isinstance(invoice, Invoice)


def test_create_income_errors(api: GigstackClient, invoice_client_id: str, sandbox: Any) -> None:
    before = len(sandbox.requests)
    with pytest.raises(InvalidRequestError):
        api.invoices.create_income({"client": {"id": invoice_client_id}, "items": []})
    with pytest.raises(InvalidRequestError):
        api.invoices.create_income(_invoice_body(invoice_client_id), idempotency_key="bad key!")
    assert len(sandbox.requests) == before
    # Valid shape, refused by the server: PUE with payment form 99.
    with pytest.raises(BadRequestError):
        api.invoices.create_income(_invoice_body(invoice_client_id, payment_form="99"))
    with pytest.raises(NotFoundError):
        api.invoices.create_income(_invoice_body("client_nope"))


def test_list_income_filters(api: GigstackClient, invoice_client_id: str) -> None:
    mine = api.invoices.create_income(
        _invoice_body(invoice_client_id, metadata={"local_id": "inv-list"})
    )
    assert mine.id
    by_client = list(api.invoices.list_income(client_id=invoice_client_id, limit=100))
    assert [i.id for i in by_client] == [mine.id]
    by_meta = api.invoices.list_income_page(metadata={"local_id": "inv-list"})
    assert [i.id for i in by_meta.items] == [mine.id]
    assert all(isinstance(i, Invoice) for i in api.invoices.list_income(limit=50))
    api.invoices.cancel(mine.id, motive="03")
    cancelled = api.invoices.list_income_page(status="canceled", client_id=invoice_client_id)
    assert [i.id for i in cancelled.items] == [mine.id]


def test_list_income_bad_filter(api: GigstackClient) -> None:
    with pytest.raises(BadRequestError):
        api.invoices.list_income_page(order_by="colour")


def test_unknown_invoice(api: GigstackClient) -> None:
    with pytest.raises(NotFoundError):
        api.invoices.get_income("invoice_nope")
    with pytest.raises(NotFoundError):
        api.invoices.files("invoice_nope")
    with pytest.raises(NotFoundError):
        api.invoices.cancel("invoice_nope", motive="02")


def test_cancel_validation_is_local(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.invoices.cancel("invoice_x", motive="01")  # needs substitution_uuid
    with pytest.raises(InvalidRequestError):
        api.invoices.cancel("invoice_x", {"motive": "02"}, motive="02")
    with pytest.raises(InvalidRequestError):
        api.invoices.files("invoice_x", file_type="zip")  # type: ignore[arg-type]
    assert len(sandbox.requests) == 0
