"""Charging (F12): the payment is checked, the sale queued, and its fate announced.

`desktop.sales.queue_payment` is the one way a sale enters: the sale and its outbox row are on
disk before the counter clears, online or not; the sender delivers it. Whatever goes wrong
before that, the cart stays as it was and the reason is on screen next to what must change:
the received amount, "Facturar" (what gigstack would refuse in a PUE invoice), a line, the
client, or — when the disk refuses the write — the charge button, in plain words.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from desktop import fiscal
from desktop.fiscal.outcome import Outcome, invoice_problems
from desktop.money import MoneyError
from desktop.sales import FieldProblem, SaleRejectedError, queue_payment
from desktop.store.errors import StorageError, storage_error
from desktop.store.outbox import OutboxError, OutboxItem, OutboxState
from desktop.ui import ticket
from desktop.ui.context import UiContext
from desktop.ui.counter_client_box import ClientBox
from desktop.ui.counter_code import CodeEntry
from desktop.ui.counter_items import ItemsPane
from desktop.ui.counter_last_sale import LastSale, LastSaleBox
from desktop.ui.counter_panel import ChargePanel, show_error
from desktop.ui.counter_sale import CASH, Place, SaleDraft, change_for, problem_place, totals_view
from desktop.ui.formatting import money
from desktop.ui.worker import SyncState

log = logging.getLogger(__name__)


def last_sale_of(
    row: OutboxItem,
    draft: SaleDraft,
    totals: fiscal.InvoiceTotals,
    received: Decimal | None,
    change: Decimal | None,
) -> LastSale:
    """What the ticket of a sale just queued needs: its lines as charged, totals and payment."""
    return LastSale(
        row_id=row.id,
        folio=row.folio or row.local_id[:8],
        created_at=row.sold_at_epoch if row.sold_at_epoch is not None else row.created_at,
        client=draft.client,
        lines=tuple(
            ticket.TicketLine(line.description, line.quantity, line.shown_unit_price, lt.total)
            for line, lt in zip(draft.lines, totals.lines, strict=True)
        ),
        totals=totals_view(totals),
        payment_form=draft.payment_form,
        received=received,
        change=change,
        invoice=draft.invoice_now,
        outcome=draft.decision(),
    )


class Checkout(QObject):
    """The charge step of the counter and the notice that follows a sale.

    Args:
        ctx: The app's context (outbox, sender kick, notices).
        draft: The sale as it stands (client, lines, payment form, "Facturar").
        next_customer: Clears the counter once a sale is queued.
    """

    def __init__(
        self,
        ctx: UiContext,
        *,
        client: ClientBox,
        code: CodeEntry,
        items: ItemsPane,
        panel: ChargePanel,
        last_sale: LastSaleBox,
        draft: Callable[[], SaleDraft],
        next_customer: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client = client
        self.code = code
        self.items = items
        self.panel = panel
        self.last_sale = last_sale
        self._draft = draft
        self._next_customer = next_customer
        self.sync_state = SyncState(online=None)
        self._announcing: tuple[int, Decimal | None] | None = None  # (outbox row, change)

    def _labels(self) -> dict[Place, QLabel]:
        panel = self.panel
        return {
            Place.CLIENT: self.client.error,
            Place.ITEMS: self.items.error,
            Place.PAYMENT_FORM: panel.payment_form_error,
            Place.INVOICE: panel.invoice_error,
            Place.CHARGE: panel.charge_error,
        }

    def clear_errors(self) -> None:
        for label in (*self._labels().values(), self.code.error, self.panel.received_error):
            show_error(label, None)

    def charge(self) -> OutboxItem | None:
        """Queue the sale (F12); returns the outbox row, or None when something must be fixed.

        Whatever goes wrong, the cart stays as it was and the reason is on screen.
        """
        self.clear_errors()
        cart = self.items.cart
        if not cart.lines:
            self.code.problem(self.tr("Agrega al menos un artículo antes de cobrar."))
            return None
        totals = cart.totals
        if totals is None:
            show_error(self.items.error, cart.error)
            self.items.focus()
            return None
        draft = self._draft()
        received = change = None
        if draft.payment_form == CASH:
            try:
                received = self.panel.received(totals.total)
            except MoneyError as exc:
                self._received_problem(exc.message)
                return None
            change = change_for(totals.total, received)
            if change is None:
                self._received_problem(
                    self.tr("Recibido {received} es menos que el total {total}.").format(
                        received=money(received), total=money(totals.total)
                    )
                )
                return None
        if draft.decision().outcome is Outcome.INVOICE:
            # What gigstack would refuse in a PUE invoice is refused here first, with the
            # reason next to "Facturar"; the cart and the client stay as they are.
            refused = invoice_problems(draft.client.record, draft.payment_form)
            if refused:
                # The sentences come from desktop.fiscal (Spanish, like the sale rules').
                show_error(self.panel.invoice_error, "\n".join(refused))
                return None
        try:
            row = queue_payment(self.ctx.core.outbox, draft.body(), team=self.ctx.team)
        except SaleRejectedError as exc:
            self.show_problems(exc.problems)
            return None
        except (StorageError, sqlite3.Error) as exc:
            self.storage_failed(exc)
            return None
        self.ctx.bridge.kick()

        sale = last_sale_of(row, draft, totals, received, change)
        self._next_customer()
        self.panel.show_change_due(change)
        self.last_sale.set_sale(sale)
        # Say "Registrado" only once gigstack has it: until the sender reports back the sale is
        # saved and on its way (or queued, when we already know we are offline).
        self._announcing = (row.id, change)
        self.announce()
        if ticket.auto_print(ticket.terminal_config(self.ctx.config.data_dir)):
            self.last_sale.print_when_ready(ask=False)
        return row

    def _received_problem(self, message: str) -> None:
        show_error(self.panel.received_error, message)
        self.panel.received_edit.setFocus()
        self.panel.received_edit.selectAll()

    def storage_failed(self, exc: BaseException) -> None:
        """The sale could not be written: say so plainly; the cart stays for another try."""
        typed = exc if isinstance(exc, StorageError) else storage_error(exc, None)
        reason = typed.message if typed is not None else str(exc)
        log.error("sale not saved: %s", exc)
        message = self.tr(
            "La venta NO se guardó: {reason} No cobres hasta poder guardarla."
        ).format(reason=reason)
        show_error(self.panel.charge_error, message)
        self.ctx.notify(message, "error")
        self.panel.charge_button.setFocus()

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Each reason the sale rules refused the sale, next to what it is about."""
        labels = self._labels()
        for problem in problems:
            place, line = problem_place(problem.field)
            message = str(problem) if place is Place.CHARGE else problem.message
            if line is not None:
                message = self.tr("Línea {n}: {message}").format(n=line + 1, message=message)
            label = labels[place]
            current = label.text()
            show_error(label, f"{current}\n{message}" if current else message)

    # -- what happened to the last sale ---------------------------------------------------------

    def on_state(self, state: object) -> None:
        if isinstance(state, SyncState):
            self.sync_state = state
            self.announce()

    def announce(self) -> None:
        """The notice for the last charged sale, as far as we know its fate right now."""
        if self._announcing is None:
            return
        row_id, change = self._announcing
        try:
            row = self.ctx.core.outbox.get(row_id)
        except OutboxError:
            self._announcing = None
            return
        final, level = True, "info"
        if row.state is OutboxState.SENT:
            notice, level = self.tr("Registrado en gigstack"), "success"
        elif row.state is OutboxState.PARKED:
            # Stays until the cashier closes it: the customer may still be at the counter.
            notice, level = self.tr("gigstack no aceptó la venta: revísala en la Cola"), "error"
            if row.last_error:
                reason = " ".join(row.last_error.split())
                reason = reason if len(reason) <= 160 else reason[:159] + "…"
                notice += self.tr(" («{reason}»)").format(reason=reason)
        elif self.sync_state.online is False or row.last_error:
            notice = self.tr("En cola: se enviará al volver la conexión")
        else:
            notice, final = self.tr("Venta guardada; enviando a gigstack…"), False
        notice += self.tr(" · folio {folio}").format(folio=row.folio or row.local_id[:8])
        if change:
            notice += self.tr(" · cambio {change}").format(change=money(change))
        self.ctx.notify(notice, level)
        if final:
            self._announcing = None
