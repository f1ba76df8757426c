"""What an API key says about itself: its team and whether it is a test key.

Defensive choices (REFERENCE §2.2, §15.1, §16.3):

* gigstack keys are JWTs carrying ``team``, ``livemode`` and ``key_id`` claims (gigstack's CLI
  reads them); older/blog keys look like ``sk_test_…`` / ``sk_live_…`` (and ``gsk_…``). Both
  are read; anything else gives a :class:`KeyInfo` full of ``None`` rather than an error.
* The payload is decoded **without verifying the signature**: this is only a hint for the
  screen ("modo de prueba", "my team"). The server remains the authority on what a key may do.
* ``livemode`` missing but ``key_id`` containing ``test`` counts as a test key (the CLI's rule).
  ``livemode`` given as the strings ``"true"``/``"false"`` is read too.
* Nothing here logs, and :class:`KeyInfo` never holds nor shows the key itself.

Qt-free: usable from the CLI, the app and tests alike. Read by `desktop.rules.teams.find_own_team`
(the ``team`` claim is "my team"), `python -m desktop check` and the window's test-mode marks
(`desktop.ui.test_mode`, through `UiContext.key_info`).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

__all__ = ["KeyInfo"]

KeyFormat = Literal["jwt", "prefixed", "unknown"]

#: Prefixes of non-JWT keys, with the mode each one means (REFERENCE §15.1: blog posts show
#: ``gsk_live_…`` and ``sk_test_…``).
_PREFIXES: tuple[tuple[str, bool], ...] = (
    ("sk_test_", False),
    ("sk_live_", True),
    ("gsk_test_", False),
    ("gsk_live_", True),
)

#: A JWT payload larger than this is not something gigstack issued; do not bother decoding it.
_MAX_SEGMENT = 16_384


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Claims read from an API key (never the key itself).

    Attributes:
        team: The key's team id (``team`` claim), or ``None`` when the key does not say.
        livemode: ``True`` live, ``False`` test, ``None`` unknown.
        key_id: The ``key_id`` claim, when present.
        format: ``"jwt"``, ``"prefixed"`` (``sk_test_…``) or ``"unknown"``.
        expires_at: The ``exp`` claim as an aware UTC datetime, when present and readable.
    """

    team: str | None = None
    livemode: bool | None = None
    key_id: str | None = None
    format: KeyFormat = "unknown"
    expires_at: datetime | None = None

    @property
    def is_test(self) -> bool:
        """True only when the key is known to be a test key."""
        return self.livemode is False

    @property
    def is_live(self) -> bool:
        """True only when the key is known to be a live key."""
        return self.livemode is True

    @classmethod
    def from_key(cls, key: str | None) -> KeyInfo:
        """Read what ``key`` says about itself. Never raises, never logs."""
        if not isinstance(key, str):
            return cls()
        text = key.strip()
        if text.lower().startswith("bearer "):
            text = text[7:].strip()
        for prefix, live in _PREFIXES:
            if text.startswith(prefix):
                return cls(livemode=live, format="prefixed")
        parts = text.split(".")
        if len(parts) != 3 or not parts[1]:
            return cls()
        claims = _decode_segment(parts[1])
        if claims is None:
            return cls()
        team = claims.get("team")
        key_id = claims.get("key_id")
        livemode = _as_bool(claims.get("livemode"))
        key_id_text = key_id if isinstance(key_id, str) and key_id else None
        if livemode is None and key_id_text is not None and "test" in key_id_text.lower():
            livemode = False
        return cls(
            team=team if isinstance(team, str) and team.strip() else None,
            livemode=livemode,
            key_id=key_id_text,
            format="jwt",
            expires_at=_as_datetime(claims.get("exp")),
        )


def _decode_segment(segment: str) -> dict[str, Any] | None:
    """base64url-decode a JWT segment into a JSON object, or ``None``."""
    if len(segment) > _MAX_SEGMENT:
        return None
    # JWTs drop the "=" padding (RFC 7515 §2); some encoders keep it or use the standard
    # alphabet. Accept all of that.
    padded = segment.strip().rstrip("=")
    padded += "=" * (-len(padded) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
