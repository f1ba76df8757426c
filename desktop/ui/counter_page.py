"""The Mostrador page: where a cashier spends the day. This file is the composition.

Keyboard first: F2 client, F3 code (type or scan, Enter), F4 items table (type a quantity,
Del removes a line), F12 charges, Ctrl+P prints the last ticket, Ctrl+N creates a client.

The parts, one idea per file:

- `counter_client_box.ClientBox` — who the sale is for (rules: `counter_clients.ClientBook`);
- `counter_code.CodeEntry` — the code field: scan or type, Enter adds the item;
- `counter_items.ItemsPane` over `CartModel` — the lines; a price override may need the
  manager's PIN;
- `counter_panel.ChargePanel` — totals, payment and the sale's fiscal outcome;
- `counter_checkout.Checkout` — F12: checks, `desktop.sales.queue_payment`, the notice;
- `counter_last_sale.LastSaleBox` — the last sale and its ticket;
- `counter_scan.StrayScanCatcher` — a scan that lands outside the code field still sells;
- `counter_sale` — the Qt-free sale: lines, totals, client, register-payment body.
"""

from __future__ import annotations

import itertools
import logging
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from desktop.config import ConfigError, ConfigFileError, TerminalConfig
from desktop.fiscal.outcome import OutcomeDecision, WalkInDocument
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxItem
from desktop.ui import ticket
from desktop.ui.context import UiContext
from desktop.ui.counter_checkout import Checkout
from desktop.ui.counter_client_box import ClientBox
from desktop.ui.counter_clients import ClientBook, SaleClient
from desktop.ui.counter_code import CodeEntry
from desktop.ui.counter_draft import CounterDraft
from desktop.ui.counter_items import CartModel, ItemsPane
from desktop.ui.counter_last_sale import LastSale, LastSaleBox
from desktop.ui.counter_panel import ChargePanel
from desktop.ui.counter_sale import CASH, SaleDraft, ServiceIndex, totals_view
from desktop.ui.counter_scan import StrayScanCatcher
from desktop.ui.counter_style import STYLE
from desktop.ui.page import Page
from desktop.ui.paper_business import cached_team_business, refresh_team_business
from desktop.ui.worker import SyncState

log = logging.getLogger(__name__)


class CounterPage(Page):
    """The sale in progress, its totals and payment, and the last sale's ticket."""

    title = str(QT_TRANSLATE_NOOP("Page", "Mostrador"))
    icon_name = "counter"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("counter")
        self.setStyleSheet(STYLE)
        # Shared with the last-sale box, filled in place: gigstack's last answer (kept in the
        # data folder, `paper_business`) until it answers again, so offline tickets name the shop.
        self._team_info: dict[str, str] = cached_team_business(ctx.config.data_dir, ctx.team)
        self._walk_in = WalkInDocument.RECEIPT

        self._build()
        self._wire()
        # Last, so it sees a burst before the table's own Del/Esc (Qt asks the newest first).
        self.scans = StrayScanCatcher(self, self.code.enter_scanned)
        self._load_shop_settings()
        self._load_services()
        self.clients.book.load_public()
        self.clients.set_client(self.clients.book.public())
        self._update_totals()
        # The sale in progress is kept in the database on each change, and put back here.
        self.sale_draft = CounterDraft(self)
        self._fetch_team_info()

    # -- the parts ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.cart = CartModel(self)
        self.items = ItemsPane(self.cart)
        self.clients = ClientBox(
            ClientBook(self.ctx.core.cache, self.ctx.team), self, self.items.table
        )
        self.code = CodeEntry(self.cart, self, self.items.table)
        self.panel = ChargePanel()
        self.last_sale_box = LastSaleBox(self.ctx, self._team_info)
        self.checkout = Checkout(
            self.ctx,
            client=self.clients,
            code=self.code,
            items=self.items,
            panel=self.panel,
            last_sale=self.last_sale_box,
            draft=self._draft,
            next_customer=self._next_customer,
            parent=self,
        )
        self._name_parts()

        left = QVBoxLayout()
        left.setContentsMargins(16, 14, 12, 12)
        left.setSpacing(6)
        left.addWidget(self.clients)
        left.addSpacing(6)
        left.addWidget(self.code)
        left.addWidget(self.items, 1)

        panel = self.panel
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
        # The scroll area is no Tab stop of its own (it was an invisible one, D3): its
        # children are, and it scrolls to the one that takes the focus.
        self.panel_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.panel_scroll)

        # Tab follows the screen: the left column top to bottom, then the panel top to bottom.
        # (Of the payment buttons Qt stops on the checked one; arrows move between them.)
        order: list[QWidget] = [self.client_search, self.new_client_button, self.client_reset]
        order += [self.code_edit, self.table, self.remove_button]
        order += [*self.pay_buttons.values(), self.other_form, self.received_edit]
        order += [self.invoice_check, self.charge_button, self.print_button, self.pdf_button]
        for before, after in itertools.pairwise(order):
            self.setTabOrder(before, after)

    def _name_parts(self) -> None:
        """The page's own names for its parts' widgets (shortcuts and tests use them)."""
        clients, code, items, panel = self.clients, self.code, self.items, self.panel
        self.client_search = clients.search
        self.new_client_button = clients.new_button
        self.client_card = clients.card
        self.client_reset = clients.reset_button
        self.client_error = clients.error
        self.client_list = clients.suggestions
        self.code_edit = code.edit
        self.code_error = code.error
        self.code_list = code.suggestions
        self.table = items.table
        self.remove_button = items.remove_button
        self.items_count = items.count
        self.items_error = items.error
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
        self.last_sale_label = self.last_sale_box.label
        self.print_button = self.last_sale_box.print_button
        self.pdf_button = self.last_sale_box.pdf_button

    def _wire(self) -> None:
        bridge = self.ctx.bridge
        bridge.state_changed.connect(self.checkout.on_state)
        bridge.cache_updated.connect(self._on_cache_updated)
        bridge.queue_changed.connect(self.checkout.announce)
        bridge.queue_changed.connect(self._load_queued_services)

        self.clients.changed.connect(self._update_outcome)
        self.clients.done.connect(self.focus_code)
        self.code.line_added.connect(self.items.show_row)
        self.items.leave.connect(self.focus_code)
        self.cart.lines_changed.connect(self._update_totals)
        self.cart.lines_changed.connect(self._next_sale_started)

        self.pay_group.buttonClicked.connect(self._quick_form_clicked)
        self.other_form.activated.connect(self._other_form_chosen)
        self.received_edit.textChanged.connect(self._update_change)
        self.received_edit.returnPressed.connect(self.charge)
        self.invoice_check.toggled.connect(lambda _on: self._update_outcome())
        self.charge_button.clicked.connect(self.charge)
        self.last_sale_box.done.connect(self.focus_code)

        # The keyboard map.
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
        self.clients.focus()

    def focus_code(self) -> None:
        self.code.focus()

    def focus_items(self) -> None:
        if not self.items.focus():
            self.focus_code()

    # -- data from the cache and gigstack -------------------------------------------------------

    def _on_cache_updated(self, resource: str) -> None:
        if resource == Resource.SERVICES.value:
            self._load_services()
        elif resource == Resource.CLIENTS.value:
            self.clients.clients_refreshed()

    def _load_services(self) -> None:
        self._load_queued_services()
        self.code.load_services(self.ctx.core.cache, self.ctx.team)

    def _load_queued_services(self) -> None:
        # Services created here and still queued sell too ("en cola"; desktop.sales).
        self.code.load_queued(self.ctx.core.outbox, self.ctx.team)

    def _fetch_team_info(self) -> None:
        """Business name/RFC/address for tickets when the settings leave them empty, and the
        team's postal code for "Público en general"."""

        def done(info: dict[str, str]) -> None:
            # Shared with the last-sale box: update in place.
            self._team_info.clear()
            self._team_info.update(info)
            self.clients.set_issuer_zip(info.get("zip", ""))

        if self._team_info.get("zip"):
            self.clients.set_issuer_zip(self._team_info["zip"])
        # Quiet on failure: the cached answer, the settings' business data (or "Mostrador")
        # fill the ticket. The answer is kept for Pagos' reprints and Turno's cortes too.
        refresh_team_business(self.ctx, self, done)

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

    # -- the sale in progress -------------------------------------------------------------------

    @property
    def _client(self) -> SaleClient:
        return self.clients.client

    @property
    def _services(self) -> ServiceIndex:
        return self.code.services

    @property
    def _sync_state(self) -> SyncState:
        return self.checkout.sync_state

    def _set_client(self, client: SaleClient) -> None:
        self.clients.set_client(client)

    def reset_client(self) -> None:
        self.clients.reset()

    def new_client(self) -> None:
        self.clients.new_client()

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
        if not hasattr(self, "checkout"):
            return  # still being built
        name = self._client.name or self.tr("este cliente")
        self.panel.show_outcome(self.outcome(), name)

    def _total(self) -> Decimal:
        totals = self.cart.totals
        return totals.total if totals is not None else Decimal("0.00")

    def _update_totals(self) -> None:
        totals = self.cart.totals
        self.panel.show_totals(totals_view(totals) if totals is not None else None)
        self._update_change()

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
        self.panel.payment_form_changed()
        self._update_change()

    def _other_form_chosen(self, index: int) -> None:
        code = self.other_form.itemData(index)
        self.set_payment_form(code if code else CASH)

    def _update_change(self) -> None:
        self.panel.update_change(self._total())

    # -- charging -----------------------------------------------------------------------------

    def charge(self) -> OutboxItem | None:
        """Queue the sale (F12); returns the outbox row, or None when something must be fixed.

        Whatever goes wrong, the cart stays as it was and the reason is on screen.
        """
        return self.checkout.charge()

    def _next_customer(self) -> None:
        self.cart.clear()
        self.received_edit.clear()
        self.invoice_check.setChecked(False)
        self.set_payment_form(CASH)
        self.code_edit.clear()
        self.clients.next_customer()
        self.focus_code()

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
