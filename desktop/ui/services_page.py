"""The Servicios page (being built: this placeholder only keeps the window usable)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.ui.context import UiContext
from desktop.ui.page import Page


class ServicesPage(Page):
    title = "Servicios"
    icon_name = "services"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("services")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Servicios"))
