"""The one money parser: what a Mexican cashier types, and the limits every front end shares."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import money
from desktop.money import MoneyError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", "12.5"),  # a Spanish keyboard's decimal comma: never 125
        ("12,50", "12.50"),
        ("12.50", "12.50"),
        ("$1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1\u00a0234.50", "1234.50"),
        ("1,234", "1234"),
        ("1,234,567", "1234567"),
        ("0,125", "0.125"),
        ("1.500", "1.500"),  # es-MX: one point is always the decimal point
        ("1.234.567", "1234567"),
        (".5", "0.5"),
        ("$ 99 MXN", "99"),
        ("-$5", "-5"),
        ("  45  ", "45"),
    ],
)
def test_reads_what_a_cashier_types(text: str, expected: str) -> None:
    assert money.to_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1e30",
        "1E5",
        "nan",
        "Infinity",
        "12,",
        ",",
        "1,23.4",
        "1,2345",
        "1.2.3",
        "١٢",
        "１２",
        "12..5",
        "1,234,56",
        "$-$5",
        "-+5",
        "0x10",
        "1_000",
        "9" * 41,
        "\ud800",
        "12\ud83d",
    ],
)
def test_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(MoneyError) as caught:
        money.to_decimal(text)
    # The message is printable (even for a lone surrogate) and Spanish.
    caught.value.message.encode("utf-8")
    assert caught.value.code in {"empty", "not_a_number", "too_large"}


def test_price_limits() -> None:
    assert money.parse_money("10,000,000.00") == Decimal("10000000.00")
    with pytest.raises(MoneyError, match=re.escape("no puede pasar de $10,000,000.00")) as big:
        money.parse_money("10,000,000.01")
    assert big.value.code == "too_large"
    with pytest.raises(MoneyError, match="negativo"):
        money.parse_money("-1")
    with pytest.raises(MoneyError, match="mayor que cero"):
        money.parse_money("0")
    assert money.parse_money("0", allow_zero=True) == 0
    with pytest.raises(MoneyError, match="hasta 6 decimales"):
        money.parse_money("1.0000001")
    assert money.parse_money("1.1000000") == Decimal("1.1000000")  # zeros are not precision
    with pytest.raises(MoneyError, match="demasiado grande"):
        money.parse_money(Decimal("1e40"))
    with pytest.raises(MoneyError):
        money.parse_money(10**40)


def test_amount_limits() -> None:
    assert money.parse_amount("1,234.5") == Decimal("1234.5")
    with pytest.raises(MoneyError, match="hasta 2 decimales"):
        money.parse_amount("1.234,567")  # 1234.567: centavos only


def test_quantity_limits() -> None:
    assert money.parse_quantity("0,5") == Decimal("0.5")
    assert money.parse_quantity(Decimal("0.000001")) == Decimal("0.000001")
    with pytest.raises(MoneyError) as tiny:
        money.parse_quantity(Decimal("1e-9"))
    assert "demasiado pequeña" in tiny.value.message
    with pytest.raises(MoneyError, match="hasta 6 decimales"):
        money.parse_quantity("1.1234567")
    with pytest.raises(MoneyError, match="100,000"):
        money.parse_quantity("100001")
    with pytest.raises(MoneyError, match="mayor que cero"):
        money.parse_quantity("0")


@pytest.mark.parametrize("bad", [True, None, float("nan"), float("inf"), [], {}, "1e3"])
def test_json_values_that_are_not_numbers(bad: object) -> None:
    with pytest.raises(MoneyError):
        money.to_decimal(bad)


def test_json_numbers() -> None:
    assert money.to_decimal(3) == 3
    assert money.to_decimal(12.5) == Decimal("12.5")
    assert money.to_decimal(Decimal("99.90")) == Decimal("99.90")


def test_never_a_zero_line() -> None:
    with pytest.raises(MoneyError) as zero:
        money.check_line(Decimal("0.000001"), Decimal("1"))
    assert zero.value.code == "zero_line"
    assert "$0.00" in zero.value.message
    assert money.check_line(Decimal("0.005"), Decimal("1")) == Decimal("0.01")
    with pytest.raises(MoneyError, match="no puede pasar"):
        money.check_line(Decimal("100000"), Decimal("101"))
    with pytest.raises(MoneyError, match=re.escape("mayor a $0.00")):
        money.check_total(Decimal("0"))
    with pytest.raises(MoneyError, match="no puede pasar"):
        money.check_total(money.MAX_SALE_TOTAL + 1)


cents = st.decimals(min_value=0, max_value=money.MAX_UNIT_PRICE, places=2)


@given(cents)
def test_es_mx_format_round_trips(value: Decimal) -> None:
    assert money.to_decimal(f"${value:,.2f}") == value
    assert money.to_decimal(f"{value:.2f}") == value


@given(cents)
def test_decimal_comma_round_trips(value: Decimal) -> None:
    """What a Spanish keyboard types: "1234,50" and "1.234,50" are both 1234.50."""
    plain = f"{value:.2f}".replace(".", ",")
    assert money.to_decimal(plain) == value
    european = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert money.to_decimal(european) == value


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_money_error(text: str) -> None:
    try:
        value = money.to_decimal(text)
    except MoneyError as exc:
        assert exc.message
    else:
        assert value.is_finite()
        assert abs(value) < Decimal(10) ** 40


@given(st.decimals(allow_nan=True, allow_infinity=True) | st.floats() | st.integers())
def test_any_json_number_is_bounded_or_refused(value: object) -> None:
    try:
        result = money.parse_money(value)
    except MoneyError as exc:
        assert exc.message
    else:
        assert 0 < result <= money.MAX_UNIT_PRICE
        assert money.decimals_of(result.normalize()) <= money.PRICE_DECIMALS
