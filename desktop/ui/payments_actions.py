"""Pagos' actions on gigstack: cancel, mark paid, refund, request a payment, stamp a receipt.

`PaymentActions` is the part of the Pagos page (`payments_page.PaymentsPage` derives from it)
that opens an action's dialog, sends it through `ctx.run_op` (refused with a reason while
offline; the dialog stays open with gigstack's words on an error), writes the answer into the
cache and selects the payment again. A refund or cancellation made here is also recorded in the
open shift, so the corte de caja counts the money that went back.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.gigstack import GigstackClient, Payment
from desktop.payment_rules import PAID_STATUSES, Fiscal, refund_limit, with_refund
from desktop.store.cache import Resource
from desktop.store.errors import StorageError
from desktop.store.shifts import EventKind
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
from desktop.ui.payments_model import PaymentRow
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
        dialog = CancelPaymentDialog({**row.record, "total": row.total}, self)
        success = self.tr("Pago {folio} cancelado.").format(folio=row.folio)
        invoices = list(row.invoices)
        if invoices:
            # Cancelling the payment leaves its CFDI valid at the SAT: say so up front.
            note = QLabel(
                self.tr(
                    "Este pago tiene factura ({0}). Cancelar el pago NO cancela la factura ante "
                    "el SAT; después te ofreceremos cancelarla."
                ).format(", ".join(invoices))
            )
            note.setObjectName("invoiceNote")
            note.setWordWrap(True)
            dialog.form.addRow(note)

        def done(payment: Payment) -> None:
            self._store(
                payment, lambda stored: self._till_event(EventKind.CANCEL, row, None, stored)
            )
            dialog.finish()
            self._notify(success, "success")
            if invoices and self.ask_cancel_invoice(invoices[0]):
                self.open_invoice_cancel(invoices[0])

        self._open_action(
            dialog, lambda _body: lambda api: api.payments.cancel(payment_id), success, done
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
        record = {**row.record, "status": row.status, "total": row.total}
        sent: list[Decimal] = []

        def call(body: dict[str, Any]) -> Callable[[GigstackClient], Payment]:
            sent.append(Decimal(str(body["amount"])))
            return lambda api: api.payments.refund(payment_id, body)

        self._open_action(
            RefundDialog(record, self),
            call,
            self.tr("Reembolso del pago {folio} registrado.").format(folio=row.folio),
            remember=lambda stored: (
                self._till_event(EventKind.REFUND, row, sent[-1], with_refund(stored, sent[-1]))
                if sent
                else stored
            ),
        )

    def _till_event(
        self, kind: EventKind, row: PaymentRow, amount: Decimal | None, stored: dict[str, Any]
    ) -> dict[str, Any]:
        """The drawer's side of a refund or cancellation made here: it counts in the open
        shift's corte de caja (`desktop.store.shifts`, `desktop.till`). gigstack already has
        the action, so a failed local write is said on screen, never raised."""
        status = str(row.status or "")
        if kind is EventKind.CANCEL:
            if status not in PAID_STATUSES:
                return stored  # an unpaid payment (a link) gives no money back
            # What was still kept of the sale goes back (earlier refunds already did).
            record = {**row.record, "status": status, "total": row.total}
            amount = refund_limit(record).refundable
        metadata = row.record.get("metadata") if isinstance(row.record, dict) else None
        local_id = row.outbox.local_id if row.outbox is not None else None
        if local_id is None and isinstance(metadata, dict) and metadata.get("local_id"):
            local_id = str(metadata["local_id"])
        try:
            self.ctx.core.shifts.record_event(
                kind,
                amount or Decimal(0),
                row.payment_form,
                payment_id=str(row.payment_id) if row.payment_id else None,
                local_id=local_id,
                folio=row.folio,
            )
        except StorageError as exc:
            self._notify(
                self.tr("Hecho en gigstack, pero no se pudo anotar en el turno: {why}").format(
                    why=exc.message
                ),
                "error",
            )
        return stored

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
        clients = [c for _k, c in self.ctx.core.cache.all(Resource.CLIENTS, self.ctx.team)]
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
        remember: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
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
                self._store(payment, remember)
                dialog.finish()
                self._notify(success, "success")

            self.ctx.run_op(
                dialog,
                make_call(body),
                done,
                on_error=lambda message, _exc: dialog.fail(message),
            )

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def _store(
        self,
        payment: Payment,
        remember: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Write the server's answer into the cache and show it."""
        record = payment.model_dump(mode="json", exclude_none=True)
        if not record.get("id"):
            return
        known = self.ctx.core.cache.get(Resource.PAYMENTS, self.ctx.team, str(record["id"]))
        if known:
            record = {**known, **record}  # an answer without some fields keeps what we knew
        if remember is not None:
            record = remember(record)
        self.ctx.core.cache.upsert(Resource.PAYMENTS, self.ctx.team, [record])
        # A refresh already reading the list leaves this newer row alone (Cache.upsert's
        # as_of); a fresh read after the action brings whatever else gigstack changed with it.
        self.refresh_now()
        self.reload()
        if not self.select_key(f"payment:{record['id']}"):
            # Hidden by the filters: show it anyway, the cashier just acted on it.
            self.status_filter.setCurrentIndex(0)
            self.search.clear()
            self.select_key(f"payment:{record['id']}")
