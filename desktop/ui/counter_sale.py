"""What the counter is selling right now: lines, client, totals and the register-payment body.

No widgets here (only plain Python over cached records), so the rules a cashier relies on —
which code finds which service, what `3*` means, how a typed tax-included price becomes the
`unit_price` gigstack takes — are easy to test and to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop import fiscal
from desktop.fiscal.outcome import OutcomeDecision, WalkInDocument, decide_outcome
from desktop.money import MoneyError, parse_quantity
from desktop.records import number
from desktop.store.cache import fold

PUBLIC_RFC = "XAXX010101000"
PUBLIC_USE = "S01"
# The body that finds (or creates once) "Público en general" when the cache is still empty.
PUBLIC_CLIENT_FALLBACK: dict[str, Any] = {
    "search": {"on_key": "tax_id", "on_value": PUBLIC_RFC, "auto_create": True},
    "name": "PUBLICO EN GENERAL",
    "tax_id": PUBLIC_RFC,
    "tax_system": "616",
    "use": PUBLIC_USE,
}
# Shown first and as buttons: what a Mexican counter takes nearly every time.
QUICK_PAYMENT_FORMS = ("01", "04", "28", "03")
CASH = "01"

UNIT_VALUE_QUANTUM = Decimal("0.000001")
_QUANTITY_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[*xX]\s*(\S.*)$")


def to_decimal(text: Any) -> Decimal | None:
    """A number from a cached record (`"45.00"`, 45, 45.0); None when it is not one.

    The one lenient reading of record values (`desktop.records.number`). Typed input never
    comes here: the counter reads what a cashier types through `desktop.money` (one parser for
    the app and the CLI).
    """
    return number(text)


def parse_code(text: str) -> tuple[Decimal, str]:
    """Split `3*7501000003044` into (3, "7501000003044"); plain codes have quantity 1.

    Raises:
        ValueError: The quantity before `*` is not one a counter can sell (zero, too many
            decimals, too large); the message is Spanish (`desktop.money`).
    """
    match = _QUANTITY_RE.match(text)
    if not match:
        return Decimal(1), text.strip()
    try:
        quantity = parse_quantity(match.group(1))
    except MoneyError as exc:
        raise ValueError(exc.message) from None
    return quantity, match.group(2).strip()


# -- services ----------------------------------------------------------------------------------


def barcodes_of(service: Mapping[str, Any]) -> list[str]:
    codes = [service.get("barcode")]
    metadata = service.get("metadata")
    if isinstance(metadata, Mapping):
        codes.append(metadata.get("barcode"))
    return [str(c).strip() for c in codes if c]


def _taxes(service: Mapping[str, Any]) -> list[dict[str, Any]]:
    taxes = service.get("taxes")
    return [dict(t) for t in taxes] if isinstance(taxes, list) else []


_TAX_INPUT_FIELDS = ("type", "rate", "factor", "base", "inclusive", "withholding")


def _tax_input(tax: Mapping[str, Any]) -> dict[str, Any]:
    """A cached tax (as gigstack returned it) reduced to the fields a request may carry."""
    return {k: tax[k] for k in _TAX_INPUT_FIELDS if tax.get(k) is not None}


def _inclusive_only(taxes: Sequence[Mapping[str, Any]]) -> bool:
    return all(bool(t.get("inclusive")) for t in taxes)


def shown_price(unit_price: Decimal, taxes: Sequence[Mapping[str, Any]]) -> Decimal:
    """The tax-included price of one unit (what the shelf label says)."""
    if _inclusive_only(taxes):
        return unit_price
    line = fiscal.compute_line({"quantity": 1, "unit_price": unit_price, "taxes": list(taxes)})
    return line.total


def price_from_shown(shown: Decimal, taxes: Sequence[Mapping[str, Any]]) -> Decimal:
    """The `unit_price` to send so that one unit costs `shown` with taxes (inverse of above)."""
    if _inclusive_only(taxes):
        return shown
    rate = Decimal(0)
    for tax in taxes:
        if tax.get("inclusive") or str(tax.get("factor") or "Tasa").lower() != "tasa":
            continue
        sign = -1 if tax.get("withholding") else 1
        rate += sign * (number(tax.get("rate")) or Decimal(0))
    if 1 + rate <= 0:
        return shown
    return (shown / (1 + rate)).quantize(UNIT_VALUE_QUANTUM, rounding=ROUND_HALF_UP)


class ServiceIndex:
    """Services by exact code (SKU or barcode) and by words of their description.

    Built once per cache refresh (services are hundreds, not 50k), so a scan is a dict lookup.
    """

    def __init__(self, services: Iterable[Mapping[str, Any]] = ()) -> None:
        self._by_code: dict[str, dict[str, Any]] = {}
        self._entries: list[tuple[str, dict[str, Any]]] = []
        for raw in services:
            service = dict(raw)
            if not service.get("id"):
                continue
            for code in [service.get("sku"), *barcodes_of(service)]:
                if code:
                    self._by_code.setdefault(str(code).strip().upper(), service)
            text = " ".join(
                str(p)
                for p in (service.get("description"), service.get("sku"), *barcodes_of(service))
                if p
            )
            self._entries.append((fold(text), service))

    def __len__(self) -> int:
        return len(self._entries)

    def by_code(self, code: str) -> dict[str, Any] | None:
        return self._by_code.get(code.strip().upper())

    def search(self, text: str, limit: int = 8) -> list[dict[str, Any]]:
        words = fold(text).split()
        if not words:
            return []
        found = []
        for key, service in self._entries:
            if all(w in key for w in words):
                found.append(service)
                if len(found) >= limit:
                    break
        return found


# -- lines ------------------------------------------------------------------------------------


@dataclass
class SaleLine:
    """One line of the sale. `price_override` is in the service's own `unit_price` terms."""

    service: dict[str, Any]
    quantity: Decimal
    price_override: Decimal | None = None

    @property
    def service_id(self) -> str:
        return str(self.service.get("id") or "")

    @property
    def description(self) -> str:
        return str(self.service.get("description") or self.service.get("sku") or "")

    @property
    def taxes(self) -> list[dict[str, Any]]:
        return _taxes(self.service)

    @property
    def list_price(self) -> Decimal:
        return to_decimal(self.service.get("unit_price")) or Decimal(0)

    @property
    def unit_price(self) -> Decimal:
        return self.list_price if self.price_override is None else self.price_override

    @property
    def shown_unit_price(self) -> Decimal:
        return shown_price(self.unit_price, self.taxes)

    def set_shown_price(self, shown: Decimal) -> None:
        """The cashier typed a tax-included price; back to the list price if it is the same."""
        price = price_from_shown(shown, self.taxes)
        same = shown_price(self.list_price, self.taxes) == shown or price == self.list_price
        self.price_override = None if same else price

    def fiscal_item(self) -> dict[str, Any]:
        return {"quantity": self.quantity, "unit_price": self.unit_price, "taxes": self.taxes}

    def body_item(self) -> dict[str, Any]:
        """The line as gigstack must register it: the price and taxes the cashier charged.

        A queued sale may be sent hours later; by then the service's price in gigstack may have
        changed. Sending what the counter computed keeps the CFDI equal to the ticket.
        """
        return {
            "id": self.service_id,
            "quantity": str(self.quantity),
            "unit_price": str(self.unit_price),
            "taxes": [_tax_input(t) for t in self.taxes],
        }


def compute_totals(lines: Sequence[SaleLine]) -> fiscal.InvoiceTotals:
    """The same numbers gigstack will stamp (raises ValueError naming the bad line)."""
    return fiscal.compute_totals([line.fiscal_item() for line in lines])


@dataclass(frozen=True)
class TotalsView:
    """Totals as the counter shows them: subtotal, one row per tax kind, total."""

    subtotal: Decimal
    discount: Decimal
    taxes: tuple[tuple[str, Decimal], ...]
    total: Decimal


def totals_view(totals: fiscal.InvoiceTotals) -> TotalsView:
    rows: dict[str, Decimal] = {}
    for tax in totals.taxes:
        if tax.amount is None:
            continue
        if tax.withholding:
            label = f"Retención {tax.type}"
            amount = -tax.amount
        else:
            label = tax.type
            amount = tax.amount
        rows[label] = rows.get(label, Decimal("0.00")) + amount
    if "IVA" not in rows:
        rows = {"IVA": Decimal("0.00"), **rows}
    return TotalsView(totals.subtotal, totals.discount, tuple(rows.items()), totals.total)


# -- the client -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleClient:
    """Who the sale is for: a cached client, a new one typed at the counter, or the public."""

    record: dict[str, Any]
    is_new: bool = False

    @property
    def name(self) -> str:
        r = self.record
        return str(r.get("name") or r.get("legal_name") or r.get("email") or r.get("tax_id") or "")

    @property
    def tax_id(self) -> str:
        return str(self.record.get("tax_id") or "")

    @property
    def is_public(self) -> bool:
        return self.tax_id.upper() == PUBLIC_RFC

    @property
    def use(self) -> str | None:
        if self.is_public:
            return PUBLIC_USE
        use = self.record.get("use")
        return str(use) if use else None

    def reference(self) -> dict[str, Any]:
        """The `client` of the register-payment body."""
        if self.record.get("id") and not self.is_new:
            return {"id": self.record["id"]}
        if self.is_new:
            fields = {k: v for k, v in self.record.items() if v not in (None, "", {})}
            fields.pop("id", None)
            return {
                "search": {"on_key": "tax_id", "on_value": self.tax_id, "auto_create": True},
                **fields,
            }
        return dict(self.record)


def public_client(cached: dict[str, Any] | None) -> SaleClient:
    return SaleClient(cached if cached is not None else dict(PUBLIC_CLIENT_FALLBACK))


def client_label(record: Mapping[str, Any]) -> str:
    """One line for a client in a pick list: name · RFC · e-mail."""
    parts = [str(record.get("name") or record.get("legal_name") or "")]
    parts += [str(record[k]) for k in ("tax_id", "email") if record.get(k)]
    return " · ".join(p for p in parts if p)


# -- the body ---------------------------------------------------------------------------------


@dataclass
class SaleDraft:
    """Everything needed to build the register-payment body.

    `invoice_now` is the cashier's "Facturar"; what the sale really ends in (invoice, receipt,
    or nothing where the shop allows it) is `decision()`, the rule in `desktop.fiscal.outcome`.
    """

    client: SaleClient
    lines: list[SaleLine] = field(default_factory=list)
    payment_form: str = CASH
    invoice_now: bool = False
    walk_in_document: WalkInDocument = WalkInDocument.RECEIPT

    def decision(self) -> OutcomeDecision:
        return decide_outcome(
            self.client.record,
            invoice_requested=self.invoice_now,
            walk_in_document=self.walk_in_document,
        )

    def body(self) -> dict[str, Any]:
        decision = self.decision()
        client = self.client.reference()
        if decision.automation_type == "pue_invoice" and self.client.use:
            # REFERENCE §16.2: `use` travels inside `client` (as in the seed's register
            # example), never as a top-level register field.
            client["use"] = self.client.use
        return {
            "client": client,
            "items": [line.body_item() for line in self.lines],
            "payment_form": self.payment_form,
            "automation_type": decision.automation_type,
            "currency": "MXN",
        }


def payment_form_label(code: str) -> str:
    found = fiscal.payment_form(code)
    return f"{code} - {found.description}" if found else code
