"""The main window: navigation on the left, one page at a time, the status pill below."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt
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
from desktop.ui.context import UiContext
from desktop.ui.notice_bar import NoticeBar
from desktop.ui.page import Page
from desktop.ui.status_pill import StatusPill

WINDOW_GEOMETRY = "window/geometry"


def icon(name: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(QMainWindow):
    """Holds the pages; Ctrl+1…Ctrl+9 jump between them (keyboard first)."""

    def __init__(self, ctx: UiContext, pages: list[Page]) -> None:
        super().__init__()
        self.ctx = ctx
        title = "Mostrador"
        if ctx.config.demo:
            title += self.tr(" — modo demo")
        self.setWindowTitle(title)
        self.setWindowIcon(icon("app"))
        self.resize(1180, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cashier's focus stays on the page
        self.stack = QStackedWidget()
        self.pages = pages
        for number, page in enumerate(pages, start=1):
            # Titles are marked with QT_TRANSLATE_NOOP("Page", ...) where each page declares it.
            title = QCoreApplication.translate("Page", page.title)
            item = QListWidgetItem(icon(page.icon_name), title)
            self.nav.addItem(item)
            self.stack.addWidget(page)
            if number > 9:  # Ctrl+1…Ctrl+9 only; later pages are a click away
                continue
            item.setToolTip(f"Ctrl+{number}")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number - 1: self.show_page(n))
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
        self.pill.sync_requested.connect(ctx.bridge.kick)
        self.pill.open_queue.connect(lambda: self.show_page_named("queue"))
        self.pill.set_state(ctx.bridge.last_state)
        ctx.bridge.state_changed.connect(self.pill.set_state)
        ctx.bridge.queue_changed.connect(self.pill.refresh)
        self.show_page(0)
        # Window state is what QSettings keeps (the terminal's settings are in config.json).
        geometry = ctx.settings.value(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def show_page(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self.nav.setCurrentRow(index)

    def show_page_named(self, object_name: str) -> None:
        for index, page in enumerate(self.pages):
            if page.objectName() == object_name:
                self.show_page(index)
                return

    def _on_nav(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.pages[index].activated()

    def notify(self, message: str, level: str = "info") -> None:
        """Older pages call this through `window().notify(text)`; new code: `ctx.notify`."""
        self.ctx.notify(message, level if isinstance(level, str) else "info")

    def closeEvent(self, event: QCloseEvent) -> None:
        # Pending rows are on disk already; the app shell joins the lanes on exit.
        self.pill.stop()
        self.notice_bar.stop()
        self.ctx.settings.setValue(WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
