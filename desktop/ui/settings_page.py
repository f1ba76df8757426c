"""The Ajustes page: ticket data, this terminal, language, the gigstack connection, support.

Preferences live in the terminal's config.json (`desktop.config.TerminalConfig`, shared with
the CLI's `config get/set`; the ticket, counter and Pagos read it there); QSettings keeps window
state only. The terminal's folio series lives in the database (`Outbox.set_terminal_series`)
and is mirrored in config.json. Switching account or team and wiping local data are refused
while the outbox holds anything not yet delivered (pending, sending or parked):
those rows are money.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import desktop
from desktop import credentials
from desktop.config import (
    CONFIG_FILENAME,
    SERIES_MAX_LENGTH,
    ConfigError,
    TerminalConfig,
    default_log_dir,
)
from desktop.fiscal import validate_rfc
from desktop.rules.teams import terminal_series_problem
from desktop.store.outbox import OutboxState
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text
from desktop.ui.ops import Op
from desktop.ui.page import Page
from desktop.ui.test_mode import badge_tooltip, mode_text, shows_test_mode

LANGUAGES = (("es", "Español"), ("en", "English"))


def mask_key(key: str | None) -> str:
    """Show only the last four characters of a key ("…abcd")."""
    if not key:
        return ""
    return "…" + key[-4:]


class SettingsPage(Page):
    """Preferences and connection details (see module docstring)."""

    title = str(QT_TRANSLATE_NOOP("Page", "Ajustes"))
    icon_name = "settings"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("settings")
        self._teams_request: Op[Any] | None = None
        self._key_read = False  # the keychain was read once: keyring is loaded, read again

        heading = QLabel(self.tr("Ajustes"))
        heading.setObjectName("pageHeading")

        left = QVBoxLayout()
        left.addWidget(self._business_group())
        left.addWidget(self._ticket_group())
        left.addWidget(self._terminal_group())
        left.addWidget(self._language_group())
        self.save_message = _message_label("saveMessage")
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(self.tr("Guardar los ajustes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        left.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(self._connection_group())
        right.addWidget(self._data_group())
        right.addWidget(self._support_group())
        right.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        content = QWidget()
        content.setObjectName("settingsContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.save_button)
        body.addLayout(top)
        body.addWidget(self.save_message)
        body.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.activated.connect(self.save)
        for edit in (self.name, self.rfc, self.address, self.phone, self.series):
            edit.returnPressed.connect(self.save)
        self.load()
        self.refresh_connection(read_key=False)

    # --- building ------------------------------------------------------------------------------

    def _business_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Datos del negocio en los tickets"))
        form = QFormLayout(box)
        hint = QLabel(
            self.tr("Si los dejas vacíos, el ticket usa los datos del equipo en gigstack.")
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.name = _line_edit("businessName", self.tr("Nombre del negocio"))
        self.rfc = _line_edit("businessRfc", self.tr("RFC del negocio"))
        self.rfc.setMaxLength(16)
        self.rfc_error = _message_label("businessRfcError")
        self.address = _line_edit("businessAddress", self.tr("Dirección del negocio"))
        self.phone = _line_edit("businessPhone", self.tr("Teléfono del negocio"))
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("RFC:"), self.rfc)
        form.addRow("", self.rfc_error)
        form.addRow(self.tr("Dirección:"), self.address)
        form.addRow(self.tr("Teléfono:"), self.phone)
        return box

    def _ticket_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ticket"))
        form = QFormLayout(box)
        self.ticket_width = QComboBox()
        self.ticket_width.setObjectName("ticketWidth")
        self.ticket_width.setAccessibleName(self.tr("Ancho del papel del ticket"))
        self.ticket_width.addItem(self.tr("80 mm (el más común)"), "80")
        self.ticket_width.addItem(self.tr("58 mm"), "58")
        self.auto_print = QCheckBox(self.tr("Imprimir el ticket al cobrar"))
        self.auto_print.setObjectName("autoPrint")
        self.walk_in_document = QComboBox()
        self.walk_in_document.setObjectName("walkInDocument")
        self.walk_in_document.setAccessibleName(self.tr("Documento de las ventas sin factura"))
        self.walk_in_document.addItem(self.tr("Recibo con QR para autofacturar"), "receipt")
        self.walk_in_document.addItem(self.tr("Ninguno (solo el ticket)"), "none")
        self.walk_in_document.setToolTip(
            self.tr(
                "Qué se hace en gigstack con una venta que no se factura al cobrar: un recibo "
                "cuyo QR en el ticket deja al cliente facturar después, o nada."
            )
        )
        form.addRow(self.tr("Ancho del papel:"), self.ticket_width)
        form.addRow("", self.auto_print)
        form.addRow(self.tr("Ventas sin factura:"), self.walk_in_document)
        return box

    def _terminal_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Esta caja"))
        form = QFormLayout(box)
        self.series = _line_edit("terminalSeries", self.tr("Serie de folios de esta caja"))
        self.series.setMaxLength(SERIES_MAX_LENGTH)
        self.series_error = _message_label("terminalSeriesError")
        self.series_hint = QLabel()
        self.series_hint.setObjectName("terminalSeriesHint")
        self.series_hint.setProperty("role", "hint")
        self.series_hint.setWordWrap(True)
        self.series.textEdited.connect(self._update_series_hint)
        form.addRow(self.tr("Serie de folios:"), self.series)
        form.addRow("", self.series_error)
        form.addRow("", self.series_hint)
        return box

    def _language_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Idioma"))
        form = QFormLayout(box)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Idioma de Mostrador"))
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language_hint = QLabel(
            self.tr("El cambio de idioma se aplica al reiniciar Mostrador.")
        )
        self.language_hint.setObjectName("languageHint")
        self.language_hint.setProperty("role", "hint")
        self.language_hint.setWordWrap(True)
        form.addRow(self.tr("Idioma:"), self.language)
        form.addRow("", self.language_hint)
        return box

    def _connection_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Conexión con gigstack"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.api_url_value = _value_label("apiUrlValue")
        self.team_value = _value_label("teamValue")
        self.key_value = _value_label("keyValue")
        self.demo_value = _value_label("demoValue")
        # The key's mode from its `livemode` claim (a test key: the same amber badge as the
        # status bar's); only the claims are read, never the key (desktop.gigstack.KeyInfo).
        self.key_mode_value = _value_label("keyModeValue")
        form.addRow(self.tr("Dirección de la API:"), self.api_url_value)
        form.addRow(self.tr("Equipo:"), self.team_value)
        # The keychain is read when asked (issue 12): importing keyring and its backends costs
        # ~9 MB and a D-Bus look-around, which opening Ajustes to change a ticket width should
        # not pay. Where the key comes from the environment no keychain is needed to show it.
        self.check_key = QPushButton(self.tr("Consultar"))
        self.check_key.setObjectName("checkKeyButton")
        self.check_key.setToolTip(self.tr("Leer la clave guardada en el llavero del sistema"))
        self.check_key.clicked.connect(lambda: self.refresh_connection(read_key=True))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_value, 1)
        key_row.addWidget(self.check_key)
        form.addRow(self.tr("Clave de API:"), key_row)
        form.addRow(self.tr("Modo de la clave:"), self.key_mode_value)
        form.addRow(self.tr("Modo demo:"), self.demo_value)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.change_account = QPushButton(self.tr("Cambiar cuenta"))
        self.change_account.setObjectName("changeAccountButton")
        self.change_account.setToolTip(
            self.tr("Olvidar la clave guardada y conectar otra cuenta al reiniciar")
        )
        self.change_account.clicked.connect(self.change_account_clicked)
        self.change_team = QPushButton(self.tr("Cambiar equipo"))
        self.change_team.setObjectName("changeTeamButton")
        self.change_team.setToolTip(self.tr("Elegir otro equipo de gigstack Connect"))
        self.change_team.clicked.connect(self.change_team_clicked)
        buttons.addWidget(self.change_account)
        buttons.addWidget(self.change_team)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.team_box = QWidget()
        team_row = QHBoxLayout(self.team_box)
        team_row.setContentsMargins(0, 0, 0, 0)
        self.team_picker = QComboBox()
        self.team_picker.setObjectName("teamPicker")
        self.team_picker.setAccessibleName(self.tr("Equipo de gigstack"))
        self.use_team = QPushButton(self.tr("Usar este equipo"))
        self.use_team.setObjectName("useTeamButton")
        self.use_team.clicked.connect(self.use_team_clicked)
        team_row.addWidget(self.team_picker, 1)
        team_row.addWidget(self.use_team)
        self.team_box.hide()
        layout.addWidget(self.team_box)

        self.connection_message = _message_label("connectionMessage")
        layout.addWidget(self.connection_message)
        return box

    def _data_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Datos locales"))
        layout = QVBoxLayout(box)
        hint = QLabel(
            self.tr(
                "Borra la copia local de clientes, servicios y pagos (se vuelve a descargar de "
                "gigstack) y el historial de envíos ya terminados. Los folios de esta caja "
                "no se reinician."
            )
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.reset_data = QPushButton(self.tr("Borrar datos locales"))
        self.reset_data.setObjectName("resetDataButton")
        self.reset_data.setProperty("danger", True)
        self.reset_data.clicked.connect(self.reset_data_clicked)
        row = QHBoxLayout()
        row.addWidget(self.reset_data)
        row.addStretch(1)
        self.data_message = _message_label("dataMessage")
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.data_message)
        return box

    def _support_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Soporte"))
        grid = QGridLayout(box)
        self.log_dir = default_log_dir()
        self.data_dir = self.ctx.config.data_dir
        rows = (
            (self.tr("Registros (logs):"), self.log_dir, "logDir"),
            (self.tr("Carpeta de datos:"), self.data_dir, "dataDir"),
        )
        for row, (label, path, name) in enumerate(rows):
            value = _value_label(f"{name}Value")
            value.setText(str(path))
            copy = QPushButton(self.tr("Copiar"))
            copy.setObjectName(f"copy{name[0].upper()}{name[1:]}")
            copy.setToolTip(self.tr("Copiar la ruta al portapapeles"))
            copy.clicked.connect(lambda _=False, p=path: self._copy_path(p))
            open_button = QPushButton(self.tr("Abrir"))
            open_button.setObjectName(f"open{name[0].upper()}{name[1:]}")
            open_button.setToolTip(self.tr("Abrir la carpeta"))
            open_button.clicked.connect(lambda _=False, p=path: self._open_path(p))
            grid.addWidget(QLabel(label), row * 2, 0, 1, 3)
            grid.addWidget(value, row * 2 + 1, 0)
            grid.addWidget(copy, row * 2 + 1, 1)
            grid.addWidget(open_button, row * 2 + 1, 2)
        grid.setColumnStretch(0, 1)
        self.version_value = _value_label("versionValue")
        self.version_value.setText(
            self.tr("Mostrador {version}").format(version=desktop.__version__)
        )
        grid.addWidget(self.version_value, 4, 0, 1, 3)
        self.support_message = _message_label("supportMessage")
        grid.addWidget(self.support_message, 5, 0, 1, 3)
        return box

    # --- loading and saving ---------------------------------------------------------------------

    def load(self) -> None:
        """Fill the fields from the terminal's configuration (config.json, shared with the CLI)."""
        try:
            terminal = TerminalConfig.load(self.ctx.config.data_dir)
        except ConfigError as exc:  # a damaged config.json: say so, show the defaults
            self._set_message(self.save_message, exc.message, "bad")
            terminal = TerminalConfig(self.ctx.config.data_dir / CONFIG_FILENAME)
        self.name.setText(str(terminal.get("business.name")))
        self.rfc.setText(str(terminal.get("business.rfc")))
        self.address.setText(str(terminal.get("business.address")))
        self.phone.setText(str(terminal.get("business.phone")))
        width = str(terminal.get("ticket.width"))
        self.ticket_width.setCurrentIndex(max(0, self.ticket_width.findData(width)))
        self.auto_print.setChecked(bool(terminal.get("ticket.auto_print")))
        walk_in = str(terminal.get("shop.walk_in_document"))
        self.walk_in_document.setCurrentIndex(max(0, self.walk_in_document.findData(walk_in)))
        self.series.setText(self.ctx.core.outbox.terminal_series())
        self._loaded_language = str(terminal.get("ui.language"))
        self.language.setCurrentIndex(max(0, self.language.findData(self._loaded_language)))
        self._update_series_hint()

    def save(self) -> bool:
        """Validate and store; errors appear next to their fields and nothing typed is lost."""
        self._set_message(self.rfc_error, "")
        self._set_message(self.series_error, "")
        ok = True
        rfc = self.rfc.text().strip()
        rfc_warning = ""
        if rfc:
            check = validate_rfc(rfc)
            if not check.valid:
                self._set_message(self.rfc_error, check.errors[0], "bad")
                ok = False
            else:
                rfc = check.value
                rfc_warning = check.warnings[0] if check.warnings else ""
        series = self.series.text().strip().upper()
        series_problem = self.series_problem(series)
        if series_problem:
            self._set_message(self.series_error, series_problem, "bad")
            ok = False
        if not ok:
            self._set_message(self.save_message, self.tr("Revisa los campos marcados."), "bad")
            first = self.rfc if self.rfc_error.isVisibleTo(self) else self.series
            first.setFocus()
            return False

        try:
            self.ctx.core.outbox.set_terminal_series(series)
        except ValueError as exc:  # the outbox has the last word on what a series may be
            self._set_message(self.series_error, str(exc), "bad")
            return False
        language = str(self.language.currentData())
        values = {
            "business.name": self.name.text().strip(),
            "business.rfc": rfc,
            "business.address": self.address.text().strip(),
            "business.phone": self.phone.text().strip(),
            "ticket.width": str(self.ticket_width.currentData()),
            "ticket.auto_print": self.auto_print.isChecked(),
            "shop.walk_in_document": str(self.walk_in_document.currentData()),
            "terminal.series": series,
            "ui.language": language,
        }
        try:
            # Re-read first: the CLI (`config set`) may have changed other keys meanwhile.
            terminal = TerminalConfig.load(self.ctx.config.data_dir)
            for key, value in values.items():
                terminal.set(key, value)
            terminal.save()
        except ConfigError as exc:  # the same rules and words as `python -m desktop config set`
            field = self._field_for(exc.key)
            label = self.rfc_error if field is self.rfc else self.save_message
            self._set_message(label, exc.message, "bad")
            if field is not None:
                field.setFocus()
            if label is not self.save_message:
                self._set_message(self.save_message, self.tr("Revisa los campos marcados."), "bad")
            return False
        self.rfc.setText(rfc)
        self.series.setText(series)
        self._update_series_hint()

        if rfc_warning:
            self._set_message(self.rfc_error, rfc_warning, "warn")
        message = self.tr("Ajustes guardados.")
        if language != self._loaded_language:
            message += " " + self.tr("El idioma cambiará la próxima vez que abras Mostrador.")
        self._set_message(self.save_message, message, "good")
        self._notify(self.tr("Ajustes guardados"))
        return True

    def _field_for(self, key: str | None) -> QWidget | None:
        return {
            "business.name": self.name,
            "business.rfc": self.rfc,
            "business.address": self.address,
            "business.phone": self.phone,
            "terminal.series": self.series,
        }.get(key or "")

    def series_problem(self, series: str) -> str:
        """Why `series` cannot be this terminal's folio series ("" when it can): the rule is
        `desktop.rules.teams.terminal_series_problem`, the same limits as `config set`."""
        problem = terminal_series_problem(series)
        return QCoreApplication.translate("Rules", problem) if problem else ""

    def _update_series_hint(self) -> None:
        series = self.series.text().strip().upper() or "CAJA1"
        self.series_hint.setText(
            self.tr(
                "Cada caja lleva su propia serie: los folios de esta serán {s}-1, {s}-2… "
                "Usa una serie distinta en cada computadora."
            ).format(s=series)
        )

    # --- connection -----------------------------------------------------------------------------

    def refresh_connection(self, read_key: bool = True) -> None:
        """Show the connection; `read_key` False (the page opening) reads the keychain only
        if it was read before or the key is in the environment («Consultar» reads it)."""
        config = self.ctx.config
        self.api_url_value.setText(config.api_url)
        claim = self.ctx.key_info.team if self.ctx.key_info is not None else None
        if config.team:
            self.team_value.setText(config.team)
        elif claim:
            self.team_value.setText(self.tr("El equipo de la clave ({team})").format(team=claim))
        else:
            self.team_value.setText(self.tr("El equipo de la clave"))
        self.key_mode_value.setText(mode_text(self.ctx.key_info, config.demo))
        test = shows_test_mode(self.ctx.key_info, config.demo)
        self.key_mode_value.setToolTip(badge_tooltip() if test else "")
        if (self.key_mode_value.property("badge") == "test") != test:
            self.key_mode_value.setProperty("badge", "test" if test else None)
            self.key_mode_value.style().unpolish(self.key_mode_value)
            self.key_mode_value.style().polish(self.key_mode_value)
        in_environment = bool(os.environ.get(credentials.ENV_VAR, "").strip())
        self.check_key.hide()
        if config.demo:
            self.key_value.setText(self.tr("Clave de demostración"))
        elif not (read_key or self._key_read or in_environment):
            self.key_value.setText(self.tr("En uso en esta sesión (sin leer el llavero)"))
            self.check_key.show()
        else:
            self._key_read = True
            key = self._stored_key()
            if key:
                self.key_value.setText(mask_key(key))
            else:
                self.key_value.setText(self.tr("No guardada (solo en esta sesión)"))
        self.demo_value.setText(self.tr("Sí") if config.demo else self.tr("No"))

    def _stored_key(self) -> str | None:
        if self.ctx.config.demo:
            return None
        return credentials.get_api_key(self.ctx.config.api_url)

    def unfinished_rows(self) -> int:
        """Rows that still carry money or a change to deliver (pending, sending, parked)."""
        stats = self.ctx.core.outbox.stats()
        return stats.pending + stats.sending + stats.parked

    def _refuse_if_pending(self, label: QLabel, action: str) -> bool:
        count = self.unfinished_rows()
        if not count:
            return False
        self._set_message(
            label,
            count_text(
                count,
                self.tr(
                    "No se puede {action}: hay 1 envío sin terminar en la cola (por enviar o "
                    "detenido). Es un cobro o cambio que gigstack aún no tiene; envíalo o "
                    "resuélvelo primero en la página Cola."
                ),
                self.tr(
                    "No se puede {action}: hay {n} envíos sin terminar en la cola (por enviar o "
                    "detenidos). Son cobros o cambios que gigstack aún no tiene; envíalos o "
                    "resuélvelos primero en la página Cola."
                ),
                action=action,
            ),
            "bad",
        )
        return True

    def change_account_clicked(self) -> None:
        self.team_box.hide()
        if self._refuse_if_pending(self.connection_message, self.tr("cambiar de cuenta")):
            return
        if self.ctx.config.demo:
            self._set_message(
                self.connection_message,
                self.tr(
                    "Estás en modo demo. Cierra Mostrador y ábrelo sin el modo demo para "
                    "conectar tu cuenta de gigstack."
                ),
                "warn",
            )
            return
        if not self._confirm(
            self.tr(
                "Se borrará la clave guardada en este equipo. La próxima vez que abras "
                "Mostrador podrás conectar otra cuenta. ¿Continuar?"
            )
        ):
            return
        try:
            credentials.delete_api_key(self.ctx.config.api_url)
        except credentials.KeychainUnavailableError:
            self._set_message(
                self.connection_message,
                self.tr("No se pudo usar el llavero del sistema para borrar la clave."),
                "bad",
            )
            return
        self.refresh_connection()
        self.key_value.setText(self.tr("Borrada"))
        self._set_message(
            self.connection_message,
            self.tr(
                "Listo: se borró la clave. Cierra y vuelve a abrir Mostrador para conectar "
                "otra cuenta."
            ),
            "good",
        )

    def change_team_clicked(self) -> None:
        self.team_box.hide()
        if self._refuse_if_pending(self.connection_message, self.tr("cambiar de equipo")):
            return
        if self._teams_request is not None and not self._teams_request.finished:
            return
        from desktop.ui.first_run import list_teams

        self._set_message(self.connection_message, self.tr("Buscando tus equipos en gigstack…"))
        self._teams_request = self.ctx.run_op(
            self,
            list_teams,
            self._teams_loaded,
            on_error=self._teams_failed,
            busy=self.change_team,
        )

    def _teams_loaded(self, choices: Any) -> None:
        self._teams_request = None
        if len(choices) <= 1:
            self._set_message(
                self.connection_message,
                self.tr("Esta clave solo tiene un equipo: no hay otro a cuál cambiar."),
                "warn",
            )
            return
        self.team_picker.clear()
        for choice in choices:
            label = choice.label or self.tr("El equipo de esta clave")
            if choice.team is None and choice.team_id:
                label = self.tr("{team} (equipo de esta clave)").format(team=label)
            if choice.team_id:
                label = f"{label}  ·  {choice.team_id}"
            self.team_picker.addItem(label, choice.team)
            if choice.team == self.ctx.config.team:
                self.team_picker.setCurrentIndex(self.team_picker.count() - 1)
        self.team_box.show()
        self._set_message(
            self.connection_message, self.tr("Elige el equipo y pulsa «Usar este equipo».")
        )
        self.team_picker.setFocus()

    def _teams_failed(self, message: str, error: Any) -> None:
        self._teams_request = None
        self._set_message(
            self.connection_message,
            self.tr("No se pudieron obtener los equipos: {message}").format(message=message),
            "bad",
        )

    def use_team_clicked(self) -> None:
        # Checked again: a sale may have been queued while the list was open.
        if self._refuse_if_pending(self.connection_message, self.tr("cambiar de equipo")):
            self.team_box.hide()
            return
        team = self.team_picker.currentData()
        try:
            terminal = TerminalConfig.load(self.ctx.config.data_dir)
            if isinstance(team, str) and team:
                terminal.set("connection.team", team)
            else:
                terminal.unset("connection.team")
            terminal.save()
        except ConfigError as exc:
            self._set_message(self.connection_message, exc.message, "bad")
            return
        self.team_box.hide()
        self._set_message(
            self.connection_message,
            self.tr("Equipo elegido. Cierra y vuelve a abrir Mostrador para trabajar con él."),
            "good",
        )

    # --- local data -----------------------------------------------------------------------------

    def reset_data_clicked(self) -> None:
        if self._refuse_if_pending(self.data_message, self.tr("borrar los datos locales")):
            return
        if not self._confirm(
            self.tr(
                "Se borrará la copia local de clientes, servicios y pagos, y el historial de "
                "envíos terminados. Todo lo que está en gigstack se vuelve a descargar. "
                "¿Continuar?"
            )
        ):
            return
        if not self.wipe_local_data():
            self._refuse_if_pending(self.data_message, self.tr("borrar los datos locales"))
            return
        self.ctx.bridge.notify_queue_changed()
        self.ctx.bridge.refresh()
        self._set_message(
            self.data_message,
            self.tr("Datos locales borrados. Se están descargando de nuevo de gigstack."),
            "good",
        )
        self._notify(self.tr("Datos locales borrados"))

    def wipe_local_data(self) -> bool:
        """Delete the cache and finished outbox rows in one transaction.

        Returns False (and deletes nothing) when an unfinished row exists at that moment: the
        check runs inside the same write transaction, so a sale queued meanwhile is never lost.
        The terminal's folio counter is kept so folios never repeat.
        """
        unfinished = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED)
        marks = ",".join("?" for _ in unfinished)
        with self.ctx.core.db.write() as conn:
            count = conn.execute(
                f"SELECT COUNT(*) FROM outbox WHERE state IN ({marks})",  # noqa: S608
                [s.value for s in unfinished],
            ).fetchone()[0]
            if count:
                return False
            conn.execute("DELETE FROM outbox_audit WHERE outbox_id IN (SELECT id FROM outbox)")
            conn.execute("DELETE FROM outbox")
            for table in ("cached_client", "cached_service", "cached_payment", "cache_sync"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608
        return True

    # --- helpers --------------------------------------------------------------------------------

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Confirmar"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _copy_path(self, path: Path) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(str(path))
        self._set_message(
            self.support_message, self.tr("Ruta copiada: {path}").format(path=path), "good"
        )

    def _open_path(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._set_message(
                self.support_message,
                self.tr("No se pudo abrir la carpeta; copia la ruta y ábrela a mano."),
                "bad",
            )

    def _set_message(self, label: QLabel, text: str, level: str = "") -> None:
        label.setText(text)
        label.setProperty("level", level)
        label.setVisible(bool(text))
        label.style().unpolish(label)
        label.style().polish(label)

    def _notify(self, message: str) -> None:
        notify = getattr(self.window(), "notify", None)
        if callable(notify):
            notify(message)

    def activated(self) -> None:
        self.refresh_connection(read_key=False)
        self.name.setFocus()


def _line_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    return edit


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
