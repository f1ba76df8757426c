"""The gigstack API key: read from the environment or the OS keychain, never from files.

The key never goes to SQLite, settings files or logs. `GIGSTACK_API_KEY` wins over the keychain
so that scripts and support staff can run the CLI without touching the stored key.
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.errors

from desktop.logs import register_secret

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Mostrador"
ENV_VAR = "GIGSTACK_API_KEY"


class KeychainUnavailableError(RuntimeError):
    """The OS has no usable keychain (e.g. a headless Linux box without Secret Service)."""


def _account(api_url: str) -> str:
    # One key per API base URL, so a sandbox key never replaces the production one.
    return f"api-key:{api_url.rstrip('/')}"


def get_api_key(api_url: str) -> str | None:
    """Return the API key for `api_url`, or None when none is configured.

    Looks at `GIGSTACK_API_KEY` first, then the OS keychain. A missing or broken keychain
    counts as "no key" (logged, without details that could contain the key).
    """
    key = os.environ.get(ENV_VAR, "").strip()
    if not key:
        try:
            key = keyring.get_password(KEYRING_SERVICE, _account(api_url)) or ""
        except keyring.errors.KeyringError as exc:
            log.warning("keychain not available: %s", type(exc).__name__)
            key = ""
    if key:
        register_secret(key)
        return key
    return None


def store_api_key(api_url: str, key: str) -> None:
    """Save `key` for `api_url` in the OS keychain.

    Raises:
        KeychainUnavailableError: when the OS keychain cannot store secrets.
    """
    register_secret(key)
    try:
        keyring.set_password(KEYRING_SERVICE, _account(api_url), key)
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailableError(type(exc).__name__) from None


def delete_api_key(api_url: str) -> None:
    """Forget the stored key for `api_url` (no error when there was none)."""
    try:
        keyring.delete_password(KEYRING_SERVICE, _account(api_url))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailableError(type(exc).__name__) from None
