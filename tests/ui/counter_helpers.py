"""Helpers for the tests that sell on the Mostrador page (fixture ``counter`` in conftest)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage

TIMEOUT = 15_000


def ready_counter(qtbot: QtBot, shell: AppShell) -> CounterPage:
    """The counter page shown in an active window, with services and clients cached and the
    code field focused."""
    cache = shell.core.cache
    qtbot.waitUntil(lambda: cache.count(Resource.SERVICES, None) > 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: cache.count(Resource.CLIENTS, None) > 0, timeout=TIMEOUT)
    page = shell.window.pages[0]
    assert isinstance(page, CounterPage)
    qtbot.waitUntil(lambda: len(page._services) > 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: page._client.record.get("id") is not None, timeout=TIMEOUT)
    shell.window.show()
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow, timeout=TIMEOUT)
    page.focus_code()
    return page


def barcode(shell: AppShell, service_id: str) -> str:
    """The cached barcode of a service (what the scanner types)."""
    service = shell.core.cache.get(Resource.SERVICES, None, service_id)
    assert service is not None
    return str(service["barcode"])
