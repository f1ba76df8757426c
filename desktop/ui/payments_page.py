"""The Pagos page: every sale of the shift, whether gigstack has it yet or not, and how each
one ended fiscally (invoice, receipt and its status, global invoice, or still queued).

The rows (`payments_model`) come from the cache and the outbox; the detail panel
(`payments_detail`) shows one sale and offers what `desktop.payment_rules` allows for it.
Actions that need gigstack (cancel, mark paid, refund, request payment, stamp a receipt to the
customer who came back with their RFC) run through `ctx.run_op`: refused with a reason while
offline; gigstack's answer is written into the cache (and a refund or cancellation into the
open shift) by `desktop.sync.writethrough` on the lane thread, then the table shows it.
Any past ticket can be printed again (with the self-invoice QR once the receipt exists).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QDateTime,
    QItemSelectionModel,
    QStandardPaths,
    Qt,
    QTime,
)
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.config import TerminalConfig
from desktop.gigstack import GigstackClient
from desktop.payment_rules import (
    Fiscal,
    collected,
    receipt_id,
    with_refunds_made_here,
)
from desktop.store.cache import CacheLookup, Resource, fold
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxKind
from desktop.store.shifts import EventKind
from desktop.sync.writethrough import payment_read_back
from desktop.ui import ticket
from desktop.ui.action_dialog import fill_payment_forms, payment_form_label, set_error
from desktop.ui.context import UiContext
from desktop.ui.formatting import money, when
from desktop.ui.layout import WIDE_LAYOUT_PX, fit_detail_to_width, list_with_detail
from desktop.ui.payment_dialogs import (
    QrDialog,
)
from desktop.ui.payments_actions import PaymentActions
from desktop.ui.payments_detail import PaymentDetail
from desktop.ui.payments_model import (
    DATE_7,
    DATE_30,
    DATE_ALL,
    DATE_CUSTOM,
    DATE_TODAY,
    PARKED,
    QUEUED,
    REFRESH_EVERY_SECONDS,
    STATUS_FILTERS,
    PaymentRow,
    form_name,
    queued_record,
    rows_from_sources,
    short_when,
)
from desktop.ui.sale_tickets import (
    SaleDocuments,
    fetch_documents,
    print_problem,
    reprint_data,
    ticket_footer,
)
from desktop.ui.table_model import Column, RecordTableModel
from desktop.ui.worker import SyncState

__all__ = [
    "DATE_7",
    "DATE_30",
    "DATE_ALL",
    "DATE_CUSTOM",
    "DATE_TODAY",
    "PARKED",
    "QUEUED",
    "PaymentRow",
    "PaymentsPage",
    "queued_record",
    "rows_from_sources",
]

#: Extra status filter: sales whose receipt the customer can still turn into an invoice.
RECEIPT_FILTER = "receipt_pending"


class PaymentsPage(PaymentActions):
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
        self._receipts: dict[str, dict[str, Any]] = {}  # receipt id -> record read from gigstack
        self._documents: dict[str, SaleDocuments] = {}  # payment id -> its documents
        self._reading: set[str] = set()  # payment ids whose documents are being read

        self.model: RecordTableModel[PaymentRow] = RecordTableModel(
            [
                Column(
                    self.tr("Vendida"),
                    lambda r: short_when(r.sold_at),
                    sort_key=lambda r: r.sold_at or 0.0,
                    tooltip=lambda r: when(r.sold_at) or None,
                ),
                Column(self.tr("Folio"), lambda r: r.folio, tooltip=lambda r: r.payment_id),
                Column(
                    self.tr("Cliente"),
                    lambda r: r.client_name,
                    tooltip=lambda r: r.client_view.rfc or None,
                ),
                Column(
                    self.tr("Forma de pago"),
                    lambda r: form_name(r.payment_form),
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
                    self.tr("Comprobante"),
                    lambda r: self.tr(r.fiscal_label),
                    sort_key=lambda r: r.fiscal.value,
                    tooltip=lambda r: ", ".join(r.invoices) or r.receipt_id or None,
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
        self.status_filter.addItem(self.tr("Recibo por facturar"), RECEIPT_FILTER)
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
        header.resizeSection(3, 120)
        # The fiscal outcome: long labels are cut, the tooltip and the detail say it all.
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(6, 150)

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
        self.detail = PaymentDetail()
        detail = self.detail
        # The page's names for the detail's parts (shortcuts and tests use them).
        self.detail_title = detail.title
        self.detail_labels = detail.labels
        self.detail_form = detail.form
        self.cancel_button = detail.cancel_button
        self.mark_paid_button = detail.mark_paid_button
        self.refund_button = detail.refund_button
        self.stamp_button = detail.stamp_button
        self.reprint_button = detail.reprint_button
        self.open_queue_button = detail.open_queue_button
        self.action_error = detail.action_error
        self.action_notice = detail.action_notice
        self.copy_link_button = detail.copy_link_button
        self.qr_button = detail.qr_button

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
        self.stamp_button.clicked.connect(self.stamp_selected_receipt)
        self.detail.reprint_action.triggered.connect(lambda: self.reprint_selected(ask=True))
        # triggered(bool) would land in `path`: ask where to save.
        pdf_action = self.detail.reprint_pdf_action
        pdf_action.triggered.connect(lambda _checked: self.save_selected_ticket_pdf(None))
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
            ("Ctrl+Shift+F", self.stamp_selected_receipt),
            ("Ctrl+P", lambda: self.reprint_selected(ask=True)),
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
        # Receipts move on by themselves (self-invoiced, expired, global invoice): re-read them.
        self._documents.clear()
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
        refunds = self._refunds_made_here()
        cached = [
            with_refunds_made_here(record, refunds[str(record.get("id"))])
            if str(record.get("id")) in refunds
            else record
            for _key, record in core.cache.all(Resource.PAYMENTS, team)
        ]
        clients = CacheLookup(core.cache, Resource.CLIENTS, team)
        services = CacheLookup(core.cache, Resource.SERVICES, team)
        outbox_rows = [
            r
            for r in core.outbox.rows()
            if r.kind is OutboxKind.REGISTER_PAYMENT and (r.team or None) == (team or None)
        ]
        self.model.set_rows(
            rows_from_sources(cached, outbox_rows, clients, services, self._receipts)
        )
        if selected is not None:
            self.select_key(selected.key)
        self._update_count()

    def _refunds_made_here(self) -> dict[str, Decimal]:
        """What this terminal refunded per payment, from the till's journal (it survives cache
        refreshes and restarts; gigstack may not report `refunded_amount`)."""
        totals: dict[str, Decimal] = {}
        try:
            events = self.ctx.core.shifts.events()
        except (StorageError, sqlite3.Error):
            return totals
        for event in events:
            if event.kind is EventKind.REFUND and event.payment_id:
                totals[event.payment_id] = totals.get(event.payment_id, Decimal(0)) + event.amount
        return totals

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
            moment = row.sold_at  # the sale's own day, even when gigstack got it later
            if start is not None and (moment is None or moment < start):
                return False
            if end is not None and (moment is None or moment >= end):
                return False
            if status == RECEIPT_FILTER:
                if row.fiscal not in (Fiscal.RECEIPT, Fiscal.RECEIPT_PENDING):
                    return False
            elif status:
                wanted = {status, "partially_refunded"} if status == "refunded" else {status}
                if status == "canceled":
                    wanted.add("cancelled")
                if row.status not in wanted:
                    return False
            if form and row.payment_form != form:
                return False
            if client_words:
                c = row.client_view
                text = fold(f"{c.display_name} {c.legal_name} {c.rfc}")
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
        """ "Cobrado" nets refunds and leaves cancellations out (`payment_rules.collected`)."""
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        summary = collected((r.status, {**r.record, "total": r.total}, r.in_queue) for r in rows)
        text = self.tr("{n} pagos · cobrado {total}").format(
            n=summary.count, total=money(summary.collected)
        )
        if summary.refunded:
            text += self.tr(" · reembolsado {total}").format(total=money(summary.refunded))
        if summary.canceled:
            text += self.tr(" · {n} cancelados").format(n=summary.canceled)
        if summary.waiting:
            text += self.tr(" · {n} sin enviar a gigstack").format(n=summary.waiting)
        self.count_label.setText(text)

    # -- detail -------------------------------------------------------------------------------

    def _show_detail(self, row: PaymentRow | None) -> None:
        self.detail.show_row(row)
        if row is not None:
            self._read_documents(row)

    def _read_documents(self, row: PaymentRow, *, force: bool = False) -> None:
        """Read the receipt (its status moves on: invoiced, expired, global) or the invoice of
        the selected sale; online only, quietly (the detail says what is known)."""
        payment_id = row.payment_id
        if payment_id is None or payment_id in self._reading:
            return
        if row.fiscal in (Fiscal.NONE, Fiscal.QUEUED):
            return
        if not force and payment_id in self._documents:
            return
        if self._state is not None and self._state.online is False:
            return
        self._reading.add(payment_id)
        record = dict(row.record)

        def call(api: GigstackClient) -> SaleDocuments:
            return fetch_documents(api, record)

        def done(docs: SaleDocuments) -> None:
            self._reading.discard(payment_id)
            self._documents[payment_id] = docs
            if docs.receipt is not None and docs.receipt.get("id"):
                self._receipts[str(docs.receipt["id"])] = docs.receipt
            linked = receipt_id(docs.payment)
            if docs.receipt is not None and linked and linked not in self._receipts:
                self._receipts[linked] = docs.receipt
            self.reload()

        def failed(_message: str, _exc: BaseException | None) -> None:
            self._reading.discard(payment_id)

        cache, team = self.ctx.core.cache, self.ctx.team
        self.ctx.run_op(
            self,
            call,
            done,
            on_error=failed,
            needs_online=False,
            # The payment's newest links (receipt/invoice ids) go into the cache on the lane
            # thread (`desktop.sync`); a failed write is said by `run_op` and `done` still runs.
            write_through=lambda docs: payment_read_back(cache, team, docs.payment),
        )

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

    # -- tickets ------------------------------------------------------------------------------

    def _terminal(self) -> TerminalConfig:
        """Business data and ticket settings: config.json, read at each print (shared with the
        CLI and the Ajustes page)."""
        return ticket.terminal_config(self.ctx.config.data_dir)

    def selected_ticket(self) -> ticket.TicketData | None:
        """A copy of the selected sale's ticket, with its fiscal block as known now."""
        row = self.selected()
        if row is None:
            return None
        business = ticket.business_info(self._terminal(), {})
        docs = self._documents.get(row.payment_id or "")
        if docs is None and row.receipt is not None:
            docs = SaleDocuments(payment=row.record, receipt=row.receipt)
        return reprint_data(
            row.record,
            folio=row.folio,
            sold_at=row.sold_at,
            row=row.outbox,
            documents=docs,
            business=business,
            now=time.time(),
            footer=ticket_footer(self.ctx.config.data_dir),
        )

    def reprint_selected(self, ask: bool = True) -> bool:
        data = self.selected_ticket()
        if data is None:
            set_error(self.action_error, self.tr("Elige la venta cuyo ticket quieres imprimir."))
            return False
        width = ticket.paper_width(self._terminal())
        outcome = ticket.print_ticket_outcome(data, width, self, ask=ask)
        problem = print_problem(outcome)
        if problem:
            self._notify(problem, "error")
        return outcome is ticket.PrintOutcome.PRINTED

    def save_selected_ticket_pdf(self, path: str | None = None) -> str | None:
        data = self.selected_ticket()
        if data is None:
            set_error(self.action_error, self.tr("Elige la venta cuyo ticket quieres guardar."))
            return None
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            suggested = str(Path(folder or Path.home()) / f"ticket-{data.folio}.pdf")
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Guardar ticket como PDF"), suggested, self.tr("PDF (*.pdf)")
            )
            if not path:
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if not ticket.save_pdf(data, path, ticket.paper_width(self._terminal())):
            self._notify(self.tr("No se pudo guardar el PDF en {path}.").format(path=path), "error")
            return None
        self._notify(self.tr("Ticket guardado en {path}").format(path=path), "success")
        return path
