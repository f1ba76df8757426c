"""Shift storage on a real SQLite file: one open shift, sales attached by the schema's trigger,
cash moves, refunds and cancellations made here, and the recorded close."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.store import Database, open_database
from desktop.store.outbox import Identity, Outbox, OutboxKind
from desktop.store.shifts import CountedForm, EventKind, MoveKind, ShiftError, Shifts


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path)
    yield database
    database.close()


def sale(identity: Identity) -> dict[str, Any]:
    return {
        "client": {"id": "client_demo_publico"},
        "payment_form": "01",
        "items": [{"id": "service_demo_americano", "quantity": 1}],
    }


def test_one_open_shift_per_terminal(db: Database) -> None:
    shifts = Shifts(db)
    first = shifts.open(Decimal("500"), "Ana")
    assert first.is_open and first.opening_float == Decimal("500.00") and first.cashier == "Ana"
    assert first.terminal == "CAJA1" and not first.auto_opened
    with pytest.raises(ShiftError, match="Ya hay un turno abierto"):
        shifts.open(Decimal("0"), "Beto")
    # Even a writer that skips the class cannot open a second one: the index refuses it.
    with pytest.raises(sqlite3.IntegrityError), db.write() as conn:
        conn.execute(
            "INSERT INTO shift (terminal, opened_at, opening_float) VALUES ('X', 0, '0.00')"
        )
    shifts.close(first.id, [], {"total": "0.00"})
    second = shifts.open(Decimal("0"), "Beto")
    assert second.id != first.id and shifts.current() == second


def test_sales_belong_to_the_open_shift(db: Database) -> None:
    shifts, outbox = Shifts(db), Outbox(db)
    shift = shifts.open(Decimal("100"), "Ana")
    a = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    b = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    client = outbox.enqueue(OutboxKind.CREATE_CLIENT, lambda _i: {"legal_name": "X"})
    assert shifts.sale_ids(shift.id) == [a.id, b.id]
    assert shifts.sale_shifts()[a.id] == shift.id
    assert client.id not in shifts.sale_shifts()
    shifts.close(shift.id, [], {})
    c = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    assert c.id not in shifts.sale_ids(shift.id)


def test_a_sale_with_no_shift_open_opens_one_automatically(db: Database) -> None:
    shifts, outbox = Shifts(db), Outbox(db)
    assert shifts.current() is None
    row = outbox.enqueue(OutboxKind.REGISTER_PAYMENT, sale)
    auto = shifts.current()
    assert auto is not None and auto.auto_opened and auto.opening_float == Decimal("0.00")
    assert auto.opened_at == row.created_at
    assert shifts.sale_ids(auto.id) == [row.id]


def test_cash_moves_need_an_open_shift_a_reason_and_an_amount(db: Database) -> None:
    shifts = Shifts(db)
    with pytest.raises(ShiftError, match="No hay un turno abierto"):
        shifts.add_move(MoveKind.CASH_OUT, Decimal("10"), "cambio")
    shift = shifts.open(Decimal("0"), "")
    with pytest.raises(ShiftError, match="motivo"):
        shifts.add_move(MoveKind.CASH_OUT, Decimal("10"), "   ")
    with pytest.raises(ShiftError, match="mayor que cero"):
        shifts.add_move(MoveKind.CASH_IN, Decimal("0"), "fondo")
    out = shifts.add_move(MoveKind.CASH_OUT, Decimal("150.5"), "Pago al proveedor")
    assert (out.kind, out.amount, out.reason) == (MoveKind.CASH_OUT, Decimal("150.50"), out.reason)
    assert shifts.moves(shift.id) == [out]


def test_refunds_are_recorded_in_the_open_shift(db: Database) -> None:
    shifts = Shifts(db)
    event = shifts.record_event(
        EventKind.REFUND, Decimal("20"), "01", payment_id="payment_1", folio="CAJA1-1"
    )
    auto = shifts.current()
    assert auto is not None and auto.auto_opened and event.shift_id == auto.id
    assert shifts.events(auto.id) == [event] and event.amount == Decimal("20.00")


def test_close_keeps_counts_and_the_z_report(db: Database) -> None:
    shifts = Shifts(db)
    shift = shifts.open(Decimal("500"), "Ana")
    counts = [
        CountedForm("01", Decimal("700"), Decimal("690.5"), Decimal("-9.5")),
        CountedForm("04", Decimal("100"), None, None),
    ]
    closed = shifts.close(shift.id, counts, {"total": "800.00"}, closed_by="Ana", note="ok")
    assert not closed.is_open and closed.z_report == {"total": "800.00"}
    assert shifts.counts(shift.id) == [
        CountedForm("01", Decimal("700.00"), Decimal("690.50"), Decimal("-9.50")),
        CountedForm("04", Decimal("100.00"), None, None),
    ]
    with pytest.raises(ShiftError, match="ya está cerrado"):
        shifts.close(shift.id, [], {})
