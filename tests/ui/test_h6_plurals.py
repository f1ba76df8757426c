"""Counts read in the right number on every screen: "1 venta", "2 ventas", never "1 ventas".

Each screen is driven for real (sandbox, SQLite in a tmp dir, offscreen widgets) once with one
thing counted and once with two.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QToolTip
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.rules import teams as team_rules
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.cache import Resource
from desktop.store.outbox import Outbox, OutboxKind
from desktop.ui.app import AppShell
from desktop.ui.formatting import count_text
from desktop.ui.invoices_page import InvoicesPage
from desktop.ui.payments_page import PaymentsPage
from desktop.ui.receipts_page import ReceiptsPage
from desktop.ui.reports_page import ReportsPage
from desktop.ui.shift_dialogs import CloseShiftDialog
from desktop.ui.shift_page import ShiftPage
from desktop.ui.status_pill import StatusPill
from desktop.ui.worker import SyncState
from tests.test_till import sale_body

WAIT = 10_000


def test_count_text_picks_the_singular_only_for_exactly_one() -> None:
    one, many = "1 venta por {total}", "{n} ventas por {total}"
    assert count_text(1, one, many, total="$5.00") == "1 venta por $5.00"
    assert count_text(0, one, many, total="$0.00") == "0 ventas por $0.00"
    assert count_text(2, one, many, total="$9.00") == "2 ventas por $9.00"
    assert count_text(Decimal("1.0"), "1 pieza", "{n} piezas") == "1 pieza"
    assert count_text(Decimal("1.5"), "1 pieza", "{n} piezas") == "1.5 piezas"
    # The shown number may be given its own text (a count gigstack sends as 4.0).
    assert count_text(Decimal("4.0"), "1 usado", "{n} usados", n="4") == "4 usados"


def _park(outbox: Outbox, how_many: int) -> None:
    for n in range(how_many):
        outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": f"Cliente {n}", "email": "a@b.mx"})
    for item in outbox.claim_due(how_many):
        outbox.park(item.id, error="422: RFC inválido", status=422)


def test_the_status_pill_says_1_detenido_and_2_detenidos(qtbot: QtBot, tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        outbox = Outbox(db)
        pill = StatusPill(outbox)
        qtbot.addWidget(pill)
        _park(outbox, 1)
        pill.set_state(SyncState(online=True))
        assert pill.pending.text() == "1 detenido"
        _park(outbox, 1)
        pill.set_state(SyncState(online=True))
        assert pill.pending.text() == "2 detenidos"
    finally:
        db.close()


def _shift_page(qtbot: QtBot, shell: AppShell) -> ShiftPage:
    shell.window.show()
    shell.window.show_page_named("shift")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ShiftPage)
    page.activated()
    return page


def _close_dialog_texts(qtbot: QtBot, page: ShiftPage) -> tuple[str, str]:
    page.close_button.click()
    dialog = page.dialog
    assert isinstance(dialog, CloseShiftDialog)
    summary = dialog.findChild(QLabel, "closeSummary")
    queued = dialog.findChild(QLabel, "queuedNote")
    assert summary is not None and queued is not None
    texts = (summary.text(), queued.text())
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    return texts


def test_turno_and_its_close_say_1_venta_then_2_ventas(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    core = shell.core
    core.shifts.open(Decimal("100"), "Ana")
    sandbox.faults.set(status_down=True)  # the sales stay queued
    queue_payment(core.outbox, sale_body("01", ("Café", 2, "35.00")))
    page = _shift_page(qtbot, shell)
    assert page.queued_label.text().startswith("1 venta por $70.00 sigue en la cola")
    summary, queued = _close_dialog_texts(qtbot, page)
    assert "· 1 venta ·" in summary
    assert queued.startswith("1 venta por $70.00 sigue en la cola: cuenta en el corte")

    queue_payment(core.outbox, sale_body("04", ("Mochila", 1, "899.90")))
    page.activated()
    assert page.queued_label.text().startswith("2 ventas por $969.90 siguen en la cola")
    summary, queued = _close_dialog_texts(qtbot, page)
    assert "· 2 ventas ·" in summary
    assert queued.startswith("2 ventas por $969.90 siguen en la cola: cuentan en el corte")
    sandbox.faults.clear()


def _reports_page(qtbot: QtBot, shell: AppShell) -> ReportsPage:
    shell.window.resize(1366, 768)
    shell.window.show()
    shell.window.show_page_named("reports")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ReportsPage)
    return page


def _chart_tooltip(qtbot: QtBot, page: ReportsPage) -> str:
    chart = page.chart
    chart.repaint()  # the bars' rectangles are laid out when painted
    index = max(range(len(chart.bars)), key=lambda i: chart.bars[i][1])
    rect = chart._rects[index]  # where the bar really is on screen
    centre = QPointF(rect.center())
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        centre,
        QPointF(chart.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    chart.mouseMoveEvent(event)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_reportes_note_and_chart_say_1_venta_then_2_ventas(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    sandbox.faults.set(status_down=True)
    core = shell.core
    core.shifts.open(Decimal("0"), "Ana")
    queue_payment(core.outbox, sale_body("01", ("Café", 2, "35.00")))
    page = _reports_page(qtbot, shell)
    page.set_range("today")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT)
    assert "1 venta sigue en la cola: ya cuenta aunque aún no llegue a gigstack." in (
        page.note.text()
    )
    assert _chart_tooltip(qtbot, page).endswith("$70.00 · 1 venta")

    queue_payment(core.outbox, sale_body("01", ("Café", 1, "35.00")))
    page.set_range("today")
    qtbot.waitUntil(
        lambda: page.report is not None and not page.loading and page.report.count == 2,
        timeout=WAIT,
    )
    assert "2 ventas siguen en la cola: ya cuentan aunque aún no lleguen" in page.note.text()
    assert _chart_tooltip(qtbot, page).endswith("$105.00 · 2 ventas")
    sandbox.faults.clear()


def test_pagos_count_says_1_pago_then_n_pagos(qtbot: QtBot, shell: AppShell) -> None:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.PAYMENTS, None) >= 3, timeout=WAIT)
    shell.window.show()
    shell.window.show_page_named("payments")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, PaymentsPage)
    page.reload()
    qtbot.keyClicks(page.search, "mariana")
    assert page.model.rowCount() == 1
    assert page.count_label.text().startswith("1 pago · cobrado $")
    page.search.clear()
    shown = page.model.rowCount()
    assert shown >= 2
    assert page.count_label.text().startswith(f"{shown} pagos · cobrado $")


def test_facturas_count_says_1_factura_then_n_facturas(qtbot: QtBot, shell: AppShell) -> None:
    shell.window.show()
    shell.window.show_page_named("invoices")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, InvoicesPage)
    page.period.setCurrentIndex(page.period.findData("all"))
    qtbot.waitUntil(lambda: page.model.rowCount() >= 4, timeout=WAIT)
    shown = page.model.rowCount()
    assert page.count_label.text().startswith(f"{shown} facturas · vigentes $")
    folio = page.model.row_at(0).extra["folio"]
    others = [page.model.row_at(n).extra["folio"] for n in range(1, shown)]
    assert not any(folio in other for other in others)  # the search finds that one alone
    qtbot.keyClicks(page.search, folio)
    assert page.model.rowCount() == 1
    assert page.count_label.text().startswith("1 factura · vigentes $")


def test_recibos_global_summary_says_1_recibo_then_2_recibos(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    def new_receipt(client_id: str) -> None:
        api.receipts.create(
            {
                "client": {"id": client_id},
                "items": [{"id": "service_demo_cuaderno", "quantity": 1}],
                "payment_form": "01",
            }
        )

    new_receipt("client_demo_publico")
    shell.window.show()
    shell.window.show_page_named("receipts")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, ReceiptsPage)
    qtbot.waitUntil(lambda: len(page.pending_for_global()) >= 1, timeout=WAIT)
    assert len(page.pending_for_global()) == 1
    assert page.global_summary.text().startswith("Para la factura global: 1 recibo por $")
    new_receipt("client_demo_ana")
    page.reload()
    qtbot.waitUntil(lambda: len(page.pending_for_global()) == 2, timeout=WAIT)
    assert page.global_summary.text().startswith("Para la factura global: 2 recibos por $")


def test_switching_team_with_one_row_queued_says_1_envio() -> None:
    one = team_rules.switch_team_problem("team_b", "team_a", 1)
    assert one is not None and "tiene 1 envío sin terminar" in one and "Envíalo" in one
    two = team_rules.switch_team_problem("team_b", "team_a", 2)
    assert two is not None and "tiene 2 envíos sin terminar" in two and "Envíalos" in two
