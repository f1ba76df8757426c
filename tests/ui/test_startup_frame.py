"""Issue 12: the window's frame paints first, the app opens after, in steps, and is the same app.

`run_gui` shows `MainWindow(entries=NAVIGATION)` before anything heavy is imported or opened,
then `Startup` runs one step per turn of the event loop; `AppShell(..., step_by_step=True)`
gives the shell's own steps. These tests drive those steps in this process with the sandbox,
and run the real `run_gui` in a child process to see what was loaded at its first paint.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from desktop import demo
from desktop.config import AppConfig
from desktop.store.db import DB_FILENAME
from desktop.ui import app as ui_app
from desktop.ui.app import NAVIGATION, AppShell, page_classes, take_folder_lock, window_settings
from desktop.ui.counter_page import CounterPage
from desktop.ui.main_window import MainWindow
from tests.conftest import SANDBOX_KEY

TIMEOUT = 15_000


def test_the_frames_navigation_is_the_pages_own() -> None:
    """The frame lists the pages before their modules load: same order, names and icons."""
    classes = page_classes()
    assert [(e.title, e.icon_name) for e in NAVIGATION] == [(c.title, c.icon_name) for c in classes]
    assert ui_app.DEMO_SUBDIR == demo.DEMO_SUBDIR
    # The loaders the staged start uses name the same classes, each imported when called.
    assert [load() for load in ui_app.page_loaders()] == classes
    assert [(c.__module__, c.__name__) for c in classes] == list(ui_app.PAGE_MODULES)


def test_the_preloaded_modules_are_qt_free_and_exist() -> None:
    """What `run_gui` imports on a thread after the paint must never touch Qt (a Qt object
    made off the GUI thread is a warning or a crash) and must still exist (else it is a
    silent slowdown)."""
    code = (
        "import sys, importlib\n"
        f"for name in {ui_app.PRELOAD_MODULES!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stdout
    for name in ui_app.FIRST_PAGE_WARMUP:
        assert importlib.util.find_spec(name) is not None, name


@pytest.fixture
def frame(qtbot: QtBot, ui_config: AppConfig) -> Iterator[MainWindow]:
    window = MainWindow(entries=NAVIGATION, settings=window_settings(ui_config.data_dir))
    qtbot.addWidget(window)
    yield window


def open_in_steps(qtbot: QtBot, shell: AppShell) -> int:
    """Run the shell's steps as `Startup` does, letting the window paint between them."""
    steps = 0
    while shell.open_step():
        steps += 1
        QCoreApplication.processEvents()
    return steps


def test_the_frame_shows_every_page_and_opening_before_anything_is_open(
    qtbot: QtBot, frame: MainWindow
) -> None:
    frame.show()
    qtbot.waitExposed(frame)
    assert frame.nav.count() == len(NAVIGATION) and frame.nav.currentRow() == 0
    titles = [frame.nav.item(i).text() for i in range(frame.nav.count())]
    assert titles == [QCoreApplication.translate("Page", e.title) for e in NAVIGATION]
    assert frame.opening.isVisible() and frame.opening.text() == "Abriendo…"
    assert not frame.stack.isVisible() and frame.built_pages() == []
    frame.show_page(3)  # a shortcut pressed while opening is remembered, nothing breaks
    assert frame.nav.currentRow() == 3 and frame.built_pages() == []


def test_the_shell_opens_step_by_step_into_the_frame_and_the_counter_gets_the_focus(
    qtbot: QtBot, frame: MainWindow, ui_config: AppConfig
) -> None:
    frame.show()
    frame.activateWindow()
    qtbot.waitUntil(frame.isActiveWindow, timeout=TIMEOUT)
    shell = AppShell(
        ui_config,
        SANDBOX_KEY,
        window=frame,
        lock=take_folder_lock(ui_config.data_dir),
        settings=window_settings(ui_config.data_dir),
        step_by_step=True,
    )
    try:
        assert not hasattr(shell, "core")  # nothing opened by the constructor
        steps = open_in_steps(qtbot, shell)
        assert steps >= 4 and shell.opened
        assert shell.window is frame
        counter = frame.stack.currentWidget()
        assert isinstance(counter, CounterPage)
        assert [type(p) for p in frame.built_pages()] == [CounterPage]
        assert not frame.opening.isVisible() and frame.stack.isVisible()
        assert frame.nav.count() == len(NAVIGATION)  # listed once, not twice
        qtbot.waitUntil(counter.code_edit.hasFocus, timeout=TIMEOUT)
        assert frame.statusBar().isAncestorOf(frame.pill)  # the status pill came with the core
        frame.show_page(len(NAVIGATION) - 1)
        assert frame.stack.currentWidget().objectName() == "settings"
    finally:
        shell.close()


def test_a_page_chosen_while_opening_is_the_one_that_opens(
    qtbot: QtBot, frame: MainWindow, ui_config: AppConfig
) -> None:
    frame.show()
    qtbot.waitExposed(frame)
    shell = AppShell(ui_config, SANDBOX_KEY, window=frame, step_by_step=True)
    try:
        shell.open_step()  # the database is open, the pages are not there yet
        frame.show_page(8)  # Ctrl+9 while "Abriendo…"
        open_in_steps(qtbot, shell)
        assert frame.nav.currentRow() == 8
        assert frame.stack.currentWidget().objectName() == "queue"
        assert [p.objectName() for p in frame.built_pages()] == ["queue"]
    finally:
        shell.close()


def test_closing_while_opening_closes_what_was_opened(
    qtbot: QtBot, frame: MainWindow, ui_config: AppConfig
) -> None:
    """Closed half-way (the lanes running, no page yet): lanes joined, folder free again."""
    frame.show()
    shell = AppShell(ui_config, SANDBOX_KEY, window=frame, step_by_step=True)
    while not hasattr(shell, "bridge"):
        assert shell.open_step()
    shell.close()
    assert not shell.open_step()  # nothing more opens once closed
    again = AppShell(ui_config, SANDBOX_KEY)  # the folder's locks were released
    again.close()


CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
HEAVY = ("httpx", "pydantic", "desktop.gigstack.client", "desktop.sandbox", "werkzeug",
         "desktop.ui.lanes", "desktop.ui.counter_page", "desktop.store.outbox")
shown = []

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            w = shown[0]
            print("AT PAINT loaded:", [m for m in HEAVY if m in sys.modules], flush=True)
            print("AT PAINT nav:", w.nav.count(), "opening:", w.opening.isVisible(),
                  "built:", len(w.built_pages()), flush=True)
            QTimer.singleShot(0, watch)
        return False

hook = FirstPaint()
_show = QMainWindow.show
def show(window):
    shown.append(window)
    window.installEventFilter(hook)
    _show(window)
QMainWindow.show = show

def watch():
    w = shown[0]
    focus = QApplication.focusWidget()
    if w.built_pages() and focus is not None and focus.objectName() == "codeEdit":
        print("OPEN:", [p.objectName() for p in w.built_pages()], "focus:", focus.objectName(),
              "opening:", w.opening.isVisible(), flush=True)
        app.quit()
        return
    QTimer.singleShot(20, watch)

from desktop.config import AppConfig
from desktop.store.db import DB_FILENAME
from desktop.ui.app import run_gui

code = run_gui(AppConfig(data_dir=Path(sys.argv[1]), demo=True), sys.argv[:1])
print("EXIT:", code, flush=True)
sys.exit(code)
"""


def test_the_real_start_paints_before_loading_the_heavy_parts_then_opens_the_counter(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MOSTRADOR_LOG_DIR": str(tmp_path / "logs"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    out, err = done.stdout, done.stderr
    assert done.returncode == 0, (out, err)
    assert "Traceback" not in err, err
    lines = {line.split(":", 1)[0]: line for line in out.splitlines() if ":" in line}
    assert lines["AT PAINT loaded"] == "AT PAINT loaded: []", out
    assert lines["AT PAINT nav"] == "AT PAINT nav: 12 opening: True built: 0", out
    assert lines["OPEN"] == "OPEN: ['counter'] focus: codeEdit opening: False", out
    assert lines["EXIT"] == "EXIT: 0", out
    assert (tmp_path / "data" / "demo").is_dir()  # demo mode's own folder, sandbox state kept


def test_keys_work_on_the_frame_before_the_pages_exist(qtbot: QtBot, frame: MainWindow) -> None:
    frame.show()
    frame.activateWindow()
    qtbot.waitUntil(frame.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(frame, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert frame.nav.currentRow() == len(NAVIGATION) - 1
    qtbot.keyClick(frame, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert frame.nav.currentRow() == 0 and frame.built_pages() == []


FIRST_RUN_CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

app = QApplication(sys.argv[:1])
choice = sys.argv[2]

def first_run():
    box = QApplication.activeModalWidget()
    if isinstance(box, QDialog) and box.objectName() == "firstRun":
        window = box.parentWidget()
        print("FIRST RUN over:", window.windowTitle(), window.nav.count(),
              window.opening.isVisible(), flush=True)
        if choice == "close":
            box.reject()
        else:
            box.findChild(QPushButton, "demoButton").click()
            QTimer.singleShot(20, lambda: counter_open(window))
        return
    QTimer.singleShot(20, first_run)

def counter_open(window):
    focus = QApplication.focusWidget()
    if window.built_pages() and focus is not None and focus.objectName() == "codeEdit":
        print("OPEN:", window.windowTitle(), [p.objectName() for p in window.built_pages()],
              flush=True)
        app.quit()
        return
    QTimer.singleShot(20, lambda: counter_open(window))

QTimer.singleShot(20, first_run)
from desktop.config import AppConfig
from desktop.ui.app import run_gui

code = run_gui(AppConfig(data_dir=Path(sys.argv[1]), api_url="http://127.0.0.1:9/v2"), ["x"])
print("EXIT:", code, flush=True)
sys.exit(code)
"""


@pytest.mark.parametrize("choice", ["close", "demo"])
def test_without_a_key_the_first_run_dialog_opens_over_the_frame(
    tmp_path: Path, choice: str
) -> None:
    """No key anywhere: the frame is up and the first-run dialog asks over it. Closed, the
    app exits with 0 having opened nothing; "Probar en modo demo" opens the demo's counter in
    the demo's own folder, in the same window."""
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "MOSTRADOR_LOG_DIR": str(tmp_path / "logs"),
        # No keychain in this child: the keyring's "fail" backend says there is no key.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.pop("GIGSTACK_API_KEY", None)
    env.pop("MOSTRADOR_DATA_DIR", None)
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_CHILD, str(data), choice],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    out, err = done.stdout, done.stderr
    assert done.returncode == 0, (out, err)
    assert "Traceback" not in err, err
    assert "FIRST RUN over: Mostrador 12 True" in out, out
    assert "EXIT: 0" in out, out
    if choice == "close":
        assert not (data / DB_FILENAME).exists()  # nothing opened
        assert "OPEN:" not in out
    else:
        assert "OPEN: Mostrador — modo demo ['counter']" in out, out
        assert (data / "demo" / DB_FILENAME).exists() and not (data / DB_FILENAME).exists()
