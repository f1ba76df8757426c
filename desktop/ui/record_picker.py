"""Choose one client or service by searching the local cache as you type.

The dialogs that need a client (Facturar recibo, Nueva factura, Solicitar pago, the Cola's
edit) used to receive every cached record and fill a combo box with them: with 50,000 cached
clients that read and parsed the whole table on the GUI thread each time a dialog opened
(issue 12). `RecordPicker` asks a `RecordSource` instead: the cache's own search (the trigram
index and the exact-code index the counter's client box uses, `Cache.search`) for the first
few matches of what was typed, and `Cache.get` for a record named by id (the receipt's own
client). Nothing reads the whole catalog.

Keyboard first: type part of a name, an RFC, a SKU or a barcode; Up/Down move in the list;
Enter picks (a whole RFC or barcode that names one record picks it at once); Esc closes the
list. When nothing matches, the picker says so under the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.records.clients import ClientView
from desktop.records.services import ServiceView
from desktop.store.cache import CODE_MIN, Cache, Resource, fold, search_key, starts_a_word
from desktop.store.errors import StorageError
from desktop.ui.counter_suggestions import PAYLOAD_ROLE as _PAYLOAD
from desktop.ui.counter_suggestions import SuggestionList
from desktop.ui.formatting import money

#: How many matches the list shows (the counter's client box shows as many).
RESULTS = 8
#: A picker that filters records out (the generic RFCs) asks for more, up to this many times
#: its limit, before it settles for fewer.
_OVERFETCH = 8

Record = dict[str, Any]


@runtime_checkable
class RecordSource(Protocol):
    """Where a picker finds its records: a search for the first few, a read by id."""

    def search(self, text: str, limit: int) -> list[Record]: ...

    def get(self, record_id: str) -> Record | None: ...


class CacheSource:
    """One resource of one team in the local cache (`Cache.search` / `Cache.get`)."""

    def __init__(self, cache: Cache, resource: Resource, team: str | None) -> None:
        self.cache, self.resource, self.team = cache, resource, team

    def search(self, text: str, limit: int) -> list[Record]:
        return self.cache.search(self.resource, self.team, text, limit)

    def get(self, record_id: str) -> Record | None:
        if not record_id:
            return None
        return self.cache.get(self.resource, self.team, record_id)


_CODE_FIELDS: dict[Resource, tuple[str, ...]] = {
    Resource.CLIENTS: ("tax_id",),
    Resource.SERVICES: ("sku", "barcode"),
    Resource.PAYMENTS: (),
}


class ListSource:
    """Records already in hand (a short list, a test) searched by the cache's rules: every
    typed word in the record's search key (accent- and case-insensitive), and a single word
    that is some record's whole code (RFC, SKU, barcode) meaning that record."""

    def __init__(self, records: Iterable[Mapping[str, Any]], resource: Resource) -> None:
        self.resource = resource
        self._records = [dict(r) for r in records]
        self._keys = [search_key(resource, r) for r in self._records]

    def search(self, text: str, limit: int) -> list[Record]:
        words = list(dict.fromkeys(fold(text).split()))
        if len(words) == 1 and len(words[0]) >= CODE_MIN:
            exact = [r for r in self._records if words[0] in self._codes(r)]
            if exact:
                return exact[:limit]
        found = [
            (r, key)
            for r, key in zip(self._records, self._keys, strict=True)
            if all(w in key for w in words)
        ]
        if words:  # as the cache: a word-start match first ("Ana López" before "Mariana")
            found.sort(key=lambda pair: not starts_a_word(pair[1], words[0]))
        return [r for r, _key in found[:limit]]

    def get(self, record_id: str) -> Record | None:
        return next((r for r in self._records if str(r.get("id") or "") == record_id), None)

    def _codes(self, record: Mapping[str, Any]) -> set[str]:
        codes = {fold(str(record.get(f) or "")) for f in _CODE_FIELDS[self.resource]}
        metadata = record.get("metadata")
        if isinstance(metadata, Mapping) and metadata.get("barcode"):
            codes.add(fold(str(metadata["barcode"])))
        codes.discard("")
        return codes


def source_of(
    records: RecordSource | Iterable[Mapping[str, Any]], resource: Resource
) -> RecordSource:
    """`records` as a source: a source as it is, anything else as a `ListSource`."""
    if isinstance(records, RecordSource):
        return records
    return ListSource(records, resource)


class _PickList(SuggestionList):
    """The counter's floating pick list, kept inside the dialog: when the room below the
    field is short, it opens above it (or shrinks) instead of being cut by the dialog's edge."""

    def show_entries(self, entries: list[tuple[str, Any]]) -> None:
        super().show_entries(entries)
        parent = self.parentWidget()
        if not entries or parent is None:
            return
        anchor = self._anchor
        top = anchor.mapTo(parent, QPoint(0, 0)).y()
        below = parent.height() - (top + anchor.height() + 2) - 4
        # A dialog's rows are its own font's height (the counter's list keeps taller rows).
        rows = min(len(entries), 8)
        height = rows * max(self.sizeHintForRow(0), 1) + 2 * self.frameWidth() + 4
        geometry = self.geometry()
        if height <= below:
            geometry.setHeight(height)
            self.setGeometry(geometry)
            return
        above = top - 4
        if above > below:
            height = min(height, above)
            geometry.setTop(top - 2 - height)
        else:
            height = max(below, 0)
        geometry.setHeight(height)
        self.setGeometry(geometry)


class RecordPicker(QWidget):
    """A line to type in, the first matches under it, and the one record picked.

    Args:
        source: Where records are searched (`CacheSource`, or `ListSource` for a list).
        kind: "client" or "service": the words the picker says ("Ningún cliente…").
        label: The text of a record in the list and in the field once picked (by default
            `client_text` or `service_text`).
        accept: Records the dialog may not use (the generic RFC) are never offered.
        name: The object name of the line edit (`<name>`), the list (`<name>List`) and the
            message under it (`<name>Message`).
        limit: How many matches the list shows.
        pass_enter: Enter on a record already picked reaches the dialog (its default button);
            False keeps it here and emits `picked` again (the next field takes over).

    Signals:
        picked(object): the record picked (a dict), or None when the choice was dropped (the
            text was edited or cleared).
    """

    picked = Signal(object)

    def __init__(
        self,
        source: RecordSource,
        *,
        kind: str,
        name: str,
        accessible: str,
        placeholder: str = "",
        label: Callable[[Mapping[str, Any]], str] | None = None,
        accept: Callable[[Mapping[str, Any]], bool] | None = None,
        limit: int = RESULTS,
        pass_enter: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Picker")
        self.source = source
        self.kind = kind
        self.limit = limit
        self.pass_enter = pass_enter
        self._label = label or (service_text if kind == "service" else client_text)
        self._accept = accept or (lambda _r: True)
        self._record: Record | None = None
        self._text = ""  # what the field showed when the record was picked
        self._list: _PickList | None = None

        self.line = QLineEdit()
        self.line.setObjectName(name)
        self.line.setAccessibleName(accessible)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip(
            self.tr("Escribe parte del nombre, el RFC, el SKU o el código; flechas y Enter.")
            if kind == "service"
            else self.tr("Escribe parte del nombre o el RFC; flechas para elegir, Enter para usar.")
        )
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        self.message.setProperty("role", "hint")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.message)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._edited)
        self.line.installEventFilter(self)

    # -- what was picked ----------------------------------------------------------------------

    def record(self) -> Record | None:
        """The record picked, or None (nothing picked, or the text was changed since)."""
        return self._record

    def record_id(self) -> str:
        return str(self._record.get("id") or "") if self._record is not None else ""

    def text(self) -> str:
        return self.line.text()

    def choose(self, record_id: str) -> bool:
        """Pick the record with this id (read by id, never by listing); False when the source
        does not have it or the dialog may not use it."""
        try:
            record = self.source.get(record_id) if record_id else None
        except StorageError as exc:
            self._say(exc.message)
            return False
        if record is None or not self._accept(record):
            return False
        self._pick(record)
        return True

    def show_record(self, record: Mapping[str, Any] | None, text: str | None = None) -> None:
        """Show `record` as picked without looking it up (a client the cache does not have,
        named by a queued sale); `text` replaces its label. None clears the field."""
        if record is None:
            self.clear()
            return
        self._set(dict(record), text if text is not None else self._label(record))

    def clear(self) -> None:
        self._hide_list()
        self._say(None)
        self.line.clear()
        if self._record is not None:
            self._record, self._text = None, ""
            self.picked.emit(None)

    # -- searching ----------------------------------------------------------------------------

    def matches(self, text: str, limit: int | None = None) -> list[Record]:
        """The first `limit` records matching `text` that the dialog may use."""
        limit = limit or self.limit
        ask = limit
        while True:
            found = self.source.search(text, ask)
            kept = [r for r in found if self._accept(r)]
            if len(kept) >= limit or len(found) < ask or ask >= limit * _OVERFETCH:
                return kept[:limit]
            ask *= 2  # filtered records took places in the page: ask for a longer one

    def shown(self) -> list[Record]:
        """The records the list offers now (empty when it is closed)."""
        pick_list = self._list
        if pick_list is None or pick_list.isHidden():
            return []
        return [pick_list.item(n).data(_PAYLOAD) for n in range(pick_list.count())]

    def _edited(self, text: str) -> None:
        if self._record is not None and text != self._text:
            self._record, self._text = None, ""
            self.picked.emit(None)
        if not text.strip():
            self._hide_list()
            self._say(None)
            return
        self._offer(text)

    def _offer(self, text: str) -> list[Record]:
        try:
            found = self.matches(text)
        except StorageError as exc:  # the local database failed: said here, typing kept
            self._hide_list()
            self._say(exc.message)
            return []
        if found:
            self._say(None)
            self._show_list(found)
        else:
            self._hide_list()
            self._say(self._nothing_found(text.strip()))
        return found

    def _nothing_found(self, text: str) -> str:
        if not text:
            if self.kind == "service":
                return self.tr("No hay productos ni servicios guardados en esta caja.")
            return self.tr("No hay clientes guardados en esta caja.")
        if self.kind == "service":
            return self.tr("Ningún producto o servicio coincide con «{text}».").format(text=text)
        return self.tr("Ningún cliente coincide con «{text}».").format(text=text)

    def _say(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setVisible(bool(message))

    # -- the list -----------------------------------------------------------------------------

    def _pick_list(self) -> _PickList:
        if self._list is None:
            # It floats in the dialog (created once the picker sits in it): never a popup
            # window, so typing never loses a keystroke (as at the counter).
            self._list = _PickList(self.line, self.window())
            self._list.setObjectName(f"{self.line.objectName()}List")
            self._list.itemClicked.connect(lambda item: self._pick(item.data(_PAYLOAD)))
        return self._list

    def _show_list(self, records: list[Record]) -> None:
        self._pick_list().show_entries([(self._label(r), r) for r in records])

    def _hide_list(self) -> None:
        if self._list is not None:
            self._list.hide()

    def _current(self) -> Record | None:
        pick_list = self._list
        if pick_list is None or pick_list.isHidden():
            return None
        item = pick_list.currentItem()
        return None if item is None else item.data(_PAYLOAD)

    def _pick(self, record: Mapping[str, Any]) -> None:
        self._set(dict(record), self._label(record))
        self.picked.emit(self._record)

    def _set(self, record: Record, text: str) -> None:
        self._hide_list()
        self._say(None)
        self._record, self._text = record, text
        self.line.setText(text)
        self.line.setCursorPosition(0)

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.line or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._enter()
        if key == Qt.Key.Key_Down and (self._list is None or self._list.isHidden()):
            # Down on a closed list opens it: the first matches of what is typed (or the
            # first records, to browse).
            text = "" if self._record is not None else self.line.text()
            self._offer(text)
            return True
        return super().eventFilter(watched, event)

    def _enter(self) -> bool:
        """Enter: pick the highlighted match; or search what was typed (one match is picked
        at once: a whole RFC, SKU or barcode); True when the key was used here."""
        current = self._current()
        if current is not None:
            self._pick(current)
            return True
        text = self.line.text().strip()
        if self._record is not None and self.line.text() == self._text:
            if self.pass_enter:
                return False
            self.picked.emit(self._record)
            return True
        if not text:
            return not self.pass_enter
        found = self._offer(text)
        if len(found) == 1:
            self._pick(found[0])
        return True


# -- what a record reads as in the list ------------------------------------------------------------


def client_text(record: Mapping[str, Any]) -> str:
    """A client in a pick list: its name (else razón social, RFC or id) — RFC."""
    view = ClientView.from_record(record)
    name = view.display_name
    return f"{name} — {view.rfc}" if view.rfc and view.rfc != name else name


def service_text(record: Mapping[str, Any]) -> str:
    """A service in a pick list: description · SKU (or barcode) — price."""
    view = ServiceView.from_record(record)
    code = view.sku or view.shown_barcode
    name = view.description or view.id
    return (
        f"{name} · {code} — {money(view.unit_price)}"
        if code
        else f"{name} — {money(view.unit_price)}"
    )
