"""A product or service from the catalog cache."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from desktop.records._read import mapping as _mapping
from desktop.records._read import number
from desktop.records._read import text as _text
from desktop.rules.services import is_barcode


def _text_of(value: Any) -> str:
    # A Clientes/Servicios reload reads 50k records: plain str and dict (what JSON gives)
    # skip the lenient readers' ABC checks; anything else goes through them.
    return value if type(value) is str else _text(value)


def _mapping_of(value: Any) -> Mapping[str, Any]:
    return value if type(value) is dict else _mapping(value)


@dataclass(frozen=True)
class ServiceView:
    """A product or service from the catalog cache.

    Lenient: a missing or odd field reads as "" (None for a price that is not a number).
    """

    id: str
    description: str
    unit_price: Decimal | None
    sku: str
    barcode: str
    product_key: str
    unit_key: str
    taxes: tuple[Mapping[str, Any], ...]
    unit_name: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def server_barcode(self) -> bool:
        """True when gigstack keeps a barcode of its own (outside the documented API)."""
        return bool(self.barcode)

    @property
    def shown_barcode(self) -> str:
        """The barcode to show: the server's own, else the SKU when it is an EAN/UPC code
        (gigstack's body has no barcode field, so a typed barcode is saved as the SKU)."""
        if self.barcode:
            return self.barcode
        return self.sku if is_barcode(self.sku) else ""

    @property
    def unit(self) -> str:
        """ "H87 Pieza": the SAT unit key and its name, as the table shows it."""
        return f"{self.unit_key} {self.unit_name}".strip()

    @property
    def search_text(self) -> str:
        """What the Servicios page finds a service by (description, SKU, barcode, SAT key)."""
        return " ".join(
            part
            for part in (self.description, self.sku, self.shown_barcode, self.product_key)
            if part
        )

    @property
    def price_with_taxes(self) -> Decimal | None:
        """What one unit costs the customer (taxes included); None when it cannot be computed
        (no price, or taxes the fiscal rules refuse)."""
        if self.unit_price is None:
            return None
        try:
            if all(t.get("inclusive") and not t.get("withholding") for t in self.taxes):
                # Inclusive taxes keep the amount: the price already is what the customer pays.
                return self.unit_price
            return _line_total(str(self.unit_price), json.dumps(self.taxes, sort_keys=True))
        except (ValueError, ArithmeticError, TypeError, AttributeError):
            return None

    @classmethod
    def from_record(cls, record: Any) -> ServiceView:
        raw = _mapping_of(record)
        metadata = _mapping_of(raw.get("metadata"))
        taxes = raw.get("taxes")
        # The barcode may be a field of its own or sit in metadata (both accepted).
        barcode = raw.get("barcode") or metadata.get("barcode")
        return cls(
            id=_text_of(raw.get("id")),
            description=_text_of(raw.get("description")),
            unit_price=number(raw.get("unit_price")),
            sku=_text_of(raw.get("sku")),
            barcode=_text_of(barcode).strip(),
            product_key=_text_of(raw.get("product_key")),
            unit_key=_text_of(raw.get("unit_key")),
            taxes=tuple(t for t in taxes if isinstance(t, Mapping))
            if isinstance(taxes, list)
            else (),
            unit_name=_text_of(raw.get("unit_name")),
            raw=raw,
        )


@lru_cache(maxsize=4096)
def _line_total(price: str, taxes: str) -> Decimal:
    # 50k services share few price/tax combinations; compute_line is the slow part of a reload.
    from desktop import fiscal  # the SAT rules load with the first priced service, not at import

    line = fiscal.compute_line({"quantity": 1, "unit_price": price, "taxes": json.loads(taxes)})
    return line.total
