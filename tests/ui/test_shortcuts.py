"""Every page has keys a cashier can see and press (issue 11: Ctrl+1…9 reached only nine).

Ctrl+1…Ctrl+9 and Ctrl+0 open pages 1 to 10, Alt+1 and Alt+2 pages 11 and 12, and
Ctrl+PgDown / Ctrl+PgUp go to the next and previous page, wrapping around. Each key is shown
next to the page's name in the navigation and in its tooltip. Keys are pressed on whatever has
the focus, in the real window, as a keyboard sends them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.app import NAVIGATION, AppShell, page_classes
from desktop.ui.main_window import SHORTCUT_ROLE, MainWindow, page_shortcut
from desktop.ui.page import Page
from tests.ui.keyboard import focused

TIMEOUT = 10_000
DIGITS = [getattr(Qt.Key, f"Key_{d}") for d in "1234567890"]


def active_window(qtbot: QtBot, shell: AppShell) -> MainWindow:
    window = shell.window
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    return window


def press_keys(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def current(window: MainWindow) -> tuple[int, str]:
    page = window.stack.currentWidget()
    assert isinstance(page, Page)
    return window.nav.currentRow(), page.objectName()


def test_every_page_has_a_key_of_its_own() -> None:
    keys = [page_shortcut(i) for i in range(len(NAVIGATION))]
    assert len(NAVIGATION) == 12 and None not in keys
    assert len(set(keys)) == len(keys)
    assert keys[:10] == [f"Ctrl+{d}" for d in "1234567890"]
    assert keys[10:] == ["Alt+1", "Alt+2"]


def test_each_key_is_shown_beside_the_page_name_and_in_its_tooltip(
    qtbot: QtBot, shell: AppShell
) -> None:
    nav = shell.window.nav
    assert nav.count() == len(page_classes())
    for row in range(nav.count()):
        item = nav.item(row)
        keys = page_shortcut(row)
        assert keys is not None
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert item.data(SHORTCUT_ROLE) == native
        assert native in item.toolTip() and item.text() in item.toolTip()


def test_ctrl_digits_then_alt_digits_open_every_page(qtbot: QtBot, shell: AppShell) -> None:
    window = active_window(qtbot, shell)
    names = []
    for index in range(len(page_classes())):
        modifier = (
            Qt.KeyboardModifier.ControlModifier if index < 10 else Qt.KeyboardModifier.AltModifier
        )
        press_keys(qtbot, DIGITS[index % 10], modifier)
        row, name = current(window)
        assert row == index, (index, row, name)
        names.append(name)
    assert names == [window.pages[i].objectName() for i in range(len(names))]
    assert len(set(names)) == len(names)
    press_keys(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert current(window) == (0, "counter")
    assert focused().objectName() == "codeEdit"  # the counter takes its code field back


def test_ctrl_page_down_and_up_cycle_through_all_pages_and_wrap(
    qtbot: QtBot, shell: AppShell
) -> None:
    window = active_window(qtbot, shell)
    count = len(page_classes())
    seen = [current(window)[0]]
    for _ in range(count):
        press_keys(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        seen.append(current(window)[0])
    assert seen == [*range(count), 0]  # every page once, then back to the counter
    press_keys(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert current(window)[0] == count - 1  # wraps backwards to the last page
    press_keys(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert current(window)[0] == count - 2


def test_ctrl_n_opens_the_new_dialog_on_facturas_and_usuarios(
    qtbot: QtBot, shell: AppShell
) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop.ui.invoice_dialogs import CreateInvoiceDialog
    from desktop.ui.team_dialogs import UserDialog

    window = active_window(qtbot, shell)
    for name, dialog_class in (("invoices", CreateInvoiceDialog), ("users", UserDialog)):
        window.show_page_named(name)
        page = window.stack.currentWidget()
        assert page.objectName() == name
        assert "(Ctrl+N)" in page.new_button.toolTip()  # type: ignore[attr-defined]
        page.setFocus()

        def opened(kind: type[QDialog] = dialog_class) -> list[QWidget]:
            return [
                w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
            ]

        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
        press_keys(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(opened()), timeout=TIMEOUT)
        for dialog in opened():
            dialog.close()
