"""The Reportes page in the real app shell: figures read on the page lane (offline too), the
chart drawn with QPainter by hour or by day, tables by form/product/cashier, CSV export, and a
backwards date range refused in words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.ui.app import AppShell
from desktop.ui.reports_page import ACCENT, ReportsPage, chart_bars
from tests.test_till import sale_body

TIMEOUT = 10_000


def reports_page(qtbot: QtBot, shell: AppShell) -> ReportsPage:
    for page in shell.window.pages:
        if isinstance(page, ReportsPage):
            shell.window.show_page_named("reports")
            return page
    page = ReportsPage(shell.ctx)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    return page


def test_offline_sales_in_the_report_chart_tables_and_csv(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, tmp_path: Path
) -> None:
    sandbox.faults.set(status_down=True)
    core = shell.core
    core.shifts.open(Decimal("0"), "Ana")
    queue_payment(core.outbox, sale_body("01", ("Café", 2, "35.00")))  # 70.00
    queue_payment(core.outbox, sale_body("04", ("Mochila", 1, "899.90")))
    now = datetime.now().astimezone()
    core.cache.upsert(
        Resource.PAYMENTS,
        shell.ctx.team,
        [
            {
                "id": "payment_other",
                "status": "partially_refunded",
                "refunded_amount": "20.00",
                "total": "120.00",
                "payment_form": "28",
                "metadata": {"folio": "CAJA2-3", "sold_at": now.isoformat()},
                "items": [],
            }
        ],
    )
    page = reports_page(qtbot, shell)
    page.set_range("today")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=TIMEOUT)
    report = page.report
    assert report is not None and report.total == Decimal("1069.90")
    assert page.cards["total"].text() == "$1,069.90"
    assert page.cards["count"].text() == "3"
    assert page.cards["refunds"].text() == "$20.00 (1)"
    assert page.cards["queued"].text() == "2 · $969.90"
    assert "2 ventas siguen en la cola" in page.note.text()

    # One day: the chart is by hour and the sale's hour has the bar.
    assert page.chart.title == "Ventas por hora"
    hour = next(b for b in page.chart.bars if b[0] == f"{now.hour:02d}")
    assert hour[1] == Decimal("1069.90") and hour[2] == 3
    image = page.chart.grab().toImage()
    painted = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert ACCENT.name() in painted  # the bars are really drawn

    forms = {
        page.forms_table.item(r, 0).text()[:2]: page.forms_table.item(r, 5).text()
        for r in range(page.forms_table.rowCount())
    }
    assert forms == {"04": "$899.90", "28": "$100.00", "01": "$70.00"}
    cashiers = {
        page.cashiers_table.item(r, 0).text(): page.cashiers_table.item(r, 2).text()
        for r in range(page.cashiers_table.rowCount())
    }
    assert cashiers == {"CAJA1 · Ana": "$969.90", "CAJA2": "$100.00"}
    assert page.products_table.item(0, 0).text() == "Mochila"

    path = page.export_csv(str(tmp_path / "ventas.csv"))
    assert path is not None
    raw = Path(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("fecha,hora,folio,caja,cajero,forma_de_pago")
    assert lines[-1] == "total,1069.90"

    # A week: one bar per day, the seven of them, today's with the money.
    page.set_range("week")
    qtbot.waitUntil(
        lambda: page.chart.title == "Ventas por día" and not page.loading, timeout=TIMEOUT
    )
    assert len(page.chart.bars) == 7 and page.chart.bars[-1][1] == Decimal("1069.90")
    sandbox.faults.clear()


def test_a_backwards_range_is_refused_next_to_the_dates(qtbot: QtBot, shell: AppShell) -> None:
    page = reports_page(qtbot, shell)
    page.set_range("today")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=TIMEOUT)
    before = page.report
    today = datetime.now().astimezone().date()
    page.set_dates(today, today - timedelta(days=3))
    assert not page.range_error.isHidden()
    assert "posterior" in page.range_error.text()
    assert page.report is before


def test_long_ranges_chart_by_month() -> None:
    from desktop.reports import build_report

    start = date(2026, 1, 15)
    end = date(2026, 5, 2)
    title, bars = chart_bars(build_report([], start, end), start, end)
    assert title == "Ventas por mes"
    assert [b[0] for b in bars] == ["ene 26", "feb 26", "mar 26", "abr 26", "may 26"]
