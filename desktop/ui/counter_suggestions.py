"""The pick list that floats under the counter's client and code fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1


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
