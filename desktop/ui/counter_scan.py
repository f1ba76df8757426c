"""Scans that land outside the code field still sell the item.

A barcode scanner is a keyboard that types a whole code in a few milliseconds and ends it with
Enter. Keys that land on a widget that is not a text field (the items table, a button, a list)
are held while they come this close together (by the events' own timestamps); a burst of at
least `SCAN_MIN_CHARS` ended by Enter is a scan and goes to the code field. A key nobody follows
within `SCAN_FLUSH_MS` is handed on as typed (a quantity typed on the table).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QWidget,
)

log = logging.getLogger(__name__)

SCAN_GAP_MS = 60
SCAN_MIN_CHARS = 4
SCAN_FLUSH_MS = 80


def _copy_key(event: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
    copy.setTimestamp(event.timestamp())
    return copy


class StrayScanCatcher(QObject):
    """Watches the widgets of `root` that take keys but are not text fields.

    Install it after every other event filter on those widgets: Qt asks the filter installed
    last first, so a held burst is seen before, say, the table's Del or Esc.

    Args:
        root: The page whose buttons, lists and tables are watched (children present now).
        deliver: Called with the code of a burst that was a scan.
    """

    def __init__(self, root: QWidget, deliver: Callable[[str], None]) -> None:
        super().__init__(root)
        self._deliver = deliver
        self._held: list[QKeyEvent] = []  # held keys of a possible scan burst
        self._replaying = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(SCAN_FLUSH_MS)
        self._flush.timeout.connect(self.release)
        self._watched: set[QWidget] = set()
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QComboBox) and widget.isEditable():
                continue
            if isinstance(widget, (QAbstractButton, QAbstractItemView, QComboBox)):
                widget.installEventFilter(self)
                self._watched.add(widget)

    def watches(self, widget: QWidget) -> bool:
        return widget in self._watched

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QWidget)
            and watched in self._watched
        ):
            assert isinstance(event, QKeyEvent)
            return self._key(watched, event)
        return False

    def _key(self, watched: QWidget, event: QKeyEvent) -> bool:
        """Hold a key that may be part of a scan; True when it was taken."""
        if self._replaying:
            return False
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        held = self._held
        close = bool(held) and event.timestamp() - held[-1].timestamp() <= SCAN_GAP_MS
        if enter and close and len(held) >= SCAN_MIN_CHARS:
            code = "".join(k.text() for k in held)
            self._held = []
            self._flush.stop()
            log.info("a scan landed on %s; sent to the code field", watched.objectName())
            self._deliver(code)
            return True
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            if held and not close:
                self.release()
            self._held.append(_copy_key(event))
            self._flush.start()
            return True
        if held:  # any other key: what was held goes first, as typed
            self.release()
            target = QApplication.focusWidget()
            if target is not None and target is not watched:
                # The held keys opened an editor (a quantity typed on the table): this key
                # (Enter, Tab…) belongs to it, as if nothing had been held.
                self._replaying = True
                try:
                    QApplication.sendEvent(target, _copy_key(event))
                finally:
                    self._replaying = False
                return True
        return False

    def release(self) -> None:
        """Hand held keys on to whatever has the focus now (not a scan after all)."""
        self._flush.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                target = QApplication.focusWidget()
                if target is not None:
                    QApplication.sendEvent(target, key)
        finally:
            self._replaying = False
