"""``KeyInfo``: what a key says about its team and mode, from JWTs built here."""

from __future__ import annotations

import base64
import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from desktop.gigstack import GigstackClient, KeyInfo


def _segment(value: Any, *, pad: bool = False) -> str:
    raw = json.dumps(value).encode() if not isinstance(value, bytes) else value
    text = base64.urlsafe_b64encode(raw).decode()
    return text if pad else text.rstrip("=")


def jwt(claims: Any, *, pad: bool = False) -> str:
    header = _segment({"alg": "HS256", "typ": "JWT"}, pad=pad)
    return f"{header}.{_segment(claims, pad=pad)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"


def test_live_and_test_jwts() -> None:
    live = KeyInfo.from_key(jwt({"team": "team_abc123", "livemode": True, "key_id": "key_live_1"}))
    assert (live.team, live.livemode, live.key_id, live.format) == (
        "team_abc123",
        True,
        "key_live_1",
        "jwt",
    )
    assert live.is_live and not live.is_test

    test = KeyInfo.from_key(jwt({"team": "team_abc123", "livemode": False}))
    assert test.is_test and test.team == "team_abc123"


def test_key_id_with_test_means_test_mode_when_livemode_is_missing() -> None:
    # gigstack's CLI rule (config.ts): livemode false, or a key_id containing "test".
    info = KeyInfo.from_key(jwt({"team": "team_x", "key_id": "apikey_TEST_9"}))
    assert info.livemode is False
    unknown = KeyInfo.from_key(jwt({"team": "team_x", "key_id": "apikey_9"}))
    assert unknown.livemode is None
    assert not unknown.is_test and not unknown.is_live


@pytest.mark.parametrize(
    ("key", "livemode"),
    [
        ("sk_test_abcdefghijklmnop", False),
        ("sk_live_abcdefghijklmnop", True),
        ("gsk_test_abcdefghijklmnop", False),
        ("gsk_live_abcdefghijklmnop", True),
    ],
)
def test_prefixed_keys(key: str, livemode: bool) -> None:
    info = KeyInfo.from_key(key)
    assert info.livemode is livemode
    assert info.format == "prefixed"
    assert info.team is None


def test_padded_standard_alphabet_and_bearer_prefix() -> None:
    # A payload whose base64 holds "-"/"_" in url-safe form and "+"/"/" in the standard one.
    claims = {"team": "team_ñ>>>???", "livemode": "false"}
    token = jwt(claims, pad=True)
    std = token.replace("-", "+").replace("_", "/")
    for variant in (token, std, f"Bearer {token}"):
        info = KeyInfo.from_key(variant)
        assert info.team == "team_ñ>>>???"
        assert info.livemode is False


def test_expiry_claim() -> None:
    info = KeyInfo.from_key(jwt({"team": "t", "exp": 1_800_000_000}))
    assert info.expires_at == datetime.fromtimestamp(1_800_000_000, tz=UTC)


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "not-a-key",
        "a.b",
        "a..c",
        "a.!!!!.c",
        jwt(b"not json"),
        jwt(["a", "list"]),
        jwt({"team": 42, "livemode": "maybe", "key_id": 7}),
        "x." + "A" * 20_000 + ".y",
    ],
)
def test_anything_else_reads_as_unknown(key: Any) -> None:
    info = KeyInfo.from_key(key)
    assert info.team is None
    assert info.livemode is None
    assert info.key_id is None


def test_never_shows_or_logs_the_key(caplog: pytest.LogCaptureFixture) -> None:
    key = jwt({"team": "team_secretive", "livemode": False, "key_id": "k1"})
    caplog.set_level(logging.DEBUG)
    info = KeyInfo.from_key(key)
    assert key not in repr(info)
    assert key.split(".")[1] not in repr(info)
    assert not caplog.records
    with GigstackClient(key, base_url="http://127.0.0.1:9/v2") as api:
        assert api.key_info == info
        assert key not in repr(api)
