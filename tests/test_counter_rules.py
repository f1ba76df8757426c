"""The counter's Qt-free rules: who the sale is for (ClientBook over a real cache), the public's
CFDI 4.0 data, what a typed price means, cash change and where a refused sale's problems go."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.gigstack import GigstackClient
from desktop.money import MoneyError
from desktop.records.clients import ClientView
from desktop.sales import FieldProblem, check_payment
from desktop.sandbox import Sandbox
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.ui.counter_clients import (
    PUBLIC_CLIENT_FALLBACK,
    ClientBook,
    SaleClient,
    public_client,
)
from desktop.ui.counter_sale import (
    Place,
    SaleDraft,
    SaleLine,
    change_for,
    pieces_of,
    problem_place,
    received_cash,
)
from tests.conftest import SANDBOX_KEY

TEAM = "team_1"
IVA_INCLUDED = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}]
IVA_ON_TOP = [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": False}]
SOFIA = {
    "id": "client_sofia",
    "name": "Sofía Navarro Ruiz",
    "tax_id": "NARS991231AB9",
    "tax_system": "612",
    "use": "G03",
    "address": {"zip": "06700"},
}


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    db: Database = open_database(tmp_path)
    yield Cache(db)
    db.close()


# -- "Público en general" ----------------------------------------------------------------------


def test_the_public_fallback_carries_616_s01_and_the_issuer_zip_once_known() -> None:
    assert public_client(None).record == PUBLIC_CLIENT_FALLBACK
    view = ClientView.from_record(PUBLIC_CLIENT_FALLBACK)
    assert (view.rfc, view.tax_system, view.use) == ("XAXX010101000", "616", "S01")
    assert view.legal_name == "PUBLICO EN GENERAL"

    with_zip = public_client(None, " 06700 ")
    assert with_zip.record["address"] == {"zip": "06700"}
    assert "address" not in PUBLIC_CLIENT_FALLBACK  # the constant is never changed
    assert with_zip.is_public and not with_zip.is_cached and with_zip.use == "S01"


def test_a_cached_public_keeps_its_values_and_gets_what_it_lacks() -> None:
    cached = {"id": "client_pub", "name": "Público en general", "tax_id": "XAXX010101000"}
    client = public_client(cached, "44100")
    assert client.record["tax_system"] == "616"
    assert client.record["use"] == "S01"
    assert client.record["address"] == {"zip": "44100"}
    assert "use" not in cached and "address" not in cached  # the cache's record is untouched
    assert client.reference() == {"id": "client_pub"}  # gigstack has it: found by id

    own = {**cached, "address": {"zip": "03100", "country": "Mexico"}, "tax_system": "616"}
    assert public_client(own, "44100").record["address"] == {"zip": "03100", "country": "Mexico"}


def test_gigstack_creates_the_public_with_the_issuer_zip(empty_sandbox: Sandbox) -> None:
    """An empty cache still sells to the public: the fallback body, with the team's zip, is one
    gigstack takes and creates the CFDI 4.0 generic receiver from."""
    with GigstackClient(SANDBOX_KEY, base_url=empty_sandbox.base_url) as api:
        service = api.services.create(
            {
                "description": "Lápiz",
                "unit_price": "6.5",
                "product_key": "44121700",
                "unit_key": "H87",
                "taxes": IVA_INCLUDED,
            }
        )
        line = SaleLine(
            {"id": service.id, "description": "Lápiz", "unit_price": "6.5", "taxes": IVA_INCLUDED},
            Decimal(2),
        )
        body = SaleDraft(public_client(None, "06700"), [line], "01").body()
        check_payment(body)
        assert body["automation_type"] == "receipt"
        payment = api.payments.register(body, idempotency_key="counter-public-0001")
    assert payment.status == "succeeded"
    team = empty_sandbox.store.teams[empty_sandbox.team]
    created = [c for c in team.clients.records.values() if c.get("tax_id") == "XAXX010101000"]
    assert len(created) == 1
    assert created[0]["tax_system"] == "616"
    assert created[0]["use"] == "S01"
    assert created[0]["address"]["zip"] == "06700"


# -- ClientBook ----------------------------------------------------------------------------------


def test_the_book_finds_the_public_and_switches_from_the_fallback_once_cached(
    cache: Cache,
) -> None:
    book = ClientBook(cache, TEAM)
    book.load_public()
    assert not book.has_cached_public
    current = book.public()
    assert current.record == PUBLIC_CLIENT_FALLBACK

    cache.upsert(
        Resource.CLIENTS,
        TEAM,
        [{"id": "client_pub", "name": "Público en general", "tax_id": "XAXX010101000"}],
    )
    switch = book.clients_refreshed(current)
    assert switch is not None and switch.reference() == {"id": "client_pub"}
    # A sale already on another client stays on it.
    assert book.clients_refreshed(SaleClient(SOFIA)) is None


def test_new_clients_are_offered_first_until_gigstack_has_them(cache: Cache) -> None:
    cache.upsert(Resource.CLIENTS, TEAM, [{"id": "client_n", "name": "Nora Navarro"}])
    book = ClientBook(cache, TEAM)
    typed = {k: v for k, v in SOFIA.items() if k != "id"}
    first = book.add_new({**typed, "use": "G01"})
    again = book.add_new(typed)  # the same RFC typed twice replaces the first
    assert first.is_new and again.is_new
    assert [c.record["use"] for c in book.new_clients] == ["G03"]

    found = book.search("navarro")
    assert [(c.name, c.is_new) for c in found] == [
        ("Sofía Navarro Ruiz", True),
        ("Nora Navarro", False),
    ]
    assert book.search("   ") == []
    assert len(book.search("navarro", limit=1)) == 1

    # The sender delivered the sale; gigstack created the client; the cache has it now.
    cache.upsert(Resource.CLIENTS, TEAM, [SOFIA])
    book.clients_refreshed(again)
    assert book.new_clients == []
    found = book.search("sofia")
    assert [(c.name, c.is_new, c.is_cached) for c in found] == [("Sofía Navarro Ruiz", False, True)]


# -- lines, change and problems ---------------------------------------------------------------


def test_a_typed_price_is_a_change_only_away_from_the_list_and_current_price() -> None:
    line = SaleLine(
        {"id": "s", "description": "Cosa", "unit_price": "100", "taxes": IVA_ON_TOP}, Decimal(1)
    )
    assert line.service.id == "s" and line.list_price == Decimal(100)
    assert line.shown_unit_price == Decimal("116.00")
    assert not line.is_price_change(Decimal("116.00"))  # the list price
    assert line.is_price_change(Decimal("100.00"))  # a discount
    assert line.is_price_change(Decimal("150.00"))  # a raise is an override too
    line.set_shown_price(Decimal("100.00"))
    assert line.price_override == Decimal("86.206897")
    assert not line.is_price_change(Decimal("100.00"))  # already that price
    assert not line.is_price_change(Decimal("116.00"))  # back to the list price
    line.set_shown_price(Decimal("116.00"))
    assert line.price_override is None


def test_cash_change_and_pieces() -> None:
    assert change_for(Decimal("135.00"), Decimal("200")) == Decimal("65.00")
    assert change_for(Decimal("135.00"), Decimal("135.00")) == Decimal("0.00")
    assert change_for(Decimal("135.00"), Decimal("134.99")) is None
    assert received_cash("  ", Decimal("135.00")) == Decimal("135.00")  # empty: exact amount
    assert received_cash("200,5", Decimal("135.00")) == Decimal("200.50")  # the one parser
    with pytest.raises(MoneyError) as refused:
        received_cash("doscientos", Decimal("135.00"))
    assert "«doscientos» no es un número" in refused.value.message
    lines = [
        SaleLine({"id": "a", "unit_price": "1"}, Decimal("1.5")),
        SaleLine({"id": "b", "unit_price": "1"}, Decimal(2)),
    ]
    assert pieces_of(lines) == Decimal("3.5")
    assert pieces_of([]) == 0


@pytest.mark.parametrize(
    ("where", "place", "line"),
    [
        ("client.tax_id", Place.CLIENT, None),
        ("client.use", Place.INVOICE, None),
        ("use", Place.INVOICE, None),
        ("items.2.quantity", Place.ITEMS, 2),
        ("items", Place.ITEMS, None),
        ("payment_form", Place.PAYMENT_FORM, None),
        ("currency", Place.CHARGE, None),
    ],
)
def test_each_refused_field_is_said_where_the_cashier_can_fix_it(
    where: str, place: Place, line: int | None
) -> None:
    assert problem_place(FieldProblem(where, "x").field) == (place, line)


def test_the_counter_rules_import_no_qt() -> None:
    """`counter_sale` and `counter_clients` sit under desktop/ui but are plain Python: the
    rules a cashier relies on run (and are tested) without a QApplication."""
    import subprocess
    import sys

    code = (
        "import sys, desktop.ui.counter_sale, desktop.ui.counter_clients; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
