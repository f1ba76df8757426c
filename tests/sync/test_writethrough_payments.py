"""Answers to a cashier's action on a payment are written below the UI (issue 8 §2).

`payment_answer` is what Pagos runs on the lane thread after a cancel, refund, mark-paid or
payment request: gigstack's answer merged into the cache and, for money given back, the event
in the open shift. Real parts: the sandbox over loopback, real SQLite files, a real lock held by
another connection for the storage faults.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.payment_rules import refund_limit, refunded_amount
from desktop.store import Database
from desktop.store.cache import Cache, Resource
from desktop.store.errors import DatabaseLockedError
from desktop.store.shifts import EventKind, Shifts
from desktop.sync.writethrough import (
    PaymentAction,
    answer_record,
    payment_answer,
    payment_read_back,
)

TEAM = None


def paid_payment(api: GigstackClient, total: str) -> dict[str, Any]:
    """A seeded, paid payment of `total` as the cache would hold it after a refresh."""
    for payment in api.payments.list(limit=50):
        record = answer_record(payment)
        if record.get("status") == "succeeded" and str(record.get("total")) == total:
            return record
    raise AssertionError(f"no paid payment of {total} in the seed")


def test_a_refund_is_noted_in_the_shift_and_merged_over_the_cached_record(
    db: Database, api: GigstackClient
) -> None:
    cache, shifts = Cache(db), Shifts(db)
    before = paid_payment(api, "55.0")
    # What the cache knew has a field the answer lacks: it must survive the merge.
    cache.upsert(Resource.PAYMENTS, TEAM, [{**before, "note_kept_here": "sí"}])

    answer = api.payments.refund(str(before["id"]), amount="20", reason="Devolución")
    action = PaymentAction(
        kind=EventKind.REFUND,
        before=before,
        amount=Decimal("20"),
        payment_form=str(before.get("payment_form") or ""),
        folio="A-7",
        local_id="local-7",
    )
    written = payment_answer(cache, TEAM, answer, shifts=shifts, action=action)

    assert written.till_error is None and written.cache_error is None
    cached = cache.get(Resource.PAYMENTS, TEAM, str(before["id"]))
    assert cached is not None and cached == written.record
    assert cached["status"] == "partially_refunded"  # gigstack's answer wins
    assert cached["note_kept_here"] == "sí"  # what the answer left out is kept
    # The refund is remembered even when gigstack does not report `refunded_amount`.
    assert cached["metadata"]["refunds_sent"] == ["20"]
    forgetful = {k: v for k, v in cached.items() if k != "refunded_amount"}
    assert refunded_amount(forgetful) == Decimal("20")

    events = shifts.events()
    assert len(events) == 1 and events[0] == written.event
    event = events[0]
    assert event.kind is EventKind.REFUND and event.amount == Decimal("20.00")
    assert event.payment_id == before["id"] and event.payment_form == before["payment_form"]
    assert (event.folio, event.local_id) == ("A-7", "local-7")
    assert shifts.current() is not None and event.shift_id == shifts.current().id  # type: ignore[union-attr]


def test_cancelling_a_paid_sale_gives_back_what_was_left_of_it(
    db: Database, api: GigstackClient
) -> None:
    cache, shifts = Cache(db), Shifts(db)
    before = paid_payment(api, "55.0")
    api.payments.refund(str(before["id"]), amount="15", reason="Parcial")
    before = {**answer_record(api.payments.get(str(before["id"]))), "status": "succeeded"}
    before["metadata"] = {**(before.get("metadata") or {}), "refunds_sent": ["15"]}
    assert refund_limit(before).refundable == Decimal("40")

    answer = api.payments.cancel(str(before["id"]))
    written = payment_answer(
        cache,
        TEAM,
        answer,
        shifts=shifts,
        action=PaymentAction(EventKind.CANCEL, before=before, payment_form="01", folio="A-8"),
    )
    assert written.event is not None
    assert written.event.kind is EventKind.CANCEL and written.event.amount == Decimal("40.00")
    cached = cache.get(Resource.PAYMENTS, TEAM, str(before["id"]))
    assert cached is not None and cached["status"] == "canceled"


def test_cancelling_an_unpaid_link_records_no_money_back(db: Database, api: GigstackClient) -> None:
    cache, shifts = Cache(db), Shifts(db)
    link = api.payments.request(
        {
            "client": {"id": "client_demo_publico"},
            "items": [{"id": "service_demo_lapiz", "quantity": "2"}],
            "automation_type": "none",
            "allowed_payment_methods": ["card"],
        }
    )
    before = answer_record(link)
    assert before["status"] not in ("succeeded", "refunded", "partially_refunded")
    written = payment_answer(
        cache,
        TEAM,
        api.payments.cancel(str(before["id"])),
        shifts=shifts,
        action=PaymentAction(EventKind.CANCEL, before=before, payment_form="01"),
    )
    assert written.event is None and shifts.events() == []
    assert written.record is not None and written.record["status"] == "canceled"
    assert shifts.current() is None  # no money moved: no shift opened for it


def test_an_answer_without_an_id_changes_nothing_in_the_cache(db: Database) -> None:
    cache = Cache(db)
    written = payment_answer(cache, TEAM, {"status": "succeeded"})
    assert written.record is None and cache.count(Resource.PAYMENTS, TEAM) == 0


@pytest.fixture
def locked(db: Database) -> Iterator[sqlite3.Connection]:
    """Another program holds the database's write lock (a real SQLite lock, not a stand-in);
    our connection waits only a moment for it."""
    with db.read() as conn:
        conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(str(db.path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_storage_faults_are_reported_not_raised_and_the_next_write_works(
    db: Database, api: GigstackClient, locked: sqlite3.Connection
) -> None:
    cache, shifts = Cache(db), Shifts(db)
    before = paid_payment(api, "55.0")
    answer = api.payments.refund(str(before["id"]), amount="5", reason="Devolución")
    action = PaymentAction(EventKind.REFUND, before=before, amount=Decimal("5"), payment_form="01")

    written = payment_answer(cache, TEAM, answer, shifts=shifts, action=action)
    # gigstack did the refund: what could not be noted here is said, nothing is raised.
    assert isinstance(written.till_error, DatabaseLockedError)
    assert isinstance(written.cache_error, DatabaseLockedError)
    assert written.till_error.message  # Spanish words for the screen
    assert written.event is None

    locked.execute("ROLLBACK")
    locked.execute("BEGIN")  # the fixture's ROLLBACK ends this one
    written = payment_answer(cache, TEAM, answer, shifts=shifts, action=action)
    assert written.till_error is None and written.cache_error is None
    assert [e.amount for e in shifts.events()] == [Decimal("5.00")]


def test_a_read_back_only_adds_links_to_a_payment_the_cache_holds(db: Database) -> None:
    cache = Cache(db)
    known = {"id": "payment_1", "status": "succeeded", "total": "10.00", "invoices": ["inv_1"]}
    cache.upsert(Resource.PAYMENTS, TEAM, [known])
    # Empty values do not blank what was known; new links are kept.
    assert payment_read_back(
        cache, TEAM, {"id": "payment_1", "invoices": [], "receipt_id": "receipt_1"}
    )
    assert cache.get(Resource.PAYMENTS, TEAM, "payment_1") == {**known, "receipt_id": "receipt_1"}
    assert not payment_read_back(cache, TEAM, {"id": "payment_1", "receipt_id": "receipt_1"})
    # A read that began before a cancellation was written through does not undo it.
    cache.upsert(Resource.PAYMENTS, TEAM, [{**known, "status": "canceled"}])
    assert payment_read_back(
        cache, TEAM, {"id": "payment_1", "status": "succeeded", "invoice_id": "inv_2"}
    )
    cached = cache.get(Resource.PAYMENTS, TEAM, "payment_1")
    assert cached is not None
    assert cached["status"] == "canceled" and cached["invoice_id"] == "inv_2"
    # A payment the cache never held is not added by a read.
    assert not payment_read_back(cache, TEAM, {"id": "payment_2", "receipt_id": "receipt_2"})
    assert cache.get(Resource.PAYMENTS, TEAM, "payment_2") is None
