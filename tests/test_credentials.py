"""The API key lives in the OS keychain, keyed by API URL; the environment wins."""

from __future__ import annotations

from pathlib import Path

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


@pytest.fixture
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(credentials.KEY_FILE_DIR_VAR, str(folder))
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    return folder


def test_keychain_status_tells_a_missing_keychain_from_a_real_one(
    memory_keyring: MemoryKeyring,
) -> None:
    import keyring.backends.fail

    assert credentials.keychain_status().available
    keyring.set_keyring(keyring.backends.fail.Keyring())
    status = credentials.keychain_status()
    assert not status.available
    assert status.backend == "keyring.backends.fail.Keyring"
    assert "no OS keychain" in status.detail


def test_opt_in_key_file_is_private_labelled_and_read_after_the_keychain(key_dir: Path) -> None:
    import json
    import stat
    import sys

    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # this machine has no keychain
    try:
        url = "https://api.gigstack.io/v2/"
        assert credentials.get_api_key(url) is None
        path = credentials.store_api_key_in_file(url, "sk_live_plain_file_key")
        assert path == key_dir / credentials.KEY_FILENAME
        if sys.platform != "win32":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        content = json.loads(path.read_text(encoding="utf-8"))
        assert "SIN CIFRAR" in content["_aviso"]  # says plainly what it is
        assert content["keys"] == {"https://api.gigstack.io/v2": "sk_live_plain_file_key"}
        assert credentials.get_api_key("https://api.gigstack.io/v2") == "sk_live_plain_file_key"
        assert credentials.get_api_key("http://127.0.0.1:9/v2") is None  # keyed by URL
        # Forgetting works although the keychain cannot be reached; the file goes when empty.
        credentials.delete_api_key(url)
        assert credentials.get_api_key(url) is None
        assert not path.exists()
    finally:
        keyring.set_keyring(previous)


def test_keychain_and_environment_win_over_the_key_file(
    key_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://x/v2"
    credentials.store_api_key_in_file(url, "from_file_key")
    assert credentials.get_api_key(url) == "from_file_key"
    credentials.store_api_key(url, "from_keychain")
    assert credentials.get_api_key(url) == "from_keychain"
    monkeypatch.setenv(credentials.ENV_VAR, "from_environment")
    assert credentials.get_api_key(url) == "from_environment"


def test_unreadable_key_file_counts_as_no_key(key_dir: Path) -> None:
    import keyring.backends.fail

    key_dir.mkdir(parents=True)
    (key_dir / credentials.KEY_FILENAME).write_text("{not json", encoding="utf-8")
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        assert credentials.get_api_key("https://x/v2") is None
    finally:
        keyring.set_keyring(previous)


def test_deleting_with_no_keychain_and_no_file_entry_is_a_clear_error(key_dir: Path) -> None:
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(credentials.KeychainUnavailableError):
            credentials.delete_api_key("https://x/v2")
    finally:
        keyring.set_keyring(previous)
