"""A payment link (or any link a customer opens on a phone) as a QR code plus the link to copy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.qr import qr_pixmap


class PaymentLinkView(QWidget):
    """A payment link as a QR code for the customer's phone, plus the link to copy."""

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentLinkView")
        self.qr = QLabel()
        self.qr.setObjectName("qrLabel")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(260, 260)
        self.hint = QLabel(self.tr("El cliente escanea el código con su teléfono para pagar."))
        self.hint.setObjectName("qrHint")
        self.hint.setProperty("role", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.link = QLineEdit()
        self.link.setObjectName("linkField")
        self.link.setReadOnly(True)
        self.link.setAccessibleName(self.tr("Enlace de pago"))
        self.copy_button = QPushButton(self.tr("&Copiar enlace"))
        self.copy_button.setObjectName("copyLinkButton")
        self.copy_button.setToolTip(self.tr("Copia el enlace para enviarlo por WhatsApp o correo"))
        self.copy_button.clicked.connect(self.copy)
        self.copied_label = QLabel()
        self.copied_label.setObjectName("copiedLabel")
        self.copied_label.setProperty("level", "good")
        row = QHBoxLayout()
        row.addWidget(self.link, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.copied_label)

    def set_link(self, url: str) -> None:
        self.link.setText(url)
        self.link.setCursorPosition(0)
        self.qr.setPixmap(qr_pixmap(url, size_px=260))
        self.copied_label.clear()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.link.text())
        self.copied_label.setText(self.tr("Enlace copiado."))
        self.copied.emit(self.link.text())


class QrDialog(QDialog):
    """Shows an existing payment link again (from the payment's detail)."""

    def __init__(self, url: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setWindowTitle(title)
        self.view = PaymentLinkView()
        self.view.set_link(url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
