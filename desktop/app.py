"""Composition root: builds the core objects for one data directory and wires them.

The CLI and the Qt app both start here, so they share one database layout, one outbox and
one way of making an API client. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.config import AppConfig
from desktop.credentials import get_api_key
from desktop.gigstack import GigstackClient
from desktop.store import Database, open_database
from desktop.store.cache import Cache
from desktop.store.outbox import Outbox


class MissingApiKeyError(RuntimeError):
    """No API key in GIGSTACK_API_KEY or in the OS keychain for this API URL."""


@dataclass
class Core:
    """The objects every front end needs; `close()` when done."""

    config: AppConfig
    db: Database
    outbox: Outbox = field(init=False)
    cache: Cache = field(init=False)

    def __post_init__(self) -> None:
        self.outbox = Outbox(self.db)
        self.cache = Cache(self.db)

    def api_client(self, api_key: str | None = None) -> GigstackClient:
        """A client for the configured API and team.

        Raises:
            MissingApiKeyError: When no key is given or configured.
        """
        key = api_key or get_api_key(self.config.api_url)
        if not key:
            raise MissingApiKeyError(self.config.api_url)
        return GigstackClient(key, base_url=self.config.api_url, team=self.config.team)

    def close(self) -> None:
        self.db.close()


def open_core(config: AppConfig) -> Core:
    """Open the data directory's database (creating and migrating it as needed)."""
    return Core(config, open_database(config.data_dir))
