"""Dialogs for the actions on a payment: cancel, mark paid, refund, request payment, its QR.

Every dialog validates what it can locally (errors in red next to the field), then emits
`submitted(body)`; the page runs the API call on the worker and answers with `finish()` (close)
or `fail(message)` (the server's message next to the form; what was typed stays). None of them
talks to the network itself.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.store.cache import fold
from desktop.ui.formatting import money, quantity
from desktop.ui.qr import qr_pixmap
from desktop.ui.table_model import Column, RecordTableModel


def error_label(name: str) -> QLabel:
    """The red message shown right next to a field (`<field>Error`), hidden while empty."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("error", True)  # style.qss colours it
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def set_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


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
    """A money amount as typed (`1,234.50`, `$99`, `12,5`); None when it is not a number."""
    cleaned = text.strip().replace("$", "").replace(" ", "")
    if re.fullmatch(r"\d+,\d{1,2}", cleaned):
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def searchable_combo(name: str, accessible: str) -> QComboBox:
    """An editable combo that finds entries by any part of their text (names, RFCs)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _placeholder(combo: QComboBox, text: str) -> None:
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(text)


def combo_choice(combo: QComboBox) -> Any:
    """The data of the entry whose text is shown, or None when the text matches none."""
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index >= 0 else None


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

    def body(self) -> dict[str, Any] | None:
        """The request body, or None after showing what is wrong next to the fields."""
        raise NotImplementedError

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


class CancelPaymentDialog(ActionDialog):
    """Confirmation before cancelling a payment on gigstack."""

    def __init__(self, payment: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancelar pago"), self.tr("Sí, cancelar el pago"), parent)
        self.setObjectName("cancelPaymentDialog")
        label = QLabel(
            self.tr(
                "¿Cancelar el pago {folio} por {total}? Esta acción se registra en gigstack y no "
                "se puede deshacer."
            ).format(folio=payment_folio(payment), total=money(payment.get("total")))
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
                folio=payment_folio(payment), total=money(payment.get("total"))
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
    """Amount (at most what is left to refund) and reason."""

    def __init__(self, payment: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reembolsar pago"), self.tr("Reembolsar"), parent)
        self.setObjectName("refundDialog")
        total = parse_amount(str(payment.get("total") or "0")) or Decimal(0)
        refunded = parse_amount(str(payment.get("refunded_amount") or "0")) or Decimal(0)
        self.total = total
        self.refundable = max(total - refunded, Decimal(0))
        summary = QLabel(
            self.tr("Pago {folio}: total {total}, se puede reembolsar hasta {left}.").format(
                folio=payment_folio(payment), total=money(total), left=money(self.refundable)
            )
        )
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
        self.form.addRow(summary)
        self.form.addRow(self.tr("&Monto"), self.amount)
        self.form.addRow("", self.amount_error)
        self.form.addRow(self.tr("M&otivo"), self.reason)

    def body(self) -> dict[str, Any] | None:
        amount = parse_amount(self.amount.text())
        problem = None
        if amount is None:
            problem = self.tr("Escribe el monto con números, por ejemplo 150.00")
        elif amount <= 0:
            problem = self.tr("El monto debe ser mayor que cero")
        elif amount.as_tuple().exponent < -2:  # type: ignore[operator]
            problem = self.tr("El monto lleva a lo más dos decimales")
        elif amount > self.refundable:
            problem = self.tr("No puede ser mayor que {left} (total del pago {total})").format(
                left=money(self.refundable), total=money(self.total)
            )
        set_error(self.amount_error, problem)
        if problem is not None or amount is None:
            self.amount.setFocus()
            return None
        body: dict[str, Any] = {"amount": str(amount)}
        if self.reason.text().strip():
            body["reason"] = self.reason.text().strip()
        return body


class PaymentLinkView(QWidget):
    """A payment link as a QR code for the customer's phone, plus the link to copy."""

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentLinkView")
        self.qr = QLabel()
        self.qr.setObjectName("qrLabel")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(260, 260)
        self.hint = QLabel(self.tr("El cliente escanea el código con su teléfono para pagar."))
        self.hint.setObjectName("qrHint")
        self.hint.setProperty("role", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.link = QLineEdit()
        self.link.setObjectName("linkField")
        self.link.setReadOnly(True)
        self.link.setAccessibleName(self.tr("Enlace de pago"))
        self.copy_button = QPushButton(self.tr("&Copiar enlace"))
        self.copy_button.setObjectName("copyLinkButton")
        self.copy_button.setToolTip(self.tr("Copia el enlace para enviarlo por WhatsApp o correo"))
        self.copy_button.clicked.connect(self.copy)
        self.copied_label = QLabel()
        self.copied_label.setObjectName("copiedLabel")
        self.copied_label.setProperty("level", "good")
        row = QHBoxLayout()
        row.addWidget(self.link, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.copied_label)

    def set_link(self, url: str) -> None:
        self.link.setText(url)
        self.link.setCursorPosition(0)
        self.qr.setPixmap(qr_pixmap(url, size_px=260))
        self.copied_label.clear()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.link.text())
        self.copied_label.setText(self.tr("Enlace copiado."))
        self.copied.emit(self.link.text())


class QrDialog(QDialog):
    """Shows an existing payment link again (from the payment's detail)."""

    def __init__(self, url: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setWindowTitle(title)
        self.view = PaymentLinkView()
        self.view.set_link(url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


@dataclass(frozen=True)
class RequestLine:
    service: dict[str, Any]
    quantity: Decimal

    @property
    def unit_price(self) -> Decimal:
        return parse_amount(str(self.service.get("unit_price") or "0")) or Decimal(0)

    def as_item(self) -> dict[str, Any]:
        return {"id": self.service["id"], "quantity": str(self.quantity)}

    def for_totals(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "taxes": self.service.get("taxes") or [],
        }


def _line_amount(line: RequestLine) -> Decimal:
    try:
        return fiscal.compute_totals([line.for_totals()]).total
    except ValueError:
        return line.unit_price * line.quantity


class RequestPaymentDialog(ActionDialog):
    """Ask a client to pay through a link: client, services and quantities, methods.

    After the call succeeds the page calls `show_link(url)`: the dialog turns into the QR code
    and the copy button instead of closing.
    """

    METHODS = (
        ("card", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "Tarjeta"))),
        ("bank", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "Transferencia bancaria"))),
        ("oxxo", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "OXXO"))),
    )

    def __init__(
        self,
        clients: Sequence[Mapping[str, Any]],
        services: Sequence[Mapping[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Solicitar pago"), self.tr("Crear enlace de pago"), parent)
        self.setObjectName("requestPaymentDialog")
        self.resize(640, 560)
        # One key per dialog: pressing again after a lost answer cannot create a second link.
        self.idempotency_key = str(uuid.uuid4())

        self.client = searchable_combo("clientCombo", self.tr("Cliente"))
        for record in sorted(clients, key=lambda c: fold(_client_name(c))):
            self.client.addItem(_client_choice_text(record), record.get("id"))
        self.client.setCurrentIndex(-1)
        _placeholder(self.client, self.tr("Nombre o RFC del cliente"))
        self.client_error = error_label("clientError")
        self._clients = {str(c.get("id")): c for c in clients}

        self.service = searchable_combo("serviceCombo", self.tr("Producto o servicio"))
        for record in sorted(services, key=lambda s: fold(str(s.get("description") or ""))):
            self.service.addItem(
                f"{record.get('description')} — {money(record.get('unit_price'))}",
                record.get("id"),
            )
        self.service.setCurrentIndex(-1)
        _placeholder(self.service, self.tr("Descripción o SKU"))
        self._services = {str(s.get("id")): dict(s) for s in services}
        self.quantity = QLineEdit("1")
        self.quantity.setObjectName("quantityEdit")
        self.quantity.setAccessibleName(self.tr("Cantidad"))
        self.quantity.setMaximumWidth(80)
        self.add_button = QPushButton(self.tr("&Agregar"))
        self.add_button.setObjectName("addItemButton")
        self.add_button.setToolTip(self.tr("Agrega la partida (Alt+A)"))
        self.add_button.clicked.connect(self._add_line)
        # Enter in these fields adds the line; it must not create the link by accident.
        self.quantity.installEventFilter(self)
        service_edit = self.service.lineEdit()
        if service_edit is not None:
            service_edit.installEventFilter(self)
        self.items_error = error_label("itemsError")

        self.lines: RecordTableModel[RequestLine] = RecordTableModel(
            [
                Column(self.tr("Descripción"), lambda r: str(r.service.get("description") or "")),
                Column(
                    self.tr("Cantidad"),
                    lambda r: quantity(r.quantity),
                    sort_key=lambda r: r.quantity,
                    align_right=True,
                ),
                Column(
                    self.tr("Precio"),
                    lambda r: money(r.unit_price),
                    sort_key=lambda r: r.unit_price,
                    align_right=True,
                ),
                Column(
                    self.tr("Importe"),
                    lambda r: money(_line_amount(r)),
                    sort_key=_line_amount,
                    align_right=True,
                ),
            ],
            lambda r: str(r.service.get("description") or ""),
            self,
        )
        self.lines_view = QTableView()
        self.lines_view.setObjectName("requestLinesTable")
        self.lines_view.setModel(self.lines)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.verticalHeader().setVisible(False)
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton(self.tr("&Quitar partida"))
        self.remove_button.setObjectName("removeItemButton")
        self.remove_button.setToolTip(self.tr("Quita la partida seleccionada (Supr)"))
        self.remove_button.clicked.connect(self._remove_line)
        QShortcut(QKeySequence.StandardKey.Delete, self.lines_view, self._remove_line)
        self.total_label = QLabel()
        self.total_label.setObjectName("requestTotalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        methods_box = QGroupBox(self.tr("Formas de pago permitidas"))
        methods_layout = QHBoxLayout(methods_box)
        self.method_checks: dict[str, QCheckBox] = {}
        for code, label in self.METHODS:
            check = QCheckBox(self.tr(label))
            check.setObjectName(f"{code}Check")
            check.setChecked(code in ("card", "bank"))
            methods_layout.addWidget(check)
            self.method_checks[code] = check
        self.methods_error = error_label("methodsError")
        self.send_email = QCheckBox(self.tr("Enviar el enlace por correo al cliente"))
        self.send_email.setObjectName("sendEmailCheck")
        self.send_email.setChecked(True)
        self.invoice = QCheckBox(self.tr("Facturar automáticamente cuando pague"))
        self.invoice.setObjectName("invoiceCheck")
        self.invoice.setChecked(True)

        add_row = QHBoxLayout()
        add_row.addWidget(self.service, 1)
        add_row.addWidget(QLabel(self.tr("Cant.")))
        add_row.addWidget(self.quantity)
        add_row.addWidget(self.add_button)
        form_page = QWidget()
        grid = QGridLayout(form_page)
        grid.setContentsMargins(0, 0, 0, 0)
        client_label = QLabel(self.tr("C&liente"))
        client_label.setBuddy(self.client)
        grid.addWidget(client_label, 0, 0)
        grid.addWidget(self.client, 0, 1)
        grid.addWidget(self.client_error, 1, 1)
        grid.addWidget(QLabel(self.tr("Partidas")), 2, 0)
        grid.addLayout(add_row, 2, 1)
        grid.addWidget(self.items_error, 3, 1)
        grid.addWidget(self.lines_view, 4, 1)
        lines_row = QHBoxLayout()
        lines_row.addWidget(self.remove_button)
        lines_row.addStretch(1)
        lines_row.addWidget(self.total_label)
        grid.addLayout(lines_row, 5, 1)
        grid.addWidget(methods_box, 6, 0, 1, 2)
        grid.addWidget(self.methods_error, 7, 0, 1, 2)
        grid.addWidget(self.send_email, 8, 0, 1, 2)
        grid.addWidget(self.invoice, 9, 0, 1, 2)

        self.link_view = PaymentLinkView()
        self.stack = QStackedWidget()
        self.stack.addWidget(form_page)
        self.stack.addWidget(self.link_view)
        self.form.addRow(self.stack)
        self.setTabOrder(self.client, self.service)
        self.setTabOrder(self.service, self.quantity)
        self.setTabOrder(self.quantity, self.add_button)
        self._update_total()
        self.client.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.quantity:
                self._add_line()
                return True
            if watched is self.service.lineEdit():
                self.quantity.setFocus()
                self.quantity.selectAll()
                return True
        return super().eventFilter(watched, event)

    # -- lines --------------------------------------------------------------------------------

    def add_service(self, service_id: str, amount: Decimal) -> None:
        service = self._services.get(service_id)
        if service is None:
            set_error(self.items_error, self.tr("Elige un producto o servicio de la lista"))
            return
        lines = self.lines.all_rows()
        for n, line in enumerate(lines):
            if line.service.get("id") == service_id:
                lines[n] = RequestLine(service, line.quantity + amount)
                break
        else:
            lines.append(RequestLine(service, amount))
        self.lines.set_rows(lines)
        set_error(self.items_error, None)
        self._update_total()

    def _add_line(self) -> None:
        service_id = combo_choice(self.service)
        amount = parse_amount(self.quantity.text())
        if service_id is None:
            set_error(self.items_error, self.tr("Elige un producto o servicio de la lista"))
            self.service.setFocus()
            return
        if amount is None or amount <= 0:
            set_error(self.items_error, self.tr("La cantidad debe ser un número mayor que cero"))
            self.quantity.setFocus()
            return
        self.add_service(str(service_id), amount)
        self.service.setCurrentIndex(-1)
        self.quantity.setText("1")
        self.service.setFocus()

    def _remove_line(self) -> None:
        index = self.lines_view.currentIndex()
        if not index.isValid():
            return
        gone = self.lines.row_at(index.row())
        self.lines.set_rows([r for r in self.lines.all_rows() if r is not gone])
        self._update_total()

    def _update_total(self) -> None:
        lines = self.lines.all_rows()
        if not lines:
            self.total_label.setText(self.tr("Sin partidas"))
            return
        try:
            total = fiscal.compute_totals([r.for_totals() for r in lines]).total
        except ValueError:
            total = sum((_line_amount(r) for r in lines), Decimal(0))
        self.total_label.setText(self.tr("Total: {total}").format(total=money(total)))

    # -- submit -------------------------------------------------------------------------------

    def select_client(self, client_id: str) -> None:
        index = self.client.findData(client_id)
        self.client.setCurrentIndex(index)

    def body(self) -> dict[str, Any] | None:
        ok = True
        client_id = combo_choice(self.client)
        set_error(
            self.client_error,
            None if client_id else self.tr("Elige un cliente de la lista (por nombre o RFC)"),
        )
        ok &= bool(client_id)
        lines = self.lines.all_rows()
        set_error(
            self.items_error, None if lines else self.tr("Agrega al menos un producto o servicio")
        )
        ok &= bool(lines)
        methods = [code for code, check in self.method_checks.items() if check.isChecked()]
        set_error(
            self.methods_error, None if methods else self.tr("Permite al menos una forma de pago")
        )
        ok &= bool(methods)
        if not ok:
            return None
        return {
            "client": {"id": client_id},
            "items": [line.as_item() for line in lines],
            "automation_type": "pue_invoice" if self.invoice.isChecked() else "none",
            "allowed_payment_methods": methods,
            "send_email": self.send_email.isChecked(),
        }

    def show_link(self, url: str) -> None:
        """The link exists: show it as a QR code with the copy button; only "Cerrar" remains."""
        self.set_busy(False)
        self.link_view.set_link(url)
        self.stack.setCurrentWidget(self.link_view)
        self.ok_button.setVisible(False)
        self.cancel_button.setText(self.tr("Cerrar"))
        self.cancel_button.setDefault(True)
        self.link_view.copy_button.setFocus()
        self.resize(self.width(), self.minimumSizeHint().height())


# -- small helpers shared with the page ----------------------------------------------------------


def _client_name(client: Mapping[str, Any]) -> str:
    return str(
        client.get("name") or client.get("legal_name") or client.get("tax_id") or client.get("id")
    )


def _client_choice_text(client: Mapping[str, Any]) -> str:
    rfc = client.get("tax_id")
    return f"{_client_name(client)} — {rfc}" if rfc else _client_name(client)


def payment_folio(payment: Mapping[str, Any]) -> str:
    metadata = payment.get("metadata")
    if isinstance(metadata, Mapping) and metadata.get("folio"):
        return str(metadata["folio"])
    return str(payment.get("id") or "")
