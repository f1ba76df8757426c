"""What pages get: the core objects, the worker bridge and the app's preferences."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from desktop.app import Core
from desktop.config import AppConfig
from desktop.ui.worker import WorkerBridge


@dataclass
class UiContext:
    """Shared by the main window and every page (GUI thread only).

    Attributes:
        core: Database, outbox and cache (reads and quick writes are fine on the GUI thread).
        bridge: The worker thread: API calls, sync, cache refresh.
        config: Data folder, API URL, team, demo flag.
        settings: Non-secret preferences (business name, ticket width, terminal series...).
    """

    core: Core
    bridge: WorkerBridge
    config: AppConfig
    settings: QSettings

    @property
    def team(self) -> str | None:
        return self.config.team
