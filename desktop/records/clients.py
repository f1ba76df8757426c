"""A client as a payment embeds it or as the clients list returns it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.records._read import mapping as _mapping
from desktop.records._read import text as _text


def _text_of(value: Any) -> str:
    # A Clientes/Servicios reload reads 50k records: plain str and dict (what JSON gives)
    # skip the lenient readers' ABC checks; anything else goes through them.
    return value if type(value) is str else _text(value)


def _mapping_of(value: Any) -> Mapping[str, Any]:
    return value if type(value) is dict else _mapping(value)


def _flag(value: Any) -> bool | None:
    """True/False when the server said so, None when it said nothing (or nonsense)."""
    return value if isinstance(value, bool) else None


@dataclass(frozen=True)
class ClientView:
    """A client as a payment embeds it or as the clients list returns it.

    Lenient: a missing or odd field reads as "" (or None for the SAT flags), never an error.
    """

    id: str
    name: str
    legal_name: str
    rfc: str
    email: str
    tax_system: str
    use: str
    zip: str
    phone: str = ""
    #: The address object as the server keeps it (street, city...); `zip` is read from it.
    address: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: What gigstack's SAT validation said of the fiscal data (None: never validated).
    is_valid: bool | None = None
    #: False when the RFC is on the SAT's EFOS list (None: not checked).
    efos_valid: bool | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        """What a person reads: name, else legal name, else RFC, else id."""
        return self.name or self.legal_name or self.rfc or self.id

    @property
    def fiscal_name(self) -> str:
        """What a fiscal document (invoice, receipt stamped to someone) reads: the razón
        social it carries, else the name, else RFC, else id. On an invoice the name may still
        be the one the sale started with ("Público en general" before the receipt was stamped
        to a customer); the legal name and RFC are what the SAT has."""
        return self.legal_name or self.name or self.rfc or self.id

    @property
    def search_text(self) -> str:
        """What the Clientes page finds a client by (name, razón social, RFC, e-mail, phone)."""
        return " ".join(
            part for part in (self.name, self.legal_name, self.rfc, self.email, self.phone) if part
        )

    @classmethod
    def from_record(cls, record: Any) -> ClientView:
        raw = _mapping_of(record)
        address = _mapping_of(raw.get("address"))
        regime = raw.get("tax_system")
        if isinstance(regime, Mapping):
            # Legacy records keep the régimen as {label, value} (REFERENCE §16.3): the code.
            regime = regime.get("value")
        # gigstack v2 says `tax_id`; older cached records may say `rfc` (both accepted).
        return cls(
            id=_text_of(raw.get("id")),
            name=_text_of(raw.get("name")),
            legal_name=_text_of(raw.get("legal_name")),
            rfc=_text_of(raw.get("tax_id") or raw.get("rfc")),
            email=_text_of(raw.get("email")),
            tax_system=_text_of(regime),
            use=_text_of(raw.get("use")),
            zip=_text_of(address.get("zip") or raw.get("zip")),
            phone=_text_of(raw.get("phone")),
            address=address,
            is_valid=_flag(raw.get("is_valid")),
            efos_valid=_flag(_mapping_of(raw.get("efos")).get("is_valid")),
            raw=raw,
        )
