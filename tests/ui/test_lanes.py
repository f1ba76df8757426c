"""Two lanes: a stuck send never blocks a page, a slow refresh never blocks a sale, closing
during a stuck send is quick and loses nothing, and the app takes the queue over from a CLI
`sync` that lets it go.

"Stuck" is real: the sandbox's latency fault holds a request before answering. The latency is
read when a request arrives, so a test can make one request slow (set, wait until it is in
flight, clear) and let the next ones through at normal speed.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.cache import Resource
from desktop.store.outbox import Outbox, OutboxState
from desktop.sync.lock import SenderLock
from desktop.ui.app import AppShell
from desktop.ui.ops import OFFLINE_MESSAGE
from tests.conftest import SANDBOX_KEY

WAIT = 15_000
#: Far longer than any answer in these tests; short enough to wait out at teardown (a held
#: request is processed when its sleep ends, and must not land in the next test's sandbox).
STUCK_MS = 8_000

SALE = {
    "client": {"id": "client_demo_publico"},
    "automation_type": "none",
    "payment_form": "01",
    "items": [{"id": "service_demo_americano", "quantity": 1}],
}


def held_paths() -> list[str]:
    """The paths of the requests the sandbox is holding right now (a server thread asleep in
    its latency fault).

    Read from the live threads' frames: the server runs in this process, so this is the
    server's real state, not a guess from timing.
    """
    paths = []
    for frame in sys._current_frames().values():
        path = frame.f_code.co_filename.replace("\\", "/")
        line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
        if "/desktop/sandbox/" in path and "sleep(" in line:
            entry = frame.f_locals.get("entry")
            paths.append(str(getattr(entry, "path", "")))
    return paths


def held_requests() -> int:
    return len(held_paths())


def held_on(path_end: str) -> int:
    """Held requests to this path: the app's own page calls may be held beside them."""
    return sum(path.rstrip("/").endswith(path_end) for path in held_paths())


@pytest.fixture
def held(qtbot: QtBot) -> Iterator[Callable[[], int]]:
    """Requests the sandbox holds; none at the start (an earlier test's may still be asleep:
    wait it out), and the test's own are waited out at teardown."""
    qtbot.waitUntil(lambda: held_requests() == 0, timeout=60_000)
    yield held_requests
    qtbot.waitUntil(lambda: held_requests() == 0, timeout=STUCK_MS + WAIT)


def settled(qtbot: QtBot, shell: AppShell) -> None:
    """The start-up refresh is over and the connection is known to be up."""
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.bridge.online is True, timeout=WAIT)


def stuck_send(qtbot: QtBot, shell: AppShell, sandbox: Sandbox, held: Callable[[], int]) -> int:
    """Queue a sale whose send hangs on the server; returns its row id once it is in flight."""
    sandbox.faults.set(latency_ms=STUCK_MS)
    row = queue_payment(shell.core.outbox, SALE)
    shell.bridge.kick()
    # Wait for the send itself: a page call of the app's own may be held too.
    qtbot.waitUntil(lambda: held_on("/payments/register") == 1, timeout=WAIT)
    sandbox.faults.set(latency_ms=0)  # only the requests already held stay stuck
    assert shell.core.outbox.get(row.id).state is OutboxState.SENDING
    return row.id


def test_a_page_call_answers_while_a_send_is_stuck(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, held: Callable[[], int]
) -> None:
    settled(qtbot, shell)
    row_id = stuck_send(qtbot, shell, sandbox, held)
    answers: list[Any] = []
    shell.ctx.run_op(
        shell.window,
        lambda client: client.clients.list_page(limit=1),
        answers.append,
        on_error=lambda message, _exc: answers.append(message),
    )
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    assert answers[0].items, answers  # a real answer, not an error message
    # ...and the send is still hanging: the page did not wait behind it.
    assert shell.core.outbox.get(row_id).state is OutboxState.SENDING


def test_closing_during_a_stuck_send_is_clean_and_keeps_the_sale(
    qtbot: QtBot, ui_config: AppConfig, sandbox: Sandbox, held: Callable[[], int]
) -> None:
    shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        settled(qtbot, shell)
        row_id = stuck_send(qtbot, shell, sandbox, held)
        # The transports are cut, so both lanes end inside the bounded join (2 s) even though
        # the server would hold the send for a minute.
        assert shell.bridge.shutdown() is True
    finally:
        shell.close()
    db = open_database(ui_config.data_dir)
    try:
        row = Outbox(db).get(row_id)
    finally:
        db.close()
    # Cut off mid-send: back to pending, looked up before it is sent again (never twice).
    assert row.state is OutboxState.PENDING
    assert row.outcome_unknown


def test_a_sale_is_sent_while_a_refresh_is_slow(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, held: Callable[[], int]
) -> None:
    settled(qtbot, shell)
    sandbox.faults.set(latency_ms=STUCK_MS)
    shell.bridge.refresh([Resource.CLIENTS])
    qtbot.waitUntil(lambda: held_on("/clients") == 1, timeout=WAIT)  # the refresh's first page
    sandbox.faults.set(latency_ms=0)
    row = queue_payment(shell.core.outbox, SALE)
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)
    # The refresh is still waiting for its page: the sale did not queue up behind it.
    assert shell.bridge.refreshing and held_on("/clients") == 1
    shell.bridge.stop_refresh()


def test_offline_op_is_refused_with_a_reason_and_the_probe_brings_it_back(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    settled(qtbot, shell)
    sandbox.go_down()
    try:
        failures: list[str] = []
        shell.ctx.run_op(
            None,
            lambda client: client.clients.list_page(limit=1),
            lambda _page: None,
            on_error=lambda message, _exc: failures.append(message),
            needs_online=False,  # tries anyway: this is how the app learns it is offline
        )
        qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)
        refused: list[tuple[str, Any]] = []
        shell.ctx.run_op(
            None,
            lambda client: client.clients.list_page(limit=1),
            lambda _page: None,
            on_error=lambda message, exc: refused.append((message, exc)),
        )
        qtbot.waitUntil(lambda: bool(refused), timeout=WAIT)
        assert refused == [(OFFLINE_MESSAGE, None)]  # refused without trying
    finally:
        sandbox.come_up()
    shell.bridge.kick()  # a probe on the page lane
    qtbot.waitUntil(lambda: shell.bridge.online is True, timeout=WAIT)


def test_the_app_takes_the_queue_over_when_the_cli_lets_it_go(
    qtbot: QtBot, ui_config: AppConfig, tmp_path: Path
) -> None:
    cli_sync = SenderLock(ui_config.data_dir)
    assert cli_sync.try_acquire()  # as `python -m desktop sync` does
    db = open_database(ui_config.data_dir)
    row = queue_payment(Outbox(db), SALE)
    db.close()
    shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        pill = shell.window.pill
        qtbot.waitUntil(lambda: "Otro proceso" in pill.connection.toolTip(), timeout=WAIT)
        assert not shell.bridge.is_sender
        cli_sync.release()  # the CLI's sync ends
        qtbot.waitUntil(lambda: shell.bridge.is_sender, timeout=WAIT)
        qtbot.waitUntil(
            lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT
        )
        qtbot.waitUntil(lambda: "Otro proceso" not in pill.connection.toolTip(), timeout=WAIT)
        assert "pausa" not in pill.connection.text().lower()
    finally:
        shell.close()


def test_a_row_left_sending_is_recovered_without_a_restart(qtbot: QtBot, shell: AppShell) -> None:
    settled(qtbot, shell)
    outbox = shell.core.outbox
    # As if recording an answer had failed (a full disk): the row stays 'sending' with no
    # request in flight. The lane sees it between two steps and puts it back in the queue.
    # Queued and claimed while this thread holds the database (its lock is re-entrant), so
    # the sender lane cannot take the row first and send it the ordinary way.
    with outbox.database._lock:
        row = queue_payment(outbox, SALE)
        (claimed,) = outbox.claim_due(1)
    assert claimed.id == row.id and outbox.get(row.id).state is OutboxState.SENDING
    shell.bridge.kick()
    qtbot.waitUntil(lambda: outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)


def test_a_refresh_stops_between_pages(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, held: Callable[[], int]
) -> None:
    from tests.perf.ui import _populate

    settled(qtbot, shell)
    _populate(sandbox, 250, 0)  # three pages of clients now

    def refresh_pages() -> int:
        return sum(
            1
            for r in sandbox.requests
            if r.method == "GET"
            and r.path.rstrip("/").endswith("/clients")
            and str(r.query.get("limit")) == "100"
        )

    before = refresh_pages()
    cached_before = shell.core.cache.count(Resource.CLIENTS, None)
    sandbox.faults.set(latency_ms=STUCK_MS)
    shell.bridge.refresh([Resource.CLIENTS])
    qtbot.waitUntil(lambda: held_on("/clients") == 1, timeout=WAIT)  # its first page is held
    sandbox.faults.set(latency_ms=0)
    shell.bridge.stop_refresh()
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=STUCK_MS + WAIT)
    assert refresh_pages() - before == 1  # the page it was reading, and no more
    # What it read is kept; an interrupted pass removes nothing it did not see.
    assert cached_before <= shell.core.cache.count(Resource.CLIENTS, None) < 250


def test_the_queue_goes_as_soon_as_another_lane_finds_gigstack_back(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial saw the pill say "En línea" (a page reached gigstack) while queued sales waited
    out the sender's backoff for up to 40 s more: the way back online wakes the sender."""
    settled(qtbot, shell)
    lane = shell.bridge._sender
    kicks: list[None] = []
    real_kick = lane.kick
    monkeypatch.setattr(lane, "kick", lambda: (kicks.append(None), real_kick())[1])

    def page_call() -> list[str]:
        errors: list[str] = []
        shell.ctx.run_op(
            None,
            lambda client: client.clients.list_page(limit=1),
            lambda _page: errors.append(""),
            on_error=lambda message, _exc: errors.append(message),
            needs_online=False,
        )
        return errors

    sandbox.go_down()
    try:
        page_call()
        qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)
        row = queue_payment(shell.core.outbox, SALE)
    finally:
        sandbox.come_up()
    kicks.clear()
    answered = page_call()
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    assert shell.bridge.online is True
    assert kicks, "coming back online did not wake the sender"
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=WAIT)
