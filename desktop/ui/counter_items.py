"""The counter's items table (an editable model over `SaleLine`s) and its pick lists.

The cart is a handful of lines, never 50k, so this model edits in place instead of going
through `RecordTableModel` (which is read-only by design). Quantity and the tax-included unit
price are editable; the line total comes from `fiscal.compute_totals`, like the big total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from desktop import fiscal
from desktop.money import MoneyError, check_line, parse_money, parse_quantity
from desktop.ui.counter_sale import SaleLine, compute_totals
from desktop.ui.formatting import money, quantity

Index = QModelIndex | QPersistentModelIndex

COL_DESCRIPTION, COL_QUANTITY, COL_PRICE, COL_AMOUNT = range(4)
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1


class CartModel(QAbstractTableModel):
    """The lines of the sale in progress.

    Signals:
        lines_changed(): a line was added, edited or removed (totals must be redrawn).
    """

    lines_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[SaleLine] = []
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

    def add(self, service: dict[str, Any], qty: Decimal) -> int:
        """Add `qty` of a service; a second scan of the same item adds to its line. Returns row."""
        for row, line in enumerate(self._lines):
            if line.service_id == service.get("id") and line.price_override is None:
                line.quantity += qty
                self._changed(row, row)
                return row
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(SaleLine(dict(service), qty))
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
        self.beginResetModel()
        self._lines = []
        self.endResetModel()
        self._recompute()

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
                sku = line.service.get("sku")
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
                line.set_shown_price(shown.quantize(Decimal("0.01")))
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


class SuggestionList(QListWidget):
    """A pick list floating under a line edit; the focus stays in the line edit.

    Up/Down in the line edit move the selection, Enter is handled by the owner (it asks
    `current_payload()`), Esc closes the list. It is a child of the page raised above the
    other widgets (not a popup window), so typing never loses a keystroke.
    """

    def __init__(self, anchor: QLineEdit, parent: QWidget, limit: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anchor = anchor
        self._limit = limit  # the list never goes past this widget's right edge
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hide()
        anchor.installEventFilter(self)
        self.moved_by_keys = False

    def show_entries(self, entries: list[tuple[str, Any]]) -> None:
        self.clear()
        self.moved_by_keys = False
        if not entries:
            self.hide()
            return
        for text, payload in entries:
            item = QListWidgetItem(text)
            item.setData(PAYLOAD_ROLE, payload)
            self.addItem(item)
        self.setCurrentRow(0)
        self.ensurePolished()
        parent = self.parentWidget()
        assert parent is not None
        top_left = self._anchor.mapTo(parent, QPoint(0, self._anchor.height() + 2))
        rows = min(len(entries), 8)
        height = rows * max(self.sizeHintForRow(0), 26) + 2 * self.frameWidth() + 2
        right = parent.width() - 8
        if self._limit is not None:
            right = self._limit.mapTo(parent, QPoint(self._limit.width(), 0)).x()
        room = right - top_left.x()
        width = max(min(max(self._anchor.width(), 620), room), self._anchor.width())
        self.setGeometry(top_left.x(), top_left.y(), width, height)
        self.raise_()
        self.show()

    def current_payload(self) -> Any:
        item = self.currentItem()
        return None if item is None or not self.isVisible() else item.data(PAYLOAD_ROLE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._anchor and event.type() == QEvent.Type.KeyPress and self.isVisible():
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.count() - 1, self.currentRow() + step))
                self.setCurrentRow(row)
                self.moved_by_keys = True
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        if watched is self._anchor and event.type() == QEvent.Type.FocusOut:
            self.hide()
        return False
