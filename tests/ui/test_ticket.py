"""Tickets: the text a customer reads, real PDFs for 58 and 80 mm paper, printing from the
counter (Ctrl+P), "Guardar PDF", automatic printing, and gigstack's status on the ticket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.ui import ticket
from desktop.ui.app import AppShell
from desktop.ui.counter_page import CounterPage
from tests.pdf_tools import pdf_text

TIMEOUT = 10_000


def sample(**changes: Any) -> ticket.TicketData:
    data = ticket.TicketData(
        business_name="Papelería La Esquina",
        business_rfc="LORF850312TQ2",
        business_address="Calle Colima 128, Roma Norte, C.P. 06700",
        folio="CAJA1-7",
        issued_at=1_790_000_000,
        lines=[
            ticket.TicketLine("Cuaderno profesional", Decimal(2), Decimal("45"), Decimal("90.00")),
            ticket.TicketLine("Refresco de cola 600 ml", Decimal(1), Decimal("19"), Decimal("19")),
        ],
        subtotal=Decimal("93.97"),
        taxes=[("IVA", Decimal("15.03"))],
        total=Decimal("109.00"),
        payment_form="01",
        received=Decimal("200"),
        change=Decimal("91.00"),
        status="En cola",
    )
    return ticket.TicketData(**{**data.__dict__, **changes})


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_text_has_folio_items_totals_and_payment(qtbot: QtBot, width: int) -> None:
    text = ticket.ticket_text(sample(), width)
    for expected in (
        "Papelería La Esquina",
        "RFC LORF850312TQ2",
        "CAJA1-7",
        "Cuaderno profesional",
        "2 x $45.00",
        "$90.00",
        "Refresco de cola 600 ml",
        "Subtotal",
        "$93.97",
        "IVA",
        "$15.03",
        "TOTAL",
        "$109.00",
        "01 - Efectivo",
        "Recibido",
        "$200.00",
        "Cambio",
        "$91.00",
    ):
        assert expected in text, expected
    # The customer never reads internal ids or gigstack's state (issue 10 §3).
    registered = ticket.ticket_text(sample(status="Registrado", payment_id="payment_abc"), width)
    assert "payment_abc" not in registered
    assert "gigstack:" not in registered and "Registrado" not in registered


def test_narrow_paper_lays_out_narrower(qtbot: QtBot) -> None:
    narrow = ticket.ticket_document(sample(), 58)
    wide = ticket.ticket_document(sample(), 80)
    assert isinstance(narrow, QTextDocument)
    assert narrow.textWidth() < wide.textWidth()


def _media_box(pdf: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert match, "no MediaBox in the PDF"
    return float(match.group(1)), float(match.group(2))


@pytest.mark.parametrize("width", [58, 80])
def test_pdf_is_a_real_pdf_as_wide_as_the_paper(qtbot: QtBot, tmp_path: Path, width: int) -> None:
    path = tmp_path / f"ticket-{width}.pdf"
    assert ticket.save_pdf(sample(), str(path), width)
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 1000
    page_width, page_height = _media_box(content)
    assert page_width == pytest.approx(width * 72 / 25.4, abs=1.5)
    assert page_height > page_width  # one long strip, not A4
    text = pdf_text(path)
    if text is not None:
        assert "CAJA1-7" in text and "$109.00" in text


def test_image_preview_is_the_roll_width(qtbot: QtBot) -> None:
    image = ticket.render_image(sample(), 58, dpi=203)
    assert abs(image.width() - round(58 / 25.4 * 203)) <= 1
    assert image.height() > image.width()


def test_business_info_config_wins_over_gigstack(tmp_path: Path) -> None:
    from desktop.config import TerminalConfig

    config = TerminalConfig.load(tmp_path)
    fallback = {"name": "Papelería La Esquina", "rfc": "LORF850312TQ2", "address": "Colima 128"}
    assert ticket.business_info(config, fallback)["name"] == "Papelería La Esquina"
    config.set("business.name", "Abarrotes Doña Mary")
    config.set("business.phone", "55 1234 5678")
    info = ticket.business_info(config, fallback)
    assert info["name"] == "Abarrotes Doña Mary"
    assert info["rfc"] == "LORF850312TQ2"
    assert info["phone"] == "55 1234 5678"
    assert ticket.business_info(None, {})["name"] == "Mostrador"
    assert ticket.paper_width(config) == 80 and ticket.auto_print(config) is False
    config.set("ticket.width", "58")
    config.set("ticket.auto_print", True)
    assert ticket.paper_width(config) == 58 and ticket.auto_print(config) is True
    config.save()
    # A page still passing the window-state QSettings gets config.json from the same folder.
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert ticket.paper_width(settings) == 58
    assert ticket.business_info(settings, {})["name"] == "Abarrotes Doña Mary"
    # A damaged config.json never stops a print: the defaults.
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    assert ticket.paper_width(ticket.terminal_config(tmp_path)) == 80


# -- from the counter ---------------------------------------------------------------------------


@pytest.fixture
def sold(qtbot: QtBot, shell: AppShell) -> Iterator[CounterPage]:
    """A counter whose last sale is 2 cuadernos paid with $100 cash, already sent."""
    cache = shell.core.cache
    qtbot.waitUntil(lambda: cache.count(Resource.SERVICES, None) > 0, timeout=TIMEOUT)
    page = shell.window.pages[0]
    assert isinstance(page, CounterPage)
    qtbot.waitUntil(lambda: len(page._services) > 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(page._team_info), timeout=TIMEOUT)
    shell.window.show()
    shell.window.activateWindow()
    qtbot.waitUntil(shell.window.isActiveWindow, timeout=TIMEOUT)
    service = cache.get(Resource.SERVICES, None, "service_demo_cuaderno")
    assert service is not None
    page.focus_code()
    qtbot.keyClicks(page.code_edit, f"2*{service['barcode']}")
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.received_edit, "100")
    row = page.charge()
    assert row is not None
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    yield page


def test_save_pdf_of_the_last_sale(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path, monkeypatch: Any
) -> None:
    target = tmp_path / "ultimo"
    asked: list[str] = []

    def choose(parent: QWidget, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(sold.pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "ultimo.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert asked and asked[0].endswith(f"ticket-{sold.last_sale.folio}.pdf")  # type: ignore[union-attr]
    assert str(saved) in shell.window.notice_bar.text
    # The next save starts in the folder used last time (a trial: dialogs did not remember).
    qtbot.mouseClick(sold.pdf_button, Qt.MouseButton.LeftButton)
    assert Path(asked[1]).parent == tmp_path

    data = sold.ticket_data()
    assert data is not None
    text = ticket.ticket_text(data, ticket.paper_width(shell.ctx.settings))
    row = shell.core.outbox.rows()[0]
    assert row.folio and row.folio in text
    assert "Cuaderno profesional raya 100 hojas" in text
    assert "2 x $45.00" in text
    assert "$90.00" in text and "$100.00" in text and "$10.00" in text  # total, received, change
    assert "Papelería La Esquina" in text  # the team's alias: no business name set
    assert str(row.server_id) not in text and "gigstack:" not in text


def test_ctrl_p_prints_the_last_ticket(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "printed.pdf"
    _configure(shell, {"ticket.width": "58", "business.name": "Abarrotes Doña Mary"})

    def pdf_printer(parent: Any, doc: QTextDocument, width_mm: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        ticket.prepare_printer(printer, doc, width_mm)
        assert "Abarrotes Doña Mary" in doc.toPlainText()
        return printer

    monkeypatch.setattr(ticket, "choose_printer", pdf_printer)
    qtbot.keyClick(sold.code_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # Printing waits for the receipt to be read (the ticket then carries its QR).
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    content = out.read_bytes()
    assert content.startswith(b"%PDF")
    assert _media_box(content)[0] == pytest.approx(58 * 72 / 25.4, abs=1.5)
    out.unlink()
    qtbot.mouseClick(sold.print_button, Qt.MouseButton.LeftButton)  # asks too
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    assert out.read_bytes().startswith(b"%PDF")
    printed = pdf_text(out)
    if printed is not None:
        assert "Factura tu compra" in printed  # the sale was sent: its receipt's QR is on it


def test_auto_print_after_charging(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "auto.pdf"
    _configure(shell, {"ticket.auto_print": True})

    def default(doc: QTextDocument, width_mm: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        ticket.prepare_printer(printer, doc, width_mm)
        return printer

    monkeypatch.setattr(ticket, "default_printer", default)
    service = shell.core.cache.get(Resource.SERVICES, None, "service_demo_lapiz")
    assert service is not None
    qtbot.keyClicks(sold.code_edit, str(service["barcode"]))
    qtbot.keyClick(sold.code_edit, Qt.Key.Key_Return)
    assert sold.charge() is not None
    # The automatic print waits (briefly) for the sale to reach gigstack and its receipt to
    # be read, so the ticket can carry the self-invoice QR.
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    assert out.read_bytes().startswith(b"%PDF")


def test_a_ticket_that_did_not_print_is_an_error_notice(
    qtbot: QtBot,
    qtlog: Any,
    shell: AppShell,
    sold: CounterPage,
    monkeypatch: Any,
) -> None:
    bar = shell.window.notice_bar
    missing = shell.ctx.config.data_dir / "missing" / "folder" / "t.pdf"
    # Automatic print with no default printer on the system.
    monkeypatch.setattr(ticket, "default_printer", lambda doc, width_mm: None)
    assert sold.print_last_ticket(ask=False) is False
    assert bar.level == "error" and "no hay impresora predeterminada" in bar.text

    # The cashier chose a printer that cannot start: a PDF "printer" whose folder is missing.
    def unwritable(parent: Any, doc: QTextDocument, width_mm: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(missing))
        ticket.prepare_printer(printer, doc, width_mm)
        return printer

    monkeypatch.setattr(ticket, "choose_printer", unwritable)
    with qtlog.disabled():  # Qt warns "QPainter::begin(): Returned false": the expected fault
        assert sold.print_last_ticket(ask=True) is False
    assert bar.level == "error" and "No se pudo imprimir el ticket" in bar.text

    # Closing the printer dialog is the cashier's choice: nothing new to say.
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(ticket, "choose_printer", lambda parent, doc, width_mm: None)
    assert sold.print_last_ticket(ask=True) is False
    assert "imprimir" not in bar.text or not bar.isVisible()


def test_no_sale_yet_nothing_to_print(qtbot: QtBot, shell: AppShell) -> None:
    page = shell.window.pages[0]
    assert isinstance(page, CounterPage)
    assert page.ticket_data() is None
    assert not page.print_last_ticket()
    assert page.save_last_ticket_pdf() is None


URL = "https://invoicing.gigstack.pro/autofactura?id=receipt_1234567890"


@pytest.mark.parametrize("width", [58, 80])
def test_receipt_ticket_carries_the_self_invoice_qr(qtbot: QtBot, width: int) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

    from desktop.ui.qr import qr_image

    data = sample(
        status="Registrado",
        fiscal=ticket.TicketFiscal(
            "receipt", sent=True, receipt_url=URL, valid_until=1_792_000_000
        ),
    )
    text = ticket.ticket_text(data, width)
    assert "Factura tu compra" in text
    assert "Válido hasta el" in text
    assert "Fecha de venta" in text
    doc = ticket.ticket_document(data, width)
    image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(ticket.QR_URL))
    assert isinstance(image, QImage)
    assert image == qr_image(URL, size_px=image.width())
    # The QR is drawn at its size on paper: about 4 cm wide on 80 mm rolls.
    assert f'width="{round(ticket.QR_MM[width] * ticket.POINTS_PER_MM)}"' in ticket.ticket_html(
        data, width
    )


def test_queued_receipt_ticket_says_how_to_ask_for_the_invoice(qtbot: QtBot) -> None:
    data = sample(fiscal=ticket.TicketFiscal("receipt", sent=False, where="La Esquina"))
    text = " ".join(ticket.ticket_text(data).split())
    assert "Pide tu factura con el folio CAJA1-7 en La Esquina" in text
    assert "Factura tu compra" in text  # the QR comes on the reprint


def test_invoiced_ticket_prints_series_folio_and_fiscal_uuid(qtbot: QtBot) -> None:
    uuid = "6F1C2D3E-1111-4A2B-9C3D-ABCDEF123456"
    data = sample(
        status="Registrado",
        fiscal=ticket.TicketFiscal("invoice", sent=True, invoice_number="A-12", invoice_uuid=uuid),
    )
    text = " ".join(ticket.ticket_text(data).split())
    assert "Serie-folio A-12" in text
    assert uuid in text
    pending = sample(fiscal=ticket.TicketFiscal("invoice", sent=False))
    assert "se timbra en cuanto la venta llegue" in " ".join(ticket.ticket_text(pending).split())
    nothing = sample(fiscal=ticket.TicketFiscal("none", sent=True))
    assert "factura" not in ticket.ticket_text(nothing).lower()


def test_reprint_says_so_and_keeps_the_sale_moment(qtbot: QtBot) -> None:
    data = sample(reprinted_at=1_790_100_000)
    text = ticket.ticket_text(data)
    assert "Reimpreso" in text
    assert ticket.ticket_text(sample()).count("Reimpreso") == 0


def test_the_shops_footer_is_printed(
    qtbot: QtBot, shell: AppShell, sold: CounterPage, tmp_path: Path
) -> None:
    from desktop.config import TerminalConfig

    text = ticket.ticket_text(sample(footer="Cambios con ticket\nLun-Sáb 9 a 19 h"))
    assert "Cambios con ticket" in text and "Lun-Sáb 9 a 19 h" in text
    # `python -m desktop config set ticket.footer ...` reaches the counter's ticket.
    config = TerminalConfig.load(shell.ctx.config.data_dir)
    config.set("ticket.footer", "Gracias por preferir productos locales")
    config.save()
    data = sold.ticket_data()
    assert data is not None
    assert "Gracias por preferir productos locales" in ticket.ticket_text(data)


def test_valid_until_prints_the_last_valid_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from datetime import datetime

    from desktop.records.receipts import PERIOD_TZ

    # The sandbox's monthly bound: the first instant of December (exclusive) -> Nov 30.
    december = datetime(2026, 12, 1, 0, 0, 0, tzinfo=PERIOD_TZ).timestamp()
    # A bound inside a day is inclusive: that day itself.
    evening = datetime(2026, 11, 30, 17, 59, 59, tzinfo=PERIOD_TZ).timestamp()
    # The same day whatever the till's clock zone: Mexico City, Cancún (UTC-5), a UTC machine,
    # Tijuana in summer (UTC-7).
    for zone in ("CST+6", "EST+5", "UTC0", "PST+8PDT,M3.2.0,M11.1.0"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert ticket.last_valid_day(december) == "30/11/2026", zone
        assert ticket.last_valid_day(evening) == "30/11/2026", zone
    monkeypatch.undo()
    time.tzset()
    data = sample(
        fiscal=ticket.TicketFiscal("receipt", sent=True, receipt_url=URL, valid_until=december)
    )
    text = ticket.ticket_text(data, 80)
    assert "Válido hasta el 30/11/2026" in text and "01/12/2026" not in text


def _configure(shell: AppShell, values: dict[str, Any]) -> None:
    """Set terminal settings the way Ajustes and `config set` do: in config.json."""
    from desktop.config import TerminalConfig

    config = TerminalConfig.load(shell.ctx.config.data_dir)
    for key, value in values.items():
        config.set(key, value)
    config.save()


def test_the_print_dialog_says_what_it_prints(qtbot: QtBot, monkeypatch: Any) -> None:
    """A Z report's print dialog was titled "Imprimir ticket" (a new user's trial)."""
    from PySide6.QtPrintSupport import QPrintDialog

    titles: list[str] = []

    def cancel(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        return 0  # the cashier closes it: no printer is chosen

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    doc = QTextDocument("Corte Z")
    assert ticket.choose_printer(None, doc, 80, "Imprimir corte Z") is None
    assert ticket.choose_printer(None, doc, 80) is None
    assert titles == ["Imprimir corte Z", "Imprimir ticket"]
