"""Clientes and Servicios: "Actualizar desde gigstack" (Shift+F5) reads one record again.

GET /clients/{id} and GET /services/{id} are two of the seed's endpoints: another till (or the
web app) changes or deletes a record, and the cashier brings that one record up to date
without waiting for the next full refresh. Runs against the sandbox; the change is made with a
client of our own, as another till would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from desktop.ui.record_page import RecordPage
from tests.ui.record_pages import column_texts, go_offline, go_online, row_of

WAIT = 10_000

# page name, a seeded record's first column, how to rename it on the server, the field path.
CASES = [
    ("clients", "Ana Sofía Ramírez Torres", "clients", {"name": "Ana Sofía Ramírez (cambiada)"}),
    ("services", "Café americano 12 oz", "services", {"description": "Café americano 16 oz"}),
]


def _open(qtbot: QtBot, shell: AppShell, name: str, first: str) -> RecordPage:
    page = next(p for p in shell.window.pages if p.objectName() == name)
    assert isinstance(page, RecordPage)
    shell.window.show()
    shell.window.show_page_named(name)
    qtbot.waitUntil(lambda: first in column_texts(page, 0), timeout=WAIT)
    return page


def _record_id(page: RecordPage, first: str) -> str:
    page.table.selectRow(row_of(page, first))
    row = page.selected_row()
    assert row is not None and row.id
    return row.id


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_shift_f5_brings_one_record_up_to_date(
    qtbot: QtBot,
    shell: AppShell,
    sandbox: Sandbox,
    api: GigstackClient,
    case: tuple[str, str, str, dict[str, str]],
) -> None:
    name, first, resource, changes = case
    page = _open(qtbot, shell, name, first)
    record_id = _record_id(page, first)
    getattr(api, resource).update(record_id, changes)  # another till changes it
    new_text = next(iter(changes.values()))
    assert new_text not in column_texts(page, 0)

    sandbox.log.clear()
    # Keys reach the page's shortcuts once the window is the active one (asynchronous).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell.window, timeout=WAIT)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "al día" in page.message.text(), timeout=WAIT)
    assert new_text in column_texts(page, 0)
    gets = [r.path for r in sandbox.requests if r.method == "GET"]
    assert gets.count(f"/v2/{resource}/{record_id}") == 1  # the one record was read
    cached = shell.core.cache.get(page.resource, shell.ctx.team, record_id)
    assert cached is not None and new_text in cached.values()
    selected = page.selected_row()
    assert selected is not None and selected.id == record_id  # the cashier keeps their place


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_record_deleted_in_gigstack_leaves_the_list_with_a_word(
    qtbot: QtBot,
    shell: AppShell,
    api: GigstackClient,
    case: tuple[str, str, str, dict[str, str]],
) -> None:
    name, first, resource, _changes = case
    page = _open(qtbot, shell, name, first)
    record_id = _record_id(page, first)
    getattr(api, resource).delete(record_id)
    page.fetch_action.trigger()  # type: ignore[attr-defined]
    # The row leaves as soon as the cache says so; the words follow when the call ends.
    qtbot.waitUntil(lambda: "ya no existe en gigstack" in page.message.text(), timeout=WAIT)
    assert first not in column_texts(page, 0)
    assert page.message.property("error") is True
    assert shell.core.cache.get(page.resource, shell.ctx.team, record_id) is None


def test_refused_offline_and_kept_as_shown(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    page = _open(qtbot, shell, "clients", "Ana Sofía Ramírez Torres")
    _record_id(page, "Ana Sofía Ramírez Torres")
    go_offline(qtbot, shell, sandbox, page)
    try:
        trigger: Callable[[], None] = page.fetch_action.trigger  # type: ignore[attr-defined]
        trigger()
        assert "Sin conexión" in page.message.text()
        assert "Ana Sofía Ramírez Torres" in column_texts(page, 0)
    finally:
        go_online(qtbot, shell, sandbox, page)
