"""Composition root: builds the core objects for one data directory and wires them.

The CLI and the Qt app both start here, so they share one database layout, one outbox and
one way of making an API client. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.config import AppConfig, TerminalConfig
from desktop.credentials import get_api_key
from desktop.store import Database, StorageError, open_database
from desktop.store.cache import Cache
from desktop.store.outbox import Outbox
from desktop.store.shifts import Shifts

if TYPE_CHECKING:
    # httpx and pydantic load with the first client, not with every start (issue 12).
    from desktop.gigstack import GigstackClient


class MissingApiKeyError(RuntimeError):
    """No API key in GIGSTACK_API_KEY or in the OS keychain for this API URL."""


@dataclass
class Core:
    """The objects every front end needs; `close()` when done.

    Attributes:
        terminal: The folder's shared configuration (config.json); `config` is what this
            process resolved from it plus flags and environment.
    """

    config: AppConfig
    db: Database
    terminal: TerminalConfig
    outbox: Outbox = field(init=False)
    cache: Cache = field(init=False)
    shifts: Shifts = field(init=False)

    def __post_init__(self) -> None:
        self.outbox = Outbox(self.db)
        self.cache = Cache(self.db)
        self.shifts = Shifts(self.db)

    @property
    def read_only(self) -> bool:
        """True when the database could only be opened for reading (see `open_database`)."""
        return self.db.read_only

    def api_client(self, api_key: str | None = None) -> GigstackClient:
        """A client for the configured API and team.

        Raises:
            MissingApiKeyError: When no key is given or configured.
        """
        from desktop.gigstack.client import GigstackClient

        key = api_key or get_api_key(self.config.api_url)
        if not key:
            raise MissingApiKeyError(self.config.api_url)
        return GigstackClient(key, base_url=self.config.api_url, team=self.config.team)

    def close(self) -> None:
        self.db.close()


def open_core(config: AppConfig, *, allow_read_only: bool = True) -> Core:
    """Open the data directory's configuration and database (creating and migrating as needed).

    The terminal series set in config.json is applied to the database's folio counter, so
    folios follow the configuration whichever front end changed it.

    Raises:
        StorageError: A subclass with a Spanish message: damaged config.json or database,
            disk full, read-only folder (only when `allow_read_only` is False or the file
            does not exist yet), schema from a newer version, database locked. Nothing is
            left open.
    """
    terminal = TerminalConfig.load(config.data_dir)
    db = open_database(config.data_dir, allow_read_only=allow_read_only)
    try:
        core = Core(config, db, terminal)
        if (
            not db.read_only
            and terminal.is_set("terminal.series")
            and core.outbox.terminal_series() != terminal.terminal_series
        ):
            core.outbox.set_terminal_series(terminal.terminal_series)
    except BaseException:
        db.close()
        raise
    return core


__all__ = ["Core", "MissingApiKeyError", "StorageError", "open_core"]
