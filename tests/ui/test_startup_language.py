"""The frame's first paint speaks the folder's language (issue 12 follow-up).

`run_gui` reads `ui.language` before building the frame (`frame_language`, without
`desktop.config`) and installs the translation then, so the navigation never shows Spanish
names for a turn when English is chosen. Its reading must be the configuration's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import config as terminal_config
from desktop.ui import app as ui_app
from desktop.ui.app import LANGUAGES, frame_language, interface_language, window_settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_frames_names_are_the_configurations() -> None:
    assert ui_app.CONFIG_FILENAME == terminal_config.CONFIG_FILENAME
    var = terminal_config.config_var(ui_app.LANGUAGE_KEY)
    assert var.legacy == ui_app.LEGACY_LANGUAGE_KEY
    for code in LANGUAGES:
        assert terminal_config.check_value(ui_app.LANGUAGE_KEY, code) == code
    with pytest.raises(terminal_config.ConfigError):
        terminal_config.check_value(ui_app.LANGUAGE_KEY, "fr")


FILES: dict[str, bytes | None] = {
    "english": json.dumps({"format": 1, "values": {"ui.language": "en"}}).encode(),
    "english, spaced and upper case": json.dumps({"values": {"ui.language": "  EN "}}).encode(),
    "spanish": json.dumps({"values": {"ui.language": "es"}}).encode(),
    "not a language of ours": json.dumps({"values": {"ui.language": "fr"}}).encode(),
    "a number": json.dumps({"values": {"ui.language": 5}}).encode(),
    "a control character": json.dumps({"values": {"ui.language": "en\u0001"}}).encode(),
    "too long": json.dumps({"values": {"ui.language": "english"}}).encode(),
    "no language": json.dumps({"values": {"ticket.width": 58}}).encode(),
    "no values": json.dumps({"format": 1}).encode(),
    "values not an object": json.dumps({"values": ["en"]}).encode(),
    "not an object": b'["en"]',
    "damaged": b'{"values": {"ui.language": "en"',
    "a byte order mark": b"\xef\xbb\xbf" + json.dumps({"values": {"ui.language": "en"}}).encode(),
    "not utf-8": b'{"values": {"ui.language": "\xff"}}',
    "no file": None,
}


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("legacy", [None, "en", "fr"])
def test_the_frame_reads_the_language_as_the_configuration_does(
    tmp_path: Path, name: str, legacy: str | None
) -> None:
    content = FILES[name]
    if content is not None:
        (tmp_path / "config.json").write_bytes(content)
    if legacy is not None:
        # The first release's settings.ini (QSettings), imported by config.json's first load.
        (tmp_path / "settings.ini").write_text(f"[ui]\nlanguage={legacy}\n", encoding="utf-8")
    settings = window_settings(tmp_path)
    quick = frame_language(tmp_path, settings)  # first: the configuration may write the file
    del settings
    assert quick == interface_language(tmp_path), (name, legacy)
    assert quick in LANGUAGES


# At the first paint of the navigation's list (the frame's first frame), what it shows.
CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            nav = self.window.findChild(QListWidget, "navigation")
            names = [nav.item(row).text() for row in range(nav.count())]
            print("NAV:", "|".join(names), flush=True)
            print("OPENING:", self.window.opening.text(), flush=True)
            print("LOADED:", "desktop.config" in sys.modules, flush=True)
            app.quit()
        return False

hooks = []
_show = QMainWindow.show
def show(window):
    hook = FirstPaint(window)
    hooks.append(hook)
    window.findChild(QListWidget, "navigation").viewport().installEventFilter(hook)
    _show(window)
QMainWindow.show = show

from desktop.__main__ import main
sys.exit(main(["--data-dir", sys.argv[1], "--api-url", "http://127.0.0.1:9/v2"]))
"""


def _first_paint(tmp_path: Path, language: str | None) -> dict[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    if language is not None:
        (data / "config.json").write_text(
            json.dumps({"format": 1, "values": {"ui.language": language}}), encoding="utf-8"
        )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MOSTRADOR_LOG_DIR": str(tmp_path / "logs"),
        "GIGSTACK_API_KEY": "sk_test_first_paint",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return {
        line.split(":", 1)[0]: line.split(":", 1)[1].strip()
        for line in done.stdout.splitlines()
        if ":" in line
    }


def test_with_english_chosen_the_first_painted_navigation_is_english(tmp_path: Path) -> None:
    seen = _first_paint(tmp_path, "en")
    names = seen["NAV"].split("|")
    assert names[:3] == ["Counter", "Payments", "Shift"], names
    assert "Settings" in names and "Pagos" not in names and "Ajustes" not in names
    assert seen["OPENING"] != "Abriendo…"
    # Still the frame only: the configuration module is read after this paint.
    assert seen["LOADED"] == "False"


def test_with_spanish_the_first_painted_navigation_is_spanish(tmp_path: Path) -> None:
    seen = _first_paint(tmp_path, None)
    names = seen["NAV"].split("|")
    assert names[:3] == ["Mostrador", "Pagos", "Turno"], names
    assert seen["OPENING"] == "Abriendo…"
