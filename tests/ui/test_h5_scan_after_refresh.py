"""Issue 10 §3 (audit h5): "a product added on another till can be scanned here within
minutes" — end to end, at the counter.

tests/ui/test_app_shell.py proves the product reaches the cache (on "Sincronizar ahora" and
on the schedule); this test goes on to the scanner: the new barcode, scanned on the
Mostrador page, becomes a line of the sale and is charged at gigstack's price.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from tests.ui.counter_helpers import TIMEOUT, ready_counter
from tests.ui.keyboard import scan


def test_a_product_added_on_another_till_sells_here_after_the_refresh(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    counter = ready_counter(qtbot, shell)
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=TIMEOUT)
    code = "7503333333331"
    scan(qtbot, code)
    assert counter.code_error.isVisible()  # not known here yet
    assert not counter.cart.lines

    team = sandbox.store.teams[sandbox.team]
    model = next(iter(team.services.records.values()))
    team.services.add(
        {
            **model,
            "id": "service_added_elsewhere",
            "name": "Goma de borrar blanca",
            "description": "Goma de borrar blanca",
            "barcode": code,
            "sku": code,
            "unit_price": 12.5,
        }
    )
    # What the schedule does every few minutes (and "Sincronizar ahora" at once).
    timer = shell.window._catalog_timer
    assert timer is not None and timer.isActive()
    timer.timeout.emit()
    qtbot.waitUntil(
        lambda: (
            shell.core.cache.get(Resource.SERVICES, None, "service_added_elsewhere") is not None
        ),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=TIMEOUT)

    counter.focus_code()
    scan(qtbot, code)
    qtbot.waitUntil(lambda: bool(counter.cart.lines), timeout=TIMEOUT)
    (line,) = counter.cart.lines
    assert line.service_id == "service_added_elsewhere"
    assert line.service.unit_price == Decimal("12.5")
    assert not counter.code_error.isVisible()
    qtbot.keyClick(counter.code_edit, Qt.Key.Key_F12)
    row = shell.core.outbox.rows()[-1]
    assert row.payload["items"][0]["id"] == "service_added_elsewhere"
