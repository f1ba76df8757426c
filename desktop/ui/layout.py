"""Layout pieces shared by the list pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QWidget

WIDE_LAYOUT_PX = 1100  # page width from which a detail panel sits beside its table


def list_with_detail(
    left: QWidget, detail: QWidget, *, list_width: int, detail_width: int
) -> QSplitter:
    """The table on the left, a scrollable detail panel on the right that keeps its width."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(detail)
    scroll.setMinimumWidth(detail_width)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    splitter = QSplitter()
    splitter.setObjectName("detailSplitter")
    splitter.addWidget(left)
    splitter.addWidget(scroll)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 0)
    splitter.setSizes([list_width, detail_width])
    splitter.setChildrenCollapsible(False)
    return splitter


def fit_detail_to_width(
    splitter: QSplitter, width: int, *, wide_from: int, detail_width: int, narrow: list[int]
) -> None:
    """Detail beside the table on wide windows, below it on narrow ones (the table's columns
    need the width more than the detail does). Call from the page's resizeEvent."""
    wide = width >= wide_from
    orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
    if splitter.orientation() != orientation:
        splitter.setOrientation(orientation)
        splitter.setSizes([width - detail_width, detail_width] if wide else narrow)


def detail_title(text: str = "", scale: float = 1.25) -> QLabel:
    """The bold, larger heading of a list page's detail panel (Pagos, Cola, Facturas...)."""
    label = QLabel(text)
    label.setObjectName("detailTitle")
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
