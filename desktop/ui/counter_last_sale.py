"""The last sale's box on the counter: what happened to it, and its ticket.

The ticket carries the self-invoice QR when the receipt exists before printing: right after a
charge the sender usually delivers the sale within a moment, so an automatic print waits up to
`WAIT_FOR_SEND_MS` for the sale to be sent and its receipt (or invoice) read, then prints
whatever is known (a queued sale's ticket says how to ask for the invoice later).
"""

from __future__ import annotations

import html
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.config import TerminalConfig
from desktop.fiscal.outcome import Outcome, OutcomeDecision
from desktop.gigstack import GigstackClient
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxError, OutboxItem, OutboxState
from desktop.ui import ticket
from desktop.ui.context import UiContext
from desktop.ui.counter_clients import SaleClient
from desktop.ui.counter_sale import TotalsView
from desktop.ui.formatting import money
from desktop.ui.sale_tickets import (
    SaleDocuments,
    fetch_documents,
    print_problem,
    ticket_fiscal,
    ticket_footer,
    where_to_ask,
)

#: How long an automatic print waits for the sale to reach gigstack and its receipt to be read.
WAIT_FOR_SEND_MS = 4000

#: Lines the box's text always has room for (folio and total; change and status; fiscal).
TEXT_LINES = 3


@dataclass(frozen=True)
class LastSale:
    """What the ticket of the last charged sale needs (the outbox row is read when printing)."""

    row_id: int
    folio: str
    created_at: float  # the moment of the sale (the row's sold_at)
    client: SaleClient
    lines: tuple[ticket.TicketLine, ...]
    totals: TotalsView
    payment_form: str
    received: Decimal | None
    change: Decimal | None
    invoice: bool
    outcome: OutcomeDecision | None = None


def _e(text: Any) -> str:
    return html.escape(str(text))


class LastSaleBox(QFrame):
    """The last sale: folio, total, change, gigstack's status and fiscal outcome; its ticket.

    The box is always there, the same height, from the first sale of the day on (before it,
    it says so, its buttons disabled): the charge button above it never moves when a sale
    comes in or its status changes (issue D3/D5), and its own buttons stay on a 1366x700
    screen.

    Signals:
        done(): a print, a PDF or a dialog ended (the page puts the focus back on the code).
    """

    done = Signal()

    def __init__(self, ctx: UiContext, team_info: dict[str, str]) -> None:
        super().__init__()
        self.ctx = ctx
        self.team_info = team_info  # filled by the page when gigstack answers
        self.setObjectName("lastSale")
        self.sale: LastSale | None = None
        self.documents: SaleDocuments | None = None
        self._fetching = False
        self._print_pending: bool | None = None  # None: no automatic print waiting; else `ask`
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._print_now)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.label = QLabel()
        self.label.setObjectName("lastSaleLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Imprimir (Ctrl+P)"))
        self.print_button.setObjectName("printTicketButton")
        self.print_button.setToolTip(self.tr("Imprimir el ticket de la última venta (Ctrl+P)"))
        self.pdf_button = QPushButton(self.tr("Guardar PDF"))
        self.pdf_button.setObjectName("saveTicketPdfButton")
        self.pdf_button.setToolTip(self.tr("Guardar el ticket de la última venta como PDF"))
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        # clicked(bool) would land in `ask`: the button always asks which printer. Right after
        # a charge it waits (briefly) for the receipt, so the ticket carries its QR.
        self.print_button.clicked.connect(lambda: self.print_when_ready(ask=True))
        self.pdf_button.clicked.connect(self.save_pdf)
        ctx.bridge.queue_changed.connect(self.refresh)
        self.refresh()

    # -- state -------------------------------------------------------------------------------

    def set_sale(self, sale: LastSale) -> None:
        self.sale = sale
        self.documents = None
        self._fetching = False
        self._print_pending = None
        self._wait.stop()
        self.refresh()

    def row(self) -> OutboxItem | None:
        if self.sale is None:
            return None
        try:
            return self.ctx.core.outbox.get(self.sale.row_id)
        except (OutboxError, StorageError, sqlite3.Error):
            # A storage fault must not break the counter; the charge path reports those.
            return None

    def _wants_documents(self) -> bool:
        sale = self.sale
        return (
            sale is not None
            and sale.outcome is not None
            and sale.outcome.outcome is not Outcome.NONE
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._keep_room()

    def showEvent(self, event: QShowEvent) -> None:
        self._keep_room()
        super().showEvent(event)

    def _keep_room(self) -> None:
        """The text's room: `TEXT_LINES` lines whatever it says (a longer text still grows)."""
        self.label.ensurePolished()
        # Measured as the label lays out rich text (a bold first line is a bit taller).
        sample = QLabel()
        sample.setFont(self.label.font())
        sample.setTextFormat(Qt.TextFormat.RichText)
        sample.setText("<br>".join(["<b>Ág</b>", *["Ág"] * (TEXT_LINES - 1)]))
        self.label.setMinimumHeight(sample.sizeHint().height())

    def refresh(self) -> None:
        """Redraw the box; once the sale is sent, read its receipt or invoice (once)."""
        sale = self.sale
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(sale is not None)
        if sale is None:
            self.label.setText(self.tr("<b>Última venta</b><br>Todavía ninguna."))
            self.label.setToolTip("")
            return
        row = self.row()
        if (
            row is not None
            and row.state is OutboxState.SENT
            and self.documents is None
            and not self._fetching
            and self._wants_documents()
        ):
            self._fetch(row)
        payment_id = row.server_id if row is not None and row.state is OutboxState.SENT else None
        parts = [
            self.tr("<b>Última venta {folio}</b> · {total}").format(
                folio=_e(sale.folio), total=money(sale.totals.total)
            )
        ]
        status = _e(self._status_text(row))
        if sale.change:  # nothing to hand back (exact money, a card): no "Cambio $0.00"
            parts.append(
                self.tr("Cambio <b>{change}</b> · {status}").format(
                    change=money(sale.change), status=status
                )
            )
        else:
            parts.append(status)
        # gigstack's payment id is for support, not for the cashier's eyes: keep it at hand.
        self.label.setToolTip(payment_id or "")
        fiscal_line = self._fiscal_line(row)
        if fiscal_line:
            parts.append(fiscal_line)
        self.label.setText("<br>".join(parts))
        if self._print_pending is not None and self._ready(row):
            self._print_now()

    def _status_text(self, row: OutboxItem | None) -> str:
        """gigstack's word on the sale, short enough for one line of the box (the ticket
        says it at length: `ticket.sale_status`)."""
        if row is None:
            return ""
        if row.state is OutboxState.SENT:
            return self.tr("Registrado")
        if row.state is OutboxState.PARKED:
            return self.tr("Detenido: ver Cola")
        if row.state is OutboxState.DISCARDED:
            return self.tr("Descartado")
        return self.tr("En cola")

    def _fiscal_line(self, row: OutboxItem | None) -> str:
        sale = self.sale
        if sale is None or sale.outcome is None:
            return ""
        outcome = sale.outcome.outcome
        docs = self.documents
        if outcome is Outcome.NONE:
            return self.tr("Sin comprobante fiscal")
        if docs is not None and docs.invoice is not None:
            return self.tr("Facturada")
        # One line each at the panel's width (the box keeps three lines' room, see TEXT_LINES).
        if docs is not None and docs.receipt is not None:
            return self.tr("Recibo listo: ticket con QR")
        if row is not None and row.state is OutboxState.SENT:
            return self.tr("Leyendo el comprobante…")
        if outcome is Outcome.INVOICE:
            return self.tr("Factura: al llegar a gigstack")
        return self.tr("Recibo: QR al llegar a gigstack")

    def _ready(self, row: OutboxItem | None) -> bool:
        """Printing now shows what the customer needs (or waiting longer will not help)."""
        if row is None or row.state in (OutboxState.PARKED, OutboxState.DISCARDED):
            return True
        if not self._wants_documents():
            return True
        if row.state is not OutboxState.SENT and getattr(self.ctx.bridge, "online", None) is False:
            return True  # known offline: waiting would only delay the customer
        return row.state is OutboxState.SENT and self.documents is not None

    def _fetch(self, row: OutboxItem) -> None:
        record = dict(row.response or {})
        if row.server_id and not record.get("id"):
            record["id"] = row.server_id
        self._fetching = True
        sale_id = row.id

        def call(api: GigstackClient) -> SaleDocuments:
            return fetch_documents(api, record)

        def done(docs: SaleDocuments) -> None:
            if self.sale is None or self.sale.row_id != sale_id:
                return
            self._fetching = False
            self.documents = docs
            self.refresh()

        def failed(_message: str, _exc: BaseException | None) -> None:
            if self.sale is None or self.sale.row_id != sale_id:
                return
            self._fetching = False
            self.documents = SaleDocuments(payment=record, problem=_message)
            self.refresh()

        self.ctx.run_op(self, call, done, on_error=failed, needs_online=False)

    # -- the ticket --------------------------------------------------------------------------

    def _terminal(self) -> TerminalConfig:
        """Business data and ticket settings: config.json, read at each print (shared with the
        CLI and the Ajustes page)."""
        return ticket.terminal_config(self.ctx.config.data_dir)

    def business(self) -> dict[str, str]:
        return ticket.business_info(self._terminal(), self.team_info)

    def ticket_data(self) -> ticket.TicketData | None:
        """The last sale's ticket, with gigstack's status and fiscal documents as of now."""
        sale = self.sale
        row = self.row()
        if sale is None or row is None:
            return None
        business = self.business()
        status, payment_id = ticket.sale_status(row)
        client = sale.client
        fiscal = None
        if sale.outcome is not None:
            fiscal = ticket_fiscal(
                sale.outcome.outcome.value,
                sent=row.state is OutboxState.SENT,
                documents=self.documents,
                where=where_to_ask(business),
            )
        return ticket.TicketData(
            business_name=business["name"],
            business_rfc=business["rfc"],
            business_address=business["address"],
            business_phone=business["phone"],
            folio=sale.folio,
            issued_at=sale.created_at,
            client_name="" if client.is_public else client.name,
            client_rfc="" if client.is_public else client.tax_id,
            lines=sale.lines,
            subtotal=sale.totals.subtotal,
            discount=sale.totals.discount,
            taxes=sale.totals.taxes,
            total=sale.totals.total,
            payment_form=sale.payment_form,
            received=sale.received,
            change=sale.change,
            status=status,
            payment_id=payment_id,
            invoice_requested=sale.invoice,
            fiscal=fiscal,
            footer=ticket_footer(self.ctx.config.data_dir),
        )

    def print_when_ready(self, ask: bool = False, wait_ms: int = WAIT_FOR_SEND_MS) -> None:
        """Print once the sale is sent and its receipt read, or after `wait_ms` regardless."""
        self._print_pending = ask
        if self._ready(self.row()):
            self._print_now()
            return
        self._wait.start(wait_ms)

    def _print_now(self) -> None:
        ask = self._print_pending
        self._print_pending = None
        self._wait.stop()
        if ask is not None:
            self.print_ticket(ask=ask)

    def print_ticket(self, ask: bool = True) -> bool:
        data = self.ticket_data()
        if data is None:
            self.ctx.notify(self.tr("Todavía no hay una venta para imprimir."), "warning")
            self.done.emit()
            return False
        width = ticket.paper_width(self._terminal())
        outcome = ticket.print_ticket_outcome(data, width, self, ask=ask)
        problem = print_problem(outcome)
        if problem:
            self.ctx.notify(problem, "error")
        self.done.emit()
        return outcome is ticket.PrintOutcome.PRINTED

    def save_pdf(self) -> str | None:
        try:
            return self._save_pdf()
        finally:
            self.done.emit()

    def _save_pdf(self) -> str | None:
        data = self.ticket_data()
        if data is None:
            self.ctx.notify(self.tr("Todavía no hay una venta para guardar."), "warning")
            return None
        return ticket.save_pdf_as(
            self,
            data,
            ticket.paper_width(self._terminal()),
            self.ctx.notify,
            settings=self.ctx.settings,
        )
