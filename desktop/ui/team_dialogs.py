"""Dialogs of the Equipo and Usuarios pages: team data and settings, series, members, a new
team, and a user's profile.

Each shows a typed record view (`desktop.records.teams`, `desktop.records.users`), checks what
it can locally with the Qt-free rules of `desktop.rules.teams` (their Spanish message next to
the field), then emits `submitted(body)` and waits for the page's `finish()` / `fail(message)`
(see `ActionDialog`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from desktop import fiscal
from desktop.records.teams import SeriesView, TeamSettingsView, TeamView
from desktop.records.users import UserView
from desktop.rules import teams as rules
from desktop.ui.action_dialog import ActionDialog, error_label, set_error

# REFERENCE §8.6 / §9.2: the roles gigstack knows (`rules.ROLES`), in the words a shop uses.
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


def rule_text(message: str | None) -> str | None:
    """A rules message in the person's language (the Spanish text is the source string)."""
    return QCoreApplication.translate("Rules", message) if message else None


def _fill_roles(combo: QComboBox) -> None:
    for code, label in ROLES:
        combo.addItem(QCoreApplication.translate("TeamDialogs", label), code)
    combo.setCurrentIndex(max(combo.findData(rules.DEFAULT_ROLE), 0))


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

    def __init__(self, team: TeamView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Datos del equipo"), self.tr("Guardar"), parent)
        self.setObjectName("teamDetailsDialog")
        self.original = team
        self.alias = _line("aliasEdit", self.tr("Nombre comercial"), team.alias or team.name_field)
        self.alias_error = error_label("aliasError")
        self.tax_id = _line("taxIdEdit", self.tr("RFC"), team.rfc)
        self.tax_id_error = error_label("taxIdError")
        self.regime = QComboBox()
        self.regime.setObjectName("regimeCombo")
        self.regime.setAccessibleName(self.tr("Régimen fiscal"))
        _fill_regimes(self.regime, team.tax_system)
        self.email = _line("supportEmailEdit", self.tr("Correo de soporte"), team.support_email)
        self.email_error = error_label("supportEmailError")
        self.phone = _line("supportPhoneEdit", self.tr("Teléfono de soporte"), team.support_phone)
        self.zip = _line("zipEdit", self.tr("Código postal"), team.zip)
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

    def team_form(self) -> rules.TeamForm:
        return rules.TeamForm(
            alias=self.alias.text(),
            rfc=self.tax_id.text(),
            tax_system=str(self.regime.currentData() or ""),
            support_email=self.email.text(),
            support_phone=self.phone.text(),
            zip=self.zip.text(),
        )

    def body(self) -> dict[str, Any] | None:
        form = self.team_form()
        problems = rules.check_team(form, new=False)
        set_error(self.alias_error, rule_text(problems.get("alias")))
        set_error(self.tax_id_error, rule_text(problems.get("rfc")))
        set_error(self.email_error, rule_text(problems.get("email")))
        set_error(self.zip_error, rule_text(problems.get("zip")))
        if problems:
            return None
        return rules.team_body(form, new=False, current_rfc=self.original.rfc)


class TeamSettingsDialog(ActionDialog):
    """Invoicing defaults (`PUT /teams/{id}/settings`): only what some gigstack client sends."""

    def __init__(self, settings: TeamSettingsView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ajustes de facturación"), self.tr("Guardar"), parent)
        self.setObjectName("teamSettingsDialog")
        self.original = settings
        self.description = _line(
            "defaultDescriptionEdit",
            self.tr("Descripción predeterminada"),
            settings.default_description,
        )
        self.product_key = _line(
            "productKeyEdit", self.tr("Clave de producto SAT"), settings.product_key, "01010101"
        )
        self.product_key_error = error_label("productKeyError")
        self.unit_key = _line(
            "unitKeyEdit", self.tr("Clave de unidad SAT"), settings.unit_key, "H87"
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
        index = self.use.findData(settings.use or "G03")
        self.use.setCurrentIndex(max(index, 0))
        self.notes = _line("pdfNotesEdit", self.tr("Notas en el PDF"), settings.invoice_pdf_notes)
        self.avoid_emails = QCheckBox(self.tr("No enviar las facturas por correo a los clientes"))
        self.avoid_emails.setObjectName("avoidEmailsCheck")
        self.avoid_emails.setChecked(settings.avoid_invoice_emails)
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
        problems = rules.settings_problems(product, unit)
        set_error(self.product_key_error, rule_text(problems.get("product_key")))
        set_error(self.unit_key_error, rule_text(problems.get("unit_key")))
        if problems:
            return None
        body: dict[str, Any] = {"use": self.use.currentData() or "G03"}
        for key, edit, before in (
            ("default_description", self.description, self.original.default_description),
            ("invoice_pdf_notes", self.notes, self.original.invoice_pdf_notes),
        ):
            text = edit.text().strip()
            if text or before:
                body[key] = text or None  # null clears it (CLI settings schema)
        if product:
            body["product_key"] = product
        if unit:
            body["unit_key"] = unit
        body["emails"] = {"avoid_invoice_emails": self.avoid_emails.isChecked()}
        return body


class SeriesDialog(ActionDialog):
    """A new series, or the next folios of an existing one."""

    def __init__(
        self,
        series: SeriesView | None = None,
        parent: QWidget | None = None,
        existing: Collection[str] = (),
    ) -> None:
        editing = series is not None
        super().__init__(
            self.tr("Folios de la serie") if editing else self.tr("Nueva serie"),
            self.tr("Guardar"),
            parent,
        )
        self.setObjectName("seriesDialog")
        self.editing = editing
        self.existing = tuple(existing)
        self.name = _line("seriesNameEdit", self.tr("Serie"), series.name if series else "", "B")
        self.name.setMaxLength(rules.SERIES_MAX)
        self.name.setReadOnly(editing)
        self.name_error = error_label("seriesNameError")
        self.live = QSpinBox()
        self.live.setObjectName("liveFolioSpin")
        self.live.setAccessibleName(self.tr("Último folio (producción)"))
        self.live.setRange(0, rules.FOLIO_MAX)
        self.live.setValue(series.live if series else 0)
        self.test = QSpinBox()
        self.test.setObjectName("testFolioSpin")
        self.test.setAccessibleName(self.tr("Último folio (pruebas)"))
        self.test.setRange(0, rules.FOLIO_MAX)
        self.test.setValue(series.test if series else 0)
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
        name = None if self.editing else self.name.text()
        body, problems = rules.series_body(
            name, self.live.value(), self.test.value(), self.existing
        )
        set_error(self.name_error, rule_text(problems.get("name")))
        folio = problems.get("live") or problems.get("test")
        set_error(self.form_error, rule_text(folio))
        return body


class AddMemberDialog(ActionDialog):
    """A user of the account and the role they get in this team."""

    def __init__(
        self,
        users: Sequence[UserView],
        member_ids: Collection[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Agregar miembro"), self.tr("Agregar"), parent)
        self.setObjectName("addMemberDialog")
        self.user = QComboBox()
        self.user.setObjectName("memberUserCombo")
        self.user.setAccessibleName(self.tr("Usuario"))
        for user in rules.users_to_offer(users, member_ids):
            self.user.addItem(user.choice_text, user.id)
        self.user_error = error_label("memberUserError")
        self.role = QComboBox()
        self.role.setObjectName("roleCombo")
        self.role.setAccessibleName(self.tr("Rol"))
        _fill_roles(self.role)
        hint = QLabel(self.tr("¿No está en la lista? Créalo primero en la página Usuarios."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.form.addRow(self.tr("&Usuario"), self.user)
        self.form.addRow("", self.user_error)
        self.form.addRow(self.tr("&Rol"), self.role)
        self.form.addRow(hint)

    def body(self) -> dict[str, Any] | None:
        body, problem = rules.member_body(self.user.currentData(), self.role.currentData())
        set_error(self.user_error, rule_text(problem))
        return body


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
        form = rules.TeamForm(
            alias=self.alias.text(),
            rfc=self.tax_id.text(),
            tax_system=str(self.regime.currentData() or ""),
            support_email=self.email.text(),
            zip=self.zip.text(),
        )
        problems = rules.check_team(form, new=True)
        set_error(self.alias_error, rule_text(problems.get("alias")))
        set_error(self.tax_id_error, rule_text(problems.get("rfc")))
        set_error(self.zip_error, rule_text(problems.get("zip")))
        set_error(self.email_error, rule_text(problems.get("email")))
        if problems:
            return None
        return rules.team_body(form, new=True)


class UserDialog(ActionDialog):
    """A new user (an invitation) or an existing user's profile."""

    def __init__(self, user: UserView | None = None, parent: QWidget | None = None):
        editing = user is not None
        super().__init__(
            self.tr("Editar usuario") if editing else self.tr("Nuevo usuario"),
            self.tr("Guardar") if editing else self.tr("Crear e invitar"),
            parent,
        )
        self.setObjectName("userDialog")
        self.editing = editing
        shown = user or UserView(id="")
        first, last = shown.name_parts
        self.email = _line("userEmailEdit", self.tr("Correo"), shown.email)
        self.email.setReadOnly(editing)
        self.email_error = error_label("userEmailError")
        self.first_name = _line("firstNameEdit", self.tr("Nombre"), first)
        self.last_name = _line("lastNameEdit", self.tr("Apellidos"), last)
        self.phone = _line("phoneEdit", self.tr("Teléfono"), shown.phone)
        self.company_role = _line(
            "companyRoleEdit", self.tr("Puesto"), shown.company_role, self.tr("Cajero, gerente…")
        )
        self.join = QCheckBox(self.tr("Agregarlo a este equipo con el rol"))
        self.join.setObjectName("autoJoinCheck")
        self.join.setChecked(True)
        self.role = QComboBox()
        self.role.setObjectName("userRoleCombo")
        self.role.setAccessibleName(self.tr("Rol en el equipo"))
        _fill_roles(self.role)
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
            problem = rules.new_user_email_problem(email)
            set_error(self.email_error, rule_text(problem))
            if problem:
                self.email.setFocus()
                return None
            body["email"] = email
            if self.join.isChecked():
                role = self.role.currentData()
                role_problem = rules.role_problem(role)
                if role_problem:
                    set_error(self.form_error, rule_text(role_problem))
                    return None
                body["auto_join"] = True
                body["role"] = role
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
