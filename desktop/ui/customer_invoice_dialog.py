"""Stamp a receipt into an invoice: the one dialog for Pagos and the Recibos page.

The customer came back with their RFC: `POST /receipts/{id}/stamp` with `stamp_to: client` and
the customer's `fiscal_information` (legal name, RFC, tax regime, postal code; REFERENCE §7 and
§16.1). The cashier picks a known client (their fiscal data fills the form, and can be
corrected) or types the data from the customer's Constancia de Situación Fiscal. Every field is
checked here, next to the field, before anything is sent. "Público en general" stamps to the
generic RFC instead (`stamp_to: general_public_national`, uso S01).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop import fiscal
from desktop.fiscal.outcome import is_generic_rfc
from desktop.records.clients import ClientView
from desktop.records.payments import PaymentView
from desktop.store.cache import Resource
from desktop.ui.action_dialog import ActionDialog, error_label, set_error
from desktop.ui.formatting import money
from desktop.ui.record_picker import RecordPicker, RecordSource, source_of


def _client_text(client: Mapping[str, Any]) -> str:
    view = ClientView.from_record(client)
    name = view.legal_name or view.name or view.id
    return f"{name} — {view.rfc}" if view.rfc else name


def _stampable(client: Mapping[str, Any]) -> bool:
    """A client the receipt can be stamped to: an id and a real RFC (the generic one is the
    "público en general" box)."""
    view = ClientView.from_record(client)
    return bool(view.id and view.rfc and not is_generic_rfc(view.rfc))


class CustomerInvoiceDialog(ActionDialog):
    """The customer's fiscal data for stamping one receipt to them."""

    def __init__(
        self,
        payment: Mapping[str, Any],
        clients: RecordSource | Iterable[Mapping[str, Any] | ClientView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Facturar el recibo"), self.tr("Timbrar factura"), parent)
        self.setObjectName("customerInvoiceDialog")
        self.setMinimumWidth(580)  # the labels and the wrapped intro fit (1366x768)
        # The receipt's payment through its typed view: the total (or `amount` in cents), the
        # counter's folio from metadata, the client's id.
        sale = PaymentView.from_record(payment)
        # PaymentView's folio falls back to the payment id: a folio of our own differs from it.
        own_folio = bool(sale.folio) and sale.folio != (sale.id or "")
        sold_as = (
            self.tr("Venta {folio} por {total}.").format(folio=sale.folio, total=money(sale.total))
            if own_folio
            else self.tr("Recibo por {total}.").format(total=money(sale.total))
        )
        intro = QLabel(
            sold_as
            + " "
            + self.tr(
                "El cliente regresó con su RFC: se timbra la factura a su nombre con estos "
                "datos (como aparecen en su Constancia de Situación Fiscal). Ya timbrada, no "
                "se puede facturar desde el portal."
            )
        )
        intro.setObjectName("stampIntro")
        intro.setWordWrap(True)
        self.form.addRow(intro)

        # Clients are searched in the cache as the cashier types (never all read: issue 12)
        # and read through their typed view (the RFC under `tax_id` or a legacy `rfc`, the
        # régimen as a code or a legacy {label, value}, the zip in or out of `address`).
        source = (
            clients
            if isinstance(clients, RecordSource)
            else source_of(
                [c.raw if isinstance(c, ClientView) else c for c in clients], Resource.CLIENTS
            )
        )
        self.client = RecordPicker(
            source,
            kind="client",
            label=_client_text,
            accept=_stampable,
            name="stampClientCombo",
            accessible=self.tr("Cliente registrado"),
            placeholder=self.tr("Opcional: busca al cliente por nombre o RFC"),
        )
        self.client.picked.connect(lambda _r: self._fill_from_client())

        self.tax_id = QLineEdit()
        self.tax_id.setObjectName("stampRfcEdit")
        self.tax_id.setAccessibleName(self.tr("RFC"))
        self.tax_id.setMaxLength(13)
        self.tax_id_error = error_label("stampRfcError")
        self.legal_name = QLineEdit()
        self.legal_name.setObjectName("stampLegalNameEdit")
        self.legal_name.setAccessibleName(self.tr("Razón social"))
        self.legal_name_error = error_label("stampLegalNameError")
        self.tax_system = QComboBox()
        self.tax_system.setObjectName("stampTaxSystemCombo")
        self.tax_system.setAccessibleName(self.tr("Régimen fiscal"))
        self.tax_system.addItem(self.tr("Elige el régimen fiscal…"), None)
        try:
            regimes = fiscal.tax_regimes()
        except fiscal.CatalogUnavailableError:
            regimes = ()
        for regime in regimes:
            self.tax_system.addItem(f"{regime.code} — {regime.description}", regime.code)
        self.tax_system_error = error_label("stampTaxSystemError")
        self.zip = QLineEdit()
        self.zip.setObjectName("stampZipEdit")
        self.zip.setAccessibleName(self.tr("Código postal fiscal"))
        self.zip.setMaxLength(5)
        self.zip_error = error_label("stampZipError")

        self.public = QCheckBox(self.tr("Facturar a público en general"))
        self.public.setObjectName("stampToPublic")
        self.public_hint = QLabel(
            self.tr("Se timbra a XAXX010101000 (público en general) con uso S01.")
        )
        self.public_hint.setObjectName("stampPublicHint")
        self.public_hint.setProperty("role", "hint")
        self.public_hint.setWordWrap(True)
        self.public.toggled.connect(lambda _on: self._public_changed())

        self.form.addRow("", self.public)
        self.form.addRow(self.public_hint)
        self.form.addRow(self.tr("C&liente"), self.client)
        self.form.addRow(self.tr("&RFC"), self.tax_id)
        self.form.addRow("", self.tax_id_error)
        self.form.addRow(self.tr("Ra&zón social"), self.legal_name)
        self.form.addRow("", self.legal_name_error)
        self.form.addRow(self.tr("Ré&gimen fiscal"), self.tax_system)
        self.form.addRow("", self.tax_system_error)
        self.form.addRow(self.tr("C&ódigo postal"), self.zip)
        self.form.addRow("", self.zip_error)
        for field, label in (
            (self.tax_id, self.tax_id_error),
            (self.legal_name, self.legal_name_error),
            (self.zip, self.zip_error),
        ):
            field.textEdited.connect(lambda _t, lab=label: set_error(lab, None))
        self.tax_system.currentIndexChanged.connect(
            lambda _i: set_error(self.tax_system_error, None)
        )
        # The receipt's own client (when it is a real one) is the likely customer.
        own = payment.get("client")
        own_id = sale.client.id or (str(own) if isinstance(own, str) else "")
        if own_id:
            self.select_client(own_id)
        self._public_changed()
        self.tax_id.setFocus()
        # Sized for the wrapped intro at the dialog's own width: Qt's hint lays it out on one
        # long line, and the dialog then opened with the intro cut at its top.
        width = self.minimumWidth()
        self.resize(width, max(self.sizeHint().height(), self.layout_.totalHeightForWidth(width)))

    def set_public(self, public: bool) -> None:
        """Stamp to público en general (True) or to the customer's data (False)."""
        self.public.setChecked(public)
        self._public_changed()

    def _public_changed(self) -> None:
        public = self.public.isChecked()
        self.form.setRowVisible(self.public_hint, public)
        for widget in (self.client, self.tax_id, self.legal_name, self.tax_system, self.zip):
            self.form.setRowVisible(widget, not public)
        for label in (
            self.tax_id_error,
            self.legal_name_error,
            self.tax_system_error,
            self.zip_error,
        ):
            if public:
                set_error(label, None)
            # An error row shows only with its message (set_error shows the label again).
            self.form.setRowVisible(label, not public and bool(label.text()))

    def select_client(self, client_id: str) -> bool:
        """Pick a known client by id (read by id): its fiscal data fills the form."""
        return self.client.choose(client_id)

    def _fill_from_client(self) -> None:
        record = self.client.record()
        if record is None:
            return
        client = ClientView.from_record(record)
        self.tax_id.setText(client.rfc)
        # Never the display name: the razón social is the CSF's, and an empty field asks for it.
        self.legal_name.setText(client.legal_name)
        regime = client.tax_system  # a legacy {label, value} is read as its code (ClientView)
        index = self.tax_system.findData(regime) if regime else -1
        self.tax_system.setCurrentIndex(max(index, 0))
        self.zip.setText(client.zip)

    def body(self) -> dict[str, Any] | None:
        if self.public.isChecked():
            return {"stamp_to": "general_public_national"}
        rfc = fiscal.normalize_rfc(self.tax_id.text())
        problems: list[tuple[QLabel, str]] = []
        if not rfc:
            problems.append((self.tax_id_error, self.tr("Escribe el RFC del cliente.")))
        elif is_generic_rfc(rfc):
            problems.append(
                (
                    self.tax_id_error,
                    self.tr(
                        "Ese es el RFC genérico: marca «Facturar a público en general» o "
                        "escribe el RFC del cliente."
                    ),
                )
            )
        else:
            problems += [(self.tax_id_error, m) for m in fiscal.validate_rfc(rfc).errors]
        legal_name = " ".join(self.legal_name.text().split()).upper()
        if not legal_name:
            problems.append(
                (self.legal_name_error, self.tr("Escribe la razón social, sin régimen."))
            )
        regime = self.tax_system.currentData()
        if not regime:
            problems.append((self.tax_system_error, self.tr("Elige el régimen fiscal.")))
        elif rfc and not is_generic_rfc(rfc):
            kind = fiscal.validate_rfc(rfc).kind
            found = fiscal.tax_regime(str(regime))
            if found is not None and kind == "moral" and not found.moral:
                problems.append(
                    (self.tax_system_error, self.tr("Ese régimen no es de personas morales."))
                )
            if found is not None and kind == "fisica" and not found.fisica:
                problems.append(
                    (self.tax_system_error, self.tr("Ese régimen no es de personas físicas."))
                )
        zip_code = self.zip.text().strip()
        if not zip_code:
            problems.append((self.zip_error, self.tr("Escribe el código postal fiscal.")))
        elif (
            not (len(zip_code) == 5 and zip_code.isdigit()) or fiscal.postal_code(zip_code) is None
        ):
            problems.append(
                (
                    self.zip_error,
                    self.tr("{zip} no es un código postal de México.").format(zip=zip_code),
                )
            )
        for label in (
            self.tax_id_error,
            self.legal_name_error,
            self.tax_system_error,
            self.zip_error,
        ):
            messages = [m for lab, m in problems if lab is label]
            set_error(label, "\n".join(messages) or None)
        if problems:
            return None
        return {
            "stamp_to": "client",
            "fiscal_information": {
                "legal_name": legal_name,
                "tax_id": rfc,
                "tax_system": str(regime),
                "zip": zip_code,
            },
        }
