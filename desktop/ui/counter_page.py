"""The Mostrador page (being built: this placeholder only keeps the window usable)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.ui.context import UiContext
from desktop.ui.page import Page


class CounterPage(Page):
    title = "Mostrador"
    icon_name = "counter"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("counter")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Mostrador"))
