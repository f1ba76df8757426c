"""Authentication and gigstack Connect team selection."""

from __future__ import annotations

import httpx
import pytest

from desktop.sandbox import Sandbox


@pytest.mark.parametrize("header", ["Bearer {key}", "bearer {key}", "{key}"])
def test_accepted_authorization(sandbox: Sandbox, header: str) -> None:
    response = httpx.get(
        f"{sandbox.base_url}/clients", headers={"Authorization": header.format(key=sandbox.api_key)}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}, {"Authorization": ""}],
)
def test_rejected_authorization(sandbox: Sandbox, headers: dict) -> None:
    response = httpx.get(f"{sandbox.base_url}/clients", headers=headers)
    assert response.status_code == 401
    body = response.json()
    assert body["error"] == "unauthorized" and body["message"]


def test_each_team_has_its_own_data(api: httpx.Client) -> None:
    main = api.get("/clients").json()["total_results"]
    norte = api.get("/clients", params={"team": "team_sucursal_norte"}).json()
    assert (main, norte["total_results"]) == (8, 2)
    created = api.post(
        "/clients",
        params={"team": "team_sucursal_sur"},
        json={"name": "Cliente Sur", "email": "sur@correo.mx"},
    )
    assert created.status_code == 201
    assert created.json()["data"]["team"] == "team_sucursal_sur"
    assert api.get(f"/clients/{created.json()['data']['id']}").status_code == 404
    assert (
        api.get(
            f"/clients/{created.json()['data']['id']}", params={"team": "team_sucursal_sur"}
        ).status_code
        == 200
    )
    sur_series = api.get("/teams/team_sucursal_sur/series").json()["data"]
    assert {s["series"] for s in sur_series} == {"A", "MOS"}


def test_unknown_team_is_forbidden(api: httpx.Client) -> None:
    response = api.get("/payments", params={"team": "team_de_otro"})
    assert response.status_code == 403
    assert "team_de_otro" in response.json()["message"]
    post = api.post("/payments/register", params={"team": "team_de_otro"}, json={})
    assert post.status_code == 403


def test_empty_seed(empty_api: httpx.Client) -> None:
    for path in ("/clients", "/services", "/payments", "/invoices/income"):
        assert empty_api.get(path).json()["total_results"] == 0, path
    series = empty_api.get("/teams/team_mostrador_demo/series").json()["data"]
    assert {s["series"] for s in series} == {"A", "MOS"}
    assert empty_api.get("/teams").json()["total_results"] == 3
