"""What the counter is selling right now: lines, totals and the register-payment body.

No widgets here (only plain Python over cached records), so the rules a cashier relies on —
which code finds which service, what `3*` means, how a typed tax-included price becomes the
`unit_price` gigstack takes — are easy to test and to read. Who the sale is for (`SaleClient`,
"Público en general") is `counter_clients`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from desktop import fiscal
from desktop.fiscal.outcome import OutcomeDecision, WalkInDocument, decide_outcome
from desktop.money import MoneyError, parse_amount, parse_quantity
from desktop.records import number
from desktop.records.services import ServiceView
from desktop.store.cache import Cache, Resource, fold
from desktop.store.outbox import Outbox, OutboxKind, OutboxState
from desktop.ui.counter_clients import SaleClient

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
    """Every barcode a cached service carries: its own field and `metadata.barcode`.

    Read from the raw record on purpose (no typed view per service). The counter's index over
    the cache reads the same two fields through SQLite instead (`cached_service_keys`).
    """
    codes = [service.get("barcode")]
    metadata = service.get("metadata")
    if isinstance(metadata, Mapping):
        codes.append(metadata.get("barcode"))
    return [str(c).strip() for c in codes if c]


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


def service_view(service: ServiceView | Mapping[str, Any]) -> ServiceView:
    """A service as the counter works with it: the typed view (a cached dict is read once)."""
    return service if isinstance(service, ServiceView) else ServiceView.from_record(service)


#: What the index reads of each cached service (besides its id), in `ServiceIndex.add` order.
_KEY_PATHS = ("$.description", "$.sku", "$.barcode", "$.metadata.barcode")
#: A service's own record, read when it is picked (None: no longer cached).
Fetch = Callable[[str], Mapping[str, Any] | None]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _fold(text: str) -> str:
    # Folding plain ASCII is only lower-casing; most catalogs are, so a 20k build skips NFKD.
    return text.casefold() if text.isascii() else fold(text)


def cached_service_keys(cache: Cache, team: str | None) -> Iterator[tuple[Any, ...]]:
    """(id, description, sku, barcode, metadata.barcode) of every cached service of `team`.

    Picked by SQLite (`Cache.each_fields`), a batch per read: no record is parsed in Python.
    Where SQLite lacks the JSON functions, the records are parsed a batch at a time instead.
    """
    # Small reads: each is one uninterrupted turn of the GUI thread in a sliced build.
    rows = cache.each_fields(Resource.SERVICES, team, _KEY_PATHS, batch=500)
    try:
        first = next(rows, None)
    except sqlite3.OperationalError:
        for _key, record in cache.each(Resource.SERVICES, team):
            metadata = record.get("metadata")
            meta_code = metadata.get("barcode") if isinstance(metadata, Mapping) else None
            yield (
                record.get("id"),
                record.get("description"),
                record.get("sku"),
                record.get("barcode"),
                meta_code,
            )
        return
    if first is None:
        return
    yield first
    yield from rows


#: Queued service creations the counter sells (a discarded one is gone; a sent one is cached).
_SELLABLE_QUEUED = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED)


def queued_services(outbox: Outbox, team: str | None) -> list[dict[str, Any]]:
    """Services created here that gigstack does not have yet, as records the counter sells.

    Each is the queued creation's body with the row's **local id** as its ``id``: a sale line
    naming it is resolved by `desktop.sales.queue_payment` (sent after the service, with its
    gigstack id). A parked creation still sells (its line then goes inline).
    """
    return [
        {**row.payload, "id": row.local_id}
        for row in outbox.rows_of_kind(OutboxKind.CREATE_SERVICE, _SELLABLE_QUEUED)
        if row.team == team
    ]


#: How many keys `ServiceIndex.search` looks at to guess which word is rarest.
_WORD_SAMPLE = 512
#: How many cached matches of a code `cached_by_code` looks through for the exact one.
_CODE_CANDIDATES = 20


def cached_by_code(cache: Cache, team: str | None, code: str) -> Mapping[str, Any] | None:
    """The cached service whose SKU or barcode is `code` (case-insensitive), or None.

    Through `Cache.search` (its code index for SKUs and `metadata.barcode`, else the trigram
    index), then checked exactly here: a search also finds codes that merely contain `code`.
    Best effort for short codes (the first `_CODE_CANDIDATES` matches are looked at).
    """
    wanted = code.strip().upper()
    if not wanted:
        return None
    for record in cache.search(Resource.SERVICES, team, wanted, limit=_CODE_CANDIDATES):
        if not _text(record.get("id")):
            continue
        codes = [_text(record.get("sku")), *barcodes_of(record)]
        if any(c.upper() == wanted for c in codes if c):
            return record
    return None


class ServiceIndex:
    """Services by exact code (SKU or barcode) and by words of their description.

    Issue 12: it keeps the keys only, never the records. Per service: its id, one folded text
    (description, SKU and barcodes) for the pick list, and each code in a dict to the id, so a
    scan is a dict lookup. The picked service's record is read then (`fetch`: one `cache.get`)
    and handed out as a typed view (`ServiceView`). 20k cached services cost ~5 MB here where
    their parsed records cost ~40 MB.

    Args:
        services: Records to index. Without `fetch` they are kept (a short list, as in a
            test); the counter builds from the cache instead (`fill` over
            `cached_service_keys`) with a `fetch` that reads the cache.
        fetch: Reads a service's record by id when it is picked.
        lookup: Finds a service by a code the index does not hold (`over_cache`).
    """

    def __init__(
        self,
        services: Iterable[Mapping[str, Any]] = (),
        fetch: Fetch | None = None,
        lookup: Fetch | None = None,
    ) -> None:
        self._lookup = lookup
        self._by_code: dict[str, str] = {}
        self._ids: list[str] = []
        self._keys: list[str] = []
        self._kept: dict[str, Mapping[str, Any]] = {}
        self._fetch: Fetch = fetch if fetch is not None else self._kept.get
        # Services created here and still queued (`queued_services`): few, kept whole.
        self._queued: dict[str, Mapping[str, Any]] = {}
        self._queued_codes: dict[str, str] = {}
        self._queued_keys: list[tuple[str, str]] = []
        for service in services:
            added = self.add(
                service.get("id"),
                service.get("description"),
                service.get("sku"),
                *barcodes_of(service),
            )
            if added is not None and fetch is None:
                self._kept.setdefault(added, service)

    @classmethod
    def over_cache(cls, cache: Cache, team: str | None) -> ServiceIndex:
        """An empty index reading picked services from `cache` (fill it from
        `cached_service_keys`). A code it does not hold is asked of the cache's code index:
        a service written into the cache since (a queued creation gigstack now has, one the
        CLI made) sells by its code before the next refresh rebuilds the index."""
        return cls(
            fetch=lambda service_id: cache.get(Resource.SERVICES, team, service_id),
            lookup=lambda code: cached_by_code(cache, team, code),
        )

    @classmethod
    def from_cache(cls, cache: Cache, team: str | None) -> ServiceIndex:
        """The whole index at once (the CLI, tests); the counter builds it in slices."""
        index = cls.over_cache(cache, team)
        index.fill(cached_service_keys(cache, team))
        return index

    def add(self, service_id: Any, description: Any, sku: Any, *barcodes: Any) -> str | None:
        """Index one service; returns its id, or None when it has none (not sellable)."""
        ident = _text(service_id)
        if not ident:
            return None
        sku_text = _text(sku)
        codes = [c for c in (_text(b) for b in barcodes) if c]
        for code in (sku_text, *codes):
            if code:
                self._by_code.setdefault(code.upper(), ident)
        text = " ".join(p for p in (_text(description), sku_text, *codes) if p)
        self._ids.append(ident)
        self._keys.append(_fold(text))
        return ident

    def fill(self, rows: Iterator[tuple[Any, ...]], count: int | None = None) -> bool:
        """Index up to `count` rows of `cached_service_keys` (all when None); False once
        `rows` is exhausted."""
        for taken, row in enumerate(rows, 1):
            self.add(*row)
            if count is not None and taken >= count:
                return True
        return False

    def set_queued(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Sell these queued creations too (`queued_services`), replacing the last ones.

        A code the catalog holds finds the catalog's service first; a queued one is found by
        its own code and words, and offered first in a search (it is what was just created).
        """
        self._queued, self._queued_codes, self._queued_keys = {}, {}, []
        for record in records:
            ident = _text(record.get("id"))
            if not ident:
                continue
            self._queued[ident] = record
            sku = _text(record.get("sku"))
            codes = [sku, *barcodes_of(record)]
            for code in codes:
                if code:
                    self._queued_codes.setdefault(code.upper(), ident)
            text = " ".join(p for p in (_text(record.get("description")), *codes) if p)
            self._queued_keys.append((_fold(text), ident))

    def add_created(self, service_id: str, record: Mapping[str, Any]) -> None:
        """A queued creation gigstack now has (`record`: what it created, `service_id`: its
        gigstack id): sold by name and code until the next rebuild from the cache has it."""
        if service_id in self._ids:
            return
        self.add(service_id, record.get("description"), record.get("sku"), *barcodes_of(record))

    def is_queued(self, service_id: str) -> bool:
        """True for a service created here that gigstack does not have yet."""
        return service_id in self._queued

    def __len__(self) -> int:
        return len(self._ids) + len(self._queued)

    def _view(self, service_id: str) -> ServiceView | None:
        record = self._fetch(service_id)
        return None if record is None else ServiceView.from_record(record)

    def by_code(self, code: str) -> ServiceView | None:
        """The service whose SKU or barcode is `code` (case-insensitive); None when none is,
        or when it left the cache since the index was built."""
        wanted = code.strip().upper()
        found = self._by_code.get(wanted)
        if found is not None:
            return self._view(found)
        queued = self._queued_codes.get(wanted)
        if queued is not None:
            return ServiceView.from_record(self._queued[queued])
        if self._lookup is None or not wanted:
            return None
        record = self._lookup(wanted)
        return None if record is None else ServiceView.from_record(record)

    def search(self, text: str, limit: int = 8) -> list[ServiceView]:
        """The first `limit` services whose text holds every word of `text` (catalog order)."""
        words = list(dict.fromkeys(fold(text).split()))
        if not words:
            return []
        if len(words) > 1:
            # The rarest word first (as counted in a sample), so most keys fail one test:
            # "prueba 1999" over 20k "Producto de prueba …" is ~1 ms this way, ~10 ms the other.
            sample = self._keys[:_WORD_SAMPLE]
            words.sort(key=lambda w: (sum(w in k for k in sample), -len(w)))
        first, rest = words[0], words[1:]
        found: list[ServiceView] = []
        for key, service_id in self._queued_keys:
            if first in key and all(w in key for w in rest) and len(found) < limit:
                found.append(ServiceView.from_record(self._queued[service_id]))
        if len(found) >= limit:
            return found
        for key, service_id in zip(self._keys, self._ids, strict=True):
            if first in key and (not rest or all(w in key for w in rest)):
                view = self._view(service_id)
                if view is not None:
                    found.append(view)
                    if len(found) >= limit:
                        break
        return found


# -- lines ------------------------------------------------------------------------------------


@dataclass
class SaleLine:
    """One line of the sale. `price_override` is in the service's own `unit_price` terms.

    `service` is the typed view; a cached record (dict) given here is read into one.
    """

    service: ServiceView
    quantity: Decimal
    price_override: Decimal | None = None

    def __post_init__(self) -> None:
        self.service = service_view(self.service)

    @property
    def service_id(self) -> str:
        return self.service.id

    @property
    def description(self) -> str:
        return self.service.description or self.service.sku

    @property
    def taxes(self) -> list[dict[str, Any]]:
        return [dict(t) for t in self.service.taxes]

    @property
    def list_price(self) -> Decimal:
        return self.service.unit_price or Decimal(0)

    @property
    def unit_price(self) -> Decimal:
        return self.list_price if self.price_override is None else self.price_override

    @property
    def shown_unit_price(self) -> Decimal:
        return shown_price(self.unit_price, self.taxes)

    def override_for(self, shown: Decimal) -> Decimal | None:
        """The `price_override` a typed tax-included price means; None = the list price."""
        taxes = self.taxes
        price = price_from_shown(shown, taxes)
        same = shown_price(self.list_price, taxes) == shown or price == self.list_price
        return None if same else price

    def is_price_change(self, shown: Decimal) -> bool:
        """True when typing `shown` would leave this line at a price other than it has now
        and other than the list price: an override someone may have to authorize."""
        override = self.override_for(shown)
        return override is not None and override != self.price_override

    def set_shown_price(self, shown: Decimal) -> None:
        """The cashier typed a tax-included price; back to the list price if it is the same."""
        self.price_override = self.override_for(shown)

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


def pieces_of(lines: Sequence[SaleLine]) -> Decimal:
    """How many pieces the sale holds (1.5 kg counts as 1.5)."""
    return sum((line.quantity for line in lines), Decimal(0))


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


def received_cash(text: str, total: Decimal) -> Decimal:
    """The cash a cashier says was received; an empty field means the exact amount.

    Raises:
        MoneyError: What was typed is not an amount (Spanish message, `desktop.money`).
    """
    text = text.strip()
    if not text:
        return total
    return parse_amount(text, what="El importe recibido", allow_zero=True)


def change_for(total: Decimal, received: Decimal) -> Decimal | None:
    """The change of a cash sale; None when what was received does not cover the total."""
    return None if received < total else received - total


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


# -- where a refused sale's problems are said -------------------------------------------------


class Place(StrEnum):
    """The places next to which the counter says what is wrong with a sale."""

    CLIENT = "client"
    ITEMS = "items"
    PAYMENT_FORM = "payment_form"
    INVOICE = "invoice"
    CHARGE = "charge"


def problem_place(where: str) -> tuple[Place, int | None]:
    """Where a `FieldProblem` of `desktop.sales` is shown, and the line it names (0-based).

    `client.use` and a top-level `use` are about "Facturar" (the CFDI use), the rest of
    `client.*` about the client; `items.N.*` about line N; anything else about the sale.
    """
    if where in {"use", "client.use"}:
        return Place.INVOICE, None
    if where.startswith("client"):
        return Place.CLIENT, None
    if where.startswith("items"):
        parts = where.split(".")
        line = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        return Place.ITEMS, line
    if where == "payment_form":
        return Place.PAYMENT_FORM, None
    return Place.CHARGE, None


def payment_form_label(code: str) -> str:
    found = fiscal.payment_form(code)
    return f"{code} - {found.description}" if found else code
