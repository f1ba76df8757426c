"""The one operation API (`ctx.run_op`): busy state, the parent's lifetime, cache write-through,
the Spanish error map and the notice area, with the real app on the sandbox."""

from __future__ import annotations

import threading
from typing import Any

import shiboken6
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.ops import error_message

WAIT = 15_000


def test_busy_widgets_are_disabled_while_the_op_runs(qtbot: QtBot, shell: AppShell) -> None:
    button = QPushButton("Guardar")
    qtbot.addWidget(button)
    seen: dict[str, Any] = {}
    started = threading.Event()
    release = threading.Event()

    def call(client: GigstackClient) -> Any:
        started.set()
        release.wait(WAIT / 1000)  # hold the op until the test has looked at the button
        seen["thread"] = threading.current_thread().name
        return client.clients.list_page(limit=1)

    op = shell.ctx.run_op(button, call, lambda page: seen.update(page=page), busy=button)
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    assert not button.isEnabled() and not op.finished
    release.set()
    qtbot.waitUntil(lambda: "page" in seen, timeout=WAIT)
    assert button.isEnabled() and op.finished
    assert seen["thread"].startswith("page-lane")
    assert seen["page"].items


def test_answers_for_a_destroyed_widget_are_dropped(qtbot: QtBot, shell: AppShell) -> None:
    dialog = QWidget()
    release = threading.Event()
    answered: list[Any] = []

    def call(client: GigstackClient) -> Any:
        release.wait(WAIT / 1000)
        return client.clients.list_page(limit=1)

    op = shell.ctx.run_op(dialog, call, answered.append, on_error=lambda m, _e: answered.append(m))
    shiboken6.delete(dialog)  # the dialog was closed while its call ran
    release.set()
    qtbot.waitUntil(lambda: op.finished, timeout=WAIT)
    assert answered == []


def test_write_through_runs_on_the_lane_and_every_page_hears_of_it(
    qtbot: QtBot, shell: AppShell
) -> None:
    qtbot.waitUntil(lambda: not shell.bridge.refreshing, timeout=WAIT)
    written: dict[str, Any] = {}

    def keep(page: Any) -> None:
        written["thread"] = threading.current_thread().name
        record = page.items[0].model_dump(mode="json", by_alias=True, exclude_none=True)
        record["name"] = "Cambiado por la prueba"
        shell.core.cache.upsert(Resource.CLIENTS, None, [record])
        written["id"] = record["id"]

    with qtbot.waitSignal(shell.bridge.cache_updated, timeout=WAIT) as announced:
        shell.ctx.run_op(
            shell.window,
            lambda c: c.clients.list_page(limit=1),
            lambda _page: None,
            write_through=keep,
            touches=[Resource.CLIENTS],
        )
    assert announced.args == [Resource.CLIENTS.value]
    assert written["thread"].startswith("page-lane")
    cached = shell.core.cache.get(Resource.CLIENTS, None, written["id"])
    assert cached is not None and cached["name"] == "Cambiado por la prueba"


def test_a_failed_cache_write_still_reports_success_and_warns(
    qtbot: QtBot, shell: AppShell
) -> None:
    shell.window.show()
    done: list[Any] = []

    def broken_write(_page: Any) -> None:
        import sqlite3

        raise sqlite3.OperationalError("database or disk is full")

    shell.ctx.run_op(
        shell.window,
        lambda c: c.clients.list_page(limit=1),
        done.append,
        write_through=broken_write,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    bar = shell.window.notice_bar
    assert bar.isVisible() and bar.level == "warning"
    assert "gigstack hizo la operación" in bar.text and "lleno" in bar.text


def test_server_refusals_are_said_in_spanish_next_to_the_action_or_in_the_notice_area(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    shell.window.show()
    messages: list[str] = []
    shell.ctx.run_op(
        shell.window,
        lambda c: c.clients.get("client_does_not_exist"),
        lambda _c: None,
        on_error=lambda message, _exc: messages.append(message),
    )
    qtbot.waitUntil(lambda: bool(messages), timeout=WAIT)
    assert messages[0].startswith("gigstack no aceptó la operación")
    # Without on_error the failure still reaches the screen, as an error notice.
    shell.ctx.run_op(
        shell.window, lambda c: c.clients.get("client_does_not_exist"), lambda _c: None
    )
    bar = shell.window.notice_bar
    qtbot.waitUntil(lambda: bar.level == "error", timeout=WAIT)
    assert bar.text.startswith("gigstack no aceptó la operación")


def test_the_error_map_says_storage_and_unexpected_failures_in_words() -> None:
    import sqlite3

    assert "lleno" in error_message(sqlite3.OperationalError("database or disk is full"))
    assert "solo lectura" in error_message(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert error_message(KeyError("x")) == "Error inesperado: KeyError"
