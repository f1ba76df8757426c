"""The main window: navigation on the left, one page at a time, the status pill below.

Start-up (issue 12): `run_gui` shows the window's frame first — title, the navigation with
every page's name and shortcut, "Abriendo…" where the page goes — and attaches the core, the
lanes and the pages after that first paint (`attach`, `load_pages`, `open_current_page`).
Nothing here imports httpx, pydantic or a page module at import time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    QTimer,
)
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop.resources import resource
from desktop.ui.page import Page

if TYPE_CHECKING:
    # Annotations only (importing a PySide6 class builds its enums: not before the paint).
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QCloseEvent, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.store.cache import Resource
    from desktop.ui.context import UiContext
    from desktop.ui.notice_bar import NoticeBar
    from desktop.ui.status_pill import StatusPill

# The frame is built and painted before anything touches PySide6's `Qt` namespace: its first
# use builds Python enums for the whole namespace (about a hundred, 15-30 ms here), which a
# bare window never pays. So the frame spells the few Qt values it needs as Qt's own numbers
# (qnamespace.h) and everything else imports `Qt` where it is used, after the first paint.
#: Qt::UserRole.
_USER_ROLE = 0x0100
#: Qt::AlignRight | Qt::AlignVCenter.
_ALIGN_RIGHT_VCENTER = 0x0002 | 0x0080

WINDOW_GEOMETRY = "window/geometry"
DEFAULT_SIZE = QSize(1180, 760)
#: Room the title bar and the window frame take outside the window's own size.
FRAME_ROOM = QSize(16, 40)
#: Up to this width a screen is a counter's monitor: the first start fills it (`first_size`).
COUNTER_SCREEN_WIDTH = 1600
#: Catalogs (clients, services) are read again this often while online, so a product added on
#: another till can be scanned here within minutes (issue 10 §3).
CATALOG_REFRESH_MS = 5 * 60 * 1000
#: The navigation column's width: a page's name and its shortcut side by side.
NAV_WIDTH = 200
#: Next and previous page, wrapping around (every page, whatever its number).
NEXT_PAGE_KEYS = "Ctrl+PgDown"
PREVIOUS_PAGE_KEYS = "Ctrl+PgUp"
#: Item data role holding the shortcut's text (drawn at the item's right edge).
SHORTCUT_ROLE = _USER_ROLE + 1


class NavEntry(NamedTuple):
    """A page as the navigation shows it before its module is imported (the window's frame).

    `title` is the page class's own source text (QT_TRANSLATE_NOOP("Page", ...));
    `desktop.ui.app.NAVIGATION` lists one per page and a test keeps it equal to the classes.
    """

    title: str
    icon_name: str


def page_shortcut(index: int) -> str | None:
    """The keys that open the page at `index` (0-based) in the navigation.

    Ctrl+1…Ctrl+9 and Ctrl+0 for pages 1 to 10 (the digits row, as in browsers and most POS
    software); Alt+1…Alt+9 and Alt+0 for pages 11 to 20. Ctrl+Alt and Ctrl+Shift with a
    digit are left alone: Ctrl+Alt is AltGr on Windows (AltGr+2 types "@" on Spanish
    keyboards) and Shift changes what a digit key sends on most layouts. Every page can also
    be reached with Ctrl+PgDown / Ctrl+PgUp.
    """
    number = index + 1
    if 1 <= number <= 10:
        return f"Ctrl+{number % 10}"
    if 11 <= number <= 20:
        return f"Alt+{(number - 10) % 10}"
    return None


def catalogs() -> list[Resource]:
    """Clients and services: what a till looks up while selling."""
    from desktop.store.cache import Resource

    return [Resource.CLIENTS, Resource.SERVICES]


def first_size(available: QSize) -> QSize:
    """The window's size at its first start on a screen with `available` room (taskbar out).

    A counter's monitor (up to 1600 pixels wide: 1366x768 is the common one) is the till's
    whole screen: the window takes all the room left under the taskbar, title bar included,
    so no strip of desktop shows beside the counter. A bigger screen gets the default size.
    Screens smaller than 1024x600 (Qt's offscreen platform in tests says 800x600) keep the
    default: nothing usable fits there anyway.
    """
    if available.width() < 1024 or available.height() < 600:
        return QSize(DEFAULT_SIZE)
    room = QSize(available.width() - FRAME_ROOM.width(), available.height() - FRAME_ROOM.height())
    if available.width() <= COUNTER_SCREEN_WIDTH:
        return room
    return QSize(min(DEFAULT_SIZE.width(), room.width()), min(DEFAULT_SIZE.height(), room.height()))


#: What gives a page class when called: its module is imported then (`run_gui`'s start, where
#: the frame lists the pages already and only the first page's module is wanted at once).
PageLoader = Callable[[], type[Page]]
#: A page, its class or its loader: built the first time it is shown (issue 12: start near a
#: bare window).
PageSource = Page | type[Page] | PageLoader


def _page_class(source: type[Page] | PageLoader) -> type[Page]:
    return source if isinstance(source, type) else source()


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


class _NavDelegate(QStyledItemDelegate):
    """Draws each page's shortcut at the right of its name, so the keys are seen, not guessed.

    Muted by opacity in the painter's own text colour. Not `QPainter.setPen` nor the style's
    `drawItemText`: resolving setPen's overloads builds the whole `Qt` namespace's enums, and
    `QStyle` its own (10-30 ms together here), in the middle of the window's first paint.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        keys = index.data(SHORTCUT_ROLE)
        if not keys:
            return
        painter.save()
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setBold(False)
        painter.setFont(font)
        painter.setOpacity(0.55)
        rect = option.rect.adjusted(0, 0, -10, 0)
        painter.drawText(rect, _ALIGN_RIGHT_VCENTER, str(keys))
        painter.restore()


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
    """Holds the pages; each has a shortcut (`page_shortcut`), Ctrl+PgDown/PgUp cycle them.

    Two ways to build it:

    - `MainWindow(ctx, pages)`: everything at once (tests, the smoke run, screenshots).
    - `MainWindow(entries=NAVIGATION, demo=..., settings=...)`: the frame only, shown at once;
      then `attach(ctx)`, `load_pages(classes)` and `open_current_page()` on later turns of
      the event loop (`desktop.ui.app.run_gui`). Until then "Abriendo…" holds the page's place
      and a page chosen meanwhile (click or shortcut) is the one opened.
    """

    ctx: UiContext
    pill: StatusPill
    notice_bar: NoticeBar

    def __init__(
        self,
        ctx: UiContext | None = None,
        pages: Sequence[PageSource] | Callable[[], Sequence[PageSource]] = (),
        *,
        first_page_after_paint: bool = False,
        entries: Sequence[NavEntry] = (),
        demo: bool = False,
        settings: QSettings | None = None,
    ) -> None:
        """`first_page_after_paint`: the window paints once with the first page's place empty
        and builds that page right after; tests build it at once. With it, `pages` may be a
        function giving them, called after that paint too (importing every page module is a
        good part of a start).
        """
        super().__init__()
        #: Called with what building the first page raised, when it is built after the paint.
        self.first_page_failed: Callable[[Exception], None] | None = None
        #: Called once the first page is built after the paint (the app settles then).
        self.after_first_page: Callable[[], None] | None = None
        self._attached = False
        self._settings = settings
        self._catalog_timer: QTimer | None = None
        self._status_room: QWidget | None = None
        title = "Mostrador"
        if demo or (ctx is not None and ctx.config.demo):
            title += self.tr(" — modo demo")
        self.setWindowTitle(title)
        self.setWindowIcon(icon("app"))
        screen = self.screen()
        self.resize(first_size(screen.availableGeometry().size()) if screen else DEFAULT_SIZE)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(NAV_WIDTH)
        # The cashier's focus stays on the page: the navigation takes none (set in `attach`,
        # after the first paint; nothing can have the focus before a page is there).
        self.nav.setItemDelegate(_NavDelegate(self.nav))
        self.stack = QStackedWidget()
        # A page class is built when first shown (its widgets, loads and style polish cost
        # start-up time a cashier feels); until then an empty widget holds its place.
        self._sources: list[PageSource] = []
        self.pages: Sequence[Page] = LazyPages(self)
        self._later: Callable[[], Sequence[PageSource]] | None = None
        for entry in entries:
            self._add_nav_item(entry.title, entry.icon_name)
        if entries:
            self._select_silently(0)
        self.nav.currentRowChanged.connect(self._on_nav)
        for keys, step in ((NEXT_PAGE_KEYS, 1), (PREVIOUS_PAGE_KEYS, -1)):
            cycle = QShortcut(QKeySequence(keys), self)
            cycle.activated.connect(lambda step=step: self.cycle_page(step))

        # What the frame shows where the page goes until the first page is built.
        self.opening = QLabel(self.tr("Abriendo…"))
        self.opening.setObjectName("opening")
        # Centred by the style sheet's C++ side (no `Qt` enum before the first paint).
        self.opening.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.opening.setProperty("role", "hint")
        self.opening.setVisible(False)

        right = QWidget()
        self._column = QVBoxLayout(right)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.opening, 1)
        self._column.addWidget(self.stack, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(False)
        if settings is not None:
            self._restore_geometry(settings)
        if ctx is not None:
            self.attach(ctx, pages, first_page_after_paint=first_page_after_paint)
        else:
            self.opening.setVisible(True)
            self.stack.setVisible(False)
            self.statusBar().showMessage(self.opening.text())
            # The status pill (buttons) comes with the core: until then a blank of a button's
            # height keeps the status bar as tall as it will be, so nothing moves when it comes.
            like = QPushButton("Sincronizar ahora")  # never shown: measured only
            like.setObjectName("syncNowButton")  # the pill's tallest part, as styled
            self._status_room = QWidget()
            self._status_room.setFixedSize(1, like.sizeHint().height())
            self.statusBar().addPermanentWidget(self._status_room)

    def attach(
        self,
        ctx: UiContext,
        pages: Sequence[PageSource] | Callable[[], Sequence[PageSource]] = (),
        *,
        first_page_after_paint: bool = False,
    ) -> None:
        """Connect the window to the open core and lanes: notices, the status pill, the
        catalog schedule and (when given) the pages."""
        from PySide6.QtCore import Qt

        from desktop.ui.notice_bar import NoticeArea, NoticeBar
        from desktop.ui.status_pill import StatusPill

        self.ctx = ctx
        self._attached = True
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Notices live in the status bar's row, left of the pill, in a place that is always
        # two lines tall (`NoticeArea`): a notice coming or going never moves a button the
        # cashier is about to click (D5). Not QStatusBar.showMessage: its message area had
        # no room next to the pill, so notices never showed (issue 10 §3).
        self.notice_bar = NoticeBar()
        dismiss = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.notice_bar)
        dismiss.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        dismiss.activated.connect(self.notice_bar.dismiss)
        self.notice_area = NoticeArea(self.notice_bar)  # the bar is never a window of its own
        ctx.notices.posted.connect(self.notice_bar.show_notice)
        self.pill = StatusPill(ctx.core.outbox)
        self.statusBar().addPermanentWidget(self.pill)
        if self._status_room is not None:
            self.statusBar().removeWidget(self._status_room)
            self._status_room.deleteLater()
            self._status_room = None
        self.pill.sync_requested.connect(self.sync_now)
        self.pill.open_queue.connect(lambda: self.show_page_named("queue"))
        self.pill.set_state(ctx.bridge.last_state)
        from desktop.ui.test_mode import show_test_mode

        # A test key (`livemode` false) is said in the title and the status bar (issue 7 §1).
        show_test_mode(self, ctx)
        ctx.bridge.state_changed.connect(self.pill.set_state)
        ctx.bridge.queue_changed.connect(self.pill.refresh)
        # A refresh gigstack answered with an error (a rejected key, a 500) is said, once per
        # pass; being offline is the pill's to say.
        ctx.bridge.refresh_failed.connect(self._refresh_failed)
        # The notices' place, added after the permanent widgets: Qt refuses (with a warning)
        # to insert a permanent widget at index 0 once a normal widget is in the bar.
        self.statusBar().addWidget(self.notice_area, 1)
        if self.statusBar().currentMessage():
            # Added under "Abriendo…": Qt hides it then and, as that hide looks like the app's
            # own, would not show it again when the message clears (no notice would ever show).
            self.notice_area.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
        # The row is as tall as a two-line notice: the pill (and the test-mode badge) keep
        # their own height, centred in it.
        from PySide6.QtWidgets import QSizePolicy

        fixed = QSizePolicy.Policy.Fixed
        for part in self.statusBar().findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if part is not self.notice_area:
                part.setSizePolicy(part.sizePolicy().horizontalPolicy(), fixed)
        if callable(pages) and not isinstance(pages, Sequence):
            if first_page_after_paint:
                self._later = pages
            else:
                self._add_pages(pages())
        else:
            self._add_pages(pages)
        if first_page_after_paint and (
            self._later is not None or (self._sources and not isinstance(self._sources[0], Page))
        ):
            self._select_silently(0)
            self._after_paint = _AfterFirstPaint(self, self._build_first_page)
        elif self._sources:
            self.show_page(0)
        self._catalog_timer = QTimer(self)
        self._catalog_timer.setInterval(CATALOG_REFRESH_MS)
        self._catalog_timer.timeout.connect(self.refresh_catalogs_if_online)
        # Runs while online only: offline, the lanes' probe finds the way back first.
        ctx.bridge.state_changed.connect(self._catalog_schedule)
        if self._settings is None:
            # Window state is what QSettings keeps (the terminal's settings are in config.json).
            self._settings = ctx.settings
            self._restore_geometry(ctx.settings)

    def _refresh_failed(self, message: str) -> None:
        if self.ctx is not None:
            self.ctx.notify(
                self.tr("No se pudo actualizar la copia local de gigstack: {message}").format(
                    message=message
                ),
                "warning",
            )

    def use_settings(self, settings: QSettings) -> None:
        """Keep the window's state in `settings` from now on (demo mode chosen at first run)."""
        self._settings = settings

    def _restore_geometry(self, settings: QSettings) -> None:
        geometry = settings.value(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def page(self, index: int) -> Page:
        """The page at `index` in the navigation, built now if it was not yet."""
        source = self._sources[index]
        if isinstance(source, Page):
            return source
        page = _page_class(source)(self.ctx)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._sources[index] = page
        return page

    def _add_nav_item(self, title: str, icon_name: str) -> None:
        index = self.nav.count()
        # Titles are marked with QT_TRANSLATE_NOOP("Page", ...) where each page declares it.
        item = QListWidgetItem(icon(icon_name), QCoreApplication.translate("Page", title))
        item.setData(_USER_ROLE, title)  # the source text, to translate again
        self.nav.addItem(item)
        keys = page_shortcut(index)
        if keys is None:
            item.setToolTip(item.text())
            return
        # As printed on the keys ("Ctrl+1"): Qt's Spanish translation would say "Control+1",
        # too wide beside the page's name; macOS keeps its own symbols (⌘1).
        text_format = (
            QKeySequence.SequenceFormat.NativeText
            if sys.platform == "darwin"
            else QKeySequence.SequenceFormat.PortableText
        )
        native = QKeySequence(keys).toString(text_format)
        item.setData(SHORTCUT_ROLE, native)
        item.setToolTip(f"{item.text()} ({native})")
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.activated.connect(lambda n=index: self.show_page(n))

    def retranslate_navigation(self) -> None:
        """Page names again in the language installed since the frame was built."""
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            source = item.data(_USER_ROLE)
            if not isinstance(source, str):
                continue
            item.setText(QCoreApplication.translate("Page", source))
            keys = item.data(SHORTCUT_ROLE)
            item.setToolTip(f"{item.text()} ({keys})" if keys else item.text())
        self.opening.setText(self.tr("Abriendo…"))
        if self.opening.isVisible():
            self.statusBar().showMessage(self.opening.text())

    def _add_pages(self, pages: Sequence[PageSource]) -> None:
        first = len(self._sources)
        self._sources.extend(pages)
        for index, page in enumerate(pages, start=first):
            if index >= self.nav.count():  # the frame may list the pages already
                shown = page if isinstance(page, Page) else _page_class(page)
                self._add_nav_item(shown.title, shown.icon_name)
            self.stack.addWidget(page if isinstance(page, Page) else QWidget())

    def _select_silently(self, index: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)

    def load_pages(self, pages: Sequence[PageSource]) -> None:
        """Give the frame its pages (classes or built pages), without showing one yet."""
        row = self.nav.currentRow()
        self.nav.blockSignals(True)
        try:
            self._add_pages(pages)
        finally:
            self.nav.blockSignals(False)
        self._select_silently(row if 0 <= row < len(self._sources) else 0)

    def open_current_page(self) -> None:
        """Build and show the page selected in the navigation (the first one, unless the
        cashier chose another while the app was opening); it takes the focus it wants."""
        index = self.nav.currentRow()
        if not 0 <= index < len(self._sources):
            index = 0
        if 0 <= index < len(self._sources):
            self._select_silently(index)
            self._on_nav(index)

    def _build_first_page(self) -> None:
        try:
            if self._later is not None:
                later, self._later = self._later, None
                self.load_pages(later())
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
        elif 0 <= index < self.nav.count():
            # Still opening: remember the choice; `open_current_page` opens it.
            self._select_silently(index)

    def cycle_page(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next or previous page, wrapping around."""
        count = self.nav.count()
        if count:
            self.show_page((max(self.nav.currentRow(), 0) + step) % count)

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
        if not 0 <= index < len(self._sources):
            return  # still opening: the page is opened once the app is ready
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        if self.opening.isVisible() or not self.stack.isVisibleTo(self):
            self.opening.setVisible(False)
            self.stack.setVisible(True)
            self.statusBar().clearMessage()
        page.activated()

    def sync_now(self) -> None:
        """ "Sincronizar ahora": send the queue and read the catalogs again."""
        self.ctx.bridge.kick()
        self.ctx.bridge.refresh(catalogs())

    def _catalog_schedule(self, state: object) -> None:
        if self._catalog_timer is None:
            return
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
        if self._attached:
            self.pill.stop()
            self.notice_bar.stop()
        if self._catalog_timer is not None:
            self._catalog_timer.stop()
        if self._settings is not None:
            self._settings.setValue(WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
