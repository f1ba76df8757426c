"""A product or service from the catalog cache."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.records._read import mapping, number, text


@dataclass(frozen=True)
class ServiceView:
    """A product or service from the catalog cache."""

    id: str
    description: str
    unit_price: Decimal | None
    sku: str
    barcode: str
    product_key: str
    unit_key: str
    taxes: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_record(cls, record: Any) -> ServiceView:
        raw = mapping(record)
        metadata = mapping(raw.get("metadata"))
        taxes = raw.get("taxes")
        # The barcode may be a field of its own or sit in metadata (both accepted).
        barcode = raw.get("barcode") or metadata.get("barcode")
        return cls(
            id=text(raw.get("id")),
            description=text(raw.get("description")),
            unit_price=number(raw.get("unit_price")),
            sku=text(raw.get("sku")),
            barcode=text(barcode).strip(),
            product_key=text(raw.get("product_key")),
            unit_key=text(raw.get("unit_key")),
            taxes=tuple(t for t in taxes if isinstance(t, Mapping))
            if isinstance(taxes, list)
            else (),
            raw=raw,
        )
