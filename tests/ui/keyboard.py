"""Typing like a cashier in widget tests (a barcode scanner is a keyboard too)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key) -> None:
    """A key on whatever has the focus, as a keyboard would send it."""
    qtbot.keyClick(focused(), key)


def type_text(qtbot: QtBot, text: str, widget: QWidget | None = None) -> None:
    """Type into the focused widget (or `widget`) one key at a time, accents included.

    QTest.keyClicks only knows ASCII (a non-ASCII character kills the process), so other
    characters are sent as plain key events carrying the text.
    """
    for char in text:
        target = widget or focused()  # the first key may open an editor that takes the rest
        if char.isascii():
            qtbot.keyClicks(target, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def scan(qtbot: QtBot, code: str) -> None:
    """A barcode scanner: the digits, then Enter."""
    type_text(qtbot, code)
    press(qtbot, Qt.Key.Key_Return)
