"""The till's figures: what this terminal sold, and the corte de caja of a shift. Qt-free.

The shift page, its printed X/Z reports, the reports page and ``python -m desktop report`` all
read sales through `sale_facts` and compute with the functions here, so the screen, the paper
and the CLI cannot disagree.

Where a sale's facts come from (works offline):

- This terminal's sales are the outbox's ``register_payment`` rows, sent or still queued
  (pending, sending, parked). Their total is gigstack's answer once sent, else computed from
  the queued body with `desktop.fiscal` (the same math the counter charged with). A row
  discarded from the queue never reached gigstack: it is left out of every figure and counted
  apart.
- Sales made elsewhere (another till, a payment link) are the cached gigstack payments that
  no outbox row accounts for; only paid or cancelled ones count (a payment link still waiting
  for its money is not a sale).
- Refunds and cancellations: gigstack's record (status, ``refunded_amount``, or the
  ``metadata.refunds_sent`` Pagos keeps) and what this terminal did (`desktop.store.shifts`
  ``till_event`` rows, recorded when Pagos refunds or cancels): the larger is believed, so an
  action is never counted twice and never missed while the cache is stale.

The corte de caja (`shift_figures`): per SAT payment form (01 efectivo, 04 tarjeta de
crédito, 28 tarjeta de débito, 03 transferencia, ...), expected = sold in the shift − refunded
in the shift − cancelled in the shift; cash (01) also adds the opening float and cash in and
takes cash out. A refund or cancellation counts in the shift it was *made* in (that is when
the money left the drawer) and by the payment form of the sale it undid (a card sale is
refunded to the card).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop import fiscal
from desktop.money import CENT
from desktop.payment_rules import (
    CANCELED_STATUSES,
    PAID_STATUSES,
    as_decimal,
    epoch,
    refunded_amount,
)
from desktop.store.cache import Cache, CacheLookup, Resource
from desktop.store.outbox import Outbox, OutboxItem, OutboxKind, OutboxState, payment_sold_at
from desktop.store.shifts import (
    CashMove,
    CountedForm,
    EventKind,
    MoveKind,
    Shift,
    Shifts,
    TillEvent,
)

ZERO = Decimal("0.00")
CASH = "01"
#: The forms a cashier is asked to count at the close, in this order (others when they sold).
COUNTED_FORMS = ("01", "04", "28", "03")
#: A sale with no payment form is "99 por definir" (what the SAT calls it).
UNKNOWN_FORM = "99"


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """Two decimals as text: how amounts leave in JSON and CSV ("1234.50")."""
    return str(cents(value))


def form_name(code: str) -> str:
    """The SAT description of a payment form ("Efectivo"), or the code when unknown."""
    found = fiscal.payment_form(code) if code else None
    return found.description if found else (code or "Sin forma de pago")


@dataclass(frozen=True)
class SaleLine:
    description: str
    quantity: Decimal
    amount: Decimal  # taxes included, after discount


@dataclass(frozen=True)
class SaleFact:
    """One sale as the figures see it.

    Attributes:
        local: Made at this terminal (an outbox row).
        queued: Not in gigstack yet (pending, sending or parked): paid at the counter all the
            same, so it counts.
        refunded: What was given back of it (never more than `total`).
        canceled: Cancelled (in gigstack, or by this terminal): it counts nothing.
        total_known: False when neither gigstack nor the queued body says the total (a line
            priced by the server from a service the cache does not know).
    """

    key: str
    folio: str
    sold_at: datetime
    total: Decimal
    payment_form: str
    status: str
    local: bool
    queued: bool = False
    parked: bool = False
    refunded: Decimal = ZERO
    canceled: bool = False
    outbox_id: int | None = None
    local_id: str | None = None
    payment_id: str | None = None
    shift_id: int | None = None
    terminal: str = ""
    cashier: str = ""
    lines: tuple[SaleLine, ...] = ()
    total_known: bool = True

    @property
    def net(self) -> Decimal:
        """What the sale brought in: nothing when cancelled, the total less refunds else."""
        return ZERO if self.canceled else max(self.total - self.refunded, ZERO)


@dataclass
class SalesData:
    """Every sale plus what was discarded from the queue (kept apart, counted nowhere)."""

    sales: list[SaleFact] = field(default_factory=list)
    discarded: list[OutboxItem] = field(default_factory=list)


# -- reading the sales ----------------------------------------------------------------------


def _lines(items: Iterable[Any], services: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    lines = []
    for raw in items:
        if not isinstance(raw, Mapping):
            continue
        line = dict(raw)
        service = services.get(str(line.get("id"))) if line.get("id") else None
        if service is not None:
            for name in ("description", "unit_price", "taxes"):
                if line.get(name) is None and service.get(name) is not None:
                    line[name] = service[name]
        lines.append(line)
    return lines


def _sale_lines(items: list[dict[str, Any]]) -> tuple[tuple[SaleLine, ...], Decimal | None]:
    """Lines with their amounts and the sale's total, when the items carry prices."""
    try:
        totals = fiscal.compute_totals(items)
    except (ValueError, TypeError, ArithmeticError, KeyError):
        lines = tuple(
            SaleLine(
                str(i.get("description") or i.get("id") or "Artículo"),
                as_decimal(i.get("quantity")) or Decimal(1),
                cents(as_decimal(i.get("total")) or ZERO),
            )
            for i in items
        )
        return lines, None
    lines = tuple(
        SaleLine(str(i.get("description") or i.get("id") or "Artículo"), t.quantity, t.total)
        for i, t in zip(items, totals.lines, strict=False)
    )
    return lines, totals.total


def _record_total(record: Mapping[str, Any]) -> Decimal | None:
    total = as_decimal(record.get("total"))
    if total is None:  # REFERENCE §16.3: some payments carry only `amount` in cents
        amount = as_decimal(record.get("amount"))
        if amount is not None:
            total = cents(amount / 100)
    return total


def _form_of(*records: Mapping[str, Any] | None) -> str:
    for record in records:
        if record:
            code = record.get("payment_form") or record.get("paymentForm")
            if code:
                return str(code)
    return UNKNOWN_FORM


def _moment(record: Mapping[str, Any]) -> datetime:
    found = payment_sold_at(record)
    if found is not None:
        return found
    seconds = epoch(record.get("created_at") or record.get("timestamp")) or 0.0
    return datetime.fromtimestamp(seconds, tz=UTC).astimezone()


def _series_of(folio: str) -> str:
    return folio.rsplit("-", 1)[0] if "-" in folio else ""


def sale_facts(
    outbox: Outbox,
    cache: Cache,
    team: str | None,
    shifts: Shifts,
    *,
    include_remote: bool = True,
    shift_id: int | None = None,
) -> SalesData:
    """Every sale this database knows, with refunds and cancellations applied.

    Args:
        include_remote: Also the cached gigstack payments no outbox row accounts for (sales
            of other tills); the corte de caja leaves them out.
        shift_id: Only this shift's sales (and no remote ones): reads a few rows instead of
            the whole queue and cache, so the shift page can ask on the GUI thread.
    """
    services: Mapping[str, Mapping[str, Any]] = CacheLookup(cache, Resource.SERVICES, team)
    rows: Iterable[OutboxItem]
    cached: Mapping[str, dict[str, Any]]
    by_local: dict[str, dict[str, Any]]
    if shift_id is not None:
        include_remote = False
        rows = [outbox.get(row_id) for row_id in shifts.sale_ids(shift_id)]
        cached, by_local = CacheLookup(cache, Resource.PAYMENTS, team), {}
    else:
        rows = outbox.rows()
        cached = {k: v for k, v in cache.all(Resource.PAYMENTS, team)}
        by_local = {
            str(p["metadata"]["local_id"]): p
            for p in cached.values()
            if isinstance(p.get("metadata"), Mapping) and p["metadata"].get("local_id")
        }
    events = shifts.events()
    refunded_here: dict[str, Decimal] = {}
    canceled_here: set[str] = set()
    for event in events:
        for ref in (event.payment_id, event.local_id):
            if not ref:
                continue
            if event.kind is EventKind.REFUND:
                refunded_here[ref] = refunded_here.get(ref, ZERO) + event.amount
            else:
                canceled_here.add(ref)
    shift_of = shifts.sale_shifts()
    shift_rows = {s.id: s for s in shifts.all()}
    data = SalesData()
    accounted: set[str] = set()

    def apply_actions(
        fact: SaleFact, record: Mapping[str, Any] | None, refs: Iterable[str]
    ) -> SaleFact:
        refs = [r for r in refs if r]
        status = fact.status
        told = refunded_amount({**record, "status": status}) if record else ZERO
        here = max((refunded_here.get(r, ZERO) for r in refs), default=ZERO)
        canceled = status in CANCELED_STATUSES or any(r in canceled_here for r in refs)
        refunded = min(max(told, here), fact.total)
        return replace(fact, refunded=cents(refunded), canceled=canceled)

    for item in rows:
        if item.kind is not OutboxKind.REGISTER_PAYMENT:
            continue
        if item.state is OutboxState.DISCARDED:
            data.discarded.append(item)
            continue
        record = (cached.get(item.server_id) if item.server_id else None) or by_local.get(
            item.local_id
        )
        response = item.response if item.state is OutboxState.SENT else None
        lines, computed = _sale_lines(_lines(item.payload.get("items") or [], services))
        total = None
        for source in (record, response):
            if source and total is None:
                total = _record_total(source)
        total_known = True
        if total is None:
            total, total_known = (computed, True) if computed is not None else (ZERO, False)
        queued = item.state is not OutboxState.SENT
        status = (
            str((record or response or {}).get("status") or "succeeded")
            if not queued
            else ("parked" if item.state is OutboxState.PARKED else "queued")
        )
        shift = shift_rows.get(shift_of.get(item.id) or -1)
        folio = item.folio or item.local_id
        fact = SaleFact(
            key=item.local_id,
            folio=folio,
            sold_at=item.sold_at_datetime() or _moment(item.payload),
            total=cents(total),
            payment_form=_form_of(item.payload, record, response),
            status=status,
            local=True,
            queued=queued,
            parked=item.state is OutboxState.PARKED,
            outbox_id=item.id,
            local_id=item.local_id,
            payment_id=item.server_id,
            shift_id=shift.id if shift else None,
            terminal=shift.terminal if shift else _series_of(folio),
            cashier=shift.cashier if shift else "",
            lines=lines,
            total_known=total_known,
        )
        refs = [item.local_id, item.server_id or ""]
        data.sales.append(apply_actions(fact, record, refs))
        accounted.add(item.local_id)
        if item.server_id:
            accounted.add(item.server_id)

    if include_remote:
        for pid, record in cached.items():
            metadata = record.get("metadata") if isinstance(record.get("metadata"), Mapping) else {}
            local_id = str((metadata or {}).get("local_id") or "")
            if pid in accounted or (local_id and local_id in accounted):
                continue
            status = str(record.get("status") or "")
            if status not in PAID_STATUSES and status not in CANCELED_STATUSES:
                continue
            folio = str((metadata or {}).get("folio") or "")
            lines, _computed = _sale_lines(_lines(record.get("items") or [], services))
            fact = SaleFact(
                key=pid,
                folio=folio or pid,
                sold_at=_moment(record),
                total=cents(_record_total(record) or ZERO),
                payment_form=_form_of(record),
                status=status,
                local=False,
                payment_id=pid,
                local_id=local_id or None,
                terminal=_series_of(folio) or "gigstack",
                cashier=str((metadata or {}).get("cashier") or ""),
                lines=lines,
            )
            data.sales.append(apply_actions(fact, record, [pid, local_id]))
    # Same second: this till's sales in the order they were queued.
    data.sales.sort(key=lambda s: (s.sold_at.timestamp(), s.outbox_id or 0, s.key))
    return data


# -- the corte de caja --------------------------------------------------------------------------


@dataclass(frozen=True)
class FormFigures:
    """One payment form in a shift. `expected` is what should be in the drawer (cash) or in
    the slips/statements (card, transfer) at the close."""

    payment_form: str
    sales_count: int = 0
    sales: Decimal = ZERO
    refunds_count: int = 0
    refunds: Decimal = ZERO
    cancellations_count: int = 0
    cancellations: Decimal = ZERO
    opening: Decimal = ZERO
    cash_in: Decimal = ZERO
    cash_out: Decimal = ZERO

    @property
    def expected(self) -> Decimal:
        return cents(
            self.opening
            + self.sales
            - self.refunds
            - self.cancellations
            + self.cash_in
            - self.cash_out
        )

    @property
    def name(self) -> str:
        return form_name(self.payment_form)


@dataclass(frozen=True)
class ShiftFigures:
    """The X report (any moment) and, with `counts`, the Z report (at the close)."""

    shift: Shift
    generated_at: float
    forms: tuple[FormFigures, ...]
    sales: tuple[SaleFact, ...]
    events: tuple[TillEvent, ...]
    moves: tuple[CashMove, ...]
    discarded: int = 0
    counts: tuple[CountedForm, ...] = ()

    def form(self, code: str) -> FormFigures:
        for figures in self.forms:
            if figures.payment_form == code:
                return figures
        return FormFigures(code)

    @property
    def sales_count(self) -> int:
        return len(self.sales)

    @property
    def gross(self) -> Decimal:
        return cents(sum((s.total for s in self.sales), ZERO))

    @property
    def refunds(self) -> Decimal:
        return cents(sum((f.refunds for f in self.forms), ZERO))

    @property
    def cancellations(self) -> Decimal:
        return cents(sum((f.cancellations for f in self.forms), ZERO))

    @property
    def net(self) -> Decimal:
        return cents(self.gross - self.refunds - self.cancellations)

    @property
    def expected_total(self) -> Decimal:
        """What every form should hold at the close, added up: the "Esperado" rows' sum (cash
        includes the opening float and the cash moves; `net` does not, it is sales only)."""
        return cents(sum((f.expected for f in self.forms), ZERO))

    @property
    def queued(self) -> tuple[SaleFact, ...]:
        return tuple(s for s in self.sales if s.queued)

    @property
    def expected_cash(self) -> Decimal:
        return self.form(CASH).expected

    @property
    def cash_in(self) -> Decimal:
        return self.form(CASH).cash_in

    @property
    def cash_out(self) -> Decimal:
        return self.form(CASH).cash_out

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON (amounts as two-decimal strings); stored with the Z close."""
        counted = {c.payment_form: c for c in self.counts}
        forms = {}
        for f in self.forms:
            entry: dict[str, Any] = {
                "name": f.name,
                "sales_count": f.sales_count,
                "sales": money_text(f.sales),
                "refunds": money_text(f.refunds),
                "cancellations": money_text(f.cancellations),
                "expected": money_text(f.expected),
            }
            if f.payment_form == CASH:
                entry.update(
                    opening=money_text(f.opening),
                    cash_in=money_text(f.cash_in),
                    cash_out=money_text(f.cash_out),
                )
            count = counted.get(f.payment_form)
            if count is not None and count.counted is not None:
                entry["counted"] = money_text(count.counted)
                entry["difference"] = money_text(count.difference or ZERO)
            forms[f.payment_form] = entry
        shift = self.shift
        return {
            "kind": "Z" if self.counts else "X",
            "shift": shift.id,
            "terminal": shift.terminal,
            "cashier": shift.cashier,
            "opened_at": shift.opened_at,
            "auto_opened": shift.auto_opened,
            "closed_by": shift.closed_by,
            "note": shift.note,
            "generated_at": self.generated_at,
            "opening_float": money_text(shift.opening_float),
            "sales_count": self.sales_count,
            "gross": money_text(self.gross),
            "refunds": {
                "count": sum(f.refunds_count for f in self.forms),
                "total": money_text(self.refunds),
            },
            "cancellations": {
                "count": sum(f.cancellations_count for f in self.forms),
                "total": money_text(self.cancellations),
            },
            "net": money_text(self.net),
            "queued": {
                "count": len(self.queued),
                "total": money_text(sum((s.total for s in self.queued), ZERO)),
            },
            "discarded": self.discarded,
            "cash_moves": [
                {
                    "at": m.at,
                    "kind": m.kind.value,
                    "amount": money_text(m.amount),
                    "reason": m.reason,
                }
                for m in self.moves
            ],
            "by_payment_form": forms,
            "expected_cash": money_text(self.expected_cash),
            "expected_total": money_text(self.expected_total),
        }


def shift_figures(
    shifts: Shifts,
    shift: Shift,
    data: SalesData,
    *,
    now: float | None = None,
) -> ShiftFigures:
    """The shift's figures from its sales (sent or queued), its refunds, cancellations and
    cash moves. `data` comes from `sale_facts` (remote sales are ignored here)."""
    sales = tuple(s for s in data.sales if s.local and s.shift_id == shift.id)
    events = tuple(shifts.events(shift.id))
    moves = tuple(shifts.moves(shift.id))
    acc: dict[str, dict[str, Any]] = {}

    def bucket(code: str) -> dict[str, Any]:
        return acc.setdefault(
            code,
            {
                "sales_count": 0,
                "sales": ZERO,
                "refunds_count": 0,
                "refunds": ZERO,
                "cancellations_count": 0,
                "cancellations": ZERO,
                "cash_in": ZERO,
                "cash_out": ZERO,
            },
        )

    bucket(CASH)
    for sale in sales:
        entry = bucket(sale.payment_form)
        entry["sales_count"] += 1
        entry["sales"] += sale.total
    for event in events:
        entry = bucket(event.payment_form or UNKNOWN_FORM)
        if event.kind is EventKind.REFUND:
            entry["refunds_count"] += 1
            entry["refunds"] += event.amount
        else:
            entry["cancellations_count"] += 1
            entry["cancellations"] += event.amount
    cash = bucket(CASH)
    for move in moves:
        cash["cash_in" if move.kind is MoveKind.CASH_IN else "cash_out"] += move.amount
    order = {code: n for n, code in enumerate(COUNTED_FORMS)}

    def figures_of(code: str, values: dict[str, Any]) -> FormFigures:
        amounts: dict[str, Any] = {
            k: (cents(v) if isinstance(v, Decimal) else v) for k, v in values.items()
        }
        opening = shift.opening_float if code == CASH else ZERO
        return FormFigures(payment_form=code, opening=opening, **amounts)

    forms = tuple(
        figures_of(code, values)
        for code, values in sorted(acc.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    )
    shift_of = shifts.sale_shifts()
    discarded = sum(1 for item in data.discarded if shift_of.get(item.id) == shift.id)
    return ShiftFigures(
        shift=shift,
        generated_at=time.time() if now is None else now,
        forms=forms,
        sales=sales,
        events=events,
        moves=moves,
        discarded=discarded,
    )


def counted_forms(
    figures: ShiftFigures, counted: Mapping[str, Decimal | None]
) -> tuple[CountedForm, ...]:
    """Expected, counted and difference (counted − expected) per form; a form not counted
    keeps its expected figure with no difference (card slips are optional)."""
    codes = [f.payment_form for f in figures.forms]
    codes += [c for c in counted if c not in codes]
    result = []
    for code in codes:
        expected = figures.form(code).expected
        amount = counted.get(code)
        result.append(
            CountedForm(
                code,
                expected,
                None if amount is None else cents(amount),
                None if amount is None else cents(amount - expected),
            )
        )
    return tuple(result)


def close_shift(
    shifts: Shifts,
    figures: ShiftFigures,
    counted: Mapping[str, Decimal | None],
    *,
    closed_by: str = "",
    note: str = "",
) -> ShiftFigures:
    """The Z close: record expected, counted and differences, and keep the report's figures.

    Raises:
        ShiftError: The shift is not open any more.
    """
    counts = counted_forms(figures, counted)
    closing = replace(figures.shift, closed_by=closed_by.strip(), note=note.strip())
    final = _replace_figures(figures, counts, shift=closing)
    shifts.close(figures.shift.id, list(counts), final.to_json(), closed_by=closed_by, note=note)
    closed = shifts.get(figures.shift.id)
    return _replace_figures(final, counts, shift=closed)


def _replace_figures(
    figures: ShiftFigures, counts: tuple[CountedForm, ...], shift: Shift | None = None
) -> ShiftFigures:
    return replace(figures, counts=counts, shift=shift or figures.shift)


def open_shift_figures(
    outbox: Outbox, cache: Cache, team: str | None, shifts: Shifts, shift: Shift
) -> ShiftFigures:
    """`shift_figures` reading everything it needs (for the page, the CLI and tests)."""
    data = sale_facts(outbox, cache, team, shifts, shift_id=shift.id)
    figures = shift_figures(shifts, shift, data)
    if not shift.is_open:
        figures = _replace_figures(figures, tuple(shifts.counts(shift.id)))
    return figures
