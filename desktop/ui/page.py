"""What every page of the main window has in common."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.context import UiContext


class Page(QWidget):
    """A page in the main window's navigation.

    Subclasses set `title` (Spanish, shown in the navigation) and `icon_name` (an SVG in
    `resources/icons/`), and may override `activated()` to focus their main field.

    Talking to gigstack: `self.ctx.run_op(self, fn, on_done, on_error=..., busy=...)` (see
    `desktop.ui.ops`); telling the cashier something: `self.ctx.notify(text, level)`.
    """

    title = ""
    icon_name = ""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx

    def activated(self) -> None:
        """Called each time the page becomes visible."""
