"""Logging: a rotating file under the user's log folder, with secrets scrubbed.

Every record passes through `SecretFilter`, which replaces registered secrets (API keys read
by `credentials`) and anything shaped like an `Authorization` value with `***`. This guards
against a future log line that formats a header or an exception carelessly.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

_secrets: set[str] = set()
_lock = threading.Lock()
_AUTH_PATTERN = re.compile(
    r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer\s+)?|bearer\s+)([^\s'\",}]+)"
)
MIN_SECRET_LENGTH = 6


def register_secret(value: str) -> None:
    """Remember `value` so it is masked in every log record from now on."""
    if len(value) >= MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(value)


def scrub(text: str) -> str:
    """Return `text` with registered secrets and authorization values masked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, "***")
    return _AUTH_PATTERN.sub(r"\1***", text)


class SecretFilter(logging.Filter):
    """Rewrites each record's final message with `scrub` (args are folded in first)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Exception text is rendered later by the formatter; pre-render it scrubbed.
            formatter = logging.Formatter()
            record.exc_text = scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the `desktop` loggers to a rotating file in `log_dir` (and stderr if `console`).

    Returns:
        The path of the log file.
    """
    # Here, not at the top: the crash hook imports this module before the app's first paint,
    # and logging.handlers brings socket, pickle and queue (~7 ms; issue 12).
    import logging.handlers

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "mostrador.log"
    root = logging.getLogger("desktop")
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_mostrador", False)]:
        # Called again (tests, a second `main()`): replace our handlers, don't stack them.
        root.removeHandler(old)
        old.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    ]
    if console:
        handlers.append(logging.StreamHandler())
    # httpx logs every URL at INFO, query string included (RFCs, e-mails in list filters).
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(SecretFilter())
        handler._mostrador = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return path
