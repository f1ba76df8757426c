"""The counter sells a service created offline (still queued), by scan and by name.

The whole app against the sandbox over loopback: offline, a new service is queued (as the
Servicios page does), found at the counter by its code and offered "en cola" by name, sold;
back online, the service is created once and the payment registered once with its id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.sandbox import Sandbox
from desktop.store.outbox import OutboxKind, OutboxState
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from tests.ui.counter_helpers import TIMEOUT
from tests.ui.keyboard import press, scan, type_text

IVA = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "withholding": False}]


def go_offline(qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox) -> None:
    sandbox.go_down()
    with qtbot.waitCallback(timeout=TIMEOUT) as failed:
        shell.ctx.run_op(
            None,
            lambda c: c.clients.list_page(limit=1),
            failed,
            on_error=failed,
            needs_online=False,
        )
    qtbot.waitUntil(lambda: counter._sync_state.online is False, timeout=TIMEOUT)


def queue_new_service(shell: AppShell, sku: str, **changes: Any) -> Any:
    """What the Servicios page does with a new service: queue it, then kick the lanes."""
    body: dict[str, Any] = {
        "description": f"Enmicado tamaño carta {sku}",
        "sku": sku,
        "unit_price": "25.00",
        "product_key": "82121700",
        "unit_key": "H87",
        "unit_name": "Pieza",
        "taxes": IVA,
    }
    body.update(changes)
    row = shell.core.outbox.enqueue(
        OutboxKind.CREATE_SERVICE, body, team=shell.ctx.team, serial_key=f"service:{sku}"
    )
    shell.bridge.kick()
    return row


def team_records(sandbox: Sandbox, kind: str) -> list[dict[str, Any]]:
    team = sandbox.store.teams[sandbox.team]
    return list(getattr(team, kind).records.values())


def test_a_service_created_offline_sells_by_scan_and_goes_first_with_its_id(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    outbox = shell.core.outbox
    go_offline(qtbot, shell, counter, sandbox)
    try:
        service = queue_new_service(shell, "7509999000011")
        qtbot.waitUntil(lambda: counter.code.services.is_queued(service.local_id), timeout=TIMEOUT)
        # By name: offered, and marked as still queued.
        type_text(qtbot, "enmicado 750999")
        qtbot.waitUntil(counter.code.suggestions.isVisible, timeout=TIMEOUT)
        first = counter.code.suggestions.item(0).text()
        assert "Enmicado tamaño carta" in first and "en cola" in first
        counter.code.edit.clear()
        # By scan: sold at its price.
        scan(qtbot, "3*7509999000011")
        assert counter.cart.rowCount() == 1
        assert counter.code.error.text() == ""
        press(qtbot, Qt.Key.Key_F12)
        sales = outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT)
        assert len(sales) == 1
        sale = sales[0]
        line = sale.payload["items"][0]
        assert "id" not in line and line["sku"] == "7509999000011"
        assert sale.payload["metadata"]["service_local_ids"] == service.local_id
        assert counter.cart.rowCount() == 0
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    qtbot.waitUntil(lambda: outbox.get(sale.id).state is OutboxState.SENT, timeout=TIMEOUT)
    sent_service = outbox.get(service.id)
    assert sent_service.state is OutboxState.SENT
    created = [s for s in team_records(sandbox, "services") if s.get("sku") == "7509999000011"]
    assert [s["id"] for s in created] == [sent_service.server_id]
    payments = [
        p
        for p in team_records(sandbox, "payments")
        if (p.get("metadata") or {}).get("local_id") == sale.local_id
    ]
    assert len(payments) == 1
    item = payments[0]["items"][0]
    assert item["id"] == sent_service.server_id
    assert float(item["quantity"]) == 3.0 and float(item["unit_price"]) == 25.0
    # Once sent, it is the catalog's: no longer offered as queued, still found by name.
    qtbot.waitUntil(lambda: not counter.code.services.is_queued(service.local_id), timeout=TIMEOUT)
    found = counter.code.services.search("enmicado 750999")
    assert [s.id for s in found] == [sent_service.server_id]
    type_text(qtbot, "enmicado 750999")
    qtbot.waitUntil(counter.code.suggestions.isVisible, timeout=TIMEOUT)
    shown = counter.code.suggestions.item(0).text()
    assert "Enmicado tamaño carta" in shown and "en cola" not in shown


def test_a_parked_service_still_sells_and_the_sale_goes_inline(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    outbox = shell.core.outbox
    go_offline(qtbot, shell, counter, sandbox)
    try:
        # A body gigstack refuses (metadata must be an object): parked once back online.
        service = queue_new_service(shell, "ENM-H1-P", metadata="no es un objeto")
        qtbot.waitUntil(lambda: counter.code.services.is_queued(service.local_id), timeout=TIMEOUT)
        scan(qtbot, "ENM-H1-P")
        press(qtbot, Qt.Key.Key_F12)
        [sale] = outbox.rows_of_kind(OutboxKind.REGISTER_PAYMENT)
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    qtbot.waitUntil(lambda: outbox.get(sale.id).state is OutboxState.SENT, timeout=TIMEOUT)
    assert outbox.get(service.id).state is OutboxState.PARKED
    payments = [
        p
        for p in team_records(sandbox, "payments")
        if (p.get("metadata") or {}).get("local_id") == sale.local_id
    ]
    assert len(payments) == 1
    item = payments[0]["items"][0]
    assert item["description"] == "Enmicado tamaño carta ENM-H1-P"
    assert not str(item.get("id") or "").startswith("service_")
    assert [s for s in team_records(sandbox, "services") if s.get("sku") == "ENM-H1-P"] == []
