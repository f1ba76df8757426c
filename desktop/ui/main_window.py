"""The main window: navigation on the left, one page at a time, the status pill below."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.resources import resource

if TYPE_CHECKING:
    from desktop.store.cache import Resource
from desktop.ui.context import UiContext
from desktop.ui.notice_bar import NoticeBar
from desktop.ui.page import Page
from desktop.ui.status_pill import StatusPill

WINDOW_GEOMETRY = "window/geometry"
DEFAULT_SIZE = QSize(1180, 760)
#: Room the title bar and the window frame take outside the window's own size.
FRAME_ROOM = QSize(16, 40)
#: Catalogs (clients, services) are read again this often while online, so a product added on
#: another till can be scanned here within minutes (issue 10 §3).
CATALOG_REFRESH_MS = 5 * 60 * 1000


def catalogs() -> list[Resource]:
    """Clients and services: what a till looks up while selling."""
    from desktop.store.cache import Resource

    return [Resource.CLIENTS, Resource.SERVICES]


def first_size(available: QSize) -> QSize:
    """The window's size at its first start on a screen with `available` room (taskbar out).

    On a 1366x768 laptop (about 1366x728 available) the window must fit with its title bar:
    the default is shrunk to the room left. Screens smaller than 1024x600 (Qt's offscreen
    platform in tests says 800x600) keep the default: nothing usable fits there anyway.
    """
    if available.width() < 1024 or available.height() < 600:
        return QSize(DEFAULT_SIZE)
    return QSize(
        min(DEFAULT_SIZE.width(), available.width() - FRAME_ROOM.width()),
        min(DEFAULT_SIZE.height(), available.height() - FRAME_ROOM.height()),
    )


#: A page, or its class: built the first time it is shown (issue 12: start near a bare window).
PageSource = Page | type[Page]


class _AfterFirstPaint(QObject):
    """Runs `then` once, on the event loop's next turn after `window`'s first paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class LazyPages(Sequence[Page]):
    """The window's pages in navigation order; a page still unbuilt is built when asked for."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __len__(self) -> int:
        return len(self._window._sources)

    def __getitem__(self, index: int) -> Page:  # type: ignore[override]
        return self._window.page(index)

    def __iter__(self) -> Iterator[Page]:
        return (self._window.page(i) for i in range(len(self)))


def icon(name: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(QMainWindow):
    """Holds the pages; Ctrl+1…Ctrl+9 jump between them (keyboard first)."""

    def __init__(
        self,
        ctx: UiContext,
        pages: Sequence[PageSource] | Callable[[], Sequence[PageSource]],
        *,
        first_page_after_paint: bool = False,
    ) -> None:
        """`first_page_after_paint`: the window paints once with the first page's place empty
        and builds that page right after (the app's start: issue 12); tests build it at once.
        With it, `pages` may be a function giving them, called after that paint too (importing
        every page module is a good part of a start).
        """
        super().__init__()
        self.ctx = ctx
        #: Called with what building the first page raised, when it is built after the paint.
        self.first_page_failed: Callable[[Exception], None] | None = None
        #: Called once the first page is built after the paint (the app settles then).
        self.after_first_page: Callable[[], None] | None = None
        title = "Mostrador"
        if ctx.config.demo:
            title += self.tr(" — modo demo")
        self.setWindowTitle(title)
        self.setWindowIcon(icon("app"))
        screen = self.screen()
        self.resize(first_size(screen.availableGeometry().size()) if screen else DEFAULT_SIZE)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cashier's focus stays on the page
        self.stack = QStackedWidget()
        # A page class is built when first shown (its widgets, loads and style polish cost
        # start-up time a cashier feels); until then an empty widget holds its place.
        self._sources: list[PageSource] = []
        self.pages: Sequence[Page] = LazyPages(self)
        self._later: Callable[[], Sequence[PageSource]] | None = None
        if callable(pages) and not isinstance(pages, Sequence):
            if first_page_after_paint:
                self._later = pages
            else:
                self._add_pages(pages())
        else:
            self._add_pages(pages)
        self.nav.currentRowChanged.connect(self._on_nav)

        # Notices get their own line under the pages (the status bar's message area had no
        # room next to the pill, so notices never showed: issue 10 §3).
        self.notice_bar = NoticeBar()
        ctx.notices.posted.connect(self.notice_bar.show_notice)
        dismiss = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.notice_bar)
        dismiss.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        dismiss.activated.connect(self.notice_bar.dismiss)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.notice_bar)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.pill = StatusPill(ctx.core.outbox)
        self.statusBar().addPermanentWidget(self.pill)
        self.statusBar().setSizeGripEnabled(False)
        self.pill.sync_requested.connect(self.sync_now)
        self.pill.open_queue.connect(lambda: self.show_page_named("queue"))
        self.pill.set_state(ctx.bridge.last_state)
        ctx.bridge.state_changed.connect(self.pill.set_state)
        ctx.bridge.queue_changed.connect(self.pill.refresh)
        if first_page_after_paint and (
            self._later is not None or (self._sources and not isinstance(self._sources[0], Page))
        ):
            self._select_silently(0)
            self._after_paint = _AfterFirstPaint(self, self._build_first_page)
        else:
            self.show_page(0)
        self._catalog_timer = QTimer(self)
        self._catalog_timer.setInterval(CATALOG_REFRESH_MS)
        self._catalog_timer.timeout.connect(self.refresh_catalogs_if_online)
        # Runs while online only: offline, the lanes' probe finds the way back first.
        ctx.bridge.state_changed.connect(self._catalog_schedule)
        # Window state is what QSettings keeps (the terminal's settings are in config.json).
        geometry = ctx.settings.value(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def page(self, index: int) -> Page:
        """The page at `index` in the navigation, built now if it was not yet."""
        source = self._sources[index]
        if isinstance(source, Page):
            return source
        page = source(self.ctx)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._sources[index] = page
        return page

    def _add_pages(self, pages: Sequence[PageSource]) -> None:
        first = len(self._sources)
        self._sources.extend(pages)
        for number, page in enumerate(pages, start=first + 1):
            # Titles are marked with QT_TRANSLATE_NOOP("Page", ...) where each page declares it.
            title = QCoreApplication.translate("Page", page.title)
            item = QListWidgetItem(icon(page.icon_name), title)
            self.nav.addItem(item)
            self.stack.addWidget(page if isinstance(page, Page) else QWidget())
            if number > 9:  # Ctrl+1…Ctrl+9 only; later pages are a click away
                continue
            item.setToolTip(f"Ctrl+{number}")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number - 1: self.show_page(n))

    def _select_silently(self, index: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)

    def _build_first_page(self) -> None:
        try:
            if self._later is not None:
                later, self._later = self._later, None
                self.nav.blockSignals(True)
                try:
                    self._add_pages(later())
                finally:
                    self.nav.blockSignals(False)
                self._select_silently(0)
            index = self.nav.currentRow()
            if 0 <= index < len(self._sources) and not isinstance(self._sources[index], Page):
                self._on_nav(index)
        except Exception as exc:
            # A start-up fault (missing SAT catalogs...) now comes after the window showed:
            # the app shell says it and exits as it would have before showing.
            if self.first_page_failed is None:
                raise
            self.first_page_failed(exc)
            return
        if self.after_first_page is not None:
            self.after_first_page()

    def built_pages(self) -> list[Page]:
        """The pages built so far (others have not been shown yet)."""
        return [p for p in self._sources if isinstance(p, Page)]

    def show_page(self, index: int) -> None:
        if 0 <= index < len(self._sources):
            self.nav.setCurrentRow(index)

    def show_page_named(self, object_name: str) -> None:
        # Built pages first; an unbuilt one is known by its object name only once built.
        candidates = sorted(
            range(len(self._sources)), key=lambda i: not isinstance(self._sources[i], Page)
        )
        for index in candidates:
            if self.page(index).objectName() == object_name:
                self.show_page(index)
                return

    def _on_nav(self, index: int) -> None:
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        page.activated()

    def sync_now(self) -> None:
        """ "Sincronizar ahora": send the queue and read the catalogs again."""
        self.ctx.bridge.kick()
        self.ctx.bridge.refresh(catalogs())

    def _catalog_schedule(self, state: object) -> None:
        online = getattr(state, "online", None)
        if online is True and not self._catalog_timer.isActive():
            self._catalog_timer.start()
        elif online is False:
            self._catalog_timer.stop()

    def refresh_catalogs_if_online(self) -> None:
        """The schedule's turn: read clients and services again unless known to be offline
        (the lanes' probe brings the connection back; the next turn reads then)."""
        if self.ctx.bridge.last_state.online is not False:
            self.ctx.bridge.refresh(catalogs())

    def notify(self, message: str, level: str = "info") -> None:
        """Older pages call this through `window().notify(text)`; new code: `ctx.notify`."""
        self.ctx.notify(message, level if isinstance(level, str) else "info")

    def closeEvent(self, event: QCloseEvent) -> None:
        # Pending rows are on disk already; the app shell joins the lanes on exit.
        self.pill.stop()
        self.notice_bar.stop()
        self._catalog_timer.stop()
        self.ctx.settings.setValue(WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
