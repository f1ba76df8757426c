"""The Qt side of crash reports: Qt's messages into the log, fatal ones into a report, a dialog.

`install()` is called once at start-up of the GUI (before the QApplication is fine). It
registers a notifier with `desktop.crash` that shows a message box when a QApplication exists
and the error happened on the GUI thread (elsewhere the report path goes to stderr), and a Qt
message handler that logs Qt warnings and writes a report for Qt fatal messages.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import crash

log = logging.getLogger("desktop.qt")


def show_notice(path: Path, summary: str) -> bool:
    """Tell the person in a dialog; False when there is no GUI to show it on."""
    # Here, not at the top: this module loads before the window's first paint, and the first
    # use of `Qt` builds all of its enums (see desktop/ui/main_window.py).
    from PySide6.QtCore import Qt

    app = QApplication.instance()
    if not isinstance(app, QApplication) or QThread.currentThread() is not app.thread():
        return False
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Mostrador")
    box.setText(
        QCoreApplication.translate(
            "CrashNotice",
            "Mostrador tuvo un error inesperado. Tus cobros en cola siguen guardados en este "
            "equipo.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "CrashNotice",
            "Se guardó un informe (sin claves ni RFC) en:\n{path}\n\nEnvíalo a soporte si el "
            "problema se repite.",
        ).format(path=path)
    )
    box.setDetailedText(crash.scrub(summary))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return True


def _message_handler(mode: QtMsgType, context: Any, message: str) -> None:
    category = getattr(context, "category", None) or "qt"
    if mode == QtMsgType.QtFatalMsg:
        crash.report_fatal_message(f"{category}: {message}")
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
    }.get(mode, logging.WARNING)
    log.log(level, "%s: %s", category, message)


def install() -> None:
    """Dialogs for crash reports and Qt's messages into the log (fatal ones into a report)."""
    crash.set_notifier(show_notice)
    qInstallMessageHandler(_message_handler)
