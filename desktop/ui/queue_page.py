"""The Cola page: every outbox row, why it is waiting, and what a person can do about it.

Rows are read from the outbox on the GUI thread (fast SQLite reads) and re-read on
`queue_changed` and every 5 s while the page is visible (ages move, rows get sent). Nothing
here deletes a row: "Descartar" needs a reason and leaves the row and its audit trail.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
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

from desktop.records.payments import PaymentView
from desktop.records.queued import QueuedChange, known_name, payment_form_of
from desktop.store.cache import CacheLookup, Resource
from desktop.store.outbox import AuditEntry, OutboxError, OutboxItem, OutboxKind, OutboxState
from desktop.ui.context import UiContext
from desktop.ui.formatting import age, money, when
from desktop.ui.layout import (
    WIDE_LAYOUT_PX,
    detail_title,
    fit_detail_to_width,
    list_with_detail,
)
from desktop.ui.manager_pin import require_manager
from desktop.ui.page import Page
from desktop.ui.payment_dialogs import ActionDialog, error_label, payment_form_label, set_error
from desktop.ui.payments_page import queued_record
from desktop.ui.queue_dialogs import KIND_LABELS, DiscardDialog, EditParkedDialog
from desktop.ui.record_picker import CacheSource
from desktop.ui.table_model import Column, RecordTableModel

REFRESH_MS = 5000

CHIP_STYLE = """
QPushButton[chip="true"] { border-radius: 12px; padding: 3px 12px; }
QPushButton[chip="true"]:checked { background: #CCFBF1; border: 1px solid #0F766E; color: #115E59; }
QPushButton[chip="true"]:!checked { color: #64748B; }
"""

STATE_LABELS = {
    OutboxState.PENDING: str(QT_TRANSLATE_NOOP("QueuePage", "Pendiente")),
    OutboxState.SENDING: str(QT_TRANSLATE_NOOP("QueuePage", "Enviando")),
    OutboxState.SENT: str(QT_TRANSLATE_NOOP("QueuePage", "Enviado")),
    OutboxState.PARKED: str(QT_TRANSLATE_NOOP("QueuePage", "Detenido")),
    OutboxState.DISCARDED: str(QT_TRANSLATE_NOOP("QueuePage", "Descartado")),
}

# Chip object name, plural label, state; all but "sent" are on by default.
CHIPS = (
    ("chipPending", str(QT_TRANSLATE_NOOP("QueuePage", "Pendientes")), OutboxState.PENDING),
    ("chipSending", str(QT_TRANSLATE_NOOP("QueuePage", "Enviando")), OutboxState.SENDING),
    ("chipParked", str(QT_TRANSLATE_NOOP("QueuePage", "Detenidos")), OutboxState.PARKED),
    ("chipDiscarded", str(QT_TRANSLATE_NOOP("QueuePage", "Descartados")), OutboxState.DISCARDED),
    ("showSentToggle", str(QT_TRANSLATE_NOOP("QueuePage", "Enviados")), OutboxState.SENT),
)

AUDIT_LABELS = {
    "enqueued": str(QT_TRANSLATE_NOOP("QueuePage", "Entró a la cola")),
    "sent": str(QT_TRANSLATE_NOOP("QueuePage", "Enviado a gigstack")),
    "retry": str(QT_TRANSLATE_NOOP("QueuePage", "Falló; se reintentará")),
    "released": str(QT_TRANSLATE_NOOP("QueuePage", "Devuelto a la cola")),
    "parked": str(QT_TRANSLATE_NOOP("QueuePage", "Detenido")),
    "retry_now": str(QT_TRANSLATE_NOOP("QueuePage", "Reintentar ahora")),
    "edited": str(QT_TRANSLATE_NOOP("QueuePage", "Editado")),
    "discarded": str(QT_TRANSLATE_NOOP("QueuePage", "Descartado")),
    "recovered": str(QT_TRANSLATE_NOOP("QueuePage", "Recuperado tras un cierre")),
    # A sale of a service created offline: its lines fixed (service id or inline) before sending.
    "settled": str(QT_TRANSLATE_NOOP("QueuePage", "Líneas fijadas para el envío")),
}

KIND_SHORT = {
    OutboxKind.REGISTER_PAYMENT: str(QT_TRANSLATE_NOOP("QueuePage", "Venta")),
    OutboxKind.CREATE_CLIENT: str(QT_TRANSLATE_NOOP("QueuePage", "Cliente")),
    OutboxKind.UPDATE_CLIENT: str(QT_TRANSLATE_NOOP("QueuePage", "Cliente")),
    OutboxKind.CREATE_SERVICE: str(QT_TRANSLATE_NOOP("QueuePage", "Servicio")),
    OutboxKind.UPDATE_SERVICE: str(QT_TRANSLATE_NOOP("QueuePage", "Servicio")),
    OutboxKind.CREATE_INVOICE: str(QT_TRANSLATE_NOOP("QueuePage", "Factura")),
}


@dataclass(frozen=True)
class QueueRow:
    item: OutboxItem
    summary: str

    @property
    def name(self) -> str:
        return self.item.folio or self.item.local_id[:8]

    def search_text(self) -> str:
        item = self.item
        return " ".join(
            str(x or "")
            for x in (
                item.folio,
                item.local_id,
                KIND_LABELS.get(item.kind, ""),
                STATE_LABELS.get(item.state, ""),
                self.summary,
                item.last_error,
                item.server_id,
            )
        )


def summarize(
    item: OutboxItem,
    clients: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
) -> str:
    """One line a cashier recognises: who and how much, or which client/service."""
    if item.kind is OutboxKind.REGISTER_PAYMENT:
        sale = PaymentView.from_record(queued_record(item, clients, services))
        total = money(sale.total) if sale.total is not None else ""
        return " · ".join(x for x in (sale.client_name, total) if x)
    if item.kind is OutboxKind.CREATE_INVOICE:
        from desktop.invoicing import invoice_summary

        return invoice_summary(item, clients)
    change = QueuedChange.from_payload(item.payload)
    if item.kind in (OutboxKind.UPDATE_CLIENT, OutboxKind.UPDATE_SERVICE):
        target = change.target_id
        name = known_name(clients.get(target) or services.get(target)) or target
        return f"{name}: {', '.join(change.changed)}"
    return change.name


class QueuePage(Page):
    """The outbox as a table with state chips, a detail with the audit trail, and actions."""

    title = str(QT_TRANSLATE_NOOP("Page", "Cola"))
    icon_name = "queue"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("queue")
        self.dialog: ActionDialog | None = None
        self.model: RecordTableModel[QueueRow] = RecordTableModel(
            [
                Column(self.tr("Folio"), lambda r: r.name, tooltip=lambda r: r.item.local_id),
                Column(self.tr("Tipo"), lambda r: self.tr(KIND_SHORT[r.item.kind])),
                Column(self.tr("Detalle"), lambda r: r.summary),
                Column(
                    self.tr("Estado"),
                    lambda r: self.tr(STATE_LABELS[r.item.state]),
                    sort_key=lambda r: list(STATE_LABELS).index(r.item.state),
                ),
                Column(
                    self.tr("Antigüedad"),
                    lambda r: age(r.item.created_at).removeprefix("hace "),
                    sort_key=lambda r: -r.item.created_at,
                    tooltip=lambda r: when(r.item.created_at),
                ),
                Column(
                    self.tr("Intentos"),
                    lambda r: str(r.item.attempts),
                    sort_key=lambda r: r.item.attempts,
                    align_right=True,
                ),
                Column(
                    self.tr("Último error"),
                    lambda r: r.item.last_error or "",
                    tooltip=lambda r: r.item.last_error,
                ),
                Column(self.tr("ID en gigstack"), lambda r: r.item.server_id or ""),
            ],
            QueueRow.search_text,
            self,
        )
        self.audit_model: RecordTableModel[AuditEntry] = RecordTableModel(
            [
                Column(
                    self.tr("Fecha"),
                    lambda e: time.strftime("%d/%m %H:%M:%S", time.localtime(e.at)),
                    sort_key=lambda e: e.at,
                    tooltip=lambda e: when(e.at),
                ),
                Column(self.tr("Acción"), lambda e: self.tr(AUDIT_LABELS.get(e.action, e.action))),
                Column(self.tr("Detalle"), lambda e: e.detail or "", tooltip=lambda e: e.detail),
            ],
            lambda e: f"{e.action} {e.detail or ''}",
            self,
        )
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.reload)
        ctx.bridge.queue_changed.connect(self._reload_if_visible)
        ctx.bridge.cache_updated.connect(self._on_cache_updated)
        self._apply_filter()
        self.reload()

    # -- widgets ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("Buscar folio, cliente, error… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Buscar en la cola"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.chips: dict[OutboxState, QPushButton] = {}
        chips_row = QHBoxLayout()
        chips_row.addWidget(QLabel(self.tr("Mostrar:")))
        for name, label, state in CHIPS:
            chip = QPushButton(self.tr(label))
            chip.setObjectName(name)
            chip.setCheckable(True)
            chip.setChecked(state is not OutboxState.SENT)
            chip.setProperty("chip", True)
            chip.setAccessibleName(self.tr("Mostrar {what}").format(what=self.tr(label)))
            chip.toggled.connect(lambda _on: self._apply_filter())
            chips_row.addWidget(chip)
            self.chips[state] = chip
        self.chips[OutboxState.SENT].setToolTip(self.tr("Mostrar también lo ya enviado"))
        chips_row.addStretch(1)
        self.setStyleSheet(CHIP_STYLE)

        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((2, 120), (4, 110), (5, 80), (6, 200)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.model.sort(4, Qt.SortOrder.AscendingOrder)
        header.setSortIndicator(4, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_detail())
        self.model.modelReset.connect(self._show_detail)
        self.table.doubleClicked.connect(self._double_clicked)

        self.retry_button = QPushButton(self.tr("Reintentar ahora"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setToolTip(self.tr("Envía de nuevo en este momento (Ctrl+R)"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.edit_button = QPushButton(self.tr("Editar y reenviar…"))
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip(self.tr("Corrige los datos que gigstack rechazó (Ctrl+E)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.discard_button = QPushButton(self.tr("Descartar…"))
        self.discard_button.setObjectName("discardButton")
        self.discard_button.setProperty("danger", True)
        self.discard_button.setToolTip(
            self.tr("No enviar nunca; pide un motivo y lo deja en el historial (Ctrl+Supr)")
        )
        self.discard_button.clicked.connect(self.discard_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("queueCountLabel")
        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        self.action_error = error_label("actionError")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(chips_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.action_error)

        self.detail = QWidget()
        self.detail.setObjectName("queueDetail")
        detail_layout = QVBoxLayout(self.detail)
        self.detail_title = detail_title()
        detail_layout.addWidget(self.detail_title)
        self.detail_form = QFormLayout()
        self.detail_labels: dict[str, QLabel] = {}
        for key, label in (
            ("state", self.tr("Estado")),
            ("summary", self.tr("Detalle")),
            ("paymentForm", self.tr("Forma de pago")),
            ("created", self.tr("Creado")),
            ("attempts", self.tr("Intentos")),
            ("nextAttempt", self.tr("Próximo intento")),
            ("error", self.tr("Último error")),
            ("serverId", self.tr("ID en gigstack")),
            ("localId", self.tr("ID local")),
            ("key", self.tr("Clave de idempotencia")),
        ):
            value = QLabel()
            value.setObjectName(f"detail{key[0].upper()}{key[1:]}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_form.addRow(label, value)
            self.detail_labels[key] = value
        self.detail_labels["error"].setProperty("error", True)
        for value in self.detail_labels.values():
            # Long ids must not widen the panel past the window: they wrap or clip instead.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(120)
        detail_layout.addLayout(self.detail_form)
        detail_layout.addWidget(QLabel(self.tr("Historial")))
        self.audit_table = QTableView()
        self.audit_table.setObjectName("auditTable")
        self.audit_table.setModel(self.audit_model)
        self.audit_table.verticalHeader().setVisible(False)
        self.audit_table.setWordWrap(True)
        self.audit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_table.setMinimumHeight(150)
        audit_header = self.audit_table.horizontalHeader()
        audit_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        audit_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail_layout.addWidget(self.audit_table, 1)

        self.splitter = list_with_detail(left, self.detail, list_width=800, detail_width=320)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+F", self.search.setFocus),
            ("Ctrl+R", self.retry_selected),
            ("Ctrl+E", self.edit_selected),
            ("Ctrl+Del", self.discard_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(scope)
            shortcut.activated.connect(slot)

    # -- visibility ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_detail_to_width(
            self.splitter,
            self.width(),
            wide_from=WIDE_LAYOUT_PX,
            detail_width=400,
            narrow=[400, 320],
        )

    def activated(self) -> None:
        self.reload()
        self.table.setFocus()

    def _on_cache_updated(self, resource: str) -> None:
        if resource in (Resource.CLIENTS.value, Resource.SERVICES.value):
            self._reload_if_visible()

    def _reload_if_visible(self) -> None:
        # A hidden page reloads when it is shown (showEvent): no work for nobody to see.
        if self.isVisible():
            self.reload()

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        core, team = self.ctx.core, self.ctx.team
        selected = self.selected()
        clients = CacheLookup(core.cache, Resource.CLIENTS, team)
        services = CacheLookup(core.cache, Resource.SERVICES, team)
        items = core.outbox.rows()
        self.model.set_rows([QueueRow(i, summarize(i, clients, services)) for i in items])
        counts = {state: 0 for state in OutboxState}
        for item in items:
            counts[item.state] += 1
        for name_state in CHIPS:
            _name, label, state = name_state
            self.chips[state].setText(f"{self.tr(label)} ({counts[state]})")
        if selected is not None:
            self.select_id(selected.item.id)
        self._show_detail()
        self._update_count()

    def _apply_filter(self) -> None:
        wanted = frozenset(s for s, chip in self.chips.items() if chip.isChecked())
        self._wanted = wanted
        self.model.set_filter(self.search.text(), lambda r: r.item.state in wanted)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} de {total}").format(
                shown=self.model.rowCount(), total=len(self.model.all_rows())
            )
        )

    def selected(self) -> QueueRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_id(self, row_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).item.id == row_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def _show_detail(self) -> None:
        row = self.selected()
        labels = self.detail_labels
        for label in labels.values():
            label.clear()
        can_act = row is not None and row.item.state in (OutboxState.PENDING, OutboxState.PARKED)
        self.retry_button.setEnabled(can_act)
        self.discard_button.setEnabled(can_act)
        self.edit_button.setEnabled(row is not None and row.item.state is OutboxState.PARKED)
        if row is None:
            self.detail_title.setText(
                self.tr("Elige un elemento de la cola para ver su historial.")
            )
            self.audit_model.set_rows([])
            return
        item = row.item
        self.detail_title.setText(
            self.tr("{kind} {name}").format(kind=self.tr(KIND_LABELS[item.kind]), name=row.name)
        )
        labels["state"].setText(self.tr(STATE_LABELS[item.state]))
        labels["summary"].setText(row.summary or "—")
        with_form = (OutboxKind.REGISTER_PAYMENT, OutboxKind.CREATE_INVOICE)
        form = payment_form_of(item.payload) if item.kind in with_form else ""
        labels["paymentForm"].setText(payment_form_label(form) or "—")
        labels["created"].setText(f"{when(item.created_at)} ({age(item.created_at)})")
        labels["attempts"].setText(str(item.attempts))
        if item.state is OutboxState.PENDING:
            labels["nextAttempt"].setText(when(item.next_attempt_at))
        else:
            labels["nextAttempt"].setText("—")
        error = item.last_error or ""
        if item.last_status and f"({item.last_status})" not in error:
            error = f"{error} (HTTP {item.last_status})"
        labels["error"].setText(error or "—")
        labels["serverId"].setText(item.server_id or "—")
        labels["localId"].setText(item.local_id)
        labels["key"].setText(item.idempotency_key)
        self.audit_model.set_rows(self.ctx.core.outbox.audit(item.id))

    # -- actions ------------------------------------------------------------------------------

    def _selected_for(self, *states: OutboxState) -> QueueRow | None:
        set_error(self.action_error, None)
        row = self.selected()
        if row is None:
            set_error(self.action_error, self.tr("Elige un elemento de la cola."))
            return None
        if row.item.state not in states:
            set_error(
                self.action_error,
                self.tr("{name} está {state}: no aplica.").format(
                    name=row.name, state=self.tr(STATE_LABELS[row.item.state]).lower()
                ),
            )
            return None
        return row

    def _double_clicked(self, _index: object) -> None:
        row = self.selected()
        if row is not None and row.item.state is OutboxState.PARKED:
            self.edit_selected()

    def retry_selected(self) -> None:
        row = self._selected_for(OutboxState.PENDING, OutboxState.PARKED)
        if row is None:
            return
        try:
            self.ctx.core.outbox.retry_now(row.item.id)
        except OutboxError as exc:
            set_error(self.action_error, str(exc))
            return
        self.ctx.bridge.resume()  # a person asked to retry: leave a pause on a rejected key
        self.ctx.bridge.kick()
        self._changed()
        if self.ctx.bridge.online is False:
            self._notify(
                self.tr("{name}: sin conexión; se enviará en cuanto vuelva.").format(name=row.name)
            )
        else:
            self._notify(self.tr("{name}: se reintentará ahora.").format(name=row.name))

    def edit_selected(self) -> None:
        row = self._selected_for(OutboxState.PARKED)
        if row is None:
            return
        # Clients are searched as the cashier types, never all read (issue 12).
        clients = CacheSource(self.ctx.core.cache, Resource.CLIENTS, self.ctx.team)
        dialog = EditParkedDialog(row.item, clients, self)
        item_id = row.item.id

        def save(body: object) -> None:
            assert isinstance(body, dict)
            try:
                self.ctx.core.outbox.edit_parked(item_id, body)
            except OutboxError as exc:
                dialog.fail(str(exc))
                return
            dialog.finish()
            self.ctx.bridge.kick()
            self._changed()
            self._notify(self.tr("{name} corregido; se envía de nuevo.").format(name=row.name))

        dialog.submitted.connect(save)
        self.dialog = dialog
        dialog.open()

    def discard_selected(self) -> None:
        row = self._selected_for(OutboxState.PENDING, OutboxState.PARKED)
        if row is None:
            return
        # A discarded sale is never sent: the manager's PIN guards it when the shop set one.
        if not require_manager(self, self.tr("descartar una venta de la cola")):
            return
        dialog = DiscardDialog(row.item, row.summary or row.name, self)
        item_id = row.item.id

        def discard(body: object) -> None:
            assert isinstance(body, dict)
            try:
                self.ctx.core.outbox.discard(item_id, str(body["reason"]))
            except OutboxError as exc:
                dialog.fail(str(exc))
                return
            dialog.finish()
            self._changed()
            self._notify(self.tr("{name} descartado.").format(name=row.name))

        dialog.submitted.connect(discard)
        self.dialog = dialog
        dialog.open()

    def _changed(self) -> None:
        """A local outbox change: this page shows it now; the other views (pill, Pagos) hear
        about it with the next coalesced queue report."""
        self.reload()
        self.ctx.bridge.notify_queue_changed()

    def _notify(self, message: str) -> None:
        notify = getattr(self.window(), "notify", None)
        if callable(notify):
            notify(message)
