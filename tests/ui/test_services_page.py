"""The Servicios page against the real sandbox: table, search, sort, outbox writes, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient, GigstackError
from desktop.sandbox import Sandbox
from desktop.store.outbox import OutboxKind, OutboxState
from desktop.ui.app import AppShell
from desktop.ui.services_page import ServicesPage
from tests.ui.record_pages import column_texts, go_offline, go_online, row_of

SEEDED_SERVICES = 20


@pytest.fixture
def page(qtbot: QtBot, shell: AppShell) -> ServicesPage:
    found = next(p for p in shell.window.pages if p.objectName() == "services")
    assert isinstance(found, ServicesPage)
    shell.window.show()
    shell.window.show_page_named("services")
    qtbot.waitUntil(lambda: found.model.visible_count() == SEEDED_SERVICES, timeout=10_000)
    return found


def test_model_passes_qtmodeltester(qtmodeltester: object, page: ServicesPage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.model.set_filter("cafe")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_columns_show_price_with_taxes_keys_and_tax_summary(page: ServicesPage) -> None:
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == [
        "Descripción",
        "SKU",
        "Código de barras",
        "Precio",
        "Clave SAT",
        "Unidad",
        "Impuestos",
        "Estado",
    ]
    row = row_of(page, "Papas fritas sal 45 g")
    texts = [page.model.data(page.model.index(row, c)) for c in range(8)]
    assert texts[1:7] == [
        "ABA-005",
        "7501000002054",
        "$18.00",
        "50192100",
        "H87 Pieza",
        "IEPS 8 % + IVA 0 % incl.",
    ]
    assert texts[7] == ""


def test_search_by_words_sku_or_barcode(qtbot: QtBot, page: ServicesPage) -> None:
    qtbot.keyClicks(page.search, "cafe")
    assert sorted(column_texts(page, 0)) == ["Café americano 12 oz", "Café de grano Chiapas 250 g"]
    page.search.clear()
    qtbot.keyClicks(page.search, "7501000002054")  # scanned barcode
    assert column_texts(page, 0) == ["Papas fritas sal 45 g"]
    page.search.clear()
    qtbot.keyClicks(page.search, "pap-00")
    assert page.model.visible_count() == 9


def test_sort_by_price(page: ServicesPage) -> None:
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert column_texts(page, 0)[:2] == [
        "Café de grano Chiapas 250 g",
        "Paquete hojas blancas carta 500",
    ]
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert column_texts(page, 3)[0] == "$1.50"


def test_new_service_is_queued_shown_pending_and_sent(
    qtbot: QtBot, shell: AppShell, page: ServicesPage, api: GigstackClient
) -> None:
    dialog = page.open_dialog()
    dialog.show()
    qtbot.keyClicks(dialog.description, "Cafe de olla 8 oz")
    qtbot.keyClicks(dialog.sku, "CAF-010")
    qtbot.keyClicks(dialog.price, "30")
    qtbot.keyClicks(dialog.product_key.edit, "cafe")
    dialog.product_key.choose(dialog.product_key.suggestions.stringList()[0])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    row = row_of(page, "Cafe de olla 8 oz")
    assert page.model.data(page.model.index(row, 3)) == "$30.00"
    (item,) = [i for i in shell.core.outbox.rows() if i.kind is OutboxKind.CREATE_SERVICE]
    assert item.payload["sku"] == "CAF-010"
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(item.id).state is OutboxState.SENT, timeout=15_000
    )
    created = [s for s in api.services.list(limit=100) if s.sku == "CAF-010"]
    assert [s.product_key for s in created] == ["50201706"]
    qtbot.waitUntil(
        lambda: page.model.data(page.model.index(row_of(page, "Cafe de olla 8 oz"), 7)) == "",
        timeout=10_000,
    )


def test_new_service_offline_shows_pending_and_duplicate_sku_refused(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, page: ServicesPage
) -> None:
    go_offline(qtbot, shell, sandbox, page)
    try:
        dialog = page.open_dialog()
        dialog.show()
        qtbot.keyClicks(dialog.description, "Sobre manila")
        qtbot.keyClicks(dialog.sku, "pap-001")  # taken by the cuaderno
        qtbot.keyClicks(dialog.price, "2")
        dialog.product_key.set_code("44121506")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert "ya lo usa otro servicio" in dialog.errors["sku"].text()
        dialog.sku.clear()
        qtbot.keyClicks(dialog.sku, "PAP-010")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        row = row_of(page, "Sobre manila")
        assert page.model.data(page.model.index(row, 7)) == "Pendiente de enviar"
    finally:
        go_online(qtbot, shell, sandbox, page)


def test_edit_sends_only_the_changed_price(
    qtbot: QtBot, shell: AppShell, page: ServicesPage, api: GigstackClient
) -> None:
    page.table.selectRow(row_of(page, "Lápiz grafito No. 2"))
    selected = page.selected_row()
    assert selected is not None and selected.id
    dialog = page.open_dialog(selected)
    dialog.show()
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "7.25")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Return)
    assert not dialog.isVisible(), [e.text() for e in dialog.errors.values() if e.text()]
    (item,) = [i for i in shell.core.outbox.rows() if i.kind is OutboxKind.UPDATE_SERVICE]
    assert item.payload == {"id": selected.id, "changes": {"unit_price": "7.25"}}
    row = row_of(page, "Lápiz grafito No. 2")
    assert page.model.data(page.model.index(row, 3)) == "$7.25"
    assert page.model.data(page.model.index(row, 7)) == "Pendiente de enviar"
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(item.id).state is OutboxState.SENT, timeout=15_000
    )
    assert str(api.services.get(selected.id).unit_price) == "7.25"


def test_delete_refused_offline_then_works_online(
    qtbot: QtBot,
    shell: AppShell,
    sandbox: Sandbox,
    page: ServicesPage,
    api: GigstackClient,
) -> None:
    page.confirm = lambda title, text: True  # type: ignore[method-assign]  # "Eliminar"
    page.table.selectRow(row_of(page, "Folder tamaño carta"))
    selected = page.selected_row()
    assert selected is not None and selected.id
    go_offline(qtbot, shell, sandbox, page)
    try:
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        assert "Sin conexión" in page.message.text()
        assert "Folder tamaño carta" in column_texts(page, 0)
    finally:
        go_online(qtbot, shell, sandbox, page)
    page.table.selectRow(row_of(page, "Folder tamaño carta"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "Folder tamaño carta" not in column_texts(page, 0), timeout=10_000)
    with pytest.raises(GigstackError):
        api.services.get(selected.id)


def test_rows_share_repeated_values_and_the_edit_dialog_reads_the_cache(
    shell: AppShell, page: ServicesPage
) -> None:
    """Issue 12: equal prices, tax summaries and statuses are one object across rows; the
    taxes themselves are not kept per row (the tooltip and the dialog read the cache)."""
    rows = page.model.all_rows()
    assert rows
    by_summary: dict[str, list[int]] = {}
    for row in rows:
        assert not hasattr(row, "__dict__")
        by_summary.setdefault(row.cells[6], []).append(id(row.cells[6]))
    assert all(len(set(ids)) == 1 for ids in by_summary.values())
    assert any(len(ids) > 1 for ids in by_summary.values())  # the seed repeats a summary
    row = next(r for r in rows if r.id and r.cell(6) != "Sin impuestos")
    record = shell.core.cache.get(page.resource, None, str(row.id))
    assert record is not None
    # The Impuestos tooltip reads the taxes from the cache (a Tasa as its percentage).
    view_row = next(n for n in range(page.model.rowCount()) if page.model.row_at(n) is row)
    tip = page.model.data(page.model.index(view_row, 6), Qt.ItemDataRole.ToolTipRole)
    assert tip.count("\n") == len(record["taxes"]) - 1
    assert " % · " in tip or "/u · " in tip or "Exento" in tip
    dialog = page.open_dialog(row)
    assert dialog.description.text() == record["description"]
    assert dialog.taxes.taxes()  # filled from the cached record's taxes
    dialog.close()
