"""The gigstack API key: from the environment, the OS keychain, or (opt-in) a plain file.

The key never goes to SQLite, settings files or logs. `GIGSTACK_API_KEY` wins over the keychain
so that scripts and support staff can run the CLI without touching the stored key.

Some computers have no usable keychain (a Linux box without a Secret Service, a locked-down
session). There the app says so (`keychain_status()`) and offers two honest alternatives:
the `GIGSTACK_API_KEY` variable, or — only after the person chooses it — a key file in the
user's configuration folder (`store_api_key_in_file`). That file is NOT encrypted: obfuscating
it would only pretend. It is labelled as such, written with owner-only permissions (0600 on
Linux/macOS; on Windows the per-user profile folder's ACL is what protects it) and read last.
Like the keychain, it is per user and keyed by API URL, so every caller of `get_api_key` sees
it without knowing where it is. `MOSTRADOR_KEY_FILE_DIR` moves it (tests, portable installs).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.logs import register_secret

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Mostrador"
ENV_VAR = "GIGSTACK_API_KEY"
KEY_FILE_DIR_VAR = "MOSTRADOR_KEY_FILE_DIR"
KEY_FILENAME = "gigstack-api-key.json"
KEY_FILE_WARNING = (
    "Clave de API de gigstack guardada SIN CIFRAR en este archivo porque el equipo no tiene "
    "llavero del sistema y así lo eligió la persona que configuró Mostrador. Quien pueda leer "
    "este archivo puede usar la cuenta. Bórralo (o usa 'Cambiar de cuenta') para olvidar la "
    "clave. / gigstack API key stored UNENCRYPTED by the user's choice."
)


class KeychainUnavailableError(RuntimeError):
    """The OS has no usable keychain (e.g. a headless Linux box without Secret Service)."""


@dataclass(frozen=True)
class KeychainStatus:
    """Whether the OS keychain can hold the key, and what to tell a person when it cannot.

    Attributes:
        available: True when a real keychain backend is active.
        backend: The active keyring backend's class path (for logs and support).
        detail: One line in English for logs and the smoke test.
    """

    available: bool
    backend: str
    detail: str


def keychain_status() -> KeychainStatus:
    """Look at the active keyring backend without reading or writing any secret."""
    # Imported when used (issue 12: ~50 ms at start-up when the key is in the environment).
    import keyring
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring config file must not stop the app
        return KeychainStatus(False, "?", f"keyring failed to load: {type(exc).__name__}")
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # keyring falls back to `fail.Keyring` (priority 0) or an empty chainer when nothing works.
    unusable = name.startswith("keyring.backends.fail.") or (
        name.startswith("keyring.backends.chainer.") and not getattr(backend, "backends", None)
    )
    if unusable:
        return KeychainStatus(False, name, "no OS keychain available on this computer")
    return KeychainStatus(True, name, "OS keychain available")


def _account(api_url: str) -> str:
    # One key per API base URL, so a sandbox key never replaces the production one.
    return f"api-key:{api_url.rstrip('/')}"


def key_file() -> Path:
    """Where the opt-in, unencrypted key file lives (it may not exist)."""
    override = os.environ.get(KEY_FILE_DIR_VAR)
    folder = (
        Path(override).expanduser()
        if override
        else Path(platformdirs.user_config_dir("Mostrador", appauthor=False))
    )
    return folder / KEY_FILENAME


def _read_key_file() -> dict[str, str]:
    path = key_file()
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("key file %s unreadable: %s", path, type(exc).__name__)
        return {}
    keys = content.get("keys") if isinstance(content, dict) else None
    if not isinstance(keys, dict):
        return {}
    return {str(url): str(key) for url, key in keys.items() if isinstance(key, str)}


def _write_key_file(keys: dict[str, str]) -> Path:
    path = key_file()
    if not keys:
        path.unlink(missing_ok=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    # Created 0600 from the start (no window where another user could read it), then renamed.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"_aviso": KEY_FILE_WARNING, "keys": keys}, handle, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path


def reads_keychain() -> bool:
    """Whether `get_api_key` would ask the OS keychain (no key in `GIGSTACK_API_KEY`).

    The app then reads the key on a thread of its own (`desktop.ui.app.Startup`): keyring's
    backend detection and, on Linux, `secretstorage` with `cryptography` (~10 MB, ~0.1 s of
    imports; a locked keychain may wait for its password) must not hold the window.
    """
    return not os.environ.get(ENV_VAR, "").strip()


def get_api_key(api_url: str) -> str | None:
    """Return the API key for `api_url`, or None when none is configured.

    Looks at `GIGSTACK_API_KEY` first, then the OS keychain, then the opt-in key file. A
    missing or broken keychain counts as "no key" (logged, without details that could contain
    the key). Safe on any thread (keyring's backends make blocking calls of their own: D-Bus,
    the macOS and Windows credential APIs; the secret registry for the logs has a lock).
    """
    key = os.environ.get(ENV_VAR, "").strip()
    if not key:
        # Imported when used (issue 12: ~50 ms at start-up when the key is in the environment).
        import keyring
        import keyring.errors

        try:
            key = keyring.get_password(KEYRING_SERVICE, _account(api_url)) or ""
        except keyring.errors.KeyringError as exc:
            log.warning("keychain not available: %s", type(exc).__name__)
            key = ""
    if not key:
        key = _read_key_file().get(api_url.rstrip("/"), "").strip()
    if key:
        register_secret(key)
        return key
    return None


def store_api_key(api_url: str, key: str) -> None:
    """Save `key` for `api_url` in the OS keychain.

    Raises:
        KeychainUnavailableError: when the OS keychain cannot store secrets.
    """
    # Imported when used (issue 12: ~50 ms at start-up when the key is in the environment).
    import keyring
    import keyring.errors

    register_secret(key)
    try:
        keyring.set_password(KEYRING_SERVICE, _account(api_url), key)
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailableError(type(exc).__name__) from None


def store_api_key_in_file(api_url: str, key: str) -> Path:
    """Save `key` for `api_url` in the user's key file, unencrypted (the person chose it).

    Only call this after the person was told the file is not encrypted and agreed.

    Returns:
        The key file's path (to show where it is).
    """
    register_secret(key)
    keys = _read_key_file()
    keys[api_url.rstrip("/")] = key
    path = _write_key_file(keys)
    log.info("API key stored in the opt-in key file %s (user's choice: no keychain)", path)
    return path


def delete_api_key(api_url: str) -> None:
    """Forget the stored key for `api_url`, in the keychain and the key file (no error if none).

    Raises:
        KeychainUnavailableError: the keychain failed and there was no key file entry to remove.
    """
    # Imported when used (issue 12: ~50 ms at start-up when the key is in the environment).
    import keyring
    import keyring.errors

    removed_from_file = False
    keys = _read_key_file()
    if keys.pop(api_url.rstrip("/"), None) is not None:
        _write_key_file(keys)
        removed_from_file = True
    try:
        keyring.delete_password(KEYRING_SERVICE, _account(api_url))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        if not removed_from_file:
            raise KeychainUnavailableError(type(exc).__name__) from None
