"""The Usuarios page against the sandbox: list, view, create, update, reset, faults, offline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from desktop.ui.team_dialogs import UserDialog
from desktop.ui.users_page import UsersPage

WAIT = 10_000


def open_page(qtbot: QtBot, shell: AppShell) -> UsersPage:
    shell.window.show()
    shell.window.show_page_named("users")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, UsersPage)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT)
    return page


def select_email(page: UsersPage, email: str) -> None:
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        if row.record.get("email") == email:
            assert page.select_id(row.id)
            return
    raise AssertionError(f"no user {email}")


def test_lists_users_and_shows_the_full_profile(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    emails = {page.model.row_at(n).record.get("email") for n in range(page.model.rowCount())}
    assert {"fernanda@papelerialaesquina.mx", "caja1@papelerialaesquina.mx"} <= emails
    select_email(page, "caja1@papelerialaesquina.mx")
    # The detail is completed with GET /users/{id}: the user's teams appear.
    qtbot.waitUntil(lambda: page.detail_labels["teams"].text() not in ("", "—"), timeout=WAIT)
    assert "Papelería La Esquina" in page.detail_labels["teams"].text()
    page.search.setText("fernanda")
    assert page.model.rowCount() == 1


def test_create_user_checks_the_email_then_invites(
    qtbot: QtBot, shell: AppShell, api: GigstackClient
) -> None:
    page = open_page(qtbot, shell)
    dialog = page.new_user()
    assert isinstance(dialog, UserDialog)
    dialog.email.setText("no-es-correo")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.email_error.isVisible()
    dialog.email.setText("caja2@papelerialaesquina.mx")
    dialog.first_name.setText("Luis")
    dialog.last_name.setText("Ortega")
    dialog.role.setCurrentIndex(dialog.role.findData("editor"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    created = [u for u in api.users.list() if u.email == "caja2@papelerialaesquina.mx"]
    assert len(created) == 1
    selected = page.selected()
    assert selected is not None and selected.id == created[0].id
    assert "Luis" in page.detail_title.text()


def test_update_user(qtbot: QtBot, shell: AppShell, api: GigstackClient) -> None:
    page = open_page(qtbot, shell)
    select_email(page, "caja1@papelerialaesquina.mx")
    user_id = page.selected().id  # type: ignore[union-attr]
    dialog = page.edit_selected()
    assert dialog is not None and dialog.email.isReadOnly()
    dialog.phone.setText("55 1234 5678")
    dialog.company_role.setText("Cajero matutino")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    user = api.users.get(user_id)
    assert user.phone == "55 1234 5678"
    assert user.company_role == "Cajero matutino"
    assert page.detail_labels["phone"].text() == "55 1234 5678"


def test_reset_password_sends_the_email(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, shell)
    select_email(page, "caja1@papelerialaesquina.mx")
    monkeypatch.setattr(page, "confirm_reset", lambda email: True)  # the yes/no box
    assert page.reset_selected()
    qtbot.waitUntil(lambda: page.message.text().startswith("Se envió"), timeout=WAIT)
    sent = [r for r in sandbox.requests if r.path.endswith("/users/reset-password")]
    assert len(sent) == 1 and sent[0].status == 200
    assert sent[0].json == {"email": "caja1@papelerialaesquina.mx"}


def test_server_errors_keep_what_was_typed(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox, api: GigstackClient
) -> None:
    page = open_page(qtbot, shell)
    dialog = page.new_user()
    assert dialog is not None
    dialog.email.setText("caja1@papelerialaesquina.mx")  # taken: gigstack says no (409)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.form_error.isVisible, timeout=WAIT)
    assert "gigstack no aceptó" in dialog.form_error.text()
    sandbox.faults.set(error_rate=1.0)
    dialog.email.setText("nuevo@papelerialaesquina.mx")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "500" in dialog.form_error.text(), timeout=WAIT)
    assert dialog.isVisible() and dialog.email.text() == "nuevo@papelerialaesquina.mx"
    sandbox.faults.clear()
    assert not [u for u in api.users.list() if u.email == "nuevo@papelerialaesquina.mx"]


def test_offline_refuses_and_keeps_the_list(
    qtbot: QtBot, shell: AppShell, sandbox: Sandbox
) -> None:
    page = open_page(qtbot, shell)
    shown = page.model.rowCount()
    sandbox.go_down()
    page.reload()
    qtbot.waitUntil(lambda: shell.bridge.online is False, timeout=WAIT)
    qtbot.waitUntil(lambda: "anterior" in page.message.text(), timeout=WAIT)
    assert page.model.rowCount() == shown
    assert page.new_user() is None
    assert "Sin conexión" in page.message.text()
    select_email(page, "caja1@papelerialaesquina.mx")
    assert not page.reset_selected()
    assert "Sin conexión" in page.action_error.text()
    sandbox.come_up()
