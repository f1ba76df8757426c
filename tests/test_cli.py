"""The headless CLI: validation before queueing, queue management, sync exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.sandbox import Sandbox
from tests.cli_helpers import Cli

SALE = {
    "client": {"id": "client_demo_publico"},
    "automation_type": "pue_invoice",
    "use": "S01",
    "payment_form": "04",
    "items": [{"id": "service_demo_americano", "quantity": 2}],
}


def queue_list(run: Cli) -> list[dict[str, Any]]:
    code, out, _ = run("queue", "list", "--json")
    assert code == 0
    return list(json.loads(out))


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for code in range(14):
        assert f"\n  {code:>2}  " in out or f"\n  {code}  " in out


def test_add_list_sync_show(run: Cli, tmp_path: Path) -> None:
    sale_file = tmp_path / "sale.json"
    sale_file.write_text(json.dumps(SALE), encoding="utf-8")
    code, local_id, _ = run("queue", "add", str(sale_file))
    assert code == 0
    local_id = local_id.strip()
    (row,) = queue_list(run)
    assert (row["local_id"], row["state"], row["folio"]) == (local_id, "pending", "CAJA1-1")

    code, out, _ = run("sync", "--once")
    assert code == 0 and "enviado: 1" in out
    code, out, _ = run("queue", "show", "CAJA1-1")
    shown = json.loads(out)
    assert shown["state"] == "sent" and shown["server_id"].startswith("payment_")
    assert shown["payload"]["metadata"]["local_id"] == local_id
    assert [h["action"] for h in shown["history"]] == ["enqueued", "sent"]
    code, out, _ = run("queue", "list")
    assert "enviado" in out and shown["server_id"] in out


def test_invalid_input_queues_nothing(run: Cli) -> None:
    code, _, err = run("queue", "add", "-", stdin="{not json")
    assert code == cli.EXIT_USAGE and "JSON no es válido" in err
    code, _, err = run("queue", "add", "-", stdin="[1, 2]")
    assert code == cli.EXIT_USAGE and "objeto JSON" in err
    bad = {**SALE, "payment_form": "77", "client": {"tax_id": "XYZ", "name": "Ana"}}
    code, _, err = run("queue", "add", "-", stdin=json.dumps(bad))
    assert code == cli.EXIT_USAGE
    assert "client.tax_id" in err and "12 caracteres" in err
    code, _, err = run("queue", "add", "/no/such/file.json")
    assert code == cli.EXIT_USAGE and "No se pudo leer" in err
    assert queue_list(run) == []
    # Nothing queued, not even a database: a read-only command creates none.
    assert not (Path(run.base[1]) / "mostrador.sqlite3").exists()


def test_parked_row_retry_and_discard(run: Cli) -> None:
    bad = {**SALE, "client": {"id": "client_does_not_exist"}}
    code, _, _ = run("queue", "add", "-", stdin=json.dumps(bad))
    assert code == 0
    code, _, err = run("sync", "--once")
    assert code == cli.EXIT_PARKED and "1 detenido espera revisión" in err
    (row,) = queue_list(run)
    assert row["state"] == "parked" and row["last_status"] == 404
    assert run("queue", "retry", str(row["id"]))[0] == 0
    assert queue_list(run)[0]["state"] == "pending"
    code, _, err = run("queue", "discard", str(row["id"]), "--reason", "   ")
    assert code == cli.EXIT_USAGE and "motivo" in err
    assert run("queue", "discard", str(row["id"]), "--reason", "cliente equivocado")[0] == 0
    assert queue_list(run)[0]["state"] == "discarded"
    code, _, err = run("queue", "retry", "999")
    assert code == cli.EXIT_USAGE and "No hay" in err


def test_sync_exit_codes_offline_and_bad_key(
    run: Cli, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("queue", "add", "-", stdin=json.dumps(SALE))[0] == 0
    sandbox.go_down()
    try:
        code, _, err = run("sync", "--once")
    finally:
        sandbox.come_up()
    assert code == cli.EXIT_OFFLINE and "Queda 1 pendiente." in err
    monkeypatch.setenv("GIGSTACK_API_KEY", "sk_test_not_the_key")
    code, _, _ = run("sync", "--once")
    assert code == cli.EXIT_AUTH
    assert queue_list(run)[0]["state"] == "pending"
    monkeypatch.delenv("GIGSTACK_API_KEY")
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    code, _, err = run("sync", "--once")
    assert code == cli.EXIT_NO_KEY and "key set" in err


def test_check_and_cache_refresh(run: Cli) -> None:
    code, out, _ = run("check")
    assert code == 0 and "team_mostrador_demo" in out and "Servicios: 20" in out
    code, out, _ = run("cache", "refresh")
    assert code == 0 and "servicios: 20" in out


# -- configuration -------------------------------------------------------------------------


def test_config_set_get_list_and_the_app_team_reaches_queue_add(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MOSTRADOR_TEAM", raising=False)
    code, out, _ = run("config", "set", "connection.team", "team_sucursal_sur")
    assert code == 0 and "team_sucursal_sur" in out
    assert run("config", "get", "connection.team")[1].strip() == "team_sucursal_sur"
    code, out, _ = run("config", "list")
    assert code == 0 and "connection.team" in out and "[config.json]" in out
    assert "ticket.width" in out and "[predeterminado]" in out
    code, out, _ = run("config", "list", "--json")
    assert json.loads(out)["ticket.width"] == {"value": 80, "source": "predeterminado"}
    # A sale queued without --team goes to the team the configuration chose (the app writes
    # the same file), not to the key's own team.
    assert run("queue", "add", "-", stdin=json.dumps(SALE))[0] == 0
    assert queue_list(run)[0]["team"] == "team_sucursal_sur"
    monkeypatch.setenv("MOSTRADOR_TEAM", "team_env")
    code, out, err = run("config", "get", "connection.team")
    assert out.strip() == "team_env"
    code, out, err = run("config", "set", "connection.team", "team_x")
    assert code == 0 and "MOSTRADOR_TEAM" in err
    assert run("config", "unset", "connection.team")[0] == 0


def test_config_refuses_bad_keys_and_values(run: Cli) -> None:
    code, _, err = run("config", "get", "ticket.colour")
    assert code == cli.EXIT_USAGE and "no es una clave" in err
    code, _, err = run("config", "set", "ticket.width", "70")
    assert code == cli.EXIT_USAGE and "58 u 80" in err
    code, _, err = run("config", "set", "terminal.series", "caja 1")
    assert code == cli.EXIT_USAGE and "terminal.series" in err
    assert run("config", "get", "ticket.width")[1].strip() == "80"


def test_terminal_series_from_the_configuration_names_the_folios(run: Cli) -> None:
    assert run("config", "set", "terminal.series", "mostrador2")[0] == 0
    assert run("queue", "add", "-", stdin=json.dumps(SALE))[0] == 0
    assert queue_list(run)[0]["folio"] == "MOSTRADOR2-1"


# -- storage faults ------------------------------------------------------------------------


def _data_dir(run: Cli) -> Path:
    return Path(run.base[run.base.index("--data-dir") + 1])


def test_damaged_database_is_a_message_and_exit_10(run: Cli) -> None:
    data = _data_dir(run)
    data.mkdir(parents=True)
    (data / "mostrador.sqlite3").write_bytes(b"garbage" * 1000)
    for args in (("queue", "list"), ("queue", "add", "-")):
        code, _, err = run(*args, stdin=json.dumps(SALE))
        assert code == cli.EXIT_CORRUPT, err
        assert "dañada" in err and "Traceback" not in err


def test_database_from_a_newer_version_is_exit_11(run: Cli) -> None:
    import sqlite3

    assert run("queue", "add", "-", stdin=json.dumps(SALE))[0] == 0
    conn = sqlite3.connect(_data_dir(run) / "mostrador.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    code, _, err = run("queue", "list")
    assert code == cli.EXIT_TOO_NEW and "más nueva" in err


def test_locked_database_is_exit_12(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from desktop.store import db as store_db

    assert run("queue", "add", "-", stdin=json.dumps(SALE))[0] == 0
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(_data_dir(run) / "mostrador.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run("queue", "add", "-", stdin=json.dumps(SALE))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == cli.EXIT_DB_LOCKED and "ocupada" in err


def test_damaged_config_is_a_message(run: Cli) -> None:
    data = _data_dir(run)
    data.mkdir(parents=True)
    (data / "config.json").write_text("{roto", encoding="utf-8")
    code, _, err = run("queue", "list")
    assert code == cli.EXIT_CORRUPT and "config.json" in err
    code, _, err = run("config", "list")
    assert code == cli.EXIT_CORRUPT and "config.json" in err


def test_key_set_without_a_keychain_points_to_the_opt_in_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Added for packaging (issue 9): this machine, like CI, has no OS keychain.
    import keyring
    import keyring.backends.fail

    from desktop import credentials

    monkeypatch.delenv("GIGSTACK_API_KEY", raising=False)
    monkeypatch.setenv(credentials.KEY_FILE_DIR_VAR, str(tmp_path / "config"))
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        run = Cli(tmp_path / "data", "https://api.gigstack.io/v2", capsys, monkeypatch)
        code, _, err = run("key", "set", "--stdin", stdin="sk_live_cli_file_key\n")
        assert code == cli.EXIT_ERROR
        assert "key set --file" in err and "GIGSTACK_API_KEY" in err
        assert not credentials.key_file().exists()
        code, out, _ = run("key", "set", "--stdin", "--file", stdin="sk_live_cli_file_key\n")
        assert code == cli.EXIT_OK
        assert "SIN cifrar" in out and str(credentials.key_file()) in out
        assert "sk_live_cli_file_key" not in out
        assert credentials.get_api_key("https://api.gigstack.io/v2") == "sk_live_cli_file_key"
        code, _, _ = run("key", "clear")
        assert code == cli.EXIT_OK
        assert not credentials.key_file().exists()
    finally:
        keyring.set_keyring(previous)
