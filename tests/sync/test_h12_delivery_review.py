"""Hostile review of the delivery path (nothing lost, nothing twice), each defect reproduced.

Against the real sandbox over loopback and a real SQLite file.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.invoicing import queue_invoice
from desktop.sales import SaleRejectedError, queue_payment
from desktop.store.outbox import Outbox, OutboxItem, OutboxKind, OutboxState
from desktop.sync.sender import Sender
from tests.sync.drive import drain

IVA = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "withholding": False}]


def queue_service(outbox: Outbox, sku: str) -> OutboxItem:
    body: dict[str, Any] = {
        "description": f"Engargolado {sku}",
        "sku": sku,
        "unit_price": "40.00",
        "product_key": "82121700",
        "unit_key": "H87",
        "unit_name": "Pieza",
        "taxes": IVA,
    }
    return outbox.enqueue(OutboxKind.CREATE_SERVICE, body, serial_key=f"service:{sku}")


def sale_of(service: OutboxItem, key: str) -> dict[str, Any]:
    """A feeding system's sale of a queued service, under its own idempotency key. The line
    leaves the price out (the service's own, REFERENCE §2.13)."""
    return {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "01",
        "currency": "MXN",
        "items": [{"id": service.local_id, "quantity": "2"}],
        "idempotency_key": key,
    }


def payments_for(api: GigstackClient, local_id: str) -> list[Any]:
    return [
        p
        for p in api.payments.list(metadata={"local_id": local_id})
        if (p.metadata or {}).get("local_id") == local_id
    ]


def test_a_callers_retry_finds_its_sale_after_the_service_it_sells_was_sent(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: a sale of a queued service, queued again under the caller's own key (its answer
    was lost) after the service had gone, was refused as "another sale under that key" (the
    retry resolved the line to the service's id, the row still held it inline, or settled it
    with the service's price): a feeding system that then takes a fresh key sells it twice."""
    service = queue_service(outbox, "ENG-H12-1")
    body = sale_of(service, "erp-venta-h12-1")
    sale = queue_payment(outbox, body)
    # The service goes first; the sale, not yet (its answer is retried before it is claimed).
    [claimed] = outbox.claim_due(4)
    assert claimed.id == service.id
    # (an id gigstack knows: the sandbox checks it when the sale goes)
    outbox.mark_sent(service.id, "service_demo_hojas", {"id": "service_demo_hojas"})
    again = queue_payment(outbox, dict(body))
    assert again.id == sale.id
    drain(sender)
    assert outbox.get(sale.id).state is OutboxState.SENT
    # ... and once it was settled and sent.
    again = queue_payment(outbox, dict(body))
    assert again.id == sale.id
    assert len(outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT)) == 1
    assert len(payments_for(api, sale.local_id)) == 1


def test_a_callers_retry_is_still_refused_when_it_is_another_sale(outbox: Outbox) -> None:
    service = queue_service(outbox, "ENG-H12-2")
    body = sale_of(service, "erp-venta-h12-2")
    queue_payment(outbox, body)
    [claimed] = outbox.claim_due(4)
    outbox.mark_sent(claimed.id, "service_h12_2", {"id": "service_h12_2"})
    other = {**body, "items": [{"id": service.local_id, "quantity": "3"}]}
    try:
        queue_payment(outbox, other)
    except SaleRejectedError:
        pass
    else:
        raise AssertionError("a different sale under the same key was accepted")


def test_a_sale_key_that_was_an_edited_invoices_key_never_swallows_the_sale(
    outbox: Outbox,
) -> None:
    """Defect: the history lookup of a caller's key (an edit takes a new one) returned any
    row: a feeding system whose sale came with the key its invoice had before a cashier edited
    that invoice got the invoice row back as "your sale", and the sale was never queued."""
    paid = queue_payment(
        outbox,
        {
            "client": {"id": "client_demo_juan"},
            "automation_type": "none",
            "payment_form": "03",
            "currency": "MXN",
            "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
        },
    )
    invoice = queue_invoice(
        outbox, {"use": "G03", "idempotency_key": "erp-pedido-h12-3"}, payments=[paid.local_id]
    )
    outbox.park(outbox.claim_due(1)[0].id, error="test: rechazada", status=400)  # the sale
    outbox.retry_now(paid.id)
    [first] = outbox.claim_due(1)
    outbox.mark_sent(first.id, "payment_h12_3", {"id": "payment_h12_3"})
    [claimed] = outbox.claim_due(1)
    assert claimed.id == invoice.id
    outbox.park(invoice.id, error="test: uso rechazado", status=400)
    outbox.edit_parked(invoice.id, {**outbox.get(invoice.id).payload, "use": "G01"})
    sale = {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "03",
        "currency": "MXN",
        "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "99.00"}],
        "idempotency_key": "erp-pedido-h12-3",
    }
    # Refused in words (the key names another operation): the caller knows it was not queued.
    with pytest.raises(SaleRejectedError) as refused:
        queue_payment(outbox, sale)
    assert refused.value.problems[0].field == "idempotency_key"
    assert len(outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT)) == 1


def a_sale(**metadata: Any) -> dict[str, Any]:
    return {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "03",
        "currency": "MXN",
        "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
        "metadata": metadata,
    }


def test_a_stray_value_in_a_wait_key_never_stops_the_queue(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: the claim built a JSON array from ``metadata.service_local_ids`` (and an
    invoice's ``payment_local_ids``) by pasting text; a quote there (a feeding system's own
    metadata) or a list (an edit in the Cola's JSON tab) made it malformed, and every claim
    failed as "la base de datos local está dañada": no sale of the terminal was sent again."""
    odd = queue_payment(outbox, a_sale(service_local_ids='pedido "7"'))
    fine = queue_payment(outbox, a_sale(pedido="8"))
    assert outbox.next_due_at() is not None  # reading the queue works
    drain(sender)
    for sale in (odd, fine):
        sent = outbox.get(sale.id)
        assert sent.state is OutboxState.SENT, sent.last_error
        assert len(payments_for(api, sale.local_id)) == 1


def test_a_list_typed_into_a_wait_key_never_stops_the_queue(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    edited = queue_payment(outbox, a_sale(pedido="9"))
    [claimed] = outbox.claim_due(1)
    outbox.park(claimed.id, error="test: rechazada", status=400)
    metadata = {**edited.payload["metadata"], "service_local_ids": ["no", "es", "texto"]}
    outbox.edit_parked(edited.id, {**edited.payload, "metadata": metadata})
    fine = queue_payment(outbox, a_sale(pedido="10"))
    drain(sender)
    assert outbox.get(fine.id).state is OutboxState.SENT
    assert len(payments_for(api, fine.local_id)) == 1
    # The edited sale went, or is parked for a person with gigstack's words: never stuck.
    done = outbox.get(edited.id)
    assert done.state in (OutboxState.SENT, OutboxState.PARKED)
    assert len(payments_for(api, edited.local_id)) == (done.state is OutboxState.SENT)


def test_a_sale_told_to_wait_for_a_row_that_is_no_service_never_waits_for_itself(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: the claim waits only for queued *service* creations, the sender for any row the
    ids named: a sale whose ``service_local_ids`` named a row of another kind (its own local id,
    typed in the Cola's JSON tab) was claimed, told to wait for itself (it is 'sending'), and
    retried so forever, never delivered."""
    sale = queue_payment(outbox, a_sale(pedido="11"))
    [claimed] = outbox.claim_due(1)
    outbox.park(claimed.id, error="test: rechazada", status=400)
    metadata = {**sale.payload["metadata"], "service_local_ids": sale.local_id}
    outbox.edit_parked(sale.id, {**sale.payload, "metadata": metadata})
    assert sender.step() == 1
    sent = outbox.get(sale.id)
    assert sent.state is OutboxState.SENT, sent.last_error
    assert len(payments_for(api, sale.local_id)) == 1
    assert "service_local_ids" not in sent.payload["metadata"]
