"""The notice area: one line across the window, under the pages, above the status bar.

Fed by `UiContext.notify(text, level)`. Info and success notices fade after a few seconds; a
warning stays longer; an error (a print that failed, a sale that was NOT saved) stays, in red,
until the cashier closes it (Esc or the ×) — impossible to miss, never blocking the counter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

#: How long each level stays on screen (ms); None = until closed.
DURATION_MS: dict[str, int | None] = {
    "info": 6000,
    "success": 6000,
    "warning": 15000,
    "error": None,
}

_COLORS = {
    "info": ("#e8f0fe", "#174ea6", "#c6d7f9"),
    "success": ("#e6f4ea", "#1b5e20", "#b7dfc0"),
    "warning": ("#fff4e5", "#7a4100", "#f5c98b"),
    "error": ("#fde8e8", "#b00020", "#f3b1b8"),
}


class NoticeBar(QFrame):
    """Shows the latest notice; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setObjectName("noticeClose")
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Cerrar aviso (Esc)"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.level = ""
        self.hide()

    def show_notice(self, text: str, level: str = "info") -> None:
        if level not in DURATION_MS:
            level = "info"
        if self.level == "error" and level != "error":
            # An error the cashier has not read yet is never pushed away by a lesser notice.
            return
        self.level = level
        self.setProperty("level", level)
        background, foreground, border = _COLORS[level]
        weight = "bold" if level == "error" else "normal"
        self.setStyleSheet(
            f"QFrame#noticeBar {{ background: {background}; border-top: 1px solid {border}; }}"
            f"QLabel#noticeText {{ color: {foreground}; font-weight: {weight}; }}"
        )
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()
        duration = DURATION_MS[level]
        if duration is None:
            self._timer.stop()
        else:
            self._timer.start(duration)

    def dismiss(self) -> None:
        self._timer.stop()
        self.level = ""
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    def stop(self) -> None:
        self._timer.stop()
