"""The red message under a field: one way to make it and one way to show it, for every form.

A field's message sits right under (or beside) the field that caused it, in Spanish, and is
hidden while there is nothing to say. `resources/style.qss` colours it from the dynamic property
``level``: ``bad`` (red) for what blocks saving, ``warn`` (amber) for what only needs a second
look (an RFC whose check digit does not match, say). Dialogs and pages import these two
functions instead of writing their own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["error_label", "show_error"]


def error_label(object_name: str, parent: QWidget | None = None) -> QLabel:
    """A hidden, word-wrapped message label named `object_name` (by convention ``<field>Error``)."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setProperty("level", "bad")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None, warning: bool = False) -> None:
    """Show `message` under its field (amber when `warning`), or hide the label when empty."""
    level = "warn" if warning else "bad"
    if label.property("level") != level:
        label.setProperty("level", level)
        style = label.style()
        style.unpolish(label)  # a dynamic property only restyles once re-polished
        style.polish(label)
    label.setText(message or "")
    label.setVisible(bool(message))
