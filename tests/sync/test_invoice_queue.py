"""Income invoices through the outbox (issue 11): queued offline, stamped once when back.

Against the real sandbox over loopback and a real SQLite file: offline queueing, one CFDI after
a dropped answer (`drop_after_commit`), refusals parked with gigstack's reason, and an invoice
from a sale still in the queue waiting for that sale's gigstack id.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.invoicing import InvoiceRejectedError, check_invoice, queue_invoice
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.outbox import Outbox, OutboxKind, OutboxState
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender, SenderState
from tests.conftest import SANDBOX_KEY
from tests.sync.drive import FAST, drain


def invoice_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"id": "client_demo_juan"},
        "items": [{"id": "service_demo_hojas", "quantity": 2}],
        "payment_method": "PUE",
        "payment_form": "01",
        "use": "G03",
        "currency": "MXN",
        "automation_type": "pue_invoice",
    }
    body.update(changes)
    return body


def invoices_for(api: GigstackClient, local_id: str) -> list[Any]:
    return [
        i
        for i in api.invoices.list_income(metadata={"local_id": local_id})
        if (i.metadata or {}).get("local_id") == local_id
    ]


def test_queued_offline_and_stamped_once_when_back(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.go_down()
    try:
        row = queue_invoice(outbox, invoice_body(series="MOS"))
        sender.step()
        assert sender.state is SenderState.OFFLINE
        queued = outbox.get(row.id)
        assert queued.state is OutboxState.PENDING
        assert queued.kind is OutboxKind.CREATE_INVOICE
        assert queued.payload["metadata"]["local_id"] == row.local_id
        assert queued.idempotency_key == row.idempotency_key
    finally:
        sandbox.come_up()
    drain(sender)
    sent = outbox.get(row.id)
    assert sent.state is OutboxState.SENT
    found = invoices_for(api, row.local_id)
    assert [i.id for i in found] == [sent.server_id]
    assert found[0].series == "MOS"
    # The key went with the request: a second delivery of the same row is a replay.
    again = api.invoices.create_income(
        {k: v for k, v in sent.payload.items()}, idempotency_key=row.idempotency_key
    )
    assert again.id == sent.server_id
    assert len(invoices_for(api, row.local_id)) == 1


def test_a_dropped_answer_never_stamps_twice(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    rows = [queue_invoice(outbox, invoice_body()) for _ in range(2)]
    sandbox.faults.set(drop_after_commit=2)
    sender.step()
    assert all(outbox.get(r.id).outcome_unknown for r in rows)
    drain(sender)
    for row in rows:
        sent = outbox.get(row.id)
        assert sent.state is OutboxState.SENT
        assert [i.id for i in invoices_for(api, row.local_id)] == [sent.server_id]


def test_refused_by_gigstack_is_parked_with_the_reason(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    # Valid here, unknown to gigstack: only the server can say so.
    row = queue_invoice(outbox, invoice_body(client={"id": "client_does_not_exist"}))
    good = queue_invoice(outbox, invoice_body())
    drain(sender)
    parked = outbox.get(row.id)
    assert parked.state is OutboxState.PARKED
    assert parked.last_status == 404
    assert "gigstack rechazó" in (parked.last_error or "")
    assert outbox.get(good.id).state is OutboxState.SENT  # later rows keep flowing
    assert invoices_for(api, row.local_id) == []


def test_invoice_from_a_queued_sale_waits_for_its_server_id(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.go_down()
    try:
        sale = queue_payment(
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
            outbox, {"use": "G03", "automation_type": "pue_invoice"}, payments=[sale.folio or ""]
        )
    finally:
        sandbox.come_up()
    body = outbox.get(invoice.id).payload
    assert body["client"] == {"id": "client_demo_juan"}
    assert body["payment_form"] == "03"  # the sale's form
    assert body["metadata"]["payment_local_ids"] == sale.local_id
    assert "payments" not in body["metadata"]
    # The sale is parked: the invoice does not go; it waits for the sale.
    claimed = outbox.claim_due(1)
    assert [c.id for c in claimed] == [sale.id]
    outbox.park(sale.id, error="test: la venta espera")
    sender.step()
    held = outbox.get(invoice.id)
    assert (held.state, held.attempts) == (OutboxState.PENDING, 0)
    assert invoices_for(api, invoice.local_id) == []
    # Fixed and sent: the invoice follows (nobody retries it) with the sale's gigstack id.
    outbox.retry_now(sale.id)
    drain(sender)
    sent_sale, sent_invoice = outbox.get(sale.id), outbox.get(invoice.id)
    assert sent_sale.state is OutboxState.SENT and sent_invoice.state is OutboxState.SENT
    found = invoices_for(api, invoice.local_id)
    assert [i.id for i in found] == [sent_invoice.server_id]
    assert (found[0].metadata or {}).get("payments") == sent_sale.server_id


def test_an_invoice_waits_while_its_sale_is_pending(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sale = queue_payment(
        outbox,
        {
            "client": {"id": "client_demo_juan"},
            "automation_type": "none",
            "payment_form": "01",
            "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
        },
    )
    invoice = queue_invoice(outbox, {"use": "G03"}, payments=[sale.local_id])
    # The sale backs off for a minute: the invoice is not due before it, and not tried.
    outbox.claim_due(1)
    outbox.mark_retry(sale.id, error="test", delay=60)
    assert outbox.claim_due(10) == []
    next_due = outbox.next_due_at()
    assert next_due is not None and next_due == outbox.get(sale.id).next_attempt_at
    sender.step()
    waiting = outbox.get(invoice.id)
    assert (waiting.state, waiting.attempts) == (OutboxState.PENDING, 0)
    assert invoices_for(api, invoice.local_id) == []
    outbox.retry_now(sale.id)
    drain(sender)
    assert outbox.get(invoice.id).state is OutboxState.SENT
    assert len(invoices_for(api, invoice.local_id)) == 1


def test_a_sale_that_asks_for_its_own_document_cannot_be_invoiced_again(outbox: Outbox) -> None:
    sale = queue_payment(
        outbox,
        {
            "client": {"id": "client_demo_juan"},
            "automation_type": "pue_invoice",
            "payment_form": "01",
            "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
        },
    )
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(outbox, {"use": "G03"}, payments=[sale.local_id])
    assert "dos veces" in str(caught.value)
    assert outbox.rows_of_kind(OutboxKind.CREATE_INVOICE) == []


def test_the_same_sale_is_not_invoiced_twice_from_the_queue(outbox: Outbox) -> None:
    body = invoice_body(metadata={"payments": "pay_123"})
    queue_invoice(outbox, body)
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(outbox, invoice_body(), payments=["pay_123"])
    assert "pay_123" in str(caught.value)


def test_a_reused_key_with_another_invoice_is_refused(outbox: Outbox) -> None:
    first = queue_invoice(outbox, invoice_body(idempotency_key="feed-invoice-0001"))
    again = queue_invoice(outbox, invoice_body(idempotency_key="feed-invoice-0001"))
    assert again.id == first.id and first.idempotency_key == "feed-invoice-0001"
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(
            outbox,
            invoice_body(idempotency_key="feed-invoice-0001", items=[{"id": "x", "quantity": 9}]),
        )
    assert caught.value.problems[0].field == "idempotency_key"
    assert len(outbox.rows_of_kind(OutboxKind.CREATE_INVOICE)) == 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"payment_form": "99"}, "payment_form", "no 99"),
        ({"payment_form": None}, "payment_form", "forma en que se pagó"),
        ({"payment_method": "PPD", "payment_form": "01"}, "payment_form", "99"),
        ({"payment_form": "77"}, "payment_form", ""),
        ({"series": "serie con espacios"}, "series", "serie"),
        ({"series": "Ñ1"}, "series", "sin acento"),
        ({"client": {"tax_id": "XAXX010101000", "legal_name": "X"}}, "client.tax_id", "global"),
        ({"use": "Z99"}, "use", ""),
        ({"items": []}, "items", ""),
        ({"items": [{"description": "x", "unit_price": "1e30"}]}, "items.0.unit_price", ""),
        (
            {"items": [{"id": "service_demo_hojas", "quantity": "0.0000001"}]},
            "items.0.quantity",
            "",
        ),
    ],
)
def test_what_gigstack_or_the_sat_would_refuse_is_never_queued(
    outbox: Outbox, changes: dict[str, Any], field: str, words: str
) -> None:
    body = {k: v for k, v in invoice_body(**changes).items() if v is not None}
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(outbox, body)
    fields = [p.field for p in caught.value.problems]
    assert field in fields, caught.value.problems
    assert words in str(caught.value)
    assert outbox.rows_of_kind(OutboxKind.CREATE_INVOICE) == []


def test_ppd_carries_99_and_the_series_is_kept() -> None:
    checked = check_invoice(invoice_body(payment_method="PPD", payment_form=None, series=" B "))
    assert checked.body["payment_form"] == "99"
    assert checked.body["payment_method"] == "PPD"
    assert checked.body["series"] == "B"


@pytest.mark.parametrize("json_functions", [True, False])
def test_an_invoice_is_claimed_only_after_its_sales(outbox: Outbox, json_functions: bool) -> None:
    from desktop.store import outbox as outbox_module

    if not json_functions:  # an SQLite build without JSON functions takes the plain clause
        outbox._waits = outbox_module._WAITS_FOR_A_SALE_PLAIN_SQL
    sale_body = {
        "client": {"id": "client_demo_juan"},
        "automation_type": "none",
        "payment_form": "01",
        "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
    }
    sales = [queue_payment(outbox, sale_body) for _ in range(2)]
    other = queue_invoice(outbox, invoice_body())  # covers no queued sale: never held back
    invoice = queue_invoice(outbox, {"use": "G03"}, payments=[s.local_id for s in sales])
    claimed = outbox.claim_due(10)
    assert [c.id for c in claimed] == [sales[0].id, sales[1].id, other.id]
    outbox.mark_sent(sales[0].id, "pay_a", {})
    assert outbox.claim_due(10) == []  # the second sale is still in flight
    outbox.mark_retry(sales[1].id, error="test", delay=30)
    assert outbox.claim_due(10) == []
    assert outbox.next_due_at() == outbox.get(sales[1].id).next_attempt_at
    outbox.retry_now(sales[1].id)
    [again] = outbox.claim_due(10)
    assert again.id == sales[1].id
    outbox.mark_sent(sales[1].id, "pay_b", {})
    assert [c.id for c in outbox.claim_due(10)] == [invoice.id]


def test_payments_that_are_not_sales_or_too_big_bodies_are_refused(outbox: Outbox) -> None:
    client_row = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Papelería"})
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(outbox, invoice_body(), payments=[str(client_row.id)])
    assert "no es una venta" in str(caught.value)
    huge = invoice_body(items=[{"id": "service_demo_hojas", "quantity": 1}] * 3000)
    with pytest.raises(InvoiceRejectedError) as caught:
        queue_invoice(outbox, huge)
    assert "demasiado grande para una factura" in str(caught.value)
    assert outbox.rows_of_kind(OutboxKind.CREATE_INVOICE) == []


def test_a_lookup_answered_with_every_invoice_never_proves_another_ones(
    sandbox: Sandbox, outbox: Outbox, api: GigstackClient
) -> None:
    """gigstack ignores a filter it does not know (REFERENCE §16.3): a lookup by
    metadata.local_id may answer with every invoice. Only the row's own local id proves it."""
    from tests.sync.misbehaving import Misbehaving

    with Misbehaving(sandbox) as front:
        with GigstackClient(SANDBOX_KEY, base_url=front.base_url) as through_front:
            sender = Sender(outbox, GigstackDelivery(through_front), backoff=FAST)
            try:
                others = [queue_invoice(outbox, invoice_body()) for _ in range(2)]
                drain(sender)  # gigstack now holds invoices with other local ids
                front.ignore_filters = True
                lost = [queue_invoice(outbox, invoice_body()) for _ in range(2)]
                outbox.claim_due(10)
                outbox.recover_interrupted()  # a crash: outcome unknown, looked up first
                assert all(outbox.get(r.id).outcome_unknown for r in lost)
                drain(sender)
            finally:
                sender.close()
        assert front.lookups >= 2
    for row in others + lost:
        sent = outbox.get(row.id)
        assert sent.state is OutboxState.SENT
        assert [i.id for i in invoices_for(api, row.local_id)] == [sent.server_id]
        assert sent.response and sent.response["metadata"]["local_id"] == row.local_id


def test_a_sent_invoice_writes_nothing_into_the_cache(outbox: Outbox) -> None:
    from desktop.store.cache import Cache, Resource
    from desktop.sync.writethrough import sent_record, write_through

    cache = Cache(outbox.database)
    row = queue_invoice(outbox, invoice_body())
    answer = {"id": "invoice_1", "metadata": {"local_id": row.local_id}}
    assert sent_record(row, "invoice_1", answer, cache) is None
    assert write_through(cache, row, "invoice_1", answer) is False
    assert all(cache.count(r, None) == 0 for r in Resource)
