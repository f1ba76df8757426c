"""Tax-row rules for a service: which combinations gigstack and the SAT take.

A row is what the taxes editor shows: type (IVA/IEPS/ISR), rate as typed (a percentage for
"Tasa", pesos per unit for "Cuota"), factor, withholding and "included in the price".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop import money
from desktop.money import MoneyError

TAX_TYPES = ("IVA", "IEPS", "ISR")
FACTORS = ("Tasa", "Cuota", "Exento")
MAX_PERCENT = Decimal(100)


@dataclass(frozen=True)
class TaxRow:
    """One tax as typed: `rate` is the text in the rate cell (percent for Tasa)."""

    type: str
    rate: str
    factor: str = "Tasa"
    withholding: bool = False
    inclusive: bool = True


def rate_value(row: TaxRow) -> Decimal | None:
    """The rate the API takes (0.16 for "16" Tasa; pesos for Cuota; 0 for Exento), or None."""
    if row.factor == "Exento":
        return Decimal(0)
    try:
        value = money.to_decimal(row.rate)
    except MoneyError:
        return None
    return value / 100 if row.factor == "Tasa" else value


def tax_row_problems(rows: Sequence[TaxRow]) -> list[str]:
    """Spanish problems with the rows, each naming its row ("Impuesto 2 (IEPS): ...")."""
    problems: list[str] = []
    for n, row in enumerate(rows, start=1):
        label = f"Impuesto {n} ({row.type})"
        if row.type not in TAX_TYPES:
            problems.append(f"{label}: el tipo debe ser IVA, IEPS o ISR.")
        if row.factor not in FACTORS:
            problems.append(f"{label}: el factor debe ser Tasa, Cuota o Exento.")
            continue
        if row.factor == "Exento":
            if row.withholding:
                problems.append(f"{label}: un impuesto exento no se retiene.")
            continue
        try:
            value = money.to_decimal(row.rate)
        except MoneyError:
            value = None
        if value is None or value < 0:
            problems.append(f"{label}: la tasa debe ser un número ≥ 0.")
        elif row.factor == "Tasa" and value > MAX_PERCENT:
            problems.append(f"{label}: la tasa es un porcentaje (0 a 100).")
        elif row.factor == "Cuota" and value > money.MAX_UNIT_PRICE:
            problems.append(f"{label}: la cuota es demasiado grande.")
        elif money.decimals_of(value.normalize()) > (4 if row.factor == "Tasa" else 6):
            # The SAT's TasaOCuota has 6 decimals: 4 once a Tasa is written as a percentage.
            places = 4 if row.factor == "Tasa" else 6
            problems.append(f"{label}: admite hasta {places} decimales.")
        if row.withholding and row.inclusive:
            problems.append(f"{label}: una retención no puede estar incluida en el precio.")
        if row.factor == "Cuota" and row.inclusive:
            # gigstack does not document a per-unit quota included in the price, and our two
            # implementations read it differently: refuse it rather than risk a ticket that
            # differs from the CFDI.
            problems.append(
                f"{label}: un impuesto por cuota se suma al precio; desmarca «incluido»."
            )
    return problems


def taxes_body(rows: Sequence[TaxRow]) -> list[dict[str, Any]]:
    """The taxes as the API takes them (rates as exact decimal strings). Check first."""
    result: list[dict[str, Any]] = []
    for row in rows:
        value = rate_value(row) or Decimal(0)
        result.append(
            {
                "type": row.type,
                "rate": f"{value.normalize():f}",
                "factor": row.factor,
                "withholding": row.withholding,
                "inclusive": row.inclusive,
            }
        )
    return result


def rows_from_taxes(taxes: Sequence[Mapping[str, Any]] | None) -> list[TaxRow]:
    """Rows for the editor from stored/API taxes (Tasa rates shown as percentages)."""
    rows: list[TaxRow] = []
    for tax in taxes or ():
        factor = str(tax.get("factor") or "Tasa")
        try:
            rate = money.to_decimal(tax.get("rate") if tax.get("rate") is not None else 0)
        except MoneyError:
            rate = Decimal(0)
        shown = rate * 100 if factor == "Tasa" else rate
        rows.append(
            TaxRow(
                type=str(tax.get("type") or "IVA").upper(),
                rate=f"{shown.normalize():f}",
                factor=factor,
                withholding=bool(tax.get("withholding")),
                inclusive=bool(tax.get("inclusive")),
            )
        )
    return rows
