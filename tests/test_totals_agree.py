"""The counter's totals (desktop.fiscal) equal what the sandbox's gigstack registers.

Two independent implementations of the CFDI line math: if they disagree, a cashier would
charge one total and gigstack would stamp another.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import fiscal
from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY

TAX_SETS = [
    [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}],
    [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": False}],
    [{"type": "IVA", "rate": "0", "factor": "Tasa", "inclusive": True}],
    [{"type": "IVA", "rate": "0", "factor": "Exento", "inclusive": True}],
    [
        {"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": False},
        {"type": "ISR", "rate": "0.10", "factor": "Tasa", "withholding": True},
    ],
    [{"type": "IEPS", "rate": "0.08", "factor": "Tasa", "inclusive": True}],
]

prices = st.decimals(min_value=Decimal("0.50"), max_value=Decimal("5000"), places=2)
items = st.lists(
    st.builds(
        lambda price, qty, taxes: {
            "description": "Artículo",
            "quantity": qty,
            "unit_price": price,
            "product_key": "01010101",
            "unit_key": "H87",
            "taxes": taxes,
        },
        prices,
        st.integers(1, 12),
        st.sampled_from(TAX_SETS),
    ),
    min_size=1,
    max_size=4,
)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[Sandbox, GigstackClient]]:
    with (
        Sandbox(api_key=SANDBOX_KEY, seed="demo") as sandbox,
        GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api,
    ):
        yield sandbox, api


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=items)
def test_sandbox_registers_the_total_the_counter_computed(
    server: tuple[Sandbox, GigstackClient], lines: list[dict[str, Any]]
) -> None:
    _, api = server
    ours = fiscal.compute_totals(lines)
    payment = api.payments.register(
        {
            "client": {"id": "client_demo_publico"},
            "automation_type": "none",
            "payment_form": "01",
            "items": lines,
        },
        idempotency_key=f"agree-{uuid.uuid4().hex}",
    )
    assert payment.total == ours.total
    assert payment.subtotal == ours.subtotal
    assert payment.taxes == ours.transferred - ours.withheld
