"""The Facturas page: the team's income invoices (CFDI type I), read from gigstack.

List with filters (period, status, series), the selected invoice's detail, its PDF and XML
(downloaded into the data folder's `facturas/` and opened with the system viewer), resending
it by e-mail, creating one (from payments already received or from services) and cancelling it
with the SAT motive.

Creating an invoice needs gigstack: the outbox has no invoice kind (`OutboxKind` holds
payments, clients and services only), so offline the page refuses with the reason instead of
queueing. Cancelling is online only by nature (the SAT answers it).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
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
from desktop.records import lines_of
from desktop.store.cache import Resource
from desktop.ui.action_dialog import ActionDialog, payment_form_label
from desktop.ui.context import UiContext
from desktop.ui.formatting import money, to_money, when
from desktop.ui.invoice_dialogs import (
    CancelInvoiceDialog,
    CreateInvoiceDialog,
    SendInvoiceDialog,
    fiscal_uuid,
    invoice_folio,
)
from desktop.ui.manager_pin import require_manager
from desktop.ui.payments_model import items_html
from desktop.ui.server_page import ServerListPage, ServerRow
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


def _status(record: Mapping[str, Any]) -> str:
    value = str(record.get("status") or "")
    # REFERENCE §15.9: the create answer says "stamped" where lists say "valid"; one status.
    return {"stamped": "valid", "canceled": "cancelled"}.get(value, value)


def _epoch(value: Any) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _client(record: Mapping[str, Any]) -> Mapping[str, Any]:
    client = record.get("client")
    return client if isinstance(client, Mapping) else {}


def _client_name(record: Mapping[str, Any]) -> str:
    c = _client(record)
    return str(c.get("name") or c.get("legal_name") or c.get("tax_id") or c.get("id") or "")


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

        self.new_button = QPushButton(self.tr("Nueva factura…"))
        self.new_button.setObjectName("newInvoiceButton")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Factura pagos ya recibidos o conceptos nuevos"))
        self.new_button.clicked.connect(self.new_invoice)
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
            row.record.update(invoice.model_dump(mode="json", by_alias=True, exclude_none=True))
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
            Column(self.tr("Cliente"), lambda r: _client_name(r.record)),
            Column(self.tr("RFC"), lambda r: str(_client(r.record).get("tax_id") or "")),
            Column(self.tr("Método"), lambda r: str(r.record.get("payment_method") or "")),
            Column(
                self.tr("Total"),
                lambda r: money(r.extra["total"], str(r.record.get("currency") or "MXN")),
                sort_key=lambda r: r.extra["total"] if r.extra["total"] is not None else -1,
                align_right=True,
            ),
            Column(
                self.tr("Estado"),
                lambda r: self.tr(STATUS_LABELS.get(r.extra["status"], r.extra["status"])),
            ),
        ]

    def make_row(self, record: dict[str, Any]) -> ServerRow:
        return ServerRow(
            record,
            {
                "created": _epoch(record.get("created_at")),
                "folio": invoice_folio(record),
                "status": _status(record),
                "total": to_money(record.get("total")),
                "uuid": fiscal_uuid(record),
            },
        )

    def search_text(self, row: ServerRow) -> str:
        c = _client(row.record)
        return " ".join(
            str(x or "")
            for x in (
                row.extra["folio"],
                row.id,
                row.extra["uuid"],
                c.get("name"),
                c.get("legal_name"),
                c.get("tax_id"),
                c.get("email"),
                money(row.extra["total"]),
            )
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
        names = sorted(
            {str(r.record.get("series")) for r in self.model.all_rows() if r.record.get("series")}
        )
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
            return not (series and str(row.record.get("series") or "") != series)

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
            self.tr("{n} facturas · vigentes {total}").format(n=len(rows), total=money(valid))
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
        record, extra = row.record, row.extra
        labels = self.detail_labels
        self.detail_title.setText(
            self.tr("Factura {folio} · {total}").format(
                folio=extra["folio"],
                total=money(extra["total"], str(record.get("currency") or "MXN")),
            )
        )
        labels["status"].setText(self.tr(STATUS_LABELS.get(extra["status"], extra["status"])))
        c = _client(record)
        lines = [_client_name(record)]
        if c.get("legal_name") and c.get("legal_name") != lines[0]:
            lines.append(str(c["legal_name"]))
        lines.append(" · ".join(str(x) for x in (c.get("tax_id"), c.get("tax_system")) if x))
        if c.get("email"):
            lines.append(str(c["email"]))
        labels["client"].setText("\n".join(x for x in lines if x))
        labels["uuid"].setText(extra["uuid"] or "—")
        stamp = record.get("stamp") if isinstance(record.get("stamp"), Mapping) else {}
        labels["stamped"].setText(when((stamp or {}).get("stamp_at")) or "—")
        method = str(record.get("payment_method") or "")
        labels["method"].setText(
            " · ".join(x for x in (method, payment_form_label(record.get("payment_form"))) if x)
            or "—"
        )
        labels["use"].setText(str(record.get("use") or "—"))
        labels["items"].setText(_items_html(record.get("items") or []))
        taxes = record.get("taxes")
        labels["totals"].setText(
            self.tr("Subtotal {s} · Impuestos {t} · Total {total}").format(
                s=money(record.get("subtotal")),
                t=money(taxes if not isinstance(taxes, list) else None) or "—",
                total=money(extra["total"]),
            )
        )
        if method == "PPD" and record.get("last_balance") is not None:
            complements = record.get("payment_complements")
            count = len(complements) if isinstance(complements, list) else complements or 0
            labels["balance"].setText(
                self.tr("Por cobrar {b} · {n} complementos de pago").format(
                    b=money(record.get("last_balance")), n=count
                )
            )
            self.detail_form.setRowVisible(labels["balance"], True)
        payments = _linked_payments(record)
        if payments:
            labels["payments"].setText("\n".join(payments))
            self.detail_form.setRowVisible(labels["payments"], True)
        cancellation = record.get("cancellation")
        if isinstance(cancellation, Mapping):
            text = self.tr("Motivo {m}").format(m=cancellation.get("motive") or "—")
            if cancellation.get("substitution_uuid"):
                text += self.tr(" · sustituida por {u}").format(u=cancellation["substitution_uuid"])
            if cancellation.get("cancelled_at"):
                text += f" · {when(cancellation['cancelled_at'])}"
            labels["cancellation"].setText(text)
            self.detail_form.setRowVisible(labels["cancellation"], True)
        labels["id"].setText(row.id)
        cancelled = extra["status"] == "cancelled"
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
        """Open the new-invoice dialog (optionally with payments already ticked)."""
        reason = self.offline_reason(self.tr("timbrar una factura"))
        if reason:
            # The outbox has no invoice kind yet: an invoice cannot wait in the queue like a
            # sale does, so say it plainly instead of pretending.
            self.say(
                reason + " " + self.tr("Las facturas no se guardan en la cola; las ventas sí."),
                error=True,
            )
            return None
        team = self.ctx.team
        cache = self.ctx.core.cache
        clients = [c for _k, c in cache.all(Resource.CLIENTS, team)]
        services = [s for _k, s in cache.all(Resource.SERVICES, team)]
        payments = [p for _k, p in cache.all(Resource.PAYMENTS, team)]
        dialog = CreateInvoiceDialog(clients, services, payments, self._series_names(), self)
        if payment_ids:
            first = next((p for p in payments if p.get("id") == payment_ids[0]), None)
            client = first.get("client") if first else None
            if isinstance(client, Mapping) and client.get("id"):
                dialog.choose_client(str(client["id"]))
            for payment_id in payment_ids:
                dialog.check_payment(payment_id)
        key = dialog.idempotency_key

        def done(invoice: Invoice) -> None:
            record = invoice.model_dump(mode="json", by_alias=True, exclude_none=True)
            self.replace_record(record)
            dialog.finish()
            self.notify(self.tr("Factura {0} timbrada.").format(invoice_folio(record)))

        self._open(
            dialog,
            self.tr("timbrar la factura"),
            lambda body: lambda c: c.invoices.create_income(body, idempotency_key=key, team=team),
            done,
        )
        self._load_series(dialog)
        return dialog

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


def _linked_payments(record: Mapping[str, Any]) -> list[str]:
    ids: list[str] = []
    for entry in record.get("payments") or []:
        if isinstance(entry, str):
            ids.append(entry)
        elif isinstance(entry, Mapping) and entry.get("id"):
            ids.append(str(entry["id"]))
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and isinstance(metadata.get("payments"), str):
        ids.extend(p for p in metadata["payments"].split(",") if p and p not in ids)
    return ids


def _items_html(items: Any) -> str:
    # Amounts by the one line-amount rule (desktop.records), as in Pagos.
    return items_html(lines_of({"items": items}))
