"""The sender against the real sandbox and its fault modes: nothing lost, nothing twice."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store.outbox import Identity, Outbox, OutboxKind, OutboxState
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender, SenderEvent, SenderState
from tests.conftest import SANDBOX_KEY
from tests.sync.drive import FAST, drain


@pytest.fixture
def events() -> list[SenderEvent]:
    return []


@pytest.fixture
def sender(outbox: Outbox, api: GigstackClient, events: list[SenderEvent]) -> Iterator[Sender]:
    s = Sender(
        outbox,
        GigstackDelivery(api),
        concurrency=4,
        backoff=FAST,
        probe_backoff=Backoff(first=0.1, cap=0.3),
        on_event=events.append,
    )
    yield s
    s.close()


def sale(client: dict[str, Any] | None = None, quantity: int = 1) -> Any:
    def build(identity: Identity) -> dict[str, Any]:
        return {
            "client": client or {"id": "client_demo_publico"},
            "automation_type": "none",
            "payment_form": "01",
            "currency": "MXN",
            "items": [{"id": "service_demo_americano", "quantity": quantity}],
            "metadata": {"local_id": identity.local_id, "folio": identity.folio},
        }

    return build


def queue_sales(outbox: Outbox, n: int, **kwargs: Any) -> list[str]:
    return [outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale(**kwargs)).local_id for _ in range(n)]


def payments_for(api: GigstackClient, local_id: str) -> list[Any]:
    return list(api.payments.list(metadata={"local_id": local_id}))


def wait_until(condition: Callable[[], bool], rounds: int = 500) -> None:
    """Poll `condition` until it holds: a wait on a condition, never a fixed sleep."""
    ticker = threading.Event()
    for _ in range(rounds):
        if condition():
            return
        ticker.wait(0.02)
    raise AssertionError("condition not reached")


def assert_each_exactly_once(api: GigstackClient, outbox: Outbox, local_ids: list[str]) -> None:
    for local_id in local_ids:
        found = payments_for(api, local_id)
        assert len(found) == 1, f"{local_id}: {len(found)} payments on the server"
        row = outbox.get(local_id)
        assert row.state is OutboxState.SENT
        assert row.server_id == found[0].id


def test_online_sales_are_registered_once_each(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    ids = queue_sales(outbox, 6)
    drain(sender)
    assert_each_exactly_once(api, outbox, ids)


def test_offline_queues_then_drains_when_back(
    sandbox: Sandbox,
    sender: Sender,
    outbox: Outbox,
    api: GigstackClient,
    events: list[SenderEvent],
) -> None:
    sandbox.go_down()
    try:
        ids = queue_sales(outbox, 3)
        sender.step()
        assert sender.state is SenderState.OFFLINE
        assert outbox.stats().pending == 3  # nothing parked, nothing lost
        before = len(sandbox.requests)
        for _ in range(20):  # a tight loop of steps must not turn into a request storm
            sender.step()
        assert len(sandbox.requests) == before
    finally:
        sandbox.come_up()
    sender.kick()
    drain(sender)
    assert [e.kind for e in events if e.kind in {"offline", "online"}] == ["offline", "online"]
    assert_each_exactly_once(api, outbox, ids)


def test_server_errors_are_retried_with_the_same_key(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.faults.set(error_rate=0.5, seed=7)
    ids = queue_sales(outbox, 8)
    drain(sender)
    sandbox.faults.clear()  # so that the checks below are not failed by the sandbox
    assert_each_exactly_once(api, outbox, ids)
    assert any(outbox.get(i).attempts > 1 for i in ids)  # the faults really happened


def test_503_keeps_rows_pending_until_the_server_recovers(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.faults.set(status_down=True)
    (local_id,) = queue_sales(outbox, 1)
    sender.step()
    row = outbox.get(local_id)
    assert row.state is OutboxState.PENDING and row.last_status == 503
    sandbox.faults.clear()
    drain(sender)
    assert_each_exactly_once(api, outbox, [local_id])


def test_429_honours_retry_after(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.faults.set(rate_limit={"count": 1, "retry_after": 1})
    (local_id,) = queue_sales(outbox, 1)
    sender.step()
    row = outbox.get(local_id)
    assert row.last_status == 429 and row.next_attempt_at - row.updated_at == pytest.approx(1.0)
    wait = sender.wait_time()
    assert wait is not None and wait > 0.5  # held for the server's second, not FAST's 50 ms
    drain(sender)
    assert_each_exactly_once(api, outbox, [local_id])


def test_commit_then_drop_results_in_exactly_one_payment(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    sandbox.faults.set(drop_after_commit=3)
    ids = queue_sales(outbox, 3)
    sender.step()
    assert all(outbox.get(i).outcome_unknown for i in ids)
    drain(sender)
    assert_each_exactly_once(api, outbox, ids)


def test_rejected_key_pauses_the_queue_without_parking(
    sandbox: Sandbox, outbox: Outbox, api: GigstackClient, events: list[SenderEvent]
) -> None:
    ids = queue_sales(outbox, 2)
    with GigstackClient("sk_test_wrong_key_123", base_url=sandbox.base_url) as bad:
        paused = Sender(outbox, GigstackDelivery(bad), backoff=FAST, on_event=events.append)
        try:
            paused.step()
            assert paused.state is SenderState.PAUSED
            assert "clave" in (paused.pause_reason or "")
            requests = len(sandbox.requests)
            paused.step()
            assert len(sandbox.requests) == requests  # paused means paused
        finally:
            paused.close()
    stats = outbox.stats()
    assert (stats.pending, stats.parked) == (2, 0)
    assert all(outbox.get(i).attempts == 0 for i in ids)
    good = Sender(outbox, GigstackDelivery(api), backoff=FAST)  # a new key was saved
    try:
        drain(good)
    finally:
        good.close()
    assert_each_exactly_once(api, outbox, ids)


def test_a_rejected_row_parks_and_later_rows_still_flow(
    sender: Sender, outbox: Outbox, api: GigstackClient, events: list[SenderEvent]
) -> None:
    bad = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT,
        lambda ident: {
            "client": {"id": "client_does_not_exist"},
            "automation_type": "none",
            "payment_form": "01",
            "items": [{"id": "service_demo_americano", "quantity": 1}],
            "metadata": {"local_id": ident.local_id},
        },
    )
    good = queue_sales(outbox, 2)
    drain(sender)
    parked = outbox.get(bad.id)
    assert parked.state is OutboxState.PARKED
    assert parked.last_status == 404
    assert parked.last_error and parked.last_error.startswith("gigstack rechazó")
    assert any(e.kind == "parked" and e.item_id == bad.id for e in events)
    assert_each_exactly_once(api, outbox, good)


def test_same_new_client_in_two_sales_is_created_once(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    rfc = "GODE561231GR8"
    client = {
        "search": {"on_key": "tax_id", "on_value": rfc, "auto_create": True},
        "name": "Emilio González Díaz",
        "legal_name": "EMILIO GONZALEZ DIAZ",
        "tax_id": rfc,
        "tax_system": "612",
        "email": "emilio@example.com",
        "address": {"zip": "06600", "country": "MEX"},
    }
    ids = [
        outbox.enqueue(
            OutboxKind.REGISTER_PAYMENT, sale(client=client), serial_key=f"client:tax_id:{rfc}"
        ).local_id
        for _ in range(3)
    ]
    drain(sender)
    assert_each_exactly_once(api, outbox, ids)
    matching = [c for c in api.clients.list(limit=100) if c.tax_id == rfc]
    assert len(matching) == 1


def test_slow_server_timeout_is_looked_up_not_resent(
    sandbox: Sandbox, outbox: Outbox, events: list[SenderEvent]
) -> None:
    ids = queue_sales(outbox, 2)
    sandbox.faults.set(latency_ms=1200)
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url, timeout=0.4) as impatient:
        slow = Sender(outbox, GigstackDelivery(impatient), backoff=FAST)
        try:
            slow.step()  # both time out after the sandbox accepted them
        finally:
            slow.close()
    assert all(outbox.get(i).outcome_unknown for i in ids)
    sandbox.faults.clear()
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        # The sandbox finishes the abandoned requests on its own; wait until it has.
        wait_until(lambda: all(payments_for(api, i) for i in ids))
        patient = Sender(outbox, GigstackDelivery(api), backoff=FAST)
        try:
            drain(patient)
        finally:
            patient.close()
        register_calls = [r for r in sandbox.requests if r.path.endswith("/payments/register")]
        assert len(register_calls) == 2  # only the first attempts: the retry found them
        assert_each_exactly_once(api, outbox, ids)


def test_validation_error_400_parks_with_the_server_message(sender: Sender, outbox: Outbox) -> None:
    row = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT,
        lambda ident: {
            "client": {"id": "client_demo_publico"},
            "automation_type": "none",
            "items": [{"id": "service_demo_americano", "quantity": 1}],
            # Two digits as our model wants, but not a SAT payment form: gigstack says 400.
            "payment_form": "07",
            "metadata": {"local_id": ident.local_id},
        },
    )
    drain(sender)
    parked = outbox.get(row.id)
    assert parked.state is OutboxState.PARKED and parked.last_status == 400
    assert parked.last_error and "payment_form" in parked.last_error


def test_clients_and_services_created_offline_are_created_once(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    client = outbox.enqueue(
        OutboxKind.CREATE_CLIENT,
        lambda ident: {
            "name": "Papelería Nueva",
            "email": "nueva@example.com",
            "metadata": {"local_id": ident.local_id},
        },
    )
    service = outbox.enqueue(
        OutboxKind.CREATE_SERVICE,
        {
            "description": "Sobre manila",
            "sku": "SOB-MAN-01",
            "unit_price": "4.50",
            "product_key": "44121506",
            "unit_key": "H87",
        },
    )
    sandbox.faults.set(drop_after_commit=2)
    drain(sender)
    sandbox.faults.clear()
    created_client = outbox.get(client.id)
    assert created_client.state is OutboxState.SENT
    assert [c.id for c in api.clients.list(limit=100) if c.name == "Papelería Nueva"] == [
        created_client.server_id
    ]
    assert [s.id for s in api.services.list(limit=100) if s.description == "Sobre manila"] == [
        outbox.get(service.id).server_id
    ]
    update = outbox.enqueue(
        OutboxKind.UPDATE_SERVICE,
        {"id": outbox.get(service.id).server_id, "changes": {"unit_price": "5.00"}},
    )
    drain(sender)
    assert outbox.get(update.id).state is OutboxState.SENT
    updated = api.services.get(outbox.get(service.id).server_id or "")
    assert updated.unit_price == Decimal("5.00")


def test_a_403_for_one_rows_team_parks_that_row_and_the_queue_keeps_going(
    sender: Sender, outbox: Outbox, api: GigstackClient
) -> None:
    # A sale queued for a Connect team the key can no longer reach (team changed in Ajustes).
    stale = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale(), team="team_old_connect")
    ids = queue_sales(outbox, 3)
    drain(sender)
    assert sender.state is not SenderState.PAUSED
    parked = outbox.get(stale.id)
    assert parked.state is OutboxState.PARKED and parked.last_status == 403
    assert_each_exactly_once(api, outbox, ids)


def test_a_paused_queue_resumes_by_itself_once_the_key_works(
    sandbox: Sandbox, outbox: Outbox, api: GigstackClient
) -> None:
    clock = [1000.0]
    ids = queue_sales(outbox, 1)

    class SwitchableDelivery(GigstackDelivery):
        """The key is revoked, then restored in gigstack's dashboard."""

        def __init__(self) -> None:
            self.bad = GigstackClient("sk_test_revoked_key_1", base_url=sandbox.base_url)
            super().__init__(self.bad)

        def restore(self) -> None:
            self._client = api

    delivery = SwitchableDelivery()
    paused = Sender(outbox, delivery, backoff=FAST, clock=lambda: clock[0])
    try:
        paused.step()
        assert paused.state is SenderState.PAUSED
        delivery.restore()
        paused.step()
        assert paused.state is SenderState.PAUSED  # it waits before looking again
        clock[0] += 61
        for _ in range(50):
            if paused.step() or not outbox.stats().pending:
                break
            clock[0] += 1
        assert paused.state is not SenderState.PAUSED
    finally:
        paused.close()
        delivery.bad.close()
    assert_each_exactly_once(api, outbox, ids)


def test_a_failed_lookup_is_retried_never_parked_or_resent_blind(
    sandbox: Sandbox, outbox: Outbox, api: GigstackClient
) -> None:
    from desktop.gigstack import BadRequestError

    class NoLookup(GigstackDelivery):
        """gigstack refuses the metadata filter (say it changed): the lookup cannot answer."""

        def find_existing(self, item: Any) -> Any:
            raise BadRequestError("metadata filter not supported", status=400)

    sandbox.faults.set(drop_after_commit=1)  # the first attempt registers, the answer is lost
    (local_id,) = queue_sales(outbox, 1)
    blind = Sender(outbox, NoLookup(api), backoff=FAST)
    try:
        blind.step()
        assert outbox.get(local_id).outcome_unknown
        wait_until(lambda: blind.wait_time() == 0)  # due again after its backoff
        blind.step()
    finally:
        blind.close()
    row = outbox.get(local_id)
    assert row.state is OutboxState.PENDING  # not parked, not sent again without knowing
    assert row.last_error and "verificar" in row.last_error
    assert len(payments_for(api, local_id)) == 1


def test_kick_does_not_cut_a_servers_retry_after_short(
    sandbox: Sandbox, sender: Sender, outbox: Outbox
) -> None:
    sandbox.faults.set(rate_limit={"count": 1, "retry_after": 30})
    queue_sales(outbox, 1)
    sender.step()
    sender.kick()  # a new sale, or a person pressing "Sincronizar ahora"
    before = len(sandbox.requests)
    sender.step()
    assert len(sandbox.requests) == before
    wait = sender.wait_time()
    assert wait is not None and wait > 25


def test_a_failure_to_record_an_outcome_does_not_strand_the_batch(
    sender: Sender, outbox: Outbox, api: GigstackClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = queue_sales(outbox, 3)
    real = outbox.mark_sent
    calls = {"n": 0}

    def flaky(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database is locked")
        real(*args, **kwargs)

    monkeypatch.setattr(outbox, "mark_sent", flaky)
    sender.step()
    assert outbox.stats().sending == 0
    drain(sender)
    assert_each_exactly_once(api, outbox, ids)
