"""``client.payments`` against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import (
    AutomationType,
    BadRequestError,
    ConflictError,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    Payment,
    PaymentStatus,
    RegisterPaymentRequest,
)

from .helpers import new_rfc, register_body


@pytest.fixture
def ids(api: GigstackClient) -> tuple[str, str]:
    """(client id, service id) from a fresh client with full fiscal data and a service."""
    client = api.clients.create(
        {
            "legal_name": "PAPELERIA EL LAPIZ",
            "tax_id": new_rfc(),
            "tax_system": "601",
            "use": "G03",
            "address": {"zip": "03100"},
            "email": "lapiz@example.com",
        }
    )
    service = api.services.create(
        {
            "description": "Cuaderno profesional",
            "unit_price": "1000",
            "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa"}],
        }
    )
    assert client.id
    assert service.id
    return client.id, service.id


def test_register_pue_creates_invoice(api: GigstackClient, ids: tuple[str, str]) -> None:
    client_id, service_id = ids
    payment = api.payments.register(
        register_body(
            client_id,
            service_id,
            automation_type="pue_invoice",
            payment_form="03",
            metadata={"local_id": "sale-1"},
        ),
        idempotency_key="reg-key-00001",
    )
    assert isinstance(payment, Payment)
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.automation_type is AutomationType.PUE_INVOICE
    assert payment.total == Decimal("1160")
    assert payment.subtotal == Decimal("1000")
    assert payment.taxes == Decimal("160")
    assert payment.invoice_ids, "pue_invoice links an invoice"
    assert payment.created_at is not None
    assert payment.created_at.tzinfo is UTC
    invoice = api.invoices.get_income(payment.invoice_ids[0])
    assert invoice.id == payment.invoice_ids[0]


def test_register_same_key_returns_same_payment(
    api: GigstackClient, ids: tuple[str, str], sandbox: Any
) -> None:
    body = RegisterPaymentRequest.model_validate(register_body(*ids))
    first = api.payments.register(body, idempotency_key="same-key-0001")
    second = api.payments.register(body, idempotency_key="same-key-0001")
    assert first.id == second.id
    sent = [r for r in sandbox.requests if r.path.endswith("/payments/register")]
    assert [r.json["idempotency_key"] for r in sent] == ["same-key-0001", "same-key-0001"]
    # Same key, different body: the server refuses.
    with pytest.raises(ConflictError):
        api.payments.register(
            register_body(*ids, payment_form="04"), idempotency_key="same-key-0001"
        )


def test_register_requires_key_and_valid_body(
    api: GigstackClient, ids: tuple[str, str], sandbox: Any
) -> None:
    before = len(sandbox.requests)
    with pytest.raises(TypeError):
        api.payments.register(register_body(*ids))  # type: ignore[call-arg]
    with pytest.raises(InvalidRequestError):
        api.payments.register(register_body(*ids), idempotency_key=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError):
        api.payments.register(register_body(*ids, payment_form="3"), idempotency_key="k-0000001")
    with pytest.raises(InvalidRequestError):
        api.payments.register(
            register_body(*ids, items=[{"id": ids[1], "quantity": 0}]), idempotency_key="k-0000002"
        )
    assert len(sandbox.requests) == before


def test_register_server_rejections(api: GigstackClient, ids: tuple[str, str]) -> None:
    with pytest.raises(NotFoundError):
        api.payments.register(register_body("client_nope", ids[1]), idempotency_key="k-0000003")
    # Right shape, refused by the server: 99 ("por definir") cannot go on a PUE invoice.
    with pytest.raises(BadRequestError) as info:
        api.payments.register(
            register_body(*ids, automation_type="pue_invoice", payment_form="99"),
            idempotency_key="k-0000004",
        )
    assert info.value.status == 400
    assert info.value.message


def test_list_by_metadata_local_id(api: GigstackClient, ids: tuple[str, str], sandbox: Any) -> None:
    for n in range(3):
        api.payments.register(
            register_body(*ids, metadata={"local_id": f"L-{n}"}),
            idempotency_key=f"meta-key-{n:04d}",
        )
    found = list(api.payments.list(metadata={"local_id": "L-1"}))
    assert len(found) == 1
    assert found[0].metadata == {"local_id": "L-1"}
    logged = [r for r in sandbox.requests if r.method == "GET" and r.path.endswith("/payments")]
    assert logged
    assert logged[-1].query.get("metadata.local_id") == "L-1"
    assert api.payments.list_page(metadata={"local_id": "nope"}).items == []


def test_list_filters(api: GigstackClient, ids: tuple[str, str]) -> None:
    client_id, _ = ids
    api.payments.register(register_body(*ids), idempotency_key="filter-key-01")
    page = api.payments.list_page(
        limit=10,
        client_id=client_id,
        status="succeeded",
        currency="MXN",
        email="lapiz@example.com",
        created_gte=datetime(2020, 1, 1, tzinfo=UTC),
        created_lte=4102444800,
        sort="asc",
    )
    assert len(page.items) == 1
    assert page.items[0].client is not None
    assert page.items[0].client.id == client_id
    assert list(api.payments.list(created_gte=4102444800)) == []


def test_get_and_cancel(api: GigstackClient, ids: tuple[str, str]) -> None:
    payment = api.payments.register(register_body(*ids), idempotency_key="cancel-key-01")
    assert payment.id
    assert api.payments.get(payment.id).id == payment.id
    cancelled = api.payments.cancel(payment.id)
    assert cancelled.status is PaymentStatus.CANCELED
    with pytest.raises(ConflictError):
        api.payments.cancel(payment.id)
    with pytest.raises(NotFoundError):
        api.payments.get("payment_nope")
    with pytest.raises(NotFoundError):
        api.payments.cancel("payment_nope")


def test_request_mark_paid_refund(api: GigstackClient, ids: tuple[str, str]) -> None:
    client_id, service_id = ids
    requested = api.payments.request(
        {
            "client": {"id": client_id},
            "items": [{"id": service_id, "quantity": 2}],
            "automation_type": "none",
            "allowed_payment_methods": ["card", "bank"],
            "currency": "MXN",
        },
        idempotency_key="request-key-01",
    )
    assert requested.id
    assert requested.status is PaymentStatus.REQUIRES_PAYMENT_METHOD
    assert requested.short_url
    assert requested.total == Decimal("2320")

    paid = api.payments.mark_paid(
        requested.id, payment_form="28", date=datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    )
    assert paid.status is PaymentStatus.SUCCEEDED
    assert paid.succeeded_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    with pytest.raises(ConflictError):  # already paid
        api.payments.mark_paid(requested.id, {"payment_form": "28"})

    partly = api.payments.refund(requested.id, amount=Decimal("320.50"), reason="devolución")
    assert partly.status not in (PaymentStatus.SUCCEEDED,)
    # REFERENCE §16.2: amount and reason always go out; the client never guesses an amount.
    with pytest.raises(InvalidRequestError, match="amount"):
        api.payments.refund(requested.id)
    rest = api.payments.refund(requested.id, {"amount": "1999.50"})  # no reason given
    assert rest.status is PaymentStatus.REFUNDED
    with pytest.raises((ConflictError, BadRequestError)):
        api.payments.refund(requested.id, {"amount": "1"})


def test_request_errors(api: GigstackClient, ids: tuple[str, str], sandbox: Any) -> None:
    body = {
        "client": {"id": ids[0]},
        "items": [{"id": ids[1], "quantity": 1}],
        "automation_type": "none",
        "allowed_payment_methods": ["cash"],
    }
    before = len(sandbox.requests)
    with pytest.raises(InvalidRequestError):
        api.payments.request(body)
    assert len(sandbox.requests) == before
    with pytest.raises(NotFoundError):
        api.payments.request(
            {**body, "allowed_payment_methods": ["card"], "client": {"id": "client_nope"}}
        )


def test_mark_paid_and_refund_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        api.payments.mark_paid("payment_x", payment_form="cash")
    with pytest.raises(InvalidRequestError):
        api.payments.refund("payment_x", amount=Decimal(0))
    assert len(sandbox.requests) == 0
    with pytest.raises(NotFoundError):
        api.payments.mark_paid("payment_nope", payment_form="01")
    with pytest.raises(NotFoundError):
        api.payments.refund("payment_nope", amount=Decimal(1))


def test_list_errors(api: GigstackClient, sandbox: Any) -> None:
    with pytest.raises(InvalidRequestError):
        list(api.payments.list(limit=1000))
    assert len(sandbox.requests) == 0
    with pytest.raises(BadRequestError):
        api.payments.list_page(next="not-a-cursor")
