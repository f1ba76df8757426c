"""A key gigstack refuses is said on screen even when nothing is queued (a new user's trial
saw "En línea · Todo enviado" and a counter waiting for a catalog that could never come)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.ui.app import AppShell

WAIT = 15_000


def test_a_rejected_key_is_said_in_the_status_bar_and_a_notice(
    qtbot: QtBot, ui_config: AppConfig
) -> None:
    shell = AppShell(ui_config, "sk_test_not_a_key_gigstack_knows")
    try:
        shell.window.show()
        qtbot.waitUntil(lambda: shell.bridge.key_problem is not None, timeout=WAIT)
        assert "401" in (shell.bridge.key_problem or "")
        pill = shell.window.pill
        qtbot.waitUntil(lambda: "Clave de API rechazada" in pill.connection.text(), timeout=WAIT)
        assert "Ajustes" in pill.connection.toolTip()
        bar = shell.window.notice_bar
        qtbot.waitUntil(
            lambda: "No se pudo actualizar la copia local de gigstack" in bar.text, timeout=WAIT
        )
    finally:
        shell.close()


def test_a_good_key_shows_no_key_problem(qtbot: QtBot, shell: AppShell) -> None:
    qtbot.waitUntil(lambda: shell.bridge.online is True, timeout=WAIT)
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=WAIT)
    assert shell.bridge.key_problem is None
    assert "Clave de API rechazada" not in shell.window.pill.connection.text()
