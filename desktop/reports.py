"""Sales reports over a date range: by day, hour, payment form, product and cashier/terminal,
with refunds, cancellations and what is still queued. Qt-free.

The reports page, its CSV export and ``python -m desktop report`` all call `build_report` on
the sales `desktop.till.sale_facts` reads (this till's sales, sent or queued, and the cached
gigstack payments of other tills), so every figure is computed once.

Conventions (written down because accountants will ask):

- A sale belongs to the day and hour it was sold at the counter (``metadata.sold_at``, in the
  offset it was sold in), not when gigstack registered it: a sale queued offline at 23:50 and
  sent after midnight is in the earlier day.
- Refunds and cancellations are counted against the sale they undo, so a range's ``total``
  is what its sales finally brought in (gross − refunds − cancelled).
- A cancelled sale counts nothing and is not in the ``count`` of any group; a partially
  refunded one counts what was kept. ``by_product`` shows what was sold (quantities and line
  amounts with taxes) of the sales not cancelled; refunds are amounts, not products.
- Queued sales (not in gigstack yet) were paid at the counter: they count, and ``queued``
  says how many and how much.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.till import ZERO, SaleFact, cents, form_name, money_text


@dataclass
class Bucket:
    count: int = 0
    total: Decimal = ZERO

    def add(self, amount: Decimal) -> None:
        self.count += 1
        self.total += amount

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "total": money_text(self.total)}


@dataclass
class FormBucket(Bucket):
    gross: Decimal = ZERO
    refunds: Decimal = ZERO
    cancellations: Decimal = ZERO

    def to_json(self) -> dict[str, Any]:
        return {
            "name": form_name(self.code),
            "count": self.count,
            "gross": money_text(self.gross),
            "refunds": money_text(self.refunds),
            "cancellations": money_text(self.cancellations),
            "total": money_text(self.total),
        }

    code: str = ""


@dataclass
class ProductBucket:
    quantity: Decimal = ZERO
    total: Decimal = ZERO
    sales: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "quantity": str(self.quantity.normalize()) if self.quantity else "0",
            "sales": self.sales,
            "total": money_text(self.total),
        }


@dataclass
class Report:
    start: date | None
    end: date | None
    sales: list[SaleFact] = field(default_factory=list)
    gross: Decimal = ZERO
    refunds: Bucket = field(default_factory=Bucket)
    cancellations: Bucket = field(default_factory=Bucket)
    queued: Bucket = field(default_factory=Bucket)
    unpriced: int = 0  # queued sales whose total only gigstack will know
    by_day: dict[str, Bucket] = field(default_factory=dict)
    by_hour: dict[int, Bucket] = field(default_factory=dict)
    by_payment_form: dict[str, FormBucket] = field(default_factory=dict)
    by_product: dict[str, ProductBucket] = field(default_factory=dict)
    by_cashier: dict[str, Bucket] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Sales that count (not cancelled)."""
        return sum(1 for s in self.sales if not s.canceled)

    @property
    def total(self) -> Decimal:
        return cents(self.gross - self.refunds.total - self.cancellations.total)

    @property
    def average(self) -> Decimal:
        return cents(self.total / self.count) if self.count else ZERO

    def to_json(self) -> dict[str, Any]:
        """The report as JSON: amounts are strings with two decimals."""
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "count": self.count,
            "gross": money_text(self.gross),
            "refunds": self.refunds.to_json(),
            "cancellations": self.cancellations.to_json(),
            "total": money_text(self.total),
            "average_ticket": money_text(self.average),
            "queued": {**self.queued.to_json(), "unpriced": self.unpriced},
            "by_payment_form": {k: v.to_json() for k, v in self.by_payment_form.items()},
            "by_day": {k: v.to_json() for k, v in self.by_day.items()},
            "by_hour": {f"{h:02d}": v.to_json() for h, v in self.by_hour.items()},
            "by_product": {k: v.to_json() for k, v in self.by_product.items()},
            "by_cashier": {k: v.to_json() for k, v in self.by_cashier.items()},
        }


def cashier_label(sale: SaleFact) -> str:
    """ "CAJA1 · Ana", "CAJA1" or "gigstack" (a payment made outside any till)."""
    terminal = sale.terminal or "—"
    return f"{terminal} · {sale.cashier}" if sale.cashier else terminal


def in_range(sale: SaleFact, start: date | None, end: date | None) -> bool:
    day = sale.sold_at.date()
    return (start is None or day >= start) and (end is None or day <= end)


def build_report(
    sales: Iterable[SaleFact], start: date | None = None, end: date | None = None
) -> Report:
    """Group the sales sold from `start` to `end` (both included; None: no bound)."""
    report = Report(start, end)
    for sale in sales:
        if not in_range(sale, start, end):
            continue
        report.sales.append(sale)
        report.gross += sale.total
        code = sale.payment_form
        form = report.by_payment_form.setdefault(code, FormBucket(code=code))
        form.gross += sale.total
        if sale.queued:
            report.queued.add(sale.total)
            if not sale.total_known:
                report.unpriced += 1
        if sale.canceled:
            kept = max(sale.total - sale.refunded, ZERO)
            report.cancellations.add(kept)
            report.refunds.total += sale.refunded
            report.refunds.count += 1 if sale.refunded else 0
            form.cancellations += kept
            form.refunds += sale.refunded
            continue
        if sale.refunded:
            report.refunds.add(sale.refunded)
            form.refunds += sale.refunded
        net = sale.net
        form.add(net)
        report.by_day.setdefault(sale.sold_at.date().isoformat(), Bucket()).add(net)
        report.by_hour.setdefault(sale.sold_at.hour, Bucket()).add(net)
        report.by_cashier.setdefault(cashier_label(sale), Bucket()).add(net)
        for line in sale.lines:
            product = report.by_product.setdefault(line.description, ProductBucket())
            product.quantity += line.quantity
            product.total += line.amount
            product.sales += 1
    report.by_day = dict(sorted(report.by_day.items()))
    report.by_hour = dict(sorted(report.by_hour.items()))
    report.by_payment_form = dict(
        sorted(report.by_payment_form.items(), key=lambda kv: (-kv[1].total, kv[0]))
    )
    report.by_product = dict(
        sorted(report.by_product.items(), key=lambda kv: (-kv[1].total, kv[0]))
    )
    report.by_cashier = dict(sorted(report.by_cashier.items()))
    return report


#: CSV columns, one row per sale (a spreadsheet can group them any way it likes).
CSV_COLUMNS = (
    "fecha",
    "hora",
    "folio",
    "caja",
    "cajero",
    "forma_de_pago",
    "estado",
    "estado_gigstack",
    "en_cola",
    "total",
    "reembolsado",
    "cancelado",
    "neto",
    "pago_gigstack",
)


#: The `estado` column in the words Pagos shows (es-MX); `estado_gigstack` keeps gigstack's
#: code for formulas. A status not listed here is written as gigstack said it.
STATUS_TEXT = {
    "succeeded": "Pagado",
    "paid": "Pagado",
    "requires_payment_method": "Pendiente de pago",
    "pending": "Pendiente",
    "processing": "Procesando",
    "failed": "Fallido",
    "canceled": "Cancelado",
    "cancelled": "Cancelado",
    "refunded": "Reembolsado",
    "partially_refunded": "Reembolso parcial",
    "queued": "En cola",
    "parked": "Detenido",
}


def status_text(status: str) -> str:
    """A sale's status as Pagos words it ("Pagado", "Reembolso parcial"...)."""
    return STATUS_TEXT.get(status.strip().lower(), status)


def report_csv(report: Report) -> str:
    """One row per sale in the range (amounts with two decimals, a point as the separator),
    then the totals; UTF-8 text, to be written with a BOM so Excel reads the accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for sale in report.sales:
        writer.writerow(
            (
                sale.sold_at.date().isoformat(),
                sale.sold_at.strftime("%H:%M:%S"),
                sale.folio,
                sale.terminal,
                sale.cashier,
                sale.payment_form,
                status_text(sale.status),
                sale.status,
                "sí" if sale.queued else "no",
                money_text(sale.total),
                money_text(sale.refunded),
                "sí" if sale.canceled else "no",
                money_text(sale.net),
                sale.payment_id or "",
            )
        )
    writer.writerow(())
    writer.writerow(("ventas", report.count))
    writer.writerow(("bruto", money_text(report.gross)))
    writer.writerow(("reembolsos", money_text(report.refunds.total)))
    writer.writerow(("cancelaciones", money_text(report.cancellations.total)))
    writer.writerow(("total", money_text(report.total)))
    return out.getvalue()
