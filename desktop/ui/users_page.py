"""The Usuarios page: the account's gigstack users, read from gigstack.

List, view (`GET /users/{id}` fills the detail with phone, teams and last login), create (an
invitation by e-mail, optionally joining this team with a role), edit a profile and send a
password-reset e-mail. Users are account-wide; a user's membership of this team is managed on
the Equipo page.

Records are read through `desktop.records.users.UserView` (both name casings, teams, dates),
built once per row and kept in the row's ``extra["view"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHeaderView, QPushButton

from desktop.gigstack import GigstackClient, User
from desktop.records.users import UserView
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.context import UiContext
from desktop.ui.formatting import when
from desktop.ui.server_page import ServerListPage, ServerRow, record_of
from desktop.ui.table_model import Column
from desktop.ui.team_dialogs import UserDialog, role_label, role_short

MAX_USERS = 500


def view_of(row: ServerRow) -> UserView:
    """The row's user, read once (rows made elsewhere are read on the spot)."""
    view = row.extra.get("view")
    return view if isinstance(view, UserView) else UserView.from_record(row.record)


class UsersPage(ServerListPage):
    """gigstack users: who can sign in to the account."""

    title = str(QT_TRANSLATE_NOOP("Page", "Usuarios"))
    icon_name = "users"
    noun = "usuario"
    list_width = 760
    detail_width = 360

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("users")
        self.heading.setText(self.tr("Usuarios"))
        self.table.setObjectName("usersTable")
        self.search.setObjectName("userSearch")
        self.search.setAccessibleName(self.tr("Buscar usuarios"))
        self.search.setPlaceholderText(self.tr("Buscar por nombre o correo… (Ctrl+F)"))

        self.new_button = QPushButton(self.tr("Nuevo usuario…"))
        self.new_button.setObjectName("newUserButton")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Crea el usuario y le envía una invitación"))
        self.new_button.clicked.connect(self.new_user)
        self.add_new_shortcut(self.new_button)
        self.toolbar.addWidget(self.new_button)
        self.toolbar.addWidget(self.refresh_button)

        self.edit_button = QPushButton(self.tr("Editar…"))
        self.edit_button.setObjectName("editUserButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button = QPushButton(self.tr("Restablecer contraseña…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.setToolTip(self.tr("Le envía un correo para elegir otra contraseña"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.detail_actions.addWidget(self.edit_button)
        self.detail_actions.addWidget(self.reset_button)
        self.detail_actions.addStretch(1)

        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_selected())
        self.show_detail(None)

    def columns(self) -> Sequence[Column[ServerRow]]:
        return [
            Column(self.tr("Nombre"), lambda r: view_of(r).name),
            Column(self.tr("Correo"), lambda r: view_of(r).email),
            Column(
                self.tr("Rol"),
                lambda r: QCoreApplication.translate("TeamDialogs", role_short(view_of(r).role)),
                tooltip=lambda r: (
                    QCoreApplication.translate("TeamDialogs", role_label(view_of(r).role)) or None
                ),
            ),
            Column(
                self.tr("Alta"),
                lambda r: when(view_of(r).created_at)[:10],
                sort_key=lambda r: view_of(r).created_at or 0.0,
            ),
        ]

    def make_row(self, record: dict[str, Any]) -> ServerRow:
        return ServerRow(record, {"view": UserView.from_record(record)})

    def search_text(self, row: ServerRow) -> str:
        return view_of(row).search_text

    def fetch(self, client: GigstackClient) -> list[Any]:
        raise NotImplementedError

    def fetch_for(self, client: GigstackClient, team: str | None) -> list[Any]:
        found: list[User] = []
        for page in client.users.list(limit=100, team=team).pages():
            found.extend(page.items)
            if len(found) >= MAX_USERS:
                break
        return found

    def detail_fields(self) -> Sequence[tuple[str, str]]:
        return (
            ("email", self.tr("Correo")),
            ("phone", self.tr("Teléfono")),
            ("job", self.tr("Puesto")),
            ("role", self.tr("Rol")),
            ("teams", self.tr("Equipos")),
            ("created", self.tr("Alta")),
            ("login", self.tr("Último acceso")),
            ("id", self.tr("ID")),
        )

    def show_detail(self, row: ServerRow | None) -> None:
        self.say_in_detail(None)
        for label in self.detail_labels.values():
            label.clear()
            self.detail_form.setRowVisible(label, row is not None)
        self.edit_button.setVisible(row is not None)
        self.reset_button.setVisible(row is not None)
        if row is None:
            self.detail_title.setText(self.tr("Elige un usuario para ver su detalle."))
            return
        user = view_of(row)
        labels = self.detail_labels
        self.detail_title.setText(user.display_name or row.id)
        labels["email"].setText(user.email or "—")
        labels["phone"].setText(user.phone or "—")
        labels["job"].setText(user.company_role or "—")
        role = QCoreApplication.translate("TeamDialogs", role_label(user.role))
        labels["role"].setText(role or "—")
        teams = [
            f"{team.display_name} · "
            f"{QCoreApplication.translate('TeamDialogs', role_label(team.role))}"
            for team in user.teams
        ]
        labels["teams"].setText("\n".join(teams) or "—")
        labels["created"].setText(when(user.created_at) or "—")
        labels["login"].setText(when(user.last_login) or self.tr("Nunca o sin dato"))
        labels["id"].setText(row.id)

    def _load_selected(self) -> None:
        """Fetch the full profile (`GET /users/{id}`) of the selected user, quietly."""
        row = self.selected()
        if row is None or row.extra.get("full") or self.is_offline():
            return
        user_id, team = row.id, self.ctx.team

        def done(user: User) -> None:
            current = self.selected()
            record = record_of(user)
            row.extra["full"] = True
            row.record.update(record)
            row.extra["view"] = UserView.from_record(row.record)
            if current is row:
                self.show_detail(row)

        # Quiet: the list already shows the basics; the full profile is a bonus.
        self.ctx.run_op(
            self, lambda c: c.users.get(user_id, team=team), done, on_error=lambda _m, _e: None
        )

    # -- actions ----------------------------------------------------------------------------

    def new_user(self) -> UserDialog | None:
        reason = self.offline_reason(self.tr("crear un usuario"))
        if reason:
            self.say(reason, error=True)
            return None
        team = self.ctx.team
        dialog = UserDialog(None, self)

        def done(user: User) -> None:
            record = record_of(user)
            new = self.replace_record(record)
            new.extra["full"] = True
            dialog.finish()
            sent = self.tr(" Se le envió la invitación.") if user.invitation_sent else ""
            self.notify(self.tr("Usuario {0} creado.").format(user.email or "") + sent)

        self._open(
            dialog,
            self.tr("crear el usuario"),
            lambda body: lambda c: c.users.create(body, team=team),
            done,
        )
        return dialog

    def edit_selected(self) -> UserDialog | None:
        row = self.selected()
        if row is None:
            self.say_in_detail(self.tr("Elige un usuario primero."))
            return None
        reason = self.offline_reason(self.tr("editar un usuario"))
        if reason:
            self.say_in_detail(reason)
            return None
        user_id, team = row.id, self.ctx.team
        dialog = UserDialog(view_of(row), self)

        def done(user: User) -> None:
            self.replace_record(record_of(user))
            dialog.finish()
            self.notify(self.tr("Usuario actualizado."))

        self._open(
            dialog,
            self.tr("guardar el usuario"),
            lambda body: lambda c: c.users.update(user_id, body, team=team),
            done,
        )
        return dialog

    def reset_selected(self) -> bool:
        row = self.selected()
        email = view_of(row).email if row is not None else ""
        if not email:
            self.say_in_detail(self.tr("Elige un usuario con correo."))
            return False
        team = self.ctx.team
        reason = self.offline_reason(self.tr("restablecer la contraseña"))
        if reason:
            self.say_in_detail(reason)
            return False
        if not self.confirm_reset(email):
            return False
        return self.run(
            self.tr("enviar el correo para restablecer la contraseña"),
            lambda c: c.users.reset_password(email, team=team),
            lambda _ack: self.notify(
                self.tr("Se envió a {0} un correo para restablecer la contraseña.").format(email)
            ),
        )

    def confirm_reset(self, email: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Restablecer contraseña"),
            self.tr("¿Enviar a {0} un correo para elegir otra contraseña?").format(email),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, dialog: ActionDialog, what: str, make_call: Any, on_done: Any) -> None:
        def submitted(body: object) -> None:
            assert isinstance(body, dict)
            self.run(what, make_call(body), on_done, on_error=dialog.fail, busy=[dialog.ok_button])

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()
