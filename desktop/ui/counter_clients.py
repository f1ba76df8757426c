"""Who the sale is for: cached clients, clients typed here, and the public (Qt-free).

The counter offers three kinds of client: one gigstack already has (from the local cache), one
the cashier typed at the counter that gigstack creates with the sale (`auto_create`, found by
its RFC), and "Público en general". `ClientBook` holds that choice's rules so the client box
only displays and collects: which record is the public, which typed clients are still "new"
(until a cache refresh brings them back from gigstack), and what a search offers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop import fiscal
from desktop.fiscal.rfc import GENERIC_NATIONAL
from desktop.records.clients import ClientView
from desktop.rules.clients import normalize_legal_name
from desktop.store.cache import Cache, Resource, fold

PUBLIC_RFC = GENERIC_NATIONAL  # XAXX010101000
# CFDI 4.0 for público en general (Anexo 20; the sandbox's `general_public` receiver): régimen
# 616 "sin obligaciones fiscales", uso S01 "sin efectos fiscales", and as fiscal zip the
# issuer's own postal code (the lugar de expedición), which `public_client` adds when known.
PUBLIC_USE = "S01"
PUBLIC_TAX_SYSTEM = "616"
PUBLIC_NAME = "PUBLICO EN GENERAL"
# The body that finds (or creates once) "Público en general" when the cache is still empty.
PUBLIC_CLIENT_FALLBACK: dict[str, Any] = {
    "search": {"on_key": "tax_id", "on_value": PUBLIC_RFC, "auto_create": True},
    "name": PUBLIC_NAME,
    "legal_name": PUBLIC_NAME,
    "tax_id": PUBLIC_RFC,
    "tax_system": PUBLIC_TAX_SYSTEM,
    "use": PUBLIC_USE,
}


# -- one client ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleClient:
    """Who the sale is for: a cached client, a new one typed at the counter, or the public.

    `record` is what the body sends (a cache record or the inline fields); the counter reads it
    through the typed view (`view`).
    """

    record: dict[str, Any]
    is_new: bool = False

    @property
    def view(self) -> ClientView:
        return ClientView.from_record(self.record)

    @property
    def name(self) -> str:
        v = self.view
        return v.name or v.legal_name or v.email or v.rfc

    @property
    def tax_id(self) -> str:
        return self.view.rfc

    @property
    def tax_system(self) -> str:
        return self.view.tax_system

    @property
    def is_public(self) -> bool:
        return self.tax_id.upper() == PUBLIC_RFC

    @property
    def is_cached(self) -> bool:
        """A client gigstack already has (its record carries an id)."""
        return bool(self.view.id) and not self.is_new

    @property
    def use(self) -> str | None:
        if self.is_public:
            return PUBLIC_USE
        return self.view.use or None

    def reference(self) -> dict[str, Any]:
        """The `client` of the register-payment body."""
        if self.is_cached:
            return {"id": self.view.id}
        if self.is_new:
            fields = {k: v for k, v in self.record.items() if v not in (None, "", {})}
            fields.pop("id", None)
            return {
                "search": {"on_key": "tax_id", "on_value": self.tax_id, "auto_create": True},
                **fields,
            }
        return dict(self.record)


def public_client(cached: Mapping[str, Any] | None, issuer_zip: str = "") -> SaleClient:
    """The public ("Público en general"): the cached record, else the body that finds or creates it.

    Either way it carries what CFDI 4.0 asks of the generic receiver when a field is missing:
    régimen 616, uso S01 and, once the issuer's postal code is known (`issuer_zip`, the team's
    zip), that zip as its fiscal address. A value the record has is never replaced.
    """
    record = dict(cached) if cached is not None else dict(PUBLIC_CLIENT_FALLBACK)
    view = ClientView.from_record(record)
    if not view.tax_system:
        record["tax_system"] = PUBLIC_TAX_SYSTEM
    if not view.use:
        record["use"] = PUBLIC_USE
    zip_code = issuer_zip.strip()
    if zip_code and not view.zip:
        address = record.get("address")
        record["address"] = {**(address if isinstance(address, Mapping) else {}), "zip": zip_code}
    return SaleClient(record)


def client_label(client: SaleClient | Mapping[str, Any]) -> str:
    """One line for a client in a pick list: name · RFC · e-mail."""
    view = client.view if isinstance(client, SaleClient) else ClientView.from_record(client)
    parts = [view.name or view.legal_name, view.rfc, view.email]
    return " · ".join(p for p in parts if p)


def inline_client(body: Mapping[str, Any]) -> dict[str, Any]:
    """A new client's create body (from ClientDialog) as the inline `client` of a sale."""
    view = ClientView.from_record(body)
    fields: dict[str, Any] = {
        "name": " ".join(view.name.split()),
        # Never the display name in capitals: the client dialog requires the razón social
        # as the Constancia has it (desktop.rules.clients), and only that is sent.
        "legal_name": normalize_legal_name(view.legal_name) or None,
        "tax_id": fiscal.normalize_rfc(view.rfc),
        "tax_system": body.get("tax_system"),
        "use": body.get("use"),
        "address": {"zip": view.zip.strip()},
    }
    for key in ("email", "phone"):
        if body.get(key):
            fields[key] = body[key]
    if fields["legal_name"] is None:
        del fields["legal_name"]
    return fields


# -- the book ------------------------------------------------------------------------------------

#: How many clients a search offers.
CLIENT_RESULTS = 8


class ClientBook:
    """The counter's clients for one team, read from the local cache.

    Args:
        cache: The local cache (read only here: gigstack's answers are written by `sync`).
        team: The team whose clients these are (fixed for the process: switching teams on the
            Equipo page applies at the next start).
    """

    def __init__(self, cache: Cache, team: str | None) -> None:
        self._cache = cache
        self._team = team
        self._public_record: dict[str, object] | None = None
        self._new: list[SaleClient] = []
        self.issuer_zip = ""  # the team's postal code, once gigstack said it

    # -- the public --------------------------------------------------------------------------

    def load_public(self) -> None:
        """Find "Público en general" in the cache (by its generic RFC)."""
        found = self._cache.search(Resource.CLIENTS, self._team, PUBLIC_RFC, limit=10)
        self._public_record = next(
            (r for r in found if SaleClient(r).tax_id.upper() == PUBLIC_RFC), None
        )

    @property
    def has_cached_public(self) -> bool:
        return self._public_record is not None

    def public(self) -> SaleClient:
        """The public as the counter sells to it (the cached record, or the body that finds or
        creates it), with régimen 616, uso S01 and the issuer's zip where the record lacks them."""
        return public_client(self._public_record, self.issuer_zip)

    # -- clients typed at the counter ---------------------------------------------------------

    @property
    def new_clients(self) -> list[SaleClient]:
        return list(self._new)

    def add_new(self, fields: dict[str, object]) -> SaleClient:
        """A client typed at the counter; typing the same RFC again replaces the first."""
        client = SaleClient(dict(fields), is_new=True)
        self._new = [c for c in self._new if c.tax_id != client.tax_id]
        self._new.append(client)
        return client

    # -- what the cashier sees ----------------------------------------------------------------

    def search(self, text: str, limit: int = CLIENT_RESULTS) -> list[SaleClient]:
        """Clients whose name, RFC or e-mail hold every word of `text`: new ones first."""
        if not text.strip():
            return []
        words = fold(text).split()
        new = [c for c in self._new if all(w in fold(client_label(c)) for w in words)]
        found = self._cache.search(Resource.CLIENTS, self._team, text, limit)
        return (new + [SaleClient(r) for r in found])[:limit]

    def clients_refreshed(self, current: SaleClient) -> SaleClient | None:
        """The cache's clients changed: re-read the public and forget the typed clients gigstack
        now has (they are found by RFC like any other).

        Returns the client the sale should switch to, or None to keep `current`: a sale still on
        the public's fallback body moves to the cached public once the cache has it.
        """
        on_fallback = current.is_public and not current.is_cached
        self.load_public()
        cached = self._cached_tax_ids()
        self._new = [c for c in self._new if c.tax_id not in cached]
        if on_fallback and self.has_cached_public:
            return self.public()
        return None

    def _cached_tax_ids(self) -> set[str]:
        tax_ids = set()
        for client in self._new:
            rfc = client.tax_id
            found = self._cache.search(Resource.CLIENTS, self._team, rfc, limit=5)
            if any(SaleClient(r).tax_id.upper() == rfc for r in found):
                tax_ids.add(rfc)
        return tax_ids
