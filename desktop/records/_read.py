"""Reading loose JSON values once, leniently (never raising): the base of every view."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from desktop.money import MoneyError, to_decimal

ONE = Decimal(1)
# What the server and the cache nearly always hold ("116.00"): read without the full parser,
# which costs ~25x more and would add ~0.2 s to a 50k-payment reload on the GUI thread. Other
# text (longer, grouped, "12,5") takes the full parser and its 40-character limit.
_PLAIN = re.compile(r"-?[0-9]{1,16}(?:\.[0-9]{1,20})?")


def number(value: Any) -> Decimal | None:
    """A Decimal from a record's value (str, int, float via its repr, Decimal); None otherwise.

    Lenient on purpose: a record is what the server said, not what a cashier typed, so text is
    read with the one parser (`desktop.money.to_decimal`: "1,234.50", "12,5") and anything that
    is not a finite, sane number (None, "", bools, "abc", NaN, 1e30) is None, never an error.
    """
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return Decimal(value)
    try:
        return to_decimal(value)
    except (MoneyError, ArithmeticError, ValueError, TypeError):
        return None


def text(value: Any) -> str:
    return "" if value is None or isinstance(value, Mapping | list) else str(value)


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def taxes_amount(value: Any) -> Decimal | None:
    """A record's taxes as one amount: a number, or a list of tax rows summed by `amount`."""
    if isinstance(value, list):
        total = Decimal(0)
        for tax in value:
            total += (number(tax.get("amount")) if isinstance(tax, Mapping) else None) or 0
        return total
    return number(value)
