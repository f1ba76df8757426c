"""Line and invoice totals computed the way a CFDI 4.0 is stamped.

Facts this module relies on (SAT, Anexo 20 of the Resolución Miscelánea Fiscal, CFDI 4.0, and
its *Guía de llenado*), restated in our words:

* ``Concepto.Importe`` is ``Cantidad`` x ``ValorUnitario``. Amounts in a concept may carry up to
  six decimals, but the invoice totals must be expressed with the decimals of the currency (two
  for MXN). We round every line amount to two decimals, half up (``ROUND_HALF_UP``), which is
  what PACs expect from a two-decimal system and keeps totals equal to the sum of lines.
* ``Concepto.Descuento`` is an amount (not a rate) and may not exceed ``Importe``.
* The base of each tax of a concept (``Traslado.Base`` / ``Retencion.Base``) is
  ``Importe - Descuento``.
* For ``TipoFactor="Tasa"`` the tax amount is ``Base x TasaOCuota``, rounded to two decimals per
  line. For ``TipoFactor="Cuota"`` (IEPS charged per unit, e.g. pesos per litre) the amount is the
  quantity of units x the quota. ``TipoFactor="Exento"`` carries a base but no rate and no amount.
* The SAT accepts a tax amount within a small tolerance of ``Base x TasaOCuota``: from
  ``(Base - 0.005) x Tasa`` truncated to two decimals up to ``(Base + 0.005 - 10^-12) x Tasa``
  rounded up to two decimals. ``sat_tax_limits`` computes that range.
* Invoice totals: ``SubTotal`` = sum of ``Importe``; ``Descuento`` = sum of line discounts;
  ``TotalImpuestosTrasladados`` / ``TotalImpuestosRetenidos`` = sum of the line tax amounts;
  ``Total = SubTotal - Descuento + Trasladados - Retenidos``.

Tax-inclusive prices (``inclusive: true``): at a counter the shelf price already includes IVA,
and the customer must pay exactly ``price x quantity``. We back the taxes out of that typed
amount: find the two-decimal base whose rounded taxes add back up to the typed amount; the
unit value (``ValorUnitario``) is then ``base / quantity`` with six decimals. For some amounts no
such base exists (``b + round(0.16 b)`` skips some cents), so we take the nearest base below and
put the missing cent on the largest inclusive tax ("base = gross - tax"); that cent stays inside
the SAT tolerance above. For an inclusive line the ``discount`` is read as tax-inclusive too
(what the cashier takes off the shelf price). Taxes not marked inclusive on the same line are
computed on top of the backed-out base (e.g. a withholding lowers the amount actually paid).

Everything here is ``Decimal``; floats are converted through ``str`` so ``0.1`` means one tenth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

__all__ = [
    "InvoiceTotals",
    "LineTax",
    "LineTotals",
    "TaxSummary",
    "compute_line",
    "compute_totals",
    "round_money",
    "sat_tax_limits",
    "to_decimal",
]

CENT = Decimal("0.01")
UNIT_VALUE_QUANTUM = Decimal("0.000001")
ZERO = Decimal("0.00")

Factor = Literal["Tasa", "Cuota", "Exento"]

_FACTORS: dict[str, Factor] = {"tasa": "Tasa", "cuota": "Cuota", "exento": "Exento"}
# SAT c_Impuesto codes, accepted as an alternative spelling of the tax type.
_TAX_CODES = {"001": "ISR", "002": "IVA", "003": "IEPS"}


def to_decimal(value: Any, what: str = "valor") -> Decimal:
    """Convert money, quantities or rates to ``Decimal`` without binary float artefacts.

    Args:
        value: ``Decimal``, ``int``, ``str`` or ``float`` (floats go through ``str``).
        what: Name of the field, used in the error message.

    Returns:
        The value as a finite ``Decimal``.

    Raises:
        ValueError: If the value is missing, a bool, not numeric, or not finite.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{what}: se esperaba un número, se recibió {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{what}: {value!r} no es un número") from None
    else:
        raise ValueError(f"{what}: tipo no soportado {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what}: {value!r} no es un número finito")
    return result


def round_money(value: Decimal) -> Decimal:
    """Round to cents, half up (the rounding used for every CFDI amount here)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def sat_tax_limits(base: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """Range of tax amounts the SAT accepts for ``base`` x ``rate`` (two-decimal base).

    Returns:
        ``(lower, upper)``: lower is ``(base - 0.005) x rate`` truncated to cents, upper is
        ``(base + 0.005 - 1e-12) x rate`` rounded up to cents.
    """
    half = Decimal("0.005")
    lower = ((base - half) * rate).quantize(CENT, rounding=ROUND_DOWN)
    upper = ((base + half - Decimal("1e-12")) * rate).quantize(CENT, rounding=ROUND_CEILING)
    return lower, upper


@dataclass(frozen=True, slots=True)
class LineTax:
    """One tax of one line, as it goes in ``Concepto/Impuestos``.

    Attributes:
        type: ``IVA``, ``ISR`` or ``IEPS``.
        factor: ``Tasa``, ``Cuota`` or ``Exento``.
        rate: ``TasaOCuota`` (``None`` when exempt).
        withholding: True for a retención (subtracts from the total).
        inclusive: True when the typed price already contained this tax.
        base: Tax base (``Importe - Descuento``; the quantity of units for ``Cuota``).
        amount: Tax amount in cents (``None`` when exempt).
    """

    type: str
    factor: Factor
    rate: Decimal | None
    withholding: bool
    inclusive: bool
    base: Decimal
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class LineTotals:
    """Totals of one line (a CFDI ``Concepto``).

    Attributes:
        quantity: ``Cantidad``.
        unit_value: ``ValorUnitario`` before tax (six decimals at most).
        importe: ``Importe`` = quantity x unit value, in cents.
        discount: ``Descuento`` in cents (before tax).
        base: ``importe - discount``.
        taxes: The line's taxes in input order.
        transferred: Sum of transferred (traslado) amounts.
        withheld: Sum of withheld (retención) amounts.
        total: ``base + transferred - withheld``.
    """

    quantity: Decimal
    unit_value: Decimal
    importe: Decimal
    discount: Decimal
    base: Decimal
    taxes: tuple[LineTax, ...]
    transferred: Decimal
    withheld: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class TaxSummary:
    """Invoice-level sum of one tax kind (the CFDI ``Impuestos`` summary node)."""

    type: str
    factor: Factor
    rate: Decimal | None
    withholding: bool
    base: Decimal
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    """Totals of a set of lines.

    Attributes:
        lines: Per-line breakdowns, in input order.
        subtotal: ``SubTotal`` (sum of importes).
        discount: ``Descuento`` (sum of line discounts).
        transferred: ``TotalImpuestosTrasladados``.
        withheld: ``TotalImpuestosRetenidos``.
        total: ``subtotal - discount + transferred - withheld``.
        taxes: Per tax kind sums, in order of first appearance.
    """

    lines: tuple[LineTotals, ...]
    subtotal: Decimal
    discount: Decimal
    transferred: Decimal
    withheld: Decimal
    total: Decimal
    taxes: tuple[TaxSummary, ...]


@dataclass(frozen=True, slots=True)
class _TaxSpec:
    type: str
    factor: Factor
    rate: Decimal | None
    withholding: bool
    inclusive: bool

    @property
    def sign(self) -> int:
        return -1 if self.withholding else 1


def _field(obj: Any, name: str, default: Any = None) -> Any:
    """Read ``name`` from a mapping or an attribute (dicts, pydantic models, dataclasses)."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _parse_tax(raw: Any, line_no: int) -> _TaxSpec:
    where = f"línea {line_no}, impuesto"
    tax_type = str(_field(raw, "type", "") or "").strip().upper()
    tax_type = _TAX_CODES.get(tax_type, tax_type)
    if not tax_type:
        raise ValueError(f"{where}: falta el tipo (IVA, ISR o IEPS)")
    factor_raw = str(_field(raw, "factor", None) or "Tasa").strip().lower()
    factor = _FACTORS.get(factor_raw)
    if factor is None:
        raise ValueError(f"{where}: tipo de factor {factor_raw!r} no válido (Tasa, Cuota, Exento)")
    withholding = bool(_field(raw, "withholding", False))
    inclusive = bool(_field(raw, "inclusive", False))
    rate: Decimal | None = None
    if factor == "Exento":
        if withholding:
            raise ValueError(f"{where}: una retención no puede ser exenta")
    else:
        rate = to_decimal(_field(raw, "rate"), f"{where} {tax_type}: tasa")
        if rate < 0:
            raise ValueError(f"{where} {tax_type}: la tasa no puede ser negativa")
        # IEPS rates above 100 % exist (tobacco: 1.60), but an IVA or ISR "rate" of 16 is a
        # percentage typed where a fraction belongs; refuse it instead of charging 1600 %.
        if factor == "Tasa" and tax_type in ("IVA", "ISR") and rate > 1:
            raise ValueError(
                f"{where} {tax_type}: la tasa se expresa como fracción (0.16 = 16 %), "
                f"se recibió {rate}"
            )
    return _TaxSpec(tax_type, factor, rate, withholding, inclusive)


def _tax_amount(spec: _TaxSpec, base: Decimal, quantity: Decimal) -> Decimal | None:
    if spec.rate is None:
        return None
    if spec.factor == "Cuota":
        return round_money(quantity * spec.rate)
    return round_money(base * spec.rate)


def _inclusive_base(
    target: Decimal, tasa: list[tuple[int, _TaxSpec]]
) -> tuple[Decimal, dict[int, Decimal]]:
    """Find the base whose inclusive ``Tasa`` taxes add back up to ``target`` exactly.

    Args:
        target: Typed amount (after discount and per-unit quotas) the line must total.
        tasa: The inclusive ``Tasa`` taxes as ``(index in the line, spec)``.

    Returns:
        The base and the cents to add to (or take from) some tax amounts, keyed by the tax's
        index in the line; empty when rounding the taxes of the base already hits ``target``.
    """
    net_rate = sum((s.sign * (s.rate or 0) for _, s in tasa), Decimal(0))
    if 1 + net_rate <= 0:
        raise ValueError("las retenciones incluidas igualan o superan el precio")
    ideal = target / (1 + net_rate)
    estimate = round_money(ideal)
    # Each cent of base moves every rounded tax by at most a cent, so the answer is within a
    # few cents of the estimate. Nearest to the ideal first.
    span = 2 + len(tasa)
    candidates = sorted(
        (b for b in (estimate + CENT * k for k in range(-span, span + 1)) if b >= 0),
        key=lambda b: (abs(b - ideal), b),
    )

    def shortfall(base: Decimal) -> Decimal:
        taxes = sum((s.sign * round_money(base * (s.rate or 0)) for _, s in tasa), ZERO)
        return target - base - taxes

    for base in candidates:
        if shortfall(base) == 0:
            return base, {}
    # No base hits the target: b + round(0.16 b) skips some cents. Keep a base and move the
    # missing cents into the tax amounts ("base = gross - tax"), one cent at a time and only
    # while each amount stays inside the range the SAT accepts for its base and rate.
    for base in sorted(candidates, key=lambda b: (abs(shortfall(b)), abs(b - ideal))):
        adjust = _spread_cents(base, shortfall(base), tasa)
        if adjust is not None:
            return base, adjust
    raise ValueError(f"no se pudo desglosar el impuesto incluido en {target}")


def _spread_cents(
    base: Decimal, gap: Decimal, tasa: list[tuple[int, _TaxSpec]]
) -> dict[int, Decimal] | None:
    """Spread ``gap`` over the taxes within SAT tolerance, widest rate first; None if it can't."""
    amounts = {i: round_money(base * (s.rate or 0)) for i, s in tasa}
    limits = {i: sat_tax_limits(base, s.rate or ZERO) for i, s in tasa}
    order = sorted(tasa, key=lambda t: t[1].rate or 0, reverse=True)
    adjust: dict[int, Decimal] = {}
    step = CENT if gap > 0 else -CENT
    for _ in range(int(abs(gap) / CENT)):
        for index, spec in order:
            # Raising the total means more traslado or less retención.
            delta = step * spec.sign
            new_amount = amounts[index] + adjust.get(index, ZERO) + delta
            lower, upper = limits[index]
            if lower <= new_amount <= upper:
                adjust[index] = adjust.get(index, ZERO) + delta
                break
        else:
            return None
    return adjust


def compute_line(item: Any, line_no: int = 1) -> LineTotals:
    """Compute one line (see the module docstring for the rules).

    Args:
        item: Mapping or object with ``quantity``, ``unit_price``, optional ``discount`` (amount
            for the whole line) and optional ``taxes`` (each with ``type``, ``rate``,
            ``factor``, ``withholding``, ``inclusive``).
        line_no: 1-based position, used in error messages.

    Returns:
        The line breakdown.

    Raises:
        ValueError: On negative or zero quantity, negative price or discount, a discount larger
            than the line, or malformed taxes.
    """
    where = f"línea {line_no}"
    quantity = to_decimal(_field(item, "quantity"), f"{where}: cantidad")
    price = to_decimal(_field(item, "unit_price"), f"{where}: precio unitario")
    raw_discount = _field(item, "discount", None)
    discount_in = (
        to_decimal(raw_discount, f"{where}: descuento") if raw_discount is not None else ZERO
    )
    if quantity <= 0:
        raise ValueError(f"{where}: la cantidad debe ser mayor que cero (se recibió {quantity})")
    if price < 0:
        raise ValueError(f"{where}: el precio unitario no puede ser negativo (se recibió {price})")
    if discount_in < 0:
        raise ValueError(f"{where}: el descuento no puede ser negativo (se recibió {discount_in})")
    discount_in = round_money(discount_in)
    specs = [_parse_tax(t, line_no) for t in (_field(item, "taxes", None) or ())]

    gross = round_money(quantity * price)
    if discount_in > gross:
        raise ValueError(f"{where}: el descuento ({discount_in}) supera el importe ({gross})")

    inclusive = [s for s in specs if s.inclusive]
    adjust: dict[int, Decimal] = {}
    inclusive_tasa = [(i, s) for i, s in enumerate(specs) if s.inclusive and s.factor == "Tasa"]
    if not inclusive:
        importe, discount = gross, discount_in
        base = importe - discount
        unit_value = price
    else:
        # Per-unit quotas do not depend on the base: take them off the typed amount first.
        quotas = sum(
            (s.sign * (_tax_amount(s, ZERO, quantity) or ZERO))
            for s in inclusive
            if s.factor == "Cuota"
        )
        target = gross - discount_in - quotas
        if target < 0:
            raise ValueError(f"{where}: las cuotas incluidas superan el precio")
        try:
            base, adjust = _inclusive_base(target, inclusive_tasa)
            # The cashier's discount is tax-inclusive; the importe is the undiscounted typed
            # amount with the same taxes backed out, and the discount is what is left over.
            undiscounted = (
                _inclusive_base(gross - quotas, inclusive_tasa)[0] if discount_in else base
            )
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        importe = max(undiscounted, base)
        discount = importe - base
        unit_value = (importe / quantity).quantize(UNIT_VALUE_QUANTUM, rounding=ROUND_HALF_UP)

    taxes: list[LineTax] = []
    transferred = withheld = ZERO
    for index, spec in enumerate(specs):
        amount = _tax_amount(spec, base, quantity)
        if amount is not None:
            amount += adjust.get(index, ZERO)
            if spec.withholding:
                withheld += amount
            else:
                transferred += amount
        tax_base = quantity if spec.factor == "Cuota" else base
        taxes.append(
            LineTax(
                spec.type,
                spec.factor,
                spec.rate,
                spec.withholding,
                spec.inclusive,
                tax_base,
                amount,
            )
        )
    return LineTotals(
        quantity=quantity,
        unit_value=unit_value,
        importe=importe,
        discount=discount,
        base=base,
        taxes=tuple(taxes),
        transferred=transferred,
        withheld=withheld,
        total=base + transferred - withheld,
    )


def compute_totals(items: Iterable[Any]) -> InvoiceTotals:
    """Compute per-line and invoice totals for gigstack-shaped line items.

    Args:
        items: Mappings or objects with ``quantity``, ``unit_price``, optional ``discount`` and
            ``taxes`` (see ``compute_line``).

    Returns:
        Frozen totals with every amount as a two-decimal ``Decimal``.

    Raises:
        ValueError: If any line is invalid; the message names the line (1-based).

    Example:
        >>> t = compute_totals([{"quantity": 1, "unit_price": 1000,
        ...     "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa"}]}])
        >>> (t.subtotal, t.transferred, t.total)
        (Decimal('1000.00'), Decimal('160.00'), Decimal('1160.00'))
    """
    lines = tuple(compute_line(item, n) for n, item in enumerate(items, start=1))
    subtotal = sum((ln.importe for ln in lines), ZERO)
    discount = sum((ln.discount for ln in lines), ZERO)
    transferred = sum((ln.transferred for ln in lines), ZERO)
    withheld = sum((ln.withheld for ln in lines), ZERO)

    summary: dict[tuple[str, str, Decimal | None, bool], list[Decimal | None]] = {}
    for line in lines:
        for tax in line.taxes:
            key = (tax.type, tax.factor, tax.rate, tax.withholding)
            acc = summary.setdefault(key, [ZERO, None if tax.amount is None else ZERO])
            acc[0] = (acc[0] or ZERO) + tax.base
            if tax.amount is not None:
                acc[1] = (acc[1] or ZERO) + tax.amount
    taxes = tuple(
        TaxSummary(t, _FACTORS[f.lower()], r, w, acc[0] or ZERO, acc[1])
        for (t, f, r, w), acc in summary.items()
    )
    return InvoiceTotals(
        lines=lines,
        subtotal=subtotal,
        discount=discount,
        transferred=transferred,
        withheld=withheld,
        total=subtotal - discount + transferred - withheld,
        taxes=taxes,
    )
