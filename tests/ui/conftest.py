"""Fixtures for widget tests: a real AppShell on the sandbox, torn down with its lanes.

Two autouse guards apply to every UI test:

- a Qt warning (or worse) fails the test, except the few listed in `QT_WARNINGS_IGNORED`;
- a test that leaves a lane thread (or a QThread) running fails: a running QThread destroyed
  aborts the interpreter (FIELD-NOTES.md), and a lane left behind would answer into the next
  test's widgets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread, QtMsgType

from desktop.config import AppConfig
from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from tests.conftest import SANDBOX_KEY
from tests.ui.counter_helpers import ready_counter

#: Qt messages that do not fail a test. Keep it short; say why for each.
QT_WARNINGS_IGNORED = (
    # The offscreen platform plugin cannot pass size hints to a window manager (there is none).
    "This plugin does not support propagateSizeHints()",
    # Nor raise a window or grab the keyboard for a popup (combo lists, completers).
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)

#: Names of the threads our lanes start (`desktop.ui.lanes`, `desktop.sync.sender`).
LANE_THREAD_PREFIXES = ("sender", "page-lane")

#: How long teardown waits for idle pool threads to notice the shutdown and end.
THREAD_EXIT_WAIT = 3.0


@pytest.fixture
def ui_config(sandbox: Sandbox, tmp_path: Path) -> AppConfig:
    return AppConfig(data_dir=tmp_path / "data", api_url=sandbox.base_url)


@pytest.fixture
def shell(qtbot: object, ui_config: AppConfig) -> Iterator[AppShell]:
    """The whole app on the sandbox: both lanes running, cache being refreshed."""
    app_shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        yield app_shell
    finally:
        app_shell.close()


@pytest.fixture
def counter(qtbot: Any, shell: AppShell) -> CounterPage:
    """The counter page shown in an active window, services and clients cached, code focused."""
    return ready_counter(qtbot, shell)


def _lane_threads() -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and t.name.startswith(LANE_THREAD_PREFIXES)
    ]


@pytest.fixture(autouse=True)
def _no_thread_left_running() -> Iterator[None]:
    """Fail a test that leaves lane threads or QThreads running after its teardown."""
    before = set(_lane_threads())
    yield
    # Idle pool threads end a moment after shutdown; wait for that condition, bounded.
    deadline = time.monotonic() + THREAD_EXIT_WAIT
    left = [t for t in _lane_threads() if t not in before]
    while left and time.monotonic() < deadline:
        left[0].join(max(0.0, deadline - time.monotonic()))
        left = [t for t in left if t.is_alive()]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    qthreads = [t for t in app.findChildren(QThread) if t.isRunning()] if app else []
    assert not left and not qthreads, f"threads left running: {left + qthreads}\n{_stacks(left)}"


def _stacks(threads: list[threading.Thread]) -> str:
    """Where each leftover thread is stuck: the first thing to read when this fixture fails."""
    import sys
    import traceback

    frames = sys._current_frames()
    parts = []
    for thread in threads:
        frame = frames.get(thread.ident or -1)
        if frame is not None:
            parts.append(f"--- {thread.name}\n" + "".join(traceback.format_stack(frame)))
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog: Any) -> Iterator[None]:
    """A Qt warning is a bug we have not read yet: fail the test that caused it."""
    yield
    bad = [
        record.message
        for record in qtlog.records
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(ignored in record.message for ignored in QT_WARNINGS_IGNORED)
    ]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[GigstackClient]:
    """A client of our own, to check what the sandbox (gigstack) ended up with."""
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client
