"""The counter's code field: scan or type a barcode, SKU or name and Enter adds the item.

`3*código` sells three. A code that finds nothing says so under the field and stays selected
for the next try; typing again makes that message old news. Digits typed fast are a scanner, so
no pick list flickers under it; words show the services that hold them (Up/Down, Enter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.money import MoneyError
from desktop.ui.counter_items import CartModel
from desktop.ui.counter_panel import error_label, show_error
from desktop.ui.counter_sale import ServiceIndex, parse_code
from desktop.ui.counter_suggestions import SuggestionList
from desktop.ui.formatting import money

#: How many services a search by name offers.
SERVICE_RESULTS = 8


def looks_scanned(query: str) -> bool:
    """Too short to search, or six digits or more (a scanner is typing): no pick list."""
    query = query.strip()
    return len(query) < 2 or (query.isdigit() and len(query) >= 6)


class CodeEntry(QWidget):
    """The "Artículo" field, its message line and its pick list.

    Args:
        cart: Where found items go.
        overlay: The widget the pick list floats in (the page, above the table).
        limit: The pick list never goes past this widget's right edge.

    Signals:
        line_added(int): an item went into the cart at this row.
    """

    line_added = Signal(int)

    def __init__(self, cart: CartModel, overlay: QWidget, limit: QWidget) -> None:
        super().__init__()
        self.cart = cart
        self.services = ServiceIndex()
        self.edit = QLineEdit()
        self.edit.setObjectName("codeEdit")
        self.edit.setPlaceholderText(
            self.tr("Código de barras, SKU o nombre · 3*código para 3 piezas")
        )
        self.edit.setAccessibleName(self.tr("Código o nombre del artículo"))
        self.edit.setToolTip(
            self.tr("Artículo (F3): escanea o escribe y Enter. «3*» antes del código = 3 piezas.")
        )
        self.error = error_label("codeError")
        self.suggestions = SuggestionList(self.edit, overlay, limit)
        self.suggestions.setObjectName("codeSuggestions")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Artículo"))
        caption.setBuddy(self.edit)
        row.addWidget(caption)
        row.addWidget(self.edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self.edit.textChanged.connect(self._search)
        # "No encontramos el código" is about what was typed: typing again makes it old news.
        self.edit.textEdited.connect(lambda _text: self.show_problem(None))
        self.edit.returnPressed.connect(self.enter)
        self.suggestions.itemClicked.connect(lambda _item: self.enter())
        self.edit.installEventFilter(self)

    def set_services(self, records: Iterable[Mapping[str, Any]]) -> None:
        """The catalog changed (a cache refresh): codes are looked up in the new one."""
        self.services = ServiceIndex(records)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def show_problem(self, message: str | None) -> None:
        show_error(self.error, message)

    def problem(self, message: str) -> None:
        """Say what is wrong with what was typed, keep it selected for the next try."""
        self.show_problem(message)
        self.suggestions.hide()
        self.edit.setFocus()
        self.edit.selectAll()

    def enter_scanned(self, code: str) -> None:
        """A scan that landed elsewhere: as if it had been typed here and ended with Enter."""
        self.edit.setText(code)
        self.focus()
        self.enter()

    def _search(self, text: str) -> None:
        self.show_problem(None)
        try:
            _qty, query = parse_code(text)
        except ValueError:
            query = text
        if looks_scanned(query):
            # Digits typed fast are a scanner: no list flickering under it.
            self.suggestions.hide()
            return
        entries: list[tuple[str, Any]] = [
            ("  ·  ".join((s.description, s.sku, money(s.unit_price))), s)
            for s in self.services.search(query, SERVICE_RESULTS)
        ]
        self.suggestions.show_entries(entries)

    def enter(self) -> None:
        """Add what the field names to the cart (Enter)."""
        text = self.edit.text().strip()
        if not text:
            return
        try:
            qty, code = parse_code(text)
        except ValueError as exc:
            self.problem(str(exc))
            return
        service = self.services.by_code(code)
        if service is None:
            picked = self.suggestions.current_payload()
            if picked is not None and (self.suggestions.moved_by_keys or not code.isdigit()):
                service = picked
        if service is None:
            if not len(self.services):
                self.problem(
                    self.tr("Aún no hay artículos en este equipo: espera a que se descarguen.")
                )
            else:
                self.problem(self.tr("No encontramos el código «{code}».").format(code=code))
            return
        try:
            row = self.cart.add(service, qty)
        except MoneyError as exc:
            self.problem(exc.message)
            return
        self.show_problem(None)
        self.suggestions.hide()
        self.edit.clear()
        self.line_added.emit(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.edit.clear()
                return True
        return super().eventFilter(watched, event)
