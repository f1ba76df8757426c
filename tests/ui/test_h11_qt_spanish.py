"""Qt's own dialogs read Mexican Spanish with the Spanish interface (trial finding D14):
"archivo", never Spain's "fichero", and none of the texts qtbase_es leaves in English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.resources import resource
from desktop.ui.app import install_translations

TS = resource("i18n", "qtbase_es_MX.ts")
QM = resource("i18n", "qtbase_es_MX.qm")

#: What the trial saw, and what qtbase_es leaves in English in these dialogs.
NOT_MEXICAN = re.compile(
    r"fichero|Look in|Files of|Page Set|Pages per|Page order|Double Sided|binding|Specify pages"
    r"|Apaisado|\bOff\b",
    re.IGNORECASE,
)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[list[QTranslator]]:
    installed = install_translations(qapp, "es")
    try:
        yield installed
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def _texts(dialog: QDialog) -> list[str]:
    texts: list[str] = [dialog.windowTitle()]
    for child in dialog.findChildren(QWidget):
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append(child.text())
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        texts.append(child.toolTip())
    return [t.replace("&", "") for t in texts if t]


def _shown(qtbot: QtBot, dialog: QDialog) -> list[str]:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        return _texts(dialog)
    finally:
        dialog.close()


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_the_file_dialog_speaks_mexican_spanish(
    qtbot: QtBot, spanish: list[QTranslator], tmp_path: Path, mode: QFileDialog.AcceptMode
) -> None:
    dialog = QFileDialog(None, "Guardar ticket", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    texts = _shown(qtbot, dialog)
    assert "Buscar en:" in texts
    assert "Nombre del archivo:" in texts
    assert "Archivos de tipo:" in texts
    assert ("Guardar" if mode is QFileDialog.AcceptMode.AcceptSave else "Abrir") in texts
    assert not [t for t in texts if NOT_MEXICAN.search(t)]


def test_the_print_dialog_speaks_mexican_spanish(
    qtbot: QtBot, spanish: list[QTranslator], tmp_path: Path
) -> None:
    printer = QPrinter()
    printer.setOutputFileName(str(tmp_path / "ticket.pdf"))
    texts = _shown(qtbot, QPrintDialog(printer))
    assert "Archivo de salida:" in texts
    assert "Más opciones >>" in texts
    assert "Páginas a imprimir:" in texts and "Cancelar" in texts
    assert not [t for t in texts if NOT_MEXICAN.search(t)]


def test_message_box_buttons_and_page_setup_texts(qtbot: QtBot, spanish: list[QTranslator]) -> None:
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Mostrador",
        "¿Reemplazar?",
        buttons.Yes | buttons.No | buttons.Ok | buttons.Cancel | buttons.Reset | buttons.Abort,
    )
    texts = _shown(qtbot, box)
    assert {"Sí", "No", "Aceptar", "Cancelar", "Restablecer", "Anular"} <= set(texts)
    # The page setup dialog refuses a PDF printer (a Qt warning); its texts, straight from the
    # translators as the dialog asks for them:
    translate = QCoreApplication.translate
    assert translate("QPageSetupWidget", "Pages &per sheet:") == "Páginas &por hoja:"
    assert translate("QPageSetupWidget", "Landscape") == "Horizontal"
    assert translate("QFileDialog", "All Files (*)") == "Todos los archivos (*)"
    assert "fichero" not in translate(
        "QFileDialog", "%1 already exists.\nDo you want to replace it?"
    )


def test_english_interface_does_not_load_the_mexican_corrections(qapp: QApplication) -> None:
    installed = install_translations(qapp, "en")
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_the_committed_qm_matches_the_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    compiled = tmp_path / "check.qm"
    subprocess.run(
        [lrelease, "-silent", str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), (
        "resources/i18n/qtbase_es_MX.qm is stale: run `python3 build_scripts/i18n.py release`"
    )
