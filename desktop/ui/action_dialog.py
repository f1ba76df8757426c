"""The base of every action dialog (`ActionDialog`) and the small form helpers all dialogs share.

Every dialog validates what it can locally (errors in red next to the field), then emits
`submitted(body)`; the page runs the API call on the page lane and answers with `finish()`
(close) or `fail(message)` (the server's message next to the form; what was typed stays). None
of them talks to the network itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayoutItem,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.money import MoneyError, to_decimal
from desktop.ui.field_errors import error_label
from desktop.ui.field_errors import show_error as set_error  # the name its importers use
from desktop.ui.formatting import sale_name


def payment_form_label(code: str | None) -> str:
    """`01 — Efectivo` (the SAT description), or the bare code when the catalog lacks it."""
    if not code:
        return ""
    try:
        form = fiscal.payment_form(code)
    except fiscal.CatalogUnavailableError:
        form = None
    return f"{code} — {form.description}" if form else str(code)


def fill_payment_forms(combo: QComboBox, selected: str | None = None) -> None:
    """SAT payment forms, code first (cashiers know "01", "04", "28")."""
    combo.clear()
    try:
        forms = fiscal.payment_forms()
    except fiscal.CatalogUnavailableError:
        forms = ()
    for form in forms:
        combo.addItem(f"{form.code} — {form.description}", form.code)
    if selected:
        index = combo.findData(selected)
        if index < 0:
            combo.addItem(selected, selected)
            index = combo.count() - 1
        combo.setCurrentIndex(index)


def parse_amount(text: str) -> Decimal | None:
    """A number as typed (`1,234.50`, `$99`, `12,5`) read by `desktop.money` (the one parser);
    None when it is not a number. Limits are the caller's (`desktop.money.parse_amount`)."""
    try:
        return to_decimal(text)
    except MoneyError:
        return None


class ActionDialog(QDialog):
    """A form that asks the page to run one API call and waits for the answer.

    Signals:
        submitted(object): the checked request body (a dict); the page answers with
            `finish()` or `fail(message)`.
    """

    submitted = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_error = error_label("formError")
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        self.ok_button.setToolTip(self.tr("Enter"))
        self.cancel_button = self.buttons.addButton(
            self.tr("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("closeButton")
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.form_error)
        self.layout_.addWidget(self.buttons)
        self.busy = False
        self._arranged = False

    def body(self) -> dict[str, Any] | None:
        """The request body, or None after showing what is wrong next to the fields."""
        raise NotImplementedError

    # -- keyboard -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._arranged:
            self._arranged = True
            self._arrange_keyboard()

    def fields(self) -> list[QWidget]:
        """The form's widgets that take Tab focus, top to bottom."""
        found: list[QWidget] = []
        for row in range(self.form.rowCount()):
            for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                item = self.form.itemAt(row, role)
                if item is not None:
                    found.extend(_focusable_in(item))
        return found

    def _arrange_keyboard(self) -> None:
        """Tab goes through the fields, then the buttons; the cashier starts in the first field.

        The buttons exist before a subclass adds its fields, so by creation order Tab (and the
        first focus) would land on the OK button: a partial refund typed "10" went to the
        button and Enter refunded the whole payment. A field the subclass focused on purpose is
        kept. A dialog whose OK is destructive (``danger``) and has no field to fill starts on
        "No, volver", so Enter alone never confirms a cancellation.
        """
        fields = self.fields()
        chain = [*fields, self.ok_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        chosen = self.focusWidget()
        if chosen in fields:
            target = chosen
        elif fields:
            target = fields[0]
        elif self.ok_button.property("danger"):
            target = self.cancel_button
            self.ok_button.setDefault(False)
            self.cancel_button.setDefault(True)
        else:
            target = self.ok_button
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()

    def _submit(self) -> None:
        if self.busy:
            return
        set_error(self.form_error, None)
        body = self.body()
        if body is None:
            return
        self.set_busy(True)
        self.submitted.emit(body)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        if busy:
            set_error(self.form_error, None)

    def fail(self, message: str) -> None:
        """The call failed: say why next to the form and keep everything typed."""
        self.set_busy(False)
        set_error(self.form_error, message)

    def finish(self, result: object = None) -> None:
        self.set_busy(False)
        self.accept()


class _EnterRuns(QObject):
    """Event filter behind `on_enter` (parented to its widget, so it lives as long)."""

    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._action()
            return True
        return super().eventFilter(watched, event)


def on_enter(widget: QWidget, action: Callable[[], None]) -> None:
    """Enter in `widget` runs `action` instead of the dialog's default button (a line's
    quantity adds the line; it never stamps or sends the whole form)."""
    _EnterRuns(widget, action)


def _focusable_in(item: QLayoutItem) -> list[QWidget]:
    """The Tab stops of a form row: its widget's, or those of a nested layout (a grid of
    counted amounts), in the layout's order."""
    widget = item.widget()
    if widget is not None:
        return _focusable(widget)
    layout = item.layout()
    found: list[QWidget] = []
    if layout is not None:
        for index in range(layout.count()):
            child = layout.itemAt(index)
            if child is not None:
                found.extend(_focusable_in(child))
    return found


def _focusable(widget: QWidget) -> list[QWidget]:
    """`widget` if Tab stops on it, else its children that Tab stops on (a picker's edit)."""
    if widget.isHidden() or not widget.isEnabled():
        return []
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [widget]
    found: list[QWidget] = []
    for child in widget.children():
        if isinstance(child, QWidget) and child.isWindow() is False:
            found.extend(_focusable(child))
    return found


def payment_folio(payment: Mapping[str, Any]) -> str:
    """The sale as the cashier reads it in dialogs (`formatting.sale_name`)."""
    metadata = payment.get("metadata")
    if isinstance(metadata, Mapping) and metadata.get("folio"):
        return str(metadata["folio"])
    return sale_name(None, str(payment.get("id") or ""))
