"""Shifts (turnos) of this terminal: the opening float, cash in/out, refunds and cancellations
made here, and the corte de caja (Z close) with what was counted.

Storage only: the figures (expected per payment form, differences) are computed in
`desktop.till`, which reads these rows and the outbox.

How a sale belongs to a shift: schema migration 4 adds ``outbox.shift_id`` and a trigger that
fills it in the same transaction that queues the sale (whoever queues it: the counter or
``python -m desktop queue add``), so no caller has to remember it. When no shift is open, the
trigger opens one with a $0.00 float and no cashier name (``auto_opened = 1``) rather than
refuse or orphan the sale: a sale is never lost for want of a shift, and the shift page says
that it was opened automatically. `Shifts.record_event` does the same for refunds and
cancellations made at this terminal.

Amounts are stored as Decimal text (exact, two decimals); moments as epoch seconds.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop.store.db import Database
from desktop.store.outbox import DEFAULT_SERIES, dumps

Clock = Callable[[], float]
CENT = Decimal("0.01")
#: Longest reason / cashier name / note kept (more is cut, never refused silently: the
#: dialogs refuse it first with a message).
MAX_TEXT = 200


class ShiftError(ValueError):
    """A shift operation that does not fit (none open, already open...); Spanish `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MoveKind(StrEnum):
    CASH_IN = "in"
    CASH_OUT = "out"


class EventKind(StrEnum):
    REFUND = "refund"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Shift:
    id: int
    terminal: str
    cashier: str
    opened_at: float
    opening_float: Decimal
    auto_opened: bool
    closed_at: float | None
    closed_by: str
    note: str
    #: The Z report's figures as computed at the close (JSON), so a reprint is the same paper.
    z_report: dict[str, Any] | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class CashMove:
    id: int
    shift_id: int
    at: float
    kind: MoveKind
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class TillEvent:
    """A refund or cancellation made at this terminal (gigstack has the action; this is the
    drawer's side of it: which shift it happened in, by which payment form, how much)."""

    id: int
    shift_id: int | None
    at: float
    kind: EventKind
    amount: Decimal
    payment_form: str
    payment_id: str | None
    local_id: str | None
    folio: str | None


@dataclass(frozen=True)
class CountedForm:
    payment_form: str
    expected: Decimal
    counted: Decimal | None
    difference: Decimal | None


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _text(value: str | None) -> str:
    return (value or "").strip()[:MAX_TEXT]


def _shift(row: sqlite3.Row) -> Shift:
    return Shift(
        id=row["id"],
        terminal=row["terminal"],
        cashier=row["cashier"],
        opened_at=row["opened_at"],
        opening_float=Decimal(row["opening_float"]),
        auto_opened=bool(row["auto_opened"]),
        closed_at=row["closed_at"],
        closed_by=row["closed_by"] or "",
        note=row["note"] or "",
        z_report=json.loads(row["z_report"]) if row["z_report"] else None,
    )


def _move(row: sqlite3.Row) -> CashMove:
    return CashMove(
        row["id"],
        row["shift_id"],
        row["at"],
        MoveKind(row["kind"]),
        Decimal(row["amount"]),
        row["reason"],
    )


def _event(row: sqlite3.Row) -> TillEvent:
    return TillEvent(
        id=row["id"],
        shift_id=row["shift_id"],
        at=row["at"],
        kind=EventKind(row["kind"]),
        amount=Decimal(row["amount"]),
        payment_form=row["payment_form"] or "",
        payment_id=row["payment_id"],
        local_id=row["local_id"],
        folio=row["folio"],
    )


class Shifts:
    """Shift rows of this terminal's database. Plain Python; the clock is injected."""

    def __init__(self, db: Database, clock: Clock = time.time) -> None:
        self._db = db
        self._clock = clock

    # -- shifts ---------------------------------------------------------------------------

    def current(self) -> Shift | None:
        """The open shift, or None."""
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM shift WHERE closed_at IS NULL").fetchone()
        return None if row is None else _shift(row)

    def get(self, shift_id: int) -> Shift:
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM shift WHERE id = ?", (shift_id,)).fetchone()
        if row is None:
            raise ShiftError(f"No existe el turno {shift_id}.")
        return _shift(row)

    def recent(self, limit: int = 50) -> list[Shift]:
        """Newest first."""
        with self._db.read() as conn:
            rows = conn.execute("SELECT * FROM shift ORDER BY id DESC LIMIT ?", (limit,))
            return [_shift(r) for r in rows]

    def all(self) -> list[Shift]:
        with self._db.read() as conn:
            return [_shift(r) for r in conn.execute("SELECT * FROM shift ORDER BY id")]

    def open(self, opening_float: Decimal, cashier: str) -> Shift:
        """Open a shift with its float (money already validated by the caller).

        Raises:
            ShiftError: A shift is already open on this terminal.
        """
        if opening_float < 0:
            raise ShiftError("El fondo de caja no puede ser negativo.")
        now = self._clock()
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM shift WHERE closed_at IS NULL").fetchone():
                raise ShiftError("Ya hay un turno abierto en esta caja: ciérralo primero.")
            cursor = conn.execute(
                "INSERT INTO shift (terminal, cashier, opened_at, opening_float) "
                "VALUES (?, ?, ?, ?)",
                (_series(conn), _text(cashier), now, _money(opening_float)),
            )
            row = conn.execute("SELECT * FROM shift WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _shift(row)

    def close(
        self,
        shift_id: int,
        counts: list[CountedForm],
        z_report: Mapping[str, Any],
        *,
        closed_by: str = "",
        note: str = "",
    ) -> Shift:
        """Close the shift, keeping expected, counted and the difference per payment form.

        Raises:
            ShiftError: The shift is not open.
        """
        now = self._clock()
        with self._db.write() as conn:
            row = conn.execute("SELECT closed_at FROM shift WHERE id = ?", (shift_id,)).fetchone()
            if row is None or row["closed_at"] is not None:
                raise ShiftError("Este turno ya está cerrado.")
            for count in counts:
                conn.execute(
                    "INSERT INTO shift_count (shift_id, payment_form, expected, counted, "
                    "difference) VALUES (?, ?, ?, ?, ?)",
                    (
                        shift_id,
                        count.payment_form,
                        _money(count.expected),
                        None if count.counted is None else _money(count.counted),
                        None if count.difference is None else _money(count.difference),
                    ),
                )
            conn.execute(
                "UPDATE shift SET closed_at = ?, closed_by = ?, note = ?, z_report = ? "
                "WHERE id = ?",
                (now, _text(closed_by), _text(note), dumps(dict(z_report)), shift_id),
            )
            done = conn.execute("SELECT * FROM shift WHERE id = ?", (shift_id,)).fetchone()
        return _shift(done)

    def counts(self, shift_id: int) -> list[CountedForm]:
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM shift_count WHERE shift_id = ? ORDER BY payment_form", (shift_id,)
            ).fetchall()
        return [
            CountedForm(
                r["payment_form"],
                Decimal(r["expected"]),
                None if r["counted"] is None else Decimal(r["counted"]),
                None if r["difference"] is None else Decimal(r["difference"]),
            )
            for r in rows
        ]

    # -- cash in / out --------------------------------------------------------------------

    def add_move(self, kind: MoveKind, amount: Decimal, reason: str) -> CashMove:
        """Cash put into or taken out of the drawer during the open shift.

        Raises:
            ShiftError: No shift is open, no reason, or the amount is not above zero.
        """
        reason = _text(reason)
        if not reason:
            raise ShiftError("Escribe el motivo.")
        if amount <= 0:
            raise ShiftError("El importe debe ser mayor que cero.")
        now = self._clock()
        with self._db.write() as conn:
            row = conn.execute("SELECT id FROM shift WHERE closed_at IS NULL").fetchone()
            if row is None:
                raise ShiftError("No hay un turno abierto: abre uno primero.")
            cursor = conn.execute(
                "INSERT INTO cash_move (shift_id, at, kind, amount, reason) VALUES (?, ?, ?, ?, ?)",
                (row["id"], now, kind.value, _money(amount), reason),
            )
            new = conn.execute(
                "SELECT * FROM cash_move WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _move(new)

    def moves(self, shift_id: int) -> list[CashMove]:
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM cash_move WHERE shift_id = ? ORDER BY id", (shift_id,)
            ).fetchall()
        return [_move(r) for r in rows]

    # -- refunds and cancellations made here ------------------------------------------------

    def record_event(
        self,
        kind: EventKind,
        amount: Decimal,
        payment_form: str,
        *,
        payment_id: str | None = None,
        local_id: str | None = None,
        folio: str | None = None,
    ) -> TillEvent:
        """A refund or cancellation this terminal made, in the open shift.

        Like a sale, it opens a shift with a $0.00 float when none is open: money that left
        the drawer always belongs to a shift.
        """
        now = self._clock()
        with self._db.write() as conn:
            shift_id = _open_or_auto(conn, now)
            cursor = conn.execute(
                "INSERT INTO till_event (shift_id, at, kind, amount, payment_form, payment_id, "
                "local_id, folio) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    shift_id,
                    now,
                    kind.value,
                    _money(max(amount, Decimal(0))),
                    payment_form or "",
                    payment_id,
                    local_id,
                    folio,
                ),
            )
            row = conn.execute(
                "SELECT * FROM till_event WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _event(row)

    def events(self, shift_id: int | None = None) -> list[TillEvent]:
        """Refunds and cancellations made here (one shift's, or all)."""
        query, params = "SELECT * FROM till_event", []
        if shift_id is not None:
            query, params = query + " WHERE shift_id = ?", [shift_id]
        with self._db.read() as conn:
            return [_event(r) for r in conn.execute(query + " ORDER BY id", params)]

    def sale_shifts(self) -> dict[int, int | None]:
        """outbox row id → shift id, for every sale."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT id, shift_id FROM outbox WHERE kind = 'register_payment'"
            ).fetchall()
        return {r["id"]: r["shift_id"] for r in rows}

    def sale_ids(self, shift_id: int) -> list[int]:
        """The outbox rows (sales) that belong to a shift."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT id FROM outbox WHERE shift_id = ? ORDER BY id", (shift_id,)
            ).fetchall()
        return [r["id"] for r in rows]


def _series(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT series FROM terminal WHERE id = 1").fetchone()
    return str(row["series"]) if row is not None else DEFAULT_SERIES


def _open_or_auto(conn: sqlite3.Connection, now: float) -> int:
    row = conn.execute("SELECT id FROM shift WHERE closed_at IS NULL").fetchone()
    if row is not None:
        return int(row["id"])
    cursor = conn.execute(
        "INSERT INTO shift (terminal, cashier, opened_at, opening_float, auto_opened) "
        "VALUES (?, '', ?, '0.00', 1)",
        (_series(conn), now),
    )
    return int(cursor.lastrowid or 0)
