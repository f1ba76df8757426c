"""The Qt application shell: one instance per data folder, first run, worker, window, exit.

`AppShell` builds everything for a config and an API key and tears it down again; tests use it
directly (with the sandbox) and `run_gui()` wraps it with a QApplication and its event loop.

`run_gui` starts in two halves (issue 12: start near a bare Qt window). Before the first paint:
the QApplication, the style, the data folder's instance lock, its interface language when it is
not Spanish (`frame_language`: config.json read without `desktop.config`, so the frame paints
in that language) and the main window's frame (the navigation from `NAVIGATION`, "Abriendo…"
where the page goes). After it, one step per turn of the event loop (`Startup`): the folder's
configuration, the key (read from the OS keychain on a thread of its own: keyring's imports
and calls never hold the window) or the first-run dialog, demo mode's sandbox, then
`AppShell`'s own steps (database, pydantic and httpx, the lanes, the page modules, the first
page with its focus). A fault in any step is the same dialog and exit code as before the
window existed.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import logging
import signal
import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDir,
    QEvent,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.resources import resource
from desktop.ui.main_window import MainWindow, NavEntry
from desktop.ui.page import Page

if TYPE_CHECKING:
    # Loaded by the steps that need them (after the first paint), not by importing this module:
    # the configuration too (config.json, its checks, SQLite's error types).
    from desktop.app import Core
    from desktop.config import AppConfig, TerminalConfig
    from desktop.sandbox import Sandbox
    from desktop.sync.lock import SenderLock
    from desktop.ui.context import UiContext
    from desktop.ui.lanes import Lanes

log = logging.getLogger(__name__)

LOCK_FILENAME = "mostrador.lock"
#: Exit code when Mostrador cannot open (a dialog said why).
STARTUP_FAILED_EXIT = 3
SETTINGS_FILENAME = "settings.ini"
#: Demo mode keeps its data in this subfolder (`desktop.demo.DEMO_SUBDIR`, which imports the
#: sandbox: not before the first paint; a test keeps both equal).
DEMO_SUBDIR = "demo"
#: When the window has not painted by then (started minimized, a platform that never exposes
#: it), the start goes on anyway.
PAINT_WAIT_MS = 1500
#: How often a start step waiting for the preload thread looks again.
WAIT_STEP_MS = 10

#: The navigation as the window's frame shows it before any page module is imported: the same
#: order, titles (QT_TRANSLATE_NOOP("Page", ...) source texts) and icons as `page_classes()`.
#: tests/ui/test_startup_frame.py keeps the two equal.
NAVIGATION = (
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Mostrador")), "counter"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Pagos")), "payments"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Turno")), "shift"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Reportes")), "reports"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Facturas")), "invoices"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Recibos")), "receipts"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Clientes")), "clients"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Servicios")), "services"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Cola")), "queue"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Equipo")), "team"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Usuarios")), "users"),
    NavEntry(str(QT_TRANSLATE_NOOP("Page", "Ajustes")), "settings"),
)


class AlreadyRunningError(RuntimeError):
    """Another Mostrador already has this data folder open."""


class StartupError(RuntimeError):
    """Mostrador cannot open: `message` says why, in Spanish, for a dialog.

    Attributes:
        message: What happened and what to do (es-MX).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def startup_message(exc: BaseException, data_dir: Path) -> str | None:
    """What to tell a person about a failure while opening; None for a bug (a traceback)."""
    import sqlite3

    from desktop.store.errors import StorageError

    if isinstance(exc, StartupError):
        return exc.message
    if isinstance(exc, StorageError):  # carries its own Spanish message (file and reason)
        return exc.message
    if isinstance(exc, sqlite3.Error):
        from desktop.ui.ops import storage_message

        return QCoreApplication.translate(
            "AppShell", "No se pudo abrir la base de datos local ({path}): {reason}."
        ).format(path=data_dir, reason=storage_message(exc))
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "AppShell", "No se pudo usar la carpeta de datos {path}: {reason}."
        ).format(path=data_dir, reason=exc.strerror or type(exc).__name__)
    if type(exc).__name__ == "CatalogUnavailableError":
        return QCoreApplication.translate(
            "AppShell",
            "Faltan los catálogos del SAT que vienen con Mostrador (la instalación está "
            "incompleta). Reinstala Mostrador. Detalle: {detail}",
        ).format(detail=exc)
    return None


def build_pages(ctx: UiContext) -> list[Page]:
    """Every page of the navigation, built now (the window builds `page_classes()` lazily)."""
    return [cls(ctx) for cls in page_classes()]


#: Each page's module and class, in navigation order: `page_loaders()` imports a page's module
#: when the page is first shown (tests/ui/test_startup_frame.py keeps it equal to
#: `page_classes()`, whose explicit imports are also what PyInstaller follows).
PAGE_MODULES = (
    ("desktop.ui.counter_page", "CounterPage"),
    ("desktop.ui.payments_page", "PaymentsPage"),
    ("desktop.ui.shift_page", "ShiftPage"),
    ("desktop.ui.reports_page", "ReportsPage"),
    ("desktop.ui.invoices_page", "InvoicesPage"),
    ("desktop.ui.receipts_page", "ReceiptsPage"),
    ("desktop.ui.clients_page", "ClientsPage"),
    ("desktop.ui.services_page", "ServicesPage"),
    ("desktop.ui.queue_page", "QueuePage"),
    ("desktop.ui.team_page", "TeamPage"),
    ("desktop.ui.users_page", "UsersPage"),
    ("desktop.ui.settings_page", "SettingsPage"),
)

#: Qt-free modules the shell and the first page need (pydantic, the API's models, httpx, the
#: sender, the sale and fiscal rules: about half a second of imports on a slow till). `run_gui`
#: imports them on a thread right after the first paint, while the GUI thread reads the
#: configuration and opens the database, so no step of the start freezes the window for that
#: long. Nothing below `desktop.ui` imports Qt (ruff TID251 and import-linter say so), so these
#: are safe off the GUI thread. A name missing here only costs speed: the real import follows.
PRELOAD_MODULES = (
    "pydantic",
    "desktop.gigstack.models",
    "httpx",
    "desktop.gigstack.client",
    "desktop.sync.sender",
    "desktop.sync.refresher",
    "desktop.sales",
    "desktop.fiscal.outcome",
    "desktop.records",
    "desktop.records.receipts",
    "desktop.payment_rules",
    "desktop.rules.clients",
    "desktop.rules.teams",
    "desktop.pin",
    "segno",
)

#: Qt modules the counter page imports, biggest first: imported one per turn of the event loop
#: before the counter's own module, so no single step holds the window for their sum. Only
#: speed depends on this list: a module missing from it is imported by the page as usual.
FIRST_PAGE_WARMUP = (
    "desktop.ui.table_model",
    "desktop.ui.record_page",
    "desktop.ui.client_dialog",
    "desktop.ui.ticket",
    "desktop.ui.sale_tickets",
    "desktop.ui.counter_client_box",
    "desktop.ui.counter_checkout",
)


def page_loaders() -> list[Callable[[], type[Page]]]:
    """One loader per page (navigation order): called, it imports the page's module."""

    def loader(module: str, name: str) -> Callable[[], type[Page]]:
        def load() -> type[Page]:
            cls = getattr(importlib.import_module(module), name)
            assert isinstance(cls, type) and issubclass(cls, Page)
            return cls

        return load

    return [loader(module, name) for module, name in PAGE_MODULES]


class Background:
    """Runs `fn` once on a daemon thread (Qt-free work only); `done`, then `result()`."""

    def __init__(self, fn: Callable[[], object], name: str) -> None:
        self._fn = fn
        self._value: object = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> object:
        """What `fn` returned; raises what it raised (call once `done`)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # handed to the GUI thread by result()
            self._error = exc


def preload(modules: tuple[str, ...] = PRELOAD_MODULES) -> Background:
    """Import `modules` on a thread; a failure is left for the real import to report."""

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:
                # The GUI thread imports it again when it needs it, and says what is wrong.
                log.debug("preload of %s failed", name, exc_info=True)

    return Background(run, "preload")


def warm_up(name: str) -> None:
    """Import a module ahead of the page that needs it; a missing one is not an error here."""
    try:
        importlib.import_module(name)
    except ImportError:
        log.debug("warm-up of %s failed", name, exc_info=True)


def page_classes() -> list[type[Page]]:
    """The navigation, in order; the main window builds each page when first shown."""
    from desktop.ui.clients_page import ClientsPage
    from desktop.ui.counter_page import CounterPage
    from desktop.ui.invoices_page import InvoicesPage
    from desktop.ui.payments_page import PaymentsPage
    from desktop.ui.queue_page import QueuePage
    from desktop.ui.receipts_page import ReceiptsPage
    from desktop.ui.reports_page import ReportsPage
    from desktop.ui.services_page import ServicesPage
    from desktop.ui.settings_page import SettingsPage
    from desktop.ui.shift_page import ShiftPage
    from desktop.ui.team_page import TeamPage
    from desktop.ui.users_page import UsersPage

    return [
        CounterPage,
        PaymentsPage,
        ShiftPage,
        ReportsPage,
        InvoicesPage,
        ReceiptsPage,
        ClientsPage,
        ServicesPage,
        QueuePage,
        TeamPage,
        UsersPage,
        SettingsPage,
    ]


def take_folder_lock(data_dir: Path) -> QLockFile:
    """The data folder's instance lock: one Mostrador per folder (creates the folder).

    Raises:
        AlreadyRunningError: Another Mostrador holds it.
        StartupError: The folder cannot be written (never reported as "already open").
        OSError: The folder cannot be created.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    # A lock left by a killed process is taken over (QLockFile checks the owner's pid).
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise AlreadyRunningError(str(data_dir))
        # Not "already open": the folder cannot be written (permissions, read-only disk).
        raise StartupError(
            QCoreApplication.translate(
                "AppShell",
                "Mostrador no puede escribir en su carpeta de datos ({path}). Revisa los "
                "permisos de la carpeta o elige otra con --data-dir.",
            ).format(path=data_dir)
        )
    return lock


def window_settings(data_dir: Path) -> QSettings:
    """The folder's window state (`settings.ini`; the terminal's settings are in config.json)."""
    return QSettings(str(data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)


class AppShell:
    """Everything one running window needs, built in order and closed in reverse.

    A failure half-way (a damaged database, missing SAT catalogs) closes what was built and
    re-raises, so the caller can show a dialog and exit cleanly: no thread left running.

    Args:
        config: Where the data lives and which API to talk to.
        api_key: The key to use (from the keychain, the first-run dialog or the sandbox).
        window: A main window frame already on screen (`run_gui`): the shell attaches to it
            and gives it its pages. Without it the shell builds its own window.
        lock: The folder's instance lock, already taken (`take_folder_lock`); the shell
            releases it on close.
        settings: The folder's window settings, already open.
        step_by_step: Open nothing yet: the caller runs `open_step()` until it returns False
            (one step per turn of the event loop, so the window keeps painting).
    """

    def __init__(
        self,
        config: AppConfig,
        api_key: str,
        *,
        first_page_after_paint: bool = False,
        window: MainWindow | None = None,
        lock: QLockFile | None = None,
        settings: QSettings | None = None,
        step_by_step: bool = False,
    ) -> None:
        self.config = config
        self._first_page_after_paint = first_page_after_paint
        self._closed = False
        self.opened = False
        #: True on the step before the first page is built (`run_gui` warms its imports then).
        self.pages_next = False
        # What is open so far, undone in reverse if opening fails half-way (and on close).
        self._undo: list[Callable[[], object]] = []
        if window is not None:
            self.window = window
        if lock is not None:
            self.lock = lock
            self._undo.append(lock.unlock)
        if settings is not None:
            self.settings = settings
        self._steps = self._open(config, api_key)
        if not step_by_step:
            while self.open_step():
                pass

    def open_step(self) -> bool:
        """Run the next step of opening; False once everything is open (or closed).

        A failure closes what was opened so far and re-raises.
        """
        if self._closed or self.opened:
            return False
        try:
            next(self._steps)
        except StopIteration:
            self.opened = True
            return False
        except BaseException:
            self._undo_all()
            raise
        return True

    def _undo_all(self) -> None:
        self._closed = True
        while self._undo:
            undo = self._undo.pop()
            try:
                undo()
            except Exception:
                log.exception("while closing what was opened")

    def _open(self, config: AppConfig, api_key: str) -> Iterator[None]:
        if not hasattr(self, "lock"):
            self.lock = take_folder_lock(config.data_dir)
            self._undo.append(self.lock.unlock)
        from desktop.app import open_core
        from desktop.sync.lock import SenderLock

        # The same lock as `python -m desktop sync`: one sender per data folder, across both.
        # Taken (and retried every few seconds while a CLI `sync` holds it) by the lanes.
        self.sender_lock: SenderLock = SenderLock(config.data_dir)
        self._undo.append(self.sender_lock.release)
        self.core: Core = open_core(config)
        self._undo.append(self.core.close)
        yield
        # pydantic and the API's shapes: the biggest import of a start, a step of its own.
        import desktop.gigstack.models  # noqa: F401

        yield
        from desktop.ui.context import UiContext
        from desktop.ui.lanes import Lanes

        yield
        self.bridge: Lanes = Lanes(
            api_key=api_key,
            base_url=config.api_url,
            team=config.team,
            outbox=self.core.outbox,
            cache=self.core.cache,
            acquire_sender_lock=self._acquire_sender_lock,
        )
        self._undo.append(self.bridge.shutdown)
        if not hasattr(self, "settings"):
            self.settings = window_settings(config.data_dir)
        self._undo.append(self.settings.sync)
        from desktop.gigstack.keyinfo import KeyInfo

        # The key's claims only (test mode, "my team"); the key itself stays in the lanes.
        key_info = KeyInfo.from_key(api_key)
        self.ctx: UiContext = UiContext(
            self.core, self.bridge, config, self.settings, key_info=key_info
        )
        self.bridge.start()
        if hasattr(self, "window"):
            # The frame already on screen: its pages come in the next steps, and only the page
            # it opens on has its module imported now (the others when first shown).
            self.window.attach(self.ctx)
            self._say_if_read_only()
            self.window.load_pages(page_loaders())
            self.pages_next = True
            yield
            self.pages_next = False
            self.window.open_current_page()
            yield
            # The first refresh after the page is up: its parsing (page-lane threads) would
            # otherwise share the interpreter with building the page.
            self.bridge.refresh()
            return
        self.bridge.refresh()
        after_paint = self._first_page_after_paint
        self.window = MainWindow(
            self.ctx,
            page_classes if after_paint else page_classes(),
            first_page_after_paint=after_paint,
        )
        self._say_if_read_only()

    def _say_if_read_only(self) -> None:
        from desktop.store.errors import read_only

        if self.core.db.read_only:
            # Opened read-only (permissions, a read-only disk): looking things up works, saving
            # a sale does not. Said at once and kept on screen, not discovered at F12.
            self.ctx.notify(read_only(self.core.db.path).message, "error")

    def _acquire_sender_lock(self) -> bool:
        try:
            return self.sender_lock.try_acquire()
        except OSError:
            log.exception("cannot take the sender lock")
            return False

    def close(self) -> None:
        """Stop and join the lanes, close the database, release the locks. Idempotent.

        Also for a shell still opening (`step_by_step`): what was opened so far is closed.
        """
        if self._closed and not self._undo:
            return
        window = getattr(self, "window", None)
        if window is not None:
            window.close()
            # Page timers must not fire into a closed database while the event loop winds down.
            for timer in window.findChildren(QTimer):
                timer.stop()
        self._undo_all()


def settle_after_start() -> None:
    """Once the window is up with its first page (`run_gui` calls this then).

    Everything built so far (modules, classes, Qt wrappers, pydantic schemas, the first page)
    lives as long as the app: `gc.freeze()` takes it out of the collector's sight, so a full
    collection during a 50k refresh walks only what came after (issue 12: it was the 40 ms+
    GUI pause; measured 41 -> 8 ms max). Refcounting still frees these objects; only a cycle
    among them would wait for the exit. Not done by `AppShell` itself: a test process opens
    hundreds of shells and would keep each one's cycles.
    """
    gc.freeze()


def install_translations(app: QApplication, settings: QSettings | str | None) -> list[QTranslator]:
    """Spanish is the source language; English (or another) loads a compiled .qm.

    `settings`: the language code (from `interface_language`), or a QSettings still holding
    "ui/language" (older callers), or None for Spanish. Returns the translators installed.
    """
    if isinstance(settings, str):
        language = settings or "es"
    else:
        language = str(settings.value("ui/language", "es")) if settings is not None else "es"
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    # Added with the translations: Qt's own texts (QMessageBox "Yes"/"No", context menus)
    # follow the chosen language too, when the bundle ships qtbase_<lang>.qm.
    installed: list[QTranslator] = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language == "es":
        # qtbase_es is Spain's Spanish ("fichero") and leaves some dialog texts in English
        # ("Look in:", "Files of type:"): our es-MX corrections (resources/i18n/
        # qtbase_es_MX.ts) go in after it, and Qt asks the newest translator first.
        mexican = QTranslator(app)
        if mexican.load(str(resource("i18n", "qtbase_es_MX.qm"))):
            app.installTranslator(mexican)
            installed.append(mexican)
        else:
            log.warning("Qt's es-MX corrections (qtbase_es_MX.qm) not found")
        return installed
    translator = QTranslator(app)
    if translator.load(str(resource("i18n", f"mostrador_{language}.qm"))):
        app.installTranslator(translator)
        installed.append(translator)
        QLocale.setDefault(QLocale(language))
    else:
        log.warning("no translation for %s", language)
    return installed


def apply_style(app: QApplication) -> None:
    # Added with the stylesheet: style.qss refers to its images as "icons:<name>.svg".
    QDir.addSearchPath("icons", str(resource("icons")))
    style = resource("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


@dataclasses.dataclass(frozen=True)
class Launch:
    """What the app needs before its first paint; its configuration is read after that paint.

    Attributes:
        data_dir: The data folder (flag > `MOSTRADOR_DATA_DIR` > the per-user default), before
            demo mode's own subfolder.
        demo: Demo mode.
        resolve: Gives the whole `AppConfig` (flags > environment > config.json > defaults),
            with the same `data_dir` and `demo`; called on the first step after the paint.
    """

    data_dir: Path
    demo: bool
    resolve: Callable[[], AppConfig]

    @classmethod
    def of(cls, config: AppConfig) -> Launch:
        return cls(config.data_dir, config.demo, lambda: config)


def run_gui(
    config: AppConfig | Launch,
    argv: list[str],
    *,
    setup_logging: Callable[[], object] | None = None,
) -> int:
    """Open the app; returns the process exit code.

    The main window's frame paints first; everything else opens after that paint, one step
    per turn of the event loop (`Startup`), so the window answers while the app opens.
    `config` may be a `Launch` (`python -m desktop`: config.json is read after the paint).
    `setup_logging` (the log file) runs first thing after the paint, or before a start-up
    fault is logged if one comes earlier.
    """
    launch = config if isinstance(config, Launch) else Launch.of(config)
    late_logging = _Once(setup_logging)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Mostrador")
    app.setOrganizationName("Mostrador")
    # From the very start: a SIGTERM while the app is still opening ends it cleanly too.
    terminated = _quit_on_sigterm(app)
    apply_style(app)
    from desktop.demo import data_folder  # stdlib only: cheap before the first paint

    data_dir = data_folder(launch.data_dir, launch.demo)
    try:
        # Before the window: a second Mostrador on the same folder says so and shows nothing.
        lock = take_folder_lock(data_dir)
    except AlreadyRunningError:
        late_logging()
        _say_already_running(app)
        return 1
    except Exception as exc:
        late_logging()
        return _startup_failed(exc, data_dir)
    settings = window_settings(data_dir)
    # The frame's first paint in the folder's language (issue 12: a non-Spanish interface
    # showed Spanish page names for a turn). Spanish is the source text: nothing to load then,
    # and Qt's own Spanish texts come after the paint with the configuration, as before.
    language = frame_language(data_dir, settings)
    installed = install_translations(app, language) if language != "es" else []
    window = MainWindow(entries=NAVIGATION, demo=launch.demo, settings=settings)
    start = Startup(
        app,
        launch,
        window,
        lock,
        settings,
        setup_logging=late_logging,
        frame_language=(language, installed) if installed else None,
    )
    start.begin_after_first_paint()
    window.show()
    try:
        # quit() before exec() is lost: a SIGTERM that came while opening ends here instead.
        code = 0 if terminated.is_set() else app.exec()
    finally:
        start.close()
    if start.error is not None:
        raise start.error  # a bug, not a known fault: the crash report and its dialog
    return start.exit_code if start.exit_code is not None else code


class Startup(QObject):
    """`run_gui`'s start after the frame's first paint: one step per turn of the event loop.

    Attributes:
        shell: The `AppShell`, once its opening began.
        exit_code: Set when the start ended the app (a fault said in a dialog, the first-run
            dialog closed, another Mostrador on the folder).
        error: An unexpected exception (a bug) that ended the start; `run_gui` re-raises it.
    """

    def __init__(
        self,
        app: QApplication,
        launch: Launch,
        window: MainWindow,
        lock: QLockFile,
        settings: QSettings,
        *,
        setup_logging: Callable[[], object] | None = None,
        frame_language: tuple[str, list[QTranslator]] | None = None,
    ) -> None:
        """`frame_language`: the language `run_gui` installed before the frame (and its
        translators), when not Spanish; the configuration's own reading confirms or undoes it."""
        super().__init__(window)
        self._setup_logging = setup_logging
        self._frame_language = frame_language
        self._app = app
        self._launch = launch
        self.window = window
        self._lock: QLockFile | None = lock
        self._settings = settings
        self.shell: AppShell | None = None
        self.sandbox: Sandbox | None = None
        self._demo_starting: Background | None = None
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self.done = False
        self._started = False
        self._steps = self._run()

    def begin_after_first_paint(self) -> None:
        """Run the first step on the turn after the window's first paint (or after
        `PAINT_WAIT_MS` if it never paints: a window started minimized)."""
        self.window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self._begin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._begin)
        return False

    def _begin(self) -> None:
        if not self._started:
            self._started = True
            self._step()

    def _step(self) -> None:
        if self.done:
            return
        try:
            wait_ms = next(self._steps)
        except StopIteration:
            self.done = True
            return
        except Exception as exc:
            self.done = True
            self._fail(exc)
            return
        QTimer.singleShot(wait_ms, self._step)

    def _fail(self, exc: Exception) -> None:
        data_dir = self.shell.config.data_dir if self.shell is not None else self._launch.data_dir
        if isinstance(exc, AlreadyRunningError):
            _say_already_running(self._app)
            self._end(1)
            return
        if startup_message(exc, data_dir) is None:
            log.error("unexpected error while opening", exc_info=exc)
            self.error = exc
            self._end(1)
            return
        self._end(_startup_failed(exc, data_dir))

    def _end(self, code: int) -> None:
        self.exit_code = code
        self._app.exit(code)

    def _run(self) -> Iterator[int]:
        """The steps; each `yield` lets the event loop run (a number: wait that many ms)."""
        if self._setup_logging is not None:
            self._setup_logging()
        loading = preload()
        config = self._launch.resolve()
        api_key: str | None = None
        key_reading: Background | None = None
        if config.demo:
            config, api_key = yield from self._start_demo(config)
        else:
            from desktop.credentials import get_api_key, reads_keychain

            config = apply_stored_connection(config)
            if reads_keychain():
                # The OS keychain through keyring: on its own thread, while the window paints
                # and the preload imports (`tests.perf --only start_keychain`: it held the GUI
                # thread ~0.3 s here; a locked keychain waits for its password).
                url = config.api_url
                key_reading = Background(lambda: get_api_key(url), "keychain")
            else:
                api_key = get_api_key(config.api_url)
        self._use_language(interface_language(config.data_dir))
        yield 0
        if key_reading is not None:
            while not key_reading.done:
                yield WAIT_STEP_MS
            found = key_reading.result()  # what it raised is raised here (a bug's dialog)
            api_key = found if isinstance(found, str) else None
        if api_key is None:
            from desktop.ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(config, self.window)
            accepted = dialog.exec()
            demo = dialog.demo_requested
            result_config, result_key = dialog.result_config, dialog.api_key
            dialog.deleteLater()
            # The window the counter opens in takes the keyboard back from the dialog.
            self.window.activateWindow()
            if not accepted:
                self._end(0)
                return
            if demo:
                config, api_key = yield from self._switch_to_demo(config)
            else:
                config, api_key = result_config, result_key
                assert api_key is not None
                remember_connection(config)
            yield 0
        assert api_key is not None
        shell = AppShell(
            config,
            api_key,
            window=self.window,
            lock=self._lock,
            settings=self._settings,
            step_by_step=True,
        )
        self._lock = None  # the shell releases it now
        self.shell = shell
        shell.open_step()  # the folder's locks and the database (SQLite, config.json)
        yield 0
        while not loading.done:
            yield WAIT_STEP_MS  # the window keeps answering meanwhile
        while shell.open_step():
            yield 0
            if shell.pages_next:
                for name in FIRST_PAGE_WARMUP:
                    warm_up(name)
                    yield 0
        _watch_network(shell.bridge)
        settle_after_start()

    def _use_language(self, language: str) -> None:
        """The configuration's language: installed unless the frame was painted in it."""
        if self._frame_language is not None:
            painted, translators = self._frame_language
            self._frame_language = None
            if painted == language:
                return
            # config.json said otherwise than the frame's quick reading (a test keeps the two
            # equal): the configuration wins.
            for translator in translators:
                self._app.removeTranslator(translator)
        install_translations(self._app, language)
        self.window.retranslate_navigation()

    def _start_demo(self, config: AppConfig) -> Generator[int, None, tuple[AppConfig, str]]:
        """Demo mode: the embedded sandbox (werkzeug) loads and starts after the paint."""
        from desktop.demo import start_demo

        # The sandbox (werkzeug, its demo data) is Qt-free: imported and started on a thread.
        starting = self._demo_starting = Background(lambda: start_demo(config), "demo-start")
        while not starting.done:
            yield WAIT_STEP_MS
        self._demo_starting = None
        started = starting.result()
        assert isinstance(started, tuple)
        self.sandbox, demo_config = started
        assert self.sandbox is not None
        return demo_config, self.sandbox.api_key

    def _switch_to_demo(self, config: AppConfig) -> Generator[int, None, tuple[AppConfig, str]]:
        """The first-run dialog's "probar el modo demo": the demo folder's lock and state."""
        demo_config = dataclasses.replace(config, demo=True)
        from desktop.demo import data_folder

        demo_dir = data_folder(config.data_dir, True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self._lock = take_folder_lock(demo_dir)
        self._settings = window_settings(demo_dir)
        self.window.use_settings(self._settings)
        from PySide6.QtCore import QCoreApplication

        title = QCoreApplication.translate("MainWindow", " — modo demo")
        self.window.setWindowTitle("Mostrador" + title)
        return (yield from self._start_demo(demo_config))

    def close(self) -> None:
        """Close what the start opened (the shell, the demo sandbox, the folder lock)."""
        self.done = True
        if self.shell is not None:
            self.shell.close()
        self.window.close()  # also after a failed start (the shell closed itself then)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        if self._demo_starting is not None:
            # Closed while the demo sandbox was starting: it must not outlive the app.
            try:
                started = self._demo_starting.result()
            except Exception:
                log.exception("the demo sandbox did not start")
            else:
                assert isinstance(started, tuple)
                self.sandbox = started[0]
            self._demo_starting = None
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None


class _Once:
    """Calls `fn` the first time it is called (if any `fn`), never again."""

    def __init__(self, fn: Callable[[], object] | None) -> None:
        self._fn = fn

    def __call__(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            fn()


def _say_already_running(app: QApplication) -> None:
    QMessageBox.information(
        None,
        "Mostrador",
        app.tr(
            "Mostrador ya está abierto en este equipo con la misma carpeta de datos.\n"
            "Busca su ventana en la barra de tareas."
        ),
    )


def _startup_failed(exc: Exception, data_dir: Path) -> int:
    """A known fault, said in words (no traceback): the dialog, then the exit code."""
    message = startup_message(exc, data_dir)
    if message is None:
        raise exc
    # The message names the file and the reason.
    log.error("cannot open: %s (%s: %s)", message, type(exc).__name__, exc.__cause__ or exc)
    show_startup_error(message)
    return STARTUP_FAILED_EXIT


def show_startup_error(message: str) -> None:
    """The dialog that explains why Mostrador cannot open (the process then exits)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Mostrador", message)
    box.setObjectName("startupError")
    box.setInformativeText(
        QCoreApplication.translate(
            "AppShell", "Mostrador se cerrará. Nada de lo guardado se perdió."
        )
    )
    box.exec()


def _quit_on_sigterm(app: QApplication) -> threading.Event:
    """Close cleanly (join the lanes) when the session manager or `kill` asks us to stop.

    Python runs signal handlers only between bytecodes, and Qt's event loop is C++: a short
    idle timer gives the interpreter a chance to notice the signal. Returns an event set once
    the signal came (for a signal that arrives before the event loop runs).
    """
    terminated = threading.Event()

    def handler(*_: object) -> None:
        terminated.set()
        app.quit()

    signal.signal(signal.SIGTERM, handler)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return terminated


def apply_stored_connection(config: AppConfig) -> AppConfig:
    """Use the API URL and team in the folder's config.json unless flags or environment chose.

    `AppConfig.from_env` applies the same precedence already; this keeps a config built by
    hand (tests, the demo's re-entry) on the same rules.
    """
    from desktop.config import DEFAULT_API_URL

    terminal = _terminal(config.data_dir)
    if terminal is None:
        return config
    url = terminal.api_url if terminal.is_set("connection.api_url") else ""
    team = terminal.team
    if url and config.api_url == DEFAULT_API_URL:
        config = dataclasses.replace(config, api_url=url)
    if team and config.team is None:
        config = dataclasses.replace(config, team=team)
    return config


def remember_connection(config: AppConfig) -> None:
    """Keep the first run's API URL and team in config.json, read by the app and the CLI.

    No secrets: the key is in the OS keychain. A failure to write is logged; the app still
    opens with what the person chose (it is in `config`).
    """
    from desktop.config import CONFIG_FILENAME, ConfigError, TerminalConfig

    terminal = _terminal(config.data_dir) or TerminalConfig(config.data_dir / CONFIG_FILENAME)
    try:
        terminal.set("connection.api_url", config.api_url)
        if config.team:
            terminal.set("connection.team", config.team)
        else:
            terminal.unset("connection.team")
        terminal.save()
    except ConfigError as exc:
        log.warning("could not keep the chosen connection: %s", exc.message)


def _terminal(data_dir: Path) -> TerminalConfig | None:
    """The folder's configuration; None when config.json is damaged (reported elsewhere)."""
    from desktop.config import ConfigError, TerminalConfig

    try:
        return TerminalConfig.load(data_dir)
    except ConfigError as exc:
        log.warning("config.json could not be read: %s", exc.message)
        return None


def interface_language(data_dir: Path) -> str:
    """The interface language chosen for this folder (`ui.language` in config.json)."""
    terminal = _terminal(data_dir)
    return str(terminal.get("ui.language")) if terminal is not None else "es"


#: `ui.language`'s values (`desktop.config`); Spanish is the source text.
LANGUAGES = ("es", "en")
#: The configuration's file and the key of the language (`desktop.config`, not imported
#: before the first paint; tests/ui/test_startup_language.py keeps them equal).
CONFIG_FILENAME = "config.json"
LANGUAGE_KEY = "ui.language"
LEGACY_LANGUAGE_KEY = "ui/language"


def frame_language(data_dir: Path, settings: QSettings) -> str:
    """`interface_language` read before the first paint, without `desktop.config`.

    The same answer for every file `TerminalConfig.load` reads (a test compares the two):
    config.json's `ui.language` when it is one of `LANGUAGES` (trimmed, any case), else
    Spanish; a folder without config.json takes the value the first release kept in
    settings.ini (the first load imports it). Anything unreadable is Spanish here: the
    configuration's own reading after the paint says what is wrong, and wins.
    """
    path = data_dir / CONFIG_FILENAME
    value: object
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        value = settings.value(LEGACY_LANGUAGE_KEY)
    except (OSError, UnicodeDecodeError):
        return "es"
    else:
        import json  # ~2 ms, only when the folder has a configuration

        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return "es"
        values = data.get("values") if isinstance(data, dict) else None
        value = values.get(LANGUAGE_KEY) if isinstance(values, dict) else None
    if not isinstance(value, str):
        return "es"
    code = value.strip().lower()
    return code if code in LANGUAGES else "es"


def _watch_network(bridge: Lanes) -> None:
    """Qt's view of the network is a hint (FIELD-NOTES): when it says "back", try at once."""
    from PySide6.QtNetwork import QNetworkInformation

    if not QNetworkInformation.loadDefaultBackend():
        return
    info = QNetworkInformation.instance()
    if info is None:
        return

    def changed(reachability: QNetworkInformation.Reachability) -> None:
        if reachability == QNetworkInformation.Reachability.Online:
            bridge.kick()

    info.reachabilityChanged.connect(changed)
