"""Who the sale is for: the client search (F2), its card, "Nuevo cliente" (Ctrl+N) and the
way back to "Público en general".

The choice's rules live in `counter_clients.ClientBook` (Qt-free); this box displays and
collects. A new client is not saved here: gigstack creates it with the sale (found by its RFC,
`auto_create`), online or from the queue.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.client_dialog import ClientDialog
from desktop.ui.counter_clients import ClientBook, SaleClient, client_label, inline_client
from desktop.ui.counter_panel import error_label, show_error
from desktop.ui.counter_suggestions import SuggestionList


def _html(text: str) -> str:
    return html.escape(str(text))


class ClientBox(QWidget):
    """The client row of the counter.

    Args:
        book: The counter's clients (cache, typed ones, the public).
        overlay: The widget the pick list floats in (the page, above the table).
        limit: The pick list never goes past this widget's right edge.

    Signals:
        changed(): the sale's client changed (the fiscal outcome must be redrawn).
        done(): a client was chosen or the search left (the page focuses the code field).
    """

    changed = Signal()
    done = Signal()

    def __init__(self, book: ClientBook, overlay: QWidget, limit: QWidget) -> None:
        super().__init__()
        self.book = book
        self.client = book.public()
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        # The keys are on screen, not only in tooltips: F2 here, Ctrl+N on the button.
        self.search.setPlaceholderText(self.tr("Buscar cliente por nombre, RFC o correo  (F2)"))
        self.search.setAccessibleName(self.tr("Buscar cliente"))
        self.search.setToolTip(self.tr("Cliente (F2). Flechas para elegir, Enter para usar."))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("Nuevo cliente (Ctrl+N)"))
        self.new_button.setObjectName("newClientButton")
        self.new_button.setToolTip(self.tr("Crear un cliente para esta venta (Ctrl+N)"))
        self.card = QLabel()
        self.card.setObjectName("clientCard")
        self.card.setTextFormat(Qt.TextFormat.RichText)
        # A long name must not widen the window: the card takes the width it is given, and
        # wraps to a second line rather than cut the client's data off at the edge.
        self.card.setWordWrap(True)
        self.card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.card.setMinimumWidth(120)
        self.reset_button = QToolButton()
        self.reset_button.setObjectName("clientReset")
        self.reset_button.setText(self.tr("Público en general"))
        self.reset_button.setToolTip(self.tr("Volver a «Público en general»"))
        self.error = error_label("clientError")
        self.suggestions = SuggestionList(self.search, overlay, limit)
        self.suggestions.setObjectName("clientSuggestions")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        search_row = QHBoxLayout()
        caption = QLabel(self.tr("Cliente"))
        caption.setBuddy(self.search)
        search_row.addWidget(caption)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        layout.addLayout(search_row)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card, 1)
        card_row.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(card_row)
        layout.addWidget(self.error)

        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.pick)
        self.suggestions.itemClicked.connect(lambda _item: self.pick())
        self.search.installEventFilter(self)
        self.new_button.clicked.connect(self.new_client)
        self.reset_button.clicked.connect(self.reset)

    # -- the client of the sale ---------------------------------------------------------------

    def set_client(self, client: SaleClient) -> None:
        self.client = client
        name = client.name or self.tr("(sin nombre)")
        details = [client.tax_id]
        if client.tax_system:
            details.append(self.tr("régimen {code}").format(code=client.tax_system))
        if client.use:
            details.append(self.tr("uso {code}").format(code=client.use))
        text = f"<b>{_html(name)}</b> &nbsp;·&nbsp; " + " · ".join(_html(d) for d in details if d)
        if client.is_new:
            text += " &nbsp;<i>" + _html(self.tr("(nuevo: se registra con la venta)")) + "</i>"
        self.card.setText(text)
        self.card.setProperty("kind", "new" if client.is_new else "known")
        self.card.style().unpolish(self.card)
        self.card.style().polish(self.card)
        self.reset_button.setVisible(not client.is_public)
        show_error(self.error, None)
        self.changed.emit()

    def reset(self) -> None:
        """Back to "Público en general" (the next customer, or the cashier's choice)."""
        self.set_client(self.book.public())
        self.done.emit()

    def next_customer(self) -> None:
        self.search.clear()
        self.set_client(self.book.public())

    def use_new_client(self, fields: dict[str, Any]) -> None:
        self.set_client(self.book.add_new(fields))
        self.search.clear()
        self.done.emit()

    # -- what the cache says -------------------------------------------------------------------

    def clients_refreshed(self) -> None:
        switch = self.book.clients_refreshed(self.client)
        if switch is not None:
            self.set_client(switch)

    def set_issuer_zip(self, zip_code: str) -> None:
        """The team's postal code arrived: the public's fallback body carries it from now on."""
        self.book.issuer_zip = zip_code
        if self.client.is_public and not self.client.is_cached:
            self.set_client(self.book.public())

    # -- search and pick -----------------------------------------------------------------------

    def focus(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self, text: str) -> None:
        show_error(self.error, None)
        if not text.strip():
            self.suggestions.hide()
            return
        entries: list[tuple[str, Any]] = [
            (client_label(c) + (self.tr("  (nuevo)") if c.is_new else ""), c)
            for c in self.book.search(text)
        ]
        self.suggestions.show_entries(entries)

    def pick(self) -> None:
        chosen = self.suggestions.current_payload()
        text = self.search.text().strip()
        if chosen is None:
            if text:
                show_error(
                    self.error,
                    self.tr("Ningún cliente coincide con «{text}». Ctrl+N para crearlo.").format(
                        text=text
                    ),
                )
                self.search.selectAll()
            return
        assert isinstance(chosen, SaleClient)
        self.set_client(chosen)
        self.search.clear()
        self.suggestions.hide()
        self.done.emit()

    def new_client(self) -> None:
        """The "new client" form; the client is not saved here: gigstack creates it (found by
        its RFC, `auto_create`) with the sale, online or from the queue."""
        captured: list[dict[str, Any]] = []
        dialog = ClientDialog(
            captured.append,
            parent=self,
            require_rfc=True,
            initial_text=self.search.text(),
            save_text=self.tr("Usar en la venta"),
        )
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and captured:
            self.use_new_client(inline_client(captured[-1]))
        else:
            self.done.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.done.emit()
                return True
        return super().eventFilter(watched, event)
