"""The selected payment's detail on Pagos: what was sold, to whom, when, how it ended fiscally,
and the buttons for what can be done with it now (`desktop.payment_rules.allowed_actions`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.payment_rules import (
    Action,
    Fiscal,
    allowed_actions,
    refund_limit,
)
from desktop.ui.action_dialog import error_label, payment_form_label
from desktop.ui.formatting import money, sale_name, when
from desktop.ui.layout import detail_title
from desktop.ui.payments_model import PaymentRow, items_html
from desktop.ui.sale_tickets import SaleDocuments, invoice_numbers

#: Fields shown only when they have something to say.
OPTIONAL_FIELDS = ("link", "selfInvoice", "queueError")


def read_invoice_folios(row: PaymentRow, documents: SaleDocuments | None) -> list[str]:
    """The series-folios of the sale's invoices as read from gigstack ([] until read): what a
    person is told, never gigstack's internal `invoice_…` id."""
    invoice = documents.invoice if documents is not None else None
    if invoice is None or not row.invoices:
        return []
    number = invoice_numbers(invoice)[0]
    return [number] if number else []


class PaymentDetail(QWidget):
    """Labels for one payment plus its action buttons (the page connects the buttons)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDetail")
        layout = QVBoxLayout(self)
        self.title = detail_title(self.tr("Elige un pago para ver su detalle."))
        layout.addWidget(self.title)

        self.cancel_button = QPushButton(self.tr("Cancelar pago…"))
        self.cancel_button.setObjectName("cancelPaymentButton")
        self.cancel_button.setProperty("danger", True)
        self.cancel_button.setToolTip(self.tr("Cancela el pago en gigstack (Ctrl+Shift+X)"))
        self.mark_paid_button = QPushButton(self.tr("Marcar pagado…"))
        self.mark_paid_button.setObjectName("markPaidButton")
        self.mark_paid_button.setToolTip(
            self.tr("Registra que el cliente ya pagó un pago pendiente (Ctrl+Shift+M)")
        )
        self.refund_button = QPushButton(self.tr("Reembolsar…"))
        self.refund_button.setObjectName("refundButton")
        self.refund_button.setToolTip(self.tr("Devuelve todo o parte del pago (Ctrl+Shift+R)"))
        self.stamp_button = QPushButton(self.tr("Facturar recibo…"))
        self.stamp_button.setObjectName("stampReceiptButton")
        self.stamp_button.setProperty("primary", True)
        self.stamp_button.setToolTip(
            self.tr("El cliente regresó con su RFC: timbra la factura a su nombre (Ctrl+Shift+F)")
        )
        # One button for the ticket (the detail pane is narrow): print, or save it as PDF.
        self.reprint_button = QPushButton(self.tr("Ticket"))
        self.reprint_button.setObjectName("reprintTicketButton")
        self.reprint_button.setToolTip(
            self.tr("Reimprime el ticket, con el QR de autofactura si ya existe (Ctrl+P)")
        )
        menu = QMenu(self.reprint_button)
        self.reprint_action = menu.addAction(self.tr("Imprimir de nuevo…\tCtrl+P"))
        self.reprint_pdf_action = menu.addAction(self.tr("Guardar como PDF…"))
        self.reprint_button.setMenu(menu)
        self.open_queue_button = QPushButton(self.tr("Ver en la cola"))
        self.open_queue_button.setObjectName("openQueueButton")
        self.open_queue_button.setToolTip(
            self.tr("Esta venta aún no llega a gigstack: revísala en la cola de envíos")
        )
        self.buttons: dict[Action, QPushButton] = {
            Action.CANCEL: self.cancel_button,
            Action.MARK_PAID: self.mark_paid_button,
            Action.REFUND: self.refund_button,
            Action.STAMP_RECEIPT: self.stamp_button,
            Action.REPRINT: self.reprint_button,
            Action.OPEN_QUEUE: self.open_queue_button,
        }
        first = QHBoxLayout()
        for button in (self.stamp_button, self.reprint_button):
            first.addWidget(button)
        first.addStretch(1)
        second = QHBoxLayout()
        for button in (
            self.cancel_button,
            self.mark_paid_button,
            self.refund_button,
            self.open_queue_button,
        ):
            second.addWidget(button)
        second.addStretch(1)
        layout.addLayout(first)
        layout.addLayout(second)
        self.action_error = error_label("actionError")
        layout.addWidget(self.action_error)
        self.action_notice = QLabel()
        self.action_notice.setObjectName("actionNotice")
        self.action_notice.setWordWrap(True)
        self.action_notice.setProperty("role", "hint")
        layout.addWidget(self.action_notice)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for key, label in (
            ("status", self.tr("Estado")),
            ("fiscal", self.tr("Comprobante")),
            ("soldAt", self.tr("Vendida")),
            ("client", self.tr("Cliente")),
            ("items", self.tr("Partidas")),
            ("totals", self.tr("Importes")),
            ("paymentForm", self.tr("Forma de pago")),
            ("invoices", self.tr("Facturas")),
            ("selfInvoice", self.tr("Autofactura")),
            ("folio", self.tr("Folio")),
            ("localId", self.tr("ID local")),
            ("id", self.tr("ID en gigstack")),
            ("link", self.tr("Enlace de pago")),
            ("queueError", self.tr("Último error")),
        ):
            value = QLabel()
            value.setObjectName(f"detail{key[0].upper()}{key[1:]}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(120)
            form.addRow(label, value)
            self.labels[key] = value
        self.form = form
        layout.addLayout(form)
        link_row = QHBoxLayout()
        self.copy_link_button = QPushButton(self.tr("Copiar enlace"))
        self.copy_link_button.setObjectName("detailCopyLinkButton")
        self.qr_button = QPushButton(self.tr("Mostrar QR"))
        self.qr_button.setObjectName("detailQrButton")
        link_row.addWidget(self.copy_link_button)
        link_row.addWidget(self.qr_button)
        link_row.addStretch(1)
        layout.addLayout(link_row)
        layout.addStretch(1)
        self.show_row(None)

    def _set_row_visible(self, field: QLabel, visible: bool) -> None:
        self.form.setRowVisible(field, visible)

    def invoice_texts(self, row: PaymentRow, documents: SaleDocuments | None) -> list[str]:
        """Each invoice of the sale as a person reads it: "A-12 · UUID 1a2b…" once read from
        gigstack; never gigstack's internal id (it means nothing on paper or at the SAT)."""
        invoice = documents.invoice if documents is not None else None
        read_ids = (
            {str(invoice.get(k)) for k in ("id", "uuid") if invoice.get(k)} if invoice else set()
        )
        texts = []
        for ident in row.invoices:
            # One invoice read for the sale: it is that one even if the ids are spelled apart.
            if invoice is not None and (ident in read_ids or len(row.invoices) == 1):
                number, fiscal_uuid = invoice_numbers(invoice)
                parts = [number or self.tr("Sin serie-folio")]
                if fiscal_uuid:
                    parts.append(self.tr("UUID {uuid}").format(uuid=fiscal_uuid))
                texts.append(" · ".join(parts))
            else:
                texts.append(self.tr("Factura (su folio se lee al elegir el pago en línea)"))
        return texts

    def fiscal_text(self, row: PaymentRow, documents: SaleDocuments | None = None) -> str:
        """The fiscal outcome in a sentence a cashier can repeat to the customer."""
        state = row.fiscal
        label = self.tr(row.fiscal_label)
        number = ", ".join(read_invoice_folios(row, documents))
        if state in (Fiscal.INVOICED, Fiscal.RECEIPT_INVOICED) and number:
            return self.tr("{label}: {number}").format(label=label, number=number)
        if state is Fiscal.INVOICED:
            return label
        if state is Fiscal.RECEIPT_PENDING:
            last_day = row.receipt_view.last_day if row.receipt_view is not None else None
            if last_day is not None:
                return self.tr("{label}: el cliente puede facturarse hasta el {day}").format(
                    label=label, day=last_day.strftime("%d/%m/%Y")
                )
        if state is Fiscal.RECEIPT:
            return self.tr("Recibo (su estado se lee al elegirlo en línea)")
        if state is Fiscal.QUEUED:
            return self.tr(
                "En cola: el recibo o la factura se crea cuando la venta llegue a gigstack"
            )
        return label

    def show_row(self, row: PaymentRow | None, documents: SaleDocuments | None = None) -> None:
        """Show `row`; `documents` are its receipt/invoice as last read from gigstack (the
        invoice's series-folio and UUID come from there)."""
        labels = self.labels
        for label in labels.values():
            label.clear()
        has_row = row is not None
        for key, label in labels.items():
            self._set_row_visible(label, has_row and key not in OPTIONAL_FIELDS)
        self.copy_link_button.setVisible(False)
        self.qr_button.setVisible(False)
        self.action_notice.clear()
        self.action_notice.setVisible(False)
        if row is None:
            self.title.setText(self.tr("Elige un pago para ver su detalle."))
            for button in self.buttons.values():
                button.setVisible(False)
            return
        self.title.setText(
            self.tr("Pago {folio} · {total}").format(
                folio=sale_name(row.folio, row.payment_id), total=money(row.total)
            )
        )
        labels["status"].setText(self.tr(row.status_label))
        labels["fiscal"].setText(self.fiscal_text(row, documents))
        # gigstack's ids stay reachable (support may ask for them), out of the way.
        labels["fiscal"].setToolTip(", ".join([*row.invoices, row.receipt_id or ""]).strip(", "))
        labels["soldAt"].setText(when(row.sold_at) or "—")
        view = row.view
        client = view.client
        client_lines = [row.client_name]
        if client.legal_name and client.legal_name != row.client_name:
            client_lines.append(client.legal_name)
        fiscal_bits = [x for x in (client.rfc, client.tax_system, client.use) if x]
        if fiscal_bits:
            client_lines.append(" · ".join(fiscal_bits))
        if client.email:
            client_lines.append(client.email)
        labels["client"].setText("\n".join(line for line in client_lines if line))
        labels["items"].setTextFormat(Qt.TextFormat.RichText)
        labels["items"].setText(items_html(view.lines))
        totals = [
            self.tr("Subtotal {v}").format(v=money(view.subtotal)),
            self.tr("Impuestos {v}").format(v=money(view.taxes)),
            self.tr("Total {v}").format(v=money(row.total)),
        ]
        if row.refunded:
            totals.append(self.tr("Reembolsado {v}").format(v=money(row.refunded)))
        labels["totals"].setText(" · ".join(totals))
        labels["paymentForm"].setText(payment_form_label(row.payment_form) or "—")
        labels["invoices"].setText(
            "\n".join(self.invoice_texts(row, documents)) or self.tr("Sin factura")
        )
        labels["folio"].setText(row.folio)
        # gigstack's metadata first (what the sale carried), else the queue row's own id.
        local_id = view.local_id or (row.outbox.local_id if row.outbox else "")
        labels["localId"].setText(local_id or "—")
        labels["id"].setText(row.payment_id or self.tr("Aún no (en la cola)"))
        # Ids have no place to wrap: one longer than the pane is cut there, so it is given
        # whole in the tooltip (and each can still be selected and copied).
        labels["localId"].setToolTip(local_id or "")
        labels["id"].setToolTip(row.payment_id or "")
        url = view.short_url
        if url:
            labels["link"].setText(url)
            self._set_row_visible(labels["link"], True)
            self.copy_link_button.setVisible(True)
            self.qr_button.setVisible(True)
        # The self-invoice link only while the customer can still use it: once the receipt is
        # invoiced, in the global invoice, expired or cancelled, it leads nowhere.
        receipt = row.receipt_view
        # (A receipt that says no status is taken as open: the link is all we know of it.)
        usable = receipt is not None and (receipt.is_open or not receipt.status)
        self_invoice = receipt.url if receipt is not None and usable else ""
        if self_invoice and not row.invoices:
            labels["selfInvoice"].setText(self_invoice)
            self._set_row_visible(labels["selfInvoice"], True)
        if row.outbox is not None and row.outbox.last_error and row.in_queue:
            labels["queueError"].setText(row.outbox.last_error)
            self._set_row_visible(labels["queueError"], True)

        limit = refund_limit({**row.record, "status": row.status, "total": row.total})
        allowed = allowed_actions(
            row.status, in_queue=row.in_queue, fiscal=row.fiscal, refundable=limit.refundable
        )
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
        if row.in_queue:
            self.action_notice.setText(
                self.tr(
                    "Esta venta aún no llega a gigstack. Cuando se envíe podrás cancelarla, "
                    "reembolsarla o facturar su recibo aquí."
                )
            )
        elif row.fiscal is Fiscal.RECEIPT_EXPIRED:
            self.action_notice.setText(
                self.tr(
                    "El recibo venció: ya no se puede facturar a nombre del cliente; entra en la "
                    "factura global del periodo."
                )
            )
        self.action_notice.setVisible(bool(self.action_notice.text()))
