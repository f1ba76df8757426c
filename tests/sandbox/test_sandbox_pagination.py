"""Cursor pagination: every record exactly once, limits, garbled cursors, teams."""

from __future__ import annotations

import json

import httpx
import pytest


def fill(api: httpx.Client, count: int) -> set[str]:
    ids = set()
    for n in range(count):
        response = api.post(
            "/clients", json={"name": f"Cliente {n:03d}", "email": f"c{n}@correo.mx"}
        )
        assert response.status_code == 201
        ids.add(response.json()["data"]["id"])
    return ids


def walk(api: httpx.Client, path: str, **params: object) -> list[dict]:
    seen: list[dict] = []
    page = api.get(path, params=params).json()
    while True:
        seen.extend(page["data"])
        if not page["has_more"]:
            assert "next" not in page
            return seen
        assert isinstance(page["next"], str)
        page = api.get(path, params={**params, "next": page["next"]}).json()


@pytest.mark.parametrize(("limit", "sort"), [(7, "desc"), (100, "asc"), (None, None)])
def test_every_record_exactly_once(
    empty_api: httpx.Client, limit: int | None, sort: str | None
) -> None:
    created = fill(empty_api, 150)
    params = {k: v for k, v in {"limit": limit, "sort": sort}.items() if v is not None}
    seen = walk(empty_api, "/clients", **params)
    ids = [c["id"] for c in seen]
    assert len(ids) == 150 and set(ids) == created
    first = empty_api.get("/clients", params=params).json()
    assert first["total_results"] == 150
    assert len(first["data"]) == (limit or 10)
    names = [c["name"] for c in seen]
    assert names == sorted(names, reverse=sort != "asc")


def test_pages_are_stable_while_records_change(empty_api: httpx.Client) -> None:
    created = fill(empty_api, 30)
    page = empty_api.get("/clients", params={"limit": 10}).json()
    seen = [c["id"] for c in page["data"]]
    # New records (newest first: they land before the cursor) and a deletion ahead of it.
    fill_more = empty_api.post("/clients", json={"name": "Nuevo"}).json()["data"]["id"]
    rest = empty_api.get("/clients", params={"limit": 100, "sort": "asc"}).json()["data"]
    oldest = rest[0]["id"]
    assert empty_api.delete(f"/clients/{oldest}").status_code == 200
    while page["has_more"]:
        page = empty_api.get("/clients", params={"limit": 10, "next": page["next"]}).json()
        seen.extend(c["id"] for c in page["data"])
    assert fill_more not in seen
    assert sorted(seen) == sorted(created - {oldest})


def test_filtered_pagination(empty_api: httpx.Client) -> None:
    for n in range(25):
        empty_api.post("/clients", json={"name": f"C{n}", "metadata": {"group": str(n % 2)}})
    seen = walk(empty_api, "/clients", limit=4, **{"metadata.group": "1"})
    assert len(seen) == 12 and all(c["metadata"]["group"] == "1" for c in seen)
    first = empty_api.get("/clients", params={"limit": 4, "metadata_group": "1"}).json()
    assert first["total_results"] == 12


@pytest.mark.parametrize("limit", ["0", "101", "abc", "-5", "1.5"])
def test_limit_out_of_range(api: httpx.Client, limit: str) -> None:
    response = api.get("/clients", params={"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ9", "AAAAAAAAAA", "%%%"])
def test_garbled_cursor(api: httpx.Client, cursor: str) -> None:
    response = api.get("/clients", params={"next": cursor})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_cursor"


def test_cursor_of_another_list_is_rejected(api: httpx.Client) -> None:
    cursor = api.get("/clients", params={"limit": 2}).json()["next"]
    assert api.get("/services", params={"next": cursor}).status_code == 400
    other_team = api.get("/clients", params={"next": cursor, "team": "team_sucursal_norte"})
    assert other_team.status_code == 400


def test_invoice_page_numbers(api: httpx.Client) -> None:
    page1 = api.get("/invoices/income", params={"limit": 3, "page": 1}).json()["data"]
    page2 = api.get("/invoices/income", params={"limit": 3, "page": 2}).json()["data"]
    assert len(page1) == 3 and len(page2) == 1
    assert not {i["uuid"] for i in page1} & {i["uuid"] for i in page2}
    assert api.get("/invoices/income", params={"limit": 3, "page": 5}).json()["data"] == []


@pytest.mark.parametrize(
    "path", ["/clients", "/services", "/invoices/income", "/payments", "/teams", "/users"]
)
def test_every_list_validates_limit_and_pages(api: httpx.Client, path: str) -> None:
    assert api.get(path, params={"limit": 0}).status_code == 400
    assert api.get(path, params={"next": "x"}).json()["error"] == "invalid_cursor"
    first = api.get(path, params={"limit": 1}).json()
    assert len(first["data"]) == 1 and first["has_more"] is True
    everything = walk(api, path, limit=1)
    assert len({json.dumps(r, sort_keys=True) for r in everything}) == first["total_results"]
