"""While lanes run, Python's cycle collector runs on the GUI thread only.

A full test run hung for good: a lane thread's collection freed a dead Python slot whose
weakref made PySide call QObject::disconnect, which held a Qt mutex while waiting for the GIL
that the GUI thread held while waiting for that mutex in QObject::connect.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.sales import queue_payment
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from tests.conftest import SANDBOX_KEY

WAIT = 15_000
SALE = {
    "client": {"id": "client_demo_publico"},
    "automation_type": "none",
    "payment_form": "01",
    "items": [{"id": "service_demo_americano", "quantity": 1}],
}


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The thread each cyclic collection runs on, while the test runs."""
    seen: list[str] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_cycles_are_collected_on_the_gui_thread_while_lanes_run(
    qtbot: QtBot, ui_config: AppConfig, collections: list[str]
) -> None:
    was_enabled = gc.isenabled()
    shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        assert not gc.isenabled()  # no collection can start on a lane thread
        row = queue_payment(shell.core.outbox, SALE)
        shell.bridge.kick()
        shell.bridge.refresh()
        # Cycles made here are collected by the GUI thread's timer, not left forever.
        junk = []
        for _ in range(5000):
            cycle: list[Any] = []
            cycle.append(cycle)
            junk.append(cycle)
        del junk, cycle
        qtbot.waitUntil(
            lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT
        )
        qtbot.waitUntil(lambda: bool(collections), timeout=WAIT)
        qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=WAIT)
        assert set(collections) == {threading.main_thread().name}
    finally:
        shell.close()
    assert gc.isenabled() is was_enabled  # with no lane left, CPython collects on its own
