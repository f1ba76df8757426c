"""The counter at a real 1366x768 (and 1366x700: taskbar and title bar) screen, and notices
that never move the buttons (trial findings D3 and D5).

Real widgets offscreen with the app's own stylesheet (sizes depend on it), the real app shell
on the sandbox: geometry is measured, not assumed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.pin import ManagerPin
from desktop.sandbox import Sandbox
from desktop.store.errors import DiskFullError
from desktop.ui.app import NAVIGATION, AppShell, apply_style, window_settings
from desktop.ui.counter_clients import inline_client
from desktop.ui.counter_page import CounterPage
from desktop.ui.main_window import MainWindow
from desktop.ui.manager_pin import PinDialog
from desktop.ui.notice_bar import fit_lines
from tests.conftest import SANDBOX_KEY
from tests.ui.counter_helpers import barcode
from tests.ui.keyboard import focused, press, scan

TIMEOUT = 10_000

#: 1366x768 and 1366x700 windows, and what a 1366x700 screen leaves the window once its title
#: bar is off (`main_window.first_size`: 660 px).
SIZES = [(1366, 660), (1366, 700), (1366, 768)]


@pytest.fixture
def styled() -> Iterator[None]:
    """The app's stylesheet (fonts, paddings), as the real app runs; removed afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app)
    try:
        yield
    finally:
        app.setStyleSheet("")


def window_rect(widget: QWidget) -> QRect:
    """Where `widget` is inside its window."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def seen_rect(widget: QWidget, counter: CounterPage) -> QRect:
    """The part of `widget` the panel's scroll area lets through, in window coordinates."""
    viewport = counter.panel_scroll.viewport()
    return window_rect(widget).intersected(window_rect(viewport))


def fully_seen(widget: QWidget, counter: CounterPage) -> bool:
    window = widget.window()
    inside_window = window.rect().contains(window_rect(widget))
    return (
        widget.isVisible() and inside_window and seen_rect(widget, counter) == window_rect(widget)
    )


def sell_with_change(qtbot: QtBot, shell: AppShell, counter: CounterPage) -> None:
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))  # $45.00
    counter.received_edit.setText("500")
    assert counter.charge() is not None
    qtbot.waitUntil(lambda: "Registrado" in counter.last_sale_label.text(), timeout=TIMEOUT)


@pytest.mark.parametrize("size", SIZES, ids=["1366x660", "1366x700", "1366x768"])
def test_last_sale_buttons_are_on_screen_after_a_sale_with_a_notice(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None, size: tuple[int, int]
) -> None:
    width, height = size
    window = shell.window
    window.resize(width, height)
    sell_with_change(qtbot, shell, counter)
    shell.ctx.notify("gigstack no aceptó la operación: una razón larga " * 6, "error")
    qtbot.waitUntil(lambda: window.size().height() == height, timeout=TIMEOUT)
    QApplication.processEvents()

    assert window.notice_bar.isVisible() and window.notice_bar.level == "error"
    for button in (counter.charge_button, counter.print_button, counter.pdf_button):
        assert fully_seen(button, counter), (button.objectName(), window_rect(button))
    # Nothing to scroll to: the whole panel fits.
    assert not counter.panel_scroll.verticalScrollBar().isVisible()
    # The notice does not cover the page: it is in the status bar's row, under it.
    bar = window_rect(window.notice_bar)
    assert bar.top() >= window_rect(counter).bottom()


def test_a_notice_coming_and_going_moves_no_button(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None
) -> None:
    window = shell.window
    window.resize(1366, 768)
    sell_with_change(qtbot, shell, counter)
    window.notice_bar.dismiss()
    QApplication.processEvents()
    buttons = [
        counter.new_client_button,
        counter.remove_button,
        counter.charge_button,
        counter.print_button,
        counter.pdf_button,
        window.pill,
    ]

    def where() -> list[QRect]:
        QApplication.processEvents()
        return [window_rect(b) for b in buttons]

    before = where()
    shell.ctx.notify("Venta registrada", "success")
    assert window.notice_bar.isVisible()
    assert where() == before
    long_error = "No se pudo imprimir: " + "la impresora no contestó a tiempo. " * 12
    shell.ctx.notify(long_error, "error")
    assert where() == before
    # Two lines hold what fits; the whole text is at hand (tooltip, `text`).
    bar = window.notice_bar
    assert bar.text == long_error
    assert bar.shown_text.endswith("…") and len(bar.shown_text) < len(long_error)
    assert bar.label.toolTip() == long_error
    press_close = bar.close_button
    qtbot.mouseClick(press_close, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert where() == before


def test_notice_text_is_cut_to_two_lines_at_a_word(qtbot: QtBot) -> None:
    label = QWidget()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    short = "Ticket guardado"
    assert fit_lines(short, metrics, 400) == short
    text = " ".join(f"palabra{n}" for n in range(80))
    cut = fit_lines(text, metrics, 300)
    assert cut.endswith("…")
    assert text.startswith(cut[:-1].rstrip())
    assert cut[:-1].rstrip().split(" ")[-1] in text.split(" ")  # a whole word before "…"
    flags = int(Qt.TextFlag.TextWordWrap)
    height = metrics.boundingRect(QRect(0, 0, 300, 10_000), flags, cut).height()
    assert height <= 2 * metrics.lineSpacing()


def test_one_change_after_a_sale_and_the_total_back_at_the_next_scan(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None
) -> None:
    shell.window.resize(1366, 768)
    QApplication.processEvents()
    pay_at = window_rect(counter.pay_buttons["01"])
    sell_with_change(qtbot, shell, counter)
    QApplication.processEvents()
    assert window_rect(counter.pay_buttons["01"]) == pay_at  # the change moved nothing down
    # The big change, in the total's place; the small "Cambio $0.00" row says nothing now.
    assert counter.change_due.isVisible() and "$455.00" in counter.change_due.text()
    assert not counter.total_value.isVisible()
    assert not counter.change_value.isVisible()
    charge_at = window_rect(counter.charge_button)

    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    assert not counter.change_due.isVisible()
    assert counter.total_value.isVisible() and counter.total_value.text() == "$6.50"
    assert counter.change_value.isVisible() and counter.change_value.text() == "$0.00"
    QApplication.processEvents()
    assert window_rect(counter.charge_button) == charge_at  # Cobrar did not move


def test_the_last_sale_box_holds_its_place_before_the_first_sale(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None
) -> None:
    shell.window.resize(1366, 768)
    QApplication.processEvents()
    box = counter.last_sale_box
    assert box.isVisible() and "Todavía ninguna" in counter.last_sale_label.text()
    assert not counter.print_button.isEnabled() and not counter.pdf_button.isEnabled()
    charge_at = window_rect(counter.charge_button)
    sell_with_change(qtbot, shell, counter)
    QApplication.processEvents()
    assert counter.print_button.isEnabled() and counter.pdf_button.isEnabled()
    assert "Cambio <b>$455.00</b>" in counter.last_sale_label.text()
    assert window_rect(counter.charge_button) == charge_at


def test_tab_follows_the_screen_with_no_invisible_stop(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None
) -> None:
    sell_with_change(qtbot, shell, counter)  # the last sale's buttons are Tab stops too
    counter.client_search.setFocus(Qt.FocusReason.TabFocusReason)
    expected = [
        counter.client_search,
        counter.new_client_button,
        counter.code_edit,
        counter.table,
        counter.remove_button,
        counter.pay_buttons["01"],  # Qt stops on the checked payment button only
        counter.other_form,
        counter.received_edit,
        counter.invoice_check,
        counter.charge_button,
        counter.print_button,
        counter.pdf_button,
    ]
    stops = []
    for _ in expected:
        stops.append(focused())
        press(qtbot, Qt.Key.Key_Tab)
    assert stops == expected
    assert counter.panel_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
    # The checked payment button shows it has the keyboard (it was an invisible stop).
    cash = counter.pay_buttons["01"]
    unfocused = cash.grab().toImage()
    cash.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert cash.hasFocus()
    assert cash.grab().toImage() != unfocused


def test_the_counter_keys_are_on_screen(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    assert "(F2)" in counter.client_search.placeholderText()
    assert "Ctrl+N" in counter.new_client_button.text()
    assert "F4" in counter.items.keys_hint.text() and counter.items.keys_hint.isVisible()
    assert "Supr" in counter.remove_button.text()
    assert "F12" in counter.charge_button.text()
    assert "Ctrl+P" in counter.print_button.text()
    # And the keys do what the screen says.
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is counter.client_search
    press(qtbot, Qt.Key.Key_F3)
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    press(qtbot, Qt.Key.Key_F4)
    assert focused() is counter.table


def test_a_new_clients_card_shows_all_its_words(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, styled: None
) -> None:
    shell.window.resize(1366, 700)
    client = inline_client(
        {
            "name": "Doña Chela Pérez Jiménez de la Colonia Centro",
            "legal_name": "GRACIELA PEREZ JIMENEZ",
            "tax_id": "PEPJ750203H14",
            "tax_system": "612",
            "address": {"zip": "01000"},
            "use": "CP01",
            "email": "",
        }
    )
    counter.clients.use_new_client(client)
    QApplication.processEvents()
    card = counter.client_card
    assert "se registra con la venta" in card.text()
    assert card.heightForWidth(card.width()) <= card.height()  # wrapped, not cut
    assert window_rect(counter.client_reset).right() <= window_rect(counter.items).right()


def test_a_wrong_pin_keeps_the_dialog_buttons_inside(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    store = ManagerPin(tmp_path)
    store.set("4821")
    dialog = PinDialog(store, "cambiar el precio de un artículo")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()
    dialog.pin.setText("1111")
    dialog.check()
    QApplication.processEvents()
    assert dialog.error.isVisible() and dialog.error.text() == "PIN incorrecto."
    for button in (dialog.ok_button, dialog.findChild(QWidget, "closeButton")):
        assert button is not None
        assert dialog.rect().contains(window_rect(button)), window_rect(button)
    assert dialog.size() == size  # the message had its room: nothing had to grow
    # The lockout message, the longest, fits that room at the dialog's width.
    error = dialog.error
    error.setText("Demasiados intentos. Espera 30 segundos e intenta de nuevo.")
    QApplication.processEvents()
    assert error.heightForWidth(error.width()) <= error.height()


def test_notices_show_when_the_app_opened_under_its_frame(
    qtbot: QtBot, ui_config: AppConfig
) -> None:
    """The real start: the frame says "Abriendo…" in the status bar while the core opens;
    the notices' place comes in under that message and must show once it clears."""
    frame = MainWindow(entries=NAVIGATION, settings=window_settings(ui_config.data_dir))
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    shell = AppShell(ui_config, SANDBOX_KEY, window=frame, step_by_step=True)
    try:
        while shell.open_step():
            QApplication.processEvents()
        assert isinstance(frame.stack.currentWidget(), CounterPage)
        assert frame.statusBar().currentMessage() == ""
        assert frame.notice_area.isVisible()
        shell.ctx.notify("Ticket guardado", "success")
        assert frame.notice_bar.isVisible() and frame.notice_bar.shown_text == "Ticket guardado"
    finally:
        shell.close()


def test_a_refused_charge_leaves_cobrar_where_it_was(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox, styled: None
) -> None:
    """The message of a charge that failed (a real full disk) shows next to "Cobrar" without
    moving it: a second click lands on the button, not on the message."""
    from desktop.sales import queue_payment

    # At 1366x768 the panel has room to spare; at 700 a message this long (four lines) may
    # make the panel scroll instead.
    shell.window.resize(1366, 768)
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    QApplication.processEvents()
    charge_at = window_rect(counter.charge_button)
    db, outbox = shell.core.db, shell.core.outbox
    sandbox.go_down()
    with db.read() as conn:
        conn.execute(f"PRAGMA max_page_count = {db.pragma('page_count')}")
    try:
        body = counter._draft().body()
        with pytest.raises(DiskFullError):
            for _ in range(500):
                queue_payment(outbox, body)
        assert counter.charge() is None
        QApplication.processEvents()
        assert counter.charge_error.isVisible() and "NO se guardó" in counter.charge_error.text()
        assert window_rect(counter.charge_button) == charge_at
        assert fully_seen(counter.charge_error, counter)
    finally:
        with db.read() as conn:
            conn.execute("PRAGMA max_page_count = 1073741823")
        sandbox.come_up()
