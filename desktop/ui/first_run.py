"""First run: connect a gigstack account, or try the demo (placeholder while being built)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import AppConfig


class FirstRunDialog(QDialog):
    def __init__(self, config: AppConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bienvenido a Mostrador"))
        self.demo_requested = False
        self.api_key: str | None = None
        self.result_config = config
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        demo = QPushButton(self.tr("Probar en modo demo"))
        demo.clicked.connect(self._demo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Clave de API de gigstack:")))
        layout.addWidget(self.key)
        layout.addWidget(buttons)
        layout.addWidget(demo)

    def _demo(self) -> None:
        self.demo_requested = True
        self.accept()

    def _connect(self) -> None:
        key = self.key.text().strip()
        if key:
            self.api_key = key
            self.result_config = dataclasses.replace(self.result_config)
            self.accept()
