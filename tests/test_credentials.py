"""The API key lives in the OS keychain, keyed by API URL; the environment wins."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest

from desktop import credentials
from tests.doubles import BrokenKeyring, MemoryKeyring


def test_store_get_delete_round_trip(memory_keyring: MemoryKeyring) -> None:
    url = "https://api.gigstack.io/v2"
    assert credentials.get_api_key(url) is None
    credentials.store_api_key(url, "sk_live_round_trip")
    assert credentials.get_api_key(url) == "sk_live_round_trip"
    assert credentials.get_api_key("http://127.0.0.1:9/v2") is None  # keyed by URL
    credentials.delete_api_key(url)
    credentials.delete_api_key(url)  # forgetting twice is fine
    assert credentials.get_api_key(url) is None


def test_environment_variable_wins(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    credentials.store_api_key("https://x/v2", "from_keychain")
    monkeypatch.setenv(credentials.ENV_VAR, "  from_environment  ")
    assert credentials.get_api_key("https://x/v2") == "from_environment"


def test_broken_keychain_means_no_key_and_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        assert credentials.get_api_key("https://x/v2") is None
        with pytest.raises(credentials.KeychainUnavailableError) as info:
            credentials.store_api_key("https://x/v2", "sk_live_never_shown")
        assert "sk_live_never_shown" not in str(info.value)
    finally:
        keyring.set_keyring(previous)
