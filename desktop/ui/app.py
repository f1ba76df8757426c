"""The Qt application shell: one instance per data folder, first run, worker, window, exit.

`AppShell` builds everything for a config and an API key and tears it down again; tests use it
directly (with the sandbox) and `run_gui()` wraps it with a QApplication and its event loop.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import signal
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDir,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import Core, open_core
from desktop.config import (
    CONFIG_FILENAME,
    DEFAULT_API_URL,
    AppConfig,
    ConfigError,
    TerminalConfig,
)
from desktop.credentials import get_api_key
from desktop.resources import resource
from desktop.store.errors import StorageError, read_only
from desktop.sync.lock import SenderLock
from desktop.ui.context import UiContext
from desktop.ui.lanes import Lanes
from desktop.ui.main_window import MainWindow
from desktop.ui.page import Page

log = logging.getLogger(__name__)

LOCK_FILENAME = "mostrador.lock"
#: Exit code when Mostrador cannot open (a dialog said why).
STARTUP_FAILED_EXIT = 3
SETTINGS_FILENAME = "settings.ini"


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


class AppShell:
    """Everything one running window needs, built in order and closed in reverse.

    A failure half-way (a damaged database, missing SAT catalogs) closes what was built and
    re-raises, so the caller can show a dialog and exit cleanly: no thread left running.

    Args:
        config: Where the data lives and which API to talk to.
        api_key: The key to use (from the keychain, the first-run dialog or the sandbox).
    """

    def __init__(
        self, config: AppConfig, api_key: str, *, first_page_after_paint: bool = False
    ) -> None:
        self.config = config
        self._first_page_after_paint = first_page_after_paint
        self._closed = False
        # What is open so far, undone in reverse if opening fails half-way.
        self._undo: list[Callable[[], object]] = []
        try:
            self._open(config, api_key)
        except BaseException:
            self._closed = True
            for undo in reversed(self._undo):
                try:
                    undo()
                except Exception:
                    log.exception("while undoing a failed start")
            raise

    def _open(self, config: AppConfig, api_key: str) -> None:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.lock = QLockFile(str(config.data_dir / LOCK_FILENAME))
        # A lock left by a killed process is taken over (QLockFile checks the owner's pid).
        if not self.lock.tryLock(200):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                raise AlreadyRunningError(str(config.data_dir))
            # Not "already open": the folder cannot be written (permissions, read-only disk).
            raise StartupError(
                QCoreApplication.translate(
                    "AppShell",
                    "Mostrador no puede escribir en su carpeta de datos ({path}). Revisa los "
                    "permisos de la carpeta o elige otra con --data-dir.",
                ).format(path=config.data_dir)
            )
        self._undo.append(self.lock.unlock)
        # The same lock as `python -m desktop sync`: one sender per data folder, across both.
        # Taken (and retried every few seconds while a CLI `sync` holds it) by the lanes.
        self.sender_lock = SenderLock(config.data_dir)
        self._undo.append(self.sender_lock.release)
        self.core: Core = open_core(config)
        self._undo.append(self.core.close)
        self.bridge = Lanes(
            api_key=api_key,
            base_url=config.api_url,
            team=config.team,
            outbox=self.core.outbox,
            cache=self.core.cache,
            acquire_sender_lock=self._acquire_sender_lock,
        )
        self._undo.append(self.bridge.shutdown)
        self.settings = QSettings(
            str(config.data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat
        )
        self.ctx = UiContext(self.core, self.bridge, config, self.settings)
        self.bridge.start()
        self.bridge.refresh()
        after_paint = self._first_page_after_paint
        self.window = MainWindow(
            self.ctx,
            page_classes if after_paint else page_classes(),
            first_page_after_paint=after_paint,
        )
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
        """Stop and join the lanes, close the database, release the locks. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.window.close()
        # Page timers must not fire into a closed database while the event loop winds down.
        for timer in self.window.findChildren(QTimer):
            timer.stop()
        self.bridge.shutdown()
        self.settings.sync()
        self.core.close()
        self.sender_lock.release()
        self.lock.unlock()


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


def install_translations(app: QApplication, settings: QSettings | str | None) -> None:
    """Spanish is the source language; English (or another) loads a compiled .qm.

    `settings`: the language code (from `interface_language`), or a QSettings still holding
    "ui/language" (older callers), or None for Spanish.
    """
    if isinstance(settings, str):
        language = settings or "es"
    else:
        language = str(settings.value("ui/language", "es")) if settings is not None else "es"
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    # Added with the translations: Qt's own texts (QMessageBox "Yes"/"No", context menus)
    # follow the chosen language too, when the bundle ships qtbase_<lang>.qm.
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
    if language == "es":
        return
    translator = QTranslator(app)
    if translator.load(str(resource("i18n", f"mostrador_{language}.qm"))):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
    else:
        log.warning("no translation for %s", language)


def apply_style(app: QApplication) -> None:
    # Added with the stylesheet: style.qss refers to its images as "icons:<name>.svg".
    QDir.addSearchPath("icons", str(resource("icons")))
    style = resource("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def run_gui(config: AppConfig, argv: list[str]) -> int:
    """Open the app; returns the process exit code."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Mostrador")
    app.setOrganizationName("Mostrador")
    # From the very start: a SIGTERM while the app is still opening ends it cleanly too.
    terminated = _quit_on_sigterm(app)
    apply_style(app)

    sandbox = None
    if config.demo:
        from desktop.demo import start_demo

        sandbox, config = start_demo(config)
        api_key: str | None = sandbox.api_key
    else:
        config = apply_stored_connection(config)
        api_key = get_api_key(config.api_url)

    install_translations(app, interface_language(config.data_dir))
    if api_key is None:
        from desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(config)
        if not dialog.exec():
            return 0
        if dialog.demo_requested:
            return run_gui(dataclasses.replace(config, demo=True), argv)
        config, api_key = dialog.result_config, dialog.api_key
        assert api_key is not None
        remember_connection(config)

    try:
        # The window paints before its first page is built (issue 12: start near a bare window).
        shell = AppShell(config, api_key, first_page_after_paint=True)
    except AlreadyRunningError:
        QMessageBox.information(
            None,
            "Mostrador",
            app.tr(
                "Mostrador ya está abierto en este equipo con la misma carpeta de datos.\n"
                "Busca su ventana en la barra de tareas."
            ),
        )
        if sandbox is not None:
            sandbox.stop()
        return 1
    except Exception as exc:
        message = startup_message(exc, config.data_dir)
        if sandbox is not None:
            sandbox.stop()
        if message is None:
            raise
        # A known fault, said in words: no traceback (the message names the file and reason).
        log.error("cannot open: %s (%s: %s)", message, type(exc).__name__, exc.__cause__ or exc)
        show_startup_error(message)
        return STARTUP_FAILED_EXIT

    def first_page_failed(exc: Exception) -> None:
        message = startup_message(exc, config.data_dir)
        if message is None:
            raise exc
        log.error("cannot open: %s (%s: %s)", message, type(exc).__name__, exc.__cause__ or exc)
        show_startup_error(message)
        app.exit(STARTUP_FAILED_EXIT)

    shell.window.first_page_failed = first_page_failed
    shell.window.after_first_page = settle_after_start
    _watch_network(shell.bridge)
    shell.window.show()
    try:
        # quit() before exec() is lost: a SIGTERM that came while opening ends here instead.
        return 0 if terminated.is_set() else app.exec()
    finally:
        shell.close()
        if sandbox is not None:
            sandbox.stop()


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
    try:
        return TerminalConfig.load(data_dir)
    except ConfigError as exc:
        log.warning("config.json could not be read: %s", exc.message)
        return None


def interface_language(data_dir: Path) -> str:
    """The interface language chosen for this folder (`ui.language` in config.json)."""
    terminal = _terminal(data_dir)
    return str(terminal.get("ui.language")) if terminal is not None else "es"


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
