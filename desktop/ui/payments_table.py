"""Pagos' table: one row per sale (`payments_model.PaymentRow`), newest first, and its
selection.

The columns say when the sale was made, its folio, client, payment form, total, status and
fiscal outcome; tooltips carry what does not fit (the payment id, the RFC, the queue's last
error, the invoice or receipt ids). Filtering and sorting happen inside the model
(`RecordTableModel`: precomputed keys, no proxy).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.action_dialog import payment_form_label
from desktop.ui.formatting import money, sale_name, short_form_name, when
from desktop.ui.payments_model import PaymentRow, form_name, short_when
from desktop.ui.table_model import Column, RecordTableModel


def _label(text: str) -> str:
    # Status and fiscal labels are marked with QT_TRANSLATE_NOOP("PaymentsPage", ...) in
    # payments_model: translated in that context.
    return QCoreApplication.translate("PaymentsPage", text)


#: The table's words for the two long statuses (the tooltip and the detail give them whole):
#: the Estado column fits its longest label, and a partial refund once took the client's name
#: down to two letters at 1366x768.
SHORT_STATUS = {
    "Reembolso parcial": str(QT_TRANSLATE_NOOP("PaymentsPage", "Reemb. parcial")),
    "Pendiente de pago": str(QT_TRANSLATE_NOOP("PaymentsPage", "Por pagar")),
}


def _folio_cell(row: PaymentRow) -> str:
    return sale_name(row.folio, row.payment_id)


class PaymentsTable(QTableView):
    """The sales table; `rows` is its model (filter, sort and rows live there)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsTable")
        self.rows: RecordTableModel[PaymentRow] = RecordTableModel(
            [
                Column(
                    self.tr("Vendida"),
                    lambda r: short_when(r.sold_at),
                    sort_key=lambda r: r.sold_at or 0.0,
                    tooltip=lambda r: when(r.sold_at) or None,
                ),
                Column(self.tr("Folio"), _folio_cell, tooltip=lambda r: r.payment_id),
                Column(
                    self.tr("Cliente"),
                    lambda r: r.client_name,
                    # The name may be cut to leave the folio and the form whole: said here.
                    tooltip=lambda r: (
                        " — ".join(t for t in (r.client_name, r.client_view.rfc) if t) or None
                    ),
                ),
                Column(
                    self.tr("Forma de pago"),
                    lambda r: short_form_name(r.payment_form, form_name(r.payment_form)),
                    sort_key=lambda r: r.payment_form,
                    tooltip=lambda r: payment_form_label(r.payment_form) or None,
                ),
                Column(
                    self.tr("Total"),
                    lambda r: money(r.total),
                    sort_key=lambda r: r.total if r.total is not None else Decimal(-1),
                    align_right=True,
                ),
                Column(
                    self.tr("Estado"),
                    lambda r: _label(SHORT_STATUS.get(r.status_label, r.status_label)),
                    tooltip=lambda r: (
                        r.outbox.last_error
                        if r.outbox and r.outbox.last_error
                        else _label(r.status_label)
                        if r.status_label in SHORT_STATUS
                        else None
                    ),
                ),
                Column(
                    self.tr("Comprobante"),
                    lambda r: _label(r.fiscal_label),
                    sort_key=lambda r: r.fiscal.value,
                    tooltip=lambda r: ", ".join(r.invoices) or r.receipt_id or None,
                ),
            ],
            PaymentRow.search_text,
            self,
        )
        self.setModel(self.rows)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Folio (a till's folio or a gigstack payment id) and Forma de pago (its short name)
        # fit their contents like the other columns (Qt measures at most 1000 rows); the
        # client's name takes what is left and is the one cut when room runs out.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # The fiscal outcome: long labels are cut, the tooltip and the detail say it all.
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(6, 150)
        self.rows.sort(0, Qt.SortOrder.DescendingOrder)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)

    def selected(self) -> PaymentRow | None:
        """The current row's sale, if any row is current."""
        index = self.currentIndex()
        if not index.isValid() or index.row() >= self.rows.rowCount():
            return None
        return self.rows.row_at(index.row())

    def select_key(self, key: str) -> bool:
        """Make the sale with `key` current and scroll to it; False when it is not shown."""
        for row in range(self.rows.rowCount()):
            if self.rows.row_at(row).key == key:
                index = self.rows.index(row, 0)
                self.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.scrollTo(index)
                return True
        return False

    def shown_rows(self) -> list[PaymentRow]:
        """The rows the filters let through, in the table's order."""
        return [self.rows.row_at(i) for i in range(self.rows.rowCount())]
