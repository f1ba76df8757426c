"""A client as a payment embeds it or as the clients list returns it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.records._read import mapping, text


@dataclass(frozen=True)
class ClientView:
    """A client as a payment embeds it or as the clients list returns it."""

    id: str
    name: str
    legal_name: str
    rfc: str
    email: str
    tax_system: str
    use: str
    zip: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        """What a person reads: name, else legal name, else RFC, else id."""
        return self.name or self.legal_name or self.rfc or self.id

    @classmethod
    def from_record(cls, record: Any) -> ClientView:
        raw = mapping(record)
        address = mapping(raw.get("address"))
        # gigstack v2 says `tax_id`; older cached records may say `rfc` (both accepted).
        return cls(
            id=text(raw.get("id")),
            name=text(raw.get("name")),
            legal_name=text(raw.get("legal_name")),
            rfc=text(raw.get("tax_id") or raw.get("rfc")),
            email=text(raw.get("email")),
            tax_system=text(raw.get("tax_system")),
            use=text(raw.get("use")),
            zip=text(address.get("zip") or raw.get("zip")),
            raw=raw,
        )
