"""The Equipo page: the team this terminal bills for, its series, members and gigstack Connect.

Everything is read from gigstack in one worker call when the page is shown (team, series,
integrations, the teams the key reaches, the account's users) and refreshed after each change.
Changing who can act (removing a member) asks for confirmation and the manager PIN when set;
the manager PIN itself is set here.

Switching the active team is the terminal's choice (stored like the Ajustes page does, applied
on the next start): each team keeps its own cache and queue rows (both carry the team), and the
switch is refused while the current team still has sales or changes waiting in the queue.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import ConfigError, TerminalConfig
from desktop.gigstack import GigstackClient, GigstackError
from desktop.records.teams import (
    IntegrationView,
    MemberView,
    SeriesView,
    TeamView,
    integrations_of,
)
from desktop.records.users import UserView
from desktop.rules.teams import (
    OwnTeam,
    default_series,
    find_own_team,
    stored_team,
    switch_team_problem,
)
from desktop.store.outbox import OutboxState
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text, when
from desktop.ui.manager_pin import SetPinDialog, confirm_and_authorize, pin_store_for
from desktop.ui.page import Page
from desktop.ui.server_page import record_of
from desktop.ui.team_dialogs import (
    AddMemberDialog,
    CreateTeamDialog,
    SeriesDialog,
    TeamDetailsDialog,
    TeamSettingsDialog,
    role_short,
    rule_text,
)

T = TypeVar("T")
STALE_AFTER_SECONDS = 120.0
UNFINISHED = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.PARKED)

INTEGRATION_NAMES = {
    "stripe": str(QT_TRANSLATE_NOOP("TeamPage", "Stripe (cobros con tarjeta)")),
    "sat": str(QT_TRANSLATE_NOOP("TeamPage", "SAT (sellos digitales)")),
    "bank": str(QT_TRANSLATE_NOOP("TeamPage", "Banco")),
    "facturapi": str(QT_TRANSLATE_NOOP("TeamPage", "Facturapi")),
}


def current_team_id(client: GigstackClient, team: str | None) -> str | None:
    """The id of the team the app acts on (worker thread): the chosen Connect team, else the
    key's own team as `desktop.rules.teams.find_own_team` tells it (the key's `team` claim,
    else the integrations hint, else the only team)."""
    if team:
        return team
    own = find_own_team(client, list_limit=2)
    return own.team_id if own else None


@dataclass
class TeamSnapshot:
    """What the page shows, fetched together on the worker and read into typed views there."""

    team_id: str | None
    team: TeamView = field(default_factory=lambda: TeamView(id=""))
    #: The key's own team (its `team` claim, or gigstack's hints); None when it cannot be told.
    own: OwnTeam | None = None
    series: list[SeriesView] = field(default_factory=list)
    #: From `GET /teams/integrations`; empty when that call failed (the team's own are used).
    integrations: tuple[IntegrationView, ...] = ()
    teams: list[TeamView] = field(default_factory=list)
    users: list[UserView] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def default_series(self) -> str:
        """The series gigstack uses when an invoice names none (`rules.teams.default_series`)."""
        return default_series(self.team.settings.default_series, [s.name for s in self.series])

    @property
    def shown_integrations(self) -> tuple[IntegrationView, ...]:
        return self.integrations or self.team.integrations


def fetch_snapshot(client: GigstackClient, team: str | None) -> TeamSnapshot:
    # Decoding the key's claim needs no request; the hints are asked only without it.
    own = find_own_team(client, list_limit=2) if not team or client.key_info.team else None
    team_id = team or (own.team_id if own else None)
    snapshot = TeamSnapshot(team_id, own=own)
    if team_id is None:
        snapshot.problems.append("no se pudo saber qué equipo usa la clave")
    else:
        snapshot.team = TeamView.from_record(record_of(client.teams.get(team_id, team=team)))
        snapshot.series = [
            SeriesView.from_record(record_of(s)) for s in client.teams.series(team_id, team=team)
        ]
    # The rest is extra: a failure here leaves its box empty with a note, not the whole page.
    try:
        snapshot.integrations = integrations_of(record_of(client.teams.integrations(team=team)))
    except GigstackError as exc:
        snapshot.problems.append(f"integraciones: {exc.message}")
    try:
        snapshot.teams = [
            TeamView.from_record(record_of(t)) for t in client.teams.list_page(limit=100).items
        ]
    except GigstackError as exc:
        snapshot.problems.append(f"equipos: {exc.message}")
    try:
        snapshot.users = [
            UserView.from_record(record_of(u))
            for u in client.users.list_page(limit=100, team=team).items
        ]
    except GigstackError as exc:
        snapshot.problems.append(f"usuarios: {exc.message}")
    return snapshot


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def _left(button: QPushButton) -> QWidget:
    """A button at its natural width at the start of a form row."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return holder


def fit_rows(table: QTableWidget, *, least: int = 2, most: int = 6) -> None:
    """Size a short table to its rows (between `least` and `most`) instead of a tall blank."""
    shown = min(max(table.rowCount(), least), most)
    height = table.horizontalHeader().height() or table.horizontalHeader().sizeHint().height()
    height += shown * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth() + 2
    table.setFixedHeight(height)


def _whole(amount: Decimal) -> str:
    """A count gigstack may send as 4, "4" or 4.0, shown as 4 (a fraction stays as sent)."""
    return str(int(amount)) if amount == amount.to_integral_value() else str(amount)


def _value() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class TeamPage(Page):
    """The current team, its series and members, Connect teams and the manager PIN."""

    title = str(QT_TRANSLATE_NOOP("Page", "Equipo"))
    icon_name = "team"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("team")
        self._loaded_at: float | None = None
        self._loading = False
        self.busy = False
        self.snapshot: TeamSnapshot | None = None
        # The views behind each table's rows, in the order shown.
        self.series_rows: list[SeriesView] = []
        self.member_rows: list[MemberView] = []
        self.team_rows: list[TeamView] = []
        self.dialog: QWidget | None = None

        heading = QLabel(self.tr("Equipo"))
        heading.setObjectName("pageHeading")
        self.refresh_button = QPushButton(self.tr("Actualizar"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.reload)
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.message, 1)
        top.addWidget(self.refresh_button)

        # -- current team ----------------------------------------------------------------
        details = QGroupBox(self.tr("Equipo actual"))
        details.setObjectName("teamDetailsBox")
        form = QFormLayout(details)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("name", self.tr("Nombre")),
            ("legal", self.tr("Razón social")),
            ("rfc", self.tr("RFC y régimen")),
            ("contact", self.tr("Soporte")),
            ("sat", self.tr("Sellos SAT")),
            ("credits", self.tr("Timbres")),
            ("id", self.tr("ID")),
        ):
            value = _value()
            value.setObjectName(f"team{key[0].upper()}{key[1:]}Value")
            form.addRow(label, value)
            self.values[key] = value
        self.edit_team_button = QPushButton(self.tr("Editar datos…"))
        self.edit_team_button.setObjectName("editTeamButton")
        self.edit_team_button.clicked.connect(self.edit_team)
        form.addRow("", _left(self.edit_team_button))

        settings_box = QGroupBox(self.tr("Ajustes de facturación"))
        settings_box.setObjectName("teamSettingsBox")
        settings_form = QFormLayout(settings_box)
        for key, label in (
            ("keys", self.tr("Claves SAT")),
            ("use", self.tr("Uso CFDI")),
            ("description", self.tr("Descripción")),
            ("emails", self.tr("Correos")),
        ):
            value = _value()
            value.setObjectName(f"settings{key[0].upper()}{key[1:]}Value")
            settings_form.addRow(label, value)
            self.values[f"settings_{key}"] = value
        self.edit_settings_button = QPushButton(self.tr("Editar ajustes…"))
        self.edit_settings_button.setObjectName("editSettingsButton")
        self.edit_settings_button.clicked.connect(self.edit_settings)
        settings_form.addRow("", _left(self.edit_settings_button))

        integrations = QGroupBox(self.tr("Integraciones"))
        integrations.setObjectName("integrationsBox")
        integrations_layout = QVBoxLayout(integrations)
        self.integrations_label = _value()
        self.integrations_label.setObjectName("integrationsValue")
        integrations_layout.addWidget(self.integrations_label)

        pin_box = QGroupBox(self.tr("PIN del encargado"))
        pin_box.setObjectName("pinBox")
        pin_layout = QVBoxLayout(pin_box)
        self.pin_status = _value()
        self.pin_status.setObjectName("pinStatus")
        pin_buttons = QHBoxLayout()
        self.set_pin_button = QPushButton()
        self.set_pin_button.setObjectName("setPinButton")
        self.set_pin_button.clicked.connect(lambda: self.change_pin(remove=False))
        self.remove_pin_button = QPushButton(self.tr("Quitar PIN…"))
        self.remove_pin_button.setObjectName("removePinButton")
        self.remove_pin_button.clicked.connect(lambda: self.change_pin(remove=True))
        pin_buttons.addWidget(self.set_pin_button)
        pin_buttons.addWidget(self.remove_pin_button)
        pin_buttons.addStretch(1)
        pin_layout.addWidget(self.pin_status)
        pin_layout.addLayout(pin_buttons)

        # -- series ------------------------------------------------------------------------
        series_box = QGroupBox(self.tr("Series de facturas"))
        series_box.setObjectName("seriesBox")
        series_layout = QVBoxLayout(series_box)
        self.series_table = _table(
            "seriesTable",
            [
                self.tr("Serie"),
                self.tr("Último folio"),
                self.tr("Último folio (pruebas)"),
                self.tr("Predeterminada"),
            ],
        )
        self.series_table.setToolTip(
            self.tr("La serie predeterminada es la que gigstack usa cuando no se indica otra.")
        )
        series_layout.addWidget(self.series_table)
        series_buttons = QHBoxLayout()
        self.new_series_button = QPushButton(self.tr("Nueva serie…"))
        self.new_series_button.setObjectName("newSeriesButton")
        self.new_series_button.clicked.connect(self.new_series)
        self.edit_series_button = QPushButton(self.tr("Cambiar folios…"))
        self.edit_series_button.setObjectName("editSeriesButton")
        self.edit_series_button.clicked.connect(self.edit_series)
        series_buttons.addWidget(self.new_series_button)
        series_buttons.addWidget(self.edit_series_button)
        series_buttons.addStretch(1)
        series_layout.addLayout(series_buttons)

        # -- members -----------------------------------------------------------------------
        members_box = QGroupBox(self.tr("Miembros"))
        members_box.setObjectName("membersBox")
        members_layout = QVBoxLayout(members_box)
        self.members_table = _table("membersTable", [self.tr("Correo"), self.tr("Rol")])
        members_layout.addWidget(self.members_table)
        member_buttons = QHBoxLayout()
        self.add_member_button = QPushButton(self.tr("Agregar miembro…"))
        self.add_member_button.setObjectName("addMemberButton")
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button = QPushButton(self.tr("Quitar del equipo…"))
        self.remove_member_button.setObjectName("removeMemberButton")
        self.remove_member_button.setProperty("danger", True)
        self.remove_member_button.clicked.connect(self.remove_member)
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addStretch(1)
        members_layout.addLayout(member_buttons)

        # -- Connect -------------------------------------------------------------------------
        connect_box = QGroupBox(self.tr("gigstack Connect: equipos de esta cuenta"))
        connect_box.setObjectName("connectBox")
        connect_layout = QVBoxLayout(connect_box)
        self.teams_table = _table(
            "teamsTable", [self.tr("Equipo"), self.tr("RFC"), self.tr("En uso")]
        )
        connect_layout.addWidget(self.teams_table)
        connect_buttons = QHBoxLayout()
        self.switch_button = QPushButton(self.tr("Usar este equipo"))
        self.switch_button.setObjectName("switchTeamButton")
        self.switch_button.clicked.connect(self.switch_team)
        self.create_team_button = QPushButton(self.tr("Crear equipo…"))
        self.create_team_button.setObjectName("createTeamButton")
        self.create_team_button.clicked.connect(self.create_team)
        connect_buttons.addWidget(self.switch_button)
        connect_buttons.addWidget(self.create_team_button)
        connect_buttons.addStretch(1)
        connect_layout.addLayout(connect_buttons)
        self.connect_message = QLabel()
        self.connect_message.setObjectName("connectMessage")
        self.connect_message.setWordWrap(True)
        connect_layout.addWidget(self.connect_message)

        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        for box in (details, settings_box, integrations, pin_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        for box in (series_box, members_box, connect_box):
            right.addWidget(box)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_widget)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        for table in (self.series_table, self.members_table, self.teams_table):
            fit_rows(table)
        self.show_pin_state()

    # -- loading ---------------------------------------------------------------------------

    def activated(self) -> None:
        stale = self._loaded_at is None or time.monotonic() - self._loaded_at > STALE_AFTER_SECONDS
        if stale and not self._loading:
            self.reload()

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.say(self.tr("Consultando gigstack…"))
        team = self.ctx.team

        def done(snapshot: TeamSnapshot) -> None:
            self._loading = False
            self._loaded_at = time.monotonic()
            self.show_snapshot(snapshot)
            if snapshot.problems:
                self.say(
                    self.tr("Parte de la información no llegó: {0}").format(
                        "; ".join(snapshot.problems)
                    ),
                    error=True,
                )
            else:
                self.say("")

        def failed(message: str, _exc: Any) -> None:
            self._loading = False
            self.say(self.tr("No se pudo traer el equipo: {0}").format(message), error=True)

        self.ctx.run_op(
            self,
            lambda c: fetch_snapshot(c, team),
            done,
            on_error=failed,
            needs_online=False,
            busy=[self.refresh_button],
        )

    def show_snapshot(self, snapshot: TeamSnapshot) -> None:
        self.snapshot = snapshot
        team = snapshot.team
        v = self.values
        v["name"].setText(team.name or "—")
        v["legal"].setText(team.legal_name or "—")
        v["rfc"].setText(" · ".join(x for x in (team.rfc, team.tax_system) if x) or "—")
        v["contact"].setText(
            " · ".join(x for x in (team.support_email, team.support_phone) if x) or "—"
        )
        if team.sat_connected:
            v["sat"].setText(
                self.tr("Conectados · vencen {0}").format(when(team.csd_expires_at) or "—")
            )
        else:
            v["sat"].setText(self.tr("Sin conectar: no se puede timbrar"))
        used, limit = team.used_credits, team.credit_limit
        v["credits"].setText(
            count_text(
                used,
                self.tr("1 usado de {limit}"),
                self.tr("{n} usados de {limit}"),
                n=_whole(used),
                limit=_whole(limit),
            )
            if used is not None and limit is not None
            else "—"
        )
        v["id"].setText(snapshot.team_id or "—")
        settings = team.settings
        v["settings_keys"].setText(
            self.tr("Producto {p} · unidad {u}").format(
                p=settings.product_key or "—", u=settings.unit_key or "—"
            )
        )
        v["settings_use"].setText(settings.use or "—")
        v["settings_description"].setText(settings.default_description or "—")
        v["settings_emails"].setText(
            self.tr("No se envían a los clientes")
            if settings.avoid_invoice_emails
            else self.tr("Se envían a los clientes")
        )
        self.integrations_label.setText(self._integrations_text(snapshot.shown_integrations))

        default = snapshot.default_series
        self.series_rows = list(snapshot.series)
        self._fill(
            self.series_table,
            [
                [s.name, str(s.live), str(s.test), self.tr("Sí") if s.name == default else ""]
                for s in self.series_rows
            ],
        )
        self.member_rows = list(team.members)
        self._fill(
            self.members_table,
            [
                [m.display_name, QCoreApplication.translate("TeamDialogs", role_short(m.role))]
                for m in self.member_rows
            ],
        )
        active = self.ctx.team or snapshot.team_id
        own = snapshot.own.team_id if snapshot.own else None
        self.team_rows = list(snapshot.teams)
        self._fill(
            self.teams_table,
            [
                [
                    self.tr("{name} (equipo de la clave)").format(name=t.name)
                    if t.id == own
                    else t.name,
                    t.rfc,
                    self.tr("Sí") if t.id == active else "",
                ]
                for t in self.team_rows
            ],
        )
        has_team = snapshot.team_id is not None
        for button in (
            self.edit_team_button,
            self.edit_settings_button,
            self.new_series_button,
            self.edit_series_button,
            self.add_member_button,
            self.remove_member_button,
        ):
            button.setEnabled(has_team)

    def _integrations_text(self, integrations: Sequence[IntegrationView]) -> str:
        lines = [
            f"{self.tr(INTEGRATION_NAMES.get(i.name, i.name))}: "
            f"{self.tr('conectada') if i.connected else self.tr('sin conectar')}"
            for i in integrations
        ]
        return "\n".join(lines) or self.tr("gigstack no informó integraciones.")

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(0)
        for texts in rows:
            row = table.rowCount()
            table.insertRow(row)
            for column, text in enumerate(texts):
                table.setItem(row, column, QTableWidgetItem(text))
        fit_rows(table)

    @staticmethod
    def selected_row(table: QTableWidget, rows: Sequence[T]) -> T | None:
        """The view behind the table's current row (rows are shown in `rows`' order)."""
        row = table.currentRow()
        return rows[row] if 0 <= row < len(rows) else None

    # -- helpers ---------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("level", "bad" if error and text else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def offline_reason(self, what: str) -> str | None:
        if self.ctx.bridge.online is False:
            return self.tr(
                "Sin conexión: {0} necesita a gigstack. Intenta cuando vuelva la conexión."
            ).format(what)
        return None

    def team_id(self) -> str | None:
        return self.snapshot.team_id if self.snapshot else None

    def _open(
        self,
        dialog: ActionDialog,
        what: str,
        make_call: Callable[[dict[str, Any]], Callable[[GigstackClient], Any]],
        success: str,
    ) -> ActionDialog:
        """Show `dialog`; on submit run the call, then reload the page."""

        def submitted(body: object) -> None:
            assert isinstance(body, dict)
            reason = self.offline_reason(what)
            if reason or self.busy:
                dialog.fail(reason or self.tr("Espera a que termine la operación anterior."))
                return
            self.busy = True

            def done(_result: Any) -> None:
                self.busy = False
                dialog.finish()
                self.say(success)
                self._loaded_at = None
                self.reload()

            def failed(message: str, _exc: Any) -> None:
                self.busy = False
                dialog.fail(self.tr("No se pudo {0}: {1}").format(what, message))

            self.ctx.run_op(dialog, make_call(body), done, on_error=failed, busy=[dialog.ok_button])

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _needs_team(self, what: str) -> str | None:
        team_id = self.team_id()
        reason = self.offline_reason(what)
        if reason:
            self.say(reason, error=True)
            return None
        if team_id is None:
            self.say(
                self.tr("Primero tiene que llegar la información del equipo (Actualizar)."),
                error=True,
            )
        return team_id

    # -- team and settings -------------------------------------------------------------------

    def edit_team(self) -> ActionDialog | None:
        team_id = self._needs_team(self.tr("editar el equipo"))
        if team_id is None or self.snapshot is None:
            return None
        team = self.ctx.team
        return self._open(
            TeamDetailsDialog(self.snapshot.team, self),
            self.tr("guardar los datos del equipo"),
            lambda body: lambda c: c.teams.update(team_id, body, team=team),
            self.tr("Datos del equipo guardados."),
        )

    def edit_settings(self) -> ActionDialog | None:
        team_id = self._needs_team(self.tr("cambiar los ajustes"))
        if team_id is None or self.snapshot is None:
            return None
        team = self.ctx.team
        return self._open(
            TeamSettingsDialog(self.snapshot.team.settings, self),
            self.tr("guardar los ajustes"),
            lambda body: lambda c: c.teams.update_settings(team_id, body, team=team),
            self.tr("Ajustes de facturación guardados."),
        )

    # -- series ------------------------------------------------------------------------------

    def new_series(self) -> ActionDialog | None:
        team_id = self._needs_team(self.tr("crear una serie"))
        if team_id is None:
            return None
        team = self.ctx.team
        existing = [s.name for s in self.series_rows]
        return self._open(
            SeriesDialog(None, self, existing=existing),
            self.tr("crear la serie"),
            lambda body: lambda c: c.teams.create_series(team_id, body, team=team),
            self.tr("Serie creada."),
        )

    def edit_series(self) -> ActionDialog | None:
        series = self.selected_row(self.series_table, self.series_rows)
        if series is None:
            self.say(self.tr("Elige una serie de la lista."), error=True)
            return None
        team_id = self._needs_team(self.tr("cambiar los folios"))
        if team_id is None:
            return None
        team = self.ctx.team
        series_id = series.key
        return self._open(
            SeriesDialog(series, self),
            self.tr("cambiar los folios"),
            lambda body: lambda c: c.teams.update_series(team_id, series_id, body, team=team),
            self.tr("Folios de la serie {0} actualizados.").format(series_id),
        )

    # -- members -----------------------------------------------------------------------------

    def add_member(self) -> ActionDialog | None:
        team_id = self._needs_team(self.tr("agregar un miembro"))
        if team_id is None or self.snapshot is None:
            return None
        team = self.ctx.team
        return self._open(
            AddMemberDialog(self.snapshot.users, self.snapshot.team.member_ids, self),
            self.tr("agregar el miembro"),
            lambda body: lambda c: c.teams.add_member(team_id, body, team=team),
            self.tr("Miembro agregado."),
        )

    def remove_member(self) -> bool:
        """Remove the selected member after confirmation (and the manager PIN when set)."""
        member = self.selected_row(self.members_table, self.member_rows)
        if member is None:
            self.say(self.tr("Elige un miembro de la lista."), error=True)
            return False
        team_id = self._needs_team(self.tr("quitar un miembro"))
        if team_id is None or self.busy:
            return False
        who = member.display_name
        if not self.confirm(
            self.tr("Quitar del equipo"),
            self.tr(
                "¿Quitar a {0} del equipo? Dejará de poder cobrar, facturar y ver la información "
                "de este equipo en gigstack."
            ).format(who),
            self.tr("Sí, quitarlo"),
            self.tr("quitar a {0} del equipo").format(who),
        ):
            return False
        team, user_id = self.ctx.team, member.id
        self.busy = True

        def done(_ack: Any) -> None:
            self.busy = False
            self.say(self.tr("{0} ya no es miembro del equipo.").format(who))
            self._loaded_at = None
            self.reload()

        def failed(message: str, _exc: Any) -> None:
            self.busy = False
            self.say(self.tr("No se pudo quitar a {0}: {1}").format(who, message), error=True)

        self.ctx.run_op(
            self,
            lambda c: c.teams.remove_member(team_id, user_id=user_id, team=team),
            done,
            on_error=failed,
            busy=[self.remove_member_button],
        )
        return True

    def confirm(self, title: str, text: str, ok_text: str, action: str) -> bool:
        return confirm_and_authorize(self, title, text, ok_text, action)

    # -- Connect -----------------------------------------------------------------------------

    def pending_for_current_team(self) -> int:
        """Rows of the active team that still carry a sale or a change to deliver."""
        team = self.ctx.team
        return sum(
            1
            for item in self.ctx.core.outbox.rows(UNFINISHED)
            if (item.team or None) == (team or None)
        )

    def switch_team(self) -> bool:
        chosen = self.selected_row(self.teams_table, self.team_rows)
        self.connect_message.setText("")
        active = self.ctx.team or (self.snapshot.team_id if self.snapshot else None)
        chosen_id = chosen.id if chosen else None
        # The queue is only counted when the other checks pass (it reads the database).
        pending = self.pending_for_current_team() if chosen_id and chosen_id != active else 0
        problem = switch_team_problem(chosen_id, active, pending)
        if problem or chosen is None:
            self.connect_message.setText(rule_text(problem) or "")
            return False
        # The key's own team is stored as "" (no Connect parameter), other teams by id.
        own = self.snapshot.team_id if self.snapshot and not self.ctx.team else None
        value = stored_team(chosen.id, own)
        # The terminal's configuration (config.json), read at start by the app and the CLI.
        try:
            terminal = TerminalConfig.load(self.ctx.config.data_dir)
            if value:
                terminal.set("connection.team", value)
            else:
                terminal.unset("connection.team")
            terminal.save()
        except ConfigError as exc:
            self.connect_message.setText(exc.message)
            return False
        self.connect_message.setText(
            self.tr(
                "Equipo «{0}» elegido. Cierra y vuelve a abrir Mostrador para trabajar con él; "
                "cada equipo conserva su propia copia de datos y su cola."
            ).format(chosen.name)
        )
        return True

    def create_team(self) -> ActionDialog | None:
        reason = self.offline_reason(self.tr("crear un equipo"))
        if reason:
            self.say(reason, error=True)
            return None
        return self._open(
            CreateTeamDialog(self),
            self.tr("crear el equipo"),
            lambda body: lambda c: c.teams.create(body),
            self.tr("Equipo creado. Aparece en la lista de gigstack Connect."),
        )

    # -- manager PIN -------------------------------------------------------------------------

    def show_pin_state(self) -> None:
        store = pin_store_for(self)
        is_set = store is not None and store.is_set()
        self.pin_status.setText(
            self.tr(
                "Activo: cancelar facturas o recibos, reembolsar, descartar ventas de la cola y "
                "quitar miembros piden el PIN."
            )
            if is_set
            else self.tr("Sin PIN: esas acciones solo piden confirmación.")
        )
        self.set_pin_button.setText(
            self.tr("Cambiar PIN…") if is_set else self.tr("Establecer PIN…")
        )
        self.remove_pin_button.setVisible(is_set)

    def change_pin(self, *, remove: bool) -> SetPinDialog | None:
        store = pin_store_for(self)
        if store is None:
            return None
        dialog = SetPinDialog(store, self, remove=remove)
        dialog.finished.connect(lambda _r: self.show_pin_state())
        self.dialog = dialog
        dialog.open()
        return dialog
