"""What gigstack knows now about a sale's documents, read for the Pagos page.

A receipt moves on by itself (the customer self-invoiced, it expired, it went into the global
invoice) and an invoice may be stamped after the sale: when a sale is selected, its receipt or
invoice is read again (online only, quietly: the detail says what is known). The payment's
newest links are written into the cache on the lane thread (`desktop.sync.writethrough.
payment_read_back`); the receipts read are kept for the rows (`receipts`), the documents for
the ticket's fiscal block (`documents`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.gigstack import GigstackClient, GigstackError
from desktop.payment_rules import Fiscal, invoice_ids, receipt_id
from desktop.records.receipts import ReceiptView
from desktop.sync.writethrough import payment_read_back
from desktop.ui.context import UiContext
from desktop.ui.payments_model import PaymentRow
from desktop.ui.sale_tickets import SaleDocuments, fetch_documents, raw_record

log = logging.getLogger(__name__)


def with_receipt_invoice(api: GigstackClient, docs: SaleDocuments) -> SaleDocuments:
    """After "Facturar recibo" (or the customer's self-invoice) the receipt names its invoice
    while the cached payment may not link it yet: read the payment again (its newest links go
    into the cache through the write-through) and the invoice, for its series-folio and UUID.
    Lane thread. A read that fails leaves `problem` set; the detail says what is known."""
    if docs.invoice is not None or docs.receipt is None:
        return docs
    made = ReceiptView.from_record(docs.receipt).invoice_ids
    if not made:
        return docs
    payment, invoice, problem = docs.payment, None, docs.problem
    try:
        if not invoice_ids(payment) and payment.get("id"):
            payment = {**payment, **raw_record(api.payments.get(str(payment["id"])))}
        invoice = raw_record(api.invoices.get_income(made[0]))
    except GigstackError as exc:
        log.info("invoice of receipt %s not read: %s", docs.receipt.get("id"), exc)
        problem = str(exc)
    return SaleDocuments(payment=payment, receipt=docs.receipt, invoice=invoice, problem=problem)


class SaleDocumentsReader(QObject):
    """Reads a sale's receipt or invoice from gigstack, one read per sale at a time.

    Signals:
        read: A sale's documents arrived (`receipts` and `documents` hold them now).

    Args:
        ctx: The app's context (`run_op`, the cache, the team).
        offline: Whether the connection is known to be down now (then nothing is read).
        parent: The page: answers for a page that is gone are dropped.
    """

    read = Signal()

    def __init__(self, ctx: UiContext, offline: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._offline = offline
        #: Receipt id -> the receipt as gigstack last answered.
        self.receipts: dict[str, dict[str, Any]] = {}
        #: Payment id -> its documents as last read.
        self.documents: dict[str, SaleDocuments] = {}
        self._reading: set[str] = set()  # payment ids being read now

    def read_for(self, row: PaymentRow, *, force: bool = False) -> None:
        """Read the documents of `row`'s sale, unless read already (`force`: again), being
        read, still queued, without a fiscal document, or offline."""
        payment_id = row.payment_id
        if payment_id is None or payment_id in self._reading:
            return
        if row.fiscal in (Fiscal.NONE, Fiscal.QUEUED):
            return
        if not force and payment_id in self.documents:
            return
        if self._offline():
            return
        self._reading.add(payment_id)
        record = dict(row.record)

        def call(api: GigstackClient) -> SaleDocuments:
            return with_receipt_invoice(api, fetch_documents(api, record))

        def done(docs: SaleDocuments) -> None:
            self._reading.discard(payment_id)
            self.documents[payment_id] = docs
            if docs.receipt is not None and docs.receipt.get("id"):
                self.receipts[str(docs.receipt["id"])] = docs.receipt
            linked = receipt_id(docs.payment)
            if docs.receipt is not None and linked and linked not in self.receipts:
                self.receipts[linked] = docs.receipt
            self.read.emit()

        def failed(_message: str, _exc: BaseException | None) -> None:
            self._reading.discard(payment_id)

        cache, team = self.ctx.core.cache, self.ctx.team
        self.ctx.run_op(
            self.parent(),
            call,
            done,
            on_error=failed,
            needs_online=False,
            # The payment's newest links (receipt/invoice ids) go into the cache on the lane
            # thread (`desktop.sync`); a failed write is said by `run_op` and `done` still runs.
            write_through=lambda docs: payment_read_back(cache, team, docs.payment),
        )

    def forget(self) -> None:
        """Read every sale's documents again when next selected (after a refresh)."""
        self.documents.clear()
