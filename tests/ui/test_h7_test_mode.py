"""Test mode shown plainly and "my team" from the key's claim (issue 7 §1), on the whole app
with the sandbox's own JWT keys: the title, the status bar badge, Ajustes and Equipo."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.config import AppConfig
from desktop.sandbox import Sandbox
from desktop.ui.app import AppShell
from desktop.ui.settings_page import SettingsPage
from desktop.ui.team_page import TeamPage
from desktop.ui.test_mode import TestModeBadge
from tests.conftest import SANDBOX_KEY

WAIT = 10_000
OWN = "team_mostrador_demo"
NORTE = "team_sucursal_norte"


@pytest.fixture
def open_shell(qtbot: QtBot) -> Iterator[list[AppShell]]:
    """Shells a test opens, closed at its end whatever happens."""
    shells: list[AppShell] = []
    yield shells
    for shell in shells:
        shell.close()


def _shell(shells: list[AppShell], config: AppConfig, key: str) -> AppShell:
    shell = AppShell(config, key)
    shells.append(shell)
    shell.window.resize(1366, 768)
    shell.window.show()
    return shell


def _settings(shell: AppShell) -> SettingsPage:
    shell.window.show_page_named("settings")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, SettingsPage)
    return page


def _badge(shell: AppShell) -> TestModeBadge | None:
    return shell.window.findChild(TestModeBadge, "testModeBadge")


def test_a_test_key_is_said_in_the_title_the_status_bar_and_ajustes(
    qtbot: QtBot, sandbox: Sandbox, ui_config: AppConfig, open_shell: list[AppShell]
) -> None:
    shell = _shell(open_shell, ui_config, sandbox.issue_key())
    window = shell.window
    assert window.windowTitle() == "Mostrador — MODO DE PRUEBA"
    badge = _badge(shell)
    assert badge is not None and badge.text() == "MODO DE PRUEBA"
    assert window.statusBar().isAncestorOf(badge)
    qtbot.waitUntil(badge.isVisible, timeout=WAIT)
    assert "no son reales" in badge.toolTip()
    # Seen with the connection pill: on its left, in the same bar.
    assert (
        badge.mapTo(window, badge.rect().topLeft()).x()
        < window.pill.mapTo(window, window.pill.rect().topLeft()).x()
    )

    page = _settings(shell)
    assert page.key_mode_value.text().startswith("MODO DE PRUEBA")
    assert page.key_mode_value.property("badge") == "test"
    assert "no son reales" in page.key_mode_value.toolTip()
    assert page.team_value.text() == f"El equipo de la clave ({OWN})"
    # Attaching again (a later step of the start) never marks twice.
    from desktop.ui.test_mode import show_test_mode

    assert show_test_mode(window, shell.ctx) is badge
    assert window.windowTitle().count("MODO DE PRUEBA") == 1
    window.grab().save(str(Path(ui_config.data_dir) / "test-mode-window.png"))


def test_a_live_key_shows_no_test_mode(
    qtbot: QtBot, tmp_path: Path, open_shell: list[AppShell]
) -> None:
    with Sandbox(seed="empty", livemode=True) as live:
        config = AppConfig(data_dir=tmp_path / "live", api_url=live.base_url)
        shell = _shell(open_shell, config, live.api_key)
        assert shell.window.windowTitle() == "Mostrador"
        assert _badge(shell) is None
        page = _settings(shell)
        assert page.key_mode_value.text() == "En vivo (producción)"
        assert page.key_mode_value.property("badge") is None
        shell.close()


def test_an_sk_test_key_is_a_test_key_and_demo_keeps_its_own_marking(
    qtbot: QtBot, sandbox: Sandbox, ui_config: AppConfig, open_shell: list[AppShell]
) -> None:
    shell = _shell(open_shell, ui_config, SANDBOX_KEY)  # "sk_test_…": no claims, a prefix
    assert shell.window.windowTitle().endswith("MODO DE PRUEBA") and _badge(shell) is not None
    assert _settings(shell).team_value.text() == "El equipo de la clave"  # the key names none
    shell.close()

    demo = dataclasses.replace(ui_config, data_dir=ui_config.data_dir / "demo", demo=True)
    shell = _shell(open_shell, demo, sandbox.issue_key())
    assert shell.window.windowTitle() == "Mostrador — modo demo"
    assert _badge(shell) is None
    assert _settings(shell).key_mode_value.text() == "Prueba (modo demo)"


def test_equipo_shows_the_team_the_key_names(
    qtbot: QtBot, sandbox: Sandbox, ui_config: AppConfig, open_shell: list[AppShell]
) -> None:
    shell = _shell(open_shell, ui_config, sandbox.issue_key(NORTE))
    shell.window.show_page_named("team")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, TeamPage)
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=WAIT)
    assert page.values["id"].text() == NORTE
    assert page.values["name"].text() == "La Esquina Sucursal Norte"
    names = [page.teams_table.item(r, 0).text() for r in range(page.teams_table.rowCount())]  # type: ignore[union-attr]
    assert "La Esquina Sucursal Norte (equipo de la clave)" in names
    assert not any("(equipo de la clave)" in n for n in names if "Norte" not in n)
    assert _settings(shell).team_value.text() == f"El equipo de la clave ({NORTE})"


def test_first_run_and_the_ticket_header_use_the_claims_team(sandbox: Sandbox) -> None:
    from desktop.gigstack import GigstackClient
    from desktop.ui.first_run import list_teams
    from desktop.ui.sale_tickets import ticket_business

    with GigstackClient(sandbox.issue_key(NORTE), base_url=sandbox.base_url) as api:
        choices = list_teams(api)
        # The key's own team comes first as "no Connect parameter" (team None).
        assert (choices[0].team_id, choices[0].team) == (NORTE, None)
        assert all(c.team == c.team_id for c in choices[1:])
        assert ticket_business(api, None)["name"] == "La Esquina Sucursal Norte"


def test_the_key_and_its_payload_reach_no_log(
    qtbot: QtBot,
    sandbox: Sandbox,
    ui_config: AppConfig,
    open_shell: list[AppShell],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    key = sandbox.issue_key(NORTE)
    shell = _shell(open_shell, ui_config, key)
    page = _settings(shell)
    assert NORTE in page.team_value.text()
    shell.window.show_page_named("team")
    team_page = shell.window.stack.currentWidget()
    assert isinstance(team_page, TeamPage)
    qtbot.waitUntil(lambda: team_page.snapshot is not None, timeout=WAIT)
    _header, payload, signature = key.split(".")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert text  # the start and the page calls did log (httpx, lanes): none of it is the key
    assert payload not in text and signature not in text
    assert f"key_test_{NORTE}" not in text  # the key_id claim is not shown either
