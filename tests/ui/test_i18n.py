"""English translations: the compiled .qm loads, widgets speak English, nothing is left out."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop.resources import resource
from desktop.store import open_database
from desktop.store.outbox import Outbox
from desktop.ui.status_pill import StatusPill
from desktop.ui.worker import SyncState

ROOT = Path(__file__).resolve().parents[2]
TS = resource("i18n", "mostrador_en.ts")
QM = resource("i18n", "mostrador_en.qm")


def _tool(name: str) -> str | None:
    candidate = Path(sys.executable).parent / f"pyside6-{name}"
    return str(candidate) if candidate.exists() else shutil.which(f"pyside6-{name}")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> <translation> of every current message in a .ts file."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = translation
    return found


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} does not load"
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    yield translator
    app.removeTranslator(translator)


def test_the_compiled_translation_loads(english: QTranslator) -> None:
    assert not english.isEmpty()
    assert english.translate("StatusPill", "En línea") == "Online"
    assert english.translate("SettingsPage", "Ajustes") == "Settings"


def test_a_real_widget_speaks_english_with_the_translation_installed(
    qtbot: QtBot, english: QTranslator, tmp_path: Path
) -> None:
    db = open_database(tmp_path)
    try:
        pill = StatusPill(Outbox(db))
        qtbot.addWidget(pill)
        pill.set_state(SyncState(online=True))
        assert "Online" in pill.connection.text()
        assert pill.pending.text() == "All sent"
        assert pill.sync_now.text() == "Sync now"
        pill.set_state(SyncState(online=False))
        assert "Offline" in pill.connection.text()
    finally:
        db.close()


def test_spanish_stays_the_source_without_a_translator(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        pill = StatusPill(Outbox(db))
        qtbot.addWidget(pill)
        pill.set_state(SyncState(online=True))
        assert "En línea" in pill.connection.text()
    finally:
        db.close()


def test_every_string_in_the_code_has_an_english_translation(tmp_path: Path) -> None:
    """Scan the code the way `build_scripts/i18n.py update` does and compare with the .ts."""
    lupdate = _tool("lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "desktop" / "ui").glob("*.py")
        if p.name != "__init__.py"
    )
    subprocess.run(
        [lupdate, "-locations", "none", *sources, "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code = set(_messages(fresh))
    committed = _messages(TS)
    missing = sorted(
        key
        for key in in_code
        if key not in committed
        or committed[key].get("type") in {"unfinished", "vanished", "obsolete"}
        or not (committed[key].text or "").strip()
    )
    assert not missing, (
        f"{len(missing)} strings need English: run `python3 build_scripts/i18n.py update`, "
        f"translate them in {TS.name}, then `release`:\n"
        + "\n".join(f"  {context}: {source!r}" for context, source in missing)
    )


def test_the_committed_qm_matches_the_ts(tmp_path: Path) -> None:
    lrelease = _tool("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    compiled = tmp_path / "check.qm"
    subprocess.run(
        [lrelease, "-silent", str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), (
        "resources/i18n/mostrador_en.qm is stale: run `python3 build_scripts/i18n.py release`"
    )
