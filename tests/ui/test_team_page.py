"""The Equipo page against the sandbox: team data, settings, series, members, Connect, PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.config import TerminalConfig
from desktop.gigstack import GigstackClient
from desktop.pin import ManagerPin
from desktop.rules.teams import DEFAULT_ROLE, ROLES
from desktop.sandbox import Sandbox
from desktop.store.outbox import OutboxKind
from desktop.ui.app import AppShell
from desktop.ui.manager_pin import PinDialog, SetPinDialog
from desktop.ui.team_dialogs import (
    AddMemberDialog,
    CreateTeamDialog,
    SeriesDialog,
    TeamDetailsDialog,
    TeamSettingsDialog,
)
from desktop.ui.team_page import TeamPage

WAIT = 10_000
TEAM = "team_mostrador_demo"


def open_page(qtbot: QtBot, shell: AppShell) -> TeamPage:
    shell.window.show()
    shell.window.show_page_named("team")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, TeamPage)
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=WAIT)
    return page


def texts(table: object, column: int = 0) -> list[str]:
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    return [table.item(r, column).text() for r in range(table.rowCount())]  # type: ignore[union-attr]


def select_text(table: object, text: str) -> None:
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    table.setCurrentCell(texts(table).index(text), 0)


def reloaded(qtbot: QtBot, page: TeamPage, test: object) -> None:
    qtbot.waitUntil(lambda: callable(test) and bool(test()), timeout=WAIT)


def test_shows_the_team_its_series_members_and_connect_teams(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    assert page.values["name"].text() == "Papelería La Esquina"
    assert page.values["id"].text() == TEAM
    assert "Conectados" in page.values["sat"].text()
    assert {"A", "MOS"} <= set(texts(page.series_table))
    # The team's default series (settings.default_series.income.serie) is marked.
    defaults = dict(zip(texts(page.series_table), texts(page.series_table, 3), strict=True))
    assert defaults["A"] == "Sí" and defaults["MOS"] == ""
    assert "fernanda@papelerialaesquina.mx" in texts(page.members_table)
    assert len(texts(page.teams_table)) == 3
    assert texts(page.teams_table, 2).count("Sí") == 1
    assert "Stripe" in page.integrations_label.text()
    assert "Sin PIN" in page.pin_status.text()


def test_series_create_duplicate_and_update(
    qtbot: QtBot, shell: AppShell, api: GigstackClient, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    dialog = page.new_series()
    assert isinstance(dialog, SeriesDialog)
    sent = len(sandbox.requests)
    dialog.name.setText("a")  # listed on the page: refused here, never sent
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "ya existe" in dialog.name_error.text() and dialog.isVisible()
    assert not [r for r in sandbox.requests[sent:] if r.method == "POST"]
    # Created elsewhere after the page read the list: gigstack's 409 is shown at the form.
    api.teams.create_series(TEAM, {"series": "C", "live": 0, "test": 0})
    dialog.name.setText("C")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.form_error.isVisible, timeout=WAIT)
    assert "gigstack no aceptó" in dialog.form_error.text()
    assert not dialog.name_error.isVisible()
    dialog.name.setText("b-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.name_error.isVisible()  # checked here, never sent
    dialog.name.setText("b")
    dialog.live.setValue(10)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "B" in texts(page.series_table), timeout=WAIT)
    assert any(s.series == "B" and s.live == 10 for s in api.teams.series(TEAM))

    select_text(page.series_table, "B")
    edit = page.edit_series()
    assert isinstance(edit, SeriesDialog) and edit.name.isReadOnly()
    edit.live.setValue(25)
    edit.test.setValue(3)
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=WAIT)
    series = next(s for s in api.teams.series(TEAM) if s.series == "B")
    assert (series.live, series.test) == (25, 3)


def test_edit_team_data_and_settings(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    page = open_page(qtbot, shell)
    details = page.edit_team()
    assert isinstance(details, TeamDetailsDialog)
    details.email.setText("soporte@@mal")
    details.zip.setText("00001")  # five digits, but no such postal code
    qtbot.mouseClick(details.ok_button, Qt.MouseButton.LeftButton)
    assert details.email_error.isVisible()
    assert "catálogo del SAT" in details.zip_error.text()
    details.zip.setText("06700")
    details.email.setText("ayuda@papelerialaesquina.mx")
    details.phone.setText("55 5584 0000")
    qtbot.mouseClick(details.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not details.isVisible(), timeout=WAIT)
    team = api.teams.get(TEAM)
    assert team.support_email == "ayuda@papelerialaesquina.mx"
    reloaded(qtbot, page, lambda: "ayuda@" in page.values["contact"].text())

    settings = page.edit_settings()
    assert isinstance(settings, TeamSettingsDialog)
    settings.product_key.setText("123")
    qtbot.mouseClick(settings.ok_button, Qt.MouseButton.LeftButton)
    assert settings.product_key_error.isVisible()
    settings.product_key.setText("14111514")
    settings.description.setText("Artículos de papelería")
    settings.avoid_emails.setChecked(True)
    qtbot.mouseClick(settings.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not settings.isVisible(), timeout=WAIT)
    stored = api.teams.get(TEAM).settings
    assert stored is not None and stored.product_key == "14111514"
    assert stored.default_description == "Artículos de papelería"
    reloaded(qtbot, page, lambda: "No se envían" in page.values["settings_emails"].text())


def test_add_and_remove_a_member_with_confirmation_and_pin(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    new_user = api.users.create({"email": "bodega@papelerialaesquina.mx", "first_name": "Rosa"})
    page = open_page(qtbot, shell)
    dialog = page.add_member()
    assert isinstance(dialog, AddMemberDialog)
    assert dialog.user.findData("user_demo_owner") < 0  # already a member: not offered
    # The roles offered are gigstack's (desktop.rules.teams), a cashier's preselected.
    assert [dialog.role.itemData(i) for i in range(dialog.role.count())] == list(ROLES)
    assert dialog.role.currentData() == DEFAULT_ROLE
    dialog.user.setCurrentIndex(dialog.user.findData(new_user.id))
    dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "bodega@papelerialaesquina.mx" in texts(page.members_table), timeout=WAIT
    )
    members = api.teams.get(TEAM).members or []
    assert any(m.id == new_user.id and m.role == "viewer" for m in members)

    ManagerPin(shell.config.data_dir).set("4821")
    select_text(page.members_table, "bodega@papelerialaesquina.mx")
    steps: list[str] = []

    def answer_confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        steps.append(box.text())
        yes = next(b for b in box.buttons() if b.text() == "Sí, quitarlo")
        QTimer.singleShot(0, answer_pin)
        yes.click()

    def answer_pin() -> None:
        pin = QApplication.activeModalWidget()
        assert isinstance(pin, PinDialog)
        steps.append("pin")
        pin.pin.setText("4821")
        pin.check()

    QTimer.singleShot(0, answer_confirm)
    assert page.remove_member()
    assert "dejará de poder" in steps[0].lower() and steps[1] == "pin"
    qtbot.waitUntil(
        lambda: "bodega@papelerialaesquina.mx" not in texts(page.members_table), timeout=WAIT
    )
    assert not any(m.id == new_user.id for m in api.teams.get(TEAM).members or [])


def test_remove_member_cancelled_changes_nothing(
    qtbot: QtBot, shell: AppShell, api: GigstackClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, shell)
    select_text(page.members_table, "caja1@papelerialaesquina.mx")
    monkeypatch.setattr(page, "confirm", lambda *args: False)  # "No, volver"
    assert not page.remove_member()
    assert any(m.id == "user_demo_cajero" for m in api.teams.get(TEAM).members or [])


def test_switching_team_refused_while_this_team_has_pending_rows(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    sandbox.go_down()  # the queued row stays pending
    item = shell.core.outbox.enqueue(
        OutboxKind.CREATE_CLIENT, {"name": "Cliente en cola", "email": "cola@example.com"}
    )
    select_text(page.teams_table, "La Esquina Sucursal Norte")
    assert not page.switch_team()
    assert "1 envío sin terminar" in page.connect_message.text()
    assert not TerminalConfig.load(shell.config.data_dir).team

    shell.core.outbox.discard(item.id, "prueba")
    assert page.switch_team()
    assert TerminalConfig.load(shell.config.data_dir).team == "team_sucursal_norte"
    # The next start acts on that team (its own cache rows and queue rows carry its id).
    from desktop.config import AppConfig
    from desktop.ui.app import apply_stored_connection

    fresh = AppConfig(data_dir=shell.config.data_dir, api_url=shell.config.api_url)
    assert apply_stored_connection(fresh).team == "team_sucursal_norte"
    assert "Cierra y vuelve a abrir" in page.connect_message.text()
    sandbox.come_up()


def test_create_team(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    page = open_page(qtbot, shell)
    dialog = page.create_team()
    assert isinstance(dialog, CreateTeamDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.alias_error.isVisible() and dialog.tax_id_error.isVisible()
    dialog.alias.setText("La Esquina Centro")
    dialog.tax_id.setText("LORF850312TQ1")
    dialog.zip.setText("06700")
    dialog.regime.setCurrentIndex(dialog.regime.findData("612"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "La Esquina Centro" in texts(page.teams_table), timeout=WAIT)
    assert any(t.brand and t.brand.alias == "La Esquina Centro" for t in api.teams.list())


def test_manager_pin_set_change_and_remove(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    store = ManagerPin(shell.config.data_dir)
    dialog = page.change_pin(remove=False)
    assert isinstance(dialog, SetPinDialog)
    dialog.new.setText("12")
    dialog.save()
    assert "4 a 8" in dialog.error.text()
    dialog.new.setText("4821")
    dialog.repeat.setText("4820")
    dialog.save()
    assert "no coinciden" in dialog.error.text()
    dialog.repeat.setText("4821")
    dialog.save()
    assert store.verify("4821") and not store.verify("1234")
    assert "Activo" in page.pin_status.text() and page.remove_pin_button.isVisible()

    remove = page.change_pin(remove=True)
    assert remove is not None
    remove.current.setText("0000")
    remove.save()
    assert "no es correcto" in remove.error.text() and store.is_set()
    remove.current.setText("4821")
    remove.save()
    assert not store.is_set()
    assert "Sin PIN" in page.pin_status.text()


def test_errors_and_offline(qtbot: QtBot, shell: AppShell, sandbox: Sandbox) -> None:
    page = open_page(qtbot, shell)
    sandbox.faults.set(error_rate=1.0)
    page.reload()
    qtbot.waitUntil(lambda: "500" in page.message.text(), timeout=WAIT)
    assert page.values["name"].text() == "Papelería La Esquina"  # the last answer stays
    sandbox.faults.clear()
    sandbox.go_down()
    page.reload()
    qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)
    assert page.new_series() is None
    assert "Sin conexión" in page.message.text()
    assert page.create_team() is None
    sandbox.come_up()
