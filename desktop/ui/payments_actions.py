"""Pagos' actions on gigstack: cancel, mark paid, refund, request a payment, stamp a receipt.

`PaymentActions` is the part of the Pagos page (`payments_page.PaymentsPage` derives from it)
that opens an action's dialog, sends it through `ctx.run_op` (refused with a reason while
offline; the dialog stays open with gigstack's words on an error) and selects the payment again.
gigstack's answer is written below the UI, on the lane thread (`desktop.sync.writethrough.
payment_answer`, the op's `write_through`): merged into the cache and, for a refund or a
cancellation, recorded in the open shift so the corte de caja counts the money that went back.
A local write that fails is said on screen in words; gigstack already did the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.gigstack import GigstackClient, Payment
from desktop.payment_rules import Fiscal
from desktop.store.cache import Resource
from desktop.store.shifts import EventKind
from desktop.sync.writethrough import PaymentAction, PaymentWritten, payment_answer
from desktop.ui.action_dialog import ActionDialog, set_error
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.manager_pin import require_manager
from desktop.ui.page import Page
from desktop.ui.payment_dialogs import (
    CancelPaymentDialog,
    MarkPaidDialog,
    RefundDialog,
    RequestPaymentDialog,
)
from desktop.ui.payments_detail import read_invoice_folios
from desktop.ui.payments_model import PaymentRow
from desktop.ui.record_picker import CacheSource
from desktop.ui.sale_tickets import SaleDocuments, raw_record


class PaymentActions(Page):
    """The actions half of the Pagos page; the page provides the table, filters and detail."""

    # Provided by PaymentsPage.
    dialog: QWidget | None
    action_error: QLabel
    status_filter: QComboBox
    search: QLineEdit
    _receipts: dict[str, dict[str, Any]]
    _documents: dict[str, SaleDocuments]

    def selected(self) -> PaymentRow | None:
        raise NotImplementedError

    def offline_reason(self) -> str | None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_now(self) -> None:
        raise NotImplementedError

    def select_key(self, key: str) -> bool:
        raise NotImplementedError

    def _notify(self, message: str, level: str = "info") -> None:
        self.ctx.notify(message, level)

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
        dialog = CancelPaymentDialog(self._before(row), self)
        success = self.tr("Pago {folio} cancelado.").format(folio=row.folio)
        invoices = list(row.invoices)
        if invoices:
            # Cancelling the payment leaves its CFDI valid at the SAT: say so up front. Named
            # by its series-folio once read (never gigstack's internal id).
            folios = read_invoice_folios(row, self._documents.get(payment_id))
            note = QLabel(
                self.tr(
                    "Este pago tiene factura ({0}). Cancelar el pago NO cancela la factura ante "
                    "el SAT; después te ofreceremos cancelarla."
                ).format(", ".join(folios) or self.tr("timbrada"))
            )
            note.setObjectName("invoiceNote")
            note.setWordWrap(True)
            dialog.form.addRow(note)

        def done(_payment: Payment) -> None:
            dialog.finish()
            self._notify(success, "success")
            if invoices and self.ask_cancel_invoice(invoices[0]):
                self.open_invoice_cancel(invoices[0])

        self._open_action(
            dialog,
            lambda _body: lambda api: api.payments.cancel(payment_id),
            success,
            on_done=done,
            action=lambda _body: self._drawer_action(EventKind.CANCEL, row),
        )

    def ask_cancel_invoice(self, invoice_id: str) -> bool:
        """After cancelling a paid sale: its invoice is still valid; cancel it too?"""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Cancelar también la factura"),
            self.tr(
                "El pago quedó cancelado, pero su factura {0} sigue vigente ante el SAT. "
                "¿Cancelar la factura ahora?"
            ).format(invoice_id),
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_invoice_cancel(self, invoice_id: str) -> None:
        """Go to Facturas with the cancel dialog of `invoice_id` open (see InvoicesPage)."""
        window = self.window()
        show = getattr(window, "show_page_named", None)
        if callable(show):
            show("invoices")
        stack = getattr(window, "stack", None)
        page = stack.currentWidget() if stack is not None else None
        cancel = getattr(page, "cancel_invoice_by_id", None)
        if callable(cancel):
            cancel(invoice_id)

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
        # Money goes back to the customer: the manager's PIN guards it when the shop set one.
        if not require_manager(self, self.tr("reembolsar un pago")):
            return
        payment_id = str(row.payment_id)
        dialog = RefundDialog(self._before(row), self)
        self._open_action(
            dialog,
            lambda body: lambda api: api.payments.refund(payment_id, body),
            self.tr("Reembolso del pago {folio} registrado.").format(folio=row.folio),
            # The amount the dialog checked (a Decimal from the one parser), not re-read here.
            action=lambda _body: self._drawer_action(EventKind.REFUND, row, dialog),
        )

    @staticmethod
    def _before(row: PaymentRow) -> dict[str, Any]:
        """The payment as the cashier sees it (status and total as the table shows them)."""
        return {**row.record, "status": row.status, "total": row.total}

    def _drawer_action(
        self, kind: EventKind, row: PaymentRow, dialog: RefundDialog | None = None
    ) -> PaymentAction:
        """The drawer's side of a refund or cancellation made here (`desktop.store.shifts`):
        written with gigstack's answer, on the lane thread (`payment_answer`)."""
        return PaymentAction(
            kind=kind,
            before=self._before(row),
            amount=dialog.refund_amount if dialog is not None else None,
            payment_form=row.payment_form,
            folio=row.folio,
            local_id=row.local_id,
        )

    def stamp_selected_receipt(self) -> None:
        """The customer came back with their RFC: stamp the sale's receipt to them."""
        row = self._server_row()
        if row is None:
            return
        rid = row.receipt_id
        if rid is None or row.fiscal not in (Fiscal.RECEIPT, Fiscal.RECEIPT_PENDING):
            set_error(
                self.action_error,
                self.tr("Esta venta no tiene un recibo que se pueda facturar."),
            )
            return
        # Clients are searched as the cashier types, never all read (issue 12).
        clients = CacheSource(self.ctx.core.cache, Resource.CLIENTS, self.ctx.team)
        dialog = CustomerInvoiceDialog({**row.record, "total": row.total}, clients, self)
        payment_id = str(row.payment_id)
        folio = row.folio

        def submitted(body: object) -> None:
            reason = self.offline_reason()
            if reason:
                dialog.fail(reason)
                return
            assert isinstance(body, dict)

            def call(api: GigstackClient) -> dict[str, Any]:
                stamped = raw_record(api.receipts.stamp(rid, body))
                # The answer may not say everything (status, invoice): read it back.
                receipt = {**stamped, **raw_record(api.receipts.get(rid))}
                return receipt

            def done(receipt: dict[str, Any]) -> None:
                self._receipts[rid] = {"id": rid, **receipt}
                self._documents.pop(payment_id, None)
                dialog.finish()
                self.reload()
                self.select_key(f"payment:{payment_id}")
                info = body.get("fiscal_information")
                name = (
                    str(info.get("legal_name") or "")
                    if isinstance(info, dict)
                    else self.tr("público en general")
                )
                self._notify(
                    self.tr("Factura de la venta {folio} timbrada a {name}.").format(
                        folio=folio, name=name
                    ),
                    "success",
                )

            self.ctx.run_op(dialog, call, done, on_error=lambda message, _exc: dialog.fail(message))

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def request_payment(self) -> None:
        set_error(self.action_error, None)
        reason = self.offline_reason()
        if reason:
            set_error(self.action_error, reason)
            return
        team = self.ctx.team
        # Searched as the cashier types, never all read (issue 12).
        clients = CacheSource(self.ctx.core.cache, Resource.CLIENTS, team)
        services = CacheSource(self.ctx.core.cache, Resource.SERVICES, team)
        dialog = RequestPaymentDialog(clients, services, self)
        key = dialog.idempotency_key

        def done(payment: Payment) -> None:
            if payment.short_url:
                dialog.show_link(payment.short_url)
            else:
                dialog.finish()
            self._notify(self.tr("Enlace de pago creado."), "success")

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
        action: Callable[[dict[str, Any]], PaymentAction | None] | None = None,
    ) -> None:
        """Open `dialog`; its body goes to gigstack through `ctx.run_op`, the answer is written
        below the UI (`payment_answer` as the op's write-through, on the lane thread: cache and
        shift), then the page shows the payment again."""

        def submitted(body: object) -> None:
            reason = self.offline_reason()
            if reason:
                dialog.fail(reason)
                return
            assert isinstance(body, dict)
            step = action(body) if action is not None else None
            core, team = self.ctx.core, self.ctx.team
            written: list[PaymentWritten] = []
            shown = self.selected()
            shown_key = shown.key if shown is not None else None

            def write(payment: Payment) -> None:  # lane thread: no widgets here
                result = payment_answer(core.cache, team, payment, shifts=core.shifts, action=step)
                written.append(result)
                if result.cache_error is not None:
                    # `run_op` says it (gigstack did it; the local copy is behind) and still
                    # calls `done`: the shift's side is told apart below.
                    raise result.cache_error

            def done(payment: Payment) -> None:
                self._show_written(payment, written[0] if written else None, shown_key)
                if on_done is not None:
                    on_done(payment)
                    return
                dialog.finish()
                self._notify(success, "success")

            self.ctx.run_op(
                dialog,
                make_call(body),
                done,
                on_error=lambda message, _exc: dialog.fail(message),
                write_through=write,
                touches=[Resource.PAYMENTS],
            )

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def _show_written(
        self, payment: Payment, written: PaymentWritten | None, shown_key: str | None = None
    ) -> None:
        """After an action: say what could not be noted here, and show the payment again.

        `shown_key` is the row selected when the action was sent. "Cerrar" works while
        gigstack answers: a cashier who closed the dialog and chose another sale keeps it
        (the answer used to select its own payment again, under the next action's feet).
        """
        if written is not None and written.till_error is not None:
            # An error notice stays until closed: the corte de caja misses this money.
            self._notify(
                self.tr("Hecho en gigstack, pero no se pudo anotar en el turno: {why}").format(
                    why=written.till_error.message
                ),
                "error",
            )
        payment_id = payment.id
        # A refresh already reading the list leaves the newer row alone (Cache.upsert's as_of);
        # a fresh read after the action brings whatever else gigstack changed with it.
        # The table was read again on `cache_updated` (the op touches PAYMENTS) before this.
        self.refresh_now()
        if not payment_id:
            return
        now_shown = self.selected()
        if now_shown is not None and now_shown.key != shown_key:
            return  # the cashier moved on to another sale meanwhile
        if not self.select_key(f"payment:{payment_id}"):
            # Hidden by the filters: show it anyway, the cashier just acted on it.
            self.status_filter.setCurrentIndex(0)
            self.search.clear()
            self.select_key(f"payment:{payment_id}")
