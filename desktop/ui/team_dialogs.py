"""Dialogs of the Equipo and Usuarios pages: team data and settings, series, members, a new
team, and a user's profile.

Each checks what it can locally (a Spanish message next to the field), then emits
`submitted(body)` and waits for the page's `finish()` / `fail(message)` (see `ActionDialog`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from desktop import fiscal
from desktop.ui.action_dialog import ActionDialog, error_label, set_error

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ZIP = re.compile(r"^\d{5}$")
SERIES = re.compile(r"^[A-Za-z0-9]{1,25}$")

# REFERENCE §8.6 / §9.2: the roles gigstack knows, in the words a shop uses.
ROLES = (
    ("viewer", str(QT_TRANSLATE_NOOP("TeamDialogs", "Consulta (solo ve)"))),
    ("editor", str(QT_TRANSLATE_NOOP("TeamDialogs", "Editor (cobra y factura)"))),
    ("admin", str(QT_TRANSLATE_NOOP("TeamDialogs", "Administrador (todo)"))),
)


ROLE_SHORT = {
    "viewer": str(QT_TRANSLATE_NOOP("TeamDialogs", "Consulta")),
    "editor": str(QT_TRANSLATE_NOOP("TeamDialogs", "Editor")),
    "admin": str(QT_TRANSLATE_NOOP("TeamDialogs", "Administrador")),
    "member": str(QT_TRANSLATE_NOOP("TeamDialogs", "Miembro")),
}


def role_short(code: str | None) -> str:
    """The role's name alone, for tables (the dialogs explain what each role can do)."""
    return ROLE_SHORT.get(str(code or ""), str(code or ""))


def role_label(code: str | None) -> str:
    for value, label in ROLES:
        if value == code:
            return label
    return str(code or "")


def _line(name: str, accessible: str, text: Any = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(str(text or ""))
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _fill_regimes(combo: QComboBox, selected: str | None) -> None:
    combo.addItem(QCoreApplication.translate("TeamDialogs", "— sin cambiar —"), None)
    try:
        regimes = fiscal.tax_regimes()
    except fiscal.CatalogUnavailableError:
        regimes = ()
    for regime in regimes:
        combo.addItem(f"{regime.code} — {regime.description}", regime.code)
    if selected:
        index = combo.findData(selected)
        combo.setCurrentIndex(index if index >= 0 else 0)


class TeamDetailsDialog(ActionDialog):
    """The team's public name, fiscal data and support contact (`PUT /teams/{id}`)."""

    def __init__(self, team: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Datos del equipo"), self.tr("Guardar"), parent)
        self.setObjectName("teamDetailsDialog")
        brand = team.get("brand") if isinstance(team.get("brand"), Mapping) else {}
        address = team.get("address") if isinstance(team.get("address"), Mapping) else {}
        self.original = team
        self.alias = _line("aliasEdit", self.tr("Nombre comercial"), (brand or {}).get("alias"))
        self.alias_error = error_label("aliasError")
        self.tax_id = _line("taxIdEdit", self.tr("RFC"), team.get("tax_id"))
        self.tax_id_error = error_label("taxIdError")
        self.regime = QComboBox()
        self.regime.setObjectName("regimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        _fill_regimes(self.regime, str(team.get("tax_system") or ""))
        self.email = _line(
            "supportEmailEdit", self.tr("Correo de soporte"), team.get("support_email")
        )
        self.email_error = error_label("supportEmailError")
        self.phone = _line(
            "supportPhoneEdit", self.tr("Teléfono de soporte"), team.get("support_phone")
        )
        self.zip = _line("zipEdit", self.tr("Código postal"), (address or {}).get("zip"))
        self.zip_error = error_label("zipError")
        self.form.addRow(self.tr("&Nombre comercial"), self.alias)
        self.form.addRow("", self.alias_error)
        self.form.addRow(self.tr("&RFC"), self.tax_id)
        self.form.addRow("", self.tax_id_error)
        self.form.addRow(self.tr("Ré&gimen fiscal"), self.regime)
        self.form.addRow(self.tr("&Correo de soporte"), self.email)
        self.form.addRow("", self.email_error)
        self.form.addRow(self.tr("&Teléfono de soporte"), self.phone)
        self.form.addRow(self.tr("Código &postal fiscal"), self.zip)
        self.form.addRow("", self.zip_error)

    def body(self) -> dict[str, Any] | None:
        alias = self.alias.text().strip()
        rfc = self.tax_id.text().strip().upper()
        email = self.email.text().strip()
        zip_code = self.zip.text().strip()
        ok = True
        set_error(self.alias_error, None if alias else self.tr("Escribe el nombre comercial."))
        ok &= bool(alias)
        rfc_problem = None
        if rfc:
            check = fiscal.validate_rfc(rfc)
            if not check.valid:
                rfc_problem = self.tr("El RFC no es válido: {0}").format("; ".join(check.errors))
        set_error(self.tax_id_error, rfc_problem)
        ok &= rfc_problem is None
        email_problem = self.tr("Revisa el correo.") if email and not EMAIL.match(email) else None
        set_error(self.email_error, email_problem)
        ok &= email_problem is None
        zip_problem = (
            self.tr("El código postal lleva 5 números.")
            if zip_code and not ZIP.match(zip_code)
            else None
        )
        set_error(self.zip_error, zip_problem)
        ok &= zip_problem is None
        if not ok:
            return None
        body: dict[str, Any] = {"brand": {"alias": alias}}
        if rfc and rfc != self.original.get("tax_id"):
            body["tax_id"] = rfc
        if self.regime.currentData():
            body["tax_system"] = self.regime.currentData()
        if email:
            body["support_email"] = email
        if self.phone.text().strip():
            body["support_phone"] = self.phone.text().strip()
        if zip_code:
            body["address"] = {"zip": zip_code}
        return body


class TeamSettingsDialog(ActionDialog):
    """Invoicing defaults (`PUT /teams/{id}/settings`): only what some gigstack client sends."""

    def __init__(self, settings: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ajustes de facturación"), self.tr("Guardar"), parent)
        self.setObjectName("teamSettingsDialog")
        self.original = settings
        self.description = _line(
            "defaultDescriptionEdit",
            self.tr("Descripción predeterminada"),
            settings.get("default_description"),
        )
        self.product_key = _line(
            "productKeyEdit",
            self.tr("Clave de producto SAT"),
            settings.get("product_key"),
            "01010101",
        )
        self.product_key_error = error_label("productKeyError")
        self.unit_key = _line(
            "unitKeyEdit", self.tr("Clave de unidad SAT"), settings.get("unit_key"), "H87"
        )
        self.unit_key_error = error_label("unitKeyError")
        self.use = QComboBox()
        self.use.setObjectName("useCombo")
        self.use.setAccessibleName(self.tr("Uso CFDI predeterminado"))
        try:
            uses = fiscal.cfdi_uses()
        except fiscal.CatalogUnavailableError:
            uses = ()
        for use in uses:
            self.use.addItem(f"{use.code} — {use.description}", use.code)
        index = self.use.findData(settings.get("use") or "G03")
        self.use.setCurrentIndex(max(index, 0))
        self.notes = _line(
            "pdfNotesEdit", self.tr("Notas en el PDF"), settings.get("invoice_pdf_notes")
        )
        emails = settings.get("emails") if isinstance(settings.get("emails"), Mapping) else {}
        self.avoid_emails = QCheckBox(self.tr("No enviar las facturas por correo a los clientes"))
        self.avoid_emails.setObjectName("avoidEmailsCheck")
        self.avoid_emails.setChecked(bool((emails or {}).get("avoid_invoice_emails")))
        self.form.addRow(self.tr("&Descripción predeterminada"), self.description)
        self.form.addRow(self.tr("Clave de &producto"), self.product_key)
        self.form.addRow("", self.product_key_error)
        self.form.addRow(self.tr("Clave de &unidad"), self.unit_key)
        self.form.addRow("", self.unit_key_error)
        self.form.addRow(self.tr("&Uso CFDI"), self.use)
        self.form.addRow(self.tr("&Notas en el PDF"), self.notes)
        self.form.addRow("", self.avoid_emails)

    def body(self) -> dict[str, Any] | None:
        product = self.product_key.text().strip()
        unit = self.unit_key.text().strip().upper()
        product_problem = None
        if product and not (product.isdigit() and len(product) == 8):
            product_problem = self.tr("La clave de producto SAT lleva 8 números.")
        set_error(self.product_key_error, product_problem)
        unit_problem = None
        if unit and not re.fullmatch(r"[A-Z0-9]{2,3}", unit):
            unit_problem = self.tr(
                "La clave de unidad SAT lleva 2 o 3 letras o números (H87, E48)."
            )
        set_error(self.unit_key_error, unit_problem)
        if product_problem or unit_problem:
            return None
        body: dict[str, Any] = {"use": self.use.currentData() or "G03"}
        for key, edit in (
            ("default_description", self.description),
            ("invoice_pdf_notes", self.notes),
        ):
            text = edit.text().strip()
            if text or self.original.get(key):
                body[key] = text or None  # null clears it (CLI settings schema)
        if product:
            body["product_key"] = product
        if unit:
            body["unit_key"] = unit
        body["emails"] = {"avoid_invoice_emails": self.avoid_emails.isChecked()}
        return body


class SeriesDialog(ActionDialog):
    """A new series, or the next folios of an existing one."""

    def __init__(self, series: Mapping[str, Any] | None = None, parent: QWidget | None = None):
        editing = series is not None
        super().__init__(
            self.tr("Folios de la serie") if editing else self.tr("Nueva serie"),
            self.tr("Guardar"),
            parent,
        )
        self.setObjectName("seriesDialog")
        self.editing = editing
        self.name = _line("seriesNameEdit", self.tr("Serie"), (series or {}).get("series"), "B")
        self.name.setMaxLength(25)
        self.name.setReadOnly(editing)
        self.name_error = error_label("seriesNameError")
        self.live = QSpinBox()
        self.live.setObjectName("liveFolioSpin")
        self.live.setAccessibleName(self.tr("Último folio (producción)"))
        self.live.setRange(0, 99_999_999)
        self.live.setValue(int((series or {}).get("live") or 0))
        self.test = QSpinBox()
        self.test.setObjectName("testFolioSpin")
        self.test.setAccessibleName(self.tr("Último folio (pruebas)"))
        self.test.setRange(0, 99_999_999)
        self.test.setValue(int((series or {}).get("test") or 0))
        hint = QLabel(
            self.tr(
                "El contador guarda el último folio usado: la siguiente factura lleva el que "
                "sigue. Bajarlo puede repetir folios."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.form.addRow(self.tr("&Serie"), self.name)
        self.form.addRow("", self.name_error)
        self.form.addRow(self.tr("Folio en &producción"), self.live)
        self.form.addRow(self.tr("Folio en p&ruebas"), self.test)
        self.form.addRow(hint)

    def body(self) -> dict[str, Any] | None:
        if self.editing:
            return {"live": self.live.value(), "test": self.test.value()}
        name = self.name.text().strip().upper()
        problem = (
            None if SERIES.match(name) else self.tr("La serie lleva de 1 a 25 letras o números.")
        )
        set_error(self.name_error, problem)
        if problem:
            return None
        return {"series": name, "live": self.live.value(), "test": self.test.value()}


class AddMemberDialog(ActionDialog):
    """A user of the account and the role they get in this team."""

    def __init__(
        self,
        users: Sequence[Mapping[str, Any]],
        member_ids: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Agregar miembro"), self.tr("Agregar"), parent)
        self.setObjectName("addMemberDialog")
        self.user = QComboBox()
        self.user.setObjectName("memberUserCombo")
        self.user.setAccessibleName(self.tr("Usuario"))
        for user in users:
            if not user.get("id") or user["id"] in member_ids:
                continue
            name = user.get("name") or " ".join(
                str(x) for x in (user.get("first_name"), user.get("last_name")) if x
            )
            text = f"{name} · {user.get('email')}" if name else str(user.get("email") or user["id"])
            self.user.addItem(text, user["id"])
        self.user_error = error_label("memberUserError")
        self.role = QComboBox()
        self.role.setObjectName("roleCombo")
        self.role.setAccessibleName(self.tr("Rol"))
        for code, label in ROLES:
            self.role.addItem(self.tr(label), code)
        self.role.setCurrentIndex(1)
        hint = QLabel(self.tr("¿No está en la lista? Créalo primero en la página Usuarios."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.form.addRow(self.tr("&Usuario"), self.user)
        self.form.addRow("", self.user_error)
        self.form.addRow(self.tr("&Rol"), self.role)
        self.form.addRow(hint)

    def body(self) -> dict[str, Any] | None:
        user_id = self.user.currentData()
        set_error(self.user_error, None if user_id else self.tr("No hay usuarios por agregar."))
        if not user_id:
            return None
        return {"id": user_id, "role": self.role.currentData()}


class CreateTeamDialog(ActionDialog):
    """A new team under the same account (gigstack Connect)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Crear equipo"), self.tr("Crear equipo"), parent)
        self.setObjectName("createTeamDialog")
        self.alias = _line("newTeamAliasEdit", self.tr("Nombre comercial"))
        self.alias_error = error_label("newTeamAliasError")
        self.tax_id = _line("newTeamTaxIdEdit", self.tr("RFC"))
        self.tax_id_error = error_label("newTeamTaxIdError")
        self.regime = QComboBox()
        self.regime.setObjectName("newTeamRegimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        _fill_regimes(self.regime, None)
        self.regime.setItemText(0, self.tr("— elige —"))
        self.zip = _line("newTeamZipEdit", self.tr("Código postal"))
        self.zip_error = error_label("newTeamZipError")
        self.email = _line("newTeamEmailEdit", self.tr("Correo de soporte"))
        self.email_error = error_label("newTeamEmailError")
        self.form.addRow(self.tr("&Nombre comercial"), self.alias)
        self.form.addRow("", self.alias_error)
        self.form.addRow(self.tr("&RFC"), self.tax_id)
        self.form.addRow("", self.tax_id_error)
        self.form.addRow(self.tr("Ré&gimen fiscal"), self.regime)
        self.form.addRow(self.tr("Código &postal"), self.zip)
        self.form.addRow("", self.zip_error)
        self.form.addRow(self.tr("&Correo de soporte"), self.email)
        self.form.addRow("", self.email_error)

    def body(self) -> dict[str, Any] | None:
        alias = self.alias.text().strip()
        rfc = self.tax_id.text().strip().upper()
        zip_code = self.zip.text().strip()
        email = self.email.text().strip()
        set_error(self.alias_error, None if alias else self.tr("Escribe el nombre comercial."))
        rfc_problem = None
        if not rfc:
            rfc_problem = self.tr("gigstack pide el RFC del equipo.")
        else:
            check = fiscal.validate_rfc(rfc)
            if not check.valid:
                rfc_problem = self.tr("El RFC no es válido: {0}").format("; ".join(check.errors))
        set_error(self.tax_id_error, rfc_problem)
        zip_problem = (
            None
            if not zip_code or ZIP.match(zip_code)
            else self.tr("El código postal lleva 5 números.")
        )
        set_error(self.zip_error, zip_problem)
        email_problem = None if not email or EMAIL.match(email) else self.tr("Revisa el correo.")
        set_error(self.email_error, email_problem)
        if not alias or rfc_problem or zip_problem or email_problem:
            return None
        body: dict[str, Any] = {"brand": {"alias": alias}, "tax_id": rfc}
        if self.regime.currentData():
            body["tax_system"] = self.regime.currentData()
        # REFERENCE §8.2: `country` is required inside `address`; requests spell it out.
        body["address"] = {"country": "Mexico", **({"zip": zip_code} if zip_code else {})}
        if email:
            body["support_email"] = email
        return body


class UserDialog(ActionDialog):
    """A new user (an invitation) or an existing user's profile."""

    def __init__(self, user: Mapping[str, Any] | None = None, parent: QWidget | None = None):
        editing = user is not None
        super().__init__(
            self.tr("Editar usuario") if editing else self.tr("Nuevo usuario"),
            self.tr("Guardar") if editing else self.tr("Crear e invitar"),
            parent,
        )
        self.setObjectName("userDialog")
        self.editing = editing
        user = user or {}
        self.email = _line("userEmailEdit", self.tr("Correo"), user.get("email"))
        self.email.setReadOnly(editing)
        self.email_error = error_label("userEmailError")
        first, last = user.get("first_name"), user.get("last_name")
        if not first and not last and user.get("name"):
            first, _, last = str(user["name"]).partition(" ")
        self.first_name = _line("firstNameEdit", self.tr("Nombre"), first)
        self.last_name = _line("lastNameEdit", self.tr("Apellidos"), last)
        self.phone = _line("phoneEdit", self.tr("Teléfono"), user.get("phone"))
        self.company_role = _line(
            "companyRoleEdit",
            self.tr("Puesto"),
            user.get("company_role"),
            self.tr("Cajero, gerente…"),
        )
        self.join = QCheckBox(self.tr("Agregarlo a este equipo con el rol"))
        self.join.setObjectName("autoJoinCheck")
        self.join.setChecked(True)
        self.role = QComboBox()
        self.role.setObjectName("userRoleCombo")
        self.role.setAccessibleName(self.tr("Rol en el equipo"))
        for code, label in ROLES:
            self.role.addItem(self.tr(label), code)
        self.role.setCurrentIndex(1)
        self.join.toggled.connect(self.role.setEnabled)
        self.form.addRow(self.tr("&Correo"), self.email)
        self.form.addRow("", self.email_error)
        self.form.addRow(self.tr("&Nombre"), self.first_name)
        self.form.addRow(self.tr("&Apellidos"), self.last_name)
        self.form.addRow(self.tr("&Teléfono"), self.phone)
        self.form.addRow(self.tr("&Puesto"), self.company_role)
        if not editing:
            self.form.addRow(self.join, self.role)

    def body(self) -> dict[str, Any] | None:
        body: dict[str, Any] = {}
        if not self.editing:
            email = self.email.text().strip()
            problem = None
            if not email:
                problem = self.tr("Escribe el correo: ahí le llega la invitación.")
            elif not EMAIL.match(email):
                problem = self.tr("Revisa el correo.")
            set_error(self.email_error, problem)
            if problem:
                self.email.setFocus()
                return None
            body["email"] = email
            if self.join.isChecked():
                body["auto_join"] = True
                body["role"] = self.role.currentData()
        for key, edit in (
            ("first_name", self.first_name),
            ("last_name", self.last_name),
            ("phone", self.phone),
            ("company_role", self.company_role),
        ):
            if edit.text().strip():
                body[key] = edit.text().strip()
        if self.editing and not body:
            set_error(self.form_error, self.tr("No hay cambios que guardar."))
            return None
        return body
