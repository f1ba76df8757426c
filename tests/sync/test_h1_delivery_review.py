"""Defects found reviewing the delivery of queued rows (money path), each reproduced for real.

Against the real sandbox over loopback and a real SQLite file.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.invoicing import queue_invoice
from desktop.sales import SaleRejectedError, queue_payment
from desktop.sandbox import Sandbox
from desktop.store.outbox import Outbox, OutboxKind, OutboxState
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender
from tests.conftest import SANDBOX_KEY
from tests.sync.drive import FAST, drain


def sale_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "03",
        "currency": "MXN",
        "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
    }
    body.update(changes)
    return body


def invoices_for(api: GigstackClient, local_id: str) -> list[Any]:
    return [
        i
        for i in api.invoices.list_income(metadata={"local_id": local_id})
        if (i.metadata or {}).get("local_id") == local_id
    ]


def payment_of(api: GigstackClient, server_id: str | None) -> Any:
    assert server_id
    return api.payments.get(server_id)


def park_first_attempt(outbox: Outbox, row_id: int, why: str) -> None:
    """The row's first attempt, refused by gigstack (a person must fix it)."""
    [claimed] = outbox.claim_due(1)
    assert claimed.id == row_id
    outbox.park(row_id, error=why, status=400)


def test_a_sale_edited_to_ask_for_its_own_invoice_is_not_invoiced_twice(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: the invoice-waits-for-sale check ran only when the invoice was queued. A parked
    sale edited (Cola, JSON tab) to ``automation_type: pue_invoice`` was sent, gigstack stamped
    its CFDI, and then the queued invoice stamped a second CFDI for the same money."""
    sale = queue_payment(outbox, sale_body())
    invoice = queue_invoice(outbox, {"use": "G03"}, payments=[sale.local_id])
    park_first_attempt(outbox, sale.id, "test: gigstack rechazó la venta")
    outbox.edit_parked(sale.id, {**sale.payload, "automation_type": "pue_invoice"})
    drain(sender)
    sent_sale = outbox.get(sale.id)
    assert sent_sale.state is OutboxState.SENT
    assert payment_of(api, sent_sale.server_id).automation_type == "pue_invoice"
    held = outbox.get(invoice.id)
    assert held.state is OutboxState.PARKED
    assert "dos veces" in (held.last_error or "")
    assert invoices_for(api, invoice.local_id) == []


def test_an_invoice_waits_while_its_sale_is_parked_and_goes_once_it_is_fixed(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: an invoice whose sale was parked was parked too, and stayed parked after the
    cashier fixed and sent the sale: nothing sent it until someone noticed and retried it."""
    sale = queue_payment(outbox, sale_body())
    invoice = queue_invoice(outbox, {"use": "G03"}, payments=[sale.local_id])
    park_first_attempt(outbox, sale.id, "test: gigstack rechazó la venta")
    drain(sender)
    waiting = outbox.get(invoice.id)
    assert waiting.state is OutboxState.PENDING  # waits for its sale, not parked
    assert invoices_for(api, invoice.local_id) == []
    outbox.edit_parked(sale.id, sale.payload)  # the cashier fixes the sale, nothing else
    drain(sender)
    sent_sale, sent_invoice = outbox.get(sale.id), outbox.get(invoice.id)
    assert sent_sale.state is OutboxState.SENT
    assert sent_invoice.state is OutboxState.SENT
    found = invoices_for(api, invoice.local_id)
    assert [i.id for i in found] == [sent_invoice.server_id]
    assert (found[0].metadata or {}).get("payments") == sent_sale.server_id


def test_an_invoice_whose_sale_is_discarded_is_parked_with_the_reason(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sale = queue_payment(outbox, sale_body())
    invoice = queue_invoice(outbox, {"use": "G03"}, payments=[sale.local_id])
    park_first_attempt(outbox, sale.id, "test: gigstack rechazó la venta")
    outbox.discard(sale.id, "venta cancelada en el mostrador")
    drain(sender)
    held = outbox.get(invoice.id)
    assert held.state is OutboxState.PARKED
    assert "descartada" in (held.last_error or "")
    assert invoices_for(api, invoice.local_id) == []


@pytest.mark.parametrize("kind", [OutboxKind.REGISTER_PAYMENT, OutboxKind.CREATE_INVOICE])
def test_an_edited_row_keeps_the_local_id_that_proves_it(outbox: Outbox, kind: OutboxKind) -> None:
    """Defect: editing a parked sale or invoice (the Cola's JSON tab) replaced its body as
    typed; a body without ``metadata.local_id`` (or with another row's) was sent without the
    one proof a lookup after a lost answer can use, and could 'prove' another row's record."""
    if kind is OutboxKind.REGISTER_PAYMENT:
        row = queue_payment(outbox, sale_body())
    else:
        row = queue_invoice(
            outbox,
            {
                "client": {"id": "client_demo_juan"},
                "items": [{"id": "service_demo_hojas", "quantity": 1}],
                "payment_form": "01",
                "use": "G03",
            },
        )
    park_first_attempt(outbox, row.id, "test")
    edited = {k: v for k, v in row.payload.items() if k != "metadata"}
    edited["metadata"] = {"local_id": "someone_else", "note": "kept"}
    after = outbox.edit_parked(row.id, edited)
    assert after.payload["metadata"]["local_id"] == row.local_id
    assert after.payload["metadata"]["note"] == "kept"
    if row.folio:
        assert after.payload["metadata"]["folio"] == row.folio
    assert after.idempotency_key != row.idempotency_key


def test_a_409_after_a_lost_answer_parks_with_a_warning_and_an_edit_never_sends_twice(
    sandbox: Sandbox, outbox: Outbox, api: GigstackClient
) -> None:
    """Defect: a sale whose answer was lost, resent and answered 409 ("key already used")
    while gigstack's lookups still missed it was parked with gigstack's words only; nothing
    told the cashier the sale may already be in gigstack before editing it (a new key).
    The parked row keeps its unknown outcome: the edit is looked up before it is sent."""
    from tests.sync.misbehaving import Misbehaving

    with (
        Misbehaving(sandbox) as front,
        GigstackClient(SANDBOX_KEY, base_url=front.base_url) as through_front,
    ):
        sender = Sender(outbox, GigstackDelivery(through_front), backoff=FAST)
        try:
            sale = queue_payment(outbox, sale_body())
            front.conflict_on_reuse = True
            front.miss_lookups = 2  # the lookup before the resend, and the one after 409
            sandbox.faults.set(drop_after_commit=1)
            sender.step()  # registered, answer lost
            assert outbox.get(sale.id).outcome_unknown
            drain(sender)
            parked = outbox.get(sale.id)
            assert parked.state is OutboxState.PARKED and parked.last_status == 409
            assert parked.outcome_unknown
            assert "Puede que gigstack ya la tenga" in (parked.last_error or "")
            assert sale.folio and sale.folio in (parked.last_error or "")
            outbox.edit_parked(sale.id, parked.payload)  # the cashier edits and resends
            drain(sender)
        finally:
            sender.close()
    sent = outbox.get(sale.id)
    assert sent.state is OutboxState.SENT
    found = [
        p
        for p in api.payments.list(metadata={"local_id": sale.local_id})
        if (p.metadata or {}).get("local_id") == sale.local_id
    ]
    assert [p.id for p in found] == [sent.server_id]


def test_a_feeding_systems_key_still_finds_its_sale_after_a_cashier_edited_it(
    outbox: Outbox,
) -> None:
    """Defect: editing a parked row gives it a new key, and `queue add` looked a caller's key up
    in the current keys only: a system feeding the counter that queued its sale again with its
    own key (a retry, a batch run twice) got a second row, and the sale was sent twice."""
    body = sale_body(idempotency_key="erp-venta-000123")
    first = queue_payment(outbox, body)
    # Before any edit, the same key with another sale is refused, never queued.
    with pytest.raises(SaleRejectedError) as caught:
        queue_payment(outbox, sale_body(idempotency_key="erp-venta-000123", payment_form="04"))
    assert caught.value.problems[0].field == "idempotency_key"
    park_first_attempt(outbox, first.id, "test: forma de pago rechazada")
    # The cashier corrects it (a new key): the system's retry still brings its original body.
    outbox.edit_parked(first.id, {**first.payload, "payment_form": "04"})
    again = queue_payment(outbox, body)
    assert again.id == first.id
    assert again.payload["payment_form"] == "04"  # the correction stands
    assert len(outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT)) == 1


def test_an_invoice_key_still_finds_its_invoice_after_a_cashier_edited_it(outbox: Outbox) -> None:
    body = {
        "client": {"id": "client_demo_juan"},
        "items": [{"id": "service_demo_hojas", "quantity": 1}],
        "payment_form": "01",
        "use": "G03",
        "idempotency_key": "erp-factura-000777",
    }
    first = queue_invoice(outbox, body)
    park_first_attempt(outbox, first.id, "test: uso rechazado")
    outbox.edit_parked(first.id, {**first.payload, "use": "G01"})
    again = queue_invoice(outbox, body)
    assert again.id == first.id and again.payload["use"] == "G01"
    assert len(outbox.rows_of_kind(OutboxKind.CREATE_INVOICE)) == 1
