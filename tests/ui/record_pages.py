"""Helpers for the Clientes and Servicios page tests (both are RecordPages)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from desktop.ui.record_page import RecordPage

TIMEOUT = 10_000


def column_texts(page: RecordPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def row_of(page: RecordPage, first_column_text: str) -> int:
    return column_texts(page, 0).index(first_column_text)


def go_offline(qtbot: QtBot, shell: AppShell, sandbox: Sandbox, page: RecordPage) -> None:
    """Pull the cable and let the app notice (a call that fails to connect tells the lanes)."""
    sandbox.go_down()
    with qtbot.waitCallback(timeout=TIMEOUT) as failed:
        shell.ctx.run_op(
            None,
            lambda c: c.clients.list_page(limit=1),
            failed,
            on_error=failed,
            needs_online=False,
        )
    qtbot.waitUntil(lambda: page._online is False, timeout=TIMEOUT)


def go_online(qtbot: QtBot, shell: AppShell, sandbox: Sandbox, page: RecordPage) -> None:
    sandbox.come_up()
    shell.bridge.kick()  # probes on the page lane while the app believes it is offline
    qtbot.waitUntil(lambda: page._online is True, timeout=TIMEOUT)
