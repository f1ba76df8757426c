"""The client and service pickers: search the real cache as you type, keyboard first, and no
dialog reads the whole catalog (issue 12), even with 50,000 cached clients."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.sales import queue_payment
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.store.db import DB_FILENAME
from desktop.store.outbox import Outbox
from desktop.ui.app import AppShell
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.invoice_dialogs import CachedPayments, CreateInvoiceDialog
from desktop.ui.invoices_page import InvoicesPage
from desktop.ui.queue_dialogs import EditParkedDialog
from desktop.ui.receipts_page import ReceiptsPage
from desktop.ui.record_picker import CacheSource, ListSource, RecordPicker
from desktop.ui.request_payment_dialog import RequestPaymentDialog

CLIENTS = [
    {"id": "client_ana", "name": "Ana López Ruiz", "tax_id": "LORA800101AB1", "zip": "06600"},
    {
        "id": "client_jose",
        "name": "José Peña Álvarez",
        "tax_id": "PEAJ800101AB2",
        "tax_system": "612",
    },
    {"id": "client_anahi", "name": "Anahí Torres", "tax_id": "TOAA900101AB3"},
    {"id": "client_publico", "name": "Público en general", "tax_id": "XAXX010101000"},
    {"id": "client_sin_rfc", "name": "Anabel sin RFC"},
]
SERVICES = [
    {"id": "service_cuaderno", "description": "Cuaderno profesional", "sku": "CUA-100",
     "unit_price": 45.0, "taxes": []},
    {"id": "service_lapiz", "description": "Lápiz HB", "sku": "7501234567895",
     "unit_price": 8.5, "taxes": []},
    {"id": "service_goma", "description": "Goma blanca", "metadata": {"barcode": "7509876543210"},
     "unit_price": 6.0, "taxes": []},
]  # fmt: skip


class CountingCache(Cache):
    """The real cache, counting the records each read hands out; a read of the whole table
    (`all`, `each`, `each_fields`, `ids`) is remembered by name."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.records_read = 0
        self.whole_table: list[str] = []

    def _count(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.records_read += len(records)
        return records

    def search(
        self, resource: Resource, team: str | None, text: str, limit: int = 50
    ) -> list[dict[str, Any]]:
        return self._count(super().search(resource, team, text, limit))

    def get(self, resource: Resource, team: str | None, record_id: str) -> dict[str, Any] | None:
        found = super().get(resource, team, record_id)
        return None if found is None else self._count([found])[0]

    def matching(
        self,
        resource: Resource,
        team: str | None,
        paths: Sequence[str],
        value: str,
        limit: int = 1000,
    ) -> list[dict[str, Any]]:
        return self._count(super().matching(resource, team, paths, value, limit))

    def all(self, resource: Resource, team: str | None) -> list[tuple[str, dict[str, Any]]]:
        self.whole_table.append(f"all:{resource}")
        return super().all(resource, team)

    def each(self, resource: Resource, team: str | None, batch: int = 1000) -> Any:
        self.whole_table.append(f"each:{resource}")
        return super().each(resource, team, batch)

    def each_fields(
        self, resource: Resource, team: str | None, paths: Sequence[str], batch: int = 2000
    ) -> Any:
        self.whole_table.append(f"each_fields:{resource}")
        return super().each_fields(resource, team, paths, batch)

    def ids(self, resource: Resource, team: str | None) -> set[str]:
        self.whole_table.append(f"ids:{resource}")
        return super().ids(resource, team)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CountingCache]:
    db = open_database(tmp_path)
    cache = CountingCache(db)
    cache.upsert(Resource.CLIENTS, None, CLIENTS)
    cache.upsert(Resource.SERVICES, None, SERVICES)
    yield cache
    db.close()


def shown_picker(
    qtbot: QtBot, source: Any, kind: str = "client", **kwargs: Any
) -> tuple[QWidget, RecordPicker]:
    """A picker in a shown window (its list floats in that window)."""
    window = QWidget()
    window.resize(700, 420)
    qtbot.addWidget(window)
    picker = RecordPicker(
        source,
        kind=kind,
        name="picker",
        accessible="Cliente",
        parent=window,
        **kwargs,
    )
    picker.setGeometry(10, 10, 400, 60)
    window.show()
    qtbot.waitExposed(window)
    return window, picker


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [str(r["id"]) for r in records]


def test_typing_part_of_a_name_lists_matches_and_enter_picks(
    qtbot: QtBot, cache: CountingCache
) -> None:
    _window, picker = shown_picker(qtbot, CacheSource(cache, Resource.CLIENTS, None))
    picked: list[object] = []
    picker.picked.connect(picked.append)
    qtbot.keyClicks(picker.line, "ana")  # accents and case do not matter: "Anahí" too
    assert ids(picker.shown()) == ["client_ana", "client_anahi", "client_sin_rfc"]
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.record_id() == "client_anahi"
    assert picker.text() == "Anahí Torres — TOAA900101AB3"
    assert picker.shown() == []  # the list closed
    assert [r["id"] for r in picked if isinstance(r, dict)] == ["client_anahi"]
    # Two words, in any order, narrow it down.
    picker.clear()
    qtbot.keyClicks(picker.line, "pena jose")
    assert ids(picker.shown()) == ["client_jose"]
    qtbot.keyClick(picker.line, Qt.Key.Key_Enter)
    assert picker.record_id() == "client_jose"
    assert not cache.whole_table


def test_a_whole_rfc_picks_its_client_at_once(qtbot: QtBot, cache: CountingCache) -> None:
    _window, picker = shown_picker(qtbot, CacheSource(cache, Resource.CLIENTS, None))
    picker.line.setText("peaj800101ab2")  # pasted, lower-case: Enter picks by the code index
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.record_id() == "client_jose"
    # Part of an RFC is a search like any other.
    picker.clear()
    qtbot.keyClicks(picker.line, "LORA8")
    assert ids(picker.shown()) == ["client_ana"]


def test_nothing_found_says_so_and_keeps_what_was_typed(qtbot: QtBot, cache: CountingCache) -> None:
    _window, picker = shown_picker(qtbot, CacheSource(cache, Resource.CLIENTS, None))
    qtbot.keyClicks(picker.line, "zzz")
    assert picker.shown() == []
    assert picker.message.isVisible()
    assert picker.message.text() == "Ningún cliente coincide con «zzz»."
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)  # Enter searches again, still nothing
    assert picker.record() is None and picker.text() == "zzz"
    assert picker.message.isVisible()
    picker.line.selectAll()
    qtbot.keyClicks(picker.line, "ana")
    assert not picker.message.isVisible() and picker.shown()


def test_editing_a_pick_drops_it_and_esc_closes_the_list(
    qtbot: QtBot, cache: CountingCache
) -> None:
    _window, picker = shown_picker(qtbot, CacheSource(cache, Resource.CLIENTS, None))
    assert picker.choose("client_ana")  # read by id
    changes: list[object] = []
    picker.picked.connect(changes.append)
    qtbot.keyClick(picker.line, Qt.Key.Key_End)
    qtbot.keyClick(picker.line, Qt.Key.Key_Backspace)
    assert picker.record() is None and changes == [None]
    picker.line.selectAll()
    qtbot.keyClicks(picker.line, "ana")
    assert picker.shown()
    qtbot.keyClick(picker.line, Qt.Key.Key_Escape)
    assert picker.shown() == [] and picker.record() is None
    # Down on a closed list opens it again.
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)
    assert picker.shown()


def test_service_by_sku_and_by_barcode(qtbot: QtBot, cache: CountingCache) -> None:
    _window, picker = shown_picker(
        qtbot, CacheSource(cache, Resource.SERVICES, None), kind="service"
    )
    qtbot.keyClicks(picker.line, "CUA-100")
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.record_id() == "service_cuaderno"
    picker.clear()
    qtbot.keyClicks(picker.line, "7509876543210")  # a barcode kept in metadata, scanned
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    assert picker.record_id() == "service_goma"
    picker.clear()
    qtbot.keyClicks(picker.line, "tijeras")
    assert picker.message.text() == "Ningún producto o servicio coincide con «tijeras»."


def test_a_list_source_searches_like_the_cache(cache: CountingCache) -> None:
    listed = ListSource(CLIENTS, Resource.CLIENTS)
    cached = CacheSource(cache, Resource.CLIENTS, None)
    for text in ("ana", "PENA", "lora800101ab1", "torres ana", "nadie", ""):
        assert ids(listed.search(text, 8)) == ids(cached.search(text, 8)), text
    assert listed.get("client_jose") == cached.get("client_jose")
    assert listed.get("client_nadie") is None and cached.get("") is None


def test_generic_rfc_is_never_offered_where_the_dialog_refuses_it(
    qtbot: QtBot, cache: CountingCache
) -> None:
    clients = CacheSource(cache, Resource.CLIENTS, None)
    services = CacheSource(cache, Resource.SERVICES, None)
    dialog = CreateInvoiceDialog(clients, services, CachedPayments(cache, None), [])
    qtbot.addWidget(dialog)
    assert dialog.client.matches("XAXX010101000") == []
    assert "client_publico" not in ids(dialog.client.matches("", limit=50))
    assert "client_sin_rfc" not in ids(dialog.client.matches("ana"))
    assert not dialog.choose_client("client_publico")
    # The request-payment dialog offers every client: the public is reachable by its RFC.
    request = RequestPaymentDialog(clients, services)
    qtbot.addWidget(request)
    assert ids(request.client.matches("XAXX010101000")) == ["client_publico"]


def test_the_receipts_own_client_stays_preselected(qtbot: QtBot, cache: CountingCache) -> None:
    payment = {"id": "pay_1", "total": 100, "client": {"id": "client_jose"}}
    dialog = CustomerInvoiceDialog(payment, CacheSource(cache, Resource.CLIENTS, None))
    qtbot.addWidget(dialog)
    assert dialog.client.record_id() == "client_jose"
    assert dialog.tax_id.text() == "PEAJ800101AB2"
    # Its record has no razón social: the field asks for it, never copies the display name.
    assert dialog.legal_name.text() == ""
    # A receipt of the public leaves the field empty ("Público en general" is the box).
    public = CustomerInvoiceDialog(
        {**payment, "client": {"id": "client_publico"}}, CacheSource(cache, Resource.CLIENTS, None)
    )
    qtbot.addWidget(public)
    assert public.client.record() is None and public.tax_id.text() == ""


def test_new_invoice_reads_one_clients_payments_once_chosen(
    qtbot: QtBot, cache: CountingCache
) -> None:
    cache.upsert(
        Resource.PAYMENTS,
        None,
        [
            {"id": "pay_ana", "status": "succeeded", "total": 50, "client": {"id": "client_ana"}},
            {"id": "pay_old", "status": "succeeded", "total": 20, "client": "client_ana"},
            {"id": "pay_jose", "status": "succeeded", "total": 30, "client": {"id": "client_jose"}},
            {"id": "pay_done", "status": "succeeded", "client": {"id": "client_ana"},
             "invoices": ["inv_1"]},
            {"id": "pay_covered", "status": "succeeded", "client": {"id": "client_ana"}},
        ],
    )  # fmt: skip
    payments = CachedPayments(cache, None, covered={"pay_covered"})
    dialog = CreateInvoiceDialog(
        CacheSource(cache, Resource.CLIENTS, None),
        CacheSource(cache, Resource.SERVICES, None),
        payments,
        [],
    )
    qtbot.addWidget(dialog)
    assert dialog.payment_list.count() == 0
    dialog.start_from(["pay_ana"])
    assert dialog.client.record_id() == "client_ana"
    offered = [
        dialog.payment_list.item(n).data(Qt.ItemDataRole.UserRole)["id"]
        for n in range(dialog.payment_list.count())
    ]
    assert offered == ["pay_ana", "pay_old"]  # a bare client id counts; invoiced/covered not
    assert [p["id"] for p in dialog.checked_payments()] == ["pay_ana"]
    assert dialog.payment("pay_covered") is None and dialog.payment("pay_done") is None
    assert not cache.whole_table


# -- 50,000 cached clients ---------------------------------------------------------------------

MANY = 50_000


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big-cache")
    db = open_database(folder)
    cache = Cache(db)
    cache.upsert(
        Resource.CLIENTS,
        None,
        (
            {
                "id": f"client_{n}",
                "name": f"Cliente {n} Hernández",
                "tax_id": f"HEGC{n:06d}AB1",
                "email": f"c{n}@example.com",
            }
            for n in range(MANY)
        ),
    )
    cache.upsert(Resource.CLIENTS, None, CLIENTS)
    cache.upsert(Resource.SERVICES, None, SERVICES)
    db.close()
    return folder


@pytest.fixture
def big(big_folder: Path) -> Iterator[CountingCache]:
    db = open_database(big_folder)
    cache = CountingCache(db)
    assert cache.count(Resource.CLIENTS, None) == MANY + len(CLIENTS)
    cache.whole_table.clear()
    yield cache
    db.close()


def test_dialogs_open_on_50k_clients_without_reading_them(
    qtbot: QtBot, big: CountingCache, tmp_path: Path
) -> None:
    clients = CacheSource(big, Resource.CLIENTS, None)
    services = CacheSource(big, Resource.SERVICES, None)
    receipt = {"id": "pay_1", "total": 100, "client": {"id": "client_4711"}}
    stamp = CustomerInvoiceDialog(receipt, clients)
    qtbot.addWidget(stamp)
    assert stamp.client.record_id() == "client_4711"  # read by id: one record
    invoice = CreateInvoiceDialog(clients, services, CachedPayments(big, None), [])
    qtbot.addWidget(invoice)
    request = RequestPaymentDialog(clients, services)
    qtbot.addWidget(request)
    db = open_database(tmp_path)
    try:
        parked = queue_payment(
            Outbox(db),
            {
                "client": {"id": "client_12345"},
                "automation_type": "none",
                "payment_form": "01",
                "items": [{"id": "service_cuaderno", "quantity": 1}],
            },
        )
    finally:
        db.close()
    edit = EditParkedDialog(parked, clients)
    qtbot.addWidget(edit)
    assert edit.client.record_id() == "client_12345"
    assert edit.client.text() == "Cliente 12345 Hernández — HEGC012345AB1"
    assert big.whole_table == []
    assert big.records_read == 2  # the receipt's client and the parked sale's, by id

    # Typing searches the index: a page of matches, never the table.
    invoice.show()
    qtbot.waitExposed(invoice)
    qtbot.keyClicks(invoice.client.line, "hernandez 4711")
    shown = ids(invoice.client.shown())
    assert shown[0] == "client_4711" and len(shown) == 8  # then 14711, 24711, 47110...
    assert all("4711" in i for i in shown)
    qtbot.keyClick(invoice.client.line, Qt.Key.Key_Return)
    assert invoice.client.record_id() == "client_4711"
    invoice.client.clear()
    qtbot.keyClicks(invoice.client.line, "cliente")
    assert len(invoice.client.shown()) == 8
    invoice.client.clear()
    invoice.client.line.setText("HEGC049999AB1")
    qtbot.keyClick(invoice.client.line, Qt.Key.Key_Return)
    assert invoice.client.record_id() == "client_49999"
    assert big.whole_table == []
    assert big.records_read < 200


def test_new_invoice_lines_by_keyboard_never_stamp_by_accident(
    qtbot: QtBot, cache: CountingCache
) -> None:
    dialog = CreateInvoiceDialog(
        CacheSource(cache, Resource.CLIENTS, None),
        CacheSource(cache, Resource.SERVICES, None),
        CachedPayments(cache, None),
        [],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sent: list[object] = []
    dialog.submitted.connect(sent.append)
    qtbot.mouseClick(dialog.source_items, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)  # empty: nothing, no stamp
    qtbot.keyClicks(dialog.service.line, "lapiz")
    qtbot.keyClick(dialog.service.line, Qt.Key.Key_Return)
    assert dialog.service.record_id() == "service_lapiz"
    assert dialog.focusWidget() is dialog.quantity
    dialog.quantity.setValue(3)
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)  # adds the line
    assert dialog.line_list.count() == 1
    assert dialog.line_list.item(0).text() == "3 × Lápiz HB · $25.50"
    assert dialog.service.text() == "" and dialog.service.record() is None
    assert sent == []


# -- the pages' call sites -----------------------------------------------------------------------


def test_pages_open_their_dialogs_without_reading_a_whole_table(
    qtbot: QtBot, shell: AppShell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nueva factura (Facturas) and Facturar recibo (Recibos) against the sandbox: opening
    them reads no whole cache table (the real cache, its whole-table reads recorded while the
    dialog opens)."""
    cache = shell.core.cache
    resources = (Resource.CLIENTS, Resource.SERVICES, Resource.PAYMENTS)
    qtbot.waitUntil(lambda: all(cache.count(r, None) >= 3 for r in resources), timeout=10_000)
    reads: list[str] = []
    opening = [False]

    def spy(name: str) -> Any:
        real = getattr(cache, name)

        def read(*args: Any, **kwargs: Any) -> Any:
            if opening[0]:
                reads.append(f"{name}:{args[0]}")
            return real(*args, **kwargs)  # e.g. the counter's index reads in batches

        return read

    for name in ("all", "each", "each_fields", "ids"):
        monkeypatch.setattr(cache, name, spy(name))

    shell.window.show()
    shell.window.show_page_named("invoices")
    invoices = shell.window.stack.currentWidget()
    assert isinstance(invoices, InvoicesPage)
    opening[0] = True
    dialog = invoices.new_invoice()
    opening[0] = False
    assert isinstance(dialog, CreateInvoiceDialog) and reads == []
    qtbot.keyClicks(dialog.client.line, "constructora")
    qtbot.keyClick(dialog.client.line, Qt.Key.Key_Return)
    assert dialog.client.record_id() == "client_demo_constructora"
    assert reads == []
    dialog.reject()

    shell.window.show_page_named("receipts")
    receipts = shell.window.stack.currentWidget()
    assert isinstance(receipts, ReceiptsPage)
    qtbot.waitUntil(lambda: receipts.model.rowCount() >= 1, timeout=10_000)
    assert receipts.select_id(receipts.model.row_at(0).id)
    opening[0] = True
    stamp = receipts.stamp_selected()
    opening[0] = False
    assert isinstance(stamp, CustomerInvoiceDialog) and reads == []
    stamp.reject()


def test_an_empty_cache_and_a_damaged_one_are_said_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    empty_db = open_database(tmp_path / "empty")
    try:
        _window, picker = shown_picker(qtbot, CacheSource(Cache(empty_db), Resource.CLIENTS, None))
        qtbot.keyClick(picker.line, Qt.Key.Key_Down)  # browse: there is nothing to browse
        assert picker.message.text() == "No hay clientes guardados en esta caja."
    finally:
        empty_db.close()

    # A real damaged table: the client table's root page overwritten on disk.
    folder = tmp_path / "damaged"
    db = open_database(folder)
    Cache(db).upsert(Resource.CLIENTS, None, CLIENTS)
    db.close()
    conn = sqlite3.connect(folder / DB_FILENAME)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cached_client'")
    offset = (root.fetchone()[0] - 1) * page_size
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray((folder / DB_FILENAME).read_bytes())
    data[offset : offset + page_size] = b"\xff" * page_size
    (folder / DB_FILENAME).write_bytes(bytes(data))
    db = open_database(folder)
    try:
        _window, damaged = shown_picker(qtbot, CacheSource(Cache(db), Resource.CLIENTS, None))
        qtbot.keyClicks(damaged.line, "ana")
        assert damaged.text() == "ana" and damaged.shown() == []
        assert "dañada" in damaged.message.text() and damaged.message.isVisible()
        assert not damaged.choose("client_ana")
    finally:
        db.close()
