"""The key's `team` and `livemode` claims (issue 7 §1), with the sandbox's own JWT keys:
"my team" is the claim's team, test mode is said by `python -m desktop check`, the key itself
is never printed or logged, and keys that are not JWTs still work through the old hints."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop import cli
from desktop.gigstack import GigstackClient, KeyInfo
from desktop.rules.teams import Certainty, OwnTeam, acting_team, find_own_team, own_team
from desktop.sandbox import Sandbox
from tests.conftest import SANDBOX_KEY

OWN = "team_mostrador_demo"
NORTE = "team_sucursal_norte"


class _Team:
    def __init__(self, ident: str, created_at: int) -> None:
        self.id = ident
        self.created_at = created_at


@pytest.fixture(scope="module")
def live_sandbox() -> Iterator[Sandbox]:
    """A sandbox playing a live account: its key's `livemode` claim is true."""
    with Sandbox(seed="empty", livemode=True, controls=True) as server:
        yield server


# -- the sandbox issues keys the way gigstack does ----------------------------------------------


def test_the_sandbox_key_is_a_jwt_with_team_and_mode_claims(live_sandbox: Sandbox) -> None:
    with Sandbox(seed="empty") as test_server:
        info = KeyInfo.from_key(test_server.api_key)
        assert (info.format, info.team, info.livemode) == ("jwt", OWN, False)
        assert info.key_id is not None and "test" in info.key_id
        assert test_server.api_key.startswith("eyJ")  # like the keys gigstack's signup shows
    live = KeyInfo.from_key(live_sandbox.api_key)
    assert (live.format, live.team, live.livemode) == ("jwt", OWN, True)
    # The data answers in the key's mode (REFERENCE §2.1: resources carry `livemode`).
    with GigstackClient(live_sandbox.api_key, base_url=live_sandbox.base_url) as api:
        created = api.clients.create({"name": "Cliente en vivo", "email": "vivo@example.com"})
        assert created.model_dump().get("livemode") is True
        assert api.key_info == live


def test_an_issued_key_acts_on_its_own_team_until_reset(sandbox: Sandbox) -> None:
    key = sandbox.issue_key(NORTE)
    assert KeyInfo.from_key(key).team == NORTE
    headers = {"Authorization": f"Bearer {key}"}
    answer = httpx.get(f"{sandbox.base_url}/teams/integrations", headers=headers, timeout=10)
    assert answer.status_code == 200 and answer.json()["data"]["team"] == NORTE
    with pytest.raises(KeyError):
        sandbox.issue_key("team_that_does_not_exist")
    sandbox.reset(seed="demo")
    refused = httpx.get(f"{sandbox.base_url}/clients", headers=headers, timeout=10)
    assert refused.status_code == 401
    # The sandbox's own key still works after a reset.
    plain = {"Authorization": f"Bearer {sandbox.api_key}"}
    assert httpx.get(f"{sandbox.base_url}/clients", headers=plain, timeout=10).status_code == 200


# -- "my team": the claim outranks the guesses ---------------------------------------------------


def test_the_claim_outranks_the_integrations_hint_and_the_guesses() -> None:
    teams = [_Team("team_new", 200), _Team("team_old", 100)]
    assert own_team(teams, "team_hint", claim="team_claim") == OwnTeam("team_claim", Certainty.KEY)
    assert own_team(teams, "team_hint", claim=None) == OwnTeam("team_hint", Certainty.KNOWN)
    assert own_team(teams, claim="  ", allow_guess=True) == OwnTeam("team_old", Certainty.OLDEST)
    assert own_team([_Team("team_solo", 1)], claim="team_claim").team_id == "team_claim"  # type: ignore[union-attr]
    assert acting_team(None, teams, None, "team_claim") == "team_claim"
    assert acting_team("team_connect", teams, None, "team_claim") == "team_connect"


def test_find_own_team_reads_the_claim_without_asking_gigstack(sandbox: Sandbox) -> None:
    key = sandbox.issue_key(NORTE)
    sandbox.log.clear()
    with GigstackClient(key, base_url=sandbox.base_url) as api:
        assert find_own_team(api) == OwnTeam(NORTE, Certainty.KEY)
    assert sandbox.requests == []  # decoding the claim needs no request


def test_a_key_without_claims_keeps_the_old_hints(sandbox: Sandbox) -> None:
    assert KeyInfo.from_key(SANDBOX_KEY).team is None  # "sk_test_…": not a JWT
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        assert find_own_team(api) == OwnTeam(OWN, Certainty.KNOWN)  # /teams/integrations
    assert [r.endpoint for r in sandbox.requests] == ["team_integrations"]


def test_a_key_that_does_not_decode_is_quiet(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for broken in ("eyJhbGciOi.%%%not-base64%%%.sig", "a.eyJub3QganNvbg.c", "x.bm90IGpzb24.y"):
        info = KeyInfo.from_key(broken)
        assert (info.team, info.livemode, info.format) == (None, None, "unknown")
        with GigstackClient(broken, base_url=sandbox.base_url) as api:
            assert api.key_info == KeyInfo()
    assert not [r for r in caplog.records if "%%%" in r.getMessage() or "bm90" in r.getMessage()]


# -- python -m desktop check ---------------------------------------------------------------------


def _check(
    server: Sandbox,
    key: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *extra: str,
) -> str:
    monkeypatch.setenv("GIGSTACK_API_KEY", key)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    data = tmp_path / f"data-{abs(hash(key)) % 10_000}"
    code = cli.main(["--data-dir", str(data), "--api-url", server.base_url, *extra, "check"])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_OK, err
    assert key not in out and key not in err  # a key is a secret: never printed
    return out


def _team_line(out: str, team: str) -> str:
    return next(line for line in out.splitlines() if f"Equipo: {team}" in line)


def test_check_says_test_mode_and_the_claims_team(
    sandbox: Sandbox,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = _check(sandbox, sandbox.issue_key(NORTE), tmp_path, capsys, monkeypatch)
    assert "MODO DE PRUEBA" in out
    assert "(equipo de la clave)" in _team_line(out, NORTE)
    assert "(equipo de la clave)" not in _team_line(out, OWN)

    # A key of the shop's own team, acting on a Connect team: its own team is still named.
    own_key = sandbox.issue_key()
    out = _check(sandbox, own_key, tmp_path, capsys, monkeypatch, "--team", NORTE)
    assert "(equipo de la clave)" in _team_line(out, OWN)
    assert f"Actuando sobre el equipo (gigstack Connect): {NORTE}" in out

    # "sk_test_…" (no claims): test mode from the prefix, the team from gigstack's hint.
    out = _check(sandbox, SANDBOX_KEY, tmp_path, capsys, monkeypatch)
    assert "MODO DE PRUEBA" in out and "(equipo de la clave)" in _team_line(out, OWN)


def test_check_says_a_live_key_is_live(
    live_sandbox: Sandbox,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = _check(live_sandbox, live_sandbox.api_key, tmp_path, capsys, monkeypatch)
    assert "MODO DE PRUEBA" not in out
    assert "Modo: producción (la clave es en vivo)." in out
    assert "(equipo de la clave)" in _team_line(out, OWN)
