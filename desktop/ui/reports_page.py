"""Reportes: sales over a date range with a chart (by hour for one day, by day for a range, by
month for long ranges), grouped by payment form, product, cashier/terminal and day, with
refunds, cancellations and what is still queued; CSV export.

The figures are `desktop.reports.build_report` over `desktop.till.sale_facts` (the same code
as ``python -m desktop report``). Reading a year of sales and a big payment cache takes a
moment, so it runs on the page lane (``ctx.run_op`` with ``needs_online=False``: it is all
local, it works offline) and the page shows the answer when it comes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QPointF, QRectF, QStandardPaths, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.gigstack import GigstackClient
from desktop.reports import Report, build_report, report_csv
from desktop.till import sale_facts
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text, money, quantity
from desktop.ui.page import Page
from desktop.ui.shift_page import fill_table, form_cell, simple_table

ACCENT = QColor("#0F766E")
ACCENT_LIGHT = QColor("#99F6E4")
INK = QColor("#0F172A")
MUTED = QColor("#64748B")
LINES = QColor("#E2E8F0")
#: Up to this many days the chart shows one bar per day; longer ranges, one per month.
DAILY_CHART_MAX_DAYS = 62
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


def _nice_step(top: Decimal) -> Decimal:
    """A round grid step so that about four lines cover `top` (1, 2, 2.5 or 5 x 10^n)."""
    if top <= 0:
        return Decimal(1)
    raw = top / 4
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal("0.01")
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        step = magnitude * factor
        if step >= raw:
            return step
    return magnitude * 10


def _axis_money(value: Decimal) -> str:
    """Short money for the axis: $1.2k, $15k, $1.5M."""
    if value >= 1_000_000:
        return f"${value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1000:
        return f"${value / 1000:.1f}k".replace(".0k", "k")
    return f"${value:.0f}"


class SalesChart(QWidget):
    """A bar chart drawn with QPainter (no chart library): one bar per hour, day or month.

    Hovering a bar shows its label, amount and number of sales.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesChart")
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.title = ""
        self.bars: list[tuple[str, Decimal, int]] = []
        self._rects: list[QRectF] = []
        self.empty_text = ""

    def set_bars(self, title: str, bars: Sequence[tuple[str, Decimal, int]], empty: str) -> None:
        """(label, net amount, sales) per bar, left to right."""
        self.title = title
        self.bars = list(bars)
        self.empty_text = empty
        self.setAccessibleName(title)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        area = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(LINES, 1))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(area, 8, 8)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() * 1.1)
        painter.setFont(title_font)
        painter.setPen(INK)
        painter.drawText(
            area.adjusted(14, 8, -14, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            self.title,
        )
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        top_value = max((amount for _l, amount, _n in self.bars), default=Decimal(0))
        if not self.bars or top_value <= 0:
            painter.setPen(MUTED)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            self._rects = []
            return
        step = _nice_step(top_value)
        lines = int((top_value / step).to_integral_value(rounding="ROUND_CEILING"))
        ceiling = step * max(lines, 1)
        axis_width = max(metrics.horizontalAdvance(_axis_money(ceiling)), 30) + 10
        plot = area.adjusted(
            14 + axis_width, 16 + metrics.height() * 2, -16, -(metrics.height() + 14)
        )
        # Grid lines with their amounts.
        for n in range(max(lines, 1) + 1):
            value = step * n
            y = plot.bottom() - float(value / ceiling) * plot.height()
            painter.setPen(QPen(LINES, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left() + 4, y - metrics.height() / 2, axis_width + 4, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _axis_money(value),
            )
        count = len(self.bars)
        slot = plot.width() / count
        bar_width = max(min(slot * 0.7, 48.0), 2.0)
        widest_label = max(metrics.horizontalAdvance(label) for label, _a, _n in self.bars) + 6
        every = max(1, int(widest_label // slot) + 1)
        best = max(range(count), key=lambda i: self.bars[i][1])
        self._rects = []
        for i, (label, amount, _n) in enumerate(self.bars):
            height = float(amount / ceiling) * plot.height() if amount > 0 else 0.0
            x = plot.left() + slot * i + (slot - bar_width) / 2
            rect = QRectF(x, plot.bottom() - height, bar_width, height)
            self._rects.append(QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ACCENT if i == best else ACCENT_LIGHT.darker(115))
            if height > 0:
                painter.drawRoundedRect(rect, 2, 2)
            if i % every == 0:
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(
                        plot.left() + slot * i - slot, plot.bottom() + 4, slot * 3, metrics.height()
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
        # The best bar says its amount: what a person looks for first.
        label, amount, _n = self.bars[best]
        rect = self._rects[best]
        painter.setPen(INK)
        y = plot.bottom() - float(amount / ceiling) * plot.height() - metrics.height() - 2
        painter.drawText(
            QRectF(rect.center().x() - 80, y, 160, metrics.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            money(amount),
        )

    def bar_at(self, x: float, y: float) -> int | None:
        for i, rect in enumerate(self._rects):
            if rect.contains(QPointF(x, y)):
                return i
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().x(), event.position().y())
        if index is None:
            QToolTip.hideText()
            return
        label, amount, sales = self.bars[index]
        QToolTip.showText(
            event.globalPosition().toPoint(),
            count_text(
                sales,
                self.tr("{label}: {amount} · 1 venta"),
                self.tr("{label}: {amount} · {n} ventas"),
                label=label,
                amount=money(amount),
            ),
            self,
        )


def chart_bars(
    report: Report, start: date, end: date
) -> tuple[str, list[tuple[str, Decimal, int]]]:
    """The chart for a report: by hour (one day), by day (up to two months), else by month."""
    if start == end:
        hours = list(report.by_hour)
        first = min([8, *hours])
        last = max([20, *hours])
        bars = []
        for hour in range(first, last + 1):
            bucket = report.by_hour.get(hour)
            bars.append(
                (
                    f"{hour:02d}",
                    bucket.total if bucket else Decimal(0),
                    bucket.count if bucket else 0,
                )
            )
        return str(QT_TRANSLATE_NOOP("ReportsPage", "Ventas por hora")), bars
    days = (end - start).days + 1
    if days <= DAILY_CHART_MAX_DAYS:
        bars = []
        for n in range(days):
            day = start + timedelta(days=n)
            bucket = report.by_day.get(day.isoformat())
            bars.append(
                (
                    day.strftime("%d/%m"),
                    bucket.total if bucket else Decimal(0),
                    bucket.count if bucket else 0,
                )
            )
        return str(QT_TRANSLATE_NOOP("ReportsPage", "Ventas por día")), bars
    months: dict[tuple[int, int], tuple[Decimal, int]] = {}
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        months[(cursor.year, cursor.month)] = (Decimal(0), 0)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    for key, bucket in report.by_day.items():
        day = date.fromisoformat(key)
        total, count = months.get((day.year, day.month), (Decimal(0), 0))
        months[(day.year, day.month)] = (total + bucket.total, count + bucket.count)
    bars = [(f"{MONTHS[m - 1]} {y % 100:02d}", t, c) for (y, m), (t, c) in months.items()]
    return str(QT_TRANSLATE_NOOP("ReportsPage", "Ventas por mes")), bars


def _today() -> date:
    """The terminal's local day (sales are grouped by the day they were sold in)."""
    return datetime.now().astimezone().date()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportsPage(Page):
    """Sales reports with a chart and CSV export."""

    title = str(QT_TRANSLATE_NOOP("Page", "Reportes"))
    icon_name = "reports"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("reports")
        self.report: Report | None = None
        self._asked: tuple[date, date] | None = None
        self._loading = False

        heading = QLabel(self.tr("Reportes de ventas"))
        heading.setObjectName("pageHeading")
        today = _today()
        self.date_from = QDateEdit(_qdate(today))
        self.date_from.setObjectName("dateFrom")
        self.date_to = QDateEdit(_qdate(today))
        self.date_to.setObjectName("dateTo")
        for edit, name in ((self.date_from, self.tr("Desde")), (self.date_to, self.tr("Hasta"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._dates_changed)
        self.range_error = QLabel()
        self.range_error.setObjectName("rangeError")
        self.range_error.setProperty("error", True)
        self.range_error.setVisible(False)
        quick = QHBoxLayout()
        from_label = QLabel(self.tr("&Desde"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("&Hasta"))
        to_label.setBuddy(self.date_to)
        quick.addWidget(from_label)
        quick.addWidget(self.date_from)
        quick.addWidget(to_label)
        quick.addWidget(self.date_to)
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("today", self.tr("Hoy")),
            ("yesterday", self.tr("Ayer")),
            ("week", self.tr("Últimos 7 días")),
            ("month", self.tr("Este mes")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"range_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.set_range(k))
            quick.addWidget(button)
            self.quick_buttons[key] = button
        quick.addWidget(self.range_error)
        quick.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.setObjectName("refreshReportButton")
        self.refresh_button.setToolTip("F5")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.reload)
        self.csv_button = QPushButton(self.tr("Exportar &CSV"))
        self.csv_button.setObjectName("exportCsvButton")
        self.csv_button.clicked.connect(lambda: self.export_csv())  # noqa: PLW0108 (checked)
        quick.addWidget(self.refresh_button)
        quick.addWidget(self.csv_button)

        cards = QGridLayout()
        cards.setHorizontalSpacing(10)
        self.cards: dict[str, QLabel] = {}
        for column, (key, text) in enumerate(
            (
                ("total", self.tr("Total cobrado")),
                ("count", self.tr("Ventas")),
                ("average", self.tr("Ticket promedio")),
                ("refunds", self.tr("Reembolsos")),
                ("cancellations", self.tr("Cancelaciones")),
                ("queued", self.tr("En cola")),
            )
        ):
            frame = QFrame()
            frame.setObjectName("reportCard")
            frame.setStyleSheet(
                "QFrame#reportCard { background: #FFFFFF; border: 1px solid #E2E8F0; "
                "border-radius: 8px; }"
            )
            box = QVBoxLayout(frame)
            box.setContentsMargins(12, 8, 12, 8)
            caption = QLabel(text)
            caption.setProperty("role", "hint")
            value = QLabel("—")
            value.setObjectName(f"card_{key}")
            value.setStyleSheet("font-size: 15pt; font-weight: 600; border: none;")
            caption.setStyleSheet("border: none;")
            box.addWidget(caption)
            box.addWidget(value)
            cards.addWidget(frame, 0, column)
            self.cards[key] = value

        self.chart = SalesChart()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.forms_table = simple_table(
            "reportForms",
            [
                self.tr("Forma de pago"),
                self.tr("Ventas"),
                self.tr("Vendido"),
                self.tr("Reembolsos"),
                self.tr("Cancelaciones"),
                self.tr("Total"),
            ],
            {1, 2, 3, 4, 5},
        )
        self.products_table = simple_table(
            "reportProducts",
            [self.tr("Producto"), self.tr("Cantidad"), self.tr("Ventas"), self.tr("Importe")],
            {1, 2, 3},
        )
        self.cashiers_table = simple_table(
            "reportCashiers",
            [self.tr("Caja · cajero"), self.tr("Ventas"), self.tr("Total")],
            {1, 2},
        )
        self.days_table = simple_table(
            "reportDays", [self.tr("Día"), self.tr("Ventas"), self.tr("Total")], {1, 2}
        )
        self.hours_table = simple_table(
            "reportHours", [self.tr("Hora"), self.tr("Ventas"), self.tr("Total")], {1, 2}
        )
        self.tabs.addTab(self.forms_table, self.tr("Por forma de pago"))
        self.tabs.addTab(self.products_table, self.tr("Por producto"))
        self.tabs.addTab(self.cashiers_table, self.tr("Por caja y cajero"))
        self.tabs.addTab(self.days_table, self.tr("Por día"))
        self.tabs.addTab(self.hours_table, self.tr("Por hora"))

        self.note = QLabel()
        self.note.setObjectName("reportNote")
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)

        # The tables get the wider share: six columns of amounts and "04 · Tarjeta de crédito"
        # read whole at 1366x768; the chart's bars stay legible narrower.
        middle = QHBoxLayout()
        middle.addWidget(self.chart, 2)
        middle.addWidget(self.tabs, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(quick)
        layout.addLayout(cards)
        layout.addLayout(middle, 1)
        layout.addWidget(self.note)

    # -- range ---------------------------------------------------------------------------------

    def dates(self) -> tuple[date, date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def set_range(self, key: str) -> None:
        today = _today()
        start, end = {
            "today": (today, today),
            "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
            "week": (today - timedelta(days=6), today),
            "month": (today.replace(day=1), today),
        }[key]
        self.set_dates(start, end)

    def set_dates(self, start: date, end: date) -> None:
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self._dates_changed()

    def _dates_changed(self) -> None:
        start, end = self.dates()
        if start > end:
            self.range_error.setText(self.tr("«Desde» es posterior a «Hasta»."))
            self.range_error.setVisible(True)
            return
        self.range_error.setVisible(False)
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    def activated(self) -> None:
        self.reload()
        self.date_from.setFocus()

    def reload(self) -> None:
        """Read the sales again (on the page lane) and show the report for the chosen dates."""
        start, end = self.dates()
        if start > end:
            return
        core, team = self.ctx.core, self.ctx.team
        self._asked = (start, end)
        self._loading = True
        self.note.setText(self.tr("Leyendo las ventas…"))

        def read(_api: GigstackClient) -> Report:
            data = sale_facts(core.outbox, core.cache, team, core.shifts)
            return build_report(data.sales, start, end)

        def done(report: Report) -> None:
            if self._asked != (start, end):
                return  # the cashier picked other dates meanwhile
            self._loading = False
            self.show_report(report)

        def failed(message: str, _exc: BaseException | None) -> None:
            self._loading = False
            self.note.setText(message)
            self.ctx.notify(message, "error")

        self.ctx.run_op(self, read, done, on_error=failed, needs_online=False)

    @property
    def loading(self) -> bool:
        return self._loading

    def show_report(self, report: Report) -> None:
        self.report = report
        start, end = report.start or _today(), report.end or _today()
        self.cards["total"].setText(money(report.total))
        self.cards["count"].setText(str(report.count))
        self.cards["average"].setText(money(report.average))
        self.cards["refunds"].setText(f"{money(report.refunds.total)} ({report.refunds.count})")
        self.cards["cancellations"].setText(
            f"{money(report.cancellations.total)} ({report.cancellations.count})"
        )
        self.cards["queued"].setText(f"{report.queued.count} · {money(report.queued.total)}")
        title, bars = chart_bars(report, start, end)
        self.chart.set_bars(self.tr(title), bars, self.tr("Sin ventas en estas fechas"))
        fill_table(
            self.forms_table,
            [
                [
                    form_cell(code),
                    str(f.count),
                    money(f.gross),
                    money(f.refunds),
                    money(f.cancellations),
                    money(f.total),
                ]
                for code, f in report.by_payment_form.items()
            ],
            {1, 2, 3, 4, 5},
        )
        fill_table(
            self.products_table,
            [
                [name, quantity(p.quantity), str(p.sales), money(p.total)]
                for name, p in report.by_product.items()
            ],
            {1, 2, 3},
        )
        fill_table(
            self.cashiers_table,
            [[who, str(b.count), money(b.total)] for who, b in report.by_cashier.items()],
            {1, 2},
        )
        fill_table(
            self.days_table,
            [
                [date.fromisoformat(day).strftime("%d/%m/%Y"), str(b.count), money(b.total)]
                for day, b in report.by_day.items()
            ],
            {1, 2},
        )
        fill_table(
            self.hours_table,
            [[f"{h:02d}:00", str(b.count), money(b.total)] for h, b in report.by_hour.items()],
            {1, 2},
        )
        notes = [
            self.tr(
                "Cada venta cuenta en el día y la hora en que se cobró; los reembolsos y "
                "cancelaciones se restan de la venta que deshacen."
            )
        ]
        if report.queued.count:
            notes.append(
                count_text(
                    report.queued.count,
                    self.tr("1 venta sigue en la cola: ya cuenta aunque aún no llegue a gigstack."),
                    self.tr(
                        "{n} ventas siguen en la cola: ya cuentan aunque aún no lleguen a gigstack."
                    ),
                )
            )
        if report.unpriced:
            notes.append(
                count_text(
                    report.unpriced,
                    self.tr("1 venta en cola sin importe conocido hasta que gigstack la registre."),
                    self.tr(
                        "{n} ventas en cola sin importe conocido hasta que gigstack las registre."
                    ),
                )
            )
        self.note.setText(" ".join(notes))

    # -- export --------------------------------------------------------------------------------

    def export_csv(self, path: str | None = None) -> str | None:
        report = self.report
        if report is None:
            self.ctx.notify(self.tr("Espera a que termine de leer las ventas."), "warning")
            return None
        if path is None:
            start, end = self.dates()
            name = f"ventas-{start.isoformat()}" + (f"-a-{end.isoformat()}" if end != start else "")
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Exportar ventas a CSV"),
                str(Path(folder) / f"{name}.csv"),
                "CSV (*.csv)",
            )
            if not path:
                return None
        try:
            # A BOM, so Excel opens the accents right.
            Path(path).write_text(report_csv(report), encoding="utf-8-sig", newline="")
        except OSError as exc:
            self.ctx.notify(
                self.tr("No se pudo guardar el CSV en {path}: {why}").format(
                    path=path, why=exc.strerror or exc
                ),
                "error",
            )
            return None
        self.ctx.notify(self.tr("Ventas exportadas a {path}").format(path=path), "success")
        return path
