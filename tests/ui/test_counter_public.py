"""The counter's "Público en general" carries what CFDI 4.0 asks of the generic receiver:
régimen 616, uso S01 and, as its fiscal zip, the issuer's own postal code (the team's), also
when the cache does not hold the public yet and gigstack must create it with the sale."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.app import AppConfig
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from tests.conftest import SANDBOX_KEY
from tests.ui.counter_helpers import barcode
from tests.ui.keyboard import scan

TIMEOUT = 15_000
PUBLIC_RFC = "XAXX010101000"


def test_a_sale_to_a_public_gigstack_lacks_creates_it_with_the_issuer_zip(
    qtbot: QtBot, sandbox: Sandbox, ui_config: AppConfig
) -> None:
    team = sandbox.store.teams[sandbox.team]
    issuer_zip = team.team["address"]["zip"]
    # A team whose gigstack has no "Público en general" yet (a new account).
    for client_id in [k for k, c in team.clients.records.items() if c["tax_id"] == PUBLIC_RFC]:
        team.clients.delete(client_id)

    shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        cache = shell.core.cache
        qtbot.waitUntil(lambda: cache.count(Resource.SERVICES, None) > 0, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: cache.count(Resource.CLIENTS, None) > 0, timeout=TIMEOUT)
        counter = shell.window.pages[0]
        assert isinstance(counter, CounterPage)
        qtbot.waitUntil(lambda: len(counter._services) > 0, timeout=TIMEOUT)
        # The team's data arrives from gigstack: the public's fallback takes its zip.
        qtbot.waitUntil(lambda: counter._client.view.zip == issuer_zip, timeout=TIMEOUT)
        client = counter._client
        assert client.is_public and not client.is_cached
        assert (client.view.tax_system, client.use) == ("616", "S01")
        assert "régimen 616" in counter.client_card.text()
        assert "uso S01" in counter.client_card.text()

        shell.window.show()
        shell.window.activateWindow()
        qtbot.waitUntil(shell.window.isActiveWindow, timeout=TIMEOUT)
        counter.focus_code()
        scan(qtbot, barcode(shell, "service_demo_lapiz"))
        row = counter.charge()
        assert row is not None
        sent = row.payload["client"]
        assert sent["search"] == {"on_key": "tax_id", "on_value": PUBLIC_RFC, "auto_create": True}
        assert sent["address"] == {"zip": issuer_zip}
        assert row.payload["automation_type"] == "receipt"
        qtbot.waitUntil(
            lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
        )
        created = [c for c in team.clients.records.values() if c.get("tax_id") == PUBLIC_RFC]
        assert len(created) == 1
        assert created[0]["tax_system"] == "616"
        assert created[0]["use"] == "S01"
        assert created[0]["address"]["zip"] == issuer_zip
    finally:
        shell.close()
