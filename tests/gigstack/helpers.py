"""Constants and helpers shared by the gigstack client tests."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

# The session sandbox in tests/conftest.py is started with this key (SANDBOX_KEY there).
SANDBOX_KEY = "sk_test_mostrador_sandbox"

DEMO_TEAM = "team_mostrador_demo"
CONNECT_TEAMS = ("team_sucursal_norte", "team_sucursal_sur")
PUBLIC_RFC = "XAXX010101000"

# Short timeouts keep fault tests fast; loopback answers in milliseconds.
TEST_TIMEOUT = httpx.Timeout(connect=2.0, read=5.0, write=5.0, pool=2.0)


def sandbox_key(sandbox: Any) -> str:
    """The key the sandbox expects (its attribute if it has one, else the conftest constant)."""
    return str(getattr(sandbox, "api_key", SANDBOX_KEY))


_RFC_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ")}


def rfc_with_check_digit(stem: str) -> str:
    """Complete an 11-char (company) or 12-char (person) RFC stem with the SAT check digit."""
    padded = stem.rjust(12)
    total = sum(_RFC_VALUES[c] * (13 - i) for i, c in enumerate(padded))
    remainder = total % 11
    digit = "0" if remainder == 0 else ("A" if 11 - remainder == 10 else str(11 - remainder))
    return stem + digit


_counter = itertools.count(1)


def new_rfc() -> str:
    """A fresh, valid company RFC (``MOS`` + date + homoclave + check digit)."""
    n = next(_counter)
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    homoclave = f"{(n // 336) % 10}{'ABCDEFGHJK'[n % 10]}"
    return rfc_with_check_digit(f"MOS90{month:02d}{day:02d}{homoclave}")


def register_body(client_id: str, service_id: str, **extra: Any) -> dict[str, Any]:
    """A minimal valid register-payment body."""
    body: dict[str, Any] = {
        "client": {"id": client_id},
        "items": [{"id": service_id, "quantity": 1}],
        "automation_type": "none",
        "payment_form": "01",
        "currency": "MXN",
    }
    body.update(extra)
    return body
