"""The sale in progress survives the end of the process (trial finding D10).

A "kill" here: the data folder is copied while the first app is still running (what a SIGTERM
or a power cut leaves on disk: SQLite's file and its WAL, nothing written at close), and a
new app starts on the copy. The first app is closed normally only afterwards, so its close
cannot be what saved the draft.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.sales import queue_payment
from desktop.store.cache import Resource
from desktop.store.drafts import Drafts
from desktop.ui.app import AppShell
from desktop.ui.counter_clients import SaleClient
from desktop.ui.counter_page import CounterPage
from desktop.ui.formatting import money
from tests.conftest import SANDBOX_KEY
from tests.ui.counter_helpers import barcode, ready_counter
from tests.ui.keyboard import press, scan

TIMEOUT = 10_000
RESTORED = "Se recuperó la venta en curso"


@pytest.fixture
def restart(
    qtbot: QtBot, ui_config: AppConfig, tmp_path: Path
) -> Iterator[Callable[[str], AppShell]]:
    """Start a second app on a copy of the first one's data folder taken right now."""
    started: list[AppShell] = []

    def start_on_copy(name: str) -> AppShell:
        copy = tmp_path / name
        shutil.copytree(ui_config.data_dir, copy, ignore=shutil.ignore_patterns("*.lock"))
        app_shell = AppShell(dataclasses.replace(ui_config, data_dir=copy), SANDBOX_KEY)
        started.append(app_shell)
        return app_shell

    yield start_on_copy
    for app_shell in started:
        app_shell.close()


def _page(shell: AppShell) -> CounterPage:
    page = shell.window.pages[0]
    assert isinstance(page, CounterPage)
    return page


def test_the_cart_comes_back_after_a_kill_and_not_after_a_charge(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, restart: Callable[[str], AppShell]
) -> None:
    cuaderno = barcode(shell, "service_demo_cuaderno")
    refresco = barcode(shell, "service_demo_refresco")
    scan(qtbot, cuaderno)
    scan(qtbot, f"3*{refresco}")
    # A typed price on the first line (no manager PIN set: it goes through).
    counter.cart.setData(counter.cart.index(0, 2), "40.00")
    counter.invoice_check.setChecked(False)
    counter.received_edit.setText("200")
    total = counter.total_value.text()
    assert counter.cart.rowCount() == 2 and total == money(Decimal("40") + 3 * Decimal("19"))
    # On disk already, before any close.
    saved = Drafts(shell.core.db).load()
    assert saved is not None and len(saved.document["lines"]) == 2

    second = restart("killed")
    page = _page(second)
    assert page.cart.rowCount() == 2
    assert [line.description for line in page.cart.lines] == [
        line.description for line in counter.cart.lines
    ]
    assert [line.quantity for line in page.cart.lines] == [Decimal(1), Decimal(3)]
    assert page.cart.lines[0].price_override is not None  # the typed price stays
    assert page.total_value.text() == total
    assert page.received_edit.text() == "200"
    assert second.ctx.notices.last == (RESTORED, "info")

    # Charged on the first app: the cart empties and the draft goes with it.
    with qtbot.waitSignal(shell.bridge.queue_changed, timeout=TIMEOUT):
        press(qtbot, Qt.Key.Key_F12)
    assert counter.cart.rowCount() == 0
    assert Drafts(shell.core.db).load() is None
    third = restart("after-charge")
    assert _page(third).cart.rowCount() == 0
    assert third.ctx.notices.last != (RESTORED, "info")


def test_a_chosen_client_comes_back_and_a_cleared_sale_does_not(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, restart: Callable[[str], AppShell]
) -> None:

    record = shell.core.cache.get(Resource.CLIENTS, None, "client_demo_mariana")
    assert record is not None
    counter.clients.set_client(SaleClient(dict(record)))
    scan(qtbot, barcode(shell, "service_demo_americano"))
    page = _page(restart("with-client"))
    assert "Mariana" in page.client_card.text() and page.cart.rowCount() == 1

    # The cashier removes the line and goes back to the public: nothing left to restore.
    counter.table.setCurrentIndex(counter.cart.index(0, 0))
    counter.items.remove_current_line()
    counter.reset_client()
    assert Drafts(shell.core.db).load() is None
    cleared = restart("cleared")
    assert _page(cleared).cart.rowCount() == 0 and _page(cleared).clients.client.is_public


def test_a_sale_queued_just_before_the_kill_is_not_restored(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, restart: Callable[[str], AppShell]
) -> None:
    """Killed between queuing the sale and clearing the cart: the draft is that sale, and
    bringing it back would charge it twice."""
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    body = counter._draft().body()
    queue_payment(shell.core.outbox, body)  # what F12 does first; the cart is still full
    assert Drafts(shell.core.db).load() is not None
    second = restart("charged-then-killed")
    assert _page(second).cart.rowCount() == 0
    assert Drafts(second.core.db).load() is None
    assert second.ctx.notices.last != (RESTORED, "info")


def test_counter_for_the_restart_helper_is_ready(qtbot: QtBot, shell: AppShell) -> None:
    # The page the helper reads is the counter, built with the shell.
    page = ready_counter(qtbot, shell)
    assert page.sale_draft.restored is False
