"""The red message under a field: one way to make it and one way to show it, for every form.

A field's message sits right under (or beside) the field that caused it, in Spanish, and is
hidden while there is nothing to say. `resources/style.qss` colours it from the dynamic property
``level``: ``bad`` (red) for what blocks saving, ``warn`` (amber) for what only needs a second
look (an RFC whose check digit does not match, say). Dialogs and pages import these two
functions instead of writing their own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

__all__ = ["error_label", "field_with_error", "show_error"]


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


def field_with_error(
    field: QWidget, label: QLabel, *extra: QWidget, after: QWidget | None = None
) -> QWidget:
    """`field` with its message `label` right under it (then `extra`, `label`, `after`).

    The message goes away as soon as the cashier edits the field: a message about text that
    is no longer there only confuses (a new user's trial saw "El correo «chela@» no parece
    válido" stay after the address was fixed). The next check shows it again if it still
    applies.
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    for widget in extra:
        layout.addWidget(widget)
    layout.addWidget(label)
    if after is not None:
        layout.addWidget(after)
    edits = [field] if isinstance(field, QLineEdit) else field.findChildren(QLineEdit)
    for edit in edits:
        edit.textEdited.connect(lambda _text: show_error(label, None))
    if isinstance(field, QComboBox):
        field.activated.connect(lambda _index: show_error(label, None))
    return box
