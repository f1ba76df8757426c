"""Tests for desktop.fiscal.totals: CFDI 4.0 line and invoice math."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from desktop.fiscal import compute_totals
from desktop.fiscal.totals import sat_tax_limits, to_decimal

CENT = Decimal("0.01")


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def iva(rate: Any = "0.16", *, inclusive: bool = False) -> dict[str, Any]:
    return {"type": "IVA", "rate": rate, "factor": "Tasa", "inclusive": inclusive}


ISR_RET = {"type": "ISR", "rate": "0.10", "factor": "Tasa", "withholding": True}
IVA_RET = {"type": "IVA", "rate": "0.106667", "factor": "Tasa", "withholding": True}
IVA_EXENTO = {"type": "IVA", "rate": 0, "factor": "Exento"}


# --- worked examples ------------------------------------------------------------------------


def test_reference_example_1000_plus_iva_is_1160() -> None:
    totals = compute_totals([{"quantity": 1, "unit_price": 1000, "taxes": [iva(0.16)]}])
    assert totals.subtotal == Decimal("1000.00")
    assert totals.discount == Decimal("0.00")
    assert totals.transferred == Decimal("160.00")
    assert totals.withheld == Decimal("0.00")
    assert totals.total == Decimal("1160.00")
    (line,) = totals.lines
    assert line.importe == Decimal("1000.00")
    assert line.base == Decimal("1000.00")
    assert line.taxes[0].amount == Decimal("160.00")


def test_inclusive_shelf_price_116_is_100_plus_16() -> None:
    totals = compute_totals([{"quantity": 1, "unit_price": 116, "taxes": [iva(inclusive=True)]}])
    assert (totals.subtotal, totals.transferred, totals.total) == (
        Decimal("100.00"),
        Decimal("16.00"),
        Decimal("116.00"),
    )
    assert totals.lines[0].unit_value == Decimal("100")


def test_inclusive_price_that_needs_the_cent_adjustment() -> None:
    # 0.04 cannot be written as b + round(0.16 b): 0.03 -> 0.03, 0.04 -> 0.05.
    line = compute_totals([{"quantity": 1, "unit_price": "0.04", "taxes": [iva(inclusive=True)]}])
    assert line.total == Decimal("0.04")
    tax = line.lines[0].taxes[0]
    assert tax.amount is not None
    lower, upper = sat_tax_limits(tax.base, Decimal("0.16"))
    assert lower <= tax.amount <= upper


def test_professional_fees_with_isr_and_iva_withholding() -> None:
    # Honorarios to a persona moral: IVA 16 % transferred, ISR 10 % and 2/3 of IVA withheld.
    totals = compute_totals(
        [{"quantity": 1, "unit_price": 1000, "taxes": [iva(), ISR_RET, IVA_RET]}]
    )
    assert totals.transferred == Decimal("160.00")
    assert totals.withheld == Decimal("100.00") + Decimal("106.67")
    assert totals.total == Decimal("953.33")


def test_exclusive_taxes_on_an_inclusive_line_go_on_top() -> None:
    totals = compute_totals(
        [{"quantity": 1, "unit_price": 116, "taxes": [iva(inclusive=True), ISR_RET]}]
    )
    assert (totals.subtotal, totals.transferred, totals.withheld, totals.total) == (
        Decimal("100.00"),
        Decimal("16.00"),
        Decimal("10.00"),
        Decimal("106.00"),
    )


def test_percentage_typed_as_iva_rate_is_rejected_but_high_ieps_is_not() -> None:
    with pytest.raises(ValueError, match="fracción"):
        compute_totals([{"quantity": 1, "unit_price": 10, "taxes": [iva(16)]}])
    tobacco = {"type": "IEPS", "rate": "1.6", "factor": "Tasa"}
    assert compute_totals([{"quantity": 1, "unit_price": 10, "taxes": [tobacco]}]).total == 26


def test_exempt_tax_has_base_but_no_amount() -> None:
    totals = compute_totals([{"quantity": 2, "unit_price": "50.5", "taxes": [IVA_EXENTO]}])
    tax = totals.lines[0].taxes[0]
    assert tax.factor == "Exento"
    assert tax.amount is None and tax.rate is None
    assert tax.base == Decimal("101.00")
    assert totals.transferred == Decimal("0.00")
    assert totals.total == Decimal("101.00")
    assert totals.taxes[0].amount is None


def test_cuota_is_quantity_times_rate() -> None:
    ieps = {"type": "IEPS", "rate": "0.5", "factor": "Cuota"}
    totals = compute_totals([{"quantity": 3, "unit_price": 10, "taxes": [ieps, iva()]}])
    line = totals.lines[0]
    assert line.taxes[0].amount == Decimal("1.50")
    assert line.taxes[0].base == Decimal("3")
    assert line.taxes[1].amount == Decimal("4.80")
    assert totals.total == Decimal("30.00") + Decimal("1.50") + Decimal("4.80")


def test_discount_reduces_the_tax_base() -> None:
    totals = compute_totals(
        [{"quantity": 2, "unit_price": "250", "discount": "50", "taxes": [iva()]}]
    )
    line = totals.lines[0]
    assert (line.importe, line.discount, line.base) == (
        Decimal("500.00"),
        Decimal("50.00"),
        Decimal("450.00"),
    )
    assert line.taxes[0].amount == Decimal("72.00")
    assert totals.total == Decimal("522.00")


def test_inclusive_discount_is_taken_off_the_typed_amount() -> None:
    totals = compute_totals(
        [{"quantity": 1, "unit_price": 116, "discount": "11.60", "taxes": [iva(inclusive=True)]}]
    )
    line = totals.lines[0]
    assert totals.total == Decimal("104.40")
    assert (line.importe, line.discount, line.base) == (
        Decimal("100.00"),
        Decimal("10.00"),
        Decimal("90.00"),
    )


def test_rates_and_money_accept_numbers_strings_and_floats_without_binary_noise() -> None:
    as_float = compute_totals([{"quantity": 3, "unit_price": 0.1, "taxes": [iva(0.16)]}])
    as_str = compute_totals([{"quantity": "3", "unit_price": "0.10", "taxes": [iva("0.160000")]}])
    as_dec = compute_totals(
        [{"quantity": Decimal(3), "unit_price": Decimal("0.1"), "taxes": [iva(Decimal("0.16"))]}]
    )
    assert as_float.lines[0].importe == Decimal("0.30")
    assert as_float.total == as_str.total == as_dec.total == Decimal("0.35")
    assert to_decimal(19.99) == Decimal("19.99")


def test_objects_and_pydantic_models_are_accepted() -> None:
    class Tax(BaseModel):
        type: str
        rate: float
        factor: str = "Tasa"
        withholding: bool = False
        inclusive: bool = False

    class Item(BaseModel):
        quantity: float
        unit_price: float
        discount: float | None = None
        taxes: list[Tax] = []

    model = Item(quantity=1, unit_price=1000, taxes=[Tax(type="IVA", rate=0.16)])
    plain = SimpleNamespace(quantity=1, unit_price=1000, taxes=[SimpleNamespace(**iva())])
    assert compute_totals([model]).total == compute_totals([plain]).total == Decimal("1160.00")


def test_tax_type_codes_and_case_are_normalised() -> None:
    totals = compute_totals(
        [
            {
                "quantity": 1,
                "unit_price": 10,
                "taxes": [{"type": "002", "rate": 0.16, "factor": "tasa"}],
            }
        ]
    )
    assert totals.lines[0].taxes[0].type == "IVA"
    assert totals.lines[0].taxes[0].factor == "Tasa"


def test_results_are_frozen() -> None:
    totals = compute_totals([{"quantity": 1, "unit_price": 1}])
    with pytest.raises(dataclasses.FrozenInstanceError):
        totals.total = Decimal(0)  # type: ignore[misc]
    assert isinstance(totals.lines, tuple)


def test_no_items_is_zero() -> None:
    totals = compute_totals([])
    assert totals.total == Decimal("0.00") and totals.lines == ()


def test_tax_summary_groups_by_type_factor_and_rate() -> None:
    totals = compute_totals(
        [
            {"quantity": 1, "unit_price": 100, "taxes": [iva()]},
            {"quantity": 1, "unit_price": 50, "taxes": [iva(), ISR_RET]},
            {"quantity": 1, "unit_price": 20, "taxes": [iva("0.08")]},
        ]
    )
    summary = {(t.type, t.rate, t.withholding): (t.base, t.amount) for t in totals.taxes}
    assert summary[("IVA", Decimal("0.16"), False)] == (Decimal("150.00"), Decimal("24.00"))
    assert summary[("IVA", Decimal("0.08"), False)] == (Decimal("20.00"), Decimal("1.60"))
    assert summary[("ISR", Decimal("0.10"), True)] == (Decimal("50.00"), Decimal("5.00"))


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"quantity": -1, "unit_price": 10}, "cantidad"),
        ({"quantity": 0, "unit_price": 10}, "cantidad"),
        ({"quantity": 1, "unit_price": -10}, "precio"),
        ({"quantity": 1, "unit_price": 10, "discount": -1}, "descuento"),
        ({"quantity": 1, "unit_price": 10, "discount": 11}, "supera"),
        ({"quantity": 1, "unit_price": "diez"}, "no es un número"),
        ({"quantity": True, "unit_price": 10}, "número"),
        ({"quantity": 1, "unit_price": float("nan")}, "finito"),
        ({"quantity": 1, "unit_price": 10, "taxes": [{"type": "IVA", "rate": -0.16}]}, "negativa"),
        ({"quantity": 1, "unit_price": 10, "taxes": [{"type": "IVA", "factor": "x"}]}, "factor"),
        ({"quantity": 1, "unit_price": 10, "taxes": [{"type": "IVA"}]}, "tasa"),
        (
            {"quantity": 1, "unit_price": 10, "taxes": [{**ISR_RET, "rate": 1, "inclusive": True}]},
            "retenciones incluidas",
        ),
        (
            {
                "quantity": 1,
                "unit_price": "0.10",
                "taxes": [{"type": "IEPS", "rate": 1, "factor": "Cuota", "inclusive": True}],
            },
            "cuotas",
        ),
    ],
)
def test_invalid_lines_raise_a_clear_value_error(item: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute_totals([{"quantity": 1, "unit_price": 1}, item])
    with pytest.raises(ValueError, match="línea 2"):
        compute_totals([{"quantity": 1, "unit_price": 1}, item])


# --- properties -----------------------------------------------------------------------------

prices = st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
quantities = st.one_of(
    st.integers(min_value=1, max_value=1000).map(Decimal),
    st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n) / 1000),
)
inclusive_tax_sets = st.sampled_from(
    [
        [iva("0.16", inclusive=True)],
        [iva("0.08", inclusive=True)],
        [iva("0.16", inclusive=True), {"type": "IEPS", "rate": "0.08", "inclusive": True}],
        [iva("0.16", inclusive=True), {"type": "IEPS", "rate": "0.265", "inclusive": True}],
        [iva("0.16", inclusive=True), {**ISR_RET, "inclusive": True}],
        [{**IVA_EXENTO, "inclusive": True}],
        [iva("0", inclusive=True)],
    ]
)


@settings(max_examples=600, deadline=None)
@given(price=prices, quantity=quantities, taxes=inclusive_tax_sets, data=st.data())
def test_inclusive_prices_total_exactly_what_the_cashier_typed(
    price: Decimal, quantity: Decimal, taxes: list[dict[str, Any]], data: st.DataObject
) -> None:
    typed = r2(price * quantity)
    discount = data.draw(
        st.one_of(st.none(), st.integers(0, int(typed * 100)).map(lambda c: Decimal(c) / 100))
    )
    item = {"quantity": quantity, "unit_price": price, "taxes": taxes, "discount": discount}
    totals = compute_totals([item])
    line = totals.lines[0]

    assert totals.total == typed - (discount or 0)
    assert line.total == totals.total
    assert line.base == line.importe - line.discount >= 0
    assert line.discount >= 0
    # ValorUnitario x Cantidad gives back the importe (quantities up to 1000 here).
    assert r2(line.quantity * line.unit_value) == line.importe
    for tax in line.taxes:
        if tax.factor == "Tasa":
            assert tax.rate is not None and tax.amount is not None
            lower, upper = sat_tax_limits(line.base, tax.rate)
            assert lower <= tax.amount <= upper, (tax, lower, upper)
    # Only ever off the strict per-line rounding by cents, never more.
    strict = sum(
        ((-1 if t.withholding else 1) * r2(line.base * (t.rate or 0)) for t in line.taxes),
        Decimal(0),
    )
    assert abs((line.transferred - line.withheld) - strict) <= Decimal("0.02")


@settings(max_examples=300, deadline=None)
@given(
    price=st.integers(0, 10_000_000).map(lambda c: Decimal(c) / 100),
    quantity=quantities,
    rate=st.sampled_from(["0.16", "0.08", "0", "0.265", "0.53"]),
    with_isr=st.booleans(),
    with_iva_ret=st.booleans(),
    discount_share=st.integers(0, 100),
)
def test_exclusive_math_matches_hand_computation(
    *,
    price: Decimal,
    quantity: Decimal,
    rate: str,
    with_isr: bool,
    with_iva_ret: bool,
    discount_share: int,
) -> None:
    importe = r2(quantity * price)
    discount = r2(importe * discount_share / 100)
    taxes: list[dict[str, Any]] = [iva(rate)]
    if with_isr:
        taxes.append(ISR_RET)
    if with_iva_ret:
        taxes.append(IVA_RET)
    totals = compute_totals(
        [{"quantity": quantity, "unit_price": price, "discount": discount, "taxes": taxes}]
    )

    base = importe - discount
    transferred = r2(base * Decimal(rate))
    withheld = (r2(base * Decimal("0.10")) if with_isr else 0) + (
        r2(base * Decimal("0.106667")) if with_iva_ret else 0
    )
    assert totals.subtotal == importe
    assert totals.discount == discount
    assert totals.transferred == transferred
    assert totals.withheld == withheld
    assert totals.total == importe - discount + transferred - withheld


line_items = st.fixed_dictionaries(
    {
        "quantity": quantities,
        "unit_price": prices,
        "taxes": st.one_of(
            inclusive_tax_sets,
            st.sampled_from(
                [
                    [],
                    [iva()],
                    [iva(), ISR_RET],
                    [iva(), ISR_RET, IVA_RET],
                    [IVA_EXENTO],
                    [{"type": "IEPS", "rate": "0.35", "factor": "Cuota"}, iva()],
                ]
            ),
        ),
    }
)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(line_items, max_size=8))
def test_invoice_totals_are_the_sum_of_the_lines(items: list[dict[str, Any]]) -> None:
    totals = compute_totals(items)
    lines = totals.lines
    assert len(lines) == len(items)
    assert totals.subtotal == sum((ln.importe for ln in lines), Decimal(0))
    assert totals.discount == sum((ln.discount for ln in lines), Decimal(0))
    assert totals.transferred == sum((ln.transferred for ln in lines), Decimal(0))
    assert totals.withheld == sum((ln.withheld for ln in lines), Decimal(0))
    assert totals.total == sum((ln.total for ln in lines), Decimal(0))
    assert totals.total == totals.subtotal - totals.discount + totals.transferred - totals.withheld
    for value in (totals.subtotal, totals.transferred, totals.withheld, totals.total):
        assert value == r2(value)
    summed = sum((t.amount or 0) * (-1 if t.withholding else 1) for t in totals.taxes)
    assert summed == totals.transferred - totals.withheld
