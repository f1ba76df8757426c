"""First run: the key is checked against gigstack (the sandbox) without blocking the GUI."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import credentials
from desktop.config import AppConfig
from desktop.sandbox import Sandbox
from desktop.ui.first_run import FirstRunDialog
from tests.conftest import SANDBOX_KEY
from tests.doubles import BrokenKeyring, MemoryKeyring


def _dialog(qtbot: QtBot, sandbox: Sandbox, tmp_path: Path) -> FirstRunDialog:
    dialog = FirstRunDialog(AppConfig(data_dir=tmp_path / "data"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.advanced.setChecked(True)
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, sandbox.base_url)
    return dialog


def _wait_idle(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_verifying(), timeout=10_000)
    assert not dialog._lane.busy  # the lane's thread is idle again


def test_wrong_key_shows_the_error_next_to_the_field(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    qtbot.keyClicks(dialog.key, "sk_test_not_the_right_one")
    qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
    assert dialog.is_verifying()
    assert not dialog.connect_button.isEnabled()  # the GUI stays responsive, just busy
    _wait_idle(qtbot, dialog)
    assert dialog.key_error.isVisible()
    assert "gigstack no reconoce esta clave" in dialog.key_error.text()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.api_key is None
    assert dialog.key.text() == "sk_test_not_the_right_one"  # what was typed is kept
    assert memory_keyring.store == {}


def test_empty_key_is_refused_without_a_request(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    before = len(sandbox.requests)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.key_error.isVisible()
    assert "clave" in dialog.key_error.text()
    assert not dialog.is_verifying()
    assert len(sandbox.requests) == before


def test_offline_says_there_is_no_connection(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    qtbot.keyClicks(dialog.key, SANDBOX_KEY)
    sandbox.go_down()
    try:
        qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
        _wait_idle(qtbot, dialog)
    finally:
        sandbox.come_up()
    assert "No hay conexión con gigstack" in dialog.key_error.text()
    assert dialog.api_key is None


def test_right_key_with_connect_teams_shows_the_picker_and_fills_the_result(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    qtbot.keyClicks(dialog.key, SANDBOX_KEY)
    qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
    _wait_idle(qtbot, dialog)
    assert not dialog.key_error.isVisible()
    assert dialog.team_picker.isVisible()
    labels = [dialog.team_picker.itemText(i) for i in range(dialog.team_picker.count())]
    assert len(labels) == 1 + len(sandbox.connect_teams)
    # The key's own team comes first and maps to "no team" (config.team None).
    assert "equipo de esta clave" in labels[0]
    assert sandbox.team in labels[0]
    assert dialog.team_picker.itemData(0) is None
    assert any("team_sucursal_norte" in label for label in labels)
    assert dialog.api_key is None  # nothing decided until a team is picked

    index = next(i for i, label in enumerate(labels) if "team_sucursal_norte" in label)
    dialog.team_picker.setCurrentIndex(index)
    qtbot.keyClick(dialog.team_picker, Qt.Key.Key_Return)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.api_key == SANDBOX_KEY
    assert dialog.result_config.api_url == sandbox.base_url
    assert dialog.result_config.team == "team_sucursal_norte"
    assert credentials.get_api_key(sandbox.base_url) == SANDBOX_KEY
    assert not dialog.demo_requested


def test_picking_the_keys_own_team_leaves_team_none(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    qtbot.keyClicks(dialog.key, SANDBOX_KEY)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.result_config.team is None
    assert dialog.api_key == SANDBOX_KEY


def test_without_a_keychain_the_key_is_kept_for_this_session_only(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        dialog = _dialog(qtbot, sandbox, tmp_path)
        qtbot.keyClicks(dialog.key, SANDBOX_KEY)
        qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
        _wait_idle(qtbot, dialog)
        qtbot.keyClick(dialog.team_picker, Qt.Key.Key_Return)  # the key's own team
        assert dialog.keychain_error.isVisible()
        assert "llavero" in dialog.keychain_error.text()
        assert dialog.result() == 0
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == FirstRunDialog.DialogCode.Accepted
        assert dialog.api_key == SANDBOX_KEY
        assert not dialog.key_stored
    finally:
        keyring.set_keyring(previous)


def test_without_a_keychain_the_person_may_choose_the_labelled_key_file(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Added for packaging (issue 9): the opt-in alternative to a keychain, never the default.
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    monkeypatch.setenv(credentials.KEY_FILE_DIR_VAR, str(tmp_path / "config"))
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        dialog = _dialog(qtbot, sandbox, tmp_path)
        assert not dialog.key_file_choice.isVisible()
        qtbot.keyClicks(dialog.key, SANDBOX_KEY)
        qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
        _wait_idle(qtbot, dialog)
        qtbot.keyClick(dialog.team_picker, Qt.Key.Key_Return)
        assert dialog.key_file_choice.isVisible()
        assert not dialog.key_file_choice.isChecked()  # opt-in
        assert "SIN cifrar" in dialog.key_file_choice.text()
        assert not credentials.key_file().exists()
        dialog.key_file_choice.setChecked(True)
        assert dialog.connect_button.text() == "Continuar y guardar en el archivo"
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == FirstRunDialog.DialogCode.Accepted
        assert dialog.key_stored
        assert credentials.key_file().exists()
        assert credentials.get_api_key(sandbox.base_url) == SANDBOX_KEY
    finally:
        keyring.set_keyring(previous)


def test_demo_button_sets_demo_requested(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(AppConfig(data_dir=tmp_path / "data"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.demo_requested
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.api_key is None


def test_show_hide_key_and_escape_closes_while_checking(
    qtbot: QtBot, sandbox: Sandbox, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, sandbox, tmp_path)
    qtbot.keyClicks(dialog.key, SANDBOX_KEY)
    assert dialog.key.echoMode() == dialog.key.EchoMode.Password
    dialog.show_key.click()
    assert dialog.key.echoMode() == dialog.key.EchoMode.Normal
    sandbox.faults.set(latency_ms=300)
    qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
    assert dialog.is_verifying()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == FirstRunDialog.DialogCode.Rejected
    assert not dialog.is_verifying()  # the check was joined, not abandoned
    assert dialog.api_key is None
