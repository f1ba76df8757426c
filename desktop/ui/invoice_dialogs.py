"""Dialogs of the Facturas page: create an income invoice, cancel one, resend it by e-mail.

Like the payment dialogs, each validates locally (a Spanish message next to the field), emits
`submitted(body)` and waits for the page's `finish()` or `fail(message)`; what was typed stays
when the server says no.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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

from desktop import fiscal, invoicing
from desktop.records import invoices
from desktop.records.clients import ClientView
from desktop.records.invoices import InvoiceView
from desktop.records.payments import LineView, PaymentView
from desktop.records.services import ServiceView
from desktop.sales import FieldProblem
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import OutboxItem
from desktop.ui.action_dialog import (
    ActionDialog,
    error_label,
    fill_payment_forms,
    on_enter,
    payment_folio,
    set_error,
)
from desktop.ui.formatting import money, when
from desktop.ui.record_picker import RecordPicker, RecordSource, source_of

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

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GENERIC_RFCS = invoicing.GENERIC_RFCS

# Kept importable from here (older callers); the rules live in desktop.invoicing and
# desktop.records.invoices.
invoice_item_from_payment_line = invoicing.invoice_item_from_payment_line
main_payment_form = invoicing.main_payment_form
invoice_folio = invoices.invoice_folio
fiscal_uuid = invoices.fiscal_uuid
FISCAL_UUID = invoices.FISCAL_UUID
#: The key a queued sale's entry carries in the dialog's payment list (its local id).
QUEUED = "_queued_local_id"


def _client_text(client: ClientView) -> str:
    name = client.legal_name or client.name or client.id
    return f"{name} · {client.rfc}" if client.rfc else name


def _client_choice(record: Mapping[str, Any]) -> str:
    return _client_text(ClientView.from_record(record))


def _invoiceable_client(record: Mapping[str, Any]) -> bool:
    """A client a nominative invoice can go to: an id and a real RFC. Público en general is
    invoiced through receipts and the period's global invoice, never from here."""
    view = ClientView.from_record(record)
    return bool(view.id and view.rfc and view.rfc.upper() not in GENERIC_RFCS)


@runtime_checkable
class PaymentSource(Protocol):
    """The received payments the dialog may offer: one client's at a time, or one by id."""

    def of_client(self, client_id: str) -> list[dict[str, Any]]: ...

    def get(self, payment_id: str) -> dict[str, Any] | None: ...


class CachedPayments:
    """The cached payments of a team, read one client at a time (`Cache.matching`), never all
    (issue 12); those an invoice in the queue already covers (`covered`) are left out."""

    #: A client's payments read at most (the cache keeps a window of recent ones).
    LIMIT = 500

    def __init__(self, cache: Cache, team: str | None, covered: Collection[str] = ()) -> None:
        self.cache, self.team, self.covered = cache, team, covered

    def of_client(self, client_id: str) -> list[dict[str, Any]]:
        # A payment names its client as {"id": ...} or, in older records, as a bare id
        # (`invoicing.payment_client_id` reads both): both paths are asked.
        found = self.cache.matching(
            Resource.PAYMENTS, self.team, ("$.client.id", "$.client"), client_id, self.LIMIT
        )
        return [p for p in found if PaymentView.from_record(p).id not in self.covered]

    def get(self, payment_id: str) -> dict[str, Any] | None:
        if not payment_id or payment_id in self.covered:
            return None
        return self.cache.get(Resource.PAYMENTS, self.team, payment_id)


class ListedPayments:
    """Payments already in hand (a test, a short list), as a `PaymentSource`."""

    def __init__(self, payments: Sequence[Mapping[str, Any]]) -> None:
        self._payments = [dict(p) for p in payments]

    def of_client(self, client_id: str) -> list[dict[str, Any]]:
        return [p for p in self._payments if invoicing.payment_client_id(p) == client_id]

    def get(self, payment_id: str) -> dict[str, Any] | None:
        return next((p for p in self._payments if p.get("id") == payment_id), None)


def queued_sale_entry(item: OutboxItem) -> dict[str, Any]:
    """A sale still in the queue as an entry of the payment list: its body, its folio as id,
    its total when its lines say it (computed like the counter: `desktop.fiscal`)."""
    body = dict(item.payload)
    entry: dict[str, Any] = {**body, "id": item.folio or item.local_id, QUEUED: item.local_id}
    lines = [LineView.from_record(i).raw for i in body.get("items") or [] if isinstance(i, Mapping)]
    # Only when every line carries its price and taxes (a service reference alone is priced
    # by gigstack): a total without the taxes would be a wrong total.
    priced = bool(lines) and all(
        line.get("unit_price") is not None and line.get("taxes") is not None for line in lines
    )
    try:
        entry["total"] = str(fiscal.compute_totals(lines).total) if priced else None
    except (ValueError, TypeError, ArithmeticError):
        entry["total"] = None
    return entry


def can_be_invoiced(payment: Mapping[str, Any]) -> bool:
    """A received payment this dialog may invoice: paid, without an invoice, not a receipt.

    A sale that ended in a receipt is invoiced from that receipt (Recibos), or it would be
    billed twice: once here and once in the global invoice.
    """
    view = PaymentView.from_record(payment)
    raw = view.raw
    return bool(
        view.id
        and view.status == "succeeded"
        and not view.invoice_ids
        and not view.receipt_id
        and not raw.get("receipt")
        and not raw.get("invoices")
    )


class CreateInvoiceDialog(ActionDialog):
    """A new income invoice: from payments already received, or from services typed here.

    Args:
        clients: Where clients are searched as the cashier types (`record_picker.CacheSource`)
            or a list of them; only those with an RFC can receive an invoice.
        services: The same for the services of the lines.
        payments: The received payments (`CachedPayments`, read per client) or a list; the
            ones without an invoice are offered once their client is chosen.
        series: The team's series names (None: the team's default).
        queued: Sales still in the queue that may be invoiced (`automation_type` none); an
            invoice from them waits in the queue for them (`desktop.invoicing`).
        offline: gigstack cannot be reached now: the invoice goes to the queue and the dialog
            says so before the cashier confirms.
    """

    SOURCE_PAYMENTS, SOURCE_ITEMS = 0, 1

    def __init__(
        self,
        clients: RecordSource | Sequence[Mapping[str, Any]],
        services: RecordSource | Sequence[Mapping[str, Any]],
        payments: PaymentSource | Sequence[Mapping[str, Any]],
        series: Sequence[str],
        parent: QWidget | None = None,
        *,
        queued: Sequence[OutboxItem] = (),
        offline: bool = False,
    ) -> None:
        super().__init__(self.tr("Nueva factura de ingreso"), self.tr("Timbrar factura"), parent)
        self.setObjectName("createInvoiceDialog")
        self.setMinimumWidth(620)
        self.idempotency_key = f"mostrador-invoice-{uuid.uuid4()}"
        # Nothing is listed up front (issue 12): clients and services are searched as the
        # cashier types, and the payments are read for the client chosen.
        self.payment_source = (
            payments if isinstance(payments, PaymentSource) else ListedPayments(payments)
        )
        self.queued_entries = [queued_sale_entry(item) for item in queued]
        self.lines: list[dict[str, Any]] = []

        self.offline_hint = QLabel(
            self.tr(
                "Sin conexión con gigstack: la factura se guarda en la Cola. "
                "Se facturará al volver la conexión."
            )
        )
        self.offline_hint.setObjectName("offlineHint")
        self.offline_hint.setProperty("role", "hint")
        self.offline_hint.setWordWrap(True)
        self.client = RecordPicker(
            source_of(clients, Resource.CLIENTS),
            kind="client",
            label=_client_choice,
            accept=_invoiceable_client,
            name="invoiceClientCombo",
            accessible=self.tr("Cliente"),
            placeholder=self.tr("Nombre, razón social o RFC del cliente"),
        )
        self.client.picked.connect(lambda _r: self._client_changed())
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

        self.service = RecordPicker(
            source_of(services, Resource.SERVICES),
            kind="service",
            accept=lambda r: bool(ServiceView.from_record(r).id),
            name="invoiceServiceCombo",
            accessible=self.tr("Servicio o producto"),
            placeholder=self.tr("Descripción, SKU o código de barras"),
            pass_enter=False,  # Enter picks, then the quantity; it never stamps by accident
        )
        self.service.picked.connect(self._service_picked)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("invoiceQuantity")
        self.quantity.setAccessibleName(self.tr("Cantidad"))
        self.quantity.setRange(1, 9999)
        on_enter(self.quantity, self.add_line)  # Enter adds the line (never stamps)
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
        self.form_error_label = error_label("paymentFormError")
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
        self.series_error = error_label("seriesError")
        self.send_email = QCheckBox(self.tr("Enviar la factura al correo del cliente"))
        self.send_email.setObjectName("sendEmailCheck")
        self.totals = QLabel()
        self.totals.setObjectName("invoiceTotals")

        self.form.addRow(self.offline_hint)
        self.form.addRow(self.tr("&Cliente"), self.client)
        self.form.addRow("", self.client_error)
        self.form.addRow(self.tr("Partidas"), source_row)
        self.form.addRow(self.source_stack)
        self.form.addRow("", self.lines_error)
        self.form.addRow(self.tr("&Método de pago"), self.method)
        self.form.addRow(self.tr("&Forma de pago"), self.form_combo)
        self.form.addRow("", self.form_error_label)
        self.form.addRow(self.tr("&Uso del CFDI"), self.use)
        self.form.addRow("", self.use_error)
        self.form.addRow(self.tr("&Serie"), self.series)
        self.form.addRow("", self.series_error)
        self.form.addRow("", self.send_email)
        self.form.addRow(self.tr("Total"), self.totals)
        self.set_offline(offline)
        self._fill_uses(None)
        self._client_changed()

    def set_offline(self, offline: bool) -> None:
        """Offline, the invoice is queued: the dialog says so and its button says "queue"."""
        self.offline = offline
        self.form.setRowVisible(self.offline_hint, offline)
        self.ok_button.setText(self.tr("Poner en cola") if offline else self.tr("Timbrar factura"))

    # -- choices ----------------------------------------------------------------------------

    def chosen_client(self) -> Mapping[str, Any] | None:
        return self.client.record()

    def choose_client(self, client_id: str) -> bool:
        """Pick a client by id (read by id, never by listing); False when it cannot receive
        an invoice or is not cached."""
        return self.client.choose(client_id)

    def payment(self, payment_id: str) -> Mapping[str, Any] | None:
        """A payment this dialog may invoice, by its gigstack id or a queued sale's local id."""
        queued = next(
            (p for p in self.queued_entries if payment_id in (p.get("id"), p.get(QUEUED))), None
        )
        if queued is not None:
            return queued
        found = self.payment_source.get(payment_id)
        return found if found is not None and can_be_invoiced(found) else None

    def start_from(self, payment_ids: Sequence[str]) -> None:
        """Open on these payments: their client chosen (the first payment's), them ticked."""
        first = self.payment(payment_ids[0]) if payment_ids else None
        client_id = invoicing.payment_client_id(first) if first is not None else None
        if client_id:
            self.choose_client(client_id)
        for payment_id in payment_ids:
            self.check_payment(payment_id)

    def client_payments(self, client_id: str) -> list[Mapping[str, Any]]:
        """The payments offered for a client: received ones without an invoice, then sales
        still in the queue."""
        received = [p for p in self.payment_source.of_client(client_id) if can_be_invoiced(p)]
        queued = [p for p in self.queued_entries if invoicing.payment_client_id(p) == client_id]
        return [*received, *queued]

    def _service_picked(self, record: object) -> None:
        if record is not None:
            set_error(self.lines_error, None)
            self.quantity.setFocus()
            self.quantity.selectAll()

    def _client_changed(self) -> None:
        set_error(self.client_error, None)
        record = self.chosen_client()
        client = ClientView.from_record(record) if record is not None else None
        self._fill_uses(client)
        self.payment_list.blockSignals(True)
        self.payment_list.clear()
        mine = self.client_payments(client.id) if client is not None else []
        for payment in mine:
            view = PaymentView.from_record(payment)
            if payment.get(QUEUED):
                text = self.tr("{folio} · en la Cola · {total}").format(
                    folio=view.id, total=money(view.total) or "—"
                )
            else:
                text = self.tr("{folio} · {date} · {total}").format(
                    folio=payment_folio(payment),
                    date=when(view.sold_at or payment.get("created_at")),
                    total=money(view.total),
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
        if client is not None and client.email:
            self.send_email.setEnabled(True)
        else:
            self.send_email.setChecked(False)
            self.send_email.setEnabled(False)
        self._update_totals()

    def check_payment(self, payment_id: str) -> bool:
        for row in range(self.payment_list.count()):
            item = self.payment_list.item(row)
            data = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(data, Mapping) and payment_id in (data.get("id"), data.get(QUEUED)):
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

    def payment_refs(self) -> list[str]:
        """What the invoice covers, for `desktop.invoicing.queue_invoice`: gigstack payment
        ids, and the local ids of sales still in the queue."""
        if self.source_stack.currentIndex() != self.SOURCE_PAYMENTS:
            return []
        return [str(p.get(QUEUED) or p["id"]) for p in self.checked_payments()]

    def covers_queued_sales(self) -> bool:
        return any(p.get(QUEUED) for p in self.checked_payments())

    def _payments_changed(self) -> None:
        set_error(self.lines_error, None)
        form = main_payment_form(self.checked_payments())
        if form and self.method.currentData() == "PUE":
            index = self.form_combo.findData(form)
            if index >= 0:
                self.form_combo.setCurrentIndex(index)
        self._update_totals()

    def _fill_uses(self, client: ClientView | None) -> None:
        regime = client.tax_system if client else ""
        current = client.use if client else ""
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
        service = self.service.record()
        if service is None:
            set_error(self.lines_error, self.tr("Elige un servicio o producto de la lista."))
            self.service.setFocus()
            return
        set_error(self.lines_error, None)
        view = ServiceView.from_record(service)
        self.lines.append({"id": view.id, "quantity": self.quantity.value(), "_service": service})
        amount = (view.unit_price or Decimal(0)) * Decimal(self.quantity.value())
        self.line_list.addItem(
            f"{self.quantity.value()} × {view.description or view.id} · {money(amount)}"
        )
        self.service.clear()
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
            return invoicing.items_from_payments(self.checked_payments())
        return [{"id": line["id"], "quantity": line["quantity"]} for line in self.lines]

    def _update_totals(self) -> None:
        if self.source_stack.currentIndex() == self.SOURCE_PAYMENTS:
            total = sum(
                (PaymentView.from_record(p).total or Decimal(0) for p in self.checked_payments()),
                Decimal(0),
            )
            self.totals.setText(money(total) if total else "—")
            return
        lines = []
        for line in self.lines:
            view = ServiceView.from_record(line["_service"])
            lines.append(
                {"quantity": line["quantity"], "unit_price": view.unit_price, "taxes": view.taxes}
            )
        try:
            totals = fiscal.compute_totals(lines) if lines else None
        except (ValueError, TypeError, ArithmeticError):
            totals = None
        self.totals.setText(money(totals.total) if totals else "—")

    # -- body ---------------------------------------------------------------------------------

    def body(self) -> dict[str, Any] | None:
        record = self.chosen_client()
        client = ClientView.from_record(record) if record is not None else None
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
        set_error(self.form_error_label, form_problem)
        use = str(self.use.currentData() or "")
        use_problem = None
        if client is not None and client.tax_system and use:
            errors = fiscal.cfdi_use_errors(use, client.tax_system)
            use_problem = errors[0] if errors else None
        set_error(self.use_error, use_problem)
        set_error(self.series_error, None)
        if problem or lines_problem or form_problem or use_problem or client is None:
            return None
        body: dict[str, Any] = {
            "client": {"id": client.id},
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
        if self.send_email.isChecked() and client.email:
            body["send_email"] = True
            body["emails"] = [client.email]
        if from_payments:
            # gigstack documents no field linking an invoice to payments; the ids travel in
            # metadata so the invoice can be traced back to the sales it covers. Sales still
            # in the queue are added by desktop.invoicing (their ids once they are sent).
            ids = [str(p["id"]) for p in self.checked_payments() if not p.get(QUEUED)]
            if ids:
                body["metadata"] = {"payments": ",".join(ids)}
        return body

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """The core's refusals (`desktop.invoicing`), each next to its field."""
        where = {
            "client": self.client_error,
            "items": self.lines_error,
            "payments": self.lines_error,
            "payment_form": self.form_error_label,
            "payment_method": self.form_error_label,
            "use": self.use_error,
            "series": self.series_error,
        }
        shown: dict[QLabel, list[str]] = {}
        for problem in problems:
            head = problem.field.split(".", 1)[0]
            label = where.get(head, self.form_error)
            shown.setdefault(label, []).append(QCoreApplication.translate("Rules", problem.message))
        for label, messages in shown.items():
            set_error(label, "\n".join(messages))
        self.set_busy(False)


class CancelInvoiceDialog(ActionDialog):
    """The SAT motive (and, for 01, the substituting invoice) before cancelling."""

    def __init__(self, invoice: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancelar factura"), self.tr("Cancelar ante el SAT"), parent)
        view = InvoiceView.from_record(invoice)
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
                folio=view.folio,
                total=money(view.total),
                client=_client_text(view.client) if view.client.raw else "",
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
        self.own_uuid = view.fiscal_uuid.upper()
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
        view = InvoiceView.from_record(invoice)
        self.emails = QLineEdit(view.client.email)
        self.emails.setObjectName("emailsEdit")
        self.emails.setAccessibleName(self.tr("Correos"))
        self.emails.setPlaceholderText(self.tr("cliente@ejemplo.com, contabilidad@ejemplo.com"))
        self.emails_error = error_label("emailsError")
        self.form.addRow(QLabel(self.tr("Factura {folio}").format(folio=view.folio)))
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
