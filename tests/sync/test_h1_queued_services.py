"""A service created offline sells at once; the sale goes after it, with its gigstack id.

Against the real sandbox over loopback and a real SQLite file: the service and the sale queued
offline, then back online: the service is created once, the payment registered once with the
service's id; a parked service's sale goes with the line inline (and is never sent again).
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sales import SaleRejectedError, queue_payment
from desktop.sandbox import Sandbox
from desktop.store.outbox import Outbox, OutboxItem, OutboxKind, OutboxState
from desktop.sync.sender import Sender, SenderState
from tests.sync.drive import drain

IVA = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "withholding": False}]


def queue_service(outbox: Outbox, sku: str, **changes: Any) -> OutboxItem:
    """What the Servicios page queues (`ServiceDialog.body`, serial key by SKU)."""
    body: dict[str, Any] = {
        "description": f"Engargolado {sku}",
        "sku": sku,
        "unit_price": "40.00",
        "product_key": "82121700",
        "unit_key": "H87",
        "unit_name": "Pieza",
        "taxes": IVA,
    }
    body.update(changes)
    return outbox.enqueue(OutboxKind.CREATE_SERVICE, body, serial_key=f"service:{sku}")


def sale_of(service: OutboxItem, price: str = "50.00", quantity: str = "2") -> dict[str, Any]:
    """A counter sale of the queued service: the line names it by its local id."""
    return {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "01",
        "currency": "MXN",
        "items": [
            {"id": service.local_id, "quantity": quantity, "unit_price": price, "taxes": IVA},
            {"id": "service_demo_hojas", "quantity": "1", "unit_price": "105.00", "taxes": IVA},
        ],
    }


def services_with_sku(api: GigstackClient, sku: str) -> list[dict[str, Any]]:
    return [
        s.model_dump(mode="json", exclude_none=True)
        for s in api.services.list(sort="desc")
        if s.sku == sku
    ]


def payments_for(api: GigstackClient, local_id: str) -> list[dict[str, Any]]:
    found = []
    for payment in api.payments.list(metadata={"local_id": local_id}):
        record = payment.model_dump(mode="json", exclude_none=True)
        if (record.get("metadata") or {}).get("local_id") == local_id:
            found.append(record)
    return found


def test_a_service_created_offline_sells_and_goes_first_with_its_id(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.go_down()
    try:
        service = queue_service(outbox, "ENG-H1-1")
        sale = queue_payment(outbox, sale_of(service))
        sender.step()
        assert sender.state is SenderState.OFFLINE
    finally:
        sandbox.come_up()
    queued = outbox.get(sale.id).payload
    line = queued["items"][0]
    assert "id" not in line  # inline until gigstack has the service
    assert line["description"] == "Engargolado ENG-H1-1" and line["sku"] == "ENG-H1-1"
    assert (line["unit_price"], line["quantity"]) == ("50.00", "2")  # what was charged
    assert queued["metadata"]["service_local_ids"] == service.local_id
    # The service's answer is lost once: looked up, never created twice.
    sandbox.faults.set(drop_after_commit=1)
    drain(sender)
    sent_service, sent_sale = outbox.get(service.id), outbox.get(sale.id)
    assert sent_service.state is OutboxState.SENT and sent_sale.state is OutboxState.SENT
    assert [s["id"] for s in services_with_sku(api, "ENG-H1-1")] == [sent_service.server_id]
    [payment] = payments_for(api, sale.local_id)
    assert payment["id"] == sent_sale.server_id
    first, second = payment["items"]
    assert first["id"] == sent_service.server_id
    assert float(first["unit_price"]) == 50.0 and float(first["quantity"]) == 2.0
    assert second["id"] == "service_demo_hojas"
    # What went is what the row now holds: a resend would be the same request.
    assert sent_sale.payload["items"][0]["id"] == sent_service.server_id
    assert "service_local_ids" not in sent_sale.payload["metadata"]
    assert any(e.action == "settled" for e in outbox.audit(sale.id))


def test_a_parked_service_does_not_hold_the_sale_its_line_goes_inline(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    # Refused as it is (metadata must be an object): it is parked for a person.
    service = queue_service(outbox, "ENG-H1-2", metadata="no es un objeto")
    sale = queue_payment(outbox, sale_of(service, price="45.50", quantity="1"))
    drain(sender)
    parked, sent_sale = outbox.get(service.id), outbox.get(sale.id)
    assert parked.state is OutboxState.PARKED and parked.last_error
    assert sent_sale.state is OutboxState.SENT
    [payment] = payments_for(api, sale.local_id)
    line = payment["items"][0]
    assert not str(line.get("id") or "").startswith("service_")
    assert line["description"] == "Engargolado ENG-H1-2"
    assert float(line["unit_price"]) == 45.5
    assert services_with_sku(api, "ENG-H1-2") == []
    # The service fixed later is created once; the sale is not sent again.
    fixed = {k: v for k, v in parked.payload.items() if k != "metadata"}
    outbox.edit_parked(service.id, fixed)
    drain(sender)
    assert len(services_with_sku(api, "ENG-H1-2")) == 1
    assert len(payments_for(api, sale.local_id)) == 1
    assert outbox.get(sale.id).attempts == 1


def test_a_discarded_service_sells_inline_and_the_sale_never_waits(
    outbox: Outbox, sender: Sender, api: GigstackClient
) -> None:
    service = queue_service(outbox, "ENG-H1-3")
    outbox.discard(service.id, "se capturó mal")
    sale = queue_payment(outbox, sale_of(service))
    assert "service_local_ids" not in outbox.get(sale.id).payload.get("metadata", {})
    drain(sender)
    assert outbox.get(sale.id).state is OutboxState.SENT
    [payment] = payments_for(api, sale.local_id)
    assert payment["items"][0]["description"] == "Engargolado ENG-H1-3"
    assert services_with_sku(api, "ENG-H1-3") == []


def test_a_service_already_sent_gives_its_id_when_the_sale_is_queued(outbox: Outbox) -> None:
    service = queue_service(outbox, "ENG-H1-4")
    [claimed] = outbox.claim_due(1)
    outbox.mark_sent(claimed.id, "service_h1_sent", {"id": "service_h1_sent"})
    sale = queue_payment(outbox, sale_of(service))
    line = sale.payload["items"][0]
    assert line == {"id": "service_h1_sent", "quantity": "2", "unit_price": "50.00", "taxes": IVA}
    assert "service_local_ids" not in sale.payload["metadata"]


@pytest.mark.parametrize("json_functions", [True, False])
def test_a_sale_is_claimed_only_after_its_queued_services(
    outbox: Outbox, json_functions: bool
) -> None:
    from desktop.store import outbox as outbox_module

    if not json_functions:  # an SQLite build without JSON functions takes the plain clause
        outbox._waits = outbox_module._WAITS_FOR_A_SALE_PLAIN_SQL
    service = queue_service(outbox, "ENG-H1-5")
    plain = queue_payment(
        outbox,
        {**sale_of(service), "items": [{"id": "service_demo_hojas", "quantity": "1"}]},
    )
    sale = queue_payment(outbox, sale_of(service))
    assert [c.id for c in outbox.claim_due(10)] == [service.id, plain.id]
    assert outbox.claim_due(10) == []  # the service is in flight
    outbox.mark_retry(service.id, error="test", delay=30)
    assert outbox.claim_due(10) == []  # ... then waiting
    assert outbox.next_due_at() == outbox.get(service.id).next_attempt_at
    outbox.retry_now(service.id)
    outbox.claim_due(1)
    outbox.park(service.id, error="test: rechazado")
    # Parked: the sale no longer waits (the sender sends its line inline).
    assert [c.id for c in outbox.claim_due(10)] == [sale.id]


def test_a_line_naming_an_unknown_or_foreign_queued_row_is_refused(outbox: Outbox) -> None:
    client_row = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Papelería"})
    other_team = outbox.enqueue(
        OutboxKind.CREATE_SERVICE, {"description": "X", "sku": "X1", "unit_price": "1"}, team="t2"
    )
    for row, words in (
        (client_row, "no es un servicio de la Cola"),
        (other_team, "otro equipo"),
    ):
        with pytest.raises(SaleRejectedError) as caught:
            queue_payment(outbox, sale_of(row))
        assert [p.field for p in caught.value.problems] == ["items.0.id"]
        assert words in str(caught.value)
    unknown = {**sale_of(client_row)}
    unknown["items"] = [{"id": "0" * 32, "quantity": "1", "unit_price": "1"}]
    with pytest.raises(SaleRejectedError):
        queue_payment(outbox, unknown)
    assert outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT) == []
