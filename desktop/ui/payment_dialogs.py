"""Dialogs for the actions on a payment: cancel, mark paid, refund.

The request-payment dialog lives in `request_payment_dialog`, the QR of a link in
`payment_link`, the receipt-to-invoice dialog in `customer_invoice_dialog`; the shared base in
`action_dialog`. Their names are re-exported here for the modules that import them from here.
Refund limits are `desktop.payment_rules`' (what is left after earlier refunds).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QLineEdit, QWidget

from desktop.money import MoneyError
from desktop.payment_rules import check_refund, refund_limit
from desktop.records.payments import PaymentView
from desktop.ui.action_dialog import (
    ActionDialog,
    error_label,
    fill_payment_forms,
    parse_amount,
    payment_folio,
    payment_form_label,
    set_error,
)
from desktop.ui.formatting import money
from desktop.ui.payment_link import PaymentLinkView, QrDialog
from desktop.ui.request_payment_dialog import RequestLine, RequestPaymentDialog

__all__ = [
    "ActionDialog",
    "CancelPaymentDialog",
    "MarkPaidDialog",
    "PaymentLinkView",
    "QrDialog",
    "RefundDialog",
    "RequestLine",
    "RequestPaymentDialog",
    "error_label",
    "fill_payment_forms",
    "parse_amount",
    "payment_folio",
    "payment_form_label",
    "set_error",
]


class CancelPaymentDialog(ActionDialog):
    """Confirmation before cancelling a payment on gigstack."""

    def __init__(self, payment: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancelar pago"), self.tr("Sí, cancelar el pago"), parent)
        self.setObjectName("cancelPaymentDialog")
        label = QLabel(
            self.tr(
                "¿Cancelar el pago {folio} por {total}? Esta acción se registra en gigstack y no "
                "se puede deshacer."
            ).format(
                folio=payment_folio(payment), total=money(PaymentView.from_record(payment).total)
            )
        )
        label.setObjectName("confirmText")
        label.setWordWrap(True)
        self.form.addRow(label)
        self.cancel_button.setText(self.tr("No, volver"))
        self.ok_button.setProperty("danger", True)

    def body(self) -> dict[str, Any] | None:
        return {}


class MarkPaidDialog(ActionDialog):
    """Payment form and date for a payment the customer paid outside the link."""

    def __init__(self, payment: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Marcar como pagado"), self.tr("Marcar como pagado"), parent)
        self.setObjectName("markPaidDialog")
        self.payment_form = QComboBox()
        self.payment_form.setObjectName("paymentFormCombo")
        self.payment_form.setAccessibleName(self.tr("Forma de pago"))
        fill_payment_forms(self.payment_form, "01")
        self.payment_form_error = error_label("paymentFormError")
        self.date = QDateTimeEdit(QDateTime.currentDateTime())
        self.date.setObjectName("paidDateEdit")
        self.date.setAccessibleName(self.tr("Fecha de pago"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.date.setMaximumDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.date_error = error_label("dateError")
        summary = QLabel(
            self.tr("Pago {folio} por {total}").format(
                folio=payment_folio(payment), total=money(PaymentView.from_record(payment).total)
            )
        )
        summary.setObjectName("markPaidSummary")
        self.form.addRow(summary)
        self.form.addRow(self.tr("&Forma de pago"), self.payment_form)
        self.form.addRow("", self.payment_form_error)
        self.form.addRow(self.tr("&Fecha de pago"), self.date)
        self.form.addRow("", self.date_error)
        self.payment_form.setFocus()

    def body(self) -> dict[str, Any] | None:
        code = self.payment_form.currentData()
        set_error(self.payment_form_error, None if code else self.tr("Elige la forma de pago"))
        if not code:
            return None
        return {"payment_form": code, "date": int(self.date.dateTime().toSecsSinceEpoch())}


class RefundDialog(ActionDialog):
    """Amount (at most what is left after earlier refunds) and reason (always sent)."""

    def __init__(self, payment: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reembolsar pago"), self.tr("Reembolsar"), parent)
        self.setObjectName("refundDialog")
        self.limit = refund_limit(payment)
        self.total = self.limit.total
        self.refundable = self.limit.refundable
        text = self.tr("Pago {folio}: total {total}, se puede reembolsar hasta {left}.").format(
            folio=payment_folio(payment), total=money(self.total), left=money(self.refundable)
        )
        if self.limit.refunded:
            text += " " + self.tr("Ya se reembolsó {done}.").format(done=money(self.limit.refunded))
        summary = QLabel(text)
        summary.setObjectName("refundSummary")
        summary.setWordWrap(True)
        self.amount = QLineEdit(f"{self.refundable:.2f}")
        self.amount.setObjectName("amountEdit")
        self.amount.setAccessibleName(self.tr("Monto a reembolsar"))
        self.amount.selectAll()
        self.amount_error = error_label("amountError")
        self.amount.textEdited.connect(lambda _text: set_error(self.amount_error, None))
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setAccessibleName(self.tr("Motivo del reembolso"))
        self.reason.setPlaceholderText(self.tr("Por ejemplo: devolución de mercancía"))
        #: The amount `body()` last checked (sent to gigstack and recorded in the shift).
        self.refund_amount: Decimal | None = None
        self.form.addRow(summary)
        self.form.addRow(self.tr("&Monto"), self.amount)
        self.form.addRow("", self.amount_error)
        self.form.addRow(self.tr("M&otivo"), self.reason)

    def body(self) -> dict[str, Any] | None:
        try:
            amount = check_refund(self.amount.text(), self.limit)
        except MoneyError as exc:
            set_error(self.amount_error, exc.message)
            self.amount.setFocus()
            self.amount.selectAll()
            return None
        set_error(self.amount_error, None)
        self.refund_amount = amount
        # gigstack's CLI and n8n always send a reason with the amount (REFERENCE §16.2).
        reason = self.reason.text().strip() or self.tr("Reembolso en mostrador")
        return {"amount": str(amount), "reason": reason}
