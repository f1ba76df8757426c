"""Line and document totals computed the way a CFDI 4.0 is stamped.

Kept separate from ``desktop.fiscal`` on purpose (the sandbox plays gigstack, it does not
share our client's math). Rules, per concept (line):

* ``inclusive: true`` on a transferred tax means ``unit_price`` already contains it; the line
  base is ``quantity * unit_price / (1 + sum of inclusive transferred Tasa rates)``.
* Every amount is rounded per line to 2 decimals (ROUND_HALF_UP), as the CFDI ``Importe``,
  ``Descuento`` and tax ``Importe`` attributes are, and the document sums the rounded lines.
* With inclusive taxes the line keeps the amount the customer actually paid: the inclusive
  tax amounts are ``round(base * rate)`` and the rounding remainder (at most a cent or so) goes
  to the largest inclusive tax, so ``Importe - Descuento + taxes == quantity * unit_price -
  discount``. The SAT accepts it: a tax ``Importe`` may differ from ``Base * TasaOCuota`` within
  the rounding tolerance of the base (Anexo 20, limits on traslados). A payments platform must
  not turn a 98.00 sale into a 97.99 payment.
* ``discount`` is expressed on the same basis as ``unit_price`` (tax included when the price
  is); taxes apply to ``Importe - Descuento``.
* Withholding taxes subtract; ``factor: Exento`` contributes 0; ``factor: Cuota`` is an amount
  per unit (``rate * quantity``).
* Taxes do not cascade (IEPS is not added to the IVA base): gigstack's tax objects carry no
  cascading information and the seed data never combines IEPS with a non-zero IVA.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal(0)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class LineTotals:
    subtotal: Decimal  # CFDI Importe
    discount: Decimal
    transferred: Decimal
    withheld: Decimal
    tax_lines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.transferred - self.withheld


@dataclass
class DocumentTotals:
    subtotal: Decimal = ZERO
    discount: Decimal = ZERO
    transferred: Decimal = ZERO
    withheld: Decimal = ZERO
    lines: list[LineTotals] = field(default_factory=list)

    @property
    def taxes(self) -> Decimal:
        """gigstack's ``taxes`` number: transferred minus withheld."""
        return self.transferred - self.withheld

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.taxes


def line_totals(
    quantity: Decimal, unit_price: Decimal, discount: Decimal, taxes: list[dict[str, Any]]
) -> LineTotals:
    """Totals of one concept. ``taxes`` are normalised tax dicts (see validation.check_tax)."""
    inclusive_rate = sum(
        (
            Decimal(str(t["rate"]))
            for t in taxes
            if t["inclusive"] and not t["withholding"] and t["factor"] == "Tasa"
        ),
        ZERO,
    )
    divisor = 1 + inclusive_rate
    gross = quantity * unit_price
    subtotal = round2(gross / divisor)
    line_discount = round2(discount / divisor)
    base = subtotal - line_discount
    amounts: list[Decimal] = []
    for tax in taxes:
        rate = Decimal(str(tax["rate"]))
        if tax["factor"] == "Exento":
            amounts.append(ZERO)
        elif tax["factor"] == "Cuota":
            amounts.append(round2(rate * quantity))
        else:
            amounts.append(round2(base * rate))
    inclusive = [
        i
        for i, t in enumerate(taxes)
        if t["inclusive"] and not t["withholding"] and t["factor"] == "Tasa" and t["rate"] > 0
    ]
    if inclusive:
        paid = round2(gross) - round2(discount)
        remainder = paid - base - sum((amounts[i] for i in inclusive), ZERO)
        largest = max(inclusive, key=lambda i: taxes[i]["rate"])
        amounts[largest] += remainder
    transferred = ZERO
    withheld = ZERO
    tax_lines: list[dict[str, Any]] = []
    for tax, amount in zip(taxes, amounts, strict=True):
        if tax["withholding"]:
            withheld += amount
        else:
            transferred += amount
        tax_lines.append({**tax, "base_amount": base, "amount": amount})
    return LineTotals(subtotal, line_discount, transferred, withheld, tax_lines)


def document_totals(lines: list[LineTotals]) -> DocumentTotals:
    doc = DocumentTotals(lines=lines)
    for line in lines:
        doc.subtotal += line.subtotal
        doc.discount += line.discount
        doc.transferred += line.transferred
        doc.withheld += line.withheld
    return doc


def money(value: Decimal) -> float:
    """Money goes out as a JSON number in pesos (REFERENCE.md 2.11)."""
    return float(round2(value))
