"""What the Clientes and Servicios pages share: a searchable table over the local cache.

The table shows the cached records (instant, offline) plus the writes still waiting in the
outbox (a queued creation appears at once as "pendiente de enviar"; a queued edit shows its new
values). When the sender delivers one of those rows, its answer is written into the cache (by
the sender, `desktop.sync.writethrough`; this page only reads) so the table keeps showing the
record without waiting for the next full refresh.

Rows are compact (issue 12; 50k clients + 20k services): a `RecordRow` keeps what its columns
show and sort on, not the record; the record is read again from the cache, as the page's typed
view (`ClientView`, `ServiceView`), when a row is edited or acted on.

Actions that need gigstack (delete, validate, portal link...) go through `run_online`, which
refuses them while the last known state is offline and reports the server's message otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.gigstack import GigstackClient
from desktop.store.cache import Resource, fold
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxError, OutboxItem, OutboxKind, OutboxState
from desktop.sync.writethrough import keep_answer, write_through_sent
from desktop.ui.context import UiContext
from desktop.ui.page import Page
from desktop.ui.table_model import Column, RecordTableModel
from desktop.ui.worker import SyncState

WAITING = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED)
#: A reload built in steps works this long between events (well inside one 16 ms frame)...
STEP_SECONDS = 0.008
#: ...looking at the clock every this many rows.
STEP_ROWS = 200
T = TypeVar("T")


#: Joins a row's own texts into one string (a control character no display text needs).
SEP = "\x1f"


class Queued:
    """What the outbox says of a row with a waiting write (few rows have one).

    Attributes:
        id: The outbox row still waiting for this record.
        state: That row's state (pending, sending or parked).
        error: The reason a parked row was stopped.
        record: The record as it will be once the write is sent (a creation's body, or the
            cached record with the queued changes).
    """

    __slots__ = ("error", "id", "record", "state")

    def __init__(
        self, id: int, state: OutboxState, error: str | None, record: dict[str, Any]
    ) -> None:
        self.id, self.state, self.error, self.record = id, state, error, record


class RecordRow(tuple[Any, ...]):
    """One table row, compact (issue 12: 50k clients + 20k services within the memory budget).

    A row keeps only what its table shows and filters or sorts on, as a tuple: the page's
    cells (`RecordPage.cells`), with the row's own texts (name, RFC, e-mail...) joined with
    the id into ONE string (one object instead of four), and the values many rows repeat (a
    status, a régimen, a price, a tax summary) as shared objects. No per-row dict, no parsed
    record: the full record is read again from the cache when the row is selected or acted on
    (`RecordPage.record_of` / the page's typed view). Layout: (texts, queued, text count,
    *values); use the properties and `cell(i)`.
    """

    __slots__ = ()

    def __new__(
        cls,
        id: str | None,
        texts: Sequence[str] = (),
        values: Sequence[Any] = (),
        queued: Queued | None = None,
    ) -> RecordRow:
        joined = SEP.join([id or "", *(t.replace(SEP, " ") if SEP in t else t for t in texts)])
        return super().__new__(cls, (joined, queued, len(texts), *values))

    @property
    def id(self) -> str | None:
        """The server id, or None for a queued creation not sent yet."""
        return self[0].partition(SEP)[0] or None

    def cell(self, index: int) -> Any:
        """The page's cell `index` (texts first, then values, as `RecordPage.cells` made them)."""
        count = self[2]
        if index < count:
            return self[0].split(SEP)[index + 1]
        return self[3 + index - count]

    @property
    def cells(self) -> tuple[Any, ...]:
        """Every cell (a new tuple: for inspection, not for per-row loops)."""
        return (*self[0].split(SEP)[1:], *self[3:])

    @property
    def queued(self) -> dict[str, Any] | None:
        """For a row with a waiting write: the record as it will be once sent."""
        return self[1].record if self[1] is not None else None

    @property
    def outbox_id(self) -> int | None:
        return self[1].id if self[1] is not None else None

    @property
    def outbox_state(self) -> OutboxState | None:
        return self[1].state if self[1] is not None else None

    @property
    def outbox_error(self) -> str | None:
        return self[1].error if self[1] is not None else None

    @property
    def pending_create(self) -> bool:
        return self.id is None

    def __repr__(self) -> str:
        return f"RecordRow(id={self.id!r}, outbox_id={self.outbox_id!r}, cells={self.cells!r})"


@dataclass
class Built:
    """A reload's result: rows, their search keys, (sort column, its keys), waiting rows."""

    rows: list[RecordRow]
    keys: list[str]
    sort_keys: tuple[int, list[Any]] | None
    watched: set[int]


class Shared:
    """One object per distinct value (issue 12): 50k rows saying "Válido" or "$10.50" point to
    one string or Decimal instead of holding 50k copies."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def __call__(self, value: T) -> T:
        if value is None:
            return value
        return cast(T, self._seen.setdefault(value, value))


def _record_id(record: Mapping[str, Any]) -> str | None:
    value = record.get("id")
    return str(value) if value else None


def _parked_error(item: OutboxItem) -> str | None:
    return item.last_error if item.state is OutboxState.PARKED else None


def _cells_text(row: RecordRow) -> str:
    # The model's fallback search text; `reload` always hands it the keys.
    return " ".join(c for c in row.cells if isinstance(c, str))


def pending_label(queued: Queued | RecordRow | None) -> str | None:
    """What the "estado" column says about a queued write, or None when nothing is queued."""
    state = queued.outbox_state if isinstance(queued, RecordRow) else getattr(queued, "state", None)
    if state is None:
        return None
    if state is OutboxState.PARKED:
        return QCoreApplication.translate("RecordPage", "Detenido: revisa la Cola")
    return QCoreApplication.translate("RecordPage", "Pendiente de enviar")


class RecordPage(Page):
    """Base of the Clientes and Servicios pages (subclasses fill in the specifics).

    Subclasses set `resource`, `create_kind`, `update_kind` and implement `columns()` (over
    `RecordRow.cell`), `cells()` (a record's compact row) and `search_text()`.
    """

    resource: Resource = Resource.CLIENTS
    create_kind: OutboxKind = OutboxKind.CREATE_CLIENT
    update_kind: OutboxKind = OutboxKind.UPDATE_CLIENT
    noun = "registro"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self._online: bool | None = None
        self._watched: set[int] = set()  # outbox rows shown as pending

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)

        self._dirty = False
        self._steps: Generator[None, None, Built] | None
        self._steps = None  # a reload being built a slice at a time (`reload_in_steps`)
        self._step_timer = QTimer(self)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._step)
        self.model: RecordTableModel[RecordRow] = RecordTableModel(
            self.columns(), _cells_text, self
        )
        self._column_samples: tuple[tuple[str, ...], int] | None = None
        self._columns_fitted = False
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search, 1)
        self.actions_menu_items: list[QAction] = []

        layout = QVBoxLayout(self)
        self.heading = QLabel(self.title)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.count_label)
        layout.addLayout(footer)

        ctx.bridge.cache_updated.connect(self._on_cache_updated)
        ctx.bridge.queue_changed.connect(self._on_queue_changed)
        ctx.bridge.state_changed.connect(self._on_state)

        # Catalogs stay fresh (issue 10 §3): besides the schedule and "Sincronizar ahora",
        # the person can ask for this list again (F5). Not in the rows' context menu.
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("Traer de gigstack la lista al día (F5)"))
        self.refresh_button.clicked.connect(self.refresh_now)
        self.toolbar.addWidget(self.refresh_button)
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh_now)
        self.addAction(refresh)

    def refresh_now(self) -> None:
        """Read this page's list from gigstack again (on the page lane; the table follows)."""
        self.ctx.bridge.refresh([self.resource])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down (or Enter) in the search box moves to the results, like a cashier expects."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.model.visible_count()
        ):
            self.table.setFocus()
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def tr(self, source: str, /, disambiguation: str | None = None, n: int = -1) -> str:
        """Translate in this class's context or a base class's (where lupdate put the string).

        QObject.tr() looks strings up under the *runtime* class name, so text written here and
        shown by ClientsPage would never find its "RecordPage" translation.
        """
        for cls in type(self).__mro__:
            text = QCoreApplication.translate(cls.__name__, source, disambiguation, n)
            if text != source or cls is RecordPage:
                return text
        return source

    # -- for subclasses ----------------------------------------------------------------------

    def columns(self) -> Sequence[Column[RecordRow]]:
        raise NotImplementedError

    def cells(
        self, record: Mapping[str, Any], queued: Queued | None, shared: Shared
    ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """What a row shows of `record` (`queued`: its waiting write, if any), as (texts,
        values): the row's own display strings, then display strings and sort values that
        many rows repeat, each passed through `shared`. Cell `i` of the row is texts first,
        then values. Called once per row on reload; the record itself is not kept."""
        raise NotImplementedError

    def search_text(self, record: Mapping[str, Any]) -> str:
        """What a record is found by, for records the cache has no search key for (queued
        creations and edits); cached records use the key the cache keeps for them."""
        raise NotImplementedError

    def record_of(self, row: RecordRow) -> dict[str, Any]:
        """The whole record behind `row`: read again from the cache (with the queued changes
        applied), or the queued creation's body. {} when the cache no longer has it."""
        queued = row.queued
        if queued is not None:
            return dict(queued)
        if row.id is None:
            return {}
        return self.ctx.core.cache.get(self.resource, self.ctx.team, row.id) or {}

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected row."""

    def add_button(
        self, name: str, text: str, shortcut: str | None, slot: Callable[[], None], tip: str
    ) -> QPushButton:
        """A toolbar button with its keyboard shortcut (shown in the tooltip)."""
        button = QPushButton(text)
        button.setObjectName(name)
        action = QAction(text, self)
        action.setObjectName(name + "Action")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({native})"
        button.setToolTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        button.clicked.connect(slot)
        self.addAction(action)
        self.actions_menu_items.append(action)
        self.toolbar.addWidget(button)
        return button

    def add_menu_action(
        self, name: str, text: str, shortcut: str | None, slot: Callable[[], None]
    ) -> QAction:
        """A row action reachable from the context menu and a shortcut (no button)."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_menu_items.append(action)
        return action

    # -- loading -------------------------------------------------------------------------------

    def activated(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reload(self) -> None:
        """Rebuild the rows from the cache and the waiting outbox rows (keeps filter/sort).

        The cache is read a batch at a time and each record is reduced to its row at once
        (issue 12): the 50k parsed records never sit in memory together, and none is kept.
        """
        self._steps = None  # this reload is fresher than one being built in steps
        self._step_timer.stop()
        build = self._build_rows()
        while True:
            try:
                next(build)
            except StopIteration as done:
                self._show_rows(done.value)
                return

    def reload_in_steps(self) -> None:
        """`reload`, built a slice at a time between events (a refresh landing while the page
        is open: 50k rows take ~0.7 s to build, which would freeze the window). The table shows
        the rows it has until the new ones are ready; a `reload` meanwhile supersedes this."""
        self._steps = self._build_rows()
        self._step_timer.start()

    def _step(self) -> None:
        build = self._steps
        if build is None:
            self._step_timer.stop()
            return
        deadline = time.perf_counter() + STEP_SECONDS
        try:
            next(build)  # at least one slice per turn, however slow the machine
            while time.perf_counter() < deadline:
                next(build)
        except StopIteration as done:
            self._steps = None
            self._step_timer.stop()
            self._show_rows(done.value)
        except StorageError as exc:  # the database went away under us: say so, keep the rows
            self._steps = None
            self._step_timer.stop()
            self.say(exc.message, error=True)

    def _build_rows(
        self,
    ) -> Generator[None, None, Built]:
        """The rows, their search keys, the sort column's keys and the outbox rows shown as
        waiting; yields now and then (every `STEP_ROWS` rows) so `reload_in_steps` can let
        events through."""
        team = self.ctx.team
        updates: dict[str, list[OutboxItem]] = {}
        created: list[OutboxItem] = []
        watched: set[int] = set()
        for item in self._waiting_items():
            watched.add(item.id)
            if item.kind is self.create_kind:
                created.append(item)
            else:
                updates.setdefault(str(item.payload.get("id")), []).append(item)
        shared = Shared()
        rows: list[RecordRow] = []
        keys: list[str] = []
        # The sort column's keys are worked out here too, a slice at a time, so showing the
        # rows does not compute 50k of them at once.
        column = self.model.sorted_by()
        sort_key = self.model.sort_key_of(column) if column is not None else None
        sort_keys: list[Any] = []
        for cached_key, cached in self.ctx.core.cache.each(self.resource, team):
            record_id = _record_id(cached)
            if not record_id:
                continue
            record, key, waiting = cached, cached_key, None
            queued = updates.get(record_id)
            if queued:
                merged = dict(cached)
                for item in queued:  # in queue order: the last change of a field wins
                    changes = item.payload.get("changes")
                    merged.update(changes if isinstance(changes, Mapping) else {})
                last = queued[-1]
                waiting = Queued(last.id, last.state, _parked_error(last), merged)
                record, key = merged, fold(self.search_text(merged))
            texts, values = self.cells(record, waiting, shared)
            row = RecordRow(record_id, texts, values, waiting)
            rows.append(row)
            keys.append(key)
            if sort_key is not None:
                sort_keys.append(sort_key(row))
            if len(rows) % STEP_ROWS == 0:
                yield
        for item in created:
            record = dict(item.payload)
            record.pop("id", None)
            waiting = Queued(item.id, item.state, _parked_error(item), record)
            texts, values = self.cells(record, waiting, shared)
            row = RecordRow(None, texts, values, waiting)
            rows.append(row)
            keys.append(fold(self.search_text(record)))
            if sort_key is not None:
                sort_keys.append(sort_key(row))
        by_column = None if column is None else (column, sort_keys)
        return Built(rows, keys, by_column, watched)

    def _show_rows(self, built: Built) -> None:
        self._watched = built.watched
        before = self.selected_row()
        self.model.set_rows(built.rows, built.keys, built.sort_keys)
        if before is not None:  # a refresh keeps the person's place
            self.select_record(before.id, before.outbox_id)
        self._update_count()

    def _waiting_items(self) -> list[OutboxItem]:
        kinds = {self.create_kind, self.update_kind}
        team = self.ctx.team
        return [
            item
            for item in self.ctx.core.outbox.rows(WAITING)
            if item.kind in kinds and (item.team or None) == (team or None)
        ]

    def _update_count(self) -> None:
        total, shown = self.model.total_count(), self.model.visible_count()
        if shown == total:
            self.count_label.setText(self.tr("{0} en total").format(total))
        else:
            self.count_label.setText(self.tr("{0} de {1}").format(shown, total))

    def _on_search(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _on_cache_updated(self, resource: str) -> None:
        if resource != self.resource.value:
            return
        if self.isVisible():
            self._dirty = False
            self.reload_in_steps()
        else:
            self._dirty = True

    def fit_columns(self, samples: Sequence[str], stretch: int = 0) -> None:
        """Size each column for its widest expected text; `stretch` takes the room left.

        Widths come from a sample of what the column holds ("XAXX010101000" for an RFC,
        "$1,234,567.00" for a price) measured in the table's font, never from the rows: at
        50k rows a content scan would stall the window. So an RFC or a price is never cut
        while a short column (Estado) sits wide at the end.
        """
        self._column_samples = (tuple(samples), stretch)
        if self.isVisible():
            self._apply_column_samples()

    def _apply_column_samples(self) -> None:
        # Measured once shown: the style sheet sets the table's font when it is polished.
        if self._column_samples is None:
            return
        samples, stretch = self._column_samples
        self.table.ensurePolished()
        self.table.horizontalHeader().ensurePolished()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        heading = header.fontMetrics()
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), heading.horizontalAdvance(title) + 16)
            self.table.setColumnWidth(column, width + 24)  # cell padding and the sort arrow
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def reload_when_shown(self) -> None:
        """Reload now if the page is visible; otherwise when it is next shown (50k rows take
        a moment, and a hidden page need not pay for every refresh)."""
        if self.isVisible():
            self._dirty = False
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._column_samples is not None and not self._columns_fitted:
            self._columns_fitted = True  # once: later widths are the person's own
            self._apply_column_samples()
        if self._dirty:
            self._dirty = False
            self.reload()
        super().showEvent(event)

    def _on_queue_changed(self) -> None:
        """Rows this page showed as pending may have been sent: show their server record.

        The sender writes a sent row's record into the cache (`desktop.sync.writethrough`)
        just after marking it sent; should this page look in between, the same write is made
        on the page lane (`write_through_sent`, never over a newer copy) and the table reloads
        when the cache says it changed. The GUI thread only reads here.
        """
        outbox = self.ctx.core.outbox
        changed = False
        sent: list[OutboxItem] = []
        for row_id in list(self._watched):
            try:
                item = outbox.get(row_id)
            except OutboxError:  # gone (another process): simply not shown any more
                changed = True
                continue
            if item.state in WAITING and item.state is not OutboxState.PARKED:
                continue
            changed = True
            if item.state is OutboxState.SENT and item.response:
                sent.append(item)
        if sent:
            self._watched -= {item.id for item in sent}
            cache = self.ctx.core.cache
            self.ctx.run_op(
                self,
                lambda _client: None,
                lambda _result: None,  # `touches` reloads this page (and the others)
                on_error=lambda _message, _exc: self.reload_when_shown(),
                needs_online=False,
                write_through=lambda _result: write_through_sent(cache, sent),
                touches=[self.resource],
            )
            return
        if changed or self._waiting_ids() != self._watched:
            self.reload_when_shown()

    def _waiting_ids(self) -> set[int]:
        return {item.id for item in self._waiting_items()}

    def _on_state(self, state: object) -> None:
        if isinstance(state, SyncState):
            self._online = state.online

    # -- selection and actions ---------------------------------------------------------------

    def queue_create(self, payload: Any, message: str, *, serial_key: str | None = None) -> None:
        """Queue a new record (works offline); it shows at once as pending and gets selected."""
        item = self.ctx.core.outbox.enqueue(
            self.create_kind, payload, team=self.ctx.team, serial_key=serial_key
        )
        self._after_queueing(message, outbox_id=item.id)

    def queue_update(self, record_id: str, changes: dict[str, Any]) -> None:
        """Queue an edit of only the changed fields; edits of one record go out in order."""
        self.ctx.core.outbox.enqueue(
            self.update_kind,
            {"id": record_id, "changes": changes},
            team=self.ctx.team,
            serial_key=f"{self.resource.value}:{record_id}",
        )
        self._after_queueing(
            self.tr("Cambios guardados; pendientes de enviar a gigstack."), record_id=record_id
        )

    def _after_queueing(
        self, message: str, record_id: str | None = None, outbox_id: int | None = None
    ) -> None:
        self.ctx.bridge.kick()
        self.reload()
        self.select_record(record_id=record_id, outbox_id=outbox_id)
        self.say(message)

    def selected_row(self) -> RecordRow | None:
        indexes = self.table.selectionModel().selectedRows()
        index = indexes[0] if indexes else self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.visible_count():
            return None
        return self.model.row_at(index.row())

    def select_record(self, record_id: str | None = None, outbox_id: int | None = None) -> bool:
        """Select the row showing this record (by server id or by outbox row)."""
        for view_row in range(self.model.visible_count()):
            row = self.model.row_at(view_row)
            if (record_id and row.id == record_id) or (outbox_id and row.outbox_id == outbox_id):
                self.table.selectRow(view_row)
                self.table.scrollTo(self.model.index(view_row, 0))
                return True
        return False

    def say(self, text: str, error: bool = False) -> None:
        """Show a message under the table and in the window's status bar."""
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        window = self.window()
        notify = getattr(window, "notify", None)
        if callable(notify):
            notify(text)

    def refuse_offline(self, what: str) -> bool:
        """True (and says why) when the last known state is offline."""
        if self._online is False:
            self.say(
                self.tr(
                    "Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión."
                ).format(what),
                error=True,
            )
            return True
        return False

    def run_online(
        self,
        what: str,
        fn: Callable[[GigstackClient], Any],
        on_done: Callable[[Any], None],
        *,
        write_through: Callable[[Any], Any] | None = None,
    ) -> bool:
        """Run a server action for `what` (a Spanish noun phrase); False if refused offline.

        Goes through `ctx.run_op` (page lane, offline gating, dropped if this page is gone).
        `write_through(result)` updates the cache on the lane thread before `on_done`, and
        every page showing this resource hears about it.
        """
        if self.refuse_offline(what):
            return False
        self.say(self.tr("Enviando a gigstack: {0}…").format(what))

        def failed(message: str, _exc: Any) -> None:
            self.say(self.tr("No se pudo completar {0}: {1}").format(what, message), error=True)

        self.ctx.run_op(
            self,
            fn,
            on_done,
            on_error=failed,
            write_through=write_through,
            touches=[self.resource] if write_through is not None else (),
        )
        return True

    # -- one record read again from gigstack (GET /clients/{id}, GET /services/{id}) -----------

    def fetch_one(self, client: GigstackClient, record_id: str, team: str | None) -> Any:
        """The record as gigstack holds it now (runs on the page lane)."""
        raise NotImplementedError

    def add_fetch_action(self) -> QAction:
        """The rows' "Actualizar desde gigstack" (Shift+F5): F5 reads the whole list again;
        this reads only the selected record, so a cashier can check one change at once."""
        return self.add_menu_action(
            "fetchOne", self.tr("Actualizar desde gigstack"), "Shift+F5", self.fetch_selected
        )

    def fetch_selected(self) -> None:
        what = self.tr("actualizar este {0} desde gigstack").format(self.noun)
        row = self.needs_server_row(self.selected_row(), what)
        if row is None or row.id is None:
            return
        record_id, team = row.id, self.ctx.team
        cache, resource, fetch_one = self.ctx.core.cache, self.resource, self.fetch_one

        def call(client: GigstackClient) -> Any:
            from desktop.gigstack.errors import NotFoundError

            try:
                return fetch_one(client, record_id, team)
            except NotFoundError:
                return None  # deleted in gigstack (another till, the web app)

        def write(answer: Any) -> None:
            if answer is None:
                cache.remove(resource, team, [record_id])
            else:
                keep_answer(cache, resource, team, answer)

        def done(answer: Any) -> None:
            self.reload()
            if answer is None:
                self.say(
                    self.tr("Este {0} ya no existe en gigstack; se quitó de la lista.").format(
                        self.noun
                    ),
                    error=True,
                )
                return
            self.select_record(record_id)
            self.say(self.tr("Datos al día desde gigstack."))

        self.run_online(what, call, done, write_through=write)

    def needs_server_row(self, row: RecordRow | None, what: str) -> RecordRow | None:
        """The selected row if it exists on the server; otherwise say why not."""
        if row is None:
            self.say(self.tr("Selecciona un {0} primero.").format(self.noun), error=True)
            return None
        if row.pending_create:
            self.say(
                self.tr(
                    "Este {0} aún no llega a gigstack (pendiente de enviar): {1} podrá hacerse "
                    "cuando se envíe."
                ).format(self.noun, what),
                error=True,
            )
            return None
        return row

    def confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(self)
        box.setObjectName("confirmDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        yes = box.addButton(self.tr("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def _context_menu(self, pos: Any) -> None:
        index: QModelIndex = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        for action in self.actions_menu_items:
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
