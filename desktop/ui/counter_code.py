"""The counter's code field: scan or type a barcode, SKU or name and Enter adds the item.

`3*código` sells three. A code that finds nothing says so under the field and stays selected
for the next try; typing again makes that message old news. Digits typed fast are a scanner, so
no pick list flickers under it; words show the services that hold them (Up/Down, Enter).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.money import MoneyError
from desktop.store.cache import Cache
from desktop.store.errors import StorageError
from desktop.store.outbox import Outbox, OutboxState
from desktop.ui.counter_items import CartModel
from desktop.ui.counter_panel import error_label, show_error
from desktop.ui.counter_sale import (
    ServiceIndex,
    cached_service_keys,
    parse_code,
    queued_services,
)
from desktop.ui.counter_suggestions import SuggestionList
from desktop.ui.formatting import money

log = logging.getLogger(__name__)

#: How many services a search by name offers.
SERVICE_RESULTS = 8
#: The longest the GUI thread spends indexing services before it lets events in.
BUILD_SLICE_SECONDS = 0.008
#: Services indexed between two looks at the clock.
BUILD_STEP = 250


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
        # Services created here and still queued (`load_queued`): every index sells them.
        self._queued: list[dict[str, Any]] = []
        # A catalog being indexed a slice at a time (`load_services`), and its rows to go.
        self._building: tuple[ServiceIndex, Iterator[tuple[Any, ...]]] | None = None
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_slice)
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
        """Sell from these records (kept as given); a build from the cache is dropped."""
        self._stop_build()
        self.services = ServiceIndex(records)
        self.services.set_queued(self._queued)

    def load_queued(self, outbox: Outbox, team: str | None) -> None:
        """The queue changed: sell the services created here that gigstack does not have yet
        (offered as "en cola"; the sale goes after them, `desktop.sales`)."""
        try:
            queued = queued_services(outbox, team)
            still = {str(r["id"]) for r in queued}
            # Gone from the queue since the last look: sent ones are gigstack's now. Until the
            # catalog is indexed again they are found by their new id (the sender wrote them
            # into the cache), by name as well as by code.
            created = [
                row
                for row in (
                    outbox.find_local(str(r["id"])) for r in self._queued if r["id"] not in still
                )
                if row is not None and row.state is OutboxState.SENT and row.server_id
            ]
        except (StorageError, sqlite3.Error) as exc:
            self._unreadable(exc)  # the last ones read stay on sale
            return
        self._queued = queued
        indexes = [self.services] + ([self._building[0]] if self._building is not None else [])
        for index in indexes:
            index.set_queued(queued)
            for row in created:
                index.add_created(str(row.server_id), row.payload)

    def load_services(self, cache: Cache, team: str | None) -> None:
        """The cached catalog changed (start, a refresh): index it again, off the records.

        20k services would hold the GUI thread for a moment, so the new index is built a
        slice at a time between events (`BUILD_SLICE_SECONDS`); codes are looked up in the old
        one meanwhile, and a newer load supersedes this one. A code entered before it is done
        finishes it first (a scan is never refused for a catalog still being read). Only the
        keys are kept (`ServiceIndex`); a picked service is read with one `cache.get`.
        """
        index = ServiceIndex.over_cache(cache, team)
        index.set_queued(self._queued)
        self._building = (index, cached_service_keys(cache, team))
        self._build_timer.start()

    @property
    def building(self) -> bool:
        """True while a newer catalog is being indexed."""
        return self._building is not None

    def _stop_build(self) -> None:
        self._build_timer.stop()
        self._building = None

    def _build_slice(self, to_the_end: bool = False) -> None:
        """Index services for up to `BUILD_SLICE_SECONDS` (or to the end), then yield."""
        if self._building is None:
            return
        index, rows = self._building
        deadline = None if to_the_end else time.perf_counter() + BUILD_SLICE_SECONDS
        try:
            while index.fill(rows, BUILD_STEP):
                if deadline is not None and time.perf_counter() >= deadline:
                    self._build_timer.start()
                    return
        except (StorageError, sqlite3.Error) as exc:
            # The old index stays in use; the next refresh tries again.
            self._stop_build()
            self._unreadable(exc)
            return
        self._stop_build()
        self.services = index
        if self.suggestions.isVisible():
            self._search(self.edit.text())  # the pick list shows the new catalog

    def _finish_build(self) -> None:
        if self._building is not None:
            self._build_slice(to_the_end=True)

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
        if not len(self.services):
            self._finish_build()  # the first catalog: words typed now search all of it
        try:
            _qty, query = parse_code(text)
        except ValueError:
            query = text
        if looks_scanned(query):
            # Digits typed fast are a scanner: no list flickering under it.
            self.suggestions.hide()
            return
        try:
            found = self.services.search(query, SERVICE_RESULTS)
        except (StorageError, sqlite3.Error) as exc:
            self.suggestions.hide()
            self._unreadable(exc)
            return
        queued = self.tr("en cola")  # created here, gigstack does not have it yet
        entries: list[tuple[str, Any]] = [
            (
                "  ·  ".join(
                    (s.description, s.sku, money(s.unit_price))
                    + ((queued,) if self.services.is_queued(s.id) else ())
                ),
                s,
            )
            for s in found
        ]
        self.suggestions.show_entries(entries)

    def _unreadable(self, exc: Exception) -> None:
        """The local database failed while reading a service: said under the field."""
        log.warning("services not read: %s", exc)
        message = exc.message if isinstance(exc, StorageError) else str(exc)
        self.show_problem(
            self.tr("No pudimos leer los artículos guardados: {error}").format(error=message)
        )

    def enter(self) -> None:
        """Add what the field names to the cart (Enter)."""
        text = self.edit.text().strip()
        if not text:
            return
        self._finish_build()
        try:
            qty, code = parse_code(text)
        except ValueError as exc:
            self.problem(str(exc))
            return
        try:
            service = self.services.by_code(code)
        except (StorageError, sqlite3.Error) as exc:
            self._unreadable(exc)
            self.edit.selectAll()  # what was typed stays for the next try
            return
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
