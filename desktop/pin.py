"""The optional manager PIN that guards actions which move money or change who can act.

Qt-free so the CLI and tests can use it. The PIN is never stored: only a salted scrypt hash
in `<data folder>/manager_pin.json` (written atomically, readable by the owner only). Wrong
attempts are counted in memory and, after `MAX_ATTEMPTS`, refused for `LOCKOUT_SECONDS` so a
4-digit PIN cannot be tried exhaustively at the till.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "LOCKOUT_SECONDS",
    "MAX_ATTEMPTS",
    "PIN_FILENAME",
    "ManagerPin",
    "PinLockedError",
    "pin_problem",
]

log = logging.getLogger(__name__)

PIN_FILENAME = "manager_pin.json"
MIN_DIGITS, MAX_DIGITS = 4, 8
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60.0

# scrypt cost: ~50 ms on the project's 2-core machines, negligible for one check at the till,
# expensive for anyone who copies the file and tries all 10^4..10^8 PINs.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _DKLEN = 2**14, 8, 1, 32


class PinLockedError(Exception):
    """Too many wrong PINs: checking is refused for `seconds_left` more seconds."""

    def __init__(self, seconds_left: float) -> None:
        super().__init__(f"locked for {seconds_left:.0f} s")
        self.seconds_left = seconds_left


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a manager PIN (Spanish, for the screen), or None when it can."""
    if not pin.isdigit() or not pin.isascii():
        return "El PIN lleva solo números."
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"El PIN lleva de {MIN_DIGITS} a {MAX_DIGITS} números."
    if len(set(pin)) == 1:
        return "Elige un PIN menos obvio que un solo número repetido."
    return None


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_DKLEN, maxmem=64 * 1024 * 1024
    )


class ManagerPin:
    """The manager PIN of one data folder.

    Args:
        data_dir: The app's data folder (the hash file lives there).
        clock: Monotonic seconds (injected in tests).
    """

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = Path(data_dir) / PIN_FILENAME
        self._clock = clock
        self._failures = 0
        self._locked_until: float | None = None

    def is_set(self) -> bool:
        """True when a PIN guards this folder's sensitive actions."""
        return self._load() is not None

    def set(self, pin: str) -> None:
        """Store a new PIN (hashed). Raises ValueError with a Spanish reason if it is unfit."""
        problem = pin_problem(pin)
        if problem:
            raise ValueError(problem)
        salt = secrets.token_bytes(16)
        record = {
            "algorithm": "scrypt",
            "n": _SCRYPT_N,
            "r": _SCRYPT_R,
            "p": _SCRYPT_P,
            "salt": salt.hex(),
            "hash": _derive(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P).hex(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pin-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._failures, self._locked_until = 0, None
        log.info("manager PIN set")

    def clear(self) -> None:
        """Remove the PIN (the caller checks the current PIN first)."""
        self.path.unlink(missing_ok=True)
        self._failures, self._locked_until = 0, None
        log.info("manager PIN removed")

    def seconds_locked(self) -> float:
        """Seconds until checking is allowed again (0 when it is)."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            return 0.0
        return left

    def verify(self, pin: str) -> bool:
        """True when `pin` is the stored PIN (or no PIN is set).

        Raises:
            PinLockedError: too many wrong attempts just now; nothing was checked.
        """
        record = self._load()
        if record is None:
            return True
        left = self.seconds_locked()
        if left:
            raise PinLockedError(left)
        try:
            salt = bytes.fromhex(str(record["salt"]))
            expected = bytes.fromhex(str(record["hash"]))
            n, r, p = (int(str(record[k])) for k in ("n", "r", "p"))
        except (KeyError, TypeError, ValueError):
            # A damaged file must not open the door: nothing matches it. Removing the file
            # (a person with access to the data folder) clears the PIN.
            log.error("manager PIN file is damaged: %s", self.path)
            return False
        ok = hmac.compare_digest(_derive(pin, salt, n, r, p), expected)
        if ok:
            self._failures = 0
            return True
        self._failures += 1
        if self._failures >= MAX_ATTEMPTS:
            self._failures = 0
            self._locked_until = self._clock() + LOCKOUT_SECONDS
            log.warning("manager PIN: too many wrong attempts, locked for %s s", LOCKOUT_SECONDS)
        return False

    def _load(self) -> dict[str, object] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError:
            log.exception("cannot read the manager PIN file")
            return {}  # exists but unreadable: treat as set (and unverifiable)
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
