"""Dialogs of the Facturas page: create an income invoice, cancel one, resend it by e-mail.

Like the payment dialogs, each validates locally (a Spanish message next to the field), emits
`submitted(body)` and waits for the page's `finish()` or `fail(message)`; what was typed stays
when the server says no.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.ui.action_dialog import (
    ActionDialog,
    combo_choice,
    error_label,
    fill_payment_forms,
    parse_amount,
    payment_folio,
    searchable_combo,
    set_error,
)
from desktop.ui.formatting import money, when

# SAT cancellation motives (REFERENCE §11.4), in the words a shop owner uses.
CANCEL_MOTIVES = (
    ("02", str(QT_TRANSLATE_NOOP("InvoiceDialogs", "02 — Emitida con errores, sin relación"))),
    (
        "01",
        str(
            QT_TRANSLATE_NOOP(
                "InvoiceDialogs",
                "01 — Emitida con errores, con relación (ya hay otra que la sustituye)",
            )
        ),
    ),
    ("03", str(QT_TRANSLATE_NOOP("InvoiceDialogs", "03 — No se llevó a cabo la operación"))),
    (
        "04",
        str(
            QT_TRANSLATE_NOOP(
                "InvoiceDialogs", "04 — Operación nominativa relacionada en una factura global"
            )
        ),
    ),
)

FISCAL_UUID = re.compile(
    r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})

# Fields of a payment's line that an invoice line can carry over (REFERENCE §2.13).
_ITEM_FIELDS = (
    "description",
    "quantity",
    "unit_price",
    "discount",
    "product_key",
    "unit_key",
    "unit_name",
    "taxability",
    "sku",
)
_TAX_FIELDS = ("type", "rate", "factor", "withholding", "inclusive", "base")


def invoice_folio(invoice: Mapping[str, Any]) -> str:
    """`A-123`, or the id's tail when the invoice has no series/folio yet."""
    series, folio = invoice.get("series"), invoice.get("folio_number")
    if series and folio not in (None, ""):
        return f"{series}-{folio}"
    if folio not in (None, ""):
        return str(folio)
    ident = str(invoice.get("id") or invoice.get("uuid") or "")
    return ident[-8:] if ident else "—"


def fiscal_uuid(invoice: Mapping[str, Any]) -> str:
    """The SAT folio fiscal: `stamp.uuid` in the sandbox and public code; `uuid` itself when
    it has the fiscal format (REFERENCE §2.10: `uuid` may hold the gigstack id instead)."""
    stamp = invoice.get("stamp")
    if isinstance(stamp, Mapping) and stamp.get("uuid"):
        return str(stamp["uuid"])
    value = str(invoice.get("uuid") or "")
    return value if FISCAL_UUID.match(value) else ""


def _client_text(client: Mapping[str, Any]) -> str:
    name = client.get("legal_name") or client.get("name") or client.get("id") or ""
    return f"{name} · {client.get('tax_id')}" if client.get("tax_id") else str(name)


def invoice_item_from_payment_line(line: Mapping[str, Any]) -> dict[str, Any]:
    """A payment's line as an invoice line: the service reference when there is one, else
    the line inline with its SAT keys and taxes."""
    item: dict[str, Any] = {k: line[k] for k in _ITEM_FIELDS if line.get(k) not in (None, "")}
    ident = str(line.get("id") or "")
    if ident.startswith("service_"):
        item["id"] = ident
    taxes = line.get("taxes")
    if isinstance(taxes, list):
        item["taxes"] = [
            {k: t[k] for k in _TAX_FIELDS if isinstance(t, Mapping) and t.get(k) is not None}
            for t in taxes
            if isinstance(t, Mapping)
        ]
    return item


def main_payment_form(payments: Sequence[Mapping[str, Any]]) -> str | None:
    """SAT rule for one invoice paid several ways: the form of the largest amount."""
    best: tuple[Decimal, str] | None = None
    for payment in payments:
        form = payment.get("payment_form")
        amount = parse_amount(str(payment.get("total") or "0")) or Decimal(0)
        if form and (best is None or amount > best[0]):
            best = (amount, str(form))
    return best[1] if best else None


class CreateInvoiceDialog(ActionDialog):
    """A new income invoice: from payments already received, or from services typed here.

    Args:
        clients: Cached clients (only those with an RFC can receive an invoice).
        services: Cached services for the lines.
        payments: Cached payments (the ones without an invoice are offered).
        series: The team's series names (None: the team's default).
        preselect: Payment ids to start with (from the Pagos page).
    """

    SOURCE_PAYMENTS, SOURCE_ITEMS = 0, 1

    def __init__(
        self,
        clients: Sequence[Mapping[str, Any]],
        services: Sequence[Mapping[str, Any]],
        payments: Sequence[Mapping[str, Any]],
        series: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Nueva factura de ingreso"), self.tr("Timbrar factura"), parent)
        self.setObjectName("createInvoiceDialog")
        self.setMinimumWidth(620)
        self.idempotency_key = f"mostrador-invoice-{uuid.uuid4()}"
        # Público en general is invoiced through receipts and the period's global invoice,
        # never with a nominative invoice from here.
        self.clients = [
            c
            for c in clients
            if c.get("id") and c.get("tax_id") and str(c["tax_id"]).upper() not in GENERIC_RFCS
        ]
        self.services = [s for s in services if s.get("id")]
        self.payments = [
            p
            for p in payments
            if p.get("id")
            and str(p.get("status") or "") == "succeeded"
            and not p.get("invoices")
            # A sale that ended in a receipt is invoiced from that receipt (Recibos), or it
            # would be billed twice: once here and once in the global invoice.
            and not p.get("receipt_id")
            and not p.get("receipt")
        ]
        self.lines: list[dict[str, Any]] = []

        self.client = searchable_combo("invoiceClientCombo", self.tr("Cliente"))
        for client in self.clients:
            self.client.addItem(_client_text(client), client)
        self.client.setCurrentIndex(-1)
        self.client.currentIndexChanged.connect(self._client_changed)
        self.client_error = error_label("clientError")

        self.source_payments = QRadioButton(self.tr("De pagos ya recibidos"))
        self.source_payments.setObjectName("sourcePayments")
        self.source_items = QRadioButton(self.tr("De conceptos"))
        self.source_items.setObjectName("sourceItems")
        group = QButtonGroup(self)
        group.addButton(self.source_payments, self.SOURCE_PAYMENTS)
        group.addButton(self.source_items, self.SOURCE_ITEMS)
        self.source_payments.setChecked(True)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_payments)
        source_row.addWidget(self.source_items)
        source_row.addStretch(1)

        self.payment_list = QListWidget()
        self.payment_list.setObjectName("invoicePaymentList")
        self.payment_list.setAccessibleName(self.tr("Pagos a facturar"))
        self.payment_list.setMinimumHeight(110)
        self.payment_list.itemChanged.connect(lambda _i: self._payments_changed())
        self.payments_hint = QLabel()
        self.payments_hint.setProperty("role", "hint")
        self.payments_hint.setWordWrap(True)
        payments_page = QWidget()
        payments_layout = QVBoxLayout(payments_page)
        payments_layout.setContentsMargins(0, 0, 0, 0)
        payments_layout.addWidget(self.payment_list)
        payments_layout.addWidget(self.payments_hint)

        self.service = searchable_combo("invoiceServiceCombo", self.tr("Servicio o producto"))
        for service in self.services:
            name = service.get("description") or service["id"]
            label = f"{name} · {money(service.get('unit_price'))}"
            self.service.addItem(label, service)
        self.service.setCurrentIndex(-1)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("invoiceQuantity")
        self.quantity.setAccessibleName(self.tr("Cantidad"))
        self.quantity.setRange(1, 9999)
        self.add_line_button = QPushButton(self.tr("Agregar"))
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton(self.tr("Quitar"))
        self.remove_line_button.setObjectName("removeLineButton")
        self.remove_line_button.clicked.connect(self.remove_line)
        self.line_list = QListWidget()
        self.line_list.setObjectName("invoiceLineList")
        self.line_list.setMinimumHeight(90)
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        items_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(self.service, 1)
        pick.addWidget(self.quantity)
        pick.addWidget(self.add_line_button)
        items_layout.addLayout(pick)
        items_layout.addWidget(self.line_list)
        items_layout.addWidget(self.remove_line_button, 0, Qt.AlignmentFlag.AlignRight)

        self.source_stack = QStackedWidget()
        self.source_stack.addWidget(payments_page)
        self.source_stack.addWidget(items_page)
        group.idClicked.connect(self._source_changed)
        self.lines_error = error_label("linesError")

        self.method = QComboBox()
        self.method.setObjectName("paymentMethodCombo")
        self.method.setAccessibleName(self.tr("Método de pago"))
        self.method.addItem(self.tr("PUE — Pago en una sola exhibición"), "PUE")
        self.method.addItem(self.tr("PPD — Pago en parcialidades o diferido"), "PPD")
        self.method.currentIndexChanged.connect(self._method_changed)
        self.form_combo = QComboBox()
        self.form_combo.setObjectName("invoicePaymentForm")
        self.form_combo.setAccessibleName(self.tr("Forma de pago"))
        fill_payment_forms(self.form_combo, "01")
        self.form_error = error_label("paymentFormError")
        self.use = QComboBox()
        self.use.setObjectName("invoiceUseCombo")
        self.use.setAccessibleName(self.tr("Uso del CFDI"))
        self.use_error = error_label("useError")
        self.series = QComboBox()
        self.series.setObjectName("invoiceSeriesCombo")
        self.series.setAccessibleName(self.tr("Serie"))
        self.series.addItem(self.tr("La serie predeterminada del equipo"), None)
        for name in series:
            self.series.addItem(name, name)
        self.send_email = QCheckBox(self.tr("Enviar la factura al correo del cliente"))
        self.send_email.setObjectName("sendEmailCheck")
        self.totals = QLabel()
        self.totals.setObjectName("invoiceTotals")

        self.form.addRow(self.tr("&Cliente"), self.client)
        self.form.addRow("", self.client_error)
        self.form.addRow(self.tr("Partidas"), source_row)
        self.form.addRow(self.source_stack)
        self.form.addRow("", self.lines_error)
        self.form.addRow(self.tr("&Método de pago"), self.method)
        self.form.addRow(self.tr("&Forma de pago"), self.form_combo)
        self.form.addRow("", self.form_error)
        self.form.addRow(self.tr("&Uso del CFDI"), self.use)
        self.form.addRow("", self.use_error)
        self.form.addRow(self.tr("&Serie"), self.series)
        self.form.addRow("", self.send_email)
        self.form.addRow(self.tr("Total"), self.totals)
        self._fill_uses(None)
        self._client_changed()

    # -- choices ----------------------------------------------------------------------------

    def chosen_client(self) -> Mapping[str, Any] | None:
        value = combo_choice(self.client)
        return value if isinstance(value, Mapping) else None

    def choose_client(self, client_id: str) -> bool:
        for index in range(self.client.count()):
            data = self.client.itemData(index)
            if isinstance(data, Mapping) and data.get("id") == client_id:
                self.client.setCurrentIndex(index)
                return True
        return False

    def _client_changed(self) -> None:
        set_error(self.client_error, None)
        client = self.chosen_client()
        self._fill_uses(client)
        self.payment_list.blockSignals(True)
        self.payment_list.clear()
        mine = [
            p
            for p in self.payments
            if client is not None and _payment_client_id(p) == client.get("id")
        ]
        for payment in mine:
            text = self.tr("{folio} · {date} · {total}").format(
                folio=payment_folio(payment),
                date=when(payment.get("created_at")),
                total=money(payment.get("total")),
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, payment)
            self.payment_list.addItem(item)
        self.payment_list.blockSignals(False)
        if client is None:
            self.payments_hint.setText(self.tr("Elige primero el cliente."))
        elif not mine:
            self.payments_hint.setText(
                self.tr("Este cliente no tiene pagos sin factura guardados en esta caja.")
            )
        else:
            self.payments_hint.setText(self.tr("Marca los pagos que ampara la factura."))
        if client is not None and client.get("email"):
            self.send_email.setEnabled(True)
        else:
            self.send_email.setChecked(False)
            self.send_email.setEnabled(False)
        self._update_totals()

    def check_payment(self, payment_id: str) -> bool:
        for row in range(self.payment_list.count()):
            item = self.payment_list.item(row)
            data = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(data, Mapping) and data.get("id") == payment_id:
                item.setCheckState(Qt.CheckState.Checked)
                return True
        return False

    def checked_payments(self) -> list[Mapping[str, Any]]:
        chosen = []
        for row in range(self.payment_list.count()):
            item = self.payment_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    def _payments_changed(self) -> None:
        set_error(self.lines_error, None)
        form = main_payment_form(self.checked_payments())
        if form and self.method.currentData() == "PUE":
            index = self.form_combo.findData(form)
            if index >= 0:
                self.form_combo.setCurrentIndex(index)
        self._update_totals()

    def _fill_uses(self, client: Mapping[str, Any] | None) -> None:
        regime = str(client.get("tax_system") or "") if client else ""
        current = str(client.get("use") or "") if client else ""
        try:
            uses = fiscal.cfdi_uses(regime or None)
        except fiscal.CatalogUnavailableError:
            uses = ()
        self.use.clear()
        for use in uses:
            self.use.addItem(f"{use.code} — {use.description}", use.code)
        if not self.use.count():
            self.use.addItem("G03", "G03")
        index = self.use.findData(current or "G03")
        self.use.setCurrentIndex(max(index, 0))

    def _source_changed(self, source: int) -> None:
        self.source_stack.setCurrentIndex(source)
        set_error(self.lines_error, None)
        self._update_totals()

    def _method_changed(self) -> None:
        ppd = self.method.currentData() == "PPD"
        if ppd:
            # SAT: a PPD invoice carries forma de pago 99 (por definir); the complement says
            # how each installment was paid.
            fill_payment_forms(self.form_combo, "99")
        else:
            fill_payment_forms(self.form_combo, main_payment_form(self.checked_payments()) or "01")
        self.form_combo.setEnabled(not ppd)

    # -- lines --------------------------------------------------------------------------------

    def add_line(self) -> None:
        service = combo_choice(self.service)
        if not isinstance(service, Mapping):
            set_error(self.lines_error, self.tr("Elige un servicio o producto de la lista."))
            self.service.setFocus()
            return
        set_error(self.lines_error, None)
        line = {"id": service["id"], "quantity": self.quantity.value()}
        self.lines.append({**line, "_service": service})
        amount = (parse_amount(str(service.get("unit_price") or "0")) or Decimal(0)) * Decimal(
            self.quantity.value()
        )
        self.line_list.addItem(
            f"{self.quantity.value()} × {service.get('description') or service['id']} · "
            f"{money(amount)}"
        )
        self.service.setCurrentIndex(-1)
        self.quantity.setValue(1)
        self._update_totals()

    def remove_line(self) -> None:
        row = self.line_list.currentRow()
        if 0 <= row < len(self.lines):
            self.lines.pop(row)
            self.line_list.takeItem(row)
            self._update_totals()

    def _items(self) -> list[dict[str, Any]]:
        if self.source_stack.currentIndex() == self.SOURCE_PAYMENTS:
            items: list[dict[str, Any]] = []
            for payment in self.checked_payments():
                for line in payment.get("items") or []:
                    if isinstance(line, Mapping):
                        items.append(invoice_item_from_payment_line(line))
            return items
        return [{"id": line["id"], "quantity": line["quantity"]} for line in self.lines]

    def _update_totals(self) -> None:
        if self.source_stack.currentIndex() == self.SOURCE_PAYMENTS:
            total = sum(
                (parse_amount(str(p.get("total") or "0")) or Decimal(0))
                for p in self.checked_payments()
            )
            self.totals.setText(money(total) if total else "—")
            return
        lines = []
        for line in self.lines:
            service = line["_service"]
            lines.append(
                {
                    "quantity": line["quantity"],
                    "unit_price": service.get("unit_price"),
                    "taxes": service.get("taxes") or [],
                }
            )
        try:
            totals = fiscal.compute_totals(lines) if lines else None
        except (ValueError, TypeError, ArithmeticError):
            totals = None
        self.totals.setText(money(totals.total) if totals else "—")

    # -- body ---------------------------------------------------------------------------------

    def body(self) -> dict[str, Any] | None:
        client = self.chosen_client()
        problem = None
        if client is None:
            problem = self.tr("Elige un cliente con RFC de la lista.")
        set_error(self.client_error, problem)
        from_payments = self.source_stack.currentIndex() == self.SOURCE_PAYMENTS
        items = self._items()
        lines_problem = None
        if not items:
            lines_problem = (
                self.tr("Marca al menos un pago.")
                if from_payments
                else self.tr("Agrega al menos un concepto.")
            )
        set_error(self.lines_error, lines_problem)
        method = str(self.method.currentData())
        form = self.form_combo.currentData()
        form_problem = None
        if method == "PUE" and (not form or form == "99"):
            form_problem = self.tr("Una factura PUE necesita la forma de pago real (no 99).")
        set_error(self.form_error, form_problem)
        use = str(self.use.currentData() or "")
        use_problem = None
        if client is not None and client.get("tax_system") and use:
            errors = fiscal.cfdi_use_errors(use, str(client["tax_system"]))
            use_problem = errors[0] if errors else None
        set_error(self.use_error, use_problem)
        if problem or lines_problem or form_problem or use_problem or client is None:
            return None
        body: dict[str, Any] = {
            "client": {"id": client["id"]},
            "items": items,
            "payment_method": method,
            "payment_form": "99" if method == "PPD" else form,
            "use": use,
            "currency": "MXN",
            # REFERENCE §2.15 names two spellings; `pue_invoice`/`ppd_invoice_and_complement`
            # are the ones gigstack's own create example and clients send.
            "automation_type": "pue_invoice" if method == "PUE" else "ppd_invoice_and_complement",
        }
        if self.series.currentData():
            body["series"] = self.series.currentData()
        if self.send_email.isChecked() and client.get("email"):
            body["send_email"] = True
            body["emails"] = [client["email"]]
        if from_payments:
            # gigstack documents no field linking an invoice to payments; the ids travel in
            # metadata so the invoice can be traced back to the sales it covers.
            ids = [str(p["id"]) for p in self.checked_payments()]
            body["metadata"] = {"payments": ",".join(ids)}
        return body


def _payment_client_id(payment: Mapping[str, Any]) -> str | None:
    client = payment.get("client")
    if isinstance(client, Mapping):
        return str(client.get("id")) if client.get("id") else None
    return str(client) if client else None


class CancelInvoiceDialog(ActionDialog):
    """The SAT motive (and, for 01, the substituting invoice) before cancelling."""

    def __init__(self, invoice: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancelar factura"), self.tr("Cancelar ante el SAT"), parent)
        self.setObjectName("cancelInvoiceDialog")
        self.cancel_button.setText(self.tr("No, volver"))
        self.ok_button.setProperty("danger", True)
        explain = QLabel(
            self.tr(
                "Cancelar la factura {folio} por {total} de {client} la anula ante el SAT: deja "
                "de valer como comprobante y el cliente ya no podrá deducirla. El cobro NO se "
                "devuelve ni se cancela con esto. Si el cliente necesita otra factura, emítela "
                "primero y cancela esta con el motivo 01. No se puede deshacer."
            ).format(
                folio=invoice_folio(invoice),
                total=money(invoice.get("total")),
                client=_client_text(invoice.get("client") or {})
                if isinstance(invoice.get("client"), Mapping)
                else "",
            )
        )
        explain.setObjectName("cancelExplanation")
        explain.setWordWrap(True)
        self.motive = QComboBox()
        self.motive.setObjectName("motiveCombo")
        self.motive.setAccessibleName(self.tr("Motivo de cancelación"))
        for code, label in CANCEL_MOTIVES:
            self.motive.addItem(self.tr(label), code)
        self.motive.currentIndexChanged.connect(self._motive_changed)
        self.substitution = QLineEdit()
        self.substitution.setObjectName("substitutionEdit")
        self.substitution.setAccessibleName(self.tr("Folio fiscal de la factura que la sustituye"))
        self.substitution.setPlaceholderText("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
        self.substitution_error = error_label("substitutionError")
        self.substitution.textEdited.connect(lambda _t: set_error(self.substitution_error, None))
        self.own_uuid = fiscal_uuid(invoice).upper()
        self.form.addRow(explain)
        self.form.addRow(self.tr("&Motivo"), self.motive)
        self.form.addRow(self.tr("&Sustituida por"), self.substitution)
        self.form.addRow("", self.substitution_error)
        self._motive_changed()

    def _motive_changed(self) -> None:
        needs = self.motive.currentData() == "01"
        self.substitution.setEnabled(needs)
        if not needs:
            set_error(self.substitution_error, None)

    def body(self) -> dict[str, Any] | None:
        motive = str(self.motive.currentData())
        body: dict[str, Any] = {"motive": motive}
        if motive != "01":
            return body
        value = self.substitution.text().strip()
        problem = None
        if not value:
            problem = self.tr(
                "El motivo 01 necesita el folio fiscal (UUID) de la factura que sustituye a esta."
            )
        elif not FISCAL_UUID.match(value):
            problem = self.tr(
                "El folio fiscal tiene la forma xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx."
            )
        elif value.upper() == self.own_uuid:
            problem = self.tr("Una factura no puede sustituirse a sí misma.")
        set_error(self.substitution_error, problem)
        if problem:
            self.substitution.setFocus()
            return None
        body["substitution_uuid"] = value.upper()
        return body


class SendInvoiceDialog(ActionDialog):
    """E-mail addresses to send the invoice to (the client's first)."""

    def __init__(self, invoice: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Enviar factura por correo"), self.tr("Enviar"), parent)
        self.setObjectName("sendInvoiceDialog")
        client = invoice.get("client") if isinstance(invoice.get("client"), Mapping) else {}
        self.emails = QLineEdit(str((client or {}).get("email") or ""))
        self.emails.setObjectName("emailsEdit")
        self.emails.setAccessibleName(self.tr("Correos"))
        self.emails.setPlaceholderText(self.tr("cliente@ejemplo.com, contabilidad@ejemplo.com"))
        self.emails_error = error_label("emailsError")
        self.form.addRow(QLabel(self.tr("Factura {folio}").format(folio=invoice_folio(invoice))))
        self.form.addRow(self.tr("&Correos"), self.emails)
        self.form.addRow("", self.emails_error)

    def body(self) -> dict[str, Any] | None:
        emails = [e.strip() for e in re.split(r"[,;\s]+", self.emails.text()) if e.strip()]
        bad = [e for e in emails if not EMAIL.match(e)]
        problem = None
        if not emails:
            problem = self.tr("Escribe al menos un correo.")
        elif bad:
            problem = self.tr("Revisa este correo: {0}").format(bad[0])
        set_error(self.emails_error, problem)
        if problem:
            return None
        return {"emails": emails}
