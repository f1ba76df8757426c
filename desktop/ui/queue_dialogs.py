"""Dialogs for the Cola page: fix a parked row and send it again, or discard it with a reason.

Both follow `ActionDialog`'s contract: local checks first (red text next to the field), then
`submitted(body)`; the page writes the outbox and answers with `finish()` or `fail(message)`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.records.clients import ClientView
from desktop.records.queued import payment_form_of, queued_client
from desktop.sales import SaleRejectedError, check_payment
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxItem, OutboxKind
from desktop.ui.payment_dialogs import (
    ActionDialog,
    error_label,
    fill_payment_forms,
    set_error,
)
from desktop.ui.record_picker import RecordPicker, RecordSource, source_of

KIND_LABELS = {
    OutboxKind.REGISTER_PAYMENT: str(QT_TRANSLATE_NOOP("QueuePage", "Venta")),
    OutboxKind.CREATE_CLIENT: str(QT_TRANSLATE_NOOP("QueuePage", "Cliente nuevo")),
    OutboxKind.UPDATE_CLIENT: str(QT_TRANSLATE_NOOP("QueuePage", "Cambio de cliente")),
    OutboxKind.CREATE_SERVICE: str(QT_TRANSLATE_NOOP("QueuePage", "Servicio nuevo")),
    OutboxKind.UPDATE_SERVICE: str(QT_TRANSLATE_NOOP("QueuePage", "Cambio de servicio")),
    OutboxKind.CREATE_INVOICE: str(QT_TRANSLATE_NOOP("QueuePage", "Factura")),
}

# Where a problem of `check_payment` is shown: dotted field path -> error label name.
_FIELD_LABELS = {
    "client": "client",
    "client.id": "client",
    "client.search": "client",
    "client.tax_id": "rfc",
    "client.legal_name": "name",
    "client.name": "name",
    "client.tax_system": "regime",
    "client.use": "use",
    "use": "use",
    "client.address.zip": "zip",
    "client.address": "zip",
    "payment_form": "paymentForm",
}


def _client_text(record: Mapping[str, Any]) -> str:
    view = ClientView.from_record(record)
    name = view.name or view.legal_name or view.id
    return f"{name} — {view.rfc}" if view.rfc else name


def _set_or_drop(target: dict[str, Any], key: str, value: str) -> None:
    if value:
        target[key] = value
    else:
        target.pop(key, None)


class EditParkedDialog(ActionDialog):
    """Edit a parked row's body. Sales get fiscal fields; every kind gets the raw JSON.

    The structured tab edits a copy of the original body (fields it does not show are kept);
    the "Avanzado" tab is the whole body as JSON. Whichever tab is showing on save wins.
    """

    def __init__(
        self,
        item: OutboxItem,
        clients: RecordSource | Sequence[Mapping[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Editar y reenviar {folio}").format(folio=item.folio or item.local_id[:8]),
            self.tr("Guardar y reenviar"),
            parent,
        )
        self.setObjectName("editParkedDialog")
        self.resize(620, 560)
        self.item = item
        self.original: dict[str, Any] = copy.deepcopy(item.payload)
        self.is_sale = item.kind is OutboxKind.REGISTER_PAYMENT
        self.errors: dict[str, QLabel] = {}

        why = QLabel(
            self.tr("Por qué se detuvo: {error}").format(
                error=item.last_error or self.tr("(sin mensaje)")
            )
        )
        why.setObjectName("parkedReason")
        why.setWordWrap(True)
        why.setProperty("level", "warn")
        self.form.addRow(why)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editTabs")
        fields = QWidget()
        self.fields_form = QFormLayout(fields)
        # Saved clients are searched in the cache as the cashier types (never all read:
        # issue 12). An empty field means no id: the fields below say who the client is.
        self.client = RecordPicker(
            source_of(clients, Resource.CLIENTS),
            kind="client",
            label=_client_text,
            accept=lambda r: bool(ClientView.from_record(r).id),
            name="clientCombo",
            accessible=self.tr("Cliente guardado"),
            placeholder=self.tr("(sin ID: usar los datos de abajo)"),
        )
        self.rfc = self._line("rfcEdit", self.tr("RFC"))
        self.name = self._line("nameEdit", self.tr("Nombre o razón social"))
        self.regime = QComboBox()
        self.regime.setObjectName("regimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        self.regime.addItem("", "")
        for regime in fiscal.tax_regimes():
            self.regime.addItem(f"{regime.code} — {regime.description}", regime.code)
        self.use = QComboBox()
        self.use.setObjectName("useCombo")
        self.use.setAccessibleName(self.tr("Uso de CFDI"))
        self.use.addItem("", "")
        for use in fiscal.cfdi_uses():
            self.use.addItem(f"{use.code} — {use.description}", use.code)
        self.zip = self._line("zipEdit", self.tr("Código postal"))
        self.zip.setMaxLength(5)
        self.payment_form = QComboBox()
        self.payment_form.setObjectName("paymentFormCombo")
        self.payment_form.setAccessibleName(self.tr("Forma de pago"))
        fill_payment_forms(self.payment_form, payment_form_of(self.original) or "01")
        for label, widget, key in (
            (self.tr("Cliente"), self.client, "client"),
            (self.tr("RFC"), self.rfc, "rfc"),
            (self.tr("Nombre o razón social"), self.name, "name"),
            (self.tr("Régimen fiscal"), self.regime, "regime"),
            (self.tr("Uso de CFDI"), self.use, "use"),
            (self.tr("Código postal"), self.zip, "zip"),
            (self.tr("Forma de pago"), self.payment_form, "paymentForm"),
        ):
            self.errors[key] = error_label(f"{key}Error")
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(widget)
            cell_layout.addWidget(self.errors[key])
            self.fields_form.addRow(label, cell)
        self.client.setToolTip(
            self.tr(
                "Con un cliente guardado, gigstack usa sus datos; los campos de abajo solo se "
                "envían si los llenas."
            )
        )

        advanced = QWidget()
        advanced_layout = QVBoxLayout(advanced)
        self.json = QPlainTextEdit()
        self.json.setObjectName("jsonEdit")
        self.json.setAccessibleName(self.tr("Cuerpo del envío en JSON"))
        self.json.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.errors["json"] = error_label("jsonError")
        advanced_layout.addWidget(self.json)
        advanced_layout.addWidget(self.errors["json"])
        self.fields_index = self.tabs.addTab(fields, self.tr("&Datos"))
        self.advanced_index = self.tabs.addTab(advanced, self.tr("A&vanzado (JSON)"))
        self.form.addRow(self.tabs)

        self._fill_fields(self.original)
        self.json.setPlainText(json.dumps(self.original, indent=2, ensure_ascii=False))
        if not self.is_sale:
            self.tabs.setTabEnabled(self.fields_index, False)
            self.tabs.setCurrentIndex(self.advanced_index)
        self._last_tab = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._tab_changed)

    def _line(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    # -- fields <-> body ----------------------------------------------------------------------

    def _fill_fields(self, body: Mapping[str, Any]) -> None:
        client = queued_client(body)
        client_id = client.id
        record = self.client.source.get(client_id) if client_id else None
        if record is not None:
            self.client.show_record(record)
        elif client_id:
            self.client.show_record(
                {"id": client_id}, self.tr("{id} (no está en la copia local)").format(id=client_id)
            )
        else:
            self.client.clear()
        self.rfc.setText(client.rfc)
        self.name.setText(client.legal_name or client.name)
        self._select(self.regime, client.tax_system)
        self._select(self.use, client.use)
        self.zip.setText(client.zip)
        fill_payment_forms(self.payment_form, payment_form_of(body) or "01")

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        if index < 0:
            combo.addItem(code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def body_from_fields(self, base: Mapping[str, Any] | None = None) -> dict[str, Any]:
        body = copy.deepcopy(dict(base if base is not None else self.original))
        client = dict(body.get("client") or {}) if isinstance(body.get("client"), Mapping) else {}
        client_id = self.client.record_id()
        _set_or_drop(client, "id", client_id)
        rfc = self.rfc.text().strip().upper()
        _set_or_drop(client, "tax_id", rfc)
        search = client.get("search")
        if isinstance(search, Mapping) and search.get("on_key") == "tax_id" and rfc:
            client["search"] = {**search, "on_value": rfc}
        name = self.name.text().strip()
        if "name" in client and "legal_name" not in client:
            _set_or_drop(client, "name", name)
        else:
            _set_or_drop(client, "legal_name", name)
        _set_or_drop(client, "tax_system", str(self.regime.currentData() or ""))
        use = str(self.use.currentData() or "")
        if "use" in body:
            _set_or_drop(body, "use", use)
        else:
            _set_or_drop(client, "use", use)
        address = dict(client.get("address") or {})
        _set_or_drop(address, "zip", self.zip.text().strip())
        if address:
            client["address"] = address
        else:
            client.pop("address", None)
        body["client"] = client
        body["payment_form"] = str(self.payment_form.currentData() or "")
        return body

    def _json_body(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.json.toPlainText())
        except json.JSONDecodeError as exc:
            set_error(
                self.errors["json"],
                self.tr("El JSON no es válido (línea {line}, columna {col}): {msg}").format(
                    line=exc.lineno, col=exc.colno, msg=exc.msg
                ),
            )
            return None
        if not isinstance(value, dict):
            set_error(self.errors["json"], self.tr("El cuerpo debe ser un objeto JSON { … }"))
            return None
        set_error(self.errors["json"], None)
        return value

    def _tab_changed(self, index: int) -> None:
        if index == self.advanced_index and self._last_tab == self.fields_index:
            self.json.setPlainText(
                json.dumps(self.body_from_fields(), indent=2, ensure_ascii=False)
            )
        elif index == self.fields_index and self._last_tab == self.advanced_index:
            body = self._json_body()
            if body is None:  # stay where the mistake is
                self.tabs.blockSignals(True)
                self.tabs.setCurrentIndex(self.advanced_index)
                self.tabs.blockSignals(False)
                return
            self.original = body
            self._fill_fields(body)
        self._last_tab = self.tabs.currentIndex()

    # -- submit -------------------------------------------------------------------------------

    def body(self) -> dict[str, Any] | None:
        for label in self.errors.values():
            set_error(label, None)
        advanced = self.tabs.currentIndex() == self.advanced_index
        body = self._json_body() if advanced else self.body_from_fields()
        if body is None:
            return None
        if self.item.kind is OutboxKind.CREATE_INVOICE:
            return self._checked_invoice(body, advanced)
        if not self.is_sale:
            return body
        try:
            checked = check_payment(body)
        except SaleRejectedError as exc:
            self._show_problems(exc, advanced)
            return None
        # The row's local id and folio stay whatever was typed: the server finds the sale
        # by them after an unknown outcome, and the receipt already shows that folio.
        metadata = dict(body.get("metadata") or {})
        metadata["local_id"] = self.item.local_id
        if self.item.folio:
            metadata["folio"] = self.item.folio
        return {**checked.body, "metadata": metadata}

    def _checked_invoice(self, body: dict[str, Any], advanced: bool) -> dict[str, Any] | None:
        """A parked invoice's new body through the same core checks as the Facturas dialog;
        its local id stays the row's (the sender proves the invoice by it)."""
        from desktop.invoicing import InvoiceRejectedError, check_invoice

        try:
            checked = check_invoice(body)
        except InvoiceRejectedError as exc:
            self._show_problems(exc, advanced)
            return None
        metadata = dict(checked.body.get("metadata") or {})
        metadata["local_id"] = self.item.local_id
        checked.body.pop("idempotency_key", None)
        return {**checked.body, "metadata": metadata}

    def _show_problems(self, exc: SaleRejectedError, advanced: bool) -> None:
        grouped: dict[str, list[str]] = {}
        for problem in exc.problems:
            target = "json" if advanced else _FIELD_LABELS.get(problem.field, "")
            text = problem.message if target not in ("", "json") else str(problem)
            grouped.setdefault(target, []).append(text)
        for target, messages in grouped.items():
            if target:
                set_error(self.errors[target], "; ".join(messages))
            else:
                set_error(self.form_error, "; ".join(messages))


class DiscardDialog(ActionDialog):
    """Give up on a row on purpose: a reason is required, then a second, explicit yes."""

    def __init__(self, item: OutboxItem, summary: str, parent: QWidget | None = None) -> None:
        name = item.folio or item.local_id[:8]
        super().__init__(
            self.tr("Descartar {folio}").format(folio=name), self.tr("Descartar…"), parent
        )
        self.setObjectName("discardDialog")
        self.confirming = False
        text = QLabel(
            self.tr(
                "«{summary}» no se enviará a gigstack. El registro y su historial se conservan "
                "en la cola como descartados."
            ).format(summary=summary)
        )
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setAccessibleName(self.tr("Motivo"))
        self.reason.setPlaceholderText(self.tr("Por ejemplo: venta duplicada, el cliente canceló"))
        self.reason.textEdited.connect(self._reason_edited)
        self.reason_error = error_label("reasonError")
        self.confirm_label = QLabel()
        self.confirm_label.setObjectName("confirmLabel")
        self.confirm_label.setWordWrap(True)
        self.confirm_label.setProperty("level", "warn")
        self.confirm_label.setVisible(False)
        self.form.addRow(text)
        self.form.addRow(self.tr("&Motivo"), self.reason)
        self.form.addRow("", self.reason_error)
        self.form.addRow(self.confirm_label)
        self.cancel_button.setText(self.tr("No descartar"))

    def _reason_edited(self, _text: str) -> None:
        set_error(self.reason_error, None)

    def body(self) -> dict[str, Any] | None:
        reason = self.reason.text().strip()
        if not reason:
            set_error(self.reason_error, self.tr("Escribe por qué se descarta (es obligatorio)"))
            self.reason.setFocus()
            return None
        if not self.confirming:
            self.confirming = True
            self.confirm_label.setText(
                self.tr("¿Seguro? Pulsa «Sí, descartar» para confirmar; Esc para volver.")
            )
            self.confirm_label.setVisible(True)
            self.ok_button.setText(self.tr("Sí, descartar"))
            return None
        return {"reason": reason}
