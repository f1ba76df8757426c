"""Pagos' filter rule (`payments_filters.row_filter`) and its widget, without a page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from desktop.ui.payments_filters import RECEIPT_FILTER, PaymentFilters, row_filter
from desktop.ui.payments_model import DATE_ALL, DATE_CUSTOM, DATE_TODAY, PaymentRow

DAY = 86_400.0
T0 = 1_700_000_000.0


def row(status: str = "succeeded", *, at: float = T0, form: str = "01", **extra: Any) -> PaymentRow:
    record = {
        "id": f"pay_{status}_{at}_{form}",
        "status": status,
        "payment_form": form,
        "created_at": int(at),
        "client": {
            "name": "José Hernández",
            "legal_name": "JOSE HERNANDEZ",
            "tax_id": "HEJJ800101AB1",
        },
        **extra,
    }
    return PaymentRow(record=record, status=status, created=at)


def test_the_period_is_start_inclusive_end_exclusive() -> None:
    keep = row_filter(T0, T0 + DAY, "", "", "")
    assert keep(row(at=T0)) and keep(row(at=T0 + DAY - 1))
    assert not keep(row(at=T0 - 1)) and not keep(row(at=T0 + DAY))
    assert row_filter(None, None, "", "", "")(row(at=0.0))


def test_status_words_take_their_variants() -> None:
    refunded = row_filter(None, None, "refunded", "", "")
    assert refunded(row("refunded")) and refunded(row("partially_refunded"))
    assert not refunded(row("succeeded"))
    canceled = row_filter(None, None, "canceled", "", "")
    assert canceled(row("canceled")) and canceled(row("cancelled"))
    assert not canceled(row("refunded"))


def test_receipt_filter_keeps_sales_whose_receipt_can_still_be_invoiced() -> None:
    keep = row_filter(None, None, RECEIPT_FILTER, "", "")
    assert keep(row(automation_type="receipt"))  # asked for a receipt; its id comes later
    assert not keep(row())  # no fiscal document
    assert not keep(row(invoices=["inv_1"]))  # invoiced already


def test_form_and_client_words_accent_and_case_blind() -> None:
    assert row_filter(None, None, "", "01", "")(row(form="01"))
    assert not row_filter(None, None, "", "04", "")(row(form="01"))
    assert row_filter(None, None, "", "", "jose HERNANDEZ")(row())
    assert row_filter(None, None, "", "", "hejj800101")(row())
    assert not row_filter(None, None, "", "", "josé pérez")(row())


def test_the_widget_says_when_a_filter_changed_and_gives_its_rule(qtbot: QtBot) -> None:
    filters = PaymentFilters()
    qtbot.addWidget(filters)
    assert not filters.date_from.isEnabled()
    with qtbot.waitSignal(filters.changed, timeout=1000):
        filters.date_range.setCurrentIndex(filters.date_range.findData(DATE_CUSTOM))
    assert filters.date_from.isEnabled() and filters.date_to.isEnabled()
    day = QDate(2024, 3, 10)
    filters.date_from.setDate(day.addDays(2))
    filters.date_to.setDate(day)  # reversed: still the days between
    start, end = filters.date_bounds()
    assert start == QDateTime(day, QTime(0, 0)).toSecsSinceEpoch()
    assert end == QDateTime(day.addDays(3), QTime(0, 0)).toSecsSinceEpoch()
    assert start is not None
    assert filters.predicate()(row(at=start + 3600))
    assert not filters.predicate()(row(at=start - 1))

    filters.date_range.setCurrentIndex(filters.date_range.findData(DATE_ALL))
    assert filters.date_bounds() == (None, None)
    filters.date_range.setCurrentIndex(filters.date_range.findData(DATE_TODAY))
    today, none = filters.date_bounds()
    assert none is None and today == QDateTime(QDate.currentDate(), QTime(0, 0)).toSecsSinceEpoch()
    with qtbot.waitSignal(filters.changed, timeout=1000):
        filters.client_filter.setText("nadie así")
    assert not filters.predicate()(row(at=today or 0.0))
