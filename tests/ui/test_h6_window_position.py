"""Issue 10: the window opens where the cashier left it — its place, not only its size.

Real starts on one data folder: the first moves (and resizes) the window and closes it
(`MainWindow.closeEvent` keeps `saveGeometry()` under `window/geometry` in the folder's
`settings.ini`); the next builds the window the way the app starts — `run_gui`'s frame,
`MainWindow(entries=NAVIGATION, settings=window_settings(data_dir))`, or an `AppShell` — and
it must stand on the same spot.

Qt's offscreen screen in this process is 800x800 and restoring fits a window to its screen
(Qt's `restoreGeometry`): the frame alone is small enough to be placed anywhere on it. The
whole app's window is at least 1173 px wide (the counter page), so its two starts run in a
process of their own whose offscreen screen is 1366x768. Positions are compared once shown:
before the first show Qt has no frame margins yet and `pos()` reads the inner corner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize
from pytestqt.qtbot import QtBot

from desktop.sandbox import Sandbox
from desktop.ui.app import NAVIGATION, SETTINGS_FILENAME, window_settings
from desktop.ui.main_window import WINDOW_GEOMETRY, MainWindow
from tests.conftest import SANDBOX_KEY

PLACE = QPoint(130, 70)
SIZE = QSize(620, 430)


def _frame(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, QSettings]:
    """The window as `run_gui` makes it before anything else: the frame with the folder's
    window settings, shown."""
    settings = window_settings(data_dir)
    frame = MainWindow(entries=NAVIGATION, settings=settings)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    return frame, settings


def _stored(data_dir: Path) -> QByteArray:
    stored = QSettings(str(data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)
    saved = stored.value(WINDOW_GEOMETRY)
    assert isinstance(saved, QByteArray) and not saved.isEmpty()
    return saved


def test_a_moved_window_opens_at_the_same_place_and_size_at_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first, settings = _frame(qtbot, tmp_path)
    assert first.pos() != PLACE  # nothing stored yet: Qt's own place
    first.resize(SIZE)
    first.move(PLACE)
    assert (first.pos(), first.size()) == (PLACE, SIZE)
    first.close()
    settings.sync()  # on disk, as the app's exit leaves it (AppShell syncs on close)
    _stored(tmp_path)

    second, settings = _frame(qtbot, tmp_path)
    assert (second.pos(), second.size()) == (PLACE, SIZE)
    assert second.frameGeometry().topLeft() == PLACE
    # Moved again: the newer place wins at the start after.
    second.move(PLACE + QPoint(40, 25))  # the frame still inside the 800 px screen
    second.close()
    settings.sync()
    third, _settings = _frame(qtbot, tmp_path)
    assert (third.pos(), third.size()) == (PLACE + QPoint(40, 25), SIZE)


#: Two starts of the whole app in a process of its own whose offscreen screen is a 1366x768
#: laptop (Qt's offscreen plugin reads its screens from a JSON file): the first moves the
#: window and quits, the next opens as `run_gui` does (the frame with the folder's window
#: settings, then the shell on that frame) and says where its window stands.
TWO_STARTS = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.config import AppConfig
from desktop.ui.app import NAVIGATION, AppShell, window_settings
from desktop.ui.main_window import MainWindow

data_dir, api_url, key, x, y, width, height = sys.argv[1:]
app = QApplication([])
config = AppConfig(data_dir=Path(data_dir), api_url=api_url)
seen = {"screen": list(app.primaryScreen().availableGeometry().getRect())}

def settle(window):
    window.show()
    for _ in range(5):
        app.processEvents()

shell = AppShell(config, key)
settle(shell.window)
shell.window.resize(int(width), int(height))
shell.window.move(int(x), int(y))
app.processEvents()
seen["left"] = [shell.window.x(), shell.window.y(), shell.window.width(), shell.window.height()]
shell.close()

settings = window_settings(config.data_dir)
frame = MainWindow(entries=NAVIGATION, settings=settings)
settle(frame)
seen["frame"] = [frame.x(), frame.y(), frame.width(), frame.height()]
shell = AppShell(config, key, window=frame, settings=settings, step_by_step=True)
while shell.open_step():
    app.processEvents()
app.processEvents()
seen["opened"] = [frame.x(), frame.y(), frame.width(), frame.height()]
shell.close()
print(json.dumps(seen))
"""


def test_the_whole_app_reopens_where_it_was_left_on_a_1366x768_screen(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    screens = tmp_path / "screen.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "Laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1366,
                        "height": 768,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    place, size = (90, 30), (1200, 700)  # inside the laptop's screen, frame included
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            TWO_STARTS,
            str(tmp_path / "data"),
            sandbox.base_url,
            SANDBOX_KEY,
            *map(str, place + size),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    seen = json.loads(ran.stdout.strip().splitlines()[-1])
    assert seen["screen"] == [0, 0, 1366, 768]
    assert seen["left"] == [*place, *size]
    # The next start: the frame stands there from its first paint, and stays once the
    # pages are in.
    assert seen["frame"] == [*place, *size]
    assert seen["opened"] == [*place, *size]
    assert _stored(tmp_path / "data")


def test_a_fresh_folder_has_no_stored_place(qtbot: QtBot, tmp_path: Path) -> None:
    assert window_settings(tmp_path).value(WINDOW_GEOMETRY) is None
    frame, _settings = _frame(qtbot, tmp_path)
    assert frame.size() != SIZE and frame.pos() != PLACE  # the first size, Qt's own place
