"""The outbox keeps every write until the server has it, with a stable key and an audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.store import Database, open_database
from desktop.store.outbox import Outbox, OutboxError, OutboxKind, OutboxState


class FakeClock:
    """A settable clock: the outbox takes its time from whatever it is given."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(db: Database, clock: FakeClock) -> Outbox:
    return Outbox(db, clock)


def payment(total: str = "116.00") -> dict[str, object]:
    return {
        "client": {"id": "client_1"},
        "payment_form": "01",
        "items": [{"id": "service_1", "quantity": 1, "unit_price": Decimal(total)}],
    }


def test_enqueue_stores_identity_folio_and_exact_money(outbox: Outbox) -> None:
    outbox.set_terminal_series("caja2")
    first = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT,
        lambda ident: {**payment("99.99"), "metadata": {"local_id": ident.local_id}},
    )
    second = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    assert (first.folio, second.folio) == ("CAJA2-1", "CAJA2-2")
    assert first.state is OutboxState.PENDING
    sold_at = first.payload["metadata"].pop("sold_at")
    assert first.payload["metadata"] == {"local_id": first.local_id, "sold_at_epoch": 1_700_000_000}
    assert sold_at == first.sold_at and first.sold_at_epoch == 1_700_000_000
    assert Decimal(first.payload["items"][0]["unit_price"]) == Decimal("99.99")
    assert first.idempotency_key != second.idempotency_key
    client = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Ana"})
    assert client.folio is None  # folios number sales only


def test_invalid_series_is_refused(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="serie"):
        outbox.set_terminal_series("caja 1!")


def test_claim_send_cycle_keeps_the_same_key(outbox: Outbox, clock: FakeClock) -> None:
    item = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    (claimed,) = outbox.claim_due(10)
    assert claimed.state is OutboxState.SENDING and claimed.attempts == 1
    assert outbox.claim_due(10) == []  # already in flight

    outbox.mark_retry(claimed.id, error="timeout", delay=2.0, outcome_unknown=True)
    assert outbox.claim_due(10) == []  # not due yet
    clock.now += 2.0
    (again,) = outbox.claim_due(10)
    assert again.idempotency_key == item.idempotency_key
    assert again.attempts == 2 and again.outcome_unknown

    outbox.mark_sent(again.id, "payment_123", {"id": "payment_123", "total": Decimal("116")})
    done = outbox.get(item.local_id)
    assert done.state is OutboxState.SENT and done.server_id == "payment_123"
    assert done.sent_at == clock.now and not done.outcome_unknown
    assert [a.action for a in outbox.audit(item.id)] == ["enqueued", "retry", "sent"]


def test_parked_rows_are_kept_and_can_be_edited_or_discarded(outbox: Outbox) -> None:
    item = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    (claimed,) = outbox.claim_due(1)
    outbox.park(claimed.id, error="El RFC no existe", status=422)
    parked = outbox.get(item.id)
    assert parked.state is OutboxState.PARKED and parked.last_status == 422
    assert outbox.claim_due(10) == []

    edited = outbox.edit_parked(item.id, payment("50.00"))
    assert edited.state is OutboxState.PENDING
    assert edited.idempotency_key != item.idempotency_key  # a different request
    assert any(item.idempotency_key in (a.detail or "") for a in outbox.audit(item.id))

    with pytest.raises(OutboxError, match="motivo"):
        outbox.discard(item.id, "   ")
    outbox.discard(item.id, "venta duplicada por error")
    assert outbox.get(item.id).state is OutboxState.DISCARDED
    assert outbox.audit(item.id)[-1].detail == "venta duplicada por error"
    with pytest.raises(OutboxError):
        outbox.retry_now(item.id)  # discarded is final


def test_release_does_not_count_an_attempt(outbox: Outbox) -> None:
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    (claimed,) = outbox.claim_due(1)
    outbox.release(claimed.id, "clave rechazada (401)")
    assert outbox.get(claimed.id).attempts == 0
    assert outbox.get(claimed.id).state is OutboxState.PENDING


def test_crash_recovery_returns_sending_rows_with_their_key(db: Database, clock: FakeClock) -> None:
    first = Outbox(db, clock)
    item = first.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    first.claim_due(1)
    # A new process opens the same database after a crash.
    second = Outbox(db, clock)
    assert second.recover_interrupted() == 1
    recovered = second.get(item.id)
    assert recovered.state is OutboxState.PENDING
    assert recovered.outcome_unknown  # must be looked up before sending again
    assert recovered.idempotency_key == item.idempotency_key


def test_rows_for_the_same_new_client_go_one_at_a_time(outbox: Outbox) -> None:
    a = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT, payment(), serial_key="client:rfc:GODE561231GR8"
    )
    b = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT, payment(), serial_key="client:rfc:GODE561231GR8"
    )
    c = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    assert [i.id for i in outbox.claim_due(10)] == [a.id, c.id]
    assert outbox.claim_due(10) == []
    outbox.park(a.id, error="rechazado", status=400)
    (next_one,) = outbox.claim_due(10)
    assert next_one.id == b.id
    outbox.retry_now(a.id)  # the parked one comes back while b is in flight
    assert outbox.claim_due(10) == []


def test_stats_and_next_due(outbox: Outbox, clock: FakeClock) -> None:
    assert outbox.next_due_at() is None
    first = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    clock.now += 60
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    stats = outbox.stats()
    assert (stats.pending, stats.parked, stats.sent) == (2, 0, 0)
    assert stats.oldest_pending_at == first.created_at
    assert outbox.next_due_at() == first.next_attempt_at


def test_unknown_row_is_a_clear_error(outbox: Outbox) -> None:
    with pytest.raises(OutboxError, match="no hay"):
        outbox.get("nope")


def test_state_checks_refuse_wrong_transitions(outbox: Outbox) -> None:
    item = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    with pytest.raises(OutboxError, match="pendiente"):
        outbox.mark_sent(item.id, "payment_1", {})
    with pytest.raises(OutboxError):
        outbox.edit_parked(item.id, payment())
    # Discarding a row the sender took a moment ago says so in words a cashier reads.
    outbox.claim_due(1)
    with pytest.raises(OutboxError) as caught:
        outbox.discard(item.id, "el cliente se arrepintió")
    assert str(caught.value).startswith(f"{item.folio} ya está enviándose")
    assert "pendiente o detenida" in str(caught.value)


def test_editing_a_parked_row_keeps_an_unknown_outcome(outbox: Outbox) -> None:
    item = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, payment())
    (claimed,) = outbox.claim_due(1)
    outbox.mark_retry(claimed.id, error="se cortó", delay=0, outcome_unknown=True)
    (claimed,) = outbox.claim_due(1)
    outbox.park(claimed.id, error="rechazado", status=400)
    edited = outbox.edit_parked(item.id, payment("50.00"))
    assert edited.outcome_unknown  # the sender must look it up before sending under a new key
