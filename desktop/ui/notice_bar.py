"""The notice area: the left part of the status bar, fed by `UiContext.notify(text, level)`.

Info and success notices fade after a few seconds; a warning stays longer; an error (a print
that failed, a sale that was NOT saved) stays, in red and bold, until the cashier closes it
(Esc or the ×) — impossible to miss, never blocking the counter.

A notice never moves what the cashier is about to click (issue D5: a bar that appeared under
the pages and hid itself again shifted every button above it by ~50 px, so clicks landed on
the wrong control). So the notice has a permanent place, `NoticeArea`: it shares the status
bar's row with the connection pill and is always exactly two lines tall, shown or not. A
notice longer than two lines at the window's width is cut with "…", and the whole text is in
its tooltip and in `NoticeBar.text` (screen readers get it as the accessible name).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

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

#: Lines of text the notice's place always holds.
LINES = 2
#: The bar's margins around its text (left, top, right, bottom).
_MARGINS = (12, 2, 4, 2)
_ELLIPSIS = "…"
#: What QStatusBar adds around its row of widgets (qstatusbar.cpp: 3 px above, 2 px under).
_STATUS_BAR_SPACING = 5


def fit_lines(text: str, metrics: QFontMetrics, width: int, lines: int = LINES) -> str:
    """`text` as it fits in `lines` word-wrapped lines of `width` pixels: whole, or cut at a
    word with "…" (the longest such start)."""
    if width <= 0 or not text:
        return text
    flags = int(Qt.TextFlag.TextWordWrap)
    limit = lines * metrics.lineSpacing()

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(QRect(0, 0, width, 100_000), flags, candidate).height() <= limit

    if fits(text):
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(text[:middle].rstrip() + _ELLIPSIS):
            low = middle
        else:
            high = middle
    cut = text[:low]
    space = cut.rfind(" ")
    if space > low // 2:  # end on a whole word when one is near
        cut = cut[:space]
    return cut.rstrip() + _ELLIPSIS


class NoticeBar(QFrame):
    """Shows the latest notice; hidden when there is none (its `NoticeArea` keeps the room)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        # A notice is words, never markup (a client's name or gigstack's reason may hold "<").
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.close_button = QToolButton()
        self.close_button.setObjectName("noticeClose")
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Cerrar aviso (Esc)"))
        self.close_button.setAccessibleName(self.tr("Cerrar aviso"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(*_MARGINS)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.label.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.level = ""
        self._text = ""
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
            f"QFrame#noticeBar {{ background: {background}; border: 1px solid {border};"
            " border-radius: 4px; }"
            f"QLabel#noticeText {{ color: {foreground}; font-weight: {weight}; }}"
        )
        self._text = text
        self.setAccessibleName(text)
        self.show()
        self._fit()
        duration = DURATION_MS[level]
        if duration is None:
            self._timer.stop()
        else:
            self._timer.start(duration)

    def dismiss(self) -> None:
        self._timer.stop()
        self.level = ""
        self._text = ""
        self.label.clear()
        self.label.setToolTip("")
        self.hide()

    @property
    def text(self) -> str:
        """The whole notice (what shows may be cut with "…" to fit two lines)."""
        return self._text

    @property
    def shown_text(self) -> str:
        return self.label.text()

    def stop(self) -> None:
        self._timer.stop()

    def _fit(self) -> None:
        """Show as much of the notice as two lines hold; the whole of it in the tooltip."""
        width = self.label.width() if self.label.isVisible() else self._label_width_guess()
        shown = fit_lines(self._text, self.label.fontMetrics(), width)
        if shown != self.label.text():
            self.label.setText(shown)
        self.label.setToolTip(self._text if shown != self._text else "")

    def _label_width_guess(self) -> int:
        """The label's width before the layout placed it (the first show)."""
        left, _top, right, _bottom = _MARGINS
        layout = self.layout()
        spacing = max(0, layout.spacing()) if layout is not None else 0
        return max(0, self.width() - left - right - self.close_button.sizeHint().width() - spacing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The label got its width (a window resized, the pill grew): cut the notice to it.
        if watched is self.label and event.type() == QEvent.Type.Resize and self._text:
            self._fit()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self._text:
            self._fit()


class NoticeArea(QWidget):
    """The notice's permanent place: always `LINES` lines tall, with a notice or without.

    Whatever the window shows above and beside it keeps its place when a notice comes or goes.
    In a status bar it also keeps the bar that tall while a temporary message hides it
    ("Abriendo…" as a page is built).
    """

    def __init__(self, bar: NoticeBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeArea")
        self.bar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = 0
        bar.label.installEventFilter(self)

    def reserved_height(self) -> int:
        self.bar.label.ensurePolished()
        _left, top, _right, bottom = _MARGINS
        text = LINES * self.bar.label.fontMetrics().lineSpacing()
        return max(text, self.bar.close_button.sizeHint().height()) + top + bottom + 2

    def sizeHint(self) -> QSize:
        return QSize(200, self.reserved_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.reserved_height())

    def _measure(self) -> None:
        """The text's font came or changed (the stylesheet): the room follows it."""
        height = self.reserved_height()
        if height == self._height:
            return
        self._height = height
        self.updateGeometry()
        status_bar = self.parentWidget()
        if isinstance(status_bar, QStatusBar):
            # QMainWindow gives its status bar the bar's minimum height: the area plus the
            # spacing QStatusBar puts above (3 px) and under (2 px) its row of widgets.
            status_bar.setMinimumHeight(height + _STATUS_BAR_SPACING)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar.label and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.Polish,
        ):
            self._measure()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        self._measure()
        super().showEvent(event)
