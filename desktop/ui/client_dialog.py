"""Create or edit a client, with the SAT rules checked as the person types.

- RFC: `fiscal.validate_rfc`; errors block, a check-digit mismatch is a warning the person can
  override explicitly ("Usar de todos modos").
- Régimen: only those for the kind of person the RFC says (13 characters física, 12 moral).
- Uso del CFDI: only those SAT allows for the chosen régimen.
- Código postal: looked up in the SAT catalog; the state and municipio found are shown.
- Razón social: never copied from the name; uppercase as the Constancia (CSF) prints it, no
  emoji or control characters, required when there is an RFC to invoice to.

The dialog does not talk to gigstack: `save(body)` (the page's outbox write) runs on "Guardar";
if it raises, the message shows in the dialog and everything typed stays.

The counter uses the same form for the client of a sale (`require_rfc=True`): gigstack finds or
creates that client by its RFC, so there the RFC is required and may not be a generic one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.records.clients import ClientView
from desktop.rules import clients as rules
from desktop.rules.clients import ADDRESS_KEYS, EMAIL_RE, persona_for
from desktop.ui.field_errors import error_label, field_with_error, show_error

__all__ = ["ADDRESS_KEYS", "EMAIL_RE", "ClientDialog", "add_form_rows", "persona_for"]

SaveFn = Callable[[dict[str, Any]], None]


def _rules_text(message: str | None) -> str | None:
    """A message from `desktop.rules.clients` (Spanish source), through Qt's translations."""
    return QCoreApplication.translate("Rules", message) if message else None


def add_form_rows(form: QFormLayout, rows: list[tuple[str, QWidget, QWidget]]) -> None:
    """Add (label text with &mnemonic, input, what goes in the field column) rows."""
    labels = []
    for text, field, container in rows:
        label = QLabel(text)
        label.setBuddy(field)
        labels.append(label)
        form.addRow(label, container)
    # Offscreen and some desktop styles under-measure labels with a mnemonic: reserve room.
    width = max(
        label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) for label in labels
    )
    for label in labels:
        label.setMinimumWidth(width + 8)


class ClientDialog(QDialog):
    """The client form. `record` is the client to edit (a typed view, or a record read
    through one), or None to create one.

    Args:
        save: Called with the create body (new client) or the changed fields (edit); raise
            to keep the dialog open with a message.
        require_rfc: The RFC must be given and identify the client (no generic RFC): the
            counter's new client is found or created by gigstack by its RFC.
        initial_text: For a new client, what the person had already typed elsewhere (e.g. a
            search box): it goes into the RFC field if it looks like one, else into the name.
        save_text: The text of the save button (default "Guardar").
    """

    def __init__(
        self,
        save: SaveFn,
        record: ClientView | Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        require_rfc: bool = False,
        initial_text: str = "",
        save_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientDialog")
        self._save = save
        self._client = (
            record if isinstance(record, ClientView) else ClientView.from_record(record or {})
        )
        self.editing = record is not None
        self.require_rfc = require_rfc
        self.setWindowTitle(self.tr("Editar cliente") if self.editing else self.tr("Nuevo cliente"))
        self.setMinimumWidth(640)

        self.name = self._line(
            "name", self.tr("Nombre"), self.tr("Como lo conoces en el mostrador")
        )
        self.legal_name = self._line(
            "legalName",
            self.tr("Razón social"),
            self.tr("Como en su Constancia, sin régimen (necesaria para facturar)"),
        )
        self.rfc = self._line("rfc", self.tr("RFC"), self.tr("12 caracteres (moral) o 13 (física)"))
        self.rfc.setMaxLength(16)
        self.rfc_override = QCheckBox(self.tr("Usar de todos modos"))
        self.rfc_override.setObjectName("rfcOverride")
        self.rfc_override.setToolTip(
            self.tr("Úsalo si la Constancia de Situación Fiscal confirma este RFC")
        )
        self.rfc_override.hide()
        self.regime = QComboBox()
        self.regime.setObjectName("regimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        self.use = QComboBox()
        self.use.setObjectName("useCombo")
        self.use.setAccessibleName(self.tr("Uso del CFDI"))
        self.zip = self._line("zip", self.tr("Código postal"), self.tr("5 dígitos, p. ej. 06600"))
        self.zip.setMaxLength(5)
        self.zip_info = QLabel()
        self.zip_info.setObjectName("zipInfo")
        self.zip_info.setStyleSheet("color: #555;")
        self.zip_info.hide()  # shown with the place a postal code names, never as an empty gap
        self.email = self._line("email", self.tr("Correo"), self.tr("Para enviarle sus facturas"))
        self.phone = self._line("phone", self.tr("Teléfono"), "")

        self.errors = {
            name: error_label(f"{name}Error")
            for name in (
                "name",
                "legal_name",
                "rfc",
                "regime",
                "use",
                "zip",
                "email",
                "phone",
                "form",
            )
        }

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget, QWidget]] = [
            (self.tr("&Nombre"), self.name, self._with_error(self.name, "name")),
            (
                self.tr("Ra&zón social"),
                self.legal_name,
                self._with_error(self.legal_name, "legal_name"),
            ),
            (
                self.tr("&RFC"),
                self.rfc,
                self._with_error(self.rfc, "rfc", after=self.rfc_override),
            ),
            (self.tr("Ré&gimen fiscal"), self.regime, self._with_error(self.regime, "regime")),
            (self.tr("&Uso del CFDI"), self.use, self._with_error(self.use, "use")),
            (
                self.tr("Código &postal"),
                self.zip,
                self._with_error(self.zip, "zip", self.zip_info),
            ),
            (self.tr("&Correo"), self.email, self._with_error(self.email, "email")),
            (self.tr("&Teléfono"), self.phone, self._with_error(self.phone, "phone")),
        ]
        add_form_rows(form, rows)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        if save_text:
            self.save_button.setText(save_text)
            self.save_button.setToolTip(f"{save_text.replace('&', '')} (Enter)")
        else:
            self.save_button.setText(self.tr("Guardar"))
            self.save_button.setToolTip(self.tr("Guardar (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancelar"))
        cancel.setToolTip(self.tr("Cerrar sin guardar (Esc)"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # again, now that the button is in the dialog

        self.rfc.textChanged.connect(self._on_rfc_changed)
        self.rfc.editingFinished.connect(self.check_rfc)
        self.regime.currentIndexChanged.connect(self._on_regime_changed)
        self.zip.textChanged.connect(self._on_zip_changed)
        self.email.editingFinished.connect(self.check_email)
        self.legal_name.editingFinished.connect(self.check_legal_name)

        self._fill(self._client)
        if not self.editing:
            self._prefill(initial_text)
        for first, second in (
            (self.name, self.legal_name),
            (self.legal_name, self.rfc),
            (self.rfc, self.rfc_override),
            (self.rfc_override, self.regime),
            (self.regime, self.use),
            (self.use, self.zip),
            (self.zip, self.email),
            (self.email, self.phone),
            (self.phone, self.save_button),
        ):
            QWidget.setTabOrder(first, second)
        self.name.setFocus()

    # -- building -----------------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{name}Edit")
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _with_error(
        self, field: QWidget, name: str, *extra: QWidget, after: QWidget | None = None
    ) -> QWidget:
        return field_with_error(field, self.errors[name], *extra, after=after)

    def _fill(self, client: ClientView) -> None:
        self.name.setText(client.name)
        self.legal_name.setText(client.legal_name)
        self.rfc.setText(client.rfc)
        self._refill_regimes(client.tax_system)
        self._refill_uses(client.use)
        self.zip.setText(client.zip)
        self.email.setText(client.email)
        self.phone.setText(client.phone)

    def _prefill(self, text: str) -> None:
        """Put what was typed elsewhere in the RFC field if it looks like an RFC, else the name."""
        text = text.strip()
        if not text:
            return
        looks_like_rfc = fiscal.validate_rfc(text).kind is not None and " " not in text
        (self.rfc if looks_like_rfc else self.name).setText(text)

    # -- live rules ---------------------------------------------------------------------------

    def _on_rfc_changed(self, _text: str) -> None:
        self.rfc_override.setChecked(False)
        self.rfc_override.hide()
        show_error(self.errors["rfc"], None)
        self._refill_regimes(self.regime_code())

    def _refill_regimes(self, keep: str) -> None:
        regimes = rules.regimes_for(self.rfc.text())
        current = [self.regime.itemData(i) for i in range(self.regime.count())]
        wanted = ["", *(r.code for r in regimes)]
        if current == wanted:
            if keep != self.regime_code():
                self._select(self.regime, keep)
            return
        self.regime.blockSignals(True)
        self.regime.clear()
        self.regime.addItem(self.tr("Elige el régimen…"), "")
        for regime in regimes:
            self.regime.addItem(f"{regime.code} — {regime.description}", regime.code)
        if len(regimes) == 1:
            keep = regimes[0].code
        self._select(self.regime, keep)
        self.regime.blockSignals(False)
        self._on_regime_changed()

    def _on_regime_changed(self, _index: int = 0) -> None:
        show_error(self.errors["regime"], None)
        self._refill_uses(self.use_code())

    def _refill_uses(self, keep: str) -> None:
        uses = rules.uses_for(self.regime_code() or None, self.rfc.text())
        self.use.blockSignals(True)
        self.use.clear()
        self.use.addItem(self.tr("Elige el uso…"), "")
        for use in uses:
            self.use.addItem(f"{use.code} — {use.description}", use.code)
        self._select(self.use, rules.default_use([u.code for u in uses], keep))
        self.use.blockSignals(False)
        show_error(self.errors["use"], None)

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def _on_zip_changed(self, text: str) -> None:
        show_error(self.errors["zip"], None)
        self._show_place(None)
        if len(text.strip()) == 5:
            self.check_zip()

    def _show_place(self, place: str | None) -> None:
        self.zip_info.setText(place or "")
        self.zip_info.setVisible(bool(place))

    def regime_code(self) -> str:
        return str(self.regime.currentData() or "")

    def use_code(self) -> str:
        return str(self.use.currentData() or "")

    # -- validation ---------------------------------------------------------------------------

    def form(self) -> rules.ClientForm:
        """What the form says, for `desktop.rules.clients`."""
        return rules.ClientForm(
            name=self.name.text(),
            legal_name=self.legal_name.text(),
            tax_id=self.rfc.text(),
            tax_system=self.regime_code(),
            use=self.use_code(),
            zip=self.zip.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )

    def check_rfc(self) -> bool:
        """Show RFC errors/warnings; True when the RFC may be saved."""
        error, warning = rules.check_rfc(self.rfc.text())
        if error is None and self.require_rfc and self.rfc.text().strip():
            error, warning = rules.check_rfc(self.rfc.text(), require_rfc=True)
        if error:
            show_error(self.errors["rfc"], _rules_text(error))
            self.rfc_override.hide()
            return False
        if warning:
            show_error(self.errors["rfc"], _rules_text(warning), warning=True)
            self.rfc_override.show()
            self.adjustSize()
            return self.rfc_override.isChecked()
        show_error(self.errors["rfc"], None)
        self.rfc_override.hide()
        return True

    def check_zip(self) -> bool:
        error, place = rules.check_zip(self.zip.text())
        self._show_place(place)
        show_error(self.errors["zip"], _rules_text(error))
        return error is None

    def check_legal_name(self) -> bool:
        """Show the razón social as the Constancia prints it (uppercase) and any problem."""
        error = rules.legal_name_problem(self.legal_name.text())
        if error is None:
            normal = rules.normalize_legal_name(self.legal_name.text())
            if normal != self.legal_name.text():
                self.legal_name.setText(normal)
        show_error(self.errors["legal_name"], _rules_text(error))
        return error is None

    def check_email(self) -> bool:
        error = rules.check_email(self.email.text())
        show_error(self.errors["email"], _rules_text(error))
        return error is None

    def validate(self) -> bool:
        """Check every field, show each problem next to its field; True when all is well.

        The rules are `desktop.rules.clients.check_client`'s; the RFC warning (check digit)
        shows with its "Usar de todos modos" box and blocks until that box is ticked.
        """
        check = rules.check_client(
            self.form(),
            require_rfc=self.require_rfc,
            accept_rfc_warning=self.rfc_override.isChecked(),
        )
        for name in ("name", "legal_name", "regime", "use", "zip", "email", "phone"):
            show_error(self.errors[name], _rules_text(check.errors.get(name)))
        self._show_place(check.place)
        rfc_error = check.errors.get("rfc")
        rfc_warning = check.warnings.get("rfc")
        if rfc_warning and (rfc_error is None or rfc_error == rfc_warning):
            show_error(self.errors["rfc"], _rules_text(rfc_warning), warning=True)
            self.rfc_override.show()
        else:
            show_error(self.errors["rfc"], _rules_text(rfc_error))
            self.rfc_override.hide()
        kept = self.check_cleared()  # after the loop above, which would hide its messages
        self.adjustSize()
        return check.ok and kept

    # -- result -------------------------------------------------------------------------------

    def body(self) -> dict[str, Any]:
        """What the form says, in the API's create shape (empty fields left out)."""
        return rules.client_body(self.form(), self._original_address())

    def _original_address(self) -> dict[str, Any]:
        address = self._client.address
        return {k: v for k, v in address.items() if k in ADDRESS_KEYS and v not in (None, "")}

    def _before(self) -> dict[str, str]:
        """The edited client's values by body key (``zip`` for the address's postal code)."""
        client = self._client
        return {
            "name": client.name,
            "legal_name": client.legal_name,
            "tax_id": client.rfc,
            "tax_system": client.tax_system,
            "use": client.use,
            "zip": client.zip,
            "email": client.email,
            "phone": client.phone,
        }

    def check_cleared(self) -> bool:
        """On an edit, name every field emptied: gigstack would keep its old value.

        Returns:
            True when no field with a value was emptied.
        """
        if not self.editing:
            return True
        cleared = rules.cleared_on_edit(self._before(), self.body())
        for name, kept in cleared.items():
            show_error(
                self.errors[name],
                self.tr(
                    "Vacío no borra este dato en gigstack: seguiría «{0}». "
                    "Escribe el dato correcto o cancela."
                ).format(kept),
            )
        return not cleared

    def changes(self) -> dict[str, Any]:
        """Only the fields that differ from the client being edited."""
        before = self._before()
        changed: dict[str, Any] = {}
        for key, value in self.body().items():
            if key == "address":
                if str(self._original_address().get("zip") or "") != value.get("zip"):
                    changed[key] = value
            elif before.get(key, "") != str(value):
                changed[key] = value
        return changed

    def try_save(self) -> None:
        """Validate, then hand the data to `save`; stay open (with the message) on failure."""
        show_error(self.errors["form"], None)
        if not self.validate():
            self._focus_first_error()
            return
        data = self.changes() if self.editing else self.body()
        if self.editing and not data:
            self.accept()
            return
        try:
            self._save(data)
        except Exception as exc:  # any failure is shown; the form stays
            show_error(
                self.errors["form"],
                self.tr("No se pudo guardar: {0}").format(str(exc) or type(exc).__name__),
            )
            return
        self.accept()

    def _focus_first_error(self) -> None:
        for name, field in (
            ("name", self.name),
            ("legal_name", self.legal_name),
            ("rfc", self.rfc),
            ("regime", self.regime),
            ("use", self.use),
            ("zip", self.zip),
            ("email", self.email),
            ("phone", self.phone),
        ):
            if self.errors[name].isVisible() or not self.errors[name].isHidden():
                if name == "rfc" and self.rfc_override.isVisible():
                    self.rfc_override.setFocus(Qt.FocusReason.OtherFocusReason)
                else:
                    field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
