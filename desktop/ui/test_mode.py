"""Test mode said plainly (issue 7 §1): a key whose `livemode` claim is false (or an
``sk_test_…`` key) bills nothing real, and the cashier must see it without looking for it.

- the window title ends in " — MODO DE PRUEBA";
- a badge in the status bar, left of the connection pill ("MODO DE PRUEBA", amber);
- Ajustes' connection section names the key's mode (`mode_text`).

Demo mode (the embedded sandbox) has its own marking ("— modo demo") and stays as it is: its
key is a test key too, and saying it twice says nothing more. A key whose mode is unknown (not
a JWT, no claim) shows nothing: only a key known to be a test key is marked. The key is never
read here, only `desktop.gigstack.KeyInfo` (its claims).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

if TYPE_CHECKING:
    from desktop.gigstack.keyinfo import KeyInfo
    from desktop.ui.context import UiContext

CONTEXT = "TestMode"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def title_suffix() -> str:
    return _tr(" — MODO DE PRUEBA")


def badge_tooltip() -> str:
    return _tr(
        "La clave de gigstack es de prueba: los cobros, recibos y facturas de esta caja no "
        "son reales ni tienen validez fiscal. Para cobrar de verdad, conecta la clave en vivo "
        "(Ajustes → Cambiar cuenta)."
    )


def mode_text(info: KeyInfo | None, demo: bool = False) -> str:
    """The key's mode in words, for Ajustes and anywhere else it is named."""
    if demo:
        return _tr("Prueba (modo demo)")
    if info is not None and info.is_test:
        return _tr("MODO DE PRUEBA (sin validez fiscal)")
    if info is not None and info.is_live:
        return _tr("En vivo (producción)")
    return _tr("No se sabe (la clave no lo dice)")


def shows_test_mode(info: KeyInfo | None, demo: bool = False) -> bool:
    """True when the window must say test mode: a key known to be a test key, outside demo."""
    return info is not None and info.is_test and not demo


class TestModeBadge(QLabel):
    """The status bar's "MODO DE PRUEBA" (styled by `QLabel[badge="test"]` in style.qss)."""

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("MODO DE PRUEBA"), parent)
        self.setObjectName("testModeBadge")
        self.setProperty("badge", "test")
        self.setToolTip(badge_tooltip())
        self.setAccessibleName(_tr("Modo de prueba"))
        self.setAccessibleDescription(badge_tooltip())


def show_test_mode(window: QMainWindow, ctx: UiContext) -> TestModeBadge | None:
    """Mark `window` when the context's key is a test key (title and status bar badge).

    Returns the badge, or None when nothing was marked. Calling it again does not mark twice.
    """
    if not shows_test_mode(ctx.key_info, ctx.config.demo):
        return None
    suffix = title_suffix()
    title = window.windowTitle()
    if not title.endswith(suffix):
        window.setWindowTitle(title + suffix)
    found = window.findChild(TestModeBadge, "testModeBadge")
    if isinstance(found, TestModeBadge):
        return found
    badge = TestModeBadge()
    # First of the permanent widgets: left of the connection pill, seen with it.
    window.statusBar().insertPermanentWidget(0, badge)
    return badge


__all__ = [
    "TestModeBadge",
    "badge_tooltip",
    "mode_text",
    "show_test_mode",
    "shows_test_mode",
    "title_suffix",
]
