"""Issue 11 "Care": a price typed over the list price at the till needs the manager's PIN when
the shop set one (once per sale); refusing keeps the list price and says why next to the
table. Without a PIN the override goes through, as before (test_counter_page)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.pin import ManagerPin
from desktop.ui.app import AppShell
from desktop.ui.counter_items import COL_PRICE
from desktop.ui.counter_page import CounterPage
from desktop.ui.manager_pin import PinDialog
from tests.ui.counter_helpers import barcode
from tests.ui.keyboard import press, scan, type_text

TIMEOUT = 10_000
PIN = "4821"


class PinAnswers:
    """Answers the manager-PIN dialog when it opens (it is modal: the test cannot wait for it
    from outside), and counts how many times it was asked."""

    def __init__(self) -> None:
        self.asked = 0
        self._answers: list[Callable[[PinDialog], None]] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def next(self, answer: Callable[[PinDialog], None]) -> None:
        self._answers.append(answer)

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PinDialog) and modal.isVisible() and self._answers:
            self.asked += 1
            self._answers.pop(0)(modal)

    def stop(self) -> None:
        self._timer.stop()


def right_pin(dialog: PinDialog) -> None:
    dialog.pin.setText(PIN)
    dialog.check()


def wrong_pin_then_cancel(dialog: PinDialog) -> None:
    dialog.pin.setText("1111")
    dialog.check()
    assert dialog.isVisible() and dialog.error.text() == "PIN incorrecto."
    dialog.reject()


def type_price(qtbot: QtBot, counter: CounterPage, row: int, price: str) -> None:
    # After the PIN dialog the till's window has the keyboard again.
    qtbot.waitUntil(counter.window().isActiveWindow, timeout=TIMEOUT)
    press(qtbot, Qt.Key.Key_F4)
    counter.table.setCurrentIndex(counter.cart.index(row, COL_PRICE))
    type_text(qtbot, price)
    press(qtbot, Qt.Key.Key_Return)


def test_a_price_override_needs_the_manager_pin_once_per_sale(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    ManagerPin(shell.config.data_dir).set(PIN)
    answers = PinAnswers()
    try:
        scan(qtbot, barcode(shell, "service_demo_cuaderno"))  # $45.00
        scan(qtbot, barcode(shell, "service_demo_lapiz"))
        total = counter.total_value.text()

        # Refused: the line keeps its list price and the reason is next to the table.
        answers.next(wrong_pin_then_cancel)
        type_price(qtbot, counter, 0, "40")
        qtbot.waitUntil(lambda: answers.asked == 1, timeout=TIMEOUT)
        qtbot.waitUntil(counter.items_error.isVisible, timeout=TIMEOUT)
        assert "PIN del encargado" in counter.items_error.text()
        assert "$40.00" in counter.items_error.text()  # what was typed is not lost
        assert "Línea 1" in counter.items_error.text()
        assert counter.cart.lines[0].price_override is None
        assert counter.total_value.text() == total
        assert not counter.cart.overrides_authorized

        # Authorized: the price changes, and the rest of this sale needs no second PIN.
        answers.next(right_pin)
        type_price(qtbot, counter, 0, "40")
        qtbot.waitUntil(
            lambda: counter.cart.lines[0].price_override == Decimal("40.00"), timeout=TIMEOUT
        )
        assert answers.asked == 2
        assert not counter.items_error.isVisible()
        type_price(qtbot, counter, 1, "5")
        qtbot.waitUntil(lambda: counter.cart.lines[1].price_override is not None, timeout=TIMEOUT)
        assert answers.asked == 2

        counter.focus_code()
        row = counter.charge()
        assert row is not None
        prices = [Decimal(item["unit_price"]) for item in row.payload["items"]]
        assert prices[0] == Decimal("40.00")

        # The next customer: an override asks again.
        scan(qtbot, barcode(shell, "service_demo_cuaderno"))
        assert not counter.cart.overrides_authorized
        answers.next(right_pin)
        type_price(qtbot, counter, 0, "30")
        qtbot.waitUntil(
            lambda: counter.cart.lines[0].price_override == Decimal("30.00"), timeout=TIMEOUT
        )
        assert answers.asked == 3
    finally:
        answers.stop()


def test_the_list_price_typed_back_and_quantities_never_ask_for_the_pin(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    ManagerPin(shell.config.data_dir).set(PIN)
    answers = PinAnswers()
    try:
        scan(qtbot, barcode(shell, "service_demo_cuaderno"))  # $45.00
        shown = counter.cart.lines[0].shown_unit_price
        type_price(qtbot, counter, 0, f"{shown:.2f}")  # the list price: no override
        press(qtbot, Qt.Key.Key_F4)
        counter.table.setCurrentIndex(counter.cart.index(0, 1))
        type_text(qtbot, "3")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: counter.cart.lines[0].quantity == 3, timeout=TIMEOUT)
        assert counter.cart.lines[0].price_override is None
        assert answers.asked == 0
        assert QApplication.activeModalWidget() is None
    finally:
        answers.stop()
