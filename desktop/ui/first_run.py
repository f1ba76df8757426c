"""First run: connect a gigstack account, or try the demo.

Shown by `desktop.ui.app.run_gui` when no API key is stored for the API URL. The person either
pastes an API key ("Conectar mi cuenta de gigstack") or opens the demo ("Probar en modo demo").

Verifying the key is network I/O, so it never runs on the GUI thread. There is no AppShell (and
so no `Lanes`) yet at this point; the dialog checks the key through the same operation API as
every page (`desktop.ui.ops.run_op`) on a `StandaloneLane`, whose calls each get a client for
the key and URL being tried. Closing the dialog cuts a check in flight and joins the lane, so
no thread outlives the dialog.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import credentials
from desktop.config import DEFAULT_API_URL, AppConfig
from desktop.gigstack import GigstackClient
from desktop.gigstack.errors import AuthenticationError, GigstackError
from desktop.resources import resource
from desktop.ui.field_errors import error_label, show_error
from desktop.ui.lanes import StandaloneLane
from desktop.ui.ops import Op, run_op
from desktop.ui.transport import AbortableTransport, abortable_transport

# Verifying a key should fail fast when the network is down; the app's client keeps its own
# (longer) timeouts for real work.
VERIFY_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class TeamChoice:
    """One team the key can reach. `team` is None for the key's own team."""

    label: str
    team_id: str
    team: str | None


@dataclass(frozen=True)
class Verification:
    """What a successful key check found."""

    teams: list[TeamChoice]


def team_label(team: Any) -> str:
    """Alias (or name) and legal name of a team, for people."""
    brand = getattr(team, "brand", None)
    alias = (getattr(brand, "alias", None) if brand is not None else None) or team.name
    legal = team.legal_name
    if alias and legal and alias != legal:
        return f"{alias} — {legal}"
    return str(alias or legal or team.id)


def list_teams(client: GigstackClient) -> list[TeamChoice]:
    """The teams the key sees, the key's own team first with `team=None` when it is known.

    `GET /teams/integrations` applies to the key's own team; gigstack does not document its
    answer, but when it carries a `team` id we use it to recognise that team. Without it the
    list starts with a neutral "the key's own team" choice.
    """
    page = client.teams.list_page(limit=100)
    # The key's own `team` claim first (JWT keys carry it; desktop.rules.teams.find_own_team).
    own: str | None = client.key_info.team
    # With a default Connect team set, /teams/integrations would describe that team instead.
    if own is None and client.team is None:
        try:
            integrations = client.teams.integrations()
            value = (integrations.model_extra or {}).get("team")
            own = value if isinstance(value, str) and value else None
        except GigstackError:
            own = None
    choices: list[TeamChoice] = []
    for team in page.items:
        if not team.id:
            continue
        choices.append(TeamChoice(team_label(team), team.id, None if team.id == own else team.id))
    choices.sort(key=lambda c: (c.team is not None, c.label.lower()))
    if own is None and len(choices) > 1:
        choices.insert(0, TeamChoice("", "", None))  # labelled in the dialog (translatable)
    return choices


class FirstRunDialog(QDialog):
    """Welcome: connect an account (key checked against gigstack) or open the demo.

    Attributes:
        demo_requested: True when the person chose the demo.
        api_key: The verified key (None until connected).
        result_config: The config to open the app with (API URL and Connect team chosen here).
        key_stored: False when the OS keychain could not keep the key (session only).
    """

    def __init__(self, config: AppConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Bienvenido a Mostrador"))
        self.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
        self.setMinimumWidth(660)
        self.demo_requested = False
        self.api_key: str | None = None
        self.result_config = config
        self.key_stored = True
        self._config = config
        self._lane = StandaloneLane(self)
        self._op: Op[Verification] | None = None
        self._verified: tuple[str, str] | None = None  # (key, url) whose teams are shown
        self._session_only_ack = False
        self._checking: tuple[str, str] = ("", "")

        # --- welcome -------------------------------------------------------------------------
        logo = QLabel()
        logo.setPixmap(QIcon(str(resource("icons", "app.svg"))).pixmap(56, 56))
        title = QLabel(self.tr("Bienvenido a Mostrador"))
        title.setObjectName("welcomeTitle")
        intro = QLabel(
            self.tr(
                "Cobra en tu mostrador y factura con gigstack, aunque se caiga el internet: "
                "las ventas se guardan y se envían solas al volver la conexión."
            )
        )
        intro.setObjectName("welcomeText")
        intro.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(intro)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)

        # --- connect an account -------------------------------------------------------------
        connect_card = QFrame()
        connect_card.setObjectName("pathCard")
        card = QVBoxLayout(connect_card)
        card_title = QLabel(self.tr("Conectar mi cuenta de gigstack"))
        card_title.setObjectName("connectTitle")
        font = card_title.font()
        font.setBold(True)
        card_title.setFont(font)
        card.addWidget(card_title)
        hint = QLabel(
            self.tr("Pega la clave de API de tu cuenta (en gigstack: Configuración → API).")
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        card.addWidget(hint)

        self.key = QLineEdit()
        self.key.setObjectName("apiKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("Clave de API"))
        self.key.setAccessibleName(self.tr("Clave de API de gigstack"))
        self.key.textEdited.connect(self._on_input_changed)
        self.show_key = QPushButton(self.tr("Mostrar"))
        self.show_key.setObjectName("showKey")
        self.show_key.setCheckable(True)
        self.show_key.setAutoDefault(False)
        self.show_key.setShortcut(QKeySequence("Alt+M"))
        self.show_key.setToolTip(self.tr("Mostrar u ocultar la clave (Alt+M)"))
        self.show_key.toggled.connect(self._toggle_key_visible)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        card.addLayout(key_row)
        self.key_error = error_label("apiKeyError")
        card.addWidget(self.key_error)

        self.advanced = QCheckBox(self.tr("Opciones avanzadas"))
        self.advanced.setObjectName("advancedToggle")
        card.addWidget(self.advanced)
        self.advanced_box = QWidget()
        advanced_form = QFormLayout(self.advanced_box)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        self.url = QLineEdit(config.api_url or DEFAULT_API_URL)
        self.url.setObjectName("apiUrl")
        self.url.setAccessibleName(self.tr("Dirección de la API"))
        self.url.textEdited.connect(self._on_input_changed)
        advanced_form.addRow(self.tr("Dirección de la API:"), self.url)
        self.url_error = error_label("apiUrlError")
        advanced_form.addRow("", self.url_error)
        self.advanced_box.setVisible(False)
        self.advanced.toggled.connect(self.advanced_box.setVisible)
        card.addWidget(self.advanced_box)

        self.team_box = QWidget()
        team_layout = QVBoxLayout(self.team_box)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_hint = QLabel(
            self.tr(
                "Esta cuenta maneja varios equipos (gigstack Connect). "
                "Elige con cuál trabaja este mostrador:"
            )
        )
        team_hint.setWordWrap(True)
        self.team_picker = QComboBox()
        self.team_picker.setObjectName("teamPicker")
        self.team_picker.setAccessibleName(self.tr("Equipo de gigstack"))
        # Long "alias — legal name · id" labels must not widen the dialog off the screen.
        self.team_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.team_picker.setMinimumContentsLength(40)
        team_layout.addWidget(team_hint)
        team_layout.addWidget(self.team_picker)
        self.team_box.setVisible(False)
        card.addWidget(self.team_box)

        self.status = QLabel()
        self.status.setObjectName("connectStatus")
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.status.hide()
        card.addWidget(self.status)
        self.keychain_error = error_label("keychainError")
        card.addWidget(self.keychain_error)
        # Added for packaging: no keychain -> an honest, opt-in alternative (credentials.py).
        self.key_file_choice = QCheckBox(
            self.tr(
                "Guardar la clave en un archivo de este equipo, SIN cifrar: cualquiera que use "
                "esta cuenta de usuario podrá leerla. Así no te la pediremos cada vez."
            )
        )
        self.key_file_choice.setObjectName("keyFileChoice")
        self.key_file_choice.hide()
        self.key_file_choice.toggled.connect(self._key_file_toggled)
        card.addWidget(self.key_file_choice)

        self.connect_button = QPushButton(self.tr("Conectar"))
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setProperty("primary", True)
        self.connect_button.setDefault(True)
        self.connect_button.setToolTip(self.tr("Verificar la clave con gigstack (Enter)"))
        self.connect_button.clicked.connect(self._connect)
        connect_row = QHBoxLayout()
        connect_row.addStretch(1)
        connect_row.addWidget(self.connect_button)
        card.addLayout(connect_row)

        # --- demo ---------------------------------------------------------------------------
        demo_card = QFrame()
        demo_card.setObjectName("pathCard")
        demo_layout = QHBoxLayout(demo_card)
        demo_text = QLabel(
            self.tr(
                "¿Solo quieres verlo? El modo demo usa una papelería de ejemplo en tu equipo; "
                "nada se envía a gigstack."
            )
        )
        demo_text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Probar en modo demo"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setAutoDefault(False)
        self.demo_button.setShortcut(QKeySequence("Alt+D"))
        self.demo_button.setToolTip(self.tr("Abrir Mostrador con datos de ejemplo (Alt+D)"))
        self.demo_button.clicked.connect(self._demo)
        demo_layout.addWidget(demo_text, 1)
        demo_layout.addWidget(self.demo_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setContentsMargins(22, 20, 22, 20)
        layout.addLayout(top)
        layout.addWidget(connect_card)
        layout.addWidget(demo_card)

        self.setTabOrder(self.key, self.show_key)
        self.setTabOrder(self.show_key, self.advanced)
        self.setTabOrder(self.advanced, self.url)
        self.setTabOrder(self.url, self.team_picker)
        self.setTabOrder(self.team_picker, self.connect_button)
        self.setTabOrder(self.connect_button, self.demo_button)
        self.key.setFocus()

    # --- actions -------------------------------------------------------------------------------

    def _toggle_key_visible(self, visible: bool) -> None:
        self.key.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Ocultar") if visible else self.tr("Mostrar"))

    def _on_input_changed(self) -> None:
        # A different key or URL may see other teams: the shown list no longer applies.
        if self._verified is not None:
            self._verified = None
            self.team_box.hide()
            self.team_picker.clear()
        self._session_only_ack = False
        self.keychain_error.hide()
        self.key_file_choice.hide()
        self.key_file_choice.setChecked(False)
        self.connect_button.setText(self.tr("Conectar"))

    def _demo(self) -> None:
        if self.is_verifying():
            return
        self.demo_requested = True
        self.accept()

    def is_verifying(self) -> bool:
        """True while a key check runs (or its thread has not ended yet)."""
        pending = self._op is not None and not (self._op.finished or self._op.cancelled)
        return pending or self._lane.busy

    def _connect(self) -> None:
        if self.is_verifying():
            return
        key = self.key.text().strip()
        url = self.url.text().strip().rstrip("/")
        if not self._check_inputs(key, url):
            return
        if self._verified == (key, url):
            choice = self.team_picker.currentData()
            self._finish(key, url, choice if isinstance(choice, str) else None)
            return
        try:
            GigstackClient(key, base_url=url).close()  # the key's form is checked here
        except ValueError:
            show_error(self.key_error, self.tr("La clave no puede tener espacios."))
            self.key.setFocus()
            return

        def client_for_key() -> tuple[GigstackClient, AbortableTransport | None]:
            transport = abortable_transport(url)
            client = GigstackClient(
                key, base_url=url, timeout=VERIFY_TIMEOUT_SECONDS, transport=transport
            )
            return client, transport

        self._set_busy(True)
        self._checking = (key, url)
        self._lane.client_factory = client_for_key
        self._op = run_op(
            self._lane,
            self,
            lambda client: Verification(list_teams(client)),
            self._verified_ok,
            on_error=lambda _message, error: self._verify_failed(error),
            needs_online=False,  # nothing is known about the connection yet: always try
        )

    def _check_inputs(self, key: str, url: str) -> bool:
        self.key_error.hide()
        self.url_error.hide()
        if not key:
            show_error(self.key_error, self.tr("Escribe o pega tu clave de API."))
            self.key.setFocus()
            return False
        if not url.startswith(("https://", "http://")):
            self.advanced.setChecked(True)
            show_error(
                self.url_error, self.tr("La dirección debe empezar con https:// (o http://).")
            )
            self.url.setFocus()
            return False
        return True

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.key, self.url, self.connect_button, self.demo_button, self.advanced):
            widget.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("Verificando la clave con gigstack…"))
            self.status.show()
        else:
            self.status.hide()

    def _verified_ok(self, result: Verification) -> None:
        self._set_busy(False)
        key, url = self._checking
        if len(result.teams) <= 1:
            self._finish(key, url, None)  # a single team is the key's own
            return
        self._verified = (key, url)
        self.team_picker.clear()
        for choice in result.teams:
            label = choice.label or self.tr("El equipo de esta clave")
            if choice.team is None and choice.team_id:
                label = self.tr("{team} (equipo de esta clave)").format(team=label)
            if choice.team_id:
                label = f"{label}  ·  {choice.team_id}"
            self.team_picker.addItem(label, choice.team)
        self.team_picker.setCurrentIndex(0)
        self.team_box.show()
        self.adjustSize()
        self.connect_button.setText(self.tr("Usar este equipo"))
        self.team_picker.setFocus()

    def _verify_failed(self, error: BaseException | None) -> None:
        self._set_busy(False)
        if isinstance(error, AuthenticationError):
            message = self.tr("gigstack no reconoce esta clave. Revisa que la copiaste completa.")
        elif isinstance(error, GigstackError) and error.retryable and error.status is None:
            message = self.tr(
                "No hay conexión con gigstack. Revisa el internet (o la dirección de la API) "
                "e intenta de nuevo, o prueba el modo demo."
            )
        elif isinstance(error, GigstackError):
            message = self.tr("gigstack respondió con un error: {message}").format(
                message=error.message
            )
        else:
            message = self.tr("No se pudo verificar la clave ({error}).").format(
                error=type(error).__name__
            )
        show_error(self.key_error, message)
        self.key.setFocus()
        self.key.selectAll()

    def _finish(self, key: str, url: str, team: str | None) -> None:
        try:
            credentials.store_api_key(url, key)
            self.key_stored = True
        except credentials.KeychainUnavailableError:
            self.key_stored = False
            if not self._session_only_ack:
                # Say it once, then a second Enter continues with the key for this session.
                self._session_only_ack = True
                show_error(
                    self.keychain_error,
                    self.tr(
                        "La clave es correcta, pero este equipo no tiene un llavero del sistema "
                        "donde guardarla. Puedes seguir: se usará solo mientras Mostrador esté "
                        "abierto y te la pediremos la próxima vez."
                    ),
                )
                self.connect_button.setText(self.tr("Continuar sin guardar la clave"))
                self.key_file_choice.show()
                self.connect_button.setFocus()
                self._verified = (key, url)
                return
            if self.key_file_choice.isChecked():
                try:
                    credentials.store_api_key_in_file(url, key)
                    self.key_stored = True
                except OSError as exc:
                    show_error(
                        self.keychain_error,
                        self.tr("No se pudo guardar el archivo de la clave ({error}).").format(
                            error=exc.strerror or type(exc).__name__
                        ),
                    )
                    return
        self.api_key = key
        self.result_config = dataclasses.replace(self._config, api_url=url, team=team)
        self.accept()

    def _key_file_toggled(self, checked: bool) -> None:
        self.connect_button.setText(
            self.tr("Continuar y guardar en el archivo")
            if checked
            else self.tr("Continuar sin guardar la clave")
        )

    def done(self, result: int) -> None:
        # Closing (Esc, the window's X) while a check runs: drop its answer, cut its request
        # and join the lane (bounded), so no thread outlives the dialog.
        if self._op is not None:
            self._op.cancel()
        self._lane.shutdown()
        super().done(result)
