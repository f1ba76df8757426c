"""The Pagos page: every sale of the shift, whether gigstack has it yet or not.

Rows come from two local sources, both read on the GUI thread (fast SQLite reads):

- the cached payments (`Resource.PAYMENTS`, refreshed by the worker; reloaded on
  `cache_updated`), and
- the sales still in the outbox (pending, sending or parked `register_payment` rows, plus sent
  rows the cache has not caught up with yet), so a sale never "disappears" between the counter
  and the next refresh.

Actions that need gigstack (cancel, mark paid, refund, request payment) run through
`ctx.bridge.call`, are refused while the last known state is offline, and write the answer
back into the cache so the table and the detail show it at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QItemSelectionModel, Qt, QTime
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.gigstack import GigstackClient, Payment
from desktop.store.cache import CacheLookup, Resource, fold
from desktop.store.outbox import OutboxItem, OutboxKind, OutboxState
from desktop.ui.context import UiContext
from desktop.ui.formatting import money, quantity, when
from desktop.ui.layout import WIDE_LAYOUT_PX, fit_detail_to_width, list_with_detail
from desktop.ui.page import Page
from desktop.ui.payment_dialogs import (
    ActionDialog,
    CancelPaymentDialog,
    MarkPaidDialog,
    QrDialog,
    RefundDialog,
    RequestPaymentDialog,
    error_label,
    fill_payment_forms,
    payment_folio,
    payment_form_label,
    set_error,
)
from desktop.ui.table_model import Column, RecordTableModel
from desktop.ui.worker import SyncState

# Statuses of rows that gigstack does not have yet.
QUEUED = "queued"
PARKED = "parked"

STATUS_LABELS = {
    "succeeded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pagado")),
    "requires_payment_method": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente de pago")),
    "pending": str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente")),
    "processing": str(QT_TRANSLATE_NOOP("PaymentsPage", "Procesando")),
    "failed": str(QT_TRANSLATE_NOOP("PaymentsPage", "Fallido")),
    "canceled": str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado")),
    "cancelled": str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado")),
    "refunded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolsado")),
    "partially_refunded": str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolso parcial")),
    QUEUED: str(QT_TRANSLATE_NOOP("PaymentsPage", "En cola")),
    PARKED: str(QT_TRANSLATE_NOOP("PaymentsPage", "Detenido")),
}

# (code, label) for the status filter; "refunded" also finds partial refunds.
STATUS_FILTERS = (
    ("", str(QT_TRANSLATE_NOOP("PaymentsPage", "Todos los estados"))),
    ("succeeded", str(QT_TRANSLATE_NOOP("PaymentsPage", "Pagado"))),
    ("requires_payment_method", str(QT_TRANSLATE_NOOP("PaymentsPage", "Pendiente de pago"))),
    ("canceled", str(QT_TRANSLATE_NOOP("PaymentsPage", "Cancelado"))),
    ("refunded", str(QT_TRANSLATE_NOOP("PaymentsPage", "Reembolsado"))),
    (QUEUED, str(QT_TRANSLATE_NOOP("PaymentsPage", "En cola"))),
    (PARKED, str(QT_TRANSLATE_NOOP("PaymentsPage", "Detenido"))),
)

DATE_TODAY, DATE_7, DATE_30, DATE_ALL, DATE_CUSTOM = "today", "7", "30", "all", "custom"

REFRESH_EVERY_SECONDS = 60.0


def _epoch(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@dataclass(frozen=True)
class PaymentRow:
    """One line of the table: a cached payment or a sale still in the outbox.

    `record` is payment-shaped either way (for queued sales it is built from the outbox body,
    with client and item names filled in from the cache), so the detail reads one shape.
    """

    record: dict[str, Any]
    status: str
    created: float | None
    outbox: OutboxItem | None = None
    total: Decimal | None = field(default=None)

    @property
    def key(self) -> str:
        if self.outbox is not None and self.status in (QUEUED, PARKED):
            return f"outbox:{self.outbox.id}"
        return f"payment:{self.record.get('id')}"

    @property
    def payment_id(self) -> str | None:
        if self.status in (QUEUED, PARKED):
            return None
        value = self.record.get("id")
        return str(value) if value else None

    @property
    def folio(self) -> str:
        if self.outbox is not None and self.outbox.folio:
            return self.outbox.folio
        return payment_folio(self.record)

    @property
    def client(self) -> Mapping[str, Any]:
        client = self.record.get("client")
        return client if isinstance(client, Mapping) else {}

    @property
    def client_name(self) -> str:
        c = self.client
        return str(c.get("name") or c.get("legal_name") or c.get("tax_id") or c.get("id") or "")

    @property
    def payment_form(self) -> str:
        return str(self.record.get("payment_form") or "")

    @property
    def invoices(self) -> list[str]:
        ids = []
        for entry in self.record.get("invoices") or []:
            if isinstance(entry, str):
                ids.append(entry)
            elif isinstance(entry, Mapping) and (entry.get("id") or entry.get("uuid")):
                ids.append(str(entry.get("id") or entry.get("uuid")))
        return ids

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def search_text(self) -> str:
        c = self.client
        metadata = self.record.get("metadata") or {}
        return " ".join(
            str(x or "")
            for x in (
                self.folio,
                self.record.get("id"),
                metadata.get("local_id") if isinstance(metadata, Mapping) else "",
                self.client_name,
                c.get("legal_name"),
                c.get("tax_id"),
                c.get("email"),
                payment_form_label(self.payment_form),
                self.status_label,
                money(self.total),
            )
        )


def rows_from_sources(
    cached: list[dict[str, Any]],
    outbox_rows: list[OutboxItem],
    clients: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
) -> list[PaymentRow]:
    """Cached payments plus the outbox's sales that the cache does not show yet."""
    rows = [
        PaymentRow(
            record=p,
            status=str(p.get("status") or ""),
            created=_epoch(p.get("created_at")),
            total=_decimal(p.get("total")),
        )
        for p in cached
    ]
    known = {str(p.get("id")) for p in cached}
    by_local = {
        str(p["metadata"]["local_id"]): p
        for p in cached
        if isinstance(p.get("metadata"), Mapping) and p["metadata"].get("local_id")
    }
    for item in outbox_rows:
        if item.kind is not OutboxKind.REGISTER_PAYMENT:
            continue
        if item.state is OutboxState.DISCARDED:
            continue
        if item.state is OutboxState.SENT:
            if (item.server_id and item.server_id in known) or item.local_id in by_local:
                continue
            response = dict(item.response or {})
            if not response:
                continue
            rows.append(
                PaymentRow(
                    record=response,
                    status=str(response.get("status") or "succeeded"),
                    created=item.created_at,
                    outbox=item,
                    total=_decimal(response.get("total")),
                )
            )
            continue
        record = queued_record(item, clients, services)
        rows.append(
            PaymentRow(
                record=record,
                status=PARKED if item.state is OutboxState.PARKED else QUEUED,
                created=item.created_at,
                outbox=item,
                total=_decimal(record.get("total")),
            )
        )
    return rows


def queued_record(
    item: OutboxItem,
    clients: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    body = item.payload
    client = dict(body.get("client") or {})
    if client.get("id") and str(client["id"]) in clients:
        client = {**clients[str(client["id"])], **client}
    items = []
    for raw in body.get("items") or []:
        line = dict(raw)
        service = services.get(str(line.get("id"))) if line.get("id") else None
        if service is not None:
            for name in ("description", "unit_price", "taxes", "unit_name"):
                line.setdefault(name, service.get(name))
        items.append(line)
    record: dict[str, Any] = {
        "id": None,
        "client": client,
        "items": items,
        "payment_form": body.get("payment_form"),
        "metadata": body.get("metadata") or {},
        "automation_type": body.get("automation_type"),
        "invoices": [],
    }
    try:
        totals = fiscal.compute_totals(items)
    except (ValueError, TypeError, ArithmeticError):
        return record
    record.update(
        subtotal=str(totals.subtotal), total=str(totals.total), taxes=str(totals.transferred)
    )
    return record


class PaymentsPage(Page):
    """Payments table with filters, the selected payment's detail and its actions."""

    title = str(QT_TRANSLATE_NOOP("Page", "Pagos"))
    icon_name = "payments"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("payments")
        self._state: SyncState | None = None
        self._last_refresh = 0.0
        self._extra: Callable[[PaymentRow], bool] | None = None
        self.dialog: QWidget | None = None  # the open action dialog (tests look at it)

        self.model: RecordTableModel[PaymentRow] = RecordTableModel(
            [
                Column(
                    self.tr("Fecha"),
                    lambda r: _short_when(r.created),
                    sort_key=lambda r: r.created or 0.0,
                    tooltip=lambda r: when(r.created) or None,
                ),
                Column(self.tr("Folio"), lambda r: r.folio, tooltip=lambda r: r.payment_id),
                Column(
                    self.tr("Cliente"),
                    lambda r: r.client_name,
                    tooltip=lambda r: str(r.client.get("tax_id") or "") or None,
                ),
                Column(
                    self.tr("Forma de pago"),
                    lambda r: _form_name(r.payment_form),
                    sort_key=lambda r: r.payment_form,
                    tooltip=lambda r: payment_form_label(r.payment_form) or None,
                ),
                Column(
                    self.tr("Total"),
                    lambda r: money(r.total),
                    sort_key=lambda r: r.total if r.total is not None else Decimal(-1),
                    align_right=True,
                ),
                Column(
                    self.tr("Estado"),
                    lambda r: self.tr(r.status_label),
                    tooltip=lambda r: r.outbox.last_error if r.outbox else None,
                ),
                Column(
                    self.tr("Factura"),
                    lambda r: self.tr("Sí") if r.invoices else "—",
                    sort_key=lambda r: len(r.invoices),
                    tooltip=lambda r: ", ".join(r.invoices) or None,
                ),
            ],
            PaymentRow.search_text,
            self,
        )
        self._build_widgets()
        self._connect()
        self.model.sort(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self._apply_filters()
        self.reload()

    # -- widgets ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("paymentSearch")
        self.search.setPlaceholderText(self.tr("Buscar folio, cliente, RFC, importe… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Buscar pagos"))
        self.search.setClearButtonEnabled(True)

        self.date_range = QComboBox()
        self.date_range.setObjectName("dateRangeCombo")
        self.date_range.setAccessibleName(self.tr("Periodo"))
        for code, label in (
            (DATE_TODAY, self.tr("Hoy")),
            (DATE_7, self.tr("Últimos 7 días")),
            (DATE_30, self.tr("Últimos 30 días")),
            (DATE_ALL, self.tr("Todo lo guardado")),
            (DATE_CUSTOM, self.tr("Personalizado")),
        ):
            self.date_range.addItem(label, code)
        self.date_range.setCurrentIndex(self.date_range.findData(DATE_30))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_from.setObjectName("dateFrom")
        self.date_from.setAccessibleName(self.tr("Desde"))
        self.date_to = QDateEdit(today)
        self.date_to.setObjectName("dateTo")
        self.date_to.setAccessibleName(self.tr("Hasta"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Estado"))
        for code, label in STATUS_FILTERS:
            self.status_filter.addItem(self.tr(label), code)
        self.client_filter = QLineEdit()
        self.client_filter.setObjectName("clientFilter")
        self.client_filter.setPlaceholderText(self.tr("Cliente"))
        self.client_filter.setAccessibleName(self.tr("Filtrar por cliente"))
        self.client_filter.setClearButtonEnabled(True)
        self.form_filter = QComboBox()
        self.form_filter.setObjectName("paymentFormFilter")
        self.form_filter.setAccessibleName(self.tr("Forma de pago"))
        fill_payment_forms(self.form_filter)
        self.form_filter.insertItem(0, self.tr("Todas las formas de pago"), "")
        self.form_filter.setCurrentIndex(0)

        self.request_button = QPushButton(self.tr("Solicitar pago…"))
        self.request_button.setObjectName("requestPaymentButton")
        self.request_button.setProperty("primary", True)
        self.request_button.setToolTip(
            self.tr("Crea un enlace de pago para el cliente (Ctrl+Shift+N)")
        )
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("Trae los pagos recientes de gigstack (F5)"))

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.table = QTableView()
        self.table.setObjectName("paymentsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 100)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 135)

        # -- filters row ---------------------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.request_button)
        top.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        filters.addWidget(self.date_range)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        filters2 = QHBoxLayout()
        filters2.addWidget(self.client_filter, 1)
        filters2.addWidget(self.form_filter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(filters)
        left_layout.addLayout(filters2)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        # -- detail ---------------------------------------------------------------------------
        self.detail = QWidget()
        self.detail.setObjectName("paymentDetail")
        detail_layout = QVBoxLayout(self.detail)
        self.detail_title = QLabel(self.tr("Elige un pago para ver su detalle."))
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.detail_title.setFont(font)
        detail_layout.addWidget(self.detail_title)
        actions = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancelar pago…"))
        self.cancel_button.setObjectName("cancelPaymentButton")
        self.cancel_button.setProperty("danger", True)
        self.cancel_button.setToolTip(self.tr("Cancela el pago en gigstack (Ctrl+Shift+X)"))
        self.mark_paid_button = QPushButton(self.tr("Marcar pagado…"))
        self.mark_paid_button.setObjectName("markPaidButton")
        self.mark_paid_button.setToolTip(
            self.tr("Registra que el cliente ya pagó un pago pendiente (Ctrl+Shift+M)")
        )
        self.refund_button = QPushButton(self.tr("Reembolsar…"))
        self.refund_button.setObjectName("refundButton")
        self.refund_button.setToolTip(self.tr("Devuelve todo o parte del pago (Ctrl+Shift+R)"))
        self.open_queue_button = QPushButton(self.tr("Ver en la cola"))
        self.open_queue_button.setObjectName("openQueueButton")
        self.open_queue_button.setToolTip(
            self.tr("Esta venta aún no llega a gigstack: revísala en la cola de envíos")
        )
        for button in (
            self.cancel_button,
            self.mark_paid_button,
            self.refund_button,
            self.open_queue_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        detail_layout.addLayout(actions)
        self.action_error = error_label("actionError")
        detail_layout.addWidget(self.action_error)
        self.action_notice = QLabel()
        self.action_notice.setObjectName("actionNotice")
        self.action_notice.setWordWrap(True)
        self.action_notice.setProperty("role", "hint")
        detail_layout.addWidget(self.action_notice)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        detail_layout.addWidget(line)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.detail_labels: dict[str, QLabel] = {}
        for key, label in (
            ("status", self.tr("Estado")),
            ("client", self.tr("Cliente")),
            ("items", self.tr("Partidas")),
            ("totals", self.tr("Importes")),
            ("paymentForm", self.tr("Forma de pago")),
            ("invoices", self.tr("Facturas")),
            ("folio", self.tr("Folio")),
            ("localId", self.tr("ID local")),
            ("id", self.tr("ID en gigstack")),
            ("link", self.tr("Enlace de pago")),
            ("queueError", self.tr("Último error")),
        ):
            value = QLabel()
            value.setObjectName(f"detail{key[0].upper()}{key[1:]}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(120)
            form.addRow(label, value)
            self.detail_labels[key] = value
        self.detail_form = form
        detail_layout.addLayout(form)
        link_row = QHBoxLayout()
        self.copy_link_button = QPushButton(self.tr("Copiar enlace"))
        self.copy_link_button.setObjectName("detailCopyLinkButton")
        self.qr_button = QPushButton(self.tr("Mostrar QR"))
        self.qr_button.setObjectName("detailQrButton")
        link_row.addWidget(self.copy_link_button)
        link_row.addWidget(self.qr_button)
        link_row.addStretch(1)
        detail_layout.addLayout(link_row)

        detail_layout.addStretch(1)

        self.splitter = list_with_detail(left, self.detail, list_width=860, detail_width=300)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.setTabOrder(self.search, self.date_range)
        self.setTabOrder(self.date_range, self.date_from)
        self.setTabOrder(self.date_from, self.date_to)
        self.setTabOrder(self.date_to, self.status_filter)
        self.setTabOrder(self.status_filter, self.client_filter)
        self.setTabOrder(self.client_filter, self.form_filter)
        self.setTabOrder(self.form_filter, self.table)
        self._show_detail(None)

    def _connect(self) -> None:
        bridge = self.ctx.bridge
        bridge.cache_updated.connect(self._on_cache_updated)
        bridge.queue_changed.connect(self._reload_if_visible)
        bridge.state_changed.connect(self._on_state)
        self.search.textChanged.connect(lambda _t: self._apply_filters())
        self.client_filter.textChanged.connect(lambda _t: self._rebuild_filters())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._rebuild_filters())
        self.form_filter.currentIndexChanged.connect(lambda _i: self._rebuild_filters())
        self.date_range.currentIndexChanged.connect(lambda _i: self._on_range())
        self.date_from.dateChanged.connect(lambda _d: self._rebuild_filters())
        self.date_to.dateChanged.connect(lambda _d: self._rebuild_filters())
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda _c, _p: self._show_detail(self.selected()))
        self.model.modelReset.connect(lambda: self._show_detail(self.selected()))
        self.request_button.clicked.connect(self.request_payment)
        self.refresh_button.clicked.connect(self.refresh_now)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.mark_paid_button.clicked.connect(self.mark_selected_paid)
        self.refund_button.clicked.connect(self.refund_selected)
        self.open_queue_button.clicked.connect(self._open_queue)
        self.copy_link_button.clicked.connect(self._copy_link)
        self.qr_button.clicked.connect(self._show_qr)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+F", self._focus_search),
            ("F5", self.refresh_now),
            ("Ctrl+Shift+N", self.request_payment),
            ("Ctrl+Shift+X", self.cancel_selected),
            ("Ctrl+Shift+M", self.mark_selected_paid),
            ("Ctrl+Shift+R", self.refund_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(scope)
            shortcut.activated.connect(slot)

    # -- page ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_detail_to_width(
            self.splitter,
            self.width(),
            wide_from=WIDE_LAYOUT_PX,
            detail_width=360,
            narrow=[420, 300],
        )

    def activated(self) -> None:
        self.reload()
        if time.monotonic() - self._last_refresh > REFRESH_EVERY_SECONDS:
            self.refresh_now()
        self.search.setFocus()

    def refresh_now(self) -> None:
        """Ask the worker for the recent payments (the table reloads on `cache_updated`)."""
        self._last_refresh = time.monotonic()
        self.ctx.bridge.refresh([Resource.PAYMENTS])

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_cache_updated(self, resource: str) -> None:
        if resource in (Resource.PAYMENTS.value, Resource.CLIENTS.value, Resource.SERVICES.value):
            self._reload_if_visible()

    def _reload_if_visible(self) -> None:
        # A hidden page reloads when the navigation shows it again (activated()).
        if self.isVisible():
            self.reload()

    def _on_state(self, state: object) -> None:
        if isinstance(state, SyncState):
            self._state = state
            if state.online:
                set_error(self.action_error, None)

    def offline_reason(self) -> str | None:
        """Why server actions are refused right now (None: try; the call says if it fails)."""
        if self._state is not None and self._state.online is False:
            return self.tr(
                "Sin conexión con gigstack: esta acción necesita al servidor. Las ventas siguen "
                "registrándose en la cola; inténtalo cuando vuelva la conexión."
            )
        return None

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the rows from the cache and the outbox, keeping the selected one."""
        core, team = self.ctx.core, self.ctx.team
        selected = self.selected()
        cached = [record for _key, record in core.cache.all(Resource.PAYMENTS, team)]
        clients = CacheLookup(core.cache, Resource.CLIENTS, team)
        services = CacheLookup(core.cache, Resource.SERVICES, team)
        outbox_rows = [
            r
            for r in core.outbox.rows()
            if r.kind is OutboxKind.REGISTER_PAYMENT and (r.team or None) == (team or None)
        ]
        self.model.set_rows(rows_from_sources(cached, outbox_rows, clients, services))
        if selected is not None:
            self.select_key(selected.key)
        self._update_count()

    def select_key(self, key: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).key == key:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                self._show_detail(self.selected())
                return True
        return False

    def selected(self) -> PaymentRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    # -- filters ------------------------------------------------------------------------------

    def _on_range(self) -> None:
        custom = self.date_range.currentData() == DATE_CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self._rebuild_filters()

    def date_bounds(self) -> tuple[float | None, float | None]:
        """Epoch seconds [start, end) of the chosen period (local days)."""
        code = self.date_range.currentData()
        today = QDate.currentDate()

        def start_of(day: QDate) -> float:
            return float(QDateTime(day, QTime(0, 0)).toSecsSinceEpoch())

        if code == DATE_TODAY:
            return start_of(today), None
        if code == DATE_7:
            return start_of(today.addDays(-6)), None
        if code == DATE_30:
            return start_of(today.addDays(-29)), None
        if code == DATE_CUSTOM:
            first, last = self.date_from.date(), self.date_to.date()
            if last < first:
                first, last = last, first
            return start_of(first), start_of(last.addDays(1))
        return None, None

    def _rebuild_filters(self) -> None:
        start, end = self.date_bounds()
        status = str(self.status_filter.currentData() or "")
        form = str(self.form_filter.currentData() or "")
        client_words = fold(self.client_filter.text()).split()

        def extra(row: PaymentRow) -> bool:
            if start is not None and (row.created is None or row.created < start):
                return False
            if end is not None and (row.created is None or row.created >= end):
                return False
            if status:
                wanted = {status, "partially_refunded"} if status == "refunded" else {status}
                if status == "canceled":
                    wanted.add("cancelled")
                if row.status not in wanted:
                    return False
            if form and row.payment_form != form:
                return False
            if client_words:
                c = row.client
                text = fold(
                    f"{row.client_name} {c.get('legal_name') or ''} {c.get('tax_id') or ''}"
                )
                if not all(w in text for w in client_words):
                    return False
            return True

        self._extra = extra
        self._apply_filters()

    def _apply_filters(self) -> None:
        if self._extra is None:
            self._rebuild_filters()
            return
        selected = self.selected()
        self.model.set_filter(self.search.text(), self._extra)
        if selected is not None:
            self.select_key(selected.key)  # still shown: keep it selected
        self._update_count()

    def _update_count(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        total = sum(
            (r.total for r in rows if r.total is not None and r.status == "succeeded"),
            Decimal(0),
        )
        waiting = sum(1 for r in rows if r.status in (QUEUED, PARKED))
        text = self.tr("{n} pagos · cobrado {total}").format(n=len(rows), total=money(total))
        if waiting:
            text += self.tr(" · {n} sin enviar a gigstack").format(n=waiting)
        self.count_label.setText(text)

    # -- detail -------------------------------------------------------------------------------

    def _show_detail(self, row: PaymentRow | None) -> None:
        labels = self.detail_labels
        for label in labels.values():
            label.clear()
        has_row = row is not None
        for key, label in labels.items():
            self._set_row_visible(label, has_row and key not in ("link", "queueError"))
        self.copy_link_button.setVisible(False)
        self.qr_button.setVisible(False)
        self.action_notice.clear()
        self.action_notice.setVisible(False)
        if row is None:
            self.detail_title.setText(self.tr("Elige un pago para ver su detalle."))
            for button in (
                self.cancel_button,
                self.mark_paid_button,
                self.refund_button,
                self.open_queue_button,
            ):
                button.setVisible(False)
            return
        record = row.record
        self.detail_title.setText(
            self.tr("Pago {folio} · {total}").format(folio=row.folio, total=money(row.total))
        )
        labels["status"].setText(self.tr(row.status_label))
        client = row.client
        client_lines = [row.client_name]
        if client.get("legal_name") and client.get("legal_name") != row.client_name:
            client_lines.append(str(client["legal_name"]))
        fiscal_bits = [
            str(x) for x in (client.get("tax_id"), client.get("tax_system"), client.get("use")) if x
        ]
        if fiscal_bits:
            client_lines.append(" · ".join(fiscal_bits))
        if client.get("email"):
            client_lines.append(str(client["email"]))
        labels["client"].setText("\n".join(line for line in client_lines if line))
        labels["items"].setTextFormat(Qt.TextFormat.RichText)
        labels["items"].setText(_items_html(record.get("items") or []))
        totals = [
            self.tr("Subtotal {v}").format(v=money(record.get("subtotal"))),
            self.tr("Impuestos {v}").format(v=money(_tax_amount(record.get("taxes")))),
            self.tr("Total {v}").format(v=money(row.total)),
        ]
        refunded = _decimal(record.get("refunded_amount"))
        if refunded:
            totals.append(self.tr("Reembolsado {v}").format(v=money(refunded)))
        labels["totals"].setText(" · ".join(totals))
        labels["paymentForm"].setText(payment_form_label(row.payment_form) or "—")
        labels["invoices"].setText("\n".join(row.invoices) or self.tr("Sin factura"))
        labels["folio"].setText(row.folio)
        metadata = record.get("metadata") if isinstance(record.get("metadata"), Mapping) else {}
        local_id = (metadata or {}).get("local_id") or (row.outbox.local_id if row.outbox else "")
        labels["localId"].setText(str(local_id or "—"))
        labels["id"].setText(row.payment_id or self.tr("Aún no (en la cola)"))
        url = record.get("short_url")
        if url:
            labels["link"].setText(str(url))
            self._set_row_visible(labels["link"], True)
            self.copy_link_button.setVisible(True)
            self.qr_button.setVisible(True)
        if row.outbox is not None and row.outbox.last_error and row.status in (QUEUED, PARKED):
            labels["queueError"].setText(row.outbox.last_error)
            self._set_row_visible(labels["queueError"], True)

        in_queue = row.status in (QUEUED, PARKED)
        self.open_queue_button.setVisible(in_queue)
        self.cancel_button.setVisible(not in_queue and row.status not in ("canceled", "cancelled"))
        self.mark_paid_button.setVisible(row.status in ("requires_payment_method", "pending"))
        self.refund_button.setVisible(row.status in ("succeeded", "partially_refunded"))
        if in_queue:
            self.action_notice.setText(
                self.tr(
                    "Esta venta aún no llega a gigstack. Cuando se envíe podrás cancelarla o "
                    "reembolsarla aquí."
                )
            )
        self.action_notice.setVisible(bool(self.action_notice.text()))

    def _set_row_visible(self, field: QLabel, visible: bool) -> None:
        self.detail_form.setRowVisible(field, visible)

    def _copy_link(self) -> None:
        from PySide6.QtGui import QGuiApplication

        url = self.detail_labels["link"].text()
        if url:
            QGuiApplication.clipboard().setText(url)
            self._notify(self.tr("Enlace copiado."))

    def _show_qr(self) -> None:
        url = self.detail_labels["link"].text()
        if url:
            dialog = QrDialog(url, self.tr("Enlace de pago"), self)
            self.dialog = dialog
            dialog.open()

    def _open_queue(self) -> None:
        window = self.window()
        show = getattr(window, "show_page_named", None)
        if callable(show):
            show("queue")

    def _notify(self, message: str) -> None:
        notify = getattr(self.window(), "notify", None)
        if callable(notify):
            notify(message)

    # -- actions ------------------------------------------------------------------------------

    def _server_row(self) -> PaymentRow | None:
        """The selected payment if an action on gigstack is possible now; else say why."""
        set_error(self.action_error, None)
        row = self.selected()
        if row is None or row.payment_id is None:
            set_error(self.action_error, self.tr("Elige un pago que ya esté en gigstack."))
            return None
        reason = self.offline_reason()
        if reason:
            set_error(self.action_error, reason)
            return None
        return row

    def cancel_selected(self) -> None:
        row = self._server_row()
        if row is None:
            return
        payment_id = str(row.payment_id)
        self._open_action(
            CancelPaymentDialog(row.record, self),
            lambda _body: lambda api: api.payments.cancel(payment_id),
            self.tr("Pago {folio} cancelado.").format(folio=row.folio),
        )

    def mark_selected_paid(self) -> None:
        row = self._server_row()
        if row is None:
            return
        payment_id = str(row.payment_id)
        self._open_action(
            MarkPaidDialog(row.record, self),
            lambda body: lambda api: api.payments.mark_paid(payment_id, body),
            self.tr("Pago {folio} marcado como pagado.").format(folio=row.folio),
        )

    def refund_selected(self) -> None:
        row = self._server_row()
        if row is None:
            return
        payment_id = str(row.payment_id)
        self._open_action(
            RefundDialog(row.record, self),
            lambda body: lambda api: api.payments.refund(payment_id, body),
            self.tr("Reembolso del pago {folio} registrado.").format(folio=row.folio),
        )

    def request_payment(self) -> None:
        set_error(self.action_error, None)
        reason = self.offline_reason()
        if reason:
            set_error(self.action_error, reason)
            return
        team = self.ctx.team
        clients = [c for _k, c in self.ctx.core.cache.all(Resource.CLIENTS, team)]
        services = [s for _k, s in self.ctx.core.cache.all(Resource.SERVICES, team)]
        dialog = RequestPaymentDialog(clients, services, self)
        key = dialog.idempotency_key

        def done(payment: Payment) -> None:
            self._store(payment)
            if payment.short_url:
                dialog.show_link(payment.short_url)
            else:
                dialog.finish()
            self._notify(self.tr("Enlace de pago creado."))

        self._open_action(
            dialog,
            lambda body: lambda api: api.payments.request(body, idempotency_key=key),
            "",
            on_done=done,
        )

    def _open_action(
        self,
        dialog: ActionDialog,
        make_call: Callable[[dict[str, Any]], Callable[[GigstackClient], Payment]],
        success: str,
        on_done: Callable[[Payment], None] | None = None,
    ) -> None:
        def submitted(body: object) -> None:
            reason = self.offline_reason()
            if reason:
                dialog.fail(reason)
                return
            assert isinstance(body, dict)

            def done(payment: Payment) -> None:
                if on_done is not None:
                    on_done(payment)
                    return
                self._store(payment)
                dialog.finish()
                self._notify(success)

            self.ctx.bridge.call(make_call(body), done, lambda message, _exc: dialog.fail(message))

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def _store(self, payment: Payment) -> None:
        """Write the server's answer into the cache and show it."""
        record = payment.model_dump(mode="json", exclude_none=True)
        if not record.get("id"):
            return
        known = self.ctx.core.cache.get(Resource.PAYMENTS, self.ctx.team, str(record["id"]))
        if known:
            record = {**known, **record}  # an answer without some fields keeps what we knew
        self.ctx.core.cache.upsert(Resource.PAYMENTS, self.ctx.team, [record])
        self.reload()
        if not self.select_key(f"payment:{record['id']}"):
            # Hidden by the filters: show it anyway, the cashier just acted on it.
            self.status_filter.setCurrentIndex(0)
            self.search.clear()
            self.select_key(f"payment:{record['id']}")


def _short_when(moment: float | None) -> str:
    """`24/11 14:05` for this year's dates (the table is about recent sales), else `when()`."""
    if moment is None:
        return ""
    local = datetime.fromtimestamp(moment).astimezone()
    if local.year == datetime.now().astimezone().year:
        return local.strftime("%d/%m %H:%M")
    return when(moment)


def _form_name(code: str) -> str:
    """The SAT description alone for the table (the code is in the tooltip and the detail)."""
    label = payment_form_label(code)
    return label.split(" — ", 1)[1] if " — " in label else label


def _tax_amount(value: Any) -> Any:
    if isinstance(value, list):
        total = Decimal(0)
        for tax in value:
            amount = _decimal(tax.get("amount")) if isinstance(tax, Mapping) else None
            total += amount or Decimal(0)
        return total
    return value


def _items_html(items: list[Any]) -> str:
    from html import escape

    if not items:
        return "—"
    rows = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        amount = item.get("total")
        if amount is None and item.get("unit_price") is not None:
            price = _decimal(item.get("unit_price")) or Decimal(0)
            amount = price * (_decimal(item.get("quantity")) or Decimal(1))
        rows.append(
            "<tr><td>{q} ×&nbsp;</td><td>{d}</td><td align='right'>&nbsp;{a}</td></tr>".format(
                q=escape(quantity(item.get("quantity"))),
                d=escape(str(item.get("description") or item.get("id") or "")),
                a=escape(money(amount)),
            )
        )
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"
