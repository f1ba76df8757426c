"""The Pagos page: every sale of the shift, whether gigstack has it yet or not, and how each
one ended fiscally (invoice, receipt and its status, global invoice, or still queued).

This file is the composition; the parts, one idea per file:

- `payments_model` — the rows (Qt-free): the cache's payments and the outbox's queued sales;
- `payments_table.PaymentsTable` — the table, its columns and its selection;
- `payments_filters.PaymentFilters` — period, status, client and payment form (`row_filter`);
- `payments_detail.PaymentDetail` — one sale, and the buttons `desktop.payment_rules` allows;
- `payments_documents.SaleDocumentsReader` — the selected sale's receipt or invoice, read
  again from gigstack (it moves on by itself);
- `payments_actions.PaymentActions` — cancel, mark paid, refund, request payment, stamp a
  receipt to the customer who came back with their RFC, through `ctx.run_op` (refused with a
  reason while offline; gigstack's answer is written into the cache, and a refund or
  cancellation into the open shift, by `desktop.sync.writethrough` on the lane thread);
- `payments_tickets.PaymentTickets` — any past ticket printed again or saved as a PDF (with
  the self-invoice QR once the receipt exists).
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.payment_rules import collected, with_refunds_made_here
from desktop.store.cache import CacheLookup, Resource
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxKind
from desktop.store.shifts import EventKind
from desktop.ui.action_dialog import set_error
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text, money
from desktop.ui.layout import WIDE_LAYOUT_PX, fit_detail_to_width, list_with_detail
from desktop.ui.payment_dialogs import QrDialog
from desktop.ui.payments_actions import PaymentActions
from desktop.ui.payments_detail import PaymentDetail
from desktop.ui.payments_documents import SaleDocumentsReader
from desktop.ui.payments_filters import RECEIPT_FILTER, PaymentFilters, RowTest
from desktop.ui.payments_model import (
    DATE_7,
    DATE_30,
    DATE_ALL,
    DATE_CUSTOM,
    DATE_TODAY,
    PARKED,
    QUEUED,
    REFRESH_EVERY_SECONDS,
    PaymentRow,
    queued_record,
    rows_from_sources,
)
from desktop.ui.payments_table import PaymentsTable
from desktop.ui.payments_tickets import PaymentTickets
from desktop.ui.worker import SyncState

__all__ = [
    "DATE_7",
    "DATE_30",
    "DATE_ALL",
    "DATE_CUSTOM",
    "DATE_TODAY",
    "PARKED",
    "QUEUED",
    "RECEIPT_FILTER",
    "PaymentRow",
    "PaymentsPage",
    "queued_record",
    "rows_from_sources",
]


class PaymentsPage(PaymentTickets, PaymentActions):
    """Payments table with filters, the selected payment's detail and its actions."""

    title = str(QT_TRANSLATE_NOOP("Page", "Pagos"))
    icon_name = "payments"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("payments")
        self._state: SyncState | None = None
        self._last_refresh = 0.0
        self._extra: RowTest | None = None
        self.dialog: QWidget | None = None  # the open action dialog (tests look at it)
        self.documents = SaleDocumentsReader(ctx, self._known_offline, self)
        # The same dicts, under the names the actions and tickets use.
        self._receipts = self.documents.receipts  # receipt id -> record read from gigstack
        self._documents = self.documents.documents  # payment id -> its documents
        self._build_widgets()
        self._connect()
        self._apply_filters()
        self.reload()

    # -- widgets ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("paymentSearch")
        self.search.setPlaceholderText(self.tr("Buscar folio, cliente, RFC, importe… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Buscar pagos"))
        self.search.setClearButtonEnabled(True)
        self.filters = PaymentFilters()
        # The page's names for the filters' parts (tests use them).
        self.date_range = self.filters.date_range
        self.date_from = self.filters.date_from
        self.date_to = self.filters.date_to
        self.status_filter = self.filters.status_filter
        self.client_filter = self.filters.client_filter
        self.form_filter = self.filters.form_filter

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
        self.table = PaymentsTable()
        self.model = self.table.rows

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.request_button)
        top.addWidget(self.refresh_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

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

        order = [self.search, self.date_range, self.date_from, self.date_to, self.status_filter]
        order += [self.client_filter, self.form_filter, self.table]
        for before, after in itertools.pairwise(order):
            self.setTabOrder(before, after)
        self._show_detail(None)

    def _connect(self) -> None:
        bridge = self.ctx.bridge
        bridge.cache_updated.connect(self._on_cache_updated)
        bridge.queue_changed.connect(self._reload_if_visible)
        bridge.state_changed.connect(self._on_state)
        self.documents.read.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._apply_filters())
        self.filters.changed.connect(self._rebuild_filters)
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
        self.documents.forget()
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

    def _known_offline(self) -> bool:
        return self._state is not None and self._state.online is False

    def offline_reason(self) -> str | None:
        """Why server actions are refused right now (None: try; the call says if it fails)."""
        if self._known_offline():
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
        if not self.table.select_key(key):
            return False
        self._show_detail(self.selected())
        return True

    def selected(self) -> PaymentRow | None:
        return self.table.selected()

    # -- filters ------------------------------------------------------------------------------

    def date_bounds(self) -> tuple[float | None, float | None]:
        """Epoch seconds [start, end) of the chosen period (local days)."""
        return self.filters.date_bounds()

    def _rebuild_filters(self) -> None:
        self._extra = self.filters.predicate()
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
        rows = self.table.shown_rows()
        summary = collected((r.status, {**r.record, "total": r.total}, r.in_queue) for r in rows)
        text = count_text(
            summary.count,
            self.tr("1 pago · cobrado {total}"),
            self.tr("{n} pagos · cobrado {total}"),
            total=money(summary.collected),
        )
        if summary.refunded:
            text += self.tr(" · reembolsado {total}").format(total=money(summary.refunded))
        if summary.canceled:
            text += count_text(
                summary.canceled, self.tr(" · 1 cancelado"), self.tr(" · {n} cancelados")
            )
        if summary.waiting:
            text += self.tr(" · {n} sin enviar a gigstack").format(n=summary.waiting)
        self.count_label.setText(text)

    # -- detail -------------------------------------------------------------------------------

    def _show_detail(self, row: PaymentRow | None) -> None:
        docs = self._documents.get(row.payment_id or "") if row is not None else None
        self.detail.show_row(row, docs)
        if row is not None:
            self.documents.read_for(row)

    def _copy_link(self) -> None:
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
