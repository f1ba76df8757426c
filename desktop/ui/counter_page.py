"""The Mostrador page: where a cashier spends the day.

Keyboard first: F2 client, F3 code (type or scan, Enter), F4 items table (type a quantity,
Del removes a line), F12 charges, Ctrl+P prints the last ticket, Ctrl+N creates a client.
"Cobrar" goes through `desktop.sales.queue_payment` (the one way a sale enters): the sale and
its outbox row are on disk before the counter clears, online or not; the sender delivers it.

The page holds the client, the code field and the cart; the right-hand panel
(`counter_panel.ChargePanel`) shows totals, payment and the sale's fiscal outcome
(`desktop.fiscal.outcome`); the last sale and its ticket live in `counter_last_sale`.
"""

from __future__ import annotations

import logging
import sqlite3
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.config import ConfigError, ConfigFileError, TerminalConfig
from desktop.fiscal.outcome import Outcome, OutcomeDecision, WalkInDocument, invoice_problems
from desktop.money import MoneyError
from desktop.rules.clients import normalize_legal_name
from desktop.sales import FieldProblem, SaleRejectedError, queue_payment
from desktop.store.cache import Resource, fold
from desktop.store.errors import StorageError, storage_error
from desktop.store.outbox import OutboxError, OutboxItem, OutboxState
from desktop.ui import ticket
from desktop.ui.client_dialog import ClientDialog
from desktop.ui.context import UiContext
from desktop.ui.counter_items import COL_QUANTITY, CartModel, SuggestionList
from desktop.ui.counter_last_sale import LastSale, LastSaleBox
from desktop.ui.counter_panel import ChargePanel, error_label, show_error
from desktop.ui.counter_sale import (
    CASH,
    PUBLIC_RFC,
    SaleClient,
    SaleDraft,
    ServiceIndex,
    client_label,
    parse_code,
    public_client,
    totals_view,
)
from desktop.ui.counter_style import STYLE
from desktop.ui.formatting import money
from desktop.ui.page import Page
from desktop.ui.sale_tickets import ticket_business
from desktop.ui.worker import SyncState

log = logging.getLogger(__name__)

CLIENT_RESULTS = 8
SERVICE_RESULTS = 8
# A barcode scanner is a keyboard that types a whole code in a few milliseconds and ends it
# with Enter. Keys that land on a widget that is not a text field (the items table, a button,
# a list) are held while they come this close together (by the events' own timestamps); a
# burst of at least SCAN_MIN_CHARS ended by Enter is a scan and goes to the code field. A
# key nobody follows within SCAN_FLUSH_MS is handed on as typed (a quantity on the table).
SCAN_GAP_MS = 60
SCAN_MIN_CHARS = 4
SCAN_FLUSH_MS = 80


class CounterPage(Page):
    """The sale in progress, its totals and payment, and the last sale's ticket."""

    title = str(QT_TRANSLATE_NOOP("Page", "Mostrador"))
    icon_name = "counter"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("counter")
        self.setStyleSheet(STYLE)
        self._sync_state = SyncState(online=None)
        self._announcing: tuple[int, Decimal | None] | None = None  # (outbox row, change)
        self._services = ServiceIndex()
        self._public_record: dict[str, Any] | None = None
        self._new_clients: list[dict[str, Any]] = []
        self._team_info: dict[str, str] = {}
        self._walk_in = WalkInDocument.RECEIPT
        self._client = public_client(None)

        self._scan_keys: list[QKeyEvent] = []  # held keys of a possible scan burst
        self._scan_replaying = False
        self._scan_flush = QTimer(self)
        self._scan_flush.setSingleShot(True)
        self._scan_flush.setInterval(SCAN_FLUSH_MS)
        self._scan_flush.timeout.connect(self._release_scan_keys)

        self._build()
        self._wire()
        self._watch_for_stray_scans()
        self._load_shop_settings()
        self._load_services()
        self._load_public_client()
        self._set_client(public_client(self._public_record))
        self._update_totals()
        self._fetch_team_info()

    def _build(self) -> None:
        # Client row.
        self.client_search = QLineEdit()
        self.client_search.setObjectName("clientSearch")
        self.client_search.setPlaceholderText(self.tr("Buscar cliente por nombre, RFC o correo"))
        self.client_search.setAccessibleName(self.tr("Buscar cliente"))
        self.client_search.setToolTip(
            self.tr("Cliente (F2). Flechas para elegir, Enter para usar.")
        )
        self.client_search.setClearButtonEnabled(True)
        self.new_client_button = QPushButton(self.tr("Nuevo cliente"))
        self.new_client_button.setObjectName("newClientButton")
        self.new_client_button.setToolTip(self.tr("Crear un cliente para esta venta (Ctrl+N)"))
        self.client_card = QLabel()
        self.client_card.setObjectName("clientCard")
        self.client_card.setTextFormat(Qt.TextFormat.RichText)
        # A long name must not widen the window: the card takes the width it is given.
        self.client_card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.client_card.setMinimumWidth(120)
        self.client_reset = QToolButton()
        self.client_reset.setObjectName("clientReset")
        self.client_reset.setText(self.tr("Público en general"))
        self.client_reset.setToolTip(self.tr("Volver a «Público en general»"))
        self.client_error = error_label("clientError")

        # Code row.
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setPlaceholderText(
            self.tr("Código de barras, SKU o nombre · 3*código para 3 piezas")
        )
        self.code_edit.setAccessibleName(self.tr("Código o nombre del artículo"))
        self.code_edit.setToolTip(
            self.tr("Artículo (F3): escanea o escribe y Enter. «3*» antes del código = 3 piezas.")
        )
        self.code_error = error_label("codeError")

        # Items.
        self.cart = CartModel(self)
        self.table = QTableView()
        self.table.setObjectName("itemsTable")
        self.table.setAccessibleName(self.tr("Artículos de la venta"))
        self.table.setToolTip(
            self.tr("Artículos (F4): escribe para cambiar cantidad o precio, Supr quita la línea.")
        )
        self.table.setModel(self.cart)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.remove_button = QPushButton(self.tr("Quitar línea"))
        self.remove_button.setObjectName("removeLineButton")
        self.remove_button.setToolTip(self.tr("Quitar la línea seleccionada (Supr)"))
        self.items_count = QLabel()
        self.items_count.setObjectName("itemsCount")
        self.items_error = error_label("itemsError")

        left = QVBoxLayout()
        left.setContentsMargins(16, 14, 12, 12)
        left.setSpacing(6)
        client_row = QHBoxLayout()
        client_caption = QLabel(self.tr("Cliente"))
        client_caption.setBuddy(self.client_search)
        client_row.addWidget(client_caption)
        client_row.addWidget(self.client_search, 1)
        client_row.addWidget(self.new_client_button)
        left.addLayout(client_row)
        card_row = QHBoxLayout()
        card_row.addWidget(self.client_card, 1)
        card_row.addWidget(self.client_reset)
        left.addLayout(card_row)
        left.addWidget(self.client_error)
        left.addSpacing(6)
        code_row = QHBoxLayout()
        code_caption = QLabel(self.tr("Artículo"))
        code_caption.setBuddy(self.code_edit)
        code_row.addWidget(code_caption)
        code_row.addWidget(self.code_edit, 1)
        left.addLayout(code_row)
        left.addWidget(self.code_error)
        left.addWidget(self.table, 1)
        left.addWidget(self.items_error)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.items_count)
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.remove_button)
        left.addLayout(bottom_row)

        # Summary panel (totals, payment, fiscal outcome, charge) and the last sale.
        self.panel = ChargePanel()
        panel = self.panel
        # The page's own names for the panel's fields (tests and shortcuts use them).
        self.total_value = panel.total_value
        self.breakdown_labels = panel.breakdown_labels
        self.pay_group = panel.pay_group
        self.pay_buttons = panel.pay_buttons
        self.other_form = panel.other_form
        self.payment_form_error = panel.payment_form_error
        self.cash_box = panel.cash_box
        self.received_edit = panel.received_edit
        self.change_value = panel.change_value
        self.received_error = panel.received_error
        self.invoice_check = panel.invoice_check
        self.invoice_error = panel.invoice_error
        self.outcome_label = panel.outcome_label
        self.change_due = panel.change_due
        self.charge_button = panel.charge_button
        self.charge_error = panel.charge_error
        self.last_sale_box = LastSaleBox(self.ctx, self._team_info)
        self.last_sale_label = self.last_sale_box.label
        self.print_button = self.last_sale_box.print_button
        self.pdf_button = self.last_sale_box.pdf_button
        panel.layout_.addSpacing(6)
        panel.layout_.addWidget(self.last_sale_box)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(left, 1)
        # The panel scrolls rather than grow the window: after a charge the big change, the
        # last sale and a notice stack up, and the window must still fit a 1366x768 screen
        # with its status bar on it.
        panel_width = panel.width()
        panel.setMinimumWidth(0)
        panel.setMaximumWidth(16_777_215)  # QWIDGETSIZE_MAX: PySide6 does not export it
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setObjectName("summaryScroll")
        self.panel_scroll.setWidget(panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setFixedWidth(panel_width)
        outer.addWidget(self.panel_scroll)

        self.client_list = SuggestionList(self.client_search, self, self.table)
        self.client_list.setObjectName("clientSuggestions")
        self.code_list = SuggestionList(self.code_edit, self, self.table)
        self.code_list.setObjectName("codeSuggestions")

        self.setTabOrder(self.client_search, self.code_edit)
        self.setTabOrder(self.code_edit, self.table)
        previous: QWidget = self.table
        for button in self.pay_buttons.values():
            self.setTabOrder(previous, button)
            previous = button
        for widget in (
            self.other_form,
            self.received_edit,
            self.invoice_check,
            self.charge_button,
        ):
            self.setTabOrder(previous, widget)
            previous = widget

    def _wire(self) -> None:
        ctx = self.ctx
        ctx.bridge.state_changed.connect(self._on_state)
        ctx.bridge.cache_updated.connect(self._on_cache_updated)
        ctx.bridge.queue_changed.connect(self._announce_outcome)

        self.client_search.textChanged.connect(self._search_clients)
        self.client_search.returnPressed.connect(self._pick_client)
        self.client_list.itemClicked.connect(lambda _item: self._pick_client())
        self.client_search.installEventFilter(self)
        self.new_client_button.clicked.connect(self.new_client)
        self.client_reset.clicked.connect(self.reset_client)

        self.code_edit.textChanged.connect(self._search_services)
        # "No encontramos el código" is about what was typed: typing again makes it old news.
        self.code_edit.textEdited.connect(lambda _text: self._show_error(self.code_error, None))
        self.code_edit.returnPressed.connect(self._enter_code)
        self.code_list.itemClicked.connect(lambda _item: self._enter_code())
        self.code_edit.installEventFilter(self)
        self.table.installEventFilter(self)
        self.remove_button.clicked.connect(self.remove_current_line)
        self.cart.lines_changed.connect(self._update_totals)
        self.cart.lines_changed.connect(self._next_sale_started)

        self.pay_group.buttonClicked.connect(self._quick_form_clicked)
        self.other_form.activated.connect(self._other_form_chosen)
        self.received_edit.textChanged.connect(self._update_change)
        self.received_edit.returnPressed.connect(self.charge)
        self.invoice_check.toggled.connect(lambda _on: self._update_outcome())
        self.charge_button.clicked.connect(self.charge)
        self.last_sale_box.done.connect(self.focus_code)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("F2", self.focus_client),
            ("F3", self.focus_code),
            ("F4", self.focus_items),
            ("F12", self.charge),
            ("Ctrl+P", lambda: self.last_sale_box.print_when_ready(ask=True)),
            ("Ctrl+N", self.new_client),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- page -------------------------------------------------------------------------------

    def activated(self) -> None:
        self._load_shop_settings()
        self.focus_code()

    def focus_client(self) -> None:
        self.client_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.client_search.selectAll()

    def focus_code(self) -> None:
        self.code_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.code_edit.selectAll()

    def focus_items(self) -> None:
        if self.cart.rowCount() == 0:
            self.focus_code()
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else self.cart.rowCount() - 1
        self.table.setCurrentIndex(self.cart.index(row, COL_QUANTITY))

    # -- scans that land outside the code field --------------------------------------------

    def _watch_for_stray_scans(self) -> None:
        """Watch the page's widgets that take keys but are not text fields."""
        self._scan_watched: set[QWidget] = set()
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QComboBox) and widget.isEditable():
                continue
            if isinstance(widget, (QAbstractButton, QAbstractItemView, QComboBox)):
                if widget is not self.table:  # the table is watched already
                    widget.installEventFilter(self)
                self._scan_watched.add(widget)

    def _scan_key(self, watched: QWidget, event: QKeyEvent) -> bool:
        """Hold a key that may be part of a scan; True when it was taken."""
        if self._scan_replaying:
            return False
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        held = self._scan_keys
        close = bool(held) and event.timestamp() - held[-1].timestamp() <= SCAN_GAP_MS
        if enter and close and len(held) >= SCAN_MIN_CHARS:
            code = "".join(k.text() for k in held)
            self._scan_keys = []
            self._scan_flush.stop()
            log.info("a scan landed on %s; sent to the code field", watched.objectName())
            self.code_edit.setText(code)
            self.focus_code()
            self._enter_code()
            return True
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            if held and not close:
                self._release_scan_keys()
            self._scan_keys.append(self._copy_key(event))
            self._scan_flush.start()
            return True
        if held:  # any other key: what was held goes first, as typed
            self._release_scan_keys()
            target = QApplication.focusWidget()
            if target is not None and target is not watched:
                # The held keys opened an editor (a quantity typed on the table): this key
                # (Enter, Tab…) belongs to it, as if nothing had been held.
                self._scan_replaying = True
                try:
                    QApplication.sendEvent(target, self._copy_key(event))
                finally:
                    self._scan_replaying = False
                return True
        return False

    @staticmethod
    def _copy_key(event: QKeyEvent) -> QKeyEvent:
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        copy.setTimestamp(event.timestamp())
        return copy

    def _release_scan_keys(self) -> None:
        """Hand held keys on to whatever has the focus now (not a scan after all)."""
        self._scan_flush.stop()
        held, self._scan_keys = self._scan_keys, []
        self._scan_replaying = True
        try:
            for key in held:
                target = QApplication.focusWidget()
                if target is not None:
                    QApplication.sendEvent(target, key)
        finally:
            self._scan_replaying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if (
                isinstance(watched, QWidget)
                and watched in getattr(self, "_scan_watched", ())
                and self._scan_key(watched, event)
            ):
                return True
            if watched is self.table and key == Qt.Key.Key_Delete:
                self.remove_current_line()
                return True
            if watched is self.table and key in (Qt.Key.Key_Escape,):
                self.focus_code()
                return True
            if watched in (self.code_edit, self.client_search) and key == Qt.Key.Key_Escape:
                edit = watched
                assert isinstance(edit, QLineEdit)
                edit.clear()
                if edit is self.client_search:
                    self.focus_code()
                return True
        return super().eventFilter(watched, event)

    # -- data from the cache ------------------------------------------------------------------

    def _on_state(self, state: object) -> None:
        if isinstance(state, SyncState):
            self._sync_state = state
            self._announce_outcome()

    def _announce_outcome(self) -> None:
        """The notice for the last charged sale, as far as we know its fate right now."""
        if self._announcing is None:
            return
        row_id, change = self._announcing
        try:
            row = self.ctx.core.outbox.get(row_id)
        except OutboxError:
            self._announcing = None
            return
        final = True
        if row.state is OutboxState.SENT:
            notice = self.tr("Registrado en gigstack")
        elif row.state is OutboxState.PARKED:
            notice = self.tr("gigstack no aceptó la venta: revísala en la Cola")
        elif self._sync_state.online is False or row.last_error:
            notice = self.tr("En cola: se enviará al volver la conexión")
        else:
            notice, final = self.tr("Venta guardada; enviando a gigstack…"), False
        notice += self.tr(" · folio {folio}").format(folio=row.folio or row.local_id[:8])
        if change:
            notice += self.tr(" · cambio {change}").format(change=money(change))
        self._notify(notice)
        if final:
            self._announcing = None

    def _on_cache_updated(self, resource: str) -> None:
        if resource == Resource.SERVICES.value:
            self._load_services()
        elif resource == Resource.CLIENTS.value:
            had_fallback = self._client.is_public and not self._client.record.get("id")
            self._load_public_client()
            if had_fallback and self._public_record is not None:
                self._set_client(public_client(self._public_record))
            tax_ids = self._cached_tax_ids()
            self._new_clients = [c for c in self._new_clients if c.get("tax_id") not in tax_ids]

    def _load_services(self) -> None:
        records = (
            record for _key, record in self.ctx.core.cache.all(Resource.SERVICES, self.ctx.team)
        )
        self._services = ServiceIndex(records)

    def _load_public_client(self) -> None:
        found = self.ctx.core.cache.search(Resource.CLIENTS, self.ctx.team, PUBLIC_RFC, limit=10)
        self._public_record = next(
            (r for r in found if str(r.get("tax_id", "")).upper() == PUBLIC_RFC), None
        )

    def _cached_tax_ids(self) -> set[str]:
        tax_ids = set()
        for client in self._new_clients:
            rfc = str(client.get("tax_id") or "")
            found = self.ctx.core.cache.search(Resource.CLIENTS, self.ctx.team, rfc, limit=5)
            if any(str(r.get("tax_id", "")).upper() == rfc for r in found):
                tax_ids.add(rfc)
        return tax_ids

    def _fetch_team_info(self) -> None:
        """Business name/RFC/address for tickets when the settings leave them empty."""
        team = self.ctx.team

        def done(info: dict[str, str]) -> None:
            # Shared with the last-sale box: update in place.
            self._team_info.clear()
            self._team_info.update(info)

        # Quiet on failure: the settings' business data (or "Mostrador") fills the ticket.
        self.ctx.run_op(
            self,
            lambda api: ticket_business(api, team),
            done,
            on_error=lambda _message, _exc: None,
        )

    # -- client -----------------------------------------------------------------------------

    def _set_client(self, client: SaleClient) -> None:
        self._client = client
        record = client.record
        name = client.name or self.tr("(sin nombre)")
        details = [client.tax_id]
        if record.get("tax_system"):
            details.append(self.tr("régimen {code}").format(code=record["tax_system"]))
        if client.use:
            details.append(self.tr("uso {code}").format(code=client.use))
        text = f"<b>{_html(name)}</b> &nbsp;·&nbsp; " + " · ".join(_html(d) for d in details if d)
        if client.is_new:
            text += " &nbsp;<i>" + _html(self.tr("(nuevo: se registra con la venta)")) + "</i>"
        self.client_card.setText(text)
        self.client_card.setProperty("kind", "new" if client.is_new else "known")
        self.client_card.style().unpolish(self.client_card)
        self.client_card.style().polish(self.client_card)
        self.client_reset.setVisible(not client.is_public)
        self._show_error(self.client_error, None)
        self._update_outcome()

    def reset_client(self) -> None:
        self._set_client(public_client(self._public_record))
        self.focus_code()

    def _search_clients(self, text: str) -> None:
        self._show_error(self.client_error, None)
        if not text.strip():
            self.client_list.hide()
            return
        found = self.ctx.core.cache.search(Resource.CLIENTS, self.ctx.team, text, CLIENT_RESULTS)
        words = fold(text).split()
        extra = [c for c in self._new_clients if all(w in fold(client_label(c)) for w in words)]
        entries: list[tuple[str, Any]] = [
            (client_label(c) + self.tr("  (nuevo)"), SaleClient(c, is_new=True)) for c in extra
        ]
        entries += [(client_label(c), SaleClient(c)) for c in found]
        self.client_list.show_entries(entries[:CLIENT_RESULTS])

    def _pick_client(self) -> None:
        chosen = self.client_list.current_payload()
        text = self.client_search.text().strip()
        if chosen is None:
            if text:
                self._show_error(
                    self.client_error,
                    self.tr("Ningún cliente coincide con «{text}». Ctrl+N para crearlo.").format(
                        text=text
                    ),
                )
                self.client_search.selectAll()
            return
        assert isinstance(chosen, SaleClient)
        self._set_client(chosen)
        self.client_search.clear()
        self.client_list.hide()
        self.focus_code()

    def new_client(self) -> None:
        """The "new client" form; the client is not saved here: gigstack creates it (found by
        its RFC, `auto_create`) with the sale, online or from the queue."""
        captured: list[dict[str, Any]] = []
        dialog = ClientDialog(
            captured.append,
            parent=self,
            require_rfc=True,
            initial_text=self.client_search.text(),
            save_text=self.tr("Usar en la venta"),
        )
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and captured:
            self.use_new_client(inline_client(captured[-1]))
        else:
            self.focus_code()

    def use_new_client(self, fields: dict[str, Any]) -> None:
        self._new_clients = [c for c in self._new_clients if c.get("tax_id") != fields["tax_id"]]
        self._new_clients.append(fields)
        self._set_client(SaleClient(fields, is_new=True))
        self.client_search.clear()
        self.focus_code()

    # -- items ------------------------------------------------------------------------------

    def _search_services(self, text: str) -> None:
        self._show_error(self.code_error, None)
        try:
            _qty, query = parse_code(text)
        except ValueError:
            query = text
        if len(query.strip()) < 2 or (query.strip().isdigit() and len(query.strip()) >= 6):
            # Digits typed fast are a scanner: no list flickering under it.
            self.code_list.hide()
            return
        entries = [
            (
                "  ·  ".join(
                    (
                        str(s.get("description", "")),
                        str(s.get("sku") or ""),
                        money(s.get("unit_price")),
                    )
                ),
                s,
            )
            for s in self._services.search(query, SERVICE_RESULTS)
        ]
        self.code_list.show_entries(entries)

    def _enter_code(self) -> None:
        text = self.code_edit.text().strip()
        if not text:
            return
        try:
            qty, code = parse_code(text)
        except ValueError as exc:
            self._code_problem(str(exc))
            return
        service = self._services.by_code(code)
        if service is None:
            picked = self.code_list.current_payload()
            if picked is not None and (self.code_list.moved_by_keys or not code.isdigit()):
                service = picked
        if service is None:
            if not len(self._services):
                self._code_problem(
                    self.tr("Aún no hay artículos en este equipo: espera a que se descarguen.")
                )
            else:
                self._code_problem(self.tr("No encontramos el código «{code}».").format(code=code))
            return
        try:
            row = self.cart.add(service, qty)
        except MoneyError as exc:
            self._code_problem(exc.message)
            return
        self._show_error(self.code_error, None)
        self.table.selectRow(row)
        self.table.scrollTo(self.cart.index(row, 0))
        self.code_list.hide()
        self.code_edit.clear()

    def _code_problem(self, message: str) -> None:
        self._show_error(self.code_error, message)
        self.code_list.hide()
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    def remove_current_line(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        self.cart.remove(row)
        if self.cart.rowCount():
            self.table.selectRow(min(row, self.cart.rowCount() - 1))
        else:
            self.focus_code()

    # -- totals and payment -------------------------------------------------------------------

    def _total(self) -> Decimal:
        totals = self.cart.totals
        return totals.total if totals is not None else Decimal("0.00")

    def _update_totals(self) -> None:
        totals = self.cart.totals
        pieces = sum((line.quantity for line in self.cart.lines), Decimal(0))
        self.items_count.setText(
            self._count_text(self.cart.rowCount(), pieces)
            if self.cart.rowCount()
            else self.tr("Sin artículos: escanea o escribe un código (F3)")
        )
        self._show_error(self.items_error, self.cart.error)
        self.panel.show_totals(totals_view(totals) if totals is not None else None)
        self._update_change()

    def _count_text(self, lines: int, pieces: Decimal) -> str:
        """ "1 línea · 1 pieza", "2 líneas · 1.5 piezas" (a fraction of a piece is plural)."""
        lines_text = self.tr("1 línea") if lines == 1 else self.tr("{n} líneas").format(n=lines)
        pieces_text = (
            self.tr("1 pieza")
            if pieces == 1
            else self.tr("{n} piezas").format(n=f"{pieces.normalize():f}")
        )
        return f"{lines_text} · {pieces_text}"

    def _next_sale_started(self) -> None:
        """The first scan of the next sale: the last change stops being the news."""
        if self.cart.rowCount():
            self.panel.show_change_due(None)

    def payment_form(self) -> str:
        return self.panel.payment_form()

    def set_payment_form(self, code: str) -> None:
        self.panel.set_payment_form(code)
        self._update_change()

    def _quick_form_clicked(self) -> None:
        self.other_form.setCurrentIndex(0)
        self._payment_form_changed()

    def _other_form_chosen(self, index: int) -> None:
        code = self.other_form.itemData(index)
        self.set_payment_form(code if code else CASH)

    def _payment_form_changed(self) -> None:
        self.panel.payment_form_changed()
        self._update_change()

    def _update_change(self) -> None:
        self.panel.update_change(self._total())

    # -- fiscal outcome ------------------------------------------------------------------------

    def _load_shop_settings(self) -> None:
        """The shop's rule for sales that are not invoiced (`shop.walk_in_document`)."""
        try:
            config = TerminalConfig.load(self.ctx.config.data_dir)
            self._walk_in = WalkInDocument.parse(config.get("shop.walk_in_document"))
        except (ConfigError, ConfigFileError, OSError) as exc:
            # A receipt is the safe default: the customer can always invoice with its QR.
            log.warning("shop settings not read (%s); walk-in sales get a receipt", exc)
            self._walk_in = WalkInDocument.RECEIPT
        self._update_outcome()

    def _draft(self) -> SaleDraft:
        return SaleDraft(
            self._client,
            self.cart.lines,
            self.payment_form(),
            self.invoice_check.isChecked(),
            self._walk_in,
        )

    def outcome(self) -> OutcomeDecision:
        """What the sale in progress ends in fiscally (shown by the charge button)."""
        return self._draft().decision()

    def _update_outcome(self) -> None:
        if not hasattr(self, "panel"):
            return
        name = self._client.name or self.tr("este cliente")
        self.panel.show_outcome(self.outcome(), name)

    # -- charging -----------------------------------------------------------------------------

    def _show_error(self, label: QLabel, message: str | None) -> None:
        show_error(label, message)

    def _clear_errors(self) -> None:
        for label in (
            self.client_error,
            self.code_error,
            self.items_error,
            self.payment_form_error,
            self.received_error,
            self.invoice_error,
            self.charge_error,
        ):
            self._show_error(label, None)

    def charge(self) -> OutboxItem | None:
        """Queue the sale (F12); returns the outbox row, or None when something must be fixed.

        Whatever goes wrong, the cart stays as it was and the reason is on screen.
        """
        self._clear_errors()
        lines = self.cart.lines
        if not lines:
            self._code_problem(self.tr("Agrega al menos un artículo antes de cobrar."))
            return None
        totals = self.cart.totals
        if totals is None:
            self._show_error(self.items_error, self.cart.error)
            self.focus_items()
            return None
        form = self.payment_form()
        received = change = None
        if form == CASH:
            try:
                received = self.panel.received(totals.total)
            except MoneyError as exc:
                self._show_error(self.received_error, exc.message)
                self.received_edit.setFocus()
                self.received_edit.selectAll()
                return None
            if received < totals.total:
                self._show_error(
                    self.received_error,
                    self.tr("Recibido {received} es menos que el total {total}.").format(
                        received=money(received), total=money(totals.total)
                    ),
                )
                self.received_edit.setFocus()
                self.received_edit.selectAll()
                return None
            change = received - totals.total
        draft = self._draft()
        decision = draft.decision()
        if decision.outcome is Outcome.INVOICE:
            # What gigstack would refuse in a PUE invoice is refused here first, with the
            # reason next to "Facturar"; the cart and the client stay as they are.
            refused = invoice_problems(self._client.record, form)
            if refused:
                # The sentences come from desktop.fiscal (Spanish, like the sale rules').
                self._show_error(self.invoice_error, "\n".join(refused))
                return None
        try:
            row = queue_payment(self.ctx.core.outbox, draft.body(), team=self.ctx.team)
        except SaleRejectedError as exc:
            self._show_problems(exc.problems)
            return None
        except (StorageError, sqlite3.Error) as exc:
            self._storage_failed(exc)
            return None
        self.ctx.bridge.kick()

        sold_at = row.sold_at_epoch if row.sold_at_epoch is not None else row.created_at
        sale = LastSale(
            row_id=row.id,
            folio=row.folio or row.local_id[:8],
            created_at=sold_at,
            client=self._client,
            lines=tuple(
                ticket.TicketLine(line.description, line.quantity, line.shown_unit_price, lt.total)
                for line, lt in zip(lines, totals.lines, strict=True)
            ),
            totals=totals_view(totals),
            payment_form=form,
            received=received,
            change=change,
            invoice=draft.invoice_now,
            outcome=decision,
        )
        self._next_customer()
        self.panel.show_change_due(change)
        self.last_sale_box.set_sale(sale)
        # Say "Registrado" only once gigstack has it: until the sender reports back the sale is
        # saved and on its way (or queued, when we already know we are offline).
        self._announcing = (row.id, change)
        self._announce_outcome()
        if ticket.auto_print(ticket.terminal_config(self.ctx.config.data_dir)):
            self.last_sale_box.print_when_ready(ask=False)
        return row

    def _storage_failed(self, exc: BaseException) -> None:
        """The sale could not be written: say so plainly; the cart stays for another try."""
        typed = exc if isinstance(exc, StorageError) else storage_error(exc, None)
        reason = typed.message if typed is not None else str(exc)
        log.error("sale not saved: %s", exc)
        message = self.tr(
            "La venta NO se guardó: {reason} No cobres hasta poder guardarla."
        ).format(reason=reason)
        self._show_error(self.charge_error, message)
        self.ctx.notify(message, "error")
        self.charge_button.setFocus()

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        for problem in problems:
            where = problem.field
            if where.startswith("client"):
                label = self.client_error
                message = problem.message
                if where == "client.use":
                    label = self.invoice_error
            elif where.startswith("items"):
                label = self.items_error
                parts = where.split(".")
                if len(parts) > 1 and parts[1].isdigit():
                    message = self.tr("Línea {n}: {message}").format(
                        n=int(parts[1]) + 1, message=problem.message
                    )
                else:
                    message = problem.message
            elif where == "payment_form":
                label, message = self.payment_form_error, problem.message
            elif where == "use":
                label, message = self.invoice_error, problem.message
            else:
                label, message = self.charge_error, str(problem)
            current = label.text()
            self._show_error(label, f"{current}\n{message}" if current else message)

    def _next_customer(self) -> None:
        self.cart.clear()
        self.received_edit.clear()
        self.invoice_check.setChecked(False)
        self.set_payment_form(CASH)
        self.client_search.clear()
        self.code_edit.clear()
        self._set_client(public_client(self._public_record))
        self.focus_code()

    def _notify(self, text: str, level: str = "info") -> None:
        self.ctx.notify(text, level)

    # -- last sale and its ticket --------------------------------------------------------------

    @property
    def last_sale(self) -> LastSale | None:
        return self.last_sale_box.sale

    def ticket_data(self) -> ticket.TicketData | None:
        """The last sale's ticket, with gigstack's status and documents as of now."""
        return self.last_sale_box.ticket_data()

    def print_last_ticket(self, ask: bool = True) -> bool:
        return self.last_sale_box.print_ticket(ask=ask)

    def save_last_ticket_pdf(self) -> str | None:
        return self.last_sale_box.save_pdf()


def inline_client(body: dict[str, Any]) -> dict[str, Any]:
    """A new client's create body (from ClientDialog) as the inline `client` of a sale."""
    name = " ".join(str(body.get("name") or "").split())
    fields: dict[str, Any] = {
        "name": name,
        # Never the display name in capitals: the client dialog requires the razón social
        # as the Constancia has it (desktop.rules.clients), and only that is sent.
        "legal_name": normalize_legal_name(str(body.get("legal_name") or "")) or None,
        "tax_id": fiscal.normalize_rfc(str(body.get("tax_id") or "")),
        "tax_system": body.get("tax_system"),
        "use": body.get("use"),
        "address": {"zip": str((body.get("address") or {}).get("zip") or "").strip()},
    }
    for key in ("email", "phone"):
        if body.get(key):
            fields[key] = body[key]
    if fields["legal_name"] is None:
        del fields["legal_name"]
    return fields


def _html(text: str) -> str:
    import html

    return html.escape(str(text))
