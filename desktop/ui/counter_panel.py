"""The counter's right-hand panel: the total, how the customer pays, what the sale ends in
fiscally, and the charge button.

The panel displays and collects; the page decides (`CounterPage.charge`). What the sale ends in
comes from `desktop.fiscal.outcome` and is shown next to the charge button before charging.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.fiscal.outcome import Missing, Outcome, OutcomeDecision, Reason
from desktop.money import MoneyError
from desktop.store.cache import fold
from desktop.ui.counter_sale import (
    CASH,
    QUICK_PAYMENT_FORMS,
    TotalsView,
    change_for,
    payment_form_label,
    received_cash,
)
from desktop.ui.field_errors import error_label, show_error
from desktop.ui.formatting import money


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def object_name(label: str) -> str:
    cleaned = "".join(ch for ch in fold(label).title() if ch.isalnum())
    return cleaned[:1].lower() + cleaned[1:]


class ChargePanel(QFrame):
    """Total and breakdown, payment form, cash received and change, "Facturar", the fiscal
    outcome of the sale, the big change of the last charge, and "Cobrar (F12)"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPanel")
        self.setFixedWidth(340)
        right = QVBoxLayout(self)
        # Tight enough that the whole panel, last sale included, fits the page a 1366x700
        # screen leaves once the window's title bar is off (about 610 px; D3).
        right.setContentsMargins(18, 8, 18, 8)
        right.setSpacing(4)
        self.layout_ = right

        # Parented at once: a stacked layout shows its current widget, and a parentless one
        # would flash up as a window of its own and take the activation from the app.
        self.total_box = QWidget(self)
        total_layout = QVBoxLayout(self.total_box)
        total_layout.setContentsMargins(0, 0, 0, 0)
        total_layout.setSpacing(5)
        total_caption = QLabel(self.tr("TOTAL"))
        total_caption.setObjectName("totalCaption")
        self.total_value = QLabel()
        self.total_value.setObjectName("totalValue")
        self.total_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total_value.setAccessibleName(self.tr("Total a cobrar"))
        total_layout.addWidget(total_caption)
        total_layout.addWidget(self.total_value)
        # After a cash charge the change is what the cashier must read: big, until the next
        # scan, in the total's own place (the cart is empty then, its "$0.00" says nothing).
        # One place for both: nothing below moves when the change comes or goes, and the
        # panel fits a 1366x700 screen with the last sale's buttons on it (D3).
        self.change_due = QLabel(self)
        self.change_due.setObjectName("changeDue")
        self.change_due.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.change_due.setAccessibleName(self.tr("Cambio a entregar"))
        self.change_due.setTextFormat(Qt.TextFormat.RichText)
        self._top = QStackedLayout()
        right.addLayout(self._top)
        self._top.addWidget(self.total_box)
        self._top.addWidget(self.change_due)
        self.show_change_due(None)  # two lines from the start: its height never changes
        self.breakdown = QGridLayout()
        self.breakdown.setHorizontalSpacing(12)
        self.breakdown.setVerticalSpacing(2)
        self.breakdown_labels: dict[str, QLabel] = {}
        right.addLayout(self.breakdown)
        right.addSpacing(4)

        pay_caption = QLabel(self.tr("Forma de pago"))
        pay_caption.setObjectName("paymentCaption")
        right.addWidget(pay_caption)
        self.pay_group = QButtonGroup(self)
        self.pay_group.setExclusive(True)
        self.pay_buttons: dict[str, QPushButton] = {}
        names = {
            "01": self.tr("&Efectivo"),
            "04": self.tr("Tarjeta de &crédito"),
            "28": self.tr("Tarjeta de &débito"),
            "03": self.tr("&Transferencia"),
        }
        grid = QGridLayout()
        grid.setSpacing(6)
        for n, code in enumerate(QUICK_PAYMENT_FORMS):
            button = QPushButton(names[code])
            button.setObjectName(f"payForm{code}")
            button.setProperty("class", "payForm")
            button.setCheckable(True)
            button.setToolTip(payment_form_label(code))
            self.pay_group.addButton(button)
            self.pay_buttons[code] = button
            grid.addWidget(button, n // 2, n % 2)
        right.addLayout(grid)
        self.other_form = QComboBox()
        self.other_form.setObjectName("otherPaymentForm")
        self.other_form.setAccessibleName(self.tr("Otra forma de pago"))
        self.other_form.addItem(self.tr("Otra forma de pago…"), None)
        for form in fiscal.payment_forms():
            if form.code not in QUICK_PAYMENT_FORMS:
                self.other_form.addItem(f"{form.code} - {form.description}", form.code)
        right.addWidget(self.other_form)
        self.payment_form_error = error_label("paymentFormError")
        right.addWidget(self.payment_form_error)

        self.cash_box = QWidget()
        self.cash_box.setObjectName("cashBox")
        cash = QGridLayout(self.cash_box)
        cash.setContentsMargins(0, 2, 0, 0)
        received_caption = QLabel(self.tr("&Recibido"))
        self.received_edit = QLineEdit()
        self.received_edit.setObjectName("receivedEdit")
        self.received_edit.setAccessibleName(self.tr("Importe recibido en efectivo"))
        self.received_edit.setPlaceholderText(self.tr("exacto"))
        self.received_edit.setToolTip(
            self.tr("Efectivo recibido (Alt+R). Vacío = importe exacto. Enter cobra.")
        )
        self.received_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        received_caption.setBuddy(self.received_edit)
        self.change_caption = QLabel(self.tr("Cambio"))
        self.change_value = QLabel()
        self.change_value.setObjectName("changeValue")
        self.change_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # With nothing to charge the row says nothing ("Cambio $0.00" under the big change of
        # the sale just charged read as a second, contradicting change): it hides, keeping
        # its room so the buttons below stay where they are.
        for widget in (self.change_caption, self.change_value):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.received_error = error_label("receivedError")
        cash.addWidget(received_caption, 0, 0)
        cash.addWidget(self.received_edit, 0, 1)
        cash.addWidget(self.change_caption, 1, 0)
        cash.addWidget(self.change_value, 1, 1)
        cash.addWidget(self.received_error, 2, 0, 1, 2)
        right.addWidget(self.cash_box)

        self.invoice_check = QCheckBox(self.tr("&Facturar a este cliente"))
        self.invoice_check.setObjectName("invoiceCheck")
        self.invoice_check.setToolTip(
            self.tr("gigstack timbra la factura al registrar el pago (Alt+F)")
        )
        self.invoice_error = error_label("invoiceError")
        right.addWidget(self.invoice_check)
        right.addWidget(self.invoice_error)
        right.addStretch(1)

        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("outcomeLabel")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_label.setAccessibleName(self.tr("Comprobante de la venta"))
        right.addWidget(self.outcome_label)

        self.charge_button = QPushButton(self.tr("Cobrar (F12)"))
        self.charge_button.setObjectName("chargeButton")
        self.charge_button.setAutoDefault(True)
        self.charge_button.setToolTip(self.tr("Registrar el pago (F12 o Enter)"))
        self.charge_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.charge_error = error_label("chargeError")
        # The message goes above the button: shown, it takes room from the stretch above, so
        # "Cobrar" stays under the cashier's pointer (below, it pushed the button up).
        right.addWidget(self.charge_error)
        right.addWidget(self.charge_button)
        self.pay_buttons[CASH].setChecked(True)

    # -- totals ------------------------------------------------------------------------------

    def show_totals(self, view: TotalsView | None) -> None:
        self.total_value.setText(money(view.total if view else Decimal("0.00")))
        rows: list[tuple[str, Decimal]] = [("Subtotal", view.subtotal if view else Decimal(0))]
        if view and view.discount:
            rows.append(("Descuento", -view.discount))
        rows += list(view.taxes) if view else [("IVA", Decimal(0))]
        self._set_breakdown(rows)

    def _set_breakdown(self, rows: list[tuple[str, Decimal]]) -> None:
        wanted = [label for label, _ in rows]
        if list(self.breakdown_labels) != wanted:
            while self.breakdown.count():
                item = self.breakdown.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.setParent(None)
                    widget.deleteLater()
            self.breakdown_labels = {}
            for n, label in enumerate(wanted):
                caption = QLabel(label)
                caption.setProperty("class", "amount")
                value = QLabel()
                value.setObjectName(f"{object_name(label)}Value")
                value.setProperty("class", "amount")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.breakdown.addWidget(caption, n, 0)
                self.breakdown.addWidget(value, n, 1)
                self.breakdown_labels[label] = value
        for label, amount in rows:
            self.breakdown_labels[label].setText(money(amount))

    def show_change_due(self, change: Decimal | None) -> None:
        """The change of the sale just charged, big (None hides it: the next sale began).

        Exact money or a card leaves nothing to hand back: a big "$0.00" would only be noise.
        """
        if change is None or change <= 0:
            self._top.setCurrentWidget(self.total_box)
            # Hidden, it keeps two lines of text: the place it shares with the total is as
            # tall before the change shows as while it does (nothing below moves).
            self.change_due.setText(self._change_text(Decimal("0.00")))
            return
        self.change_due.setText(self._change_text(change))
        self._top.setCurrentWidget(self.change_due)

    def _change_text(self, change: Decimal) -> str:
        return self.tr("Cambio<br><b>{amount}</b>").format(amount=money(change))

    # -- payment form and cash ---------------------------------------------------------------

    def payment_form(self) -> str:
        checked = self.pay_group.checkedButton()
        for code, button in self.pay_buttons.items():
            if button is checked:
                return code
        return str(self.other_form.currentData() or CASH)

    def set_payment_form(self, code: str) -> None:
        if code in self.pay_buttons:
            self.pay_buttons[code].setChecked(True)
            self.other_form.setCurrentIndex(0)
        else:
            self.pay_group.setExclusive(False)
            for button in self.pay_buttons.values():
                button.setChecked(False)
            self.pay_group.setExclusive(True)
            self.other_form.setCurrentIndex(max(0, self.other_form.findData(code)))
        self.payment_form_changed()

    def payment_form_changed(self) -> None:
        show_error(self.payment_form_error, None)
        self.cash_box.setVisible(self.payment_form() == CASH)

    def received(self, total: Decimal) -> Decimal:
        """Cash received; an empty field means the exact amount.

        Raises:
            MoneyError: What was typed is not an amount (Spanish message).
        """
        return received_cash(self.received_edit.text(), total)

    def update_change(self, total: Decimal) -> None:
        show_error(self.received_error, None)
        has_total = total > 0
        self.change_caption.setVisible(has_total)
        self.change_value.setVisible(has_total)
        level = "good"
        try:
            received = self.received(total)
        except MoneyError:
            text, level = self.tr("importe no válido"), "bad"
        else:
            change = change_for(total, received)
            if change is None:
                text = self.tr("faltan {amount}").format(amount=money(total - received))
                level = "bad"
            else:
                text = money(change)
        self.change_value.setText(text)
        self.change_value.setProperty("level", level)
        _restyle(self.change_value)

    # -- fiscal outcome ----------------------------------------------------------------------

    def show_outcome(self, decision: OutcomeDecision, client_name: str) -> None:
        """Say, before charging, what the sale ends in and why."""
        self.outcome_label.setText(self.outcome_text(decision, client_name))
        self.outcome_label.setProperty("outcome", decision.outcome.value)
        self.outcome_label.setToolTip(self.tr("Cambia al elegir cliente o marcar «Facturar»."))
        _restyle(self.outcome_label)

    def missing_text(self, missing: tuple[Missing, ...]) -> str:
        names = {
            Missing.TAX_ID: self.tr("RFC"),
            Missing.LEGAL_NAME: self.tr("razón social"),
            Missing.TAX_SYSTEM: self.tr("régimen fiscal"),
            Missing.ZIP: self.tr("código postal"),
        }
        return ", ".join(names[m] for m in missing)

    def outcome_text(self, decision: OutcomeDecision, client_name: str) -> str:
        name = client_name.replace("&", "&amp;").replace("<", "&lt;")
        if decision.outcome is Outcome.INVOICE:
            return self.tr(
                "<b>Factura</b> a {name}: gigstack la timbra al registrar el pago."
            ).format(name=name)
        if decision.outcome is Outcome.NONE:
            return self.tr(
                "<b>Sin comprobante fiscal</b> (así lo indica la configuración de la tienda)."
            )
        if decision.reason is Reason.PUBLIC_ASKED_INVOICE:
            return self.tr(
                "<b>Recibo con QR «Factura tu compra»</b>. Público en general no se factura: "
                "el cliente se factura con el QR del ticket, o elígelo (F2) para facturarle."
            )
        if decision.reason is Reason.INCOMPLETE:
            return self.tr(
                "<b>Recibo con QR de autofactura</b>: a {name} le falta {missing} para "
                "facturarle aquí."
            ).format(name=name, missing=self.missing_text(decision.missing))
        if decision.reason is Reason.NOT_REQUESTED:
            return self.tr(
                "<b>Recibo con QR de autofactura</b>. Marca «Facturar» para timbrar la factura "
                "a {name} ahora."
            ).format(name=name)
        return self.tr(
            "<b>Recibo con QR «Factura tu compra»</b>: el cliente puede facturarse con su RFC."
        )
