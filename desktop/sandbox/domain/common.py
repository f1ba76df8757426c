"""Ids, fingerprints and the automation_type aliases shared by the domain modules."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from typing import Any

# automation_type aliases (REFERENCE.md 2.15 and section 15 item 2)
AUTOMATION_ALIASES = {
    "pue_invoice": "pue_invoice",
    "payment": "pue_invoice",
    "stamp_invoice": "pue_invoice",
    "ppd_invoice_and_complement": "ppd_invoice_and_complement",
    "payment_and_complement": "ppd_invoice_and_complement",
    "receipt": "receipt",
    "none": "none",
}
# Inferred: a register without automation_type behaves like the CLI's default (pue_invoice),
# so a counter sale ends in an invoice or a receipt, never in nothing (REFERENCE.md 16.1).
DEFAULT_REGISTER_AUTOMATION = "pue_invoice"


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def fiscal_uuid() -> str:
    return str(uuid.uuid4()).upper()


def fingerprint(body: Any) -> str:
    """Canonical hash of a request body (key order and spacing do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
