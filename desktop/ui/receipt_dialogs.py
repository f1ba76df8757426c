"""Dialog of the Recibos page: stamp a receipt into a CFDI for a customer or público en general.

A customer who comes back with their RFC gets their invoice from the receipt (REFERENCE §7,
§16.1): either a client already saved (their fiscal data is sent along) or the data typed here.
`stamp_to` is `client` with `fiscal_information`, or `general_public_national`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from desktop import fiscal
from desktop.ui.action_dialog import (
    ActionDialog,
    combo_choice,
    error_label,
    searchable_combo,
    set_error,
)
from desktop.ui.formatting import money

GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})
ZIP = re.compile(r"^\d{5}$")


def _zip_of(client: Mapping[str, Any]) -> str:
    address = client.get("address")
    return str(address.get("zip") or "") if isinstance(address, Mapping) else ""


class StampReceiptDialog(ActionDialog):
    """Who the receipt's CFDI goes to: a saved client, another RFC, or público en general."""

    SAVED, TYPED, PUBLIC = 0, 1, 2

    def __init__(
        self,
        receipt: Mapping[str, Any],
        clients: Sequence[Mapping[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Facturar recibo"), self.tr("Timbrar factura"), parent)
        self.setObjectName("stampReceiptDialog")
        self.clients = [
            c for c in clients if c.get("tax_id") and str(c["tax_id"]).upper() not in GENERIC_RFCS
        ]
        summary = QLabel(
            self.tr(
                "Recibo por {total}. La factura se timbra ante el SAT y ya no se puede "
                "facturar desde el portal."
            ).format(total=money(receipt.get("total")))
        )
        summary.setWordWrap(True)
        self.saved = QRadioButton(self.tr("Un cliente guardado"))
        self.saved.setObjectName("stampToSaved")
        self.typed = QRadioButton(self.tr("Otro RFC"))
        self.typed.setObjectName("stampToTyped")
        self.public = QRadioButton(self.tr("Público en general"))
        self.public.setObjectName("stampToPublic")
        self.group = QButtonGroup(self)
        for button, code in (
            (self.saved, self.SAVED),
            (self.typed, self.TYPED),
            (self.public, self.PUBLIC),
        ):
            self.group.addButton(button, code)
        row = QHBoxLayout()
        row.addWidget(self.saved)
        row.addWidget(self.typed)
        row.addWidget(self.public)
        row.addStretch(1)

        self.client = searchable_combo("stampClientCombo", self.tr("Cliente"))
        for client in self.clients:
            name = client.get("legal_name") or client.get("name") or client.get("id")
            self.client.addItem(f"{name} · {client.get('tax_id')}", client)
        self.client.setCurrentIndex(-1)
        self.client_error = error_label("stampClientError")
        self.legal_name = QLineEdit()
        self.legal_name.setObjectName("legalNameEdit")
        self.legal_name.setAccessibleName(self.tr("Razón social"))
        self.legal_name.setPlaceholderText(self.tr("Como aparece en su constancia fiscal"))
        self.tax_id = QLineEdit()
        self.tax_id.setObjectName("stampTaxIdEdit")
        self.tax_id.setAccessibleName(self.tr("RFC"))
        self.regime = QComboBox()
        self.regime.setObjectName("stampRegimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        self.regime.addItem(self.tr("— elige —"), None)
        try:
            regimes = fiscal.tax_regimes()
        except fiscal.CatalogUnavailableError:
            regimes = ()
        for regime in regimes:
            self.regime.addItem(f"{regime.code} — {regime.description}", regime.code)
        self.zip = QLineEdit()
        self.zip.setObjectName("stampZipEdit")
        self.zip.setAccessibleName(self.tr("Código postal fiscal"))
        self.zip.setMaxLength(5)
        self.typed_error = error_label("stampTypedError")
        self.public_hint = QLabel(
            self.tr("Se timbra a XAXX010101000 (público en general) con uso S01.")
        )
        self.public_hint.setProperty("role", "hint")

        self.form.addRow(summary)
        self.form.addRow(self.tr("Facturar a"), row)
        self.form.addRow(self.tr("&Cliente"), self.client)
        self.form.addRow("", self.client_error)
        self.form.addRow(self.tr("&Razón social"), self.legal_name)
        self.form.addRow(self.tr("R&FC"), self.tax_id)
        self.form.addRow(self.tr("Ré&gimen"), self.regime)
        self.form.addRow(self.tr("Código &postal"), self.zip)
        self.form.addRow("", self.typed_error)
        self.form.addRow(self.public_hint)
        self.group.idClicked.connect(lambda _i: self._mode_changed())
        (self.saved if self.clients else self.typed).setChecked(True)
        own = receipt.get("client") if isinstance(receipt.get("client"), Mapping) else None
        if own and own.get("id"):
            for index in range(self.client.count()):
                data = self.client.itemData(index)
                if isinstance(data, Mapping) and data.get("id") == own.get("id"):
                    self.client.setCurrentIndex(index)
        self._mode_changed()

    def mode(self) -> int:
        return self.group.checkedId()

    def set_mode(self, mode: int) -> None:
        button = self.group.button(mode)
        if button is not None:
            button.setChecked(True)
        self._mode_changed()

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.form.setRowVisible(self.client, mode == self.SAVED)
        self.form.setRowVisible(
            self.client_error, mode == self.SAVED and bool(self.client_error.text())
        )
        for widget in (self.legal_name, self.tax_id, self.regime, self.zip):
            self.form.setRowVisible(widget, mode == self.TYPED)
        self.form.setRowVisible(
            self.typed_error, mode == self.TYPED and bool(self.typed_error.text())
        )
        self.form.setRowVisible(self.public_hint, mode == self.PUBLIC)

    def body(self) -> dict[str, Any] | None:
        mode = self.mode()
        if mode == self.PUBLIC:
            return {"stamp_to": "general_public_national"}
        if mode == self.SAVED:
            client = combo_choice(self.client)
            if not isinstance(client, Mapping):
                set_error(self.client_error, self.tr("Elige un cliente con RFC de la lista."))
                self._mode_changed()
                return None
            set_error(self.client_error, None)
            info = {
                "legal_name": client.get("legal_name") or client.get("name"),
                "tax_id": client.get("tax_id"),
                "tax_system": client.get("tax_system"),
                "zip": _zip_of(client),
            }
            missing = [k for k, v in info.items() if not v]
            if missing:
                set_error(
                    self.client_error,
                    self.tr(
                        "A este cliente le faltan datos fiscales (razón social, régimen o "
                        "código postal): complétalos en Clientes o usa «Otro RFC»."
                    ),
                )
                self._mode_changed()
                return None
            return {"stamp_to": "client", "fiscal_information": info}
        legal = self.legal_name.text().strip()
        rfc = self.tax_id.text().strip().upper()
        regime = self.regime.currentData()
        zip_code = self.zip.text().strip()
        problems = []
        if not legal:
            problems.append(self.tr("Escribe la razón social."))
        check = fiscal.validate_rfc(rfc) if rfc else None
        if not rfc:
            problems.append(self.tr("Escribe el RFC."))
        elif check is not None and not check.valid:
            problems.append(self.tr("El RFC no es válido: {0}").format("; ".join(check.errors)))
        elif rfc in GENERIC_RFCS:
            problems.append(self.tr("Para el RFC genérico elige «Público en general»."))
        if not regime:
            problems.append(self.tr("Elige el régimen fiscal."))
        if not ZIP.match(zip_code):
            problems.append(self.tr("El código postal lleva 5 números."))
        set_error(self.typed_error, " ".join(problems) or None)
        self._mode_changed()
        if problems:
            return None
        return {
            "stamp_to": "client",
            "fiscal_information": {
                "legal_name": legal,
                "tax_id": rfc,
                "tax_system": regime,
                "zip": zip_code,
            },
        }
