"""The counter's items: the editable model over `SaleLine`s and the table that shows it.

The cart is a handful of lines, never 50k, so this model edits in place instead of going
through `RecordTableModel` (which is read-only by design). Quantity and the tax-included unit
price are editable; the line total comes from `fiscal.compute_totals`, like the big total.

A price typed over the list price is an override, and overrides move money: when the shop set
a manager PIN (`desktop.ui.manager_pin`), the first override of a sale asks for it and the
authorization then holds for the rest of that sale (until the cart is cleared for the next
customer), so a cashier pricing several damaged items asks the manager once. Typing the list
price back never needs it. Without a PIN every override goes through, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.money import MoneyError, check_line, parse_money, parse_quantity
from desktop.records.services import ServiceView
from desktop.ui.counter_panel import error_label, show_error
from desktop.ui.counter_sale import SaleLine, compute_totals, pieces_of, service_view
from desktop.ui.formatting import money, quantity
from desktop.ui.manager_pin import pin_store_for, require_manager

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

COL_DESCRIPTION, COL_QUANTITY, COL_PRICE, COL_AMOUNT = range(4)


class CartModel(QAbstractTableModel):
    """The lines of the sale in progress.

    Signals:
        lines_changed(): a line was added, edited or removed (totals must be redrawn).
        price_change_requested(int, Decimal): a price typed on a line needs the manager's
            authorization first (`overrides_need_authorization`); the line keeps its price
            until `authorize_overrides()` and `set_shown_price()` (or `refuse_price()`).
    """

    lines_changed = Signal()
    price_change_requested = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[SaleLine] = []
        # Whether a price override must be authorized now (the owner knows about the PIN).
        self.overrides_need_authorization: Callable[[], bool] = lambda: False
        self._overrides_authorized = False  # for this sale: until `clear()`
        self._totals: fiscal.InvoiceTotals | None = None
        self._error: str | None = None
        self._headers = [
            self.tr("Descripción"),
            self.tr("Cantidad"),
            self.tr("Precio (IVA incl.)"),
            self.tr("Importe"),
        ]

    # -- state ------------------------------------------------------------------------------

    @property
    def lines(self) -> list[SaleLine]:
        return list(self._lines)

    @property
    def totals(self) -> fiscal.InvoiceTotals | None:
        """None when there are no lines or a line cannot be computed (see `error`)."""
        return self._totals

    @property
    def error(self) -> str | None:
        return self._error

    @property
    def overrides_authorized(self) -> bool:
        """The manager authorized price overrides for the sale in progress."""
        return self._overrides_authorized

    def authorize_overrides(self) -> None:
        self._overrides_authorized = True

    def add(self, service: ServiceView | Mapping[str, Any], qty: Decimal) -> int:
        """Add `qty` of a service; a second scan of the same item adds to its line. Returns row."""
        view = service_view(service)
        for row, line in enumerate(self._lines):
            if line.service_id == view.id and line.price_override is None:
                line.quantity += qty
                self._changed(row, row)
                return row
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(SaleLine(view, qty))
        self.endInsertRows()
        self._recompute()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._lines):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()
        self._recompute()

    def clear(self) -> None:
        """The next customer: no lines, and overrides need the manager again."""
        self.beginResetModel()
        self._lines = []
        self._overrides_authorized = False
        self.endResetModel()
        self._recompute()

    def restore(self, lines: list[SaleLine]) -> None:
        """The lines of a sale in progress saved before the app ended (`counter_draft`), as
        they were: overridden prices stay, and a new override asks for the PIN again."""
        self.beginResetModel()
        self._lines = list(lines)
        self._overrides_authorized = False
        self.endResetModel()
        self._recompute()

    def set_shown_price(self, row: int, shown: Decimal) -> bool:
        """Put a tax-included price (already checked) on a line; False when the row is gone."""
        if not 0 <= row < len(self._lines):
            return False
        self._lines[row].set_shown_price(shown)
        self._changed(row, row)
        return True

    def refuse_price(self, row: int, message: str) -> None:
        """Say why a line keeps its price (shown next to the table, like a bad number)."""
        self._error = self.tr("Línea {n}: {message}").format(n=row + 1, message=message)
        self.lines_changed.emit()

    def _changed(self, first: int, last: int) -> None:
        self._recompute()
        self.dataChanged.emit(self.index(first, 0), self.index(last, COL_AMOUNT))

    def _recompute(self) -> None:
        self._error = None
        self._totals = None
        if self._lines:
            try:
                self._totals = compute_totals(self._lines)
            except ValueError as exc:
                self._error = str(exc)
        self.lines_changed.emit()

    # -- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_QUANTITY, COL_PRICE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_DESCRIPTION:
                return line.description
            if column == COL_QUANTITY:
                return quantity(line.quantity)
            if column == COL_PRICE:
                return money(line.shown_unit_price)
            if column == COL_AMOUNT:
                if self._totals is None:
                    return ""
                return money(self._totals.lines[index.row()].total)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_QUANTITY:
                return quantity(line.quantity)
            if column == COL_PRICE:
                return f"{line.shown_unit_price:.2f}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignLeft
                if column == COL_DESCRIPTION
                else Qt.AlignmentFlag.AlignRight
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PRICE and line.price_override is not None:
                return self.tr("Precio modificado (lista: {price})").format(
                    price=money(line.list_price)
                )
            if column == COL_DESCRIPTION:
                sku = line.service.sku
                return f"{line.description} ({sku})" if sku else line.description
        if (
            role == Qt.ItemDataRole.FontRole
            and column == COL_PRICE
            and line.price_override is not None
        ):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._lines):
            return False
        line = self._lines[index.row()]
        try:
            if index.column() == COL_QUANTITY:
                line_quantity = parse_quantity(str(value))
                check_line(line_quantity, line.unit_price)
                line.quantity = line_quantity
            elif index.column() == COL_PRICE:
                shown = parse_money(str(value), what="El precio", allow_zero=False)
                check_line(line.quantity, shown)
                shown = shown.quantize(Decimal("0.01"))
                if (
                    line.is_price_change(shown)
                    and not self._overrides_authorized
                    and self.overrides_need_authorization()
                ):
                    # Asked for outside the editor's commit (the owner connects queued): a
                    # modal dialog opened from here would take the focus from an editor that
                    # is still committing. The line keeps its price meanwhile.
                    self.price_change_requested.emit(index.row(), shown)
                    return False
                line.set_shown_price(shown)
            else:
                return False
        except MoneyError as exc:
            # Said next to the table (the page shows `error`); the line keeps its value.
            self._error = self.tr("Línea {n}: {message}").format(
                n=index.row() + 1, message=exc.message
            )
            self.lines_changed.emit()
            return False
        self._changed(index.row(), index.row())
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignLeft
                if section == COL_DESCRIPTION
                else Qt.AlignmentFlag.AlignRight
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None


class ItemsPane(QWidget):
    """The sale's lines: the editable table, the line and piece count, its error line and the
    "Quitar línea" button. Del removes the current line; Esc hands the keyboard back.

    Signals:
        leave(): Esc on the table, or the last line removed (the page focuses the code field).
    """

    leave = Signal()

    def __init__(self, cart: CartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cart = cart
        self.table = QTableView()
        self.table.setObjectName("itemsTable")
        self.table.setAccessibleName(self.tr("Artículos de la venta"))
        self.table.setToolTip(
            self.tr("Artículos (F4): escribe para cambiar cantidad o precio, Supr quita la línea.")
        )
        self.table.setModel(cart)
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
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        for column in (COL_QUANTITY, COL_PRICE, COL_AMOUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.remove_button = QPushButton(self.tr("Quitar línea (Supr)"))
        self.remove_button.setObjectName("removeLineButton")
        self.remove_button.setToolTip(self.tr("Quitar la línea seleccionada (Supr)"))
        self.count = QLabel()
        self.count.setObjectName("itemsCount")
        # F4 is said where the cashier looks for it, not only in the table's tooltip.
        self.keys_hint = QLabel(self.tr("F4: cambiar cantidad o precio"))
        self.keys_hint.setObjectName("itemsKeysHint")
        self.keys_hint.setProperty("role", "hint")
        self.error = error_label("itemsError")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.keys_hint)
        bottom.addSpacing(8)
        bottom.addWidget(self.remove_button)
        layout.addLayout(bottom)

        self.table.installEventFilter(self)
        self.remove_button.clicked.connect(self.remove_current_line)
        cart.lines_changed.connect(self.show_count)
        cart.overrides_need_authorization = self._pin_is_set
        # Queued: the PIN dialog opens once the editor has committed and closed.
        cart.price_change_requested.connect(
            self._authorize_price, Qt.ConnectionType.QueuedConnection
        )
        self.show_count()

    def focus(self) -> bool:
        """Put the keyboard on the current line's quantity; False when there are no lines."""
        if self.cart.rowCount() == 0:
            return False
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else self.cart.rowCount() - 1
        self.table.setCurrentIndex(self.cart.index(row, COL_QUANTITY))
        return True

    def show_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.cart.index(row, 0))

    def remove_current_line(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        self.cart.remove(row)
        if self.cart.rowCount():
            self.table.selectRow(min(row, self.cart.rowCount() - 1))
        else:
            self.leave.emit()

    def show_count(self) -> None:
        lines = self.cart.rowCount()
        self.count.setText(
            self.count_text(lines, pieces_of(self.cart.lines))
            if lines
            else self.tr("Sin artículos: escanea o escribe un código (F3)")
        )
        show_error(self.error, self.cart.error)

    def count_text(self, lines: int, pieces: Decimal) -> str:
        """ "1 línea · 1 pieza", "2 líneas · 1.5 piezas" (a fraction of a piece is plural)."""
        lines_text = self.tr("1 línea") if lines == 1 else self.tr("{n} líneas").format(n=lines)
        pieces_text = (
            self.tr("1 pieza")
            if pieces == 1
            else self.tr("{n} piezas").format(n=f"{pieces.normalize():f}")
        )
        return f"{lines_text} · {pieces_text}"

    # -- the manager's PIN for price overrides -------------------------------------------------

    def _pin_is_set(self) -> bool:
        store = pin_store_for(self)
        return store is not None and store.is_set()

    def _authorize_price(self, row: int, shown: Decimal) -> None:
        allowed = require_manager(self, self.tr("cambiar el precio de un artículo"))
        log.info("price override on line %d: %s", row + 1, "authorized" if allowed else "refused")
        if allowed:
            self.cart.authorize_overrides()
            self.cart.set_shown_price(row, shown)
        else:
            # What was typed stays in the message, so nothing the cashier typed is lost.
            self.cart.refuse_price(
                row,
                self.tr(
                    "el precio {price} no se aplicó: cambiar un precio necesita el PIN del "
                    "encargado."
                ).format(price=money(shown)),
            )
        # Back to the till: the keyboard returns to the line whatever the dialog's end was.
        self.window().activateWindow()
        if 0 <= row < self.cart.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.setCurrentIndex(self.cart.index(row, COL_PRICE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete:
                self.remove_current_line()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.leave.emit()
                return True
        return super().eventFilter(watched, event)
