"""Ask a client to pay through a link: client, services and quantities, allowed methods."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from desktop import fiscal
from desktop.money import MoneyError, parse_quantity
from desktop.records import ClientView, ServiceView
from desktop.store.cache import Resource
from desktop.ui.action_dialog import ActionDialog, error_label, on_enter, set_error
from desktop.ui.formatting import money, quantity
from desktop.ui.payment_link import PaymentLinkView
from desktop.ui.record_picker import RecordPicker, RecordSource, source_of
from desktop.ui.table_model import Column, RecordTableModel


@dataclass(frozen=True)
class RequestLine:
    """One service on the link, read from the catalog cache (`desktop.records.ServiceView`)."""

    service: ServiceView
    quantity: Decimal

    @property
    def unit_price(self) -> Decimal:
        # A cached record, read leniently (desktop.records): no price or a bad one is $0.
        return self.service.unit_price or Decimal(0)

    def as_item(self) -> dict[str, Any]:
        return {"id": self.service.id, "quantity": str(self.quantity)}

    def for_totals(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "taxes": [dict(t) for t in self.service.taxes],
        }


def _line_amount(line: RequestLine) -> Decimal:
    try:
        return fiscal.compute_totals([line.for_totals()]).total
    except ValueError:
        return line.unit_price * line.quantity


class RequestPaymentDialog(ActionDialog):
    """Ask a client to pay through a link: client, services and quantities, methods.

    After the call succeeds the page calls `show_link(url)`: the dialog turns into the QR code
    and the copy button instead of closing.
    """

    METHODS = (
        ("card", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "Tarjeta"))),
        ("bank", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "Transferencia bancaria"))),
        ("oxxo", str(QT_TRANSLATE_NOOP("RequestPaymentDialog", "OXXO"))),
    )

    def __init__(
        self,
        clients: RecordSource | Sequence[Mapping[str, Any]],
        services: RecordSource | Sequence[Mapping[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Solicitar pago"), self.tr("Crear enlace de pago"), parent)
        self.setObjectName("requestPaymentDialog")
        self.resize(640, 560)
        # One key per dialog: pressing again after a lost answer cannot create a second link.
        self.idempotency_key = str(uuid.uuid4())

        # Clients and services are searched in the cache as the cashier types (never all
        # read: issue 12); only the one picked is used.
        self.client = RecordPicker(
            source_of(clients, Resource.CLIENTS),
            kind="client",
            accept=lambda r: bool(ClientView.from_record(r).id),
            name="clientCombo",
            accessible=self.tr("Cliente"),
            placeholder=self.tr("Nombre o RFC del cliente"),
        )
        self.client_error = error_label("clientError")
        self.client.picked.connect(self._client_picked)

        self.service = RecordPicker(
            source_of(services, Resource.SERVICES),
            kind="service",
            accept=lambda r: bool(ServiceView.from_record(r).id),
            name="serviceCombo",
            accessible=self.tr("Producto o servicio"),
            placeholder=self.tr("Descripción, SKU o código de barras"),
            # Enter picks, then goes on to the quantity: it must not create the link.
            pass_enter=False,
        )
        self.service.picked.connect(self._service_picked)
        self.quantity = QLineEdit("1")
        self.quantity.setObjectName("quantityEdit")
        self.quantity.setAccessibleName(self.tr("Cantidad"))
        self.quantity.setMaximumWidth(80)
        self.add_button = QPushButton(self.tr("&Agregar"))
        self.add_button.setObjectName("addItemButton")
        self.add_button.setToolTip(self.tr("Agrega la partida (Alt+A)"))
        self.add_button.clicked.connect(self._add_line)
        # Enter in the quantity adds the line; it must not create the link by accident.
        on_enter(self.quantity, self._add_line)  # Enter adds the line (never sends)
        self.items_error = error_label("itemsError")

        self.lines: RecordTableModel[RequestLine] = RecordTableModel(
            [
                Column(self.tr("Descripción"), lambda r: r.service.description),
                Column(
                    self.tr("Cantidad"),
                    lambda r: quantity(r.quantity),
                    sort_key=lambda r: r.quantity,
                    align_right=True,
                ),
                Column(
                    self.tr("Precio"),
                    lambda r: money(r.unit_price),
                    sort_key=lambda r: r.unit_price,
                    align_right=True,
                ),
                Column(
                    self.tr("Importe"),
                    lambda r: money(_line_amount(r)),
                    sort_key=_line_amount,
                    align_right=True,
                ),
            ],
            lambda r: r.service.description,
            self,
        )
        self.lines_view = QTableView()
        self.lines_view.setObjectName("requestLinesTable")
        self.lines_view.setModel(self.lines)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.verticalHeader().setVisible(False)
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton(self.tr("&Quitar partida"))
        self.remove_button.setObjectName("removeItemButton")
        self.remove_button.setToolTip(self.tr("Quita la partida seleccionada (Supr)"))
        self.remove_button.clicked.connect(self._remove_line)
        QShortcut(QKeySequence.StandardKey.Delete, self.lines_view, self._remove_line)
        self.total_label = QLabel()
        self.total_label.setObjectName("requestTotalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        methods_box = QGroupBox(self.tr("Formas de pago permitidas"))
        methods_layout = QHBoxLayout(methods_box)
        self.method_checks: dict[str, QCheckBox] = {}
        for code, label in self.METHODS:
            check = QCheckBox(self.tr(label))
            check.setObjectName(f"{code}Check")
            check.setChecked(code in ("card", "bank"))
            methods_layout.addWidget(check)
            self.method_checks[code] = check
        self.methods_error = error_label("methodsError")
        self.send_email = QCheckBox(self.tr("Enviar el enlace por correo al cliente"))
        self.send_email.setObjectName("sendEmailCheck")
        self.send_email.setChecked(True)
        self.invoice = QCheckBox(self.tr("Facturar automáticamente cuando pague"))
        self.invoice.setObjectName("invoiceCheck")
        self.invoice.setChecked(True)

        add_row = QHBoxLayout()
        add_row.addWidget(self.service, 1)
        add_row.addWidget(QLabel(self.tr("Cant.")))
        add_row.addWidget(self.quantity)
        add_row.addWidget(self.add_button)
        form_page = QWidget()
        grid = QGridLayout(form_page)
        grid.setContentsMargins(0, 0, 0, 0)
        client_label = QLabel(self.tr("C&liente"))
        client_label.setBuddy(self.client)
        grid.addWidget(client_label, 0, 0)
        grid.addWidget(self.client, 0, 1)
        grid.addWidget(self.client_error, 1, 1)
        grid.addWidget(QLabel(self.tr("Partidas")), 2, 0)
        grid.addLayout(add_row, 2, 1)
        grid.addWidget(self.items_error, 3, 1)
        grid.addWidget(self.lines_view, 4, 1)
        lines_row = QHBoxLayout()
        lines_row.addWidget(self.remove_button)
        lines_row.addStretch(1)
        lines_row.addWidget(self.total_label)
        grid.addLayout(lines_row, 5, 1)
        grid.addWidget(methods_box, 6, 0, 1, 2)
        grid.addWidget(self.methods_error, 7, 0, 1, 2)
        grid.addWidget(self.send_email, 8, 0, 1, 2)
        grid.addWidget(self.invoice, 9, 0, 1, 2)

        self.link_view = PaymentLinkView()
        self.stack = QStackedWidget()
        self.stack.addWidget(form_page)
        self.stack.addWidget(self.link_view)
        self.form.addRow(self.stack)
        self.setTabOrder(self.client, self.service)
        self.setTabOrder(self.service, self.quantity)
        self.setTabOrder(self.quantity, self.add_button)
        self._update_total()
        self.client.setFocus()

    def _client_picked(self, record: object) -> None:
        if record is not None:
            set_error(self.client_error, None)

    def _service_picked(self, record: object) -> None:
        if record is not None:
            set_error(self.items_error, None)
            self.quantity.setFocus()
            self.quantity.selectAll()

    # -- lines --------------------------------------------------------------------------------

    def add_service(self, service_id: str, amount: Decimal) -> None:
        picked = self.service.record()
        if picked is not None and str(picked.get("id") or "") == service_id:
            record: Mapping[str, Any] | None = picked
        else:
            record = self.service.source.get(service_id)  # one record, read by id
        service = ServiceView.from_record(record) if record is not None else None
        if service is None or not service.id:
            set_error(self.items_error, self.tr("Elige un producto o servicio de la lista"))
            return
        lines = self.lines.all_rows()
        for n, line in enumerate(lines):
            if line.service.id == service_id:
                lines[n] = RequestLine(service, line.quantity + amount)
                break
        else:
            lines.append(RequestLine(service, amount))
        self.lines.set_rows(lines)
        set_error(self.items_error, None)
        self._update_total()

    def _add_line(self) -> None:
        service_id = self.service.record_id()
        if not service_id:
            set_error(self.items_error, self.tr("Elige un producto o servicio de la lista"))
            self.service.setFocus()
            return
        try:
            amount = parse_quantity(self.quantity.text())
        except MoneyError as exc:
            set_error(self.items_error, exc.message)
            self.quantity.setFocus()
            self.quantity.selectAll()
            return
        self.add_service(service_id, amount)
        self.service.clear()
        self.quantity.setText("1")
        self.service.setFocus()

    def _remove_line(self) -> None:
        index = self.lines_view.currentIndex()
        if not index.isValid():
            return
        gone = self.lines.row_at(index.row())
        self.lines.set_rows([r for r in self.lines.all_rows() if r is not gone])
        self._update_total()

    def _update_total(self) -> None:
        lines = self.lines.all_rows()
        if not lines:
            self.total_label.setText(self.tr("Sin partidas"))
            return
        try:
            total = fiscal.compute_totals([r.for_totals() for r in lines]).total
        except ValueError:
            total = sum((_line_amount(r) for r in lines), Decimal(0))
        self.total_label.setText(self.tr("Total: {total}").format(total=money(total)))

    # -- submit -------------------------------------------------------------------------------

    def select_client(self, client_id: str) -> bool:
        """Pick a client by id (read by id, never by listing)."""
        return self.client.choose(client_id)

    def body(self) -> dict[str, Any] | None:
        ok = True
        client_id = self.client.record_id()
        set_error(
            self.client_error,
            None if client_id else self.tr("Elige un cliente de la lista (por nombre o RFC)"),
        )
        ok &= bool(client_id)
        lines = self.lines.all_rows()
        set_error(
            self.items_error, None if lines else self.tr("Agrega al menos un producto o servicio")
        )
        ok &= bool(lines)
        methods = [code for code, check in self.method_checks.items() if check.isChecked()]
        set_error(
            self.methods_error, None if methods else self.tr("Permite al menos una forma de pago")
        )
        ok &= bool(methods)
        if not ok:
            return None
        return {
            "client": {"id": client_id},
            "items": [line.as_item() for line in lines],
            "automation_type": "pue_invoice" if self.invoice.isChecked() else "none",
            "allowed_payment_methods": methods,
            "send_email": self.send_email.isChecked(),
        }

    def show_link(self, url: str) -> None:
        """The link exists: show it as a QR code with the copy button; only "Cerrar" remains."""
        self.set_busy(False)
        self.link_view.set_link(url)
        self.stack.setCurrentWidget(self.link_view)
        self.ok_button.setVisible(False)
        self.cancel_button.setText(self.tr("Cerrar"))
        self.cancel_button.setDefault(True)
        self.link_view.copy_button.setFocus()
        self.resize(self.width(), self.minimumSizeHint().height())
