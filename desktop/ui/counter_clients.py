"""Who the counter may sell to: cached clients, clients typed here, and the public (Qt-free).

The counter offers three kinds of client: one gigstack already has (from the local cache), one
the cashier typed at the counter that gigstack creates with the sale (`auto_create`, found by
its RFC), and "Público en general". `ClientBook` holds that choice's rules so the client box
only displays and collects: which record is the public, which typed clients are still "new"
(until a cache refresh brings them back from gigstack), and what a search offers.
"""

from __future__ import annotations

from desktop.store.cache import Cache, Resource, fold
from desktop.ui.counter_sale import PUBLIC_RFC, SaleClient, client_label, public_client

#: How many clients a search offers.
CLIENT_RESULTS = 8


class ClientBook:
    """The counter's clients for one team, read from the local cache.

    Args:
        cache: The local cache (read only here: gigstack's answers are written by `sync`).
        team: The team whose clients these are.
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
