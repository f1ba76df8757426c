"""The Facturas page: the team's income invoices (CFDI type I), read from gigstack.

List with filters (period, status, series), the selected invoice's detail, its PDF and XML
(downloaded into the data folder's `facturas/` and opened with the system viewer), resending
it by e-mail, creating one (from payments already received or from services) and cancelling it
with the SAT motive.

Creating an invoice works offline (issue 11): the dialog says "Se facturará al volver la
conexión" and the invoice is queued through `desktop.invoicing` (the same core as
`queue add-invoice`), with the dialog's idempotency key; the sender stamps it when gigstack is
back. Online it is stamped at once with the same key, after the same core checks; a connection
that fails before the request leaves queues it too. An invoice that covers a sale still in the
queue is always queued: it waits for that sale. Cancelling is online only by nature (the SAT
answers it).

Records are read through `desktop.records.invoices.InvoiceView` (lenient, Qt-free).
"""

from __future__ import annotations

import base64
import binascii
import re
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import httpx
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QHeaderView, QPushButton

from desktop.gigstack import GigstackClient, Invoice
from desktop.gigstack.errors import ConnectionFailedError, NotFoundError, ServerError
from desktop.invoicing import (
    InvoiceRejectedError,
    check_invoice,
    invoiced_in_queue,
    queue_invoice,
)
from desktop.records import lines_of
from desktop.records.invoices import InvoiceView
from desktop.store.cache import Resource, fold
from desktop.store.errors import StorageError
from desktop.store.outbox import OutboxItem, OutboxKind, OutboxState
from desktop.ui.action_dialog import ActionDialog, payment_form_label
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text, money, when
from desktop.ui.invoice_dialogs import (
    CachedPayments,
    CancelInvoiceDialog,
    CreateInvoiceDialog,
    SendInvoiceDialog,
    invoice_folio,
)
from desktop.ui.manager_pin import require_manager
from desktop.ui.payments_model import items_html
from desktop.ui.record_picker import CacheSource
from desktop.ui.server_page import ServerListPage, ServerRow, record_of
from desktop.ui.table_model import Column

# How many invoices one refresh brings (newest first); older ones are a search away on
# gigstack's web app.
MAX_INVOICES = 500
FILES_FOLDER = "facturas"

STATUS_LABELS = {
    "valid": str(QT_TRANSLATE_NOOP("InvoicesPage", "Vigente")),
    "stamped": str(QT_TRANSLATE_NOOP("InvoicesPage", "Vigente")),
    "cancelled": str(QT_TRANSLATE_NOOP("InvoicesPage", "Cancelada")),
    "canceled": str(QT_TRANSLATE_NOOP("InvoicesPage", "Cancelada")),
    "pending": str(QT_TRANSLATE_NOOP("InvoicesPage", "Pendiente")),
    "processing": str(QT_TRANSLATE_NOOP("InvoicesPage", "En proceso")),
    "draft": str(QT_TRANSLATE_NOOP("InvoicesPage", "Borrador")),
}

PERIODS = (
    ("30", str(QT_TRANSLATE_NOOP("InvoicesPage", "Últimos 30 días"))),
    ("month", str(QT_TRANSLATE_NOOP("InvoicesPage", "Este mes"))),
    ("90", str(QT_TRANSLATE_NOOP("InvoicesPage", "Últimos 90 días"))),
    ("all", str(QT_TRANSLATE_NOOP("InvoicesPage", "Todas las fechas"))),
)


def view_of(row: ServerRow) -> InvoiceView:
    """The row's invoice, read once when the row was made (`make_row`)."""
    view = row.extra.get("view")
    return view if isinstance(view, InvoiceView) else InvoiceView.from_record(row.record)


def download(location: str) -> bytes:
    """The bytes behind a files answer: an URL (documented) or inline base64 (public code).

    Raises GigstackError subclasses so the worker reports them like any API failure.
    """
    if location.startswith(("http://", "https://")):
        try:
            response = httpx.get(location, timeout=30.0, follow_redirects=True)
        except httpx.TransportError as exc:
            raise ConnectionFailedError(f"download failed: {type(exc).__name__}") from exc
        if response.status_code == 404:
            raise NotFoundError("file not found", status=404)
        if response.status_code >= 400:
            raise ServerError(
                f"file download answered {response.status_code}", status=response.status_code
            )
        return response.content
    payload = location.split(",", 1)[1] if location.startswith("data:") else location
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise NotFoundError("gigstack did not give a usable file location") from exc


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "factura"


class InvoicesPage(ServerListPage):
    """Income invoices with their detail, files and actions."""

    title = str(QT_TRANSLATE_NOOP("Page", "Facturas"))
    icon_name = "invoices"
    noun = "factura"
    follows_queue = True
    list_width = 800
    detail_width = 370

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("invoices")
        self.heading.setText(self.tr("Facturas"))
        self.table.setObjectName("invoicesTable")
        self.search.setObjectName("invoiceSearch")
        self.search.setAccessibleName(self.tr("Buscar facturas"))
        self.search.setPlaceholderText(self.tr("Buscar folio, cliente, RFC, UUID… (Ctrl+F)"))
        self.opened: list[Path] = []  # files handed to the system viewer (tests read it)
        self._series_cache: tuple[str, ...] = ()
        self.queued_rows: list[int] = []  # outbox rows this page queued (tests read it)

        self.new_button = QPushButton(self.tr("Nueva factura…"))
        self.new_button.setObjectName("newInvoiceButton")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Factura pagos ya recibidos o conceptos nuevos"))
        self.new_button.clicked.connect(self.new_invoice)
        self.add_new_shortcut(self.new_button)
        self.toolbar.addWidget(self.new_button)
        self.toolbar.addWidget(self.refresh_button)

        self.period = QComboBox()
        self.period.setObjectName("periodFilter")
        self.period.setAccessibleName(self.tr("Periodo"))
        for code, label in PERIODS:
            self.period.addItem(self.tr(label), code)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Estado"))
        self.status_filter.addItem(self.tr("Todos los estados"), "")
        self.status_filter.addItem(self.tr("Vigentes"), "valid")
        self.status_filter.addItem(self.tr("Canceladas"), "cancelled")
        self.series_filter = QComboBox()
        self.series_filter.setObjectName("seriesFilter")
        self.series_filter.setAccessibleName(self.tr("Serie"))
        self.series_filter.addItem(self.tr("Todas las series"), "")
        for combo in (self.period, self.status_filter, self.series_filter):
            combo.currentIndexChanged.connect(self._rebuild_filter)
            self.filters.addWidget(combo)
        self.filters.addStretch(1)

        self.pdf_button = QPushButton(self.tr("Abrir PDF"))
        self.pdf_button.setObjectName("pdfButton")
        self.pdf_button.setToolTip(self.tr("Descarga el PDF y lo abre"))
        self.pdf_button.clicked.connect(lambda: self.download_selected("pdf"))
        self.xml_button = QPushButton(self.tr("Abrir XML"))
        self.xml_button.setObjectName("xmlButton")
        self.xml_button.setToolTip(self.tr("Descarga el XML timbrado y lo abre"))
        self.xml_button.clicked.connect(lambda: self.download_selected("xml"))
        self.send_button = QPushButton(self.tr("Enviar por correo…"))
        self.send_button.setObjectName("sendInvoiceButton")
        self.send_button.clicked.connect(self.send_selected)
        self.cancel_button = QPushButton(self.tr("Cancelar factura…"))
        self.cancel_button.setObjectName("cancelInvoiceButton")
        self.cancel_button.setProperty("danger", True)
        self.cancel_button.clicked.connect(self.cancel_selected)
        for button in (self.pdf_button, self.xml_button):
            self.detail_actions.addWidget(button)
        self.detail_actions.addStretch(1)
        for button in (self.send_button, self.cancel_button):
            self.detail_actions2.addWidget(button)
        self.detail_actions2.addStretch(1)

        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # Dates, folios, RFCs and amounts are never cut; the client's name takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._rebuild_filter()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_selected())
        self.show_detail(None)

    def _load_selected(self) -> None:
        """Complete the selected invoice with `GET /invoices/income/{id}`, quietly (the list
        answer may leave out items, stamp or complements)."""
        row = self.selected()
        if row is None or row.extra.get("full") or self.is_offline():
            return
        invoice_id, team = row.id, self.ctx.team

        def done(invoice: Invoice) -> None:
            row.record.update(record_of(invoice))
            row.extra.update(self.make_row(row.record).extra)
            row.extra["full"] = True
            if self.selected() is row:
                self.show_detail(row)

        self.ctx.run_op(
            self,
            lambda c: c.invoices.get_income(invoice_id, team=team),
            done,
            on_error=lambda _m, _e: None,
        )

    # -- table ----------------------------------------------------------------------------

    def columns(self) -> Sequence[Column[ServerRow]]:
        return [
            Column(
                self.tr("Fecha"),
                lambda r: _short_date(r.extra["created"]),
                sort_key=lambda r: r.extra["created"] or 0.0,
                tooltip=lambda r: when(r.extra["created"]) or None,
            ),
            Column(self.tr("Folio"), lambda r: r.extra["folio"], tooltip=lambda r: r.id or None),
            Column(self.tr("Cliente"), lambda r: view_of(r).client_name),
            Column(self.tr("RFC"), lambda r: view_of(r).client.rfc),
            Column(self.tr("Método"), lambda r: view_of(r).payment_method),
            Column(
                self.tr("Total"),
                lambda r: money(r.extra["total"], view_of(r).currency),
                sort_key=lambda r: r.extra["total"] if r.extra["total"] is not None else -1,
                align_right=True,
            ),
            Column(
                self.tr("Estado"),
                lambda r: self.tr(STATUS_LABELS.get(r.extra["status"], r.extra["status"])),
            ),
        ]

    def make_row(self, record: dict[str, Any]) -> ServerRow:
        view = InvoiceView.from_record(record)
        return ServerRow(
            record,
            {
                "view": view,
                "created": view.created,
                "folio": view.folio,
                "status": view.status,
                "total": view.total,
                "uuid": view.fiscal_uuid,
            },
        )

    def _payment_folio(self, payment_id: str) -> str:
        try:
            record = self.ctx.core.cache.get(Resource.PAYMENTS, self.ctx.team, payment_id)
        except (StorageError, sqlite3.Error):
            record = None
        metadata = record.get("metadata") if isinstance(record, dict) else None
        folio = metadata.get("folio") if isinstance(metadata, dict) else None
        return self.tr("Venta {folio}").format(folio=folio) if folio else payment_id

    def search_text(self, row: ServerRow) -> str:
        view = view_of(row)
        c = view.client
        return " ".join(
            x
            for x in (
                view.folio,
                row.id,
                view.fiscal_uuid,
                c.name,
                c.legal_name,
                c.rfc,
                c.email,
                money(view.total),
            )
            if x
        )

    def fetch(self, client: GigstackClient) -> list[Any]:
        raise NotImplementedError  # fetch_for passes the team

    def fetch_for(self, client: GigstackClient, team: str | None) -> list[Any]:
        found: list[Invoice] = []
        for page in client.invoices.list_income(limit=100, team=team).pages():
            found.extend(page.items)
            if len(found) >= MAX_INVOICES:
                break
        return found

    def after_load(self) -> None:
        current = self.series_filter.currentData()
        names = sorted({view_of(r).series for r in self.model.all_rows() if view_of(r).series})
        self.series_filter.blockSignals(True)
        self.series_filter.clear()
        self.series_filter.addItem(self.tr("Todas las series"), "")
        for name in names:
            self.series_filter.addItem(name, name)
        index = self.series_filter.findData(current or "")
        self.series_filter.setCurrentIndex(max(index, 0))
        self.series_filter.blockSignals(False)
        self._rebuild_filter()

    def clear_filters(self) -> None:
        self.period.setCurrentIndex(self.period.findData("all"))
        self.status_filter.setCurrentIndex(0)
        self.series_filter.setCurrentIndex(0)

    def _rebuild_filter(self) -> None:
        start = self.period_start()
        status = str(self.status_filter.currentData() or "")
        series = str(self.series_filter.currentData() or "")

        def extra(row: ServerRow) -> bool:
            created = row.extra["created"]
            if start is not None and created is not None and created < start:
                return False
            if status and row.extra["status"] != status:
                return False
            return not (series and view_of(row).series != series)

        self.set_extra_filter(extra)

    def period_start(self) -> float | None:
        code = self.period.currentData()
        now = QDateTime.currentDateTime()
        if code == "30":
            return float(QDateTime(now.date().addDays(-29), QTime(0, 0)).toSecsSinceEpoch())
        if code == "90":
            return float(QDateTime(now.date().addDays(-89), QTime(0, 0)).toSecsSinceEpoch())
        if code == "month":
            first = now.date().addDays(1 - now.date().day())
            return float(QDateTime(first, QTime(0, 0)).toSecsSinceEpoch())
        return None

    def update_count(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        valid = sum(
            (r.extra["total"] for r in rows if r.extra["status"] == "valid" and r.extra["total"]),
            Decimal(0),
        )
        self.count_label.setText(
            count_text(
                len(rows),
                self.tr("1 factura · vigentes {total}"),
                self.tr("{n} facturas · vigentes {total}"),
                total=money(valid),
            )
        )

    # -- detail -----------------------------------------------------------------------------

    def detail_fields(self) -> Sequence[tuple[str, str]]:
        return (
            ("status", self.tr("Estado")),
            ("client", self.tr("Cliente")),
            ("uuid", self.tr("Folio fiscal")),
            ("stamped", self.tr("Timbrada")),
            ("method", self.tr("Pago")),
            ("use", self.tr("Uso CFDI")),
            ("items", self.tr("Conceptos")),
            ("totals", self.tr("Importes")),
            ("balance", self.tr("Saldo")),
            ("payments", self.tr("Pagos")),
            ("cancellation", self.tr("Cancelación")),
            ("id", self.tr("ID en gigstack")),
        )

    def show_detail(self, row: ServerRow | None) -> None:
        self.say_in_detail(None)
        for label in self.detail_labels.values():
            label.clear()
        buttons = (self.pdf_button, self.xml_button, self.send_button, self.cancel_button)
        for key, label in self.detail_labels.items():
            self.detail_form.setRowVisible(
                label, row is not None and key not in ("balance", "cancellation", "payments")
            )
        if row is None:
            self.detail_title.setText(self.tr("Elige una factura para ver su detalle."))
            for button in buttons:
                button.setVisible(False)
            return
        view = view_of(row)
        labels = self.detail_labels
        self.detail_title.setText(
            self.tr("Factura {folio} · {total}").format(
                folio=view.folio, total=money(view.total, view.currency)
            )
        )
        labels["status"].setText(self.tr(STATUS_LABELS.get(view.status, view.status)))
        c = view.client
        # The razón social first (what the CFDI says); the client's everyday name after it,
        # unless it is the walk-in placeholder the sale started with.
        lines = [view.client_name]
        if c.name and c.name != lines[0] and fold(c.name) != "publico en general":
            lines.append(c.name)
        lines.append(" · ".join(x for x in (c.rfc, c.tax_system) if x))
        if c.email:
            lines.append(c.email)
        labels["client"].setText("\n".join(x for x in lines if x))
        labels["uuid"].setText(view.fiscal_uuid or "—")
        labels["stamped"].setText(when(view.stamped_at) or "—")
        labels["method"].setText(
            " · ".join(x for x in (view.payment_method, payment_form_label(view.payment_form)) if x)
            or "—"
        )
        labels["use"].setText(view.use or "—")
        labels["items"].setText(items_html(view.lines))
        labels["totals"].setText(
            self.tr("Subtotal {s} · Impuestos {t} · Total {total}").format(
                s=money(view.subtotal),
                t=money(view.taxes) or "—",
                total=money(view.total),
            )
        )
        if view.payment_method == "PPD" and view.last_balance is not None:
            labels["balance"].setText(
                count_text(
                    view.complements,
                    self.tr("Por cobrar {b} · 1 complemento de pago"),
                    self.tr("Por cobrar {b} · {n} complementos de pago"),
                    b=money(view.last_balance),
                )
            )
            self.detail_form.setRowVisible(labels["balance"], True)
        if view.payments:
            # The sale's folio (CAJA1-5) as the ticket and Pagos say it, when the payment is in
            # the cache; gigstack's id only for a payment this till never saw.
            labels["payments"].setText("\n".join(self._payment_folio(p) for p in view.payments))
            labels["payments"].setToolTip("\n".join(view.payments))
            self.detail_form.setRowVisible(labels["payments"], True)
        cancellation = view.cancellation
        if cancellation is not None:
            text = self.tr("Motivo {m}").format(m=cancellation.motive or "—")
            if cancellation.substitution_uuid:
                text += self.tr(" · sustituida por {u}").format(u=cancellation.substitution_uuid)
            if cancellation.cancelled_at:
                text += f" · {when(cancellation.cancelled_at)}"
            labels["cancellation"].setText(text)
            self.detail_form.setRowVisible(labels["cancellation"], True)
        labels["id"].setText(row.id)
        cancelled = view.cancelled
        for button in buttons:
            button.setVisible(True)
        self.cancel_button.setVisible(not cancelled)
        self.send_button.setVisible(not cancelled)

    # -- files ------------------------------------------------------------------------------

    def files_folder(self) -> Path:
        return self.ctx.config.data_dir / FILES_FOLDER

    def download_selected(self, kind: Literal["pdf", "xml"]) -> None:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige una factura primero."))
            return
        invoice_id, team = row.id, self.ctx.team
        target = (
            self.files_folder() / f"{safe_name(row.extra['folio'])}_{safe_name(invoice_id)}.{kind}"
        )

        def call(client: GigstackClient) -> Path:
            files = client.invoices.files(invoice_id, file_type=kind, team=team)
            location = files.pdf if kind == "pdf" else files.xml
            if not location:
                raise NotFoundError(f"gigstack returned no {kind} for this invoice")
            content = download(location)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(target.suffix + ".part")
            partial.write_bytes(content)
            partial.replace(target)
            return target

        def done(path: Path) -> None:
            self.opened.append(path)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.say(self.tr("Guardado en {0} (no hay un programa para abrirlo).").format(path))
                return
            self.notify(self.tr("Guardado en {0}").format(path))

        self.run(
            self.tr("descargar el {0}").format(kind.upper()),
            call,
            done,
            busy=[self.pdf_button, self.xml_button],
        )

    # -- actions ----------------------------------------------------------------------------

    def new_invoice(self, payment_ids: Sequence[str] = ()) -> CreateInvoiceDialog | None:
        """Open the new-invoice dialog (optionally with payments already ticked).

        Offline it opens all the same: it says the invoice will be stamped when the connection
        is back, and queues it (`desktop.invoicing.queue_invoice`).
        """
        team = self.ctx.team
        cache = self.ctx.core.cache
        outbox = self.ctx.core.outbox
        # Searched as the cashier types and read per client, never all read (issue 12).
        clients = CacheSource(cache, Resource.CLIENTS, team)
        services = CacheSource(cache, Resource.SERVICES, team)
        covered = invoiced_in_queue(outbox)
        payments = CachedPayments(cache, team, covered)
        queued = [
            item
            for item in outbox.rows_of_kind(
                OutboxKind.REGISTER_PAYMENT,
                (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED),
            )
            # Only a sale registered without a document of its own can be invoiced here:
            # any other already asks gigstack for its invoice or receipt.
            if item.team == team
            and str(item.payload.get("automation_type") or "") == "none"
            and item.local_id not in covered
        ]
        dialog = CreateInvoiceDialog(
            clients,
            services,
            payments,
            self._series_names(),
            self,
            queued=queued,
            offline=self.is_offline(),
        )
        if payment_ids:
            dialog.start_from(payment_ids)
        dialog.submitted.connect(lambda body: self._create(dialog, body))
        self.dialog = dialog
        dialog.open()
        self._load_series(dialog)
        return dialog

    def _create(self, dialog: CreateInvoiceDialog, body: object) -> None:
        """Stamp now (online), or queue (offline, or covering a sale still in the queue)."""
        assert isinstance(body, dict)
        body = {**body, "idempotency_key": dialog.idempotency_key}
        if self.is_offline() or dialog.covers_queued_sales():
            self._queue(dialog, body)
            return
        try:
            # The core's checks first: what the CLI refuses, the dialog refuses, in its words.
            checked = check_invoice(body)
        except InvoiceRejectedError as exc:
            dialog.show_problems(exc.problems)
            return
        request = checked.body
        key, team = dialog.idempotency_key, self.ctx.team
        request.pop("idempotency_key", None)

        def done(invoice: Invoice) -> None:
            self.busy = False
            self.say("")
            record = record_of(invoice)
            self.replace_record(record)
            dialog.finish()
            self.notify(self.tr("Factura {0} timbrada.").format(invoice_folio(record)))

        def failed(message: str, exc: BaseException | None) -> None:
            self.busy = False
            if exc is None or (isinstance(exc, ConnectionFailedError) and not exc.outcome_unknown):
                # Offline (known, or found now: the request never left): queue it, same key.
                # A request that may have reached gigstack is not queued: the dialog keeps its
                # key, so trying again is answered with the first invoice if there is one.
                dialog.set_offline(True)
                self._queue(dialog, body)
                return
            text = self.tr("No se pudo {0}: {1}").format(self.tr("timbrar la factura"), message)
            self.say(text, error=True)
            dialog.fail(text)

        if self.busy:
            dialog.fail(self.tr("Espera a que termine la operación anterior."))
            return
        self.busy = True
        self.say(self.tr("Enviando a gigstack: {0}…").format(self.tr("timbrar la factura")))
        self.ctx.run_op(
            self,
            lambda c: c.invoices.create_income(request, idempotency_key=key, team=team),
            done,
            on_error=failed,
            busy=[dialog.ok_button],
        )

    def _queue(self, dialog: CreateInvoiceDialog, body: dict[str, Any]) -> OutboxItem | None:
        """Queue the invoice through the same core as `queue add-invoice`; say what happens."""
        try:
            row = queue_invoice(
                self.ctx.core.outbox,
                body,
                team=self.ctx.team,
                payments=dialog.payment_refs(),
                cache=self.ctx.core.cache,
            )
        except InvoiceRejectedError as exc:
            dialog.show_problems(exc.problems)
            return None
        except (StorageError, sqlite3.Error) as exc:
            message = getattr(exc, "message", None) or self.tr("No se pudo guardar en la Cola.")
            dialog.fail(str(message))
            return None
        self.queued_rows.append(row.id)
        dialog.finish()
        self.say("")
        if dialog.covers_queued_sales() and not self.is_offline():
            text = self.tr(
                "Factura en la Cola: se timbrará en cuanto se envíen las ventas que ampara."
            )
        else:
            text = self.tr("Factura en la Cola: se facturará al volver la conexión.")
        self.notify(text)
        self.ctx.bridge.kick()
        return row

    def _series_names(self) -> list[str]:
        return list(self._series_cache)

    def _load_series(self, dialog: CreateInvoiceDialog) -> None:
        """Fill the dialog's series from gigstack (the team id comes from the key)."""
        team = self.ctx.team

        def call(client: GigstackClient) -> list[str]:
            from desktop.ui.team_page import current_team_id

            team_id = current_team_id(client, team)
            if not team_id:
                return []
            return [s.series or s.id or "" for s in client.teams.series(team_id, team=team)]

        def done(names: list[str]) -> None:
            self._series_cache = tuple(n for n in names if n)
            combo = dialog.series
            for name in self._series_cache:
                if combo.findData(name) < 0:
                    combo.addItem(name, name)

        # Not through run(): the dialog works without the list (the team's default series),
        # so a failure here stays quiet.
        self.ctx.run_op(dialog, call, done, on_error=lambda _m, _e: None)

    def cancel_selected(self) -> CancelInvoiceDialog | None:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige una factura primero."))
            return None
        reason = self.offline_reason(self.tr("cancelar una factura"))
        if reason:
            self.say_in_detail(reason)
            return None
        invoice_id, team = row.id, self.ctx.team
        dialog = CancelInvoiceDialog(row.record, self)

        def done(answer: Invoice) -> None:
            record = answer.model_dump(mode="json", by_alias=True, exclude_none=True)
            record.setdefault("status", "cancelled")
            self.replace_record(record)
            dialog.finish()
            self.notify(self.tr("Factura {0} cancelada ante el SAT.").format(row.extra["folio"]))

        self._open(
            dialog,
            self.tr("cancelar la factura"),
            lambda body: lambda c: c.invoices.cancel(invoice_id, body, team=team),
            done,
            guard=self.tr("cancelar la factura {0}").format(row.extra["folio"]),
        )
        return dialog

    def cancel_invoice_by_id(self, invoice_id: str) -> None:
        """Show `invoice_id` and open its cancel dialog (fetched first when not listed).

        For other pages: cancelling a paid sale whose invoice is still valid can offer this
        (`window.show_page_named("invoices")`, then this method).
        """
        if self.select_id(invoice_id):
            self.cancel_selected()
            return
        self.search.clear()
        self.clear_filters()
        if self.select_id(invoice_id):
            self.cancel_selected()
            return
        team = self.ctx.team

        def done(invoice: Invoice) -> None:
            self.replace_record(invoice.model_dump(mode="json", by_alias=True, exclude_none=True))
            if self.select_id(invoice_id):
                self.cancel_selected()

        self.run(
            self.tr("buscar la factura"),
            lambda c: c.invoices.get_income(invoice_id, team=team),
            done,
        )

    def send_selected(self) -> SendInvoiceDialog | None:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige una factura primero."))
            return None
        invoice_id, team = row.id, self.ctx.team
        dialog = SendInvoiceDialog(row.record, self)
        sent_to: list[str] = []

        def call_for(body: dict[str, Any]) -> Any:
            sent_to[:] = body["emails"]

            def call(client: GigstackClient) -> Any:
                # REFERENCE §16.4: `POST /invoices/{id}/send`, outside the seed list.
                return client.invoices.send(invoice_id, emails=body["emails"], team=team)

            return call

        def done(_answer: Any) -> None:
            dialog.finish()
            self.notify(
                self.tr("Factura {0} enviada a {1}.").format(row.extra["folio"], ", ".join(sent_to))
            )

        self._open(dialog, self.tr("enviar la factura"), call_for, done)
        return dialog

    def _open(
        self,
        dialog: ActionDialog,
        what: str,
        make_call: Any,
        on_done: Any,
        guard: str | None = None,
    ) -> None:
        def submitted(body: object) -> None:
            assert isinstance(body, dict)
            if guard is not None and not require_manager(dialog, guard):
                dialog.fail(self.tr("Sin la autorización del encargado no se hizo nada."))
                return
            self.run(what, make_call(body), on_done, on_error=dialog.fail, busy=[dialog.ok_button])

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()


def _short_date(moment: float | None) -> str:
    if moment is None:
        return ""
    return datetime.fromtimestamp(moment).astimezone().strftime("%d/%m/%Y")


def _items_html(items: Any) -> str:
    # Amounts by the one line-amount rule (desktop.records), as in Pagos.
    return items_html(lines_of({"items": items}))
