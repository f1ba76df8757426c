"""The Pagos page (being built: this placeholder only keeps the window usable)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.ui.context import UiContext
from desktop.ui.page import Page


class PaymentsPage(Page):
    title = "Pagos"
    icon_name = "payments"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("payments")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Pagos"))
