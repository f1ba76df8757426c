"""Payment actions by status, refund limits, the shift's "Cobrado" and each sale's fiscal state."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.money import MoneyError
from desktop.payment_rules import (
    Action,
    Fiscal,
    RefundLimit,
    allowed_actions,
    check_refund,
    collected,
    epoch,
    invoice_ids,
    receipt_fiscal,
    receipt_id,
    refund_limit,
    refunded_amount,
    sale_fiscal,
    with_refund,
)

NOW = 1_790_000_000.0


@pytest.mark.parametrize(
    "record",
    [
        {"invoices": ["inv_1"]},
        {"invoices": [{"uuid": "inv_1"}]},
        {"invoice_id": "inv_1"},
        {"invoice": {"uuid": "inv_1"}},
    ],
)
def test_every_invoice_link_shape_is_read(record: dict[str, Any]) -> None:
    assert invoice_ids(record) == ["inv_1"]
    assert sale_fiscal(record) is Fiscal.INVOICED


def test_receipt_links_and_states() -> None:
    assert receipt_id({"receipt_id": "receipt_9"}) == "receipt_9"
    assert receipt_id({"receipt": {"id": "receipt_9"}}) == "receipt_9"
    assert sale_fiscal({"receipt_id": "receipt_9"}) is Fiscal.RECEIPT
    assert sale_fiscal({"automation_type": "receipt"}) is Fiscal.RECEIPT
    assert sale_fiscal({"automation_type": "none"}) is Fiscal.NONE
    assert sale_fiscal({"invoices": ["x"]}, queued=True) is Fiscal.QUEUED
    valid = {"status": "pending", "validUntil": NOW + 3600}
    assert receipt_fiscal(valid, NOW) is Fiscal.RECEIPT_PENDING
    assert receipt_fiscal({**valid, "validUntil": NOW - 1}, NOW) is Fiscal.RECEIPT_EXPIRED
    assert receipt_fiscal({"status": "expired"}, NOW) is Fiscal.RECEIPT_EXPIRED
    assert receipt_fiscal({"status": "invoiced"}, NOW) is Fiscal.RECEIPT_INVOICED
    assert receipt_fiscal({"status": "stamped"}, NOW) is Fiscal.RECEIPT_INVOICED
    assert receipt_fiscal({"status": "canceled"}, NOW) is Fiscal.RECEIPT_CANCELED
    assert receipt_fiscal({"status": "expired", "global_invoice": "inv_g"}, NOW) is (
        Fiscal.RECEIPT_GLOBAL
    )
    embedded = {"receipt": {"id": "r", "status": "open", "valid_until": NOW + 10}}
    assert sale_fiscal(embedded, now=NOW) is Fiscal.RECEIPT_PENDING


def test_epoch_reads_numbers_iso_firestore_and_milliseconds() -> None:
    assert epoch(NOW) == NOW
    assert epoch(str(int(NOW))) == NOW
    assert epoch({"_seconds": int(NOW), "_nanoseconds": 0}) == NOW
    assert epoch(int(NOW) * 1000) == NOW
    assert epoch("2026-11-27T15:00:00Z") == pytest.approx(1_795_791_600.0)
    assert epoch("mañana") is None


def test_actions_by_status() -> None:
    queued = allowed_actions("queued", in_queue=True, fiscal=Fiscal.QUEUED)
    assert queued == {Action.OPEN_QUEUE, Action.REPRINT}
    paid = allowed_actions(
        "succeeded", in_queue=False, fiscal=Fiscal.RECEIPT_PENDING, refundable=Decimal(10)
    )
    assert paid == {Action.CANCEL, Action.REFUND, Action.STAMP_RECEIPT, Action.REPRINT}
    fully_refunded_left = allowed_actions(
        "partially_refunded", in_queue=False, fiscal=Fiscal.INVOICED, refundable=Decimal(0)
    )
    assert Action.REFUND not in fully_refunded_left
    assert Action.STAMP_RECEIPT not in fully_refunded_left
    awaiting = allowed_actions("requires_payment_method", in_queue=False, fiscal=Fiscal.NONE)
    assert awaiting == {Action.CANCEL, Action.MARK_PAID, Action.REPRINT}
    for status in ("canceled", "cancelled"):
        gone = allowed_actions(status, in_queue=False, fiscal=Fiscal.RECEIPT_PENDING)
        assert gone == {Action.REPRINT}
    expired = allowed_actions("succeeded", in_queue=False, fiscal=Fiscal.RECEIPT_EXPIRED)
    assert Action.STAMP_RECEIPT not in expired


def test_refund_limit_uses_gigstack_figure_or_what_we_sent() -> None:
    record: dict[str, Any] = {"total": "116.00", "status": "succeeded"}
    assert refund_limit(record) == RefundLimit(Decimal("116.00"), Decimal("0.00"))
    after = with_refund(with_refund(record, Decimal("16.00")), Decimal("50"))
    assert refunded_amount(after) == Decimal("66.00")
    assert refund_limit(after).refundable == Decimal("50.00")
    # gigstack's own figure wins when it is larger (refunds made elsewhere).
    assert refunded_amount({**after, "refunded_amount": 100}) == Decimal(100)
    assert refunded_amount({"total": "80", "status": "refunded"}) == Decimal(80)


def test_check_refund_amounts() -> None:
    limit = RefundLimit(Decimal("116.00"), Decimal("16.00"))
    assert check_refund("12,5", limit) == Decimal("12.5")  # a Spanish keyboard's decimal comma
    assert check_refund("$100", limit) == Decimal(100)
    for text, code in (
        ("100.01", "over_limit"),
        ("0", "not_positive"),
        ("-3", "negative"),
        ("abc", "not_a_number"),
        ("1.005", "too_many_decimals"),
        ("", "empty"),
    ):
        with pytest.raises(MoneyError) as caught:
            check_refund(text, limit)
        assert caught.value.code == code, text


def test_collected_counts_partial_refunds_cancellations_and_queued_sales() -> None:
    rows: list[tuple[str, dict[str, Any], bool]] = [
        ("succeeded", {"total": "100.00"}, False),
        ("partially_refunded", {"total": "50.00", "refunded_amount": "20.00"}, False),
        ("succeeded", with_refund({"total": "30.00"}, Decimal("5")), False),
        ("refunded", {"total": "40.00"}, False),
        ("canceled", {"total": "999.00"}, False),
        ("requires_payment_method", {"total": "70.00"}, False),
        ("queued", {"total": "10.00"}, True),
    ]
    summary = collected(rows)
    assert summary.count == 7
    assert summary.collected == Decimal("100") + Decimal("30") + Decimal("25") + Decimal("10")
    assert summary.refunded == Decimal("20") + Decimal("5") + Decimal("40")
    assert summary.canceled == 1
    assert (summary.waiting, summary.waiting_total) == (1, Decimal("10.00"))


def test_refunds_made_here_survive_a_record_that_does_not_say_them() -> None:
    from desktop.payment_rules import with_refunds_made_here

    fresh = {"id": "p1", "total": "100.00", "status": "partially_refunded", "metadata": {}}
    remembered = with_refunds_made_here(fresh, Decimal("30"))
    assert refund_limit(remembered).refundable == Decimal("70.00")
    # Never less than what the record itself already knows.
    known = with_refund(fresh, Decimal("40"))
    assert with_refunds_made_here(known, Decimal("30")) == known
