"""The shell: worker thread lifecycle, cache refresh, single instance, the status pill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AlreadyRunningError, AppShell
from tests.conftest import SANDBOX_KEY


def test_shell_starts_refreshes_cache_and_stops(qtbot: QtBot, shell: AppShell) -> None:
    # The first refresh may finish while the fixture is still being set up: wait for its effect.
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.SERVICES, None) == 20, timeout=10_000)
    shell.window.show()
    assert shell.window.nav.count() == len(shell.window.pages) >= 6
    shell.close()
    shell.close()  # idempotent


def test_second_instance_on_the_same_data_folder_is_refused(
    qtbot: QtBot, shell: AppShell, ui_config: AppConfig
) -> None:
    with pytest.raises(AlreadyRunningError):
        AppShell(ui_config, SANDBOX_KEY)


def test_api_call_runs_on_the_worker_and_answers_on_the_gui_thread(
    qtbot: QtBot, shell: AppShell
) -> None:
    import threading

    seen: dict[str, object] = {}

    def call(client: object) -> str:
        seen["thread"] = threading.current_thread().name
        return "ok"

    with qtbot.waitCallback(timeout=10_000) as done:
        shell.ctx.run_op(None, call, done, on_error=lambda message, exc: done(message))
    assert done.args == ["ok"]
    assert seen["thread"] != threading.main_thread().name


def test_the_pending_count_moves_the_moment_a_sale_is_queued(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    from desktop.sales import queue_payment

    pill = shell.window.pill
    qtbot.waitUntil(lambda: "En línea" in pill.connection.text(), timeout=10_000)
    sandbox.go_down()
    try:
        queue_payment(
            shell.core.outbox,
            {
                "client": {"id": "client_demo_publico"},
                "automation_type": "none",
                "payment_form": "01",
                "items": [{"id": "service_demo_americano", "quantity": 1}],
            },
        )
        shell.bridge.kick()  # what the counter does right after queueing
        assert "1 por enviar" in pill.pending.text()  # at once, not after a send attempt
    finally:
        sandbox.come_up()


def test_notices_show_under_the_pages_and_errors_stay(qtbot: QtBot, shell: AppShell) -> None:
    bar = shell.window.notice_bar
    shell.window.show()
    shell.ctx.notify("Venta registrada", "success")
    assert bar.isVisible() and bar.text == "Venta registrada"
    shell.ctx.notify("No se pudo imprimir el ticket: sin impresora", "error")
    shell.ctx.notify("Enlace copiado.")  # a lesser notice never hides an unread error
    assert bar.text.startswith("No se pudo imprimir") and bar.level == "error"
    assert bar._timer.isActive() is False  # errors stay until the cashier closes them
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    # Pages that still call window().notify(text) reach the same place.
    shell.window.notify("Ajustes guardados")
    assert bar.isVisible() and bar.text == "Ajustes guardados"
    assert bar.height() > 0 and bar.width() > shell.window.width() // 2


def test_offline_shows_in_the_pill(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    pill = shell.window.pill
    qtbot.waitUntil(lambda: "En línea" in pill.connection.text(), timeout=10_000)
    sandbox.go_down()
    try:
        with qtbot.waitCallback(timeout=10_000) as failed:
            shell.ctx.run_op(
                None,
                lambda c: c.clients.list_page(limit=1),
                failed,
                on_error=failed,
                needs_online=False,
            )
        qtbot.waitUntil(lambda: "Sin conexión" in pill.connection.text(), timeout=10_000)
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    with qtbot.waitCallback(timeout=10_000) as ok:
        shell.ctx.run_op(
            None, lambda c: c.clients.list_page(limit=1), ok, on_error=ok, needs_online=False
        )
    qtbot.waitUntil(lambda: "En línea" in pill.connection.text(), timeout=10_000)


def _lock_owner(lock: Path) -> int | None:
    """The pid written in a QLockFile (its first line), or None while there is none."""
    try:
        first = lock.read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    return int(first) if first.strip().isdigit() else None


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll a condition about another process (no Qt event loop to wait on here)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_demo_app_starts_and_closes_cleanly_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lock = data / "demo" / "mostrador.lock"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data), "--demo"]
    app = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        # The app holds its single-instance lock once it is open (its pid is in the file).
        _wait_for(lambda: _lock_owner(lock) == app.pid, 60, "the demo never opened")
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.stderr is not None
    errors = app.stderr.read()
    assert "Traceback" not in errors
    assert "Timers cannot be stopped" not in errors
    assert "QThread: Destroyed" not in errors
    # The single-instance lock was released: the same data folder opens again.
    again = subprocess.Popen(command, env=env)
    try:
        _wait_for(lambda: _lock_owner(lock) == again.pid, 60, "the second start was refused")
    finally:
        again.send_signal(signal.SIGTERM)
        assert again.wait(timeout=15) == 0


def test_the_account_chosen_in_the_app_is_used_at_the_next_start(tmp_path: Path) -> None:
    from desktop.config import DEFAULT_API_URL
    from desktop.ui.app import apply_stored_connection, remember_connection

    chosen = AppConfig(
        data_dir=tmp_path, api_url="http://127.0.0.1:9/v2", team="team_sucursal_norte"
    )
    remember_connection(chosen)
    assert "api_key" not in (tmp_path / "config.json").read_text().lower()
    assert not (tmp_path / "settings.ini").exists()  # QSettings keeps window state only
    later = apply_stored_connection(AppConfig(data_dir=tmp_path))
    assert (later.api_url, later.team) == ("http://127.0.0.1:9/v2", "team_sucursal_norte")
    # The command line wins over what was stored.
    explicit = apply_stored_connection(
        AppConfig(data_dir=tmp_path, api_url="http://127.0.0.1:8/v2", team="team_sucursal_sur")
    )
    assert (explicit.api_url, explicit.team) == ("http://127.0.0.1:8/v2", "team_sucursal_sur")
    assert apply_stored_connection(AppConfig(data_dir=tmp_path / "new")).api_url == DEFAULT_API_URL


def test_the_app_does_not_send_while_a_cli_sync_holds_the_queue(
    qtbot: QtBot, ui_config: AppConfig
) -> None:
    from desktop.sales import queue_payment
    from desktop.store import open_database
    from desktop.store.outbox import Outbox
    from desktop.sync.lock import SenderLock

    cli_sync = SenderLock(ui_config.data_dir)
    assert cli_sync.try_acquire()  # as `python -m desktop sync` does
    db = open_database(ui_config.data_dir)
    queue_payment(
        Outbox(db),
        {
            "client": {"id": "client_demo_publico"},
            "automation_type": "none",
            "payment_form": "01",
            "items": [{"id": "service_demo_americano", "quantity": 1}],
        },
    )
    db.close()
    app_shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        pill = app_shell.window.pill
        qtbot.waitUntil(lambda: "pausa" in pill.connection.text().lower(), timeout=10_000)
        assert "Otro proceso" in pill.connection.toolTip()
        app_shell.bridge.kick()
        # Left to the other sender: this process has no Sender at all while it lacks the lock.
        assert not app_shell.bridge.is_sender
        assert app_shell.bridge._sender.sender is None
        assert app_shell.core.outbox.stats().pending == 1
    finally:
        app_shell.close()
        cli_sync.release()


def test_the_window_fits_a_1366x768_screen_and_keeps_its_place(
    qtbot: QtBot, shell: AppShell
) -> None:
    from PySide6.QtCore import QByteArray, QSize

    from desktop.ui.main_window import WINDOW_GEOMETRY, first_size

    # A 1366x768 laptop leaves about 1366x728 under the taskbar; the title bar needs room too.
    laptop = first_size(QSize(1366, 728))
    assert laptop == QSize(1366 - 16, 728 - 40)  # the whole room: no desktop beside the till
    assert first_size(QSize(1920, 1040)) == QSize(1180, 760)  # a big screen: the default

    window = shell.window
    window.show()
    # Qt's offscreen screen is 800x600, and restoring fits a window to its screen.
    window.resize(760, 540)
    window.move(10, 10)
    before = window.size()
    window.close()
    saved = shell.ctx.settings.value(WINDOW_GEOMETRY)
    assert isinstance(saved, QByteArray) and not saved.isEmpty()
    window.resize(640, 480)
    assert window.restoreGeometry(saved)  # what the next start does with it
    assert window.size() == before != QSize(640, 480)


def test_catalogs_refresh_on_sincronizar_ahora_and_on_the_schedule(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    from desktop.ui.main_window import CATALOG_REFRESH_MS

    cache = shell.core.cache
    qtbot.waitUntil(lambda: cache.count(Resource.SERVICES, None) == 20, timeout=10_000)
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=10_000)
    team = sandbox.store.teams[sandbox.team]
    model = next(iter(team.services.records.values()))

    def added_on_another_till(ident: str, code: str) -> None:
        team.services.add(
            {**model, "id": ident, "name": f"Nuevo {code}", "barcode": code, "sku": code}
        )

    added_on_another_till("service_other_till_1", "7501111111117")
    qtbot.mouseClick(shell.window.pill.sync_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: cache.get(Resource.SERVICES, None, "service_other_till_1") is not None,
        timeout=10_000,
    )

    timer = shell.window._catalog_timer
    assert timer.isActive() and timer.interval() == CATALOG_REFRESH_MS <= 5 * 60 * 1000
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=10_000)
    added_on_another_till("service_other_till_2", "7502222222224")
    timer.timeout.emit()  # the schedule's turn
    qtbot.waitUntil(
        lambda: cache.get(Resource.SERVICES, None, "service_other_till_2") is not None,
        timeout=10_000,
    )


def test_the_clients_and_services_pages_refresh_by_a_button(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    from PySide6.QtWidgets import QPushButton

    cache = shell.core.cache
    qtbot.waitUntil(lambda: cache.count(Resource.CLIENTS, None) > 0, timeout=10_000)
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=10_000)
    team = sandbox.store.teams[sandbox.team]
    shell.window.show()
    for name, store, resource in (
        ("clients", team.clients, Resource.CLIENTS),
        ("services", team.services, Resource.SERVICES),
    ):
        model = next(iter(store.records.values()))
        ident = f"{name}_from_another_till"
        store.add({**model, "id": ident, "name": f"Otro equipo {name}"})
        shell.window.show_page_named(name)
        page = shell.window.stack.currentWidget()
        assert page is not None and page.objectName() == name
        button = page.findChild(QPushButton, "refreshButton")
        assert button is not None and button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        def arrived(r: Resource = resource, i: str = ident) -> bool:
            return cache.get(r, None, i) is not None

        qtbot.waitUntil(arrived, timeout=10_000)
        qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=10_000)
