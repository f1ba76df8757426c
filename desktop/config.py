"""Where Mostrador keeps its files, which gigstack account it talks to, and how this terminal
is set up.

Two objects live here, both Qt-free:

- `TerminalConfig`: the terminal's configuration, stored in ``config.json`` in the data folder
  and shared by the app and the CLI (API URL, team, terminal series, business and ticket data,
  shop settings). Every key is declared once as a `ConfigVar` with its default and its
  validation (Electrum's ``ConfigVar`` idea), so ``python -m desktop config set`` and the
  settings page refuse the same values with the same Spanish message.
- `AppConfig`: what one running process uses, resolved with the precedence
  **command-line flags > environment (``MOSTRADOR_*``) > config.json > defaults**.

Nothing secret lives here: the API key is in the OS keychain (see `credentials`). QSettings
(the Qt app's ``settings.ini``) keeps window state only; the first `TerminalConfig.load` of a
folder that has no ``config.json`` yet imports the values the app used to keep there.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from desktop.store.errors import StorageError

APP_NAME = "Mostrador"
DEFAULT_API_URL = "https://api.gigstack.io/v2"
CONFIG_FILENAME = "config.json"
LEGACY_SETTINGS_FILENAME = "settings.ini"  # the Qt app's QSettings file (window state)
CONFIG_FORMAT = 1
DEFAULT_SERIES = "CAJA1"  # same as the outbox's default (`desktop.store.outbox`)
SERIES_MAX_LENGTH = 10


def default_data_dir() -> Path:
    """The per-user data folder (SQLite database, settings, demo sandbox state)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    """The per-user folder for rotating log files (`MOSTRADOR_LOG_DIR` overrides it)."""
    override = os.environ.get("MOSTRADOR_LOG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


# -- the terminal's configuration ------------------------------------------------------------


class ConfigError(ValueError):
    """An unknown key or a value a key does not take; the message is Spanish, for people."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


class ConfigFileError(ConfigError, StorageError):
    """config.json exists but cannot be read or written (damaged, no permission, disk full).

    Also a `StorageError`, so start-up and the CLI report it like any other data-folder fault.
    """

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        ConfigError.__init__(self, message)
        self.path = Path(path) if path is not None else None


def _text(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ConfigError("debe ser texto")
        text = value.strip()
        if len(text) > max_length:
            raise ConfigError(f"puede tener hasta {max_length} caracteres")
        if any(ord(ch) < 32 and ch not in "\n\t" for ch in text) or any(
            0xD800 <= ord(ch) <= 0xDFFF for ch in text
        ):
            raise ConfigError("tiene caracteres que no se pueden guardar")
        return text

    return parse


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "si", "sí", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError("debe ser sí o no (true/false)")


def _walk_in_document(value: Any) -> str:
    # What a sale that is not invoiced ends in (desktop.fiscal.outcome.WalkInDocument).
    text = str(value).strip().lower()
    if text not in {"receipt", "none"}:
        raise ConfigError("debe ser receipt (recibo con QR de autofactura) o none (nada)")
    return text


def _api_url(value: Any) -> str:
    url = _text(300)(value).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError("debe ser una dirección http(s)://, por ejemplo " + DEFAULT_API_URL)
    return url


def _team(value: Any) -> str:
    team = _text(100)(value)
    if team and not re.fullmatch(r"[A-Za-z0-9_\-]+", team):
        raise ConfigError("solo puede tener letras, números, - y _")
    return team


def _series(value: Any) -> str:
    series = _text(50)(value).upper()
    if not series:
        raise ConfigError("no puede estar vacía")
    if len(series) > SERIES_MAX_LENGTH or not re.fullmatch(r"[A-Z0-9_]+", series):
        raise ConfigError(
            f"solo puede tener letras sin acento, números y _ (hasta {SERIES_MAX_LENGTH})"
        )
    return series


def _rfc(value: Any) -> str:
    from desktop.fiscal import validate_rfc

    text = _text(20)(value)
    if not text:
        return ""
    check = validate_rfc(text)
    if check.errors:
        raise ConfigError("; ".join(check.errors))
    return check.value


def _ticket_width(value: Any) -> int:
    text = str(value).strip().lower().removesuffix("mm").strip()
    if text not in {"58", "80"}:
        raise ConfigError("debe ser 58 u 80 (mm)")
    return int(text)


def _payment_form(value: Any) -> str:
    from desktop.fiscal import payment_form

    code = _text(2)(str(value)).zfill(2)
    if payment_form(code) is None:
        raise ConfigError(f"{code} no es una forma de pago del SAT (ejemplo: 01 efectivo)")
    return code


def _language(value: Any) -> str:
    code = _text(5)(value).lower()
    if code not in {"es", "en"}:
        raise ConfigError("debe ser es o en")
    return code


@dataclass(frozen=True)
class ConfigVar:
    """One configuration key: its default, how a value is checked, and what it is for.

    Attributes:
        key: Dotted name (``ticket.width``), as used by ``config get/set`` and in config.json.
        default: Used when the file does not set the key.
        parse: Turns a typed or stored value into the typed value, or raises `ConfigError`.
        help: One line, for ``config list``.
        env: Environment variable that overrides the file (never written back).
        legacy: The QSettings key the app used before config.json (imported once).
    """

    key: str
    default: Any
    parse: Callable[[Any], Any]
    help: str
    env: str | None = None
    legacy: str | None = None


CONFIG_VARS: tuple[ConfigVar, ...] = (
    ConfigVar(
        "connection.api_url",
        DEFAULT_API_URL,
        _api_url,
        "gigstack API v2 base URL",
        env="MOSTRADOR_API_URL",
        legacy="connection/api_url",
    ),
    ConfigVar(
        "connection.team",
        "",
        _team,
        "gigstack Connect team id (empty: the key's own)",
        env="MOSTRADOR_TEAM",
        legacy="connection/team",
    ),
    ConfigVar(
        "terminal.series",
        DEFAULT_SERIES,
        _series,
        "this terminal's folio series",
        legacy="terminal/series",
    ),
    ConfigVar(
        "business.name", "", _text(120), "business name on the ticket", legacy="business/name"
    ),
    ConfigVar("business.rfc", "", _rfc, "business RFC on the ticket", legacy="business/rfc"),
    ConfigVar(
        "business.address",
        "",
        _text(250),
        "business address on the ticket",
        legacy="business/address",
    ),
    ConfigVar(
        "business.phone", "", _text(40), "business phone on the ticket", legacy="business/phone"
    ),
    ConfigVar(
        "ticket.width",
        80,
        _ticket_width,
        "ticket paper width in mm (58 or 80)",
        legacy="ticket/width",
    ),
    ConfigVar("ticket.footer", "", _text(300), "text printed at the foot of the ticket"),
    ConfigVar(
        "ticket.auto_print",
        False,
        _bool,
        "print the ticket after every sale",
        legacy="ticket/auto_print",
    ),
    ConfigVar(
        "shop.walk_in_document",
        "receipt",
        _walk_in_document,
        "what a sale not invoiced ends in: receipt (self-invoice QR) or none (REFERENCE 16.1)",
    ),
    ConfigVar(
        "shop.default_payment_form",
        "01",
        _payment_form,
        "SAT payment form preselected at the counter (01 = efectivo)",
    ),
    ConfigVar(
        "ui.language", "es", _language, "interface language (es or en)", legacy="ui/language"
    ),
)
_VARS = {var.key: var for var in CONFIG_VARS}


def config_var(key: str) -> ConfigVar:
    """The declaration of `key`.

    Raises:
        ConfigError: Unknown key (the message lists the known ones).
    """
    try:
        return _VARS[key]
    except KeyError:
        raise ConfigError(
            f"«{key}» no es una clave de configuración. Claves: " + ", ".join(_VARS), key
        ) from None


def check_value(key: str, value: Any) -> Any:
    """The typed value `key` would store for `value`.

    Raises:
        ConfigError: Unknown key, or a value the key does not take (message names the key).
    """
    var = config_var(key)
    try:
        return var.parse(value)
    except ConfigError as exc:
        raise ConfigError(f"{key}: {exc.message}", key) from None


class TerminalConfig:
    """The terminal's configuration file (``<data_dir>/config.json``), typed and validated.

    ``load()`` never fails on a bad *value* in the file: a value that no longer validates
    falls back to its default and is listed in `problems` (a hand-edited file must not keep
    the counter from opening). Writes are atomic (temporary file, fsync, rename).

    Typical use::

        config = TerminalConfig.load(data_dir)
        config.get("ticket.width")          # 80
        config.set("ticket.width", "58")    # validated; ConfigError with a Spanish message
        config.save()
    """

    def __init__(self, path: Path, values: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        self.problems: list[str] = []
        for key, value in (values or {}).items():
            try:
                self._values[key] = check_value(key, value)
            except ConfigError as exc:
                self.problems.append(exc.message)

    @classmethod
    def load(cls, data_dir: Path) -> TerminalConfig:
        """Read ``config.json`` in `data_dir` (defaults when it does not exist yet).

        On the first load of a folder whose app kept its settings in QSettings' settings.ini,
        those values are imported (and written to config.json when the folder is writable).

        Raises:
            ConfigFileError: The file exists but is not readable JSON.
        """
        path = Path(data_dir) / CONFIG_FILENAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            legacy = _read_legacy(Path(data_dir) / LEGACY_SETTINGS_FILENAME)
            config = cls(path, legacy)
            if legacy:
                with contextlib.suppress(ConfigFileError):
                    config.save()
            return config
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigFileError(f"No se pudo leer {path}: {exc}", path) from exc
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ConfigFileError(
                f"{path} está dañado (no es JSON válido); corrígelo o bórralo para empezar de "
                "nuevo con los valores de fábrica.",
                path,
            ) from exc
        values = data.get("values") if isinstance(data, dict) else None
        if not isinstance(values, dict):
            raise ConfigFileError(f"{path} no tiene el formato esperado (falta «values»).", path)
        return cls(path, values)

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str) -> Any:
        """The file's value for `key`, or its default (environment NOT applied; see `AppConfig`).

        Raises:
            ConfigError: Unknown key.
        """
        var = config_var(key)
        return self._values.get(key, var.default)

    def is_set(self, key: str) -> bool:
        config_var(key)
        return key in self._values

    def items(self) -> Iterator[tuple[ConfigVar, Any, bool]]:
        """(declaration, value, set in the file) for every key, in declaration order."""
        for var in CONFIG_VARS:
            yield var, self._values.get(var.key, var.default), var.key in self._values

    def as_dict(self) -> dict[str, Any]:
        return {var.key: value for var, value, _ in self.items()}

    # Typed shortcuts for the values code reads most.
    @property
    def api_url(self) -> str:
        return str(self.get("connection.api_url"))

    @property
    def team(self) -> str | None:
        return str(self.get("connection.team")) or None

    @property
    def terminal_series(self) -> str:
        return str(self.get("terminal.series"))

    @property
    def ticket_width(self) -> int:
        return int(self.get("ticket.width"))

    # -- writing ---------------------------------------------------------------------------

    def set(self, key: str, value: Any) -> Any:
        """Validate and set `key` in memory; returns the typed value. Call `save()` to keep it.

        Raises:
            ConfigError: Unknown key or a value it does not take (nothing changes).
        """
        typed = check_value(key, value)
        self._values[key] = typed
        return typed

    def unset(self, key: str) -> None:
        """Go back to the default for `key`."""
        config_var(key)
        self._values.pop(key, None)

    def save(self) -> None:
        """Write config.json atomically (a crash leaves the old or the new file, never half).

        Raises:
            ConfigFileError: The folder is not writable or the disk is full.
        """
        data = {"format": CONFIG_FORMAT, "values": dict(sorted(self._values.items()))}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise ConfigFileError(
                f"No se pudo guardar la configuración en {self.path}: {exc.strerror or exc}",
                self.path,
            ) from exc


def _read_legacy(path: Path) -> dict[str, Any]:
    """Values the Qt app kept in QSettings' INI file, keyed by our dotted keys (best effort).

    QSettings writes ``[business]`` then ``name=...``; values it had to escape (``@Variant(...)``,
    quoted lists) are skipped rather than guessed. Invalid values are dropped by the caller.
    """
    if not path.exists():
        return {}
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    found: dict[str, Any] = {}
    for var in CONFIG_VARS:
        if not var.legacy:
            continue
        section, _, name = var.legacy.partition("/")
        raw = parser.get(section, name, fallback=None)
        if raw is None or raw.startswith("@"):
            continue
        raw = raw.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] == '"':
            raw = raw[1:-1]
        if raw == "" and var.default != "":
            continue
        try:
            found[var.key] = check_value(var.key, raw)
        except ConfigError:
            continue
    return found


# -- what one process runs with --------------------------------------------------------------


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
        terminal: TerminalConfig | None = None,
    ) -> AppConfig:
        """Resolve: explicit values (flags) > `MOSTRADOR_*` variables > config.json > defaults.

        Args:
            terminal: The folder's configuration when already loaded; otherwise it is read
                from the chosen data folder (a damaged file counts as absent here: the
                caller that needs it, `open_core`, reports it).
        """
        chosen_dir = data_dir or os.environ.get("MOSTRADOR_DATA_DIR")
        folder = Path(chosen_dir).expanduser() if chosen_dir else default_data_dir()
        if terminal is None:
            try:
                terminal = TerminalConfig.load(folder)
            except ConfigError:
                terminal = TerminalConfig(folder / CONFIG_FILENAME)
        url = api_url or os.environ.get("MOSTRADOR_API_URL") or terminal.api_url
        chosen_team = team or os.environ.get("MOSTRADOR_TEAM") or terminal.team
        return cls(
            data_dir=folder,
            api_url=url.rstrip("/"),
            team=chosen_team or None,
            demo=demo,
        )

    def terminal(self) -> TerminalConfig:
        """This folder's `TerminalConfig` (read now).

        Raises:
            ConfigFileError: config.json is damaged or unreadable.
        """
        return TerminalConfig.load(self.data_dir)
