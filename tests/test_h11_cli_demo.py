"""The CLI's `--demo` reads the app's demo folder, a read-only command never creates a
database, and a closed pipe ends the CLI quietly (trial findings D7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.config import AppConfig
from desktop.demo import DEMO_STATE_FILENAME, data_folder
from desktop.sandbox import Sandbox
from desktop.store import open_database
from tests.cli_helpers import Cli
from tests.test_till import sale_body

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run(
    empty_sandbox: Sandbox,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    from tests.conftest import SANDBOX_KEY

    monkeypatch.setenv("GIGSTACK_API_KEY", SANDBOX_KEY)
    return Cli(tmp_path / "data", empty_sandbox.base_url, capsys, monkeypatch)


def _queue(run: Cli, tmp_path: Path, *options: str) -> None:
    path = tmp_path / "sale.json"
    path.write_text(json.dumps(sale_body("01", ("Café", 2, "35.00"))), encoding="utf-8")
    code, _out, err = run(*options, "queue", "add", str(path))
    assert code == 0, err


def test_demo_flag_reads_the_demo_folder_the_app_uses(run: Cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    # The one rule for the folder: the app's lock/database and the demo's start use it too.
    assert data_folder(data, True) == data / "demo"
    assert data_folder(data, False) == data
    _queue(run, tmp_path, "--demo")
    assert (data / "demo" / "mostrador.sqlite3").exists()

    code, out, err = run("--demo", "report", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["count"] == 1 and report["gross"] == "70.00"

    # Without --demo the real folder holds nothing: said, pointed at --demo, nothing created.
    code, out, err = run("report", "--json")
    assert code == cli.EXIT_NO_DATA and out == ""
    assert f"No hay datos en {data}" in err and "--demo" in err
    assert not (data / "mostrador.sqlite3").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("report",),
        ("report", "--csv"),
        ("shift",),
        ("shift", "--json"),
        ("queue", "show", "1"),
        ("queue", "retry", "1"),
    ],
)
def test_read_only_commands_create_no_database(
    run: Cli, tmp_path: Path, command: tuple[str]
) -> None:
    data = tmp_path / "data"
    code, out, err = run(*command)
    assert code == cli.EXIT_NO_DATA, err
    assert "No hay datos en" in err and "No se creó nada" in err and out == ""
    assert not data.exists()


def test_queue_list_and_config_on_an_unused_folder_create_nothing(run: Cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = run("queue", "list", "--json")
    assert code == 0 and json.loads(out) == [] and "No hay datos en" in err
    code, out, err = run("config", "get", "ticket.width")
    assert code == 0 and out.strip() == "80" and "valores predeterminados" in err
    code, out, err = run("config", "list", "--json")
    assert code == 0 and "ticket.width" in json.loads(out)
    assert not data.exists()
    # Once the folder is in use, no note.
    open_database(data).close()
    code, out, err = run("config", "get", "ticket.width")
    assert code == 0 and err == ""


def test_demo_cache_refresh_starts_the_demo_sandbox_for_the_command(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.delenv("GIGSTACK_API_KEY")
    code, out, err = run("--demo", "cache", "refresh")
    assert code == 0, err
    assert "clientes:" in out and "pagos:" in out
    assert (data / "demo" / DEMO_STATE_FILENAME).exists()
    assert not (data / "mostrador.sqlite3").exists()
    # The demo key was only lent to the command.
    assert "GIGSTACK_API_KEY" not in os.environ
    code, out, err = run("--demo", "report", "--json", "--from", "2000-01-01")
    assert code == 0, err
    assert json.loads(out)["count"] > 0


def test_app_config_demo_keeps_the_chosen_folder_until_the_demo_starts(tmp_path: Path) -> None:
    # `data_folder` takes the chosen folder: AppConfig keeps it, start_demo's config names the
    # subfolder (so nothing ends in demo/demo).
    config = AppConfig.from_env(data_dir=tmp_path, demo=True)
    assert config.data_dir == tmp_path
    assert data_folder(config.data_dir, config.demo) == tmp_path / "demo"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE exit status is POSIX")
@pytest.mark.parametrize("args", [("report", "--json"), ("config", "list")])
def test_a_closed_pipe_ends_quietly_without_a_crash_report(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    data = tmp_path / "data"
    open_database(data).close()
    logs = tmp_path / "logs"
    env = {**os.environ, "MOSTRADOR_LOG_DIR": str(logs), "QT_QPA_PLATFORM": "offscreen"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head` that already left: every write meets a closed pipe
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == cli.EXIT_BROKEN_PIPE == 141, stderr
    assert "error inesperado" not in stderr and "Traceback" not in stderr
    assert "BrokenPipe" not in stderr and "Exception ignored" not in stderr
    assert not list(logs.glob("crash-*.txt"))
