"""Ajustes: preferences saved and loaded, validation next to the fields, refusals with a queue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import credentials
from desktop.config import TerminalConfig
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from desktop.ui.settings_page import SettingsPage, mask_key
from tests.conftest import SANDBOX_KEY
from tests.doubles import MemoryKeyring
from tests.test_sales import body


@pytest.fixture
def page(qtbot: QtBot, shell: AppShell, memory_keyring: MemoryKeyring) -> SettingsPage:
    credentials.store_api_key(shell.config.api_url, SANDBOX_KEY)
    shell.window.show()
    shell.window.show_page_named("settings")
    found = shell.window.findChild(SettingsPage, "settings")
    assert isinstance(found, SettingsPage)
    found.refresh_connection()
    return found


def _retype(qtbot: QtBot, edit: object, text: str) -> None:
    edit.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_Delete)  # type: ignore[arg-type]
    qtbot.keyClicks(edit, text)  # type: ignore[arg-type]


def _hold_a_sale(shell: AppShell, sandbox: Sandbox) -> None:
    """A queued sale that cannot leave: gigstack is unreachable."""
    sandbox.go_down()
    queue_payment(shell.core.outbox, body())
    shell.bridge.kick()


def test_settings_are_saved_and_loaded_again(
    qtbot: QtBot, shell: AppShell, page: SettingsPage
) -> None:
    page.name.setText("Papelería La Esquina")  # QTest types ASCII only
    qtbot.keyClicks(page.rfc, "lorf850312tq1")
    qtbot.keyClicks(page.address, "Calle Colima 128, Roma Norte")
    qtbot.keyClicks(page.phone, "55 5584 1234")
    page.ticket_width.setCurrentIndex(page.ticket_width.findData("58"))
    page.auto_print.setChecked(True)
    assert page.walk_in_document.currentData() == "receipt"  # the default
    page.walk_in_document.setCurrentIndex(page.walk_in_document.findData("none"))
    _retype(qtbot, page.series, "caja2")
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.keyClick(page.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert "Ajustes guardados" in page.save_message.text()
    assert "próxima vez" in page.save_message.text()  # the language waits for a restart
    # Saved in config.json, where the CLI (`python -m desktop config get`) reads them too.
    terminal = TerminalConfig.load(shell.config.data_dir)
    assert terminal.get("business.name") == "Papelería La Esquina"
    assert terminal.get("business.rfc") == "LORF850312TQ1"
    assert terminal.get("business.address") == "Calle Colima 128, Roma Norte"
    assert terminal.get("business.phone") == "55 5584 1234"
    assert terminal.get("ticket.width") == 58
    assert terminal.get("ticket.auto_print") is True
    assert terminal.get("shop.walk_in_document") == "none"
    assert terminal.get("terminal.series") == "CAJA2"
    assert terminal.get("ui.language") == "en"
    assert shell.core.outbox.terminal_series() == "CAJA2"  # folios are per terminal

    again = SettingsPage(shell.ctx)
    qtbot.addWidget(again)
    assert again.name.text() == "Papelería La Esquina"
    assert again.rfc.text() == "LORF850312TQ1"
    assert again.ticket_width.currentData() == "58"
    assert again.auto_print.isChecked()
    assert again.walk_in_document.currentData() == "none"
    assert "Ninguno" in again.walk_in_document.currentText()
    # QSettings keeps window state only: nothing of the terminal's is copied there any more.
    assert shell.ctx.settings.value("business/name") is None
    assert again.series.text() == "CAJA2"
    assert again.language.currentData() == "en"


def test_invalid_rfc_and_series_show_next_to_their_fields(
    qtbot: QtBot, shell: AppShell, page: SettingsPage
) -> None:
    qtbot.keyClicks(page.name, "Mi tienda")
    qtbot.keyClicks(page.rfc, "ABC12")
    _retype(qtbot, page.series, "CAJA 1")
    qtbot.keyClick(page.series, Qt.Key.Key_Return)

    assert page.rfc_error.isVisible()
    assert "12 caracteres" in page.rfc_error.text()
    assert page.series_error.isVisible()
    assert "letras" in page.series_error.text()
    assert page.rfc.text() == "ABC12"  # nothing typed is lost
    assert page.name.text() == "Mi tienda"
    assert not TerminalConfig.load(shell.config.data_dir).is_set("business.name")  # not saved
    assert shell.core.outbox.terminal_series() == "CAJA1"

    _retype(qtbot, page.rfc, "")
    _retype(qtbot, page.series, "")
    qtbot.keyClick(page.series, Qt.Key.Key_Return)
    assert not page.rfc_error.isVisible()  # an empty RFC is fine: gigstack's data is used
    assert "Escribe la serie" in page.series_error.text()

    _retype(qtbot, page.series, "MOSTRADOR_CAJA_NUEVA")  # longer than the limit: cut
    assert len(page.series.text()) <= 10


def test_destructive_actions_are_refused_while_a_sale_is_pending(
    qtbot: QtBot,
    shell: AppShell,
    page: SettingsPage,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(page, "_confirm", lambda question: asked.append(question) or True)
    _hold_a_sale(shell, sandbox)
    try:
        qtbot.mouseClick(page.change_account, Qt.MouseButton.LeftButton)
        assert "No se puede cambiar de cuenta" in page.connection_message.text()
        assert "1 envío sin terminar" in page.connection_message.text()
        assert credentials.get_api_key(shell.config.api_url) == SANDBOX_KEY

        qtbot.mouseClick(page.change_team, Qt.MouseButton.LeftButton)
        assert "No se puede cambiar de equipo" in page.connection_message.text()
        assert not page.team_box.isVisible()

        qtbot.mouseClick(page.reset_data, Qt.MouseButton.LeftButton)
        assert "No se puede borrar los datos locales" in page.data_message.text()
        assert not asked  # refused before even asking
        assert len(shell.core.outbox.rows([OutboxState.PENDING, OutboxState.SENDING])) == 1
        assert not page.wipe_local_data()  # the transaction re-checks too
    finally:
        sandbox.come_up()


class CountingKeyring(MemoryKeyring):
    """The in-memory keychain, counting reads."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return super().get_password(service, username)


def test_opening_ajustes_reads_the_keychain_only_when_asked(
    qtbot: QtBot, shell: AppShell, memory_keyring: MemoryKeyring
) -> None:
    """Issue 12: keyring and its backends (~9 MB) load when the key section is used."""
    import keyring

    counting = CountingKeyring()
    keyring.set_keyring(counting)  # the memory_keyring fixture puts its own back afterwards
    credentials.store_api_key(shell.config.api_url, SANDBOX_KEY)
    shell.window.show()
    shell.window.show_page_named("settings")
    page = shell.window.findChild(SettingsPage, "settings")
    assert isinstance(page, SettingsPage)
    assert counting.reads == 0
    assert page.check_key.isVisible()
    assert SANDBOX_KEY not in page.key_value.text()
    assert page.key_value.text() != mask_key(SANDBOX_KEY)

    qtbot.mouseClick(page.check_key, Qt.MouseButton.LeftButton)
    assert counting.reads == 1
    assert page.key_value.text() == mask_key(SANDBOX_KEY)
    assert not page.check_key.isVisible()
    page.activated()  # once read, coming back to the page shows it again
    assert page.key_value.text() == mask_key(SANDBOX_KEY) and counting.reads == 2


def test_a_key_in_the_environment_is_shown_without_the_keychain(
    qtbot: QtBot, shell: AppShell, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(credentials.ENV_VAR, SANDBOX_KEY)
    shell.window.show()
    shell.window.show_page_named("settings")
    page = shell.window.findChild(SettingsPage, "settings")
    assert isinstance(page, SettingsPage)
    assert page.key_value.text() == mask_key(SANDBOX_KEY)
    assert not page.check_key.isVisible()


def test_with_an_empty_queue_change_account_forgets_the_key(
    qtbot: QtBot,
    shell: AppShell,
    page: SettingsPage,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert page.key_value.text() == mask_key(SANDBOX_KEY)
    assert page.key_value.text().startswith("…") and SANDBOX_KEY not in page.key_value.text()
    monkeypatch.setattr(page, "_confirm", lambda question: True)
    qtbot.mouseClick(page.change_account, Qt.MouseButton.LeftButton)
    assert credentials.get_api_key(shell.config.api_url) is None
    assert "vuelve a abrir Mostrador" in page.connection_message.text()


def test_with_an_empty_queue_change_team_offers_the_connect_teams(
    qtbot: QtBot, shell: AppShell, page: SettingsPage, sandbox: Sandbox
) -> None:
    qtbot.mouseClick(page.change_team, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.team_box.isVisible, timeout=10_000)
    labels = [page.team_picker.itemText(i) for i in range(page.team_picker.count())]
    assert len(labels) == 1 + len(sandbox.connect_teams)
    index = next(i for i, label in enumerate(labels) if "team_sucursal_sur" in label)
    page.team_picker.setCurrentIndex(index)
    qtbot.mouseClick(page.use_team, Qt.MouseButton.LeftButton)
    assert TerminalConfig.load(shell.config.data_dir).team == "team_sucursal_sur"
    assert "vuelve a abrir Mostrador" in page.connection_message.text()


def test_with_an_empty_queue_reset_wipes_the_cache_and_keeps_the_folio_counter(
    qtbot: QtBot, shell: AppShell, page: SettingsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.SERVICES, None) > 0, timeout=10_000)
    row = queue_payment(shell.core.outbox, body())
    shell.bridge.kick()
    qtbot.waitUntil(lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=10_000)
    monkeypatch.setattr(page, "_confirm", lambda question: True)
    shell.bridge.shutdown()  # no refresh racing the assertions below
    qtbot.mouseClick(page.reset_data, Qt.MouseButton.LeftButton)
    assert "Datos locales borrados" in page.data_message.text()
    assert shell.core.cache.count(Resource.SERVICES, None) == 0
    assert shell.core.outbox.rows() == []
    later = queue_payment(shell.core.outbox, body())
    assert later.folio != row.folio  # folios never repeat on this terminal


def test_support_paths_and_version_are_shown(
    qtbot: QtBot, shell: AppShell, page: SettingsPage
) -> None:
    from PySide6.QtGui import QGuiApplication

    import desktop
    from desktop.config import default_log_dir

    log_value = page.findChild(type(page.version_value), "logDirValue")
    data_value = page.findChild(type(page.version_value), "dataDirValue")
    assert log_value is not None and log_value.text() == str(default_log_dir())
    assert data_value is not None and data_value.text() == str(shell.config.data_dir)
    assert desktop.__version__ in page.version_value.text()
    copy = page.findChild(type(page.save_button), "copyDataDir")
    assert copy is not None
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(shell.config.data_dir)
    assert page.api_url_value.text() == shell.config.api_url
    assert page.demo_value.text() == "No"


def test_the_stylesheet_parses_and_styles_the_page(
    qtbot: QtBot, shell: AppShell, page: SettingsPage, qtlog: object
) -> None:
    from PySide6.QtCore import QDir

    from desktop.resources import resource

    QDir.addSearchPath("icons", str(resource("icons")))  # as `apply_style` does for the app
    style = resource("style.qss").read_text(encoding="utf-8")
    page.setStyleSheet(style)  # on the page only: other tests keep Qt's default look
    page.save_button.ensurePolished()
    page.reset_data.ensurePolished()
    messages = [record.message for record in qtlog.records]  # type: ignore[attr-defined]
    assert not [m for m in messages if "parse" in m.lower() and "style" in m.lower()]
    for name in ("app", "counter", "payments", "clients", "services", "queue", "settings"):
        assert resource("icons", f"{name}.svg").exists(), name
