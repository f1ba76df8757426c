"""The one money parser and the one set of limits, for the counter, every dialog and the CLI.

Qt-free on purpose: whatever the CLI refuses, the dialogs refuse with the same Spanish message,
because both call these functions.

How a typed number is read (a Mexican cashier's keyboard: comma thousands, point decimals, but
a Spanish keyboard types "12,5" for twelve and a half):

- Spaces (also no-break and narrow no-break), a leading ``$`` and a trailing ``MXN`` are ignored.
- Only ASCII digits count: "١٢" or full-width digits are refused, never silently converted
  (``Decimal`` would accept them).
- No exponents, NaN or infinity: "1e30" is not something a cashier types.
- Both ``,`` and ``.`` present: the LAST one is the decimal separator and the other one must
  group thousands correctly ("1,234.50" and "1.234,50" are both 1234.50; "1,23.4" is refused).
- Only ``,``: a single comma followed by one or two digits is a decimal comma ("12,5" is 12.50,
  never 125); a single comma after a lone "0" is a decimal comma too ("0,125" is 0.125).
  Otherwise every comma must group exactly three digits ("1,234" and "1,234,567").
- Only ``.``: one point is the decimal point ("1.500" is 1.5, the es-MX reading); several
  points must group thousands ("1.234.567").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")

# Limits: generous for a counter, small enough that no sum overflows what gigstack, the SAT
# (CFDI importes have at most 18 integer digits) or our 2-decimal columns can hold.
MAX_UNIT_PRICE = Decimal("10000000.00")  # ten million pesos per unit
MAX_LINE_AMOUNT = Decimal("10000000.00")  # quantity x unit price, before taxes
MAX_SALE_TOTAL = Decimal("50000000.00")  # the whole sale, taxes included
MAX_QUANTITY = Decimal("100000")
QUANTITY_DECIMALS = 6  # CFDI 4.0 Cantidad allows up to 6 decimals
PRICE_DECIMALS = 6  # ValorUnitario allows up to 6 decimals (prices derived from tax-included)
AMOUNT_DECIMALS = 2  # an amount of money paid or refunded: centavos
MAX_TEXT_LENGTH = 40  # longer than any legitimate number with separators

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DIGITS = re.compile(r"[0-9]+")


class MoneyError(ValueError):
    """A number that cannot be a price, amount or quantity; `message` is Spanish, for people.

    Attributes:
        message: What is wrong, in Spanish, ready to show next to the field or on stderr.
        code: A stable machine word (``empty``, ``not_a_number``, ``too_many_decimals``,
            ``too_large``, ``not_positive``, ``negative``, ``zero_line``) for tests and callers.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _grouped(text: str, sep: str) -> bool:
    """True for "1,234" / "12,345,678" (groups of three after a first group of 1-3 digits)."""
    pattern = "[1-9][0-9]{0,2}(?:" + re.escape(sep) + "[0-9]{3})+"
    return re.fullmatch(pattern, text) is not None


def _normalize(text: str) -> str:
    """Plain ``-?digits(.digits)?`` from what was typed, or MoneyError."""
    # What is echoed back is made printable: a lone surrogate must not break stderr or a label.
    shown = text.strip().encode("utf-8", "replace").decode("utf-8")
    if not shown:
        raise MoneyError("Escribe una cantidad.", "empty")
    if len(shown) > MAX_TEXT_LENGTH:
        raise MoneyError("El número es demasiado largo.", "too_large")
    not_a_number = MoneyError(
        f"«{shown}» no es un número (ejemplo: 1,234.50 o 12,5).", "not_a_number"
    )
    cleaned = _SPACES.sub("", shown)
    if cleaned.upper().endswith("MXN"):
        cleaned = cleaned[:-3]
    # "-$5", "$-5", "+5" and "$5" are all read; the sign is checked by the caller's limits.
    match = re.fullmatch(r"([+-]?)\$?([+-]?)(.*)", cleaned, flags=re.DOTALL)
    assert match is not None  # the pattern matches any text
    if match.group(1) and match.group(2):
        raise not_a_number
    sign = "-" if "-" in (match.group(1) + match.group(2)) else ""
    cleaned = match.group(3)
    if not cleaned or any(ch not in "0123456789.," for ch in cleaned):
        raise not_a_number
    commas, points = cleaned.count(","), cleaned.count(".")
    if commas and points:
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        whole, _, fraction = cleaned.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole, thousands) or not fraction:
            raise not_a_number
        whole = whole.replace(thousands, "")
    elif commas:
        whole, _, fraction = cleaned.rpartition(",")
        if commas == 1 and whole and (len(fraction) in (1, 2) or whole == "0"):
            pass  # decimal comma: "12,5", "0,125"
        elif _grouped(cleaned, ","):
            whole, fraction = cleaned.replace(",", ""), ""
        else:
            raise not_a_number
    elif points > 1:
        if not _grouped(cleaned, "."):
            raise not_a_number
        whole, fraction = cleaned.replace(".", ""), ""
    else:
        whole, _, fraction = cleaned.partition(".")
        if points and not fraction and not whole:
            raise not_a_number
    whole = whole or "0"
    if not _DIGITS.fullmatch(whole) or (fraction and not _DIGITS.fullmatch(fraction)):
        raise not_a_number
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def to_decimal(value: Any) -> Decimal:
    """A Decimal from typed text or from a JSON value (int, Decimal, float via its repr).

    Raises:
        MoneyError: Not a finite number a person could have meant (bools, NaN, 1e30 strings...).
    """
    if isinstance(value, bool) or value is None:
        raise MoneyError("Falta un número.", "not_a_number")
    if isinstance(value, str):
        return Decimal(_normalize(value))
    if isinstance(value, int):
        if abs(value) > 10**15:
            raise MoneyError("El número es demasiado grande.", "too_large")
        return Decimal(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError("No es un número.", "not_a_number")
        if value.adjusted() > 15:
            raise MoneyError("El número es demasiado grande.", "too_large")
        return value
    raise MoneyError("No es un número.", "not_a_number")


def decimals_of(value: Decimal) -> int:
    """How many decimal places `value` is written with (``1.50`` → 2, ``10`` → 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _bounded(
    value: Decimal,
    *,
    what: str,
    decimals: int,
    maximum: Decimal,
    allow_zero: bool,
    allow_negative: bool = False,
) -> Decimal:
    if value < 0 and not allow_negative:
        raise MoneyError(f"{what} no puede ser negativo.", "negative")
    if value == 0 and not allow_zero:
        raise MoneyError(f"{what} debe ser mayor que cero.", "not_positive")
    # Trailing zeros are not precision: "1.500000000" is a quantity of 1.5.
    if decimals_of(value) > decimals and decimals_of(value.normalize()) > decimals:
        raise MoneyError(f"{what} admite hasta {decimals} decimales.", "too_many_decimals")
    if abs(value) > maximum:
        raise MoneyError(f"{what} no puede pasar de {format_money(maximum)}.", "too_large")
    return value


def parse_amount(
    value: Any,
    *,
    what: str = "El importe",
    allow_zero: bool = False,
    maximum: Decimal = MAX_SALE_TOTAL,
) -> Decimal:
    """An amount of money paid or refunded: centavos, at most two decimals, above zero.

    Raises:
        MoneyError: With a Spanish message naming `what`.
    """
    value = to_decimal(value)
    return _bounded(
        value, what=what, decimals=AMOUNT_DECIMALS, maximum=maximum, allow_zero=allow_zero
    )


def parse_money(
    value: Any,
    *,
    what: str = "El precio",
    allow_zero: bool = False,
    maximum: Decimal = MAX_UNIT_PRICE,
) -> Decimal:
    """A unit price as typed or as sent in JSON: up to 6 decimals, within `maximum`.

    "12,5" is 12.5 (never 125); "$1,234.50" is 1234.50. See the module doc for the rules.

    Raises:
        MoneyError: With a Spanish message naming `what`.
    """
    value = to_decimal(value)
    return _bounded(
        value, what=what, decimals=PRICE_DECIMALS, maximum=maximum, allow_zero=allow_zero
    )


def parse_quantity(value: Any, *, what: str = "La cantidad") -> Decimal:
    """A quantity: above zero, at most 6 decimals, at most `MAX_QUANTITY`.

    Raises:
        MoneyError: With a Spanish message naming `what`.
    """
    value = to_decimal(value)
    if 0 < value < Decimal("0.000001"):
        raise MoneyError(f"{what} es demasiado pequeña (mínimo 0.000001).", "too_many_decimals")
    return _bounded(
        value, what=what, decimals=QUANTITY_DECIMALS, maximum=MAX_QUANTITY, allow_zero=False
    )


def check_line(quantity: Decimal, unit_price: Decimal, *, what: str = "El renglón") -> Decimal:
    """The line amount (quantity x unit price, to centavos); never $0.00, never too large.

    Raises:
        MoneyError: The line would be worth $0.00 (e.g. quantity 0.000001 x $1) or too much.
    """
    amount = (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount <= 0:
        raise MoneyError(
            f"{what} vale {format_money(amount)}: aumenta la cantidad o el precio.", "zero_line"
        )
    if amount > MAX_LINE_AMOUNT:
        raise MoneyError(f"{what} no puede pasar de {format_money(MAX_LINE_AMOUNT)}.", "too_large")
    return amount


def check_total(total: Decimal) -> Decimal:
    """The whole sale: above $0.00 and within `MAX_SALE_TOTAL`.

    Raises:
        MoneyError: With a Spanish message.
    """
    if total <= 0:
        raise MoneyError("El total de la venta debe ser mayor a $0.00.", "zero_line")
    if total > MAX_SALE_TOTAL:
        raise MoneyError(
            f"El total de la venta no puede pasar de {format_money(MAX_SALE_TOTAL)}.", "too_large"
        )
    return total


def format_money(value: Decimal) -> str:
    """`$1,234.50` (es-MX), for messages."""
    try:
        text = f"${value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    except InvalidOperation:
        return str(value)
    return "-$" + text[2:] if text.startswith("$-") else text
