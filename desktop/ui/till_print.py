"""The X and Z reports (corte de caja) on 58/80 mm ticket paper and as PDF.

Printed from the figures' JSON (`desktop.till.ShiftFigures.to_json`, or the Z report stored
with the close), so a reprint of a closed shift is the same paper as the first print. The
page layout, printer choice and painting are the sale ticket's (`desktop.ui.ticket`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from desktop.till import form_name
from desktop.ui import ticket
from desktop.ui.formatting import money, when


def _e(value: Any) -> str:
    return html.escape(str(value))


def _row(label: str, value: str, *, bold: bool = False) -> str:
    indent = "&nbsp;" * (len(label) - len(label.lstrip()))
    label = label.strip()
    if bold:
        return (
            f"<tr><td>{indent}<b>{_e(label)}</b></td><td align='right'><b>{_e(value)}</b></td></tr>"
        )
    return f"<tr><td>{indent}{_e(label)}</td><td align='right'>{_e(value)}</td></tr>"


def _minus(value: Any) -> str:
    """Money that left the drawer: "-$35.00"; "$0.00" when none did (never "-$0.00")."""
    text = money(value)
    if not text or text == "$0.00" or text.startswith("-"):
        return text or "$0.00"
    return "-" + text


def _table(rows: list[str]) -> str:
    return "<table width='100%' cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


def report_title(report: Mapping[str, Any]) -> str:
    if report.get("kind") == "Z":
        return "CORTE Z (cierre de turno)"
    return "CORTE X (lectura parcial)"


def shift_report_html(report: Mapping[str, Any], business: Mapping[str, str]) -> str:
    """The report as the HTML subset QTextDocument understands."""
    head = [f'<p align="center" style="font-size:11px"><b>{_e(business.get("name", ""))}</b>']
    # The same header as the sale ticket (`paper_business`): name, RFC, address, phone.
    if business.get("rfc"):
        head.append(f"<br>RFC {_e(business['rfc'])}")
    if business.get("address"):
        head.append(f"<br>{_e(business['address'])}")
    if business.get("phone"):
        head.append(f"<br>Tel. {_e(business['phone'])}")
    head.append("</p>")
    head.append(f'<p align="center" style="font-size:11px"><b>{_e(report_title(report))}</b></p>')
    meta = [
        _row("Turno", str(report.get("shift", ""))),
        _row("Caja", str(report.get("terminal", ""))),
    ]
    if report.get("cashier"):
        meta.append(_row("Cajero", str(report["cashier"])))
    meta.append(_row("Abierto", when(report.get("opened_at"))))
    if report.get("auto_opened"):
        meta.append(f"<tr><td colspan='2'>{_e('Abierto solo con la primera venta')}</td></tr>")
    meta.append(
        _row(
            "Impreso" if report.get("kind") != "Z" else "Cerrado",
            when(report.get("generated_at")),
        )
    )

    totals = [
        _row("Ventas", str(report.get("sales_count", 0))),
        _row("Vendido", money(report.get("gross"))),
        _row(
            "Reembolsos ({n})".format(n=report.get("refunds", {}).get("count", 0)),
            _minus(report.get("refunds", {}).get("total")),
        ),
        _row(
            "Cancelaciones ({n})".format(n=report.get("cancellations", {}).get("count", 0)),
            _minus(report.get("cancellations", {}).get("total")),
        ),
        # Sales less what went back; the money expected per form (float, moves) is below.
        _row("Ventas netas", money(report.get("net")), bold=True),
    ]
    queued = report.get("queued") or {}
    if queued.get("count"):
        totals.append(_row("En cola ({n})".format(n=queued["count"]), money(queued.get("total"))))

    forms = []
    for code, form in (report.get("by_payment_form") or {}).items():
        forms.append(f"<tr><td colspan='2'><b>{_e(code)} {_e(form_name(code))}</b></td></tr>")
        if code == "01":
            forms.append(_row("  Fondo inicial", money(form.get("opening"))))
        forms.append(
            _row("  Ventas ({n})".format(n=form.get("sales_count", 0)), money(form.get("sales")))
        )
        if form.get("refunds") not in (None, "0.00"):
            forms.append(_row("  Reembolsos", _minus(form.get("refunds"))))
        if form.get("cancellations") not in (None, "0.00"):
            forms.append(_row("  Cancelaciones", _minus(form.get("cancellations"))))
        if code == "01":
            forms.append(_row("  Entradas", money(form.get("cash_in"))))
            forms.append(_row("  Salidas", _minus(form.get("cash_out"))))
        forms.append(_row("  Esperado", money(form.get("expected")), bold=True))
        if "counted" in form:
            forms.append(_row("  Contado", money(form.get("counted"))))
            forms.append(_row("  Diferencia", difference_text(form.get("difference")), bold=True))

    if report.get("expected_total") is not None and len(report.get("by_payment_form") or {}) > 1:
        # The Esperado rows added up (cash with its float and moves): what Turno's Total says.
        forms.append(_row("Esperado, todas las formas", money(report["expected_total"]), bold=True))

    moves = []
    for move in report.get("cash_moves") or []:
        taken = move.get("kind") != "in"
        label = "Entrada" if move.get("kind") == "in" else "Salida"
        amount = _minus(move.get("amount")) if taken else money(move.get("amount"))
        moves.append(_row(f"{when(move.get('at'))[-5:]} {label}", amount))
        moves.append(f"<tr><td colspan='2'>&nbsp;&nbsp;{_e(move.get('reason', ''))}</td></tr>")

    if report.get("closed_by"):
        meta.append(_row("Cerró", str(report["closed_by"])))
    parts = ["<html><body>", *head, _table(meta), "<hr>", _table(totals), "<hr>", _table(forms)]
    if moves:
        parts += ["<hr>", f"<p><b>{_e('Movimientos de efectivo')}</b></p>", _table(moves)]
    if report.get("note"):
        parts.append(f"<p>{_e('Nota')}: {_e(report['note'])}</p>")
    if report.get("kind") == "Z":
        parts.append(
            f'<p align="center"><br><br>______________________<br>'
            f"{_e('Firma de quien entrega')}</p>"
        )
    parts.append("</body></html>")
    return "".join(parts)


def difference_text(value: Any) -> str:
    """ "$0.00", "+$5.00 (sobra)" or "-$10.00 (falta)"."""
    text = money(value)
    if not text or text == "$0.00":
        return text or ""
    if text.startswith("-"):
        return text + " (falta)"
    return "+" + text + " (sobra)"


def shift_document(
    report: Mapping[str, Any], business: Mapping[str, str], width_mm: int
) -> QTextDocument:
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPixelSize(8 if width_mm == 58 else 9)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(shift_report_html(report, business))
    doc.setTextWidth(ticket.PRINTABLE_MM[width_mm] * ticket.POINTS_PER_MM)
    return doc


def report_text(report: Mapping[str, Any], business: Mapping[str, str], width_mm: int = 80) -> str:
    """What a person reads on the paper (for tests and the screen)."""
    return shift_document(report, business, width_mm).toPlainText()


def save_pdf(
    report: Mapping[str, Any], business: Mapping[str, str], path: str, width_mm: int
) -> bool:
    doc = shift_document(report, business, width_mm)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setDocName(report_title(report))
    ticket.prepare_printer(printer, doc, width_mm)
    return ticket.paint_ticket(printer, doc, width_mm)


def print_report(
    report: Mapping[str, Any],
    business: Mapping[str, str],
    width_mm: int,
    parent: QWidget | None = None,
    *,
    ask: bool = True,
) -> bool | None:
    """Print through the dialog (`ask`) or to the default printer.

    Returns:
        True printed, None the cashier cancelled the print dialog, False it failed (no
        printer, or the printer would not start): the caller says so on screen.
    """
    doc = shift_document(report, business, width_mm)
    if ask:
        title = (
            QCoreApplication.translate("TillPrint", "Imprimir corte Z")
            if report.get("kind") == "Z"
            else QCoreApplication.translate("TillPrint", "Imprimir corte X")
        )
        printer = ticket.choose_printer(parent, doc, width_mm, title)
        if printer is None:
            return None
    else:
        printer = ticket.default_printer(doc, width_mm)
        if printer is None:
            return False
    return ticket.paint_ticket(printer, doc, width_mm)


def render_image(
    report: Mapping[str, Any], business: Mapping[str, str], width_mm: int, dpi: int = 203
) -> QImage:
    """The paper as a white image (a preview, and what tests look at)."""
    doc = shift_document(report, business, width_mm)
    margin_mm = (width_mm - ticket.PRINTABLE_MM[width_mm]) / 2
    size = QSizeF(
        width_mm,
        doc.size().height() / ticket.POINTS_PER_MM + 2 * margin_mm + ticket.BOTTOM_FEED_MM,
    )
    dots_per_mm = dpi / 25.4
    image = QImage(
        round(size.width() * dots_per_mm),
        round(size.height() * dots_per_mm),
        QImage.Format.Format_RGB32,
    )
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(margin_mm * dots_per_mm, margin_mm * dots_per_mm)
        painter.scale(dpi / 72, dpi / 72)
        doc.drawContents(painter)
    finally:
        painter.end()
    return image
