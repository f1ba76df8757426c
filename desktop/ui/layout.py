"""Layout pieces shared by the list pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget


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
