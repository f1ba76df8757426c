"""Sale tickets for 58 mm and 80 mm thermal paper: a QTextDocument, printed or saved as PDF.

The document is laid out in points (one layout unit = 1/72 inch) at the printable width of the
paper, then painted onto a `QPrinter` whose page is exactly as wide as the roll and as long as
the ticket, so a thermal printer cuts where the ticket ends and a PDF looks like the paper.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSettings, QSizeF, QStandardPaths, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from desktop.config import CONFIG_FILENAME, ConfigError, TerminalConfig
from desktop.records import receipts
from desktop.store.outbox import OutboxItem, OutboxState
from desktop.ui.counter_sale import payment_form_label
from desktop.ui.formatting import money, quantity, when
from desktop.ui.qr import qr_image

log = logging.getLogger(__name__)

PAPER_WIDTHS = (58, 80)
# Printable width of common thermal printers: 48 mm on 58 mm rolls, 72 mm on 80 mm rolls.
PRINTABLE_MM = {58: 48.0, 80: 72.0}
POINTS_PER_MM = 72 / 25.4
BOTTOM_FEED_MM = 8.0
# The self-invoice QR: about 40 mm on 80 mm paper, 34 mm on 58 mm paper (phones read it
# easily at arm's length; modules stay above 1 mm).
QR_MM = {58: 34.0, 80: 40.0}
QR_URL = "mostrador://self-invoice-qr"


@dataclass(frozen=True)
class TicketFiscal:
    """How the sale ends fiscally, as far as is known when the ticket is printed.

    Attributes:
        outcome: "invoice", "receipt" or "none" (`desktop.fiscal.outcome.Outcome` values).
        sent: gigstack has the sale (False: still in the queue, no document can exist yet).
        receipt_url: The receipt's self-invoice link (the QR), once the receipt is known.
        valid_until: Until when the customer can self-invoice (epoch seconds).
        invoice_number: "Series-folio" of the invoice, once stamped.
        invoice_uuid: The SAT fiscal UUID (folio fiscal), once stamped.
        where: Where to ask for the invoice later (the shop's phone or name).
    """

    outcome: str
    sent: bool = False
    receipt_url: str | None = None
    valid_until: float | None = None
    invoice_number: str | None = None
    invoice_uuid: str | None = None
    where: str = ""


@dataclass(frozen=True)
class TicketLine:
    description: str
    quantity: Decimal
    unit_price: Decimal  # tax-included
    amount: Decimal


@dataclass(frozen=True)
class TicketData:
    """Everything printed on one ticket (already resolved: no lookups while painting)."""

    business_name: str
    folio: str
    issued_at: float
    lines: Sequence[TicketLine]
    subtotal: Decimal
    taxes: Sequence[tuple[str, Decimal]]
    total: Decimal
    payment_form: str
    status: str
    business_rfc: str = ""
    business_address: str = ""
    business_phone: str = ""
    client_name: str = ""
    client_rfc: str = ""
    received: Decimal | None = None
    change: Decimal | None = None
    payment_id: str | None = None
    invoice_requested: bool = False
    discount: Decimal = field(default=Decimal("0.00"))
    fiscal: TicketFiscal | None = None
    reprinted_at: float | None = None  # set on copies printed after the sale (from Pagos)
    footer: str = ""  # the shop's own words (`ticket.footer`): returns policy, hours...


TicketSettings = TerminalConfig | QSettings | None


def terminal_config(data_dir: Path) -> TerminalConfig:
    """The terminal's config.json (business data, ticket width...); defaults if unreadable.

    The ticket never refuses to print over a damaged config.json: the Ajustes page is where
    that fault is shown, with what to do.
    """
    try:
        return TerminalConfig.load(data_dir)
    except (ConfigError, OSError) as exc:
        log.warning("config.json not read for the ticket (%s); using the defaults", exc)
        return TerminalConfig(Path(data_dir) / CONFIG_FILENAME)


def _terminal(source: TicketSettings) -> TerminalConfig | None:
    # Callers pass the TerminalConfig. A QSettings (the window-state file) is still accepted
    # from pages not yet moved over: its folder is the data folder, so config.json is read
    # from there (QSettings itself no longer holds these values, issue 8 §2).
    if source is None or isinstance(source, TerminalConfig):
        return source
    return terminal_config(Path(source.fileName()).parent)


def paper_width(source: TicketSettings) -> int:
    """The roll width from `ticket.width` (58 or 80; 80 when unset or odd)."""
    terminal = _terminal(source)
    try:
        width = int(terminal.get("ticket.width")) if terminal is not None else 80
    except (TypeError, ValueError):
        return 80
    return width if width in PAPER_WIDTHS else 80


def auto_print(source: TicketSettings) -> bool:
    """Whether the counter prints the ticket right after charging (`ticket.auto_print`)."""
    terminal = _terminal(source)
    return bool(terminal.get("ticket.auto_print")) if terminal is not None else False


def business_info(source: TicketSettings, fallback: Mapping[str, str]) -> dict[str, str]:
    """Name, RFC, address and phone: config.json first, then what gigstack said (`fallback`)."""
    terminal = _terminal(source)
    info: dict[str, str] = {}
    for key in ("name", "rfc", "address", "phone"):
        value = terminal.get(f"business.{key}") if terminal is not None else ""
        info[key] = str(value or "").strip() or str(fallback.get(key) or "").strip()
    info["name"] = info["name"] or "Mostrador"
    return info


def sale_status(row: OutboxItem) -> tuple[str, str | None]:
    """What the ticket says about gigstack: ("En cola" | "Registrado" | ..., payment id)."""
    if row.state is OutboxState.SENT:
        return "Registrado", row.server_id
    if row.state is OutboxState.PARKED:
        return "Detenido: revisar en la cola", None
    if row.state is OutboxState.DISCARDED:
        return "Descartado", None
    return "En cola", None


# -- rendering --------------------------------------------------------------------------------


def _e(text: Any) -> str:
    return html.escape(str(text))


def ticket_html(data: TicketData, width_mm: int = 80) -> str:
    """The ticket as the HTML subset QTextDocument understands (sizes in layout points)."""
    head = [f'<p align="center" style="font-size:11px"><b>{_e(data.business_name)}</b></p>']
    details = [
        _e(x) for x in (data.business_rfc and f"RFC {data.business_rfc}", data.business_address)
    ]
    if data.business_phone:
        details.append(_e(f"Tel. {data.business_phone}"))
    details = [d for d in details if d]
    if details:
        head.append(f'<p align="center">{"<br>".join(details)}</p>')

    meta = [
        f"<tr><td>Folio</td><td align='right'><b>{_e(data.folio)}</b></td></tr>",
        f"<tr><td>Fecha de venta</td><td align='right'>{_e(when(data.issued_at))}</td></tr>",
    ]
    if data.reprinted_at is not None:
        meta.append(
            f"<tr><td>Reimpreso</td><td align='right'>{_e(when(data.reprinted_at))}</td></tr>"
        )
    if data.client_name:
        meta.append(f"<tr><td>Cliente</td><td align='right'>{_e(data.client_name)}</td></tr>")
    if data.client_rfc:
        meta.append(f"<tr><td>RFC</td><td align='right'>{_e(data.client_rfc)}</td></tr>")

    rows = []
    for line in data.lines:
        rows.append(f"<tr><td colspan='2'>{_e(line.description)}</td></tr>")
        rows.append(
            f"<tr><td>&nbsp;&nbsp;{_e(quantity(line.quantity))} x {_e(money(line.unit_price))}"
            f"</td><td align='right'>{_e(money(line.amount))}</td></tr>"
        )

    totals = [f"<tr><td>Subtotal</td><td align='right'>{_e(money(data.subtotal))}</td></tr>"]
    if data.discount:
        totals.append(
            f"<tr><td>Descuento</td><td align='right'>-{_e(money(data.discount))}</td></tr>"
        )
    for label, amount in data.taxes:
        totals.append(f"<tr><td>{_e(label)}</td><td align='right'>{_e(money(amount))}</td></tr>")
    totals.append(
        "<tr><td style='font-size:12px'><b>TOTAL</b></td>"
        f"<td align='right' style='font-size:12px'><b>{_e(money(data.total))}</b></td></tr>"
    )

    pay = [
        f"<tr><td colspan='2'>Forma de pago: {_e(payment_form_label(data.payment_form))}</td></tr>"
    ]
    if data.received is not None:
        pay.append(f"<tr><td>Recibido</td><td align='right'>{_e(money(data.received))}</td></tr>")
    if data.change is not None:
        pay.append(f"<tr><td>Cambio</td><td align='right'>{_e(money(data.change))}</td></tr>")

    # No "gigstack: Registrado / Pago payment_…" lines: the customer reads the ticket and must
    # not see internal ids (issue 10 §3). The folio identifies the sale; an invoice adds its
    # series-folio and fiscal UUID below. `status`/`payment_id` stay in TicketData for screens.
    foot: list[str] = []
    if data.fiscal is not None:
        foot += fiscal_html(data, width_mm)
    elif data.invoice_requested:
        foot.append('<p align="center">Factura solicitada (PUE)</p>')
    if data.footer.strip():
        lines = "<br>".join(_e(line) for line in data.footer.strip().splitlines())
        foot.append(f'<p align="center">{lines}</p>')
    foot.append('<p align="center">¡Gracias por su compra!</p>')

    table = "<table width='100%' cellspacing='0' cellpadding='1'>{}</table>"
    return (
        "<html><body>"
        + "".join(head)
        + table.format("".join(meta))
        + "<hr>"
        + table.format("".join(rows))
        + "<hr>"
        + table.format("".join(totals))
        + "<hr>"
        + table.format("".join(pay))
        + "".join(foot)
        + "</body></html>"
    )


def last_valid_day(valid_until: float) -> str:
    """The last day a receipt can be self-invoiced, dd/mm/yyyy (`records.receipts`' rule)."""
    return receipts.last_valid_day(valid_until).strftime("%d/%m/%Y")


def fiscal_html(data: TicketData, width_mm: int = 80) -> list[str]:
    """The ticket's fiscal block: the self-invoice QR, the invoice's numbers, or how to ask for
    the invoice while the sale is still queued (REFERENCE §16.1)."""
    fiscal = data.fiscal
    assert fiscal is not None
    where = f" en {_e(fiscal.where)}" if fiscal.where else " en esta tienda"
    folio = f"<b>{_e(data.folio)}</b>"
    if fiscal.outcome == "invoice":
        if fiscal.invoice_uuid or fiscal.invoice_number:
            rows = ['<p align="center"><b>FACTURA (CFDI)</b>']
            if fiscal.invoice_number:
                rows.append(f"<br>Serie-folio {_e(fiscal.invoice_number)}")
            if fiscal.invoice_uuid:
                rows.append(f"<br>Folio fiscal (UUID)<br>{_e(fiscal.invoice_uuid)}")
            return ["".join(rows) + "</p>"]
        if fiscal.sent:
            return [
                '<p align="center">Factura en proceso de timbrado; llega al correo del '
                f"cliente. Si no la recibes, pídela con el folio {folio}{where}.</p>"
            ]
        return [
            '<p align="center">Factura solicitada: se timbra en cuanto la venta llegue a '
            f"gigstack. Pídela con el folio {folio}{where}.</p>"
        ]
    if fiscal.outcome == "receipt" and fiscal.receipt_url:
        side = round(QR_MM[width_mm] * POINTS_PER_MM)
        rows = [
            '<p align="center" style="font-size:11px"><b>Factura tu compra</b></p>',
            f'<p align="center"><img src="{QR_URL}" width="{side}" height="{side}"></p>',
            f'<p align="center">Escanea el código o entra a<br>{_e(fiscal.receipt_url)}',
        ]
        if fiscal.valid_until:
            rows.append(f"<br>Válido hasta el {_e(last_valid_day(fiscal.valid_until))}")
        return ["".join(rows) + "</p>"]
    if fiscal.outcome == "receipt":
        return [
            '<p align="center"><b>¿Necesitas factura?</b><br>'
            f"Pide tu factura con el folio {folio}{where}: te reimprimimos el ticket con el "
            "código QR «Factura tu compra» en cuanto la venta llegue a gigstack.</p>"
        ]
    return []


def ticket_document(data: TicketData, width_mm: int) -> QTextDocument:
    """The laid-out ticket; one layout unit is one point on paper."""
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPixelSize(8 if width_mm == 58 else 9)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    fiscal = data.fiscal
    if fiscal is not None and fiscal.receipt_url:
        # Whole dots per module at 300 dpi and above: a sharp code in PDFs and on paper.
        image = qr_image(fiscal.receipt_url, size_px=round(QR_MM[width_mm] / 25.4 * 600))
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_URL), image)
    doc.setHtml(ticket_html(data, width_mm))
    doc.setTextWidth(PRINTABLE_MM[width_mm] * POINTS_PER_MM)
    return doc


def ticket_text(data: TicketData, width_mm: int = 80) -> str:
    """The ticket as plain text (what a person would read on it)."""
    return ticket_document(data, width_mm).toPlainText()


def _paper_size(doc: QTextDocument, width_mm: int) -> tuple[QSizeF, float]:
    margin_mm = (width_mm - PRINTABLE_MM[width_mm]) / 2
    height_mm = doc.size().height() / POINTS_PER_MM + 2 * margin_mm + BOTTOM_FEED_MM
    return QSizeF(width_mm, height_mm), margin_mm


def prepare_printer(printer: QPrinter, doc: QTextDocument, width_mm: int) -> None:
    """A page exactly as wide as the roll and as long as this ticket, no margins."""
    size, _ = _paper_size(doc, width_mm)
    page = QPageSize(size, QPageSize.Unit.Millimeter, f"Ticket {width_mm} mm")
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            page,
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_ticket(printer: QPrinter, doc: QTextDocument, width_mm: int) -> bool:
    """Paint the document onto an already prepared printer; False if it cannot start."""
    _, margin_mm = _paper_size(doc, width_mm)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dots_per_point = printer.resolution() / 72
        offset = margin_mm * POINTS_PER_MM * dots_per_point
        painter.translate(offset, offset)
        painter.scale(dots_per_point, dots_per_point)
        doc.drawContents(painter)
    finally:
        painter.end()
    return True


def render_image(data: TicketData, width_mm: int, dpi: int = 203) -> QImage:
    """The ticket as a white image at `dpi` (203 dpi is a common thermal head): a preview."""
    doc = ticket_document(data, width_mm)
    size, margin_mm = _paper_size(doc, width_mm)
    dots_per_mm = dpi / 25.4
    image = QImage(
        round(size.width() * dots_per_mm),
        round(size.height() * dots_per_mm),
        QImage.Format.Format_RGB32,
    )
    image.setDotsPerMeterX(round(dots_per_mm * 1000))
    image.setDotsPerMeterY(round(dots_per_mm * 1000))
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        offset = margin_mm * dots_per_mm
        painter.translate(offset, offset)
        scale = dpi / 72
        painter.scale(scale, scale)
        doc.drawContents(painter)
    finally:
        painter.end()
    return image


def save_pdf(data: TicketData, path: str, width_mm: int) -> bool:
    """Write the ticket as a one-page PDF the width of the roll."""
    doc = ticket_document(data, width_mm)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setDocName(f"Ticket {data.folio}")
    prepare_printer(printer, doc, width_mm)
    return paint_ticket(printer, doc, width_mm)


#: Where the last ticket PDF went (window-state settings): the next save starts there.
PDF_FOLDER_KEY = "ticket/pdf_folder"


def ask_pdf_path(parent: QWidget, folio: str, settings: QSettings | None = None) -> str | None:
    """Ask where to save a ticket's PDF: "ticket-<folio>.pdf" in the folder used last time
    (else Documents). None when the cashier cancels; the path always ends in ``.pdf``."""
    last = str(settings.value(PDF_FOLDER_KEY, "") or "") if settings is not None else ""
    folder = last if last and Path(last).is_dir() else ""
    if not folder:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder or Path.home()) / f"ticket-{folio}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("TicketPdf", "Guardar ticket como PDF"),
        suggested,
        QCoreApplication.translate("TicketPdf", "PDF (*.pdf)"),
    )
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    if settings is not None:
        settings.setValue(PDF_FOLDER_KEY, str(Path(path).parent))
    return path


def save_pdf_as(
    parent: QWidget,
    data: TicketData,
    width_mm: int,
    notify: Callable[[str, str], None],
    *,
    path: str | None = None,
    settings: QSettings | None = None,
) -> str | None:
    """Save a ticket as PDF where the cashier says (or at `path`) and say how it went.

    The counter's last sale and Pagos' reprint both save this way. Returns the path written,
    or None when cancelled or when the file could not be written (said as an error notice).
    """
    if path is None:
        path = ask_pdf_path(parent, data.folio, settings)
        if path is None:
            return None
    elif not path.lower().endswith(".pdf"):
        path += ".pdf"
    if not save_pdf(data, path, width_mm):
        notify(
            QCoreApplication.translate("TicketPdf", "No se pudo guardar el PDF en {path}.").format(
                path=path
            ),
            "error",
        )
        return None
    notify(
        QCoreApplication.translate("TicketPdf", "Ticket guardado en {path}").format(path=path),
        "success",
    )
    return path


def choose_printer(
    parent: QWidget | None, doc: QTextDocument, width_mm: int, title: str | None = None
) -> QPrinter | None:
    """Ask which printer (QPrintDialog, titled `title`, "Imprimir ticket" by default); None
    when the cashier cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, doc, width_mm)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title or QCoreApplication.translate("TicketPdf", "Imprimir ticket"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    prepare_printer(printer, doc, width_mm)  # the dialog may have reset the page
    return printer


def default_printer(doc: QTextDocument, width_mm: int) -> QPrinter | None:
    """The system's default printer for automatic printing; None when there is none."""
    from PySide6.QtPrintSupport import QPrinterInfo

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, doc, width_mm)
    return printer


class PrintOutcome(Enum):
    """How a print ended; the pages turn each failure into a notice (`print_problem`)."""

    PRINTED = "printed"
    CANCELLED = "cancelled"  # the cashier closed the printer dialog: nothing to say
    NO_PRINTER = "no_printer"  # automatic print and no default printer
    FAILED = "failed"  # the printer could not be started (off, unplugged, driver fault)


def print_ticket_outcome(
    data: TicketData, width_mm: int, parent: QWidget | None = None, *, ask: bool = True
) -> PrintOutcome:
    """Print through the dialog (`ask`) or straight to the default printer."""
    doc = ticket_document(data, width_mm)
    printer = choose_printer(parent, doc, width_mm) if ask else default_printer(doc, width_mm)
    if printer is None:
        return PrintOutcome.CANCELLED if ask else PrintOutcome.NO_PRINTER
    return PrintOutcome.PRINTED if paint_ticket(printer, doc, width_mm) else PrintOutcome.FAILED


def print_ticket(
    data: TicketData, width_mm: int, parent: QWidget | None = None, *, ask: bool = True
) -> bool:
    """Print through the dialog (`ask`) or straight to the default printer; True if printed."""
    return print_ticket_outcome(data, width_mm, parent, ask=ask) is PrintOutcome.PRINTED
