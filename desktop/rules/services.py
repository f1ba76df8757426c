"""Service rules: the price as typed, and barcodes (EAN-13 / EAN-8 / UPC-A) kept as the SKU."""

from __future__ import annotations

from decimal import Decimal

from desktop import money
from desktop.money import MoneyError


def parse_price(text: str) -> tuple[Decimal | None, str | None]:
    """(price, problem) from what was typed, with the counter's and the CLI's rules.

    "1,234.50", "$45" and "12,5" (12.50, never 125) are prices; the limits are
    `desktop.money`'s, so the dialog refuses exactly what `queue add` refuses.
    """
    if not text.strip():
        return None, "Escribe el precio."
    try:
        return money.parse_money(text, allow_zero=True), None
    except MoneyError as exc:
        return None, exc.message


def gtin_check_digit(digits: str) -> str:
    """The GS1 check digit for the digits before it (EAN-13: 12 digits, EAN-8: 7, UPC-A: 11)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def barcode_problem(code: str) -> str | None:
    """Why `code` is not a valid EAN-13 / EAN-8 / UPC-A barcode (None when it is)."""
    if not (code.isascii() and code.isdigit()) or len(code) not in (8, 12, 13):
        return "El código de barras debe tener 13 dígitos (EAN-13; también 8 o 12)."
    expected = gtin_check_digit(code[:-1])
    if code[-1] != expected:
        return (
            f"El dígito verificador no coincide (termina en «{code[-1]}», debería ser "
            f"«{expected}»). Revisa el código o escanéalo de nuevo."
        )
    return None


def is_barcode(code: str) -> bool:
    return bool(code) and barcode_problem(code) is None
