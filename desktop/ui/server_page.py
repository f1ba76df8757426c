"""What the Facturas, Recibos and Usuarios pages share: a list that lives on gigstack.

Unlike clients, services and payments, these records are not in the local cache: the page asks
gigstack for them when it is shown (and on F5), keeps the last answer on screen when the
connection drops, and says so. Table filtering and sorting happen inside the model
(`RecordTableModel`), the selected record's detail sits beside the table on wide windows and
below it on narrow ones.

Every server action goes through `run()`: refused with a reason while offline, one at a time
per page (busy), the worker's Spanish message on failure, the answer delivered on the GUI
thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.gigstack import GigstackClient
from desktop.ui.context import UiContext
from desktop.ui.layout import (
    WIDE_LAYOUT_PX,
    detail_title,
    fit_detail_to_width,
    list_with_detail,
)
from desktop.ui.manager_pin import confirm_and_authorize
from desktop.ui.page import Page
from desktop.ui.table_model import Column, RecordTableModel

# A list shown again after this long is fetched again (F5 always fetches).
STALE_AFTER_SECONDS = 120.0


@dataclass
class ServerRow:
    """One record as gigstack returned it (JSON-shaped) plus values computed once."""

    record: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.record.get("id") or self.record.get("uuid") or "")


def record_of(model: Any) -> dict[str, Any]:
    """A pydantic answer as a plain JSON-shaped dict (extras kept, None left out)."""
    if isinstance(model, dict):
        return model
    dumped = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return dumped if isinstance(dumped, dict) else {}


def detail_value() -> QLabel:
    value = QLabel()
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    value.setMinimumWidth(120)
    return value


class ServerListPage(Page):
    """Base of the pages whose list is read from gigstack on demand.

    Subclasses implement `columns()`, `search_text()`, `fetch()` (runs on the worker),
    `detail_fields()` and `show_detail()`, and add their buttons to `self.toolbar` /
    `self.detail_actions`.
    """

    noun = "registro"
    # Sales delivered by the sender may add rows here (invoices, receipts): read again then.
    follows_queue = False
    list_width = 780
    detail_width = 360

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self._loaded_at: float | None = None  # None: never loaded, or stale
        self._ever_loaded = False
        self._loading = False
        self.busy = False
        self._extra: Callable[[ServerRow], bool] | None = None
        self.dialog: QWidget | None = None  # the open action dialog (tests look at it)

        self.heading = QLabel(self.title)
        self.heading.setObjectName("pageHeading")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        self.refresh_button = QPushButton(
            QCoreApplication.translate("ServerListPage", "Actualizar")
        )
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(
            QCoreApplication.translate("ServerListPage", "Vuelve a pedir la lista a gigstack (F5)")
        )
        self.refresh_button.clicked.connect(self.reload)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search, 1)
        self.filters = QHBoxLayout()

        self.model: RecordTableModel[ServerRow] = RecordTableModel(
            self.columns(), self.search_text, self
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_detail(self.selected())
        )

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addLayout(self.toolbar)
        left_layout.addLayout(self.filters)
        left_layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.count_label)
        left_layout.addLayout(footer)

        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        self.detail_title = detail_title(scale=1.2)
        detail_layout.addWidget(self.detail_title)
        self.detail_actions = QHBoxLayout()
        self.detail_actions2 = QHBoxLayout()
        detail_layout.addLayout(self.detail_actions)
        detail_layout.addLayout(self.detail_actions2)
        self.action_error = QLabel()
        self.action_error.setObjectName("actionError")
        self.action_error.setProperty("error", True)
        self.action_error.setWordWrap(True)
        self.action_error.hide()
        detail_layout.addWidget(self.action_error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        detail_layout.addWidget(line)
        self.detail_form = QFormLayout()
        self.detail_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.detail_labels: dict[str, QLabel] = {}
        for key, label in self.detail_fields():
            value = detail_value()
            value.setObjectName(f"detail{key[0].upper()}{key[1:]}")
            self.detail_form.addRow(label, value)
            self.detail_labels[key] = value
        detail_layout.addLayout(self.detail_form)
        self.detail_extra = QVBoxLayout()
        detail_layout.addLayout(self.detail_extra)
        detail_layout.addStretch(1)

        self.splitter = list_with_detail(
            left, self.detail, list_width=self.list_width, detail_width=self.detail_width
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        ctx.bridge.queue_changed.connect(self._on_queue_changed)
        QShortcut(QKeySequence("F5"), self, self.reload).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        QShortcut(QKeySequence("Ctrl+F"), self, self.activated).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

    def add_new_shortcut(self, button: QPushButton) -> None:
        """Ctrl+N presses the page's "Nuevo…" button, as on Clientes and Servicios (keyboard
        first); the tooltip says so."""
        QShortcut(QKeySequence("Ctrl+N"), self, button.click).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        button.setToolTip(f"{button.toolTip()} (Ctrl+N)")

    # -- for subclasses ----------------------------------------------------------------------

    def columns(self) -> Sequence[Column[ServerRow]]:
        raise NotImplementedError

    def search_text(self, row: ServerRow) -> str:
        raise NotImplementedError

    def fetch(self, client: GigstackClient) -> list[Any]:
        """Runs on the worker thread: the records to show (pydantic models or dicts)."""
        raise NotImplementedError

    def make_row(self, record: dict[str, Any]) -> ServerRow:
        return ServerRow(record)

    def detail_fields(self) -> Sequence[tuple[str, str]]:
        return ()

    def show_detail(self, row: ServerRow | None) -> None:
        """Fill the detail panel for `row` (None: nothing selected)."""

    def after_load(self) -> None:
        """Called after new rows arrived (filters that depend on the data refill here)."""

    # -- loading -------------------------------------------------------------------------------

    def _on_queue_changed(self) -> None:
        if not self.follows_queue or self._loaded_at is None:
            return
        self._loaded_at = None  # stale: read again when shown
        if self.isVisible() and not self.is_offline():
            self.reload()

    def activated(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
        stale = self._loaded_at is None or time.monotonic() - self._loaded_at > STALE_AFTER_SECONDS
        if stale and not self._loading:
            self.reload()

    def reload(self) -> None:
        """Ask gigstack for the list again (the rows on screen stay until the answer)."""
        if self._loading:
            return
        team = self.ctx.team
        if self.is_offline() and self._ever_loaded:
            self.say(
                QCoreApplication.translate(
                    "ServerListPage",
                    "Sin conexión: se muestra la última lista que llegó de gigstack.",
                ),
                error=True,
            )
        self._loading = True
        self.say(QCoreApplication.translate("ServerListPage", "Consultando gigstack…"))

        def done(records: Any) -> None:
            self._loading = False
            self._loaded_at = time.monotonic()
            self._ever_loaded = True
            self.set_records([record_of(r) for r in records])
            self.say("")

        def failed(message: str, _exc: Any) -> None:
            self._loading = False
            if not self._ever_loaded:
                text = QCoreApplication.translate(
                    "ServerListPage", "No se pudo traer la lista: {0}"
                ).format(message)
            else:
                text = QCoreApplication.translate(
                    "ServerListPage", "No se pudo actualizar; se muestra la lista anterior. {0}"
                ).format(message)
            self.say(text, error=True)

        # A read the person asked for: tried even when the last call failed (it may be back).
        self.ctx.run_op(
            self,
            lambda c: self.fetch_for(c, team),
            done,
            on_error=failed,
            needs_online=False,
            busy=[self.refresh_button],
        )

    def fetch_for(self, client: GigstackClient, team: str | None) -> list[Any]:
        del team  # subclasses that need it read self.ctx.team at call time (GUI thread)
        return self.fetch(client)

    def set_records(self, records: list[dict[str, Any]]) -> None:
        before = self.selected()
        self.model.set_rows([self.make_row(r) for r in records])
        self.after_load()
        self.apply_filters()
        if before is not None and self.select_id(before.id):
            return
        self.show_detail(self.selected())

    def replace_record(self, record: dict[str, Any]) -> ServerRow:
        """Put one record the server just returned into the list (merged with what we knew)."""
        new = self.make_row(record)
        rows = self.model.all_rows()
        for index, row in enumerate(rows):
            if row.id and row.id == new.id:
                new = self.make_row({**row.record, **record})
                rows[index] = new
                break
        else:
            rows.insert(0, new)
        self.model.set_rows(rows)
        self.after_load()
        self.apply_filters()
        if not self.select_id(new.id):
            self.search.clear()
            self.clear_filters()
            self.select_id(new.id)
        self.show_detail(self.selected())
        return new

    def clear_filters(self) -> None:
        """Reset the page's filters so a record just acted on is visible."""

    # -- filters -----------------------------------------------------------------------------

    def set_extra_filter(self, extra: Callable[[ServerRow], bool] | None) -> None:
        self._extra = extra
        self.apply_filters()

    def apply_filters(self) -> None:
        selected = self.selected()
        self.model.set_filter(self.search.text(), self._extra)
        if selected is not None:
            self.select_id(selected.id)
        self.update_count()

    def update_count(self) -> None:
        total, shown = len(self.model.all_rows()), self.model.visible_count()
        if shown == total:
            self.count_label.setText(
                QCoreApplication.translate("ServerListPage", "{0} en total").format(total)
            )
        else:
            self.count_label.setText(
                QCoreApplication.translate("ServerListPage", "{0} de {1}").format(shown, total)
            )

    # -- selection ----------------------------------------------------------------------------

    def selected(self) -> ServerRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_id(self, record_id: str) -> bool:
        for view_row in range(self.model.rowCount()):
            if self.model.row_at(view_row).id == record_id:
                index = self.model.index(view_row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    # -- actions ------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("level", "bad" if error and text else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def say_in_detail(self, text: str | None) -> None:
        self.action_error.setText(text or "")
        self.action_error.setVisible(bool(text))

    def is_offline(self) -> bool:
        """The last call or probe could not reach gigstack."""
        return self.ctx.bridge.online is False

    def offline_reason(self, what: str) -> str | None:
        if self.is_offline():
            return QCoreApplication.translate(
                "ServerListPage",
                "Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión.",
            ).format(what)
        return None

    def run(
        self,
        what: str,
        fn: Callable[[GigstackClient], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        busy: Sequence[QWidget] = (),
    ) -> bool:
        """Run one server action for `what` (a Spanish phrase); False when refused now.

        Goes through `ctx.run_op` (offline gating, busy widgets, one error map, the page's
        lifetime); `on_error` gets the sentence to show, `busy` is disabled meanwhile.
        """
        reason = self.offline_reason(what)
        if reason is None and self.busy:
            reason = QCoreApplication.translate(
                "ServerListPage", "Espera a que termine la operación anterior."
            )
        if reason:
            if on_error is not None:
                on_error(reason)
            else:
                self.say_in_detail(reason)
                self.say(reason, error=True)
            return False
        self.busy = True
        self.say_in_detail(None)
        self.say(
            QCoreApplication.translate("ServerListPage", "Enviando a gigstack: {0}…").format(what)
        )

        def done(result: Any) -> None:
            self.busy = False
            self.say("")
            on_done(result)

        def failed(message: str, _exc: Any) -> None:
            self.busy = False
            text = QCoreApplication.translate("ServerListPage", "No se pudo {0}: {1}").format(
                what, message
            )
            self.say(text, error=True)
            if on_error is not None:
                on_error(text)
            else:
                self.say_in_detail(text)

        self.ctx.run_op(self, fn, done, on_error=failed, busy=busy)
        return True

    def confirm(self, title: str, text: str, ok_text: str, action: str = "") -> bool:
        """Yes/no (safe default), then the manager PIN when one is set."""
        return confirm_and_authorize(self, title, text, ok_text, action)

    def notify(self, text: str) -> None:
        notify = getattr(self.window(), "notify", None)
        if callable(notify):
            notify(text)
        self.say(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_detail_to_width(
            self.splitter,
            event.size().width(),
            wide_from=WIDE_LAYOUT_PX,
            detail_width=self.detail_width,
            narrow=[max(200, event.size().height() - 300), 300],
        )
