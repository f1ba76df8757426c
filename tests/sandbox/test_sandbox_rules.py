"""The sandbox's own SAT helpers and totals math (independent of desktop.fiscal)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.sandbox import seed
from desktop.sandbox.totals import document_totals, line_totals
from desktop.sandbox.validation import (
    ean13_check_digit,
    rfc_check_digit,
    rfc_check_digit_ok,
    rfc_format_ok,
)

IVA16 = {"type": "IVA", "rate": 0.16, "factor": "Tasa", "inclusive": True, "withholding": False}


def test_rfc_check_digit_known_values() -> None:
    # SAT's published test RFCs.
    assert rfc_check_digit_ok("EKU9003173C9")
    assert rfc_check_digit_ok("XAXX010101000")
    assert not rfc_check_digit_ok("EKU9003173C8")


@pytest.mark.parametrize("rfc", ["ABC", "EKU9013173C9", "EKU900317", "1234567890123"])
def test_rfc_format_rejects(rfc: str) -> None:
    assert not rfc_format_ok(rfc)


def test_seed_rfcs_pass_the_check_digit() -> None:
    for _, client in seed._clients():
        assert rfc_check_digit_ok(client["tax_id"]), client["tax_id"]
        assert len(client["tax_id"]) in (12, 13)


def test_ean13() -> None:
    assert ean13_check_digit("750103131130") == "9"  # a real Mexican product code
    assert len({s[3] for s in seed.SERVICES}) == len(seed.SERVICES)


def test_rfc_check_digit_is_a_digit_or_a() -> None:
    assert rfc_check_digit("HEMJ850714K2") in set("0123456789A")


@given(
    price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
    quantity=st.integers(min_value=1, max_value=500),
)
def test_inclusive_lines_keep_the_amount_paid(price: Decimal, quantity: int) -> None:
    line = line_totals(Decimal(quantity), price, Decimal(0), [IVA16])
    assert line.total == price * quantity
    # The IVA stays within the SAT tolerance of base * rate.
    exact = line.subtotal * Decimal("0.16")
    assert abs(line.transferred - exact) < Decimal("0.01") + Decimal("0.0058")


def test_document_sums_rounded_lines() -> None:
    lines = [
        line_totals(Decimal(1), Decimal("0.05"), Decimal(0), [{**IVA16, "inclusive": False}])
        for _ in range(3)
    ]
    doc = document_totals(lines)
    assert (doc.subtotal, doc.taxes, doc.total) == (
        Decimal("0.15"),
        Decimal("0.03"),
        Decimal("0.18"),
    )
