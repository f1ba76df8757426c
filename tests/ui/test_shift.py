"""A whole shift through the real window: the internet drops mid-shift and comes back.

Sales are rung up with the keyboard on the counter; while gigstack is unreachable they queue,
the status pill says so and counts them; when it is back everything drains exactly once and
Pagos lists every sale of the shift.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from desktop.ui.payments_page import PaymentsPage
from tests.conftest import SANDBOX_KEY
from tests.ui.keyboard import press, scan

TIMEOUT = 15_000


def test_a_shift_that_loses_the_internet_and_gets_it_back(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    cache, outbox, window = shell.core.cache, shell.core.outbox, shell.window
    qtbot.waitUntil(lambda: cache.count(Resource.SERVICES, None) > 0, timeout=TIMEOUT)
    counter = window.pages[0]
    assert isinstance(counter, CounterPage)
    qtbot.waitUntil(lambda: counter._client.record.get("id") is not None, timeout=TIMEOUT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    pill = window.pill
    codes = {
        sid: str((cache.get(Resource.SERVICES, None, sid) or {})["barcode"])
        for sid in ("service_demo_americano", "service_demo_cuaderno", "service_demo_refresco")
    }

    def ring_up(*scans: str) -> None:
        counter.focus_code()
        for code in scans:
            scan(qtbot, code)
        before = len(outbox.rows())
        press(qtbot, Qt.Key.Key_F12)
        assert len(outbox.rows()) == before + 1  # queued at once, online or not
        assert counter.cart.rowCount() == 0  # and the counter is ready for the next one

    # Morning: online, two sales go straight through.
    ring_up(codes["service_demo_americano"], codes["service_demo_cuaderno"])
    ring_up(f"2*{codes['service_demo_refresco']}")
    qtbot.waitUntil(lambda: outbox.stats().sent == 2, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Registrado en gigstack" in window.notice_bar.text, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "En línea" in pill.connection.text(), timeout=TIMEOUT)

    # The internet drops: sales keep being rung up and queue.
    sandbox.go_down()
    ring_up(codes["service_demo_cuaderno"])
    ring_up(f"3*{codes['service_demo_americano']}")
    ring_up(codes["service_demo_refresco"], codes["service_demo_americano"])
    qtbot.waitUntil(lambda: "Sin conexión" in pill.connection.text(), timeout=TIMEOUT)
    pill.refresh()
    assert "3 por enviar" in pill.pending.text()
    qtbot.waitUntil(lambda: "En cola" in window.notice_bar.text, timeout=TIMEOUT)
    assert outbox.stats().sent == 2

    # It comes back; "Sincronizar ahora" sends everything, once.
    sandbox.come_up()
    qtbot.mouseClick(pill.sync_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbox.stats().sent == 5, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "En línea" in pill.connection.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Todo enviado" in pill.pending.text(), timeout=TIMEOUT)

    rows = outbox.rows()
    assert [r.state for r in rows] == [OutboxState.SENT] * 5
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        for row in rows:
            found = list(api.payments.list(metadata={"local_id": row.local_id}))
            assert [p.id for p in found] == [row.server_id]
        expected = [Decimal("80"), Decimal("38"), Decimal("45"), Decimal("105"), Decimal("54")]
        assert [api.payments.get(r.server_id or "").total for r in rows] == expected

    # Pagos shows every sale of the shift once the cache catches up.
    payments = window.pages[1]
    assert isinstance(payments, PaymentsPage)
    window.show_page(1)
    shell.bridge.refresh([Resource.PAYMENTS])
    server_ids = {r.server_id for r in rows}
    qtbot.waitUntil(lambda: server_ids <= set(cache.ids(Resource.PAYMENTS, None)), timeout=TIMEOUT)
    model = payments.model
    qtbot.waitUntil(
        lambda: server_ids <= {model.row_at(i).payment_id for i in range(model.rowCount())},
        timeout=TIMEOUT,
    )
