"""The outbox against a wall clock that lies: sale moments, stale schedules, negative ages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop.store import Database, open_database
from desktop.store.outbox import (
    MAX_DELAY,
    Outbox,
    OutboxKind,
    OutboxState,
    age_of,
    payment_sold_at,
)

CDMX = timezone(timedelta(hours=-6), "CST")  # Mexico City, no DST since 2022
DAY = 24 * 3600.0


class Clock:
    def __init__(self, at: datetime) -> None:
        self.now = at.timestamp()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 27, 23, 50, tzinfo=CDMX))


@pytest.fixture
def outbox(db: Database, clock: Clock) -> Outbox:
    return Outbox(db, clock, tz=CDMX)


def sale(metadata: dict[str, object] | None = None) -> dict[str, object]:
    return {
        "client": {"id": "client_1"},
        "payment_form": "01",
        "items": [{"id": "service_1", "quantity": 1}],
        **({"metadata": metadata} if metadata is not None else {}),
    }


def test_a_sale_keeps_the_moment_and_offset_it_was_sold_in(outbox: Outbox, clock: Clock) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale({"order": "7"}))
    assert row.sold_at == "2026-11-27T23:50:00-06:00"
    assert row.sold_at_epoch == clock.now
    assert row.payload["metadata"] == {
        "order": "7",
        "sold_at": "2026-11-27T23:50:00-06:00",
        "sold_at_epoch": int(clock.now),
    }
    clock.now += 30 * 60  # sent after midnight: the moment does not move
    again = outbox.get(row.id)
    assert again.sold_at == row.sold_at
    sold = payment_sold_at(again.payload)
    assert sold is not None and sold.date() == date(2026, 11, 27)
    assert again.sold_at_datetime() == sold
    client = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Ana"})
    assert client.sold_at is None and "sold_at" not in client.payload


def test_a_feeding_systems_own_sale_moment_is_kept(outbox: Outbox) -> None:
    row = outbox.enqueue(
        OutboxKind.REGISTER_PAYMENT, sale({"sold_at": "2026-11-26T10:15:00-06:00"})
    )
    assert row.sold_at == "2026-11-26T10:15:00-06:00"
    expected = datetime(2026, 11, 26, 16, 15, tzinfo=UTC).timestamp()
    assert row.payload["metadata"]["sold_at_epoch"] == expected
    # Text without an offset says nothing about the day: ours replaces it.
    naive = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale({"sold_at": "2026-11-26T10:15"}))
    assert naive.sold_at == "2026-11-27T23:50:00-06:00"


def test_editing_a_parked_sale_keeps_its_moment(outbox: Outbox, clock: Clock) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale())
    outbox.claim_due(1)
    outbox.park(row.id, error="payment_form inválida", status=400)
    clock.now += DAY
    edited = outbox.edit_parked(row.id, {**sale(), "payment_form": "03"})
    assert edited.sold_at == row.sold_at
    assert edited.payload["metadata"]["sold_at"] == "2026-11-27T23:50:00-06:00"


def test_payment_sold_at_reads_server_records_and_refuses_junk() -> None:
    assert payment_sold_at({"metadata": {"sold_at": "2026-11-27T23:50:00-06:00"}}) == datetime(
        2026, 11, 27, 23, 50, tzinfo=CDMX
    )
    from_epoch = payment_sold_at({"metadata": {"sold_at_epoch": 1_800_000_000}})
    assert from_epoch is not None and from_epoch.timestamp() == 1_800_000_000
    junks: list[dict[str, object]] = [
        {},
        {"metadata": None},
        {"metadata": {"sold_at": "ayer"}},
        {"metadata": []},
    ]
    for junk in junks:
        assert payment_sold_at(junk) is None


def test_after_the_clock_moves_back_a_day_a_retry_is_due_within_its_backoff(
    outbox: Outbox, clock: Clock
) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale())
    outbox.claim_due(1)
    outbox.mark_retry(row.id, error="503", delay=40.0, status=503)
    clock.now -= DAY  # NTP, a dead CMOS battery or a cashier fixing the date
    due = outbox.next_due_at()
    assert due is not None and due - clock.now == pytest.approx(40.0)
    assert outbox.claim_due(1) == []  # not early either
    clock.now += 40.0
    (claimed,) = outbox.claim_due(1)
    assert claimed.id == row.id
    assert [e.action for e in outbox.audit(row.id)][-1] == "rescheduled"


def test_a_schedule_beyond_any_delay_we_use_is_clamped(outbox: Outbox, clock: Clock) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale())
    outbox.claim_due(1)
    outbox.mark_retry(row.id, error="429", delay=10 * DAY, status=429)
    item = outbox.get(row.id)
    assert item.next_attempt_at - clock.now == MAX_DELAY
    clock.now += MAX_DELAY
    assert [c.id for c in outbox.claim_due(1)] == [row.id]


def test_ages_never_show_negative_after_the_clock_moves_back(outbox: Outbox, clock: Clock) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale())
    clock.now -= 3600
    stats = outbox.stats()
    assert stats.pending == 1
    assert stats.oldest_pending_at is not None and stats.oldest_pending_at <= clock.now
    assert stats.oldest_pending_age(clock.now) == 0.0
    assert outbox.get(row.id).age(clock.now) == 0.0
    assert age_of(100.0, 160.0) == 60.0
    clock.now += 3600 + 90
    assert outbox.stats().oldest_pending_age(clock.now) == pytest.approx(90.0)


def test_rows_without_sold_at_fall_back_to_their_creation_time(
    db: Database, outbox: Outbox, clock: Clock
) -> None:
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale())
    with db.write() as conn:  # a row queued by the previous release
        conn.execute("UPDATE outbox SET payload = ? WHERE id = ?", ('{"items": []}', row.id))
    old = outbox.get(row.id)
    assert old.sold_at_epoch == clock.now
    assert old.sold_at is not None and old.sold_at_datetime() is not None
    assert old.state is OutboxState.PENDING
