"""The ``python -m desktop.sandbox`` CLI and ``--state`` persistence across restarts."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from desktop.sandbox import Sandbox
from tests.sandbox.sandbox_helpers import register_body

REPO = Path(__file__).resolve().parents[2]
KEY = "sk_test_cli"


def first_line(proc: subprocess.Popen[bytes], timeout: float = 15) -> str:
    """Read the first stdout line byte by byte from the pipe, leaving the rest unread for
    ``communicate`` (a buffered ``readline`` could swallow the lines after it)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    line = b""
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, "no base URL printed"
        chunk = os.read(fd, 1)
        assert chunk, "the CLI exited before printing its URL"
        line += chunk
    return line.decode().strip()


@contextmanager
def cli(*args: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.sandbox", "--port", "0", "--api-key", KEY, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    try:
        yield proc, first_line(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def stop(proc: subprocess.Popen[bytes]) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err
    return out.decode()


def test_cli_prints_url_first_serves_and_stops_on_sigterm() -> None:
    with cli() as (proc, url):
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v2")
        response = httpx.get(f"{url}/clients", headers={"Authorization": f"Bearer {KEY}"})
        assert response.status_code == 200
        assert response.json()["total_results"] == 8
        rest = stop(proc)
    assert KEY in rest and "team_mostrador_demo" in rest and "/_sandbox" in rest
    assert "Sandbox stopped." in rest


def test_cli_controls_switch_and_nested_errors() -> None:
    with cli("--no-controls", "--error-shape", "nested") as (proc, url):
        root = url.removesuffix("/v2")
        assert httpx.get(f"{root}/_sandbox").status_code == 404
        assert httpx.post(f"{root}/_sandbox/reset").status_code == 404
        missing = httpx.get(f"{url}/clients/nope", headers={"Authorization": KEY})
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        rest = stop(proc)
    assert "--no-controls" in rest
    with cli() as (proc, url):
        assert httpx.get(f"{url.removesuffix('/v2')}/_sandbox").status_code == 200
        stop(proc)


def test_cli_empty_seed_and_sigint() -> None:
    with cli("--seed", "empty") as (proc, url):
        headers = {"Authorization": KEY}
        assert httpx.get(f"{url}/clients", headers=headers).json()["total_results"] == 0
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
        assert proc.returncode == 0


def test_state_survives_cli_restarts(tmp_path: Path) -> None:
    state = tmp_path / "demo-state.json"
    body = register_body(idempotency_key="keep-1", metadata={"local_id": "keep-1"})
    with cli("--state", str(state)) as (proc, url):
        headers = {"Authorization": f"Bearer {KEY}"}
        first = httpx.post(f"{url}/payments/register", json=body, headers=headers)
        assert first.status_code == 201
        stop(proc)
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["format"] == "mostrador-sandbox-state"
    assert [p.name for p in tmp_path.iterdir()] == ["demo-state.json"]  # no temp files left
    with cli("--state", str(state)) as (proc, url):
        found = httpx.get(
            f"{url}/payments", headers=headers, params={"metadata.local_id": "keep-1"}
        ).json()
        assert found["total_results"] == 1
        assert found["data"][0]["id"] == first.json()["data"]["id"]
        replay = httpx.post(f"{url}/payments/register", json=body, headers=headers)
        assert replay.status_code == 200  # the idempotency key survived the restart
        assert replay.json()["data"]["id"] == first.json()["data"]["id"]
        stop(proc)


def test_state_file_in_process(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with Sandbox(api_key=KEY, state_file=state) as sb:
        headers = {"Authorization": KEY}
        created = httpx.post(
            f"{sb.base_url}/clients",
            headers=headers,
            json={"name": "Persistente", "email": "p@correo.mx"},
        ).json()
        httpx.put(
            f"{sb.base_url}/teams/team_mostrador_demo/series/A", headers=headers, json={"test": 41}
        )
    with Sandbox(api_key=KEY, state_file=state, seed="empty") as sb:
        got = httpx.get(f"{sb.base_url}/clients/{created['data']['id']}", headers=headers)
        assert got.status_code == 200  # loaded from the file, not re-seeded
        series = httpx.get(
            f"{sb.base_url}/teams/team_mostrador_demo/series", headers=headers
        ).json()["data"]
        assert {s["series"]: s["test"] for s in series}["A"] == 41
        total = httpx.get(f"{sb.base_url}/clients", headers=headers).json()["total_results"]
        assert total == 9


def test_context_manager_and_restart_on_the_same_port() -> None:
    sb = Sandbox(api_key=KEY, seed="empty")
    with sb:
        port = sb.port
        assert (
            httpx.get(f"{sb.base_url}/clients", headers={"Authorization": KEY}).status_code == 200
        )
    try:
        httpx.get(f"{sb.base_url}/clients", timeout=1)
        raise AssertionError("still listening after stop()")
    except httpx.ConnectError:
        pass
    assert sb.port == port
