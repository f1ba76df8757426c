"""The Recibos page: sales notes whose customer can invoice them on gigstack's portal.

A receipt (REFERENCE §7, §16.1) is money already collected whose CFDI is still open: the
customer scans its QR (the self-invoice link) and gets their own invoice before the receipt's
`validUntil`; what nobody invoiced ends the period in one global invoice to público en general.
The page lists them with their validity, shows the link and QR, stamps one for a customer who
came back with their RFC (or to público en general), cancels one, and sums up what is still
pending for this period's global invoice.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QPushButton

from desktop.gigstack import GigstackClient
from desktop.records.receipts import OPEN, ReceiptView, last_valid_day
from desktop.store.cache import Resource
from desktop.ui.context import UiContext
from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
from desktop.ui.formatting import count_text, money, when
from desktop.ui.payment_link import QrDialog
from desktop.ui.qr import qr_pixmap
from desktop.ui.record_picker import CacheSource
from desktop.ui.server_page import ServerListPage, ServerRow, record_of
from desktop.ui.table_model import Column

MAX_RECEIPTS = 1000

STATUS_LABELS = {
    "pending": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Por facturar")),
    "open": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Por facturar")),
    "invoiced": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Facturado")),
    "stamped": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Facturado")),
    "completed": str(QT_TRANSLATE_NOOP("ReceiptsPage", "En factura global")),
    "expired": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Vencido: va a la global")),
    "canceled": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Cancelado")),
    "cancelled": str(QT_TRANSLATE_NOOP("ReceiptsPage", "Cancelado")),
}

FILTERS = (
    ("", str(QT_TRANSLATE_NOOP("ReceiptsPage", "Todos los recibos"))),
    ("global", str(QT_TRANSLATE_NOOP("ReceiptsPage", "Pendientes para la factura global"))),
    ("open", str(QT_TRANSLATE_NOOP("ReceiptsPage", "Aún facturables por el cliente"))),
    ("invoiced", str(QT_TRANSLATE_NOOP("ReceiptsPage", "Facturados"))),
    ("completed", str(QT_TRANSLATE_NOOP("ReceiptsPage", "En factura global"))),
    ("cancelled", str(QT_TRANSLATE_NOOP("ReceiptsPage", "Cancelados"))),
)


def view_of(row: ServerRow) -> ReceiptView:
    """The row's receipt, read once when the row was made (`make_row`)."""
    view = row.extra.get("view")
    return view if isinstance(view, ReceiptView) else ReceiptView.from_record(row.record)


class ReceiptsPage(ServerListPage):
    """Receipts, their validity, self-invoice link and QR, stamping and cancelling."""

    title = str(QT_TRANSLATE_NOOP("Page", "Recibos"))
    icon_name = "receipts"
    noun = "recibo"
    follows_queue = True
    list_width = 800
    detail_width = 360

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("receipts")
        self.heading.setText(self.tr("Recibos"))
        self.table.setObjectName("receiptsTable")
        self.search.setObjectName("receiptSearch")
        self.search.setAccessibleName(self.tr("Buscar recibos"))
        self.search.setPlaceholderText(self.tr("Buscar cliente, importe, folio… (Ctrl+F)"))
        self.toolbar.addWidget(self.refresh_button)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("receiptStatusFilter")
        self.status_filter.setAccessibleName(self.tr("Mostrar"))
        for code, label in FILTERS:
            self.status_filter.addItem(self.tr(label), code)
        self.status_filter.currentIndexChanged.connect(self._rebuild_filter)
        self.filters.addWidget(self.status_filter)
        self.global_summary = QLabel()
        self.global_summary.setObjectName("globalSummary")
        self.global_summary.setWordWrap(True)
        self.filters.addWidget(self.global_summary, 1)

        self.stamp_button = QPushButton(self.tr("Facturar…"))
        self.stamp_button.setObjectName("stampReceiptButton")
        self.stamp_button.setToolTip(
            self.tr("Timbra la factura para un cliente con RFC o para público en general")
        )
        self.stamp_button.clicked.connect(self.stamp_selected)
        self.copy_button = QPushButton(self.tr("Copiar enlace"))
        self.copy_button.setObjectName("copyReceiptLinkButton")
        self.copy_button.clicked.connect(self.copy_link)
        self.big_qr_button = QPushButton(self.tr("QR grande"))
        self.big_qr_button.setObjectName("bigQrButton")
        self.big_qr_button.setToolTip(
            self.tr("Muestra el código grande para el teléfono del cliente")
        )
        self.big_qr_button.clicked.connect(self.show_big_qr)
        self.cancel_button = QPushButton(self.tr("Cancelar recibo…"))
        self.cancel_button.setObjectName("cancelReceiptButton")
        self.cancel_button.setProperty("danger", True)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.detail_actions.addWidget(self.stamp_button)
        self.detail_actions.addWidget(self.copy_button)
        self.detail_actions.addStretch(1)
        self.detail_actions2.addWidget(self.big_qr_button)
        self.detail_actions2.addWidget(self.cancel_button)
        self.detail_actions2.addStretch(1)

        self.qr = QLabel()
        self.qr.setObjectName("receiptQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_hint = QLabel(self.tr("El cliente escanea el código para hacer su factura."))
        self.qr_hint.setProperty("role", "hint")
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_extra.addWidget(self.qr)
        self.detail_extra.addWidget(self.qr_hint)

        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # Dates, amounts and statuses are never cut; the client's name takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.model.sort(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self._rebuild_filter()
        self.show_detail(None)

    # -- table ----------------------------------------------------------------------------

    def columns(self) -> Sequence[Column[ServerRow]]:
        return [
            Column(
                self.tr("Fecha"),
                lambda r: _date(view_of(r).created),
                sort_key=lambda r: view_of(r).created or 0.0,
                tooltip=lambda r: when(view_of(r).created) or None,
            ),
            Column(self.tr("Cliente"), lambda r: view_of(r).client_name),
            Column(
                self.tr("Total"),
                lambda r: money(view_of(r).total),
                sort_key=lambda r: _sortable(view_of(r).total),
                align_right=True,
            ),
            Column(
                self.tr("Estado"),
                lambda r: self._status_label(view_of(r).status),
            ),
            Column(
                self.tr("Vence"),
                lambda r: _day(view_of(r).last_day),
                sort_key=lambda r: view_of(r).valid_until or 0.0,
                tooltip=lambda r: when(view_of(r).valid_until) or None,
            ),
        ]

    def _status_label(self, status: str) -> str:
        return self.tr(STATUS_LABELS.get(status, status))

    def make_row(self, record: dict[str, Any]) -> ServerRow:
        return ServerRow(record, {"view": ReceiptView.from_record(record)})

    def search_text(self, row: ServerRow) -> str:
        view = view_of(row)
        return " ".join(
            x
            for x in (
                row.id,
                view.client_name,
                view.client.rfc,
                view.client.email,
                money(view.total),
                *view.payment_ids,
            )
            if x
        )

    def fetch(self, client: GigstackClient) -> list[Any]:
        raise NotImplementedError

    def fetch_for(self, client: GigstackClient, team: str | None) -> list[Any]:
        found: list[Any] = []
        for page in client.receipts.list(limit=100, team=team).pages():
            found.extend(page.items)
            if len(found) >= MAX_RECEIPTS:
                break
        return found

    def after_load(self) -> None:
        self._update_global_summary()

    def clear_filters(self) -> None:
        self.status_filter.setCurrentIndex(0)

    def _rebuild_filter(self) -> None:
        code = str(self.status_filter.currentData() or "")

        def extra(row: ServerRow) -> bool:
            view = view_of(row)
            if code == "global":
                return view.for_global
            if code == "open":
                return view.is_open
            if code == "invoiced":
                return view.invoiced
            if code == "completed":
                return view.in_global
            if code == "cancelled":
                return view.cancelled
            return True

        self.set_extra_filter(extra)

    def pending_for_global(self) -> list[ServerRow]:
        """Receipts nobody invoiced yet: they go into the period's global invoice."""
        return [r for r in self.model.all_rows() if view_of(r).for_global]

    def _update_global_summary(self) -> None:
        pending = [view_of(r) for r in self.pending_for_global()]
        total = sum((v.total or Decimal(0) for v in pending), Decimal(0))
        if not pending:
            self.global_summary.setText(self.tr("Nada pendiente para la factura global."))
            return
        ends = [v.valid_until for v in pending if v.valid_until]
        text = count_text(
            len(pending),
            self.tr("Para la factura global: 1 recibo por {total}"),
            self.tr("Para la factura global: {n} recibos por {total}"),
            total=money(total),
        )
        if ends:
            # The last day it can be self-invoiced, as the rows and the ticket say it.
            text += self.tr(" · el primero vence {0}").format(_day(last_valid_day(min(ends))))
        self.global_summary.setText(text)

    def update_count(self) -> None:
        super().update_count()
        self._update_global_summary()

    # -- detail -----------------------------------------------------------------------------

    def detail_fields(self) -> Sequence[tuple[str, str]]:
        return (
            ("status", self.tr("Estado")),
            ("validity", self.tr("Vigencia")),
            ("client", self.tr("Cliente")),
            ("totals", self.tr("Importes")),
            ("link", self.tr("Autofactura")),
            ("invoices", self.tr("Facturas")),
            ("payments", self.tr("Pagos")),
            ("id", self.tr("ID en gigstack")),
        )

    def show_detail(self, row: ServerRow | None) -> None:
        self.say_in_detail(None)
        for label in self.detail_labels.values():
            label.clear()
            self.detail_form.setRowVisible(label, row is not None)
        self.qr.clear()
        self.qr.setVisible(False)
        self.qr_hint.setVisible(False)
        for button in (self.stamp_button, self.copy_button, self.big_qr_button, self.cancel_button):
            button.setVisible(False)
        if row is None:
            self.detail_title.setText(self.tr("Elige un recibo para ver su detalle."))
            return
        view = view_of(row)
        status = view.status
        labels = self.detail_labels
        self.detail_title.setText(self.tr("Recibo · {total}").format(total=money(view.total)))
        labels["status"].setText(self._status_label(status))
        labels["validity"].setText(self._validity_text(view.valid_until, status))
        labels["client"].setText(
            " · ".join(x for x in (view.client_name, view.client.rfc) if x) or "—"
        )
        labels["totals"].setText(
            self.tr("Subtotal {s} · Impuestos {t} · Total {total}").format(
                s=money(view.subtotal),
                t=money(view.taxes) or "—",
                total=money(view.total),
            )
        )
        url = view.url
        labels["link"].setText(url or "—")
        invoices = list(view.invoice_ids)
        if view.global_invoice_id:
            invoices.append(self.tr("Factura global {0}").format(view.global_invoice_id))
        labels["invoices"].setText("\n".join(invoices) or self.tr("Sin factura todavía"))
        labels["payments"].setText("\n".join(view.payment_ids) or "—")
        labels["id"].setText(row.id)
        can_invoice = view.is_open
        if url and can_invoice:
            self.qr.setPixmap(qr_pixmap(url, size_px=200))
            self.qr.setVisible(True)
            self.qr_hint.setVisible(True)
        self.copy_button.setVisible(bool(url) and can_invoice)
        self.big_qr_button.setVisible(bool(url) and can_invoice)
        self.stamp_button.setVisible(can_invoice)
        self.cancel_button.setVisible(can_invoice or status == "expired")

    def _validity_text(self, valid_until: float | None, status: str) -> str:
        if valid_until is None:
            return "—"
        moment = _day(last_valid_day(valid_until))  # the day the ticket prints
        if status not in OPEN:
            return self.tr("Hasta {0}").format(moment)
        days = int((valid_until - time.time()) // 86400)
        if days < 0:
            return self.tr("Venció el {0}: entra en la factura global").format(moment)
        if days == 0:
            return self.tr("Vence hoy ({0})").format(moment)
        return count_text(
            days,
            self.tr("Vence en 1 día ({when})"),
            self.tr("Vence en {n} días ({when})"),
            when=moment,
        )

    # -- actions ----------------------------------------------------------------------------

    def copy_link(self) -> None:
        row = self.selected()
        url = view_of(row).url if row else ""
        if url:
            QGuiApplication.clipboard().setText(url)
            self.notify(self.tr("Enlace de autofactura copiado."))

    def show_big_qr(self) -> QrDialog | None:
        """The self-invoice link as a large QR, for a phone across the counter."""
        row = self.selected()
        url = view_of(row).url if row else ""
        if not url:
            return None
        dialog = QrDialog(url, self.tr("Factura tu compra"), self)
        dialog.view.hint.setText(self.tr("Escanea el código para hacer tu factura."))
        self.dialog = dialog
        dialog.open()
        return dialog

    def stamp_selected(self) -> CustomerInvoiceDialog | None:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige un recibo primero."))
            return None
        reason = self.offline_reason(self.tr("facturar un recibo"))
        if reason:
            self.say_in_detail(reason)
            return None
        team = self.ctx.team
        # Clients are searched as the cashier types, never all read (issue 12).
        clients = CacheSource(self.ctx.core.cache, Resource.CLIENTS, team)
        dialog = CustomerInvoiceDialog(row.record, clients, self)
        receipt_id = row.id

        def done(receipt: Any) -> None:
            record = record_of(receipt)
            record.setdefault("status", "invoiced")
            self.replace_record(record)
            dialog.finish()
            self.notify(self.tr("Recibo facturado."))

        def submitted(body: object) -> None:
            assert isinstance(body, dict)
            self.run(
                self.tr("facturar el recibo"),
                lambda c: c.receipts.stamp(receipt_id, body, team=team),
                done,
                on_error=dialog.fail,
                busy=[dialog.ok_button],
            )

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def cancel_selected(self) -> bool:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige un recibo primero."))
            return False
        reason = self.offline_reason(self.tr("cancelar un recibo"))
        if reason:
            self.say_in_detail(reason)
            return False
        total = money(view_of(row).total)
        if not self.confirm(
            self.tr("Cancelar recibo"),
            self.tr(
                "¿Cancelar el recibo por {0} de {1}? El cliente ya no podrá facturarlo y no "
                "entrará en la factura global. El cobro NO se devuelve con esto: si hubo "
                "devolución, regístrala en Pagos. No se puede deshacer."
            ).format(total, view_of(row).client_name or self.tr("público en general")),
            self.tr("Sí, cancelar el recibo"),
            self.tr("cancelar el recibo por {0}").format(total),
        ):
            return False
        receipt_id, team = row.id, self.ctx.team

        def done(receipt: Any) -> None:
            record = record_of(receipt)
            record["status"] = record.get("status") or "cancelled"
            record["id"] = record.get("id") or receipt_id
            self.replace_record(record)
            self.notify(self.tr("Recibo por {0} cancelado.").format(total))

        return self.run(
            self.tr("cancelar el recibo"),
            lambda c: c.receipts.cancel(receipt_id, team=team),
            done,
            busy=[self.cancel_button],
        )


def _sortable(total: Decimal | None) -> Decimal:
    return total if total is not None else Decimal(-1)


def _date(moment: float | None) -> str:
    if moment is None:
        return ""
    return datetime.fromtimestamp(moment).astimezone().strftime("%d/%m/%Y")


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day is not None else ""
