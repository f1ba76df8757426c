"""Secrets never reach the log file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.logs import register_secret, scrub, setup_logging


def test_scrub_masks_registered_secret_and_authorization_values() -> None:
    register_secret("sk_live_very_secret_value")
    text = scrub("calling with sk_live_very_secret_value and Authorization: Bearer abc.def.ghi")
    assert "sk_live_very_secret_value" not in text
    assert "abc.def.ghi" not in text
    assert text.count("***") == 2


def test_short_values_are_not_registered_as_secrets() -> None:
    # Masking a 2-letter "secret" would shred ordinary words in every log line.
    register_secret("ab")
    assert scrub("about abc") == "about abc"


def test_log_file_never_contains_the_key(tmp_path: Path) -> None:
    key = "sk_test_0123456789abcdef"
    register_secret(key)
    path = setup_logging(tmp_path, logging.DEBUG)
    logger = logging.getLogger("desktop.test_logs")
    try:
        logger.info("sending with key %s", key)
        try:
            raise RuntimeError(f"server said no to {key}")
        except RuntimeError:
            logger.exception("request failed")
    finally:
        root = logging.getLogger("desktop")
        for handler in list(root.handlers):
            handler.close()
            root.removeHandler(handler)
    content = path.read_text(encoding="utf-8")
    assert "sending with key ***" in content
    assert "RuntimeError: server said no to ***" in content
    assert key not in content


@pytest.mark.parametrize(
    "header",
    ["Authorization: Bearer eyJhbGciOi.x.y", "'authorization': 'eyJhbGciOi.x.y'"],
)
def test_authorization_shapes_are_masked(header: str) -> None:
    assert "eyJhbGciOi" not in scrub(header)
