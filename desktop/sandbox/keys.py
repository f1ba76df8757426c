"""API keys as gigstack issues them: JWTs whose payload names the key's team and mode.

REFERENCE.md §2.2 and §16.3: the headless-signup page shows a team's live and test keys as
JWTs (``eyJhbGciOi…``) and gigstack's CLI reads their ``team``, ``livemode`` and ``key_id``
claims (a test key's ``key_id`` contains "test"). Older ``sk_test_…`` / ``sk_live_…`` keys
exist too; the sandbox still accepts any key it is given and tells its mode by the word "test".

The signature is HMAC-SHA256 over a fixed sandbox secret, so the same claims always give the
same key (a developer can export it across restarts). Nobody outside the sandbox checks it:
clients read the claims without verifying them. Shares no code with ``desktop.gigstack``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

#: Not a secret: the sandbox only plays gigstack on loopback.
_SIGNING_SECRET = b"mostrador-sandbox-signing-key"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_key(team: str, livemode: bool, key_id: str | None = None) -> str:
    """A JWT-shaped key for ``team`` with the claims gigstack's keys carry."""
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {
        "team": team,
        "livemode": livemode,
        "key_id": key_id or f"key_{'live' if livemode else 'test'}_{team}",
    }
    signing_input = ".".join(
        _b64url(json.dumps(part, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        for part in (header, claims)
    )
    signature = hmac.new(_SIGNING_SECRET, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def key_claims(key: str) -> dict[str, Any]:
    """The payload of a JWT-shaped key; ``{}`` for any other key (never raises)."""
    parts = key.split(".")
    if len(parts) != 3 or not parts[1] or len(parts[1]) > 16_384:
        return {}
    segment = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        value = json.loads(base64.urlsafe_b64decode(segment).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def key_livemode(key: str) -> bool:
    """Live or test, as gigstack tells it from the key: the ``livemode`` claim, else a
    ``key_id`` or a key containing "test" is a test key (the CLI's rule)."""
    claims = key_claims(key)
    livemode = claims.get("livemode")
    if isinstance(livemode, bool):
        return livemode
    key_id = claims.get("key_id")
    if isinstance(key_id, str) and key_id:
        return "test" not in key_id.lower()
    return "test" not in key.lower()


__all__ = ["key_claims", "key_livemode", "make_key"]
