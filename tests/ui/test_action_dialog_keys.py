"""Action dialogs by keyboard: the cashier starts in the first field, and Enter alone never
confirms a destructive action nobody filled in (a new user's trial: a partial refund typed
"10" went to the OK button and Enter refunded the whole payment)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.payment_dialogs import CancelPaymentDialog, MarkPaidDialog, RefundDialog

PAYMENT = {"id": "payment_k1", "total": 50, "status": "succeeded", "metadata": {"folio": "CAJA1-2"}}


def shown(qtbot: QtBot, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_partial_refund_typed_and_entered_refunds_that_amount(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RefundDialog(PAYMENT))
    sent: list[dict[str, Any]] = []
    dialog.submitted.connect(sent.append)
    assert QApplication.focusWidget() is dialog.amount
    assert dialog.amount.selectedText() == dialog.amount.text()  # typing replaces the full amount
    qtbot.keyClicks(dialog.amount, "10")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert [b["amount"] for b in sent] == ["10"]


def test_tab_walks_the_fields_then_the_buttons(qtbot: QtBot) -> None:
    dialog = shown(qtbot, RefundDialog(PAYMENT))
    seen = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [dialog.amount, dialog.reason, dialog.ok_button, dialog.cancel_button]


def test_enter_on_a_bare_cancellation_goes_back_instead(qtbot: QtBot) -> None:
    dialog = shown(qtbot, CancelPaymentDialog(PAYMENT))
    sent: list[dict[str, Any]] = []
    dialog.submitted.connect(sent.append)
    assert QApplication.focusWidget() is dialog.cancel_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert sent == [] and not dialog.isVisible()


def test_a_field_the_dialog_focused_on_purpose_is_kept(qtbot: QtBot) -> None:
    dialog = shown(qtbot, MarkPaidDialog(PAYMENT))
    assert QApplication.focusWidget() is dialog.payment_form
