"""A copy of any past sale's ticket from Pagos: printed again or saved as a PDF.

`PaymentTickets` is the part of the Pagos page (`payments_page.PaymentsPage` derives from it)
that builds the selected sale's ticket with its fiscal block as known now (the self-invoice QR
once the receipt exists, the invoice, or how to ask for it while the sale is queued), with the
business data of `paper_business` (Ajustes, then gigstack's team: the counter's header) and the
ticket settings read from config.json at each print (shared with the CLI and Ajustes). A
ticket that did not print or save is an error notice in words.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel

from desktop.config import TerminalConfig
from desktop.ui import ticket
from desktop.ui.action_dialog import set_error
from desktop.ui.page import Page
from desktop.ui.paper_business import paper_business
from desktop.ui.payments_model import PaymentRow
from desktop.ui.sale_tickets import SaleDocuments, print_problem, reprint_data, ticket_footer


class PaymentTickets(Page):
    """The tickets half of the Pagos page; the page provides the selection and documents."""

    # Provided by PaymentsPage.
    action_error: QLabel
    _documents: dict[str, SaleDocuments]

    def selected(self) -> PaymentRow | None:
        raise NotImplementedError

    def _terminal(self) -> TerminalConfig:
        """Business data and ticket settings: config.json, read at each print (shared with the
        CLI and the Ajustes page)."""
        return ticket.terminal_config(self.ctx.config.data_dir)

    def selected_ticket(self) -> ticket.TicketData | None:
        """A copy of the selected sale's ticket, with its fiscal block as known now."""
        row = self.selected()
        if row is None:
            return None
        # The same header as the counter's ticket: Ajustes, then gigstack's team (cached).
        business = paper_business(self.ctx.config.data_dir, self.ctx.team)
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
            self.ctx.notify(problem, "error")
        return outcome is ticket.PrintOutcome.PRINTED

    def save_selected_ticket_pdf(self, path: str | None = None) -> str | None:
        data = self.selected_ticket()
        if data is None:
            set_error(self.action_error, self.tr("Elige la venta cuyo ticket quieres guardar."))
            return None
        return ticket.save_pdf_as(
            self,
            data,
            ticket.paper_width(self._terminal()),
            self.ctx.notify,
            path=path,
            settings=self.ctx.settings,
        )
