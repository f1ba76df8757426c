"""Fixtures for widget tests: a real AppShell on the sandbox, torn down with its thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from desktop.config import AppConfig
from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from tests.conftest import SANDBOX_KEY


@pytest.fixture
def ui_config(sandbox: Sandbox, tmp_path: Path) -> AppConfig:
    return AppConfig(data_dir=tmp_path / "data", api_url=sandbox.base_url)


@pytest.fixture
def shell(qtbot: object, ui_config: AppConfig) -> Iterator[AppShell]:
    """The whole app on the sandbox: worker thread running, cache being refreshed."""
    app_shell = AppShell(ui_config, SANDBOX_KEY)
    try:
        yield app_shell
    finally:
        app_shell.close()


@pytest.fixture(autouse=True)
def _no_thread_left_running() -> Iterator[None]:
    """A QThread still running at teardown aborts the interpreter (FIELD-NOTES.md)."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    running = [t for t in app.findChildren(QThread) if t.isRunning()]
    assert not running, f"threads left running: {running}"


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[GigstackClient]:
    """A client of our own, to check what the sandbox (gigstack) ended up with."""
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as client:
        yield client
