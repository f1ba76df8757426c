"""QR codes for payment links, drawn with Qt from segno's module matrix (no Pillow needed).

A customer points a phone at the counter screen: black modules on white, a 4-module quiet
zone (what phone scanners expect) and whole-pixel modules so the code stays sharp.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

QUIET_ZONE = 4


def qr_image(text: str, *, size_px: int = 240, border: int = QUIET_ZONE) -> QImage:
    """A square image of `text` as a QR code, at most `size_px` wide (modules whole pixels).

    Raises:
        ValueError: `text` is empty.
    """
    if not text:
        raise ValueError("a QR code needs some text")
    code = segno.make(text, error="m", micro=False)
    rows = [tuple(row) for row in code.matrix_iter(scale=1, border=border)]
    modules = len(rows)
    scale = max(1, size_px // modules)
    side = modules * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:
        black = QColor(Qt.GlobalColor.black)
        for y, row in enumerate(rows):
            x = 0
            while x < modules:
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < modules and row[x]:
                    x += 1
                # One rectangle per run of dark modules: far fewer paint calls.
                painter.fillRect(start * scale, y * scale, (x - start) * scale, scale, black)
    finally:
        painter.end()
    return image


def qr_pixmap(text: str, *, size_px: int = 240) -> QPixmap:
    """`qr_image` as a pixmap for a QLabel (needs a QGuiApplication)."""
    return QPixmap.fromImage(qr_image(text, size_px=size_px))
