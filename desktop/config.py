"""Where Mostrador keeps its files and which gigstack account it talks to.

Nothing secret lives here: the API key is in the OS keychain (see `credentials`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "Mostrador"
DEFAULT_API_URL = "https://api.gigstack.io/v2"


def default_data_dir() -> Path:
    """The per-user data folder (SQLite database, settings, demo sandbox state)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    """The per-user folder for rotating log files (`MOSTRADOR_LOG_DIR` overrides it)."""
    override = os.environ.get("MOSTRADOR_LOG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class AppConfig:
    """What one running Mostrador needs to know about its environment.

    Attributes:
        data_dir: Folder for the database and local state; one app instance per folder.
        api_url: Base URL of the gigstack API v2 (or of the local sandbox).
        team: gigstack Connect team to act on, or None for the key's own team.
        demo: True when running against the embedded sandbox with demo data.
    """

    data_dir: Path = field(default_factory=default_data_dir)
    api_url: str = DEFAULT_API_URL
    team: str | None = None
    demo: bool = False

    @classmethod
    def from_env(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        api_url: str | None = None,
        team: str | None = None,
        demo: bool = False,
    ) -> AppConfig:
        """Build a config from explicit values, then `MOSTRADOR_*` variables, then defaults."""
        chosen_dir = data_dir or os.environ.get("MOSTRADOR_DATA_DIR")
        return cls(
            data_dir=Path(chosen_dir).expanduser() if chosen_dir else default_data_dir(),
            api_url=(api_url or os.environ.get("MOSTRADOR_API_URL") or DEFAULT_API_URL).rstrip("/"),
            team=team or os.environ.get("MOSTRADOR_TEAM") or None,
            demo=demo,
        )
