"""A whole day at the till against the real sandbox: open a shift with a float, sell online and
offline, refund part of a sale, cancel another, cash out, close with counted cash. The Z
report's figures are worked out here by hand from the prices rung up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.payment_rules import with_refund
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox, OutboxItem, OutboxState
from desktop.store.shifts import EventKind, MoveKind, ShiftError, Shifts
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender
from desktop.till import close_shift, open_shift_figures, sale_facts
from tests.conftest import SANDBOX_KEY

IVA_INCLUDED = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}]


def sale_body(form: str, *lines: tuple[str, int, str]) -> dict[str, Any]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "none",
        "payment_form": form,
        "items": [
            {
                "description": description,
                "quantity": quantity,
                "unit_price": price,
                "product_key": "01010101",
                "unit_key": "H87",
                "taxes": IVA_INCLUDED,
            }
            for description, quantity, price in lines
        ],
    }


@dataclass
class Till:
    db: Database
    outbox: Outbox
    cache: Cache
    shifts: Shifts
    api: GigstackClient
    sender: Sender

    def sell(self, form: str, *lines: tuple[str, int, str]) -> OutboxItem:
        return queue_payment(self.outbox, sale_body(form, *lines))

    def drain(self) -> None:
        stop, ticker = threading.Event(), threading.Event()
        for _ in range(300):
            self.sender.run(stop, until_idle=True)
            wait = self.sender.wait_time()
            if wait is None:
                return
            ticker.wait(min(wait, 0.2))
        raise AssertionError("the queue did not drain")

    def remember(self, record: dict[str, Any]) -> None:
        """What Pagos does with a server answer: write it into the cache."""
        self.cache.upsert(Resource.PAYMENTS, None, [record])

    def figures(self) -> Any:
        shift = self.shifts.current()
        assert shift is not None
        return open_shift_figures(self.outbox, self.cache, None, self.shifts, shift)


@pytest.fixture
def till(sandbox: Sandbox, tmp_path: Path) -> Iterator[Till]:
    db = open_database(tmp_path)
    api = GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url)
    outbox = Outbox(db)
    sender = Sender(
        outbox,
        GigstackDelivery(api),
        backoff=Backoff(first=0.05, cap=0.2),
        probe_backoff=Backoff(first=0.05, cap=0.2),
    )
    try:
        yield Till(db, outbox, Cache(db), Shifts(db), api, sender)
    finally:
        sender.close()
        api.close()
        db.close()


def test_a_whole_day_open_sell_online_and_offline_refund_cancel_cash_out_close(
    till: Till, sandbox: Sandbox
) -> None:
    shift = till.shifts.open(Decimal("500.00"), "Ana")

    # Online: two cash sales and a card sale reach gigstack at once.
    coffee = till.sell("01", ("Café americano", 2, "35.00"), ("Concha", 3, "12.50"))  # 107.50
    notebook = till.sell("01", ("Cuaderno", 1, "58.00"))  # 58.00
    card = till.sell("04", ("Mochila", 1, "899.90"))  # 899.90
    till.drain()
    for row in (coffee, notebook, card):
        sent = till.outbox.get(row.id)
        assert sent.state is OutboxState.SENT
        till.remember(dict(sent.response or {}))

    # A partial refund of the coffee sale, made from this till (as Pagos does it).
    coffee_id = str(till.outbox.get(coffee.id).server_id)
    refunded = till.api.payments.refund(coffee_id, amount=Decimal("35.00"), reason="Café frío")
    record = till.cache.get(Resource.PAYMENTS, None, coffee_id) or {}
    till.remember(with_refund({**record, **refunded.model_dump(mode="json")}, Decimal("35.00")))
    till.shifts.record_event(
        EventKind.REFUND, Decimal("35.00"), "01", payment_id=coffee_id, folio=coffee.folio
    )
    # The notebook sale is cancelled here: its whole total goes back.
    notebook_id = str(till.outbox.get(notebook.id).server_id)
    cancelled = till.api.payments.cancel(notebook_id)
    till.remember(cancelled.model_dump(mode="json"))
    till.shifts.record_event(
        EventKind.CANCEL, Decimal("58.00"), "01", payment_id=notebook_id, folio=notebook.folio
    )

    # The internet drops: two more sales wait in the queue and still count.
    sandbox.faults.set(status_down=True)
    offline_cash = till.sell("01", ("Refresco", 4, "22.00"))  # 88.00
    offline_transfer = till.sell("03", ("Impresión", 10, "3.00"))  # 30.00
    till.sender.step()
    assert till.outbox.get(offline_cash.id).state is OutboxState.PENDING

    till.shifts.add_move(MoveKind.CASH_OUT, Decimal("100.00"), "Pago al proveedor de pan")
    till.shifts.add_move(MoveKind.CASH_IN, Decimal("50.00"), "Cambio del banco")

    x = till.figures()
    cash, card_form, transfer = x.form("01"), x.form("04"), x.form("03")
    # Cash: float 500 + sales (107.50 + 58 + 88) - refund 35 - cancelled 58 + in 50 - out 100.
    assert (cash.sales_count, cash.sales) == (3, Decimal("253.50"))
    assert (cash.refunds, cash.cancellations) == (Decimal("35.00"), Decimal("58.00"))
    assert cash.expected == Decimal("610.50")
    assert (card_form.sales_count, card_form.expected) == (1, Decimal("899.90"))
    assert (transfer.sales_count, transfer.expected) == (1, Decimal("30.00"))
    assert x.gross == Decimal("1183.40") and x.net == Decimal("1090.40")
    assert [s.key for s in x.queued] == [offline_cash.local_id, offline_transfer.local_id]

    # The Z close: the cashier counts $600.50 in the drawer and the card slips.
    z = close_shift(
        till.shifts, x, {"01": Decimal("600.50"), "04": Decimal("899.90")}, closed_by="Ana"
    )
    report = z.to_json()
    assert report["kind"] == "Z" and report["opening_float"] == "500.00"
    assert report["by_payment_form"]["01"] == {
        "name": "Efectivo",
        "sales_count": 3,
        "sales": "253.50",
        "refunds": "35.00",
        "cancellations": "58.00",
        "expected": "610.50",
        "opening": "500.00",
        "cash_in": "50.00",
        "cash_out": "100.00",
        "counted": "600.50",
        "difference": "-10.00",
    }
    assert report["by_payment_form"]["04"]["difference"] == "0.00"
    assert "counted" not in report["by_payment_form"]["03"]  # transfers were not counted
    assert report["refunds"] == {"count": 1, "total": "35.00"}
    assert report["cancellations"] == {"count": 1, "total": "58.00"}
    assert report["queued"] == {"count": 2, "total": "118.00"}
    assert report["net"] == "1090.40"

    # What was recorded is what the close showed, and stays after the queue drains.
    closed = till.shifts.get(shift.id)
    assert not closed.is_open and closed.z_report == report
    counts = {c.payment_form: c for c in till.shifts.counts(shift.id)}
    assert counts["01"].difference == Decimal("-10.00")
    assert counts["03"].counted is None and counts["03"].expected == Decimal("30.00")
    sandbox.faults.clear()
    till.drain()
    after = open_shift_figures(till.outbox, till.cache, None, till.shifts, closed)
    assert after.form("01").expected == Decimal("610.50") and not after.queued
    with pytest.raises(ShiftError):
        till.shifts.add_move(MoveKind.CASH_OUT, Decimal("1"), "después del cierre")


def test_a_refund_known_to_gigstack_and_to_this_till_counts_once(
    till: Till, sandbox: Sandbox
) -> None:
    till.shifts.open(Decimal("0"), "")
    row = till.sell("28", ("Pan", 10, "10.00"))
    till.drain()
    payment_id = str(till.outbox.get(row.id).server_id)
    answer = till.api.payments.refund(payment_id, amount=Decimal("20.00"), reason="x")
    till.remember(with_refund(answer.model_dump(mode="json"), Decimal("20.00")))
    till.shifts.record_event(EventKind.REFUND, Decimal("20.00"), "28", payment_id=payment_id)
    data = sale_facts(till.outbox, till.cache, None, till.shifts)
    (fact,) = [s for s in data.sales if s.local]
    assert (fact.total, fact.refunded, fact.net) == (
        Decimal("100.00"),
        Decimal("20.00"),
        Decimal("80.00"),
    )
    assert till.figures().form("28").expected == Decimal("80.00")


def test_a_sale_discarded_from_the_queue_counts_nowhere(till: Till, sandbox: Sandbox) -> None:
    sandbox.faults.set(status_down=True)
    shift = till.shifts.open(Decimal("100"), "Beto")
    kept = till.sell("01", ("Chicle", 2, "5.00"))
    dropped = till.sell("01", ("Chicle", 1, "5.00"))
    till.outbox.discard(dropped.id, "venta duplicada")
    figures = open_shift_figures(till.outbox, till.cache, None, till.shifts, shift)
    assert [s.key for s in figures.sales] == [kept.local_id]
    assert figures.discarded == 1 and figures.expected_cash == Decimal("110.00")
