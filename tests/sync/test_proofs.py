"""The sender never trusts an unproven lookup (issue 7 §2).

Every test runs the real sender over real loopback sockets: the client talks HTTP to
`Misbehaving` (a front server that ignores filters, answers reused keys with 409 or with
another sale, or drops requests), which talks HTTP to the sandbox. The checks read the sandbox
directly: nothing lost, nothing twice, every row sent with its own record.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store import Database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Identity, Outbox, OutboxKind, OutboxState, payment_sold_at
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender, SenderState
from tests.conftest import SANDBOX_KEY
from tests.sync.misbehaving import Misbehaving

FAST = Backoff(first=0.05, cap=0.2)
CDMX = timezone(timedelta(hours=-6), "CST")


@pytest.fixture
def front(sandbox: Sandbox) -> Iterator[Misbehaving]:
    with Misbehaving(sandbox) as server:
        yield server


@pytest.fixture
def direct(sandbox: Sandbox) -> Iterator[GigstackClient]:
    """The sandbox itself, for the checks (never the sender's view)."""
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client


@pytest.fixture
def sender(outbox: Outbox, front: Misbehaving) -> Iterator[Sender]:
    with GigstackClient(SANDBOX_KEY, base_url=front.base_url) as api:
        s = Sender(outbox, GigstackDelivery(api), backoff=FAST, probe_backoff=FAST)
        yield s
        s.close()


def sale(identity: Identity) -> dict[str, Any]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "none",
        "payment_form": "01",
        "items": [{"id": "service_demo_americano", "quantity": 1}],
        "metadata": {"local_id": identity.local_id, "folio": identity.folio},
    }


def queue(outbox: Outbox, n: int) -> list[str]:
    return [outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale).local_id for _ in range(n)]


def drain(sender: Sender, rounds: int = 200) -> None:
    """Step until nothing is pending; waits on the sender's own schedule, never a fixed sleep."""
    idle = threading.Event()
    for _ in range(rounds):
        sender.run(threading.Event(), until_idle=True)
        wait = sender.wait_time()
        if wait is None:
            return
        idle.wait(min(wait, FAST.cap))
    raise AssertionError("the queue did not drain")


def server_payments(api: GigstackClient) -> Counter[str]:
    return Counter(
        str((p.metadata or {}).get("local_id"))
        for p in api.payments.list(limit=100)
        if (p.metadata or {}).get("local_id")
    )


def assert_each_once_and_proven(api: GigstackClient, outbox: Outbox, local_ids: list[str]) -> None:
    counts = server_payments(api)
    for local_id in local_ids:
        assert counts[local_id] == 1, f"{local_id}: {counts[local_id]} payments on the server"
        row = outbox.get(local_id)
        assert row.state is OutboxState.SENT
        (payment,) = api.payments.list(metadata={"local_id": local_id})
        assert row.server_id == payment.id  # marked sent on its own record, not another's
        assert row.response and row.response["metadata"]["local_id"] == local_id


def interrupted(outbox: Outbox) -> None:
    """A crash after the rows were claimed and before any request left: outcome unknown."""
    outbox.claim_due(100)
    outbox.recover_interrupted()


# -- a lookup proves a match or proves nothing ------------------------------------------------


def test_a_filter_gigstack_ignores_never_marks_a_sale_that_never_arrived_sent(
    front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    others = queue(outbox, 2)
    drain(sender)  # the server now holds payments with other local ids
    front.ignore_filters = True
    lost = queue(outbox, 3)
    interrupted(outbox)
    assert all(outbox.get(i).outcome_unknown for i in lost)
    drain(sender)
    assert front.lookups >= 3  # each was looked up, answered with every payment ...
    assert_each_once_and_proven(direct, outbox, others + lost)  # ... and sent, not "found"


def test_a_request_cut_before_it_arrived_is_resent_when_lookups_see_everything(
    front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.ignore_filters = True
    front.drop_before_forward = 2
    ids = queue(outbox, 2)
    sender.step()
    assert all(outbox.get(i).outcome_unknown for i in ids)
    drain(sender)
    assert front.forwarded_registers == 2
    assert_each_once_and_proven(direct, outbox, ids)


def test_lookups_answered_with_unrelated_payments_resend_with_the_same_key(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.unrelated_lookups = True
    sandbox.faults.set(drop_after_commit=2)  # registered, answer lost
    ids = queue(outbox, 2)
    keys = {i: outbox.get(i).idempotency_key for i in ids}
    sender.step()
    drain(sender)
    assert front.forwarded_registers == 4  # sent again, same key: gigstack replays its answer
    assert {i: outbox.get(i).idempotency_key for i in ids} == keys
    assert_each_once_and_proven(direct, outbox, ids)


def test_a_lookup_finds_its_sale_among_every_payment(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    queue(outbox, 3)
    drain(sender)
    front.ignore_filters = True
    sandbox.faults.set(drop_after_commit=1)
    (local_id,) = queue(outbox, 1)
    sender.step()
    assert outbox.get(local_id).outcome_unknown
    drain(sender)
    assert front.forwarded_registers == 4  # found by the lookup: not sent a second time
    assert_each_once_and_proven(direct, outbox, [local_id])


# -- any answer to a reused key leads to a lookup before the row is parked ---------------------


def test_a_409_on_a_reused_key_is_looked_up_and_the_sale_marked_sent(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.conflict_on_reuse = True
    front.ignore_filters = True
    front.lagging_index = True  # the first lookup of each sale misses ...
    sandbox.faults.set(drop_after_commit=2)
    ids = queue(outbox, 2)
    sender.step()
    drain(sender)
    assert front.reuse_answers == 2  # ... so each resend met "key already used"
    assert outbox.stats().parked == 0
    assert_each_once_and_proven(direct, outbox, ids)


def test_a_409_whose_sale_is_not_on_the_server_parks_with_the_servers_words(
    front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.conflict_on_reuse = True
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    front.seen_keys.add(row.idempotency_key)  # the key is "used" by something else
    drain(sender)
    parked = outbox.get(row.id)
    assert parked.state is OutboxState.PARKED and parked.last_status == 409
    assert parked.last_error and "already been used" in parked.last_error
    assert front.lookups == 1  # looked up before parking
    assert server_payments(direct)[row.local_id] == 0


def test_a_2xx_with_another_sales_record_is_not_proof(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    (other,) = queue(outbox, 1)
    drain(sender)
    front.other_on_reuse = True
    front.miss_lookups = 1
    sandbox.faults.set(drop_after_commit=1)
    (mine,) = queue(outbox, 1)
    sender.step()  # registered, answer lost
    drain(sender)  # lookup misses; resend; "replay" is the other sale; lookup again finds it
    assert front.reuse_answers == 1
    assert outbox.get(mine).server_id != outbox.get(other).server_id
    assert_each_once_and_proven(direct, outbox, [other, mine])


def test_another_sales_record_for_a_sale_never_registered_parks_it_then_an_edit_sends_it(
    front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    (other,) = queue(outbox, 1)
    drain(sender)
    front.other_on_reuse = True
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    front.seen_keys.add(row.idempotency_key)
    drain(sender)
    parked = outbox.get(row.id)
    assert parked.state is OutboxState.PARKED
    assert parked.last_error and "otra operación" in parked.last_error
    assert parked.server_id is None
    assert server_payments(direct)[row.local_id] == 0  # nothing lost: it waits in the queue
    outbox.edit_parked(row.id, parked.payload)  # a person resends it: a new key
    drain(sender)
    assert_each_once_and_proven(direct, outbox, [other, row.local_id])


# -- clients and services created offline ------------------------------------------------------


def test_a_client_created_offline_is_matched_by_its_local_id_never_the_first_client(
    front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient, db: Database
) -> None:
    front.ignore_filters = True
    row = outbox.enqueue(
        OutboxKind.CREATE_CLIENT,
        lambda ident: {
            "name": "Ferretería La Tuerca",
            "email": "tuerca@example.com",
            "metadata": {"local_id": ident.local_id},
        },
    )
    interrupted(outbox)
    drain(sender)
    sent = outbox.get(row.id)
    assert sent.state is OutboxState.SENT
    matching = [c for c in direct.clients.list(limit=100) if c.name == "Ferretería La Tuerca"]
    assert [c.id for c in matching] == [sent.server_id]
    # Written through to the cache for the row's team: a CLI sync fills the app's search.
    cached = Cache(db).get(Resource.CLIENTS, None, str(sent.server_id))
    assert cached is not None and cached["email"] == "tuerca@example.com"


def test_a_client_found_again_after_a_lost_answer_is_not_created_twice(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.ignore_filters = True
    sandbox.faults.set(drop_after_commit=1)
    row = outbox.enqueue(
        OutboxKind.CREATE_CLIENT,
        lambda ident: {"name": "Tlapalería Sur", "metadata": {"local_id": ident.local_id}},
    )
    drain(sender)
    matching = [c for c in direct.clients.list(limit=100) if c.name == "Tlapalería Sur"]
    assert [c.id for c in matching] == [outbox.get(row.id).server_id]


def test_a_service_is_matched_on_the_sku_and_name_it_created(
    sandbox: Sandbox, sender: Sender, outbox: Outbox, direct: GigstackClient, db: Database
) -> None:
    existing = next(iter(direct.services.list(limit=100)))
    # Same name as a service already in the catalog, new SKU: the old one proves nothing.
    row = outbox.enqueue(
        OutboxKind.CREATE_SERVICE,
        {
            "description": existing.description,
            "sku": "NUEVO-SKU-77",
            "unit_price": "12.00",
            "product_key": "50202306",
            "unit_key": "H87",
        },
    )
    interrupted(outbox)
    drain(sender)
    sent = outbox.get(row.id)
    created = [s for s in direct.services.list(limit=100) if s.sku == "NUEVO-SKU-77"]
    assert [s.id for s in created] == [sent.server_id] and sent.server_id != existing.id
    # Answer lost after commit: the lookup finds it by SKU and name; no second service.
    again = outbox.enqueue(
        OutboxKind.CREATE_SERVICE,
        {"description": "Pegamento blanco", "sku": "PEG-01", "unit_price": "9.50"},
    )
    sandbox.faults.set(drop_after_commit=1)
    drain(sender)
    found = [s.id for s in direct.services.list(limit=100) if s.sku == "PEG-01"]
    assert found == [outbox.get(again.id).server_id]
    assert Cache(db).get(Resource.SERVICES, None, str(found[0])) is not None


# -- the moment of the sale and a clock that lies -----------------------------------------------


def test_a_sale_made_offline_at_2350_and_sent_after_midnight_stays_on_its_day(
    sandbox: Sandbox, db: Database, direct: GigstackClient
) -> None:
    clock = [datetime(2026, 3, 14, 23, 50, tzinfo=CDMX).timestamp()]
    outbox = Outbox(db, lambda: clock[0], tz=CDMX)
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    clock[0] += 40 * 60  # the internet came back at 00:30 of the next day
    sender = Sender(outbox, GigstackDelivery(direct), backoff=FAST, clock=lambda: clock[0])
    try:
        drain(sender)
    finally:
        sender.close()
    sent = outbox.get(row.id)
    assert sent.state is OutboxState.SENT
    assert sent.sold_at == "2026-03-14T23:50:00-06:00"
    (payment,) = direct.payments.list(metadata={"local_id": row.local_id})
    on_server = payment.model_dump(mode="json")
    assert on_server["metadata"]["sold_at"] == "2026-03-14T23:50:00-06:00"
    sold = payment_sold_at(on_server)
    assert sold is not None and sold.date() == date(2026, 3, 14)
    cached = Cache(db).get(Resource.PAYMENTS, None, str(payment.id))
    assert cached is not None
    sold_cached = payment_sold_at(cached)
    assert sold_cached is not None and sold_cached.date() == date(2026, 3, 14)


def test_after_the_clock_moves_back_a_day_a_queued_sale_is_sent_within_the_backoff(
    sandbox: Sandbox, db: Database, direct: GigstackClient
) -> None:
    clock = [datetime(2026, 11, 27, 12, 0, tzinfo=CDMX).timestamp()]
    outbox = Outbox(db, lambda: clock[0])
    sender = Sender(outbox, GigstackDelivery(direct), backoff=FAST, clock=lambda: clock[0])
    try:
        sandbox.faults.set(status_down=True)
        (local_id,) = queue(outbox, 1)
        sender.step()
        assert outbox.get(local_id).state is OutboxState.PENDING
        sandbox.faults.set(status_down=False, rate_limit={"count": 1, "retry_after": 20})
        clock[0] += 1
        sender.step()  # 429: the whole queue holds 20 s
        clock[0] -= 24 * 3600
        sender.step()  # still held: nothing is sent early
        wait = sender.wait_time()
        assert wait is not None and 0 < wait <= 20  # neither a day, nor negative
        assert outbox.stats().oldest_pending_age(clock[0]) == 0.0
        clock[0] += 20
        assert sender.wait_time() == 0
        sender.step()
    finally:
        sender.close()
    assert outbox.get(local_id).state is OutboxState.SENT
    assert server_payments(direct)[local_id] == 1


def test_the_sender_is_not_paused_forever_by_a_clock_that_moved_back(
    sandbox: Sandbox, outbox: Outbox, direct: GigstackClient
) -> None:
    clock = [2_000_000_000.0]
    (local_id,) = queue(outbox, 1)
    sandbox.go_down()
    sender = Sender(
        outbox,
        GigstackDelivery(direct),
        backoff=FAST,
        probe_backoff=Backoff(first=2.0, cap=30.0),
        clock=lambda: clock[0],
    )
    try:
        sender.step()
        assert sender.state is SenderState.OFFLINE
        clock[0] -= 24 * 3600  # its next probe is now "tomorrow"
        sandbox.come_up()
        wait = sender.wait_time()
        assert wait is not None and wait <= 30
        clock[0] += 30
        sender.step()
        drain(sender)
    finally:
        sandbox.come_up()
        sender.close()
    assert outbox.get(local_id).state is OutboxState.SENT


# -- everything at once ----------------------------------------------------------------------


def test_every_misbehaviour_at_once_loses_nothing_and_registers_nothing_twice(
    sandbox: Sandbox, front: Misbehaving, sender: Sender, outbox: Outbox, direct: GigstackClient
) -> None:
    front.ignore_filters = True
    front.lagging_index = True
    front.conflict_on_reuse = True
    front.drop_before_forward = 3
    sandbox.faults.set(error_rate=0.3, seed=11, drop_after_commit=5)
    ids = queue(outbox, 16)
    drain(sender, rounds=600)
    sandbox.faults.clear()
    assert outbox.stats().parked == 0
    assert front.lookups > 0 and front.reuse_answers > 0  # the misbehaviour really happened
    assert_each_once_and_proven(direct, outbox, ids)
