"""Pagos' filters: the period, the status (or "receipt still to invoice"), the client and the
payment form, as two rows under the search field.

`PaymentFilters` says when a filter changed (`changed`) and gives the rows' predicate
(`predicate()`); the rule itself is plain Python (`row_filter`). The search text is the
table's own filter (`RecordTableModel.set_filter`), applied with this predicate by the page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.payment_rules import Fiscal
from desktop.store.cache import fold
from desktop.ui.action_dialog import fill_payment_forms
from desktop.ui.payments_model import (
    DATE_7,
    DATE_30,
    DATE_ALL,
    DATE_CUSTOM,
    DATE_TODAY,
    STATUS_FILTERS,
    PaymentRow,
)

#: Extra status filter: sales whose receipt the customer can still turn into an invoice.
RECEIPT_FILTER = "receipt_pending"

RowTest = Callable[[PaymentRow], bool]


def row_filter(
    start: float | None, end: float | None, status: str, form: str, client_text: str
) -> RowTest:
    """The rows a filter choice keeps: sold in [start, end) (epoch seconds, None: open), with
    `status` ("" any; `RECEIPT_FILTER`; "refunded" takes partial refunds too), paid with
    `form` ("" any) and for a client whose names or RFC hold every word of `client_text`."""
    client_words = fold(client_text).split()

    def keep(row: PaymentRow) -> bool:
        moment = row.sold_at  # the sale's own day, even when gigstack got it later
        if start is not None and (moment is None or moment < start):
            return False
        if end is not None and (moment is None or moment >= end):
            return False
        if status == RECEIPT_FILTER:
            if row.fiscal not in (Fiscal.RECEIPT, Fiscal.RECEIPT_PENDING):
                return False
        elif status:
            wanted = {status, "partially_refunded"} if status == "refunded" else {status}
            if status == "canceled":
                wanted.add("cancelled")
            if row.status not in wanted:
                return False
        if form and row.payment_form != form:
            return False
        if client_words:
            c = row.client_view
            text = fold(f"{c.display_name} {c.legal_name} {c.rfc}")
            if not all(w in text for w in client_words):
                return False
        return True

    return keep


class PaymentFilters(QWidget):
    """The filter rows of Pagos.

    Signals:
        changed: A filter changed; `predicate()` gives the new rule.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_range = QComboBox()
        self.date_range.setObjectName("dateRangeCombo")
        self.date_range.setAccessibleName(self.tr("Periodo"))
        for code, label in (
            (DATE_TODAY, self.tr("Hoy")),
            (DATE_7, self.tr("Últimos 7 días")),
            (DATE_30, self.tr("Últimos 30 días")),
            (DATE_ALL, self.tr("Todo lo guardado")),
            (DATE_CUSTOM, self.tr("Personalizado")),
        ):
            self.date_range.addItem(label, code)
        self.date_range.setCurrentIndex(self.date_range.findData(DATE_30))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_from.setObjectName("dateFrom")
        self.date_from.setAccessibleName(self.tr("Desde"))
        self.date_to = QDateEdit(today)
        self.date_to.setObjectName("dateTo")
        self.date_to.setAccessibleName(self.tr("Hasta"))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Estado"))
        for code, label in STATUS_FILTERS:
            # Marked with QT_TRANSLATE_NOOP("PaymentsPage", ...) in payments_model.
            self.status_filter.addItem(self._page_tr(label), code)
        self.status_filter.addItem(self.tr("Recibo por facturar"), RECEIPT_FILTER)
        self.client_filter = QLineEdit()
        self.client_filter.setObjectName("clientFilter")
        self.client_filter.setPlaceholderText(self.tr("Cliente"))
        self.client_filter.setAccessibleName(self.tr("Filtrar por cliente"))
        self.client_filter.setClearButtonEnabled(True)
        self.form_filter = QComboBox()
        self.form_filter.setObjectName("paymentFormFilter")
        self.form_filter.setAccessibleName(self.tr("Forma de pago"))
        fill_payment_forms(self.form_filter)
        self.form_filter.insertItem(0, self.tr("Todas las formas de pago"), "")
        self.form_filter.setCurrentIndex(0)

        period = QHBoxLayout()
        period.addWidget(self.date_range)
        period.addWidget(self.date_from)
        period.addWidget(QLabel("–"))
        period.addWidget(self.date_to)
        period.addWidget(self.status_filter)
        period.addStretch(1)
        who = QHBoxLayout()
        who.addWidget(self.client_filter, 1)
        who.addWidget(self.form_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(period)
        layout.addLayout(who)

        self.date_range.currentIndexChanged.connect(lambda _i: self._on_range())
        self.date_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.changed.emit())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.client_filter.textChanged.connect(lambda _t: self.changed.emit())
        self.form_filter.currentIndexChanged.connect(lambda _i: self.changed.emit())

    @staticmethod
    def _page_tr(text: str) -> str:
        return QCoreApplication.translate("PaymentsPage", text)

    def _on_range(self) -> None:
        custom = self.date_range.currentData() == DATE_CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.changed.emit()

    def date_bounds(self) -> tuple[float | None, float | None]:
        """Epoch seconds [start, end) of the chosen period (local days)."""
        code = self.date_range.currentData()
        today = QDate.currentDate()

        def start_of(day: QDate) -> float:
            return float(QDateTime(day, QTime(0, 0)).toSecsSinceEpoch())

        if code == DATE_TODAY:
            return start_of(today), None
        if code == DATE_7:
            return start_of(today.addDays(-6)), None
        if code == DATE_30:
            return start_of(today.addDays(-29)), None
        if code == DATE_CUSTOM:
            first, last = self.date_from.date(), self.date_to.date()
            if last < first:
                first, last = last, first
            return start_of(first), start_of(last.addDays(1))
        return None, None

    def predicate(self) -> RowTest:
        """The rule of the filters as chosen now (`row_filter`)."""
        start, end = self.date_bounds()
        return row_filter(
            start,
            end,
            str(self.status_filter.currentData() or ""),
            str(self.form_filter.currentData() or ""),
            self.client_filter.text(),
        )
