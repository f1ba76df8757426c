"""Column room at 1366x768: money, ids, units, taxes and payment forms are read whole while a
name (the column that takes the room left) may give way.

"Whole" is measured the way Qt's item delegate draws a cell: the text, in the view's font,
inside the cell less the style's text margin on each side (QCommonStyle: the focus frame's
margin + 1), would not be elided.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QStyle, QTableView, QTableWidget
from pytestqt.qtbot import QtBot

from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxKind
from desktop.ui.app import AppShell
from desktop.ui.formatting import short_form_name
from desktop.ui.payments_page import PaymentsPage
from desktop.ui.reports_page import ReportsPage
from desktop.ui.services_page import ServicesPage
from tests.test_till import sale_body
from tests.ui.record_pages import go_offline, go_online, row_of

WAIT = 10_000


def _cut(view: QTableView, column: int, text: str) -> bool:
    """Whether `text` would be drawn elided in `column` of `view`."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = view.columnWidth(column) - 2 * margin
    metrics = view.fontMetrics()
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) != text


def _texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]


def _spare(view: QTableView, column: int) -> int:
    """The room a column has beyond its widest text (negative: something is cut)."""
    metrics = view.fontMetrics()
    widest = max((metrics.horizontalAdvance(t) for t in _texts(view.model(), column)), default=0)
    return view.columnWidth(column) - widest


def _header(model: QAbstractItemModel) -> list[str]:
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


@pytest.fixture
def services(qtbot: QtBot, shell: AppShell) -> ServicesPage:
    page = next(p for p in shell.window.pages if isinstance(p, ServicesPage))
    shell.window.resize(1366, 768)
    shell.window.show()
    shell.window.show_page_named("services")
    qtbot.waitUntil(lambda: page.model.visible_count() == 20, timeout=WAIT)
    return page


def test_servicios_units_and_taxes_are_whole_and_estado_waits_for_a_queued_service(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, services: ServicesPage
) -> None:
    table, model = services.table, services.model
    headers = _header(model)
    status = headers.index("Estado")
    # Nothing waits in the queue: Estado would be an empty column; its room goes to the name.
    assert table.isColumnHidden(status)
    texts = {name: _texts(model, headers.index(name)) for name in ("Unidad", "Impuestos")}
    assert "KGM Kilogramo" in texts["Unidad"]
    assert "IEPS 8 % + IVA 0 % incl." in texts["Impuestos"]
    for name in ("SKU", "Código de barras", "Precio", "Clave SAT", "Unidad", "Impuestos"):
        column = headers.index(name)
        for text in _texts(model, column):
            assert not _cut(table, column, text), (name, text, table.columnWidth(column))
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) is header.ResizeMode.Stretch  # Descripción
    assert all(not _cut(table, 0, text) for text in _texts(model, 0))  # room to spare now

    # A change waiting in the queue: Estado shows, and says so whole.
    go_offline(qtbot, shell, sandbox, services)
    try:
        row = services.model.row_at(row_of(services, "Huevo blanco a granel"))
        shell.core.outbox.enqueue(
            OutboxKind.UPDATE_SERVICE, {"id": row.id, "changes": {"unit_price": "53"}}
        )
        services.reload()
        assert not table.isColumnHidden(status)
        shown = model.index(row_of(services, "Huevo blanco a granel"), status).data()
        assert shown == "Pendiente de enviar"
        assert not _cut(table, status, shown)
        assert not _cut(table, status, "Detenido: revisa la Cola")  # a parked row's words
        for name in ("Precio", "Unidad", "Impuestos"):
            column = headers.index(name)
            assert all(not _cut(table, column, t) for t in _texts(model, column)), name
    finally:
        go_online(qtbot, shell, sandbox, services)


def test_pagos_folios_ids_and_forms_are_whole_while_the_client_gives_way(
    qtbot: QtBot, shell: AppShell
) -> None:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.PAYMENTS, None) >= 3, timeout=WAIT)
    shell.window.resize(1366, 768)
    shell.window.show()
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    page.reload()
    table, model = page.table, page.model
    headers = _header(model)
    folio, client, form = (headers.index(n) for n in ("Folio", "Cliente", "Forma de pago"))
    rows = page.table.shown_rows()
    assert any(r.payment_id and not r.record.get("metadata", {}).get("folio") for r in rows)
    for n, row in enumerate(rows):
        shown = model.index(n, folio).data()
        # A payment made outside a till shows the start of its gigstack id's own part.
        assert shown == row.folio or (
            row.payment_id
            and shown.endswith("…")
            and row.payment_id.startswith("payment_" + shown.removesuffix("…"))
        )
        assert not _cut(table, folio, shown), shown
    forms = _texts(model, form)
    assert "Transferencia" in forms  # "Transferencia electrónica de fondos" in the tooltip
    for text in forms:
        assert not _cut(table, form, text), text
    for column in (headers.index("Total"), headers.index("Vendida")):
        assert all(not _cut(table, column, t) for t in _texts(model, column))
    header = table.horizontalHeader()
    assert header.sectionResizeMode(client) is header.ResizeMode.Stretch  # the name gives way
    n = next(i for i, r in enumerate(rows) if r.client_view.rfc)
    tip = model.index(n, client).data(Qt.ItemDataRole.ToolTipRole)
    assert rows[n].client_name in tip and str(rows[n].client_view.rfc) in tip


def _forms_column(table: QTableWidget) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_reportes_tells_the_two_cards_apart_and_reads_them_whole(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    sandbox.faults.set(status_down=True)
    core = shell.core
    core.shifts.open(Decimal("0"), "Ana")
    for form in ("04", "28", "03", "01"):
        queue_payment(core.outbox, sale_body(form, ("Café", 1, "35.00")))
    shell.window.resize(1366, 768)
    shell.window.show()
    shell.window.show_page_named("reports")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ReportsPage)
    page.set_range("today")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT)
    table = page.forms_table
    names = _forms_column(table)
    assert {"04 · Tarjeta de crédito", "28 · Tarjeta de débito", "03 · Transferencia"} <= set(names)
    for column in range(table.columnCount()):
        for r in range(table.rowCount()):
            text = table.item(r, column).text()
            assert not _cut(table, column, text), (column, text, table.columnWidth(column))
    assert _spare(table, 0) >= 0
    sandbox.faults.clear()


def test_short_form_names_keep_the_cards_apart_and_the_rest_as_the_sat_says() -> None:
    assert short_form_name("03", "Transferencia electrónica de fondos") == "Transferencia"
    assert short_form_name("04", "Tarjeta de crédito") == "Tarjeta de crédito"
    assert short_form_name("28", "Tarjeta de débito") == "Tarjeta de débito"
    assert short_form_name("01", "Efectivo") == "Efectivo"
    assert short_form_name(None, "Sin forma de pago") == "Sin forma de pago"
