"""Every /v2 endpoint: one success and at least one error, over real loopback HTTP."""

from __future__ import annotations

import httpx
import pytest

from desktop.sandbox import Sandbox
from tests.sandbox.sandbox_helpers import register_body

NEW_CLIENT = {
    "name": "Rosa Elena Martínez Díaz",
    "email": "rosa.martinez@correo.mx",
    "legal_name": "ROSA ELENA MARTINEZ DIAZ",
    "tax_id": "MADR880101AB1",
    "tax_system": "612",
    "use": "G03",
    "address": {
        "street": "Av. Insurgentes Sur",
        "exterior": "123",
        "zip": "03100",
        "country": "Mexico",
    },
}


def assert_error(response: httpx.Response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"message", "error"}
    assert isinstance(body["message"], str) and body["message"]
    if error is not None:
        assert body["error"] == error
    return body


# --- clients ---------------------------------------------------------------------------------


def test_list_clients(api: httpx.Client) -> None:
    body = api.get("/clients").json()
    assert body["message"] == "Clients retrieved successfully"
    assert body["total_results"] == 8
    assert body["has_more"] is False and "next" not in body
    rfcs = {c["tax_id"] for c in body["data"]}
    assert "XAXX010101000" in rfcs
    assert all(c["address"]["country"] == "MEX" for c in body["data"])


def test_create_client_normalises_country_and_street(api: httpx.Client) -> None:
    response = api.post("/clients", json=NEW_CLIENT)
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Client created successfully"
    data = body["data"]
    assert data["id"].startswith("client_")
    assert data["address"]["country"] == "MEX"
    assert data["address"]["street"] == "Av. Insurgentes Sur 123"
    assert data["from"] == "api" and data["team"] == "team_mostrador_demo"
    assert api.get(f"/clients/{data['id']}").json()["data"]["email"] == NEW_CLIENT["email"]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"tax_id": "ABC123"}, "tax_id"),
        ({"tax_system": "999"}, "tax_system"),
        ({"use": "Z99"}, "use"),
        ({"address": {"zip": "123"}}, "address.zip"),
        ({"email": "not-an-email"}, "email"),
        ({"tax_id": "XAXX010101000", "tax_system": "601"}, "tax_system"),
    ],
)
def test_create_client_validation(api: httpx.Client, patch: dict, field: str) -> None:
    body = assert_error(
        api.post("/clients", json={**NEW_CLIENT, **patch}), 400, "validation_failed"
    )
    assert field in body["message"]


def test_create_client_invalid_json(api: httpx.Client) -> None:
    response = api.post(
        "/clients", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "invalid_json")


def test_client_search_created_found_updated_conflict(api: httpx.Client) -> None:
    search = {"on_key": "tax_id", "on_value": NEW_CLIENT["tax_id"]}
    first = api.post("/clients", json={**NEW_CLIENT, "search": search})
    assert first.status_code == 201
    again = api.post("/clients", json={**NEW_CLIENT, "phone": "+52 1", "search": search})
    assert again.status_code == 200
    assert again.json()["data"]["id"] == first.json()["data"]["id"]
    assert "phone" not in again.json()["data"]  # update=false returns it unchanged
    updated = api.post(
        "/clients", json={"phone": "+52 55 1111 2222", "search": {**search, "update": True}}
    )
    assert updated.status_code == 200
    assert updated.json()["data"]["phone"] == "+52 55 1111 2222"
    # Two clients with the same email: a search on it is ambiguous.
    api.post("/clients", json={**NEW_CLIENT, "tax_id": "MADR880101AB2"})
    ambiguous = api.post(
        "/clients",
        json={**NEW_CLIENT, "search": {"on_key": "email", "on_value": NEW_CLIENT["email"]}},
    )
    assert_error(ambiguous, 409)
    assert len(api.get("/clients", params={"limit": 100}).json()["data"]) == 10


def test_get_update_delete_client(api: httpx.Client) -> None:
    got = api.get("/clients/client_demo_juan")
    assert got.status_code == 200
    assert got.json()["data"]["legal_name"] == "JUAN CARLOS HERNANDEZ MENDOZA"
    assert got.json()["data"]["address"]["street"] == "Av. Universidad 1200"
    put = api.put(
        "/clients/client_demo_juan", json={"email": "nuevo@correo.mx", "address": {"zip": "06600"}}
    )
    assert put.status_code == 200
    assert put.json()["data"]["email"] == "nuevo@correo.mx"
    assert put.json()["data"]["address"]["zip"] == "06600"
    assert put.json()["data"]["address"]["city"] == "Ciudad de México"  # merged, not replaced
    assert_error(api.put("/clients/client_demo_juan", json={"tax_system": "1"}), 400)
    deleted = api.delete("/clients/client_demo_juan")
    assert deleted.status_code == 200 and deleted.json()["data"]["id"] == "client_demo_juan"
    assert_error(api.get("/clients/client_demo_juan"), 404, "not_found")
    assert_error(api.delete("/clients/client_demo_juan"), 404, "not_found")


def test_validate_client(api: httpx.Client) -> None:
    response = api.post("/clients/validate/client_demo_constructora")
    assert response.status_code == 200
    assert response.json()["data"]["is_valid"] is True
    assert response.json()["data"]["efos"]["is_valid"] is True
    # An RFC with a wrong check digit passes format checks but not validation.
    created = api.post("/clients", json=NEW_CLIENT).json()["data"]
    assert api.post(f"/clients/validate/{created['id']}").json()["data"]["is_valid"] is False
    assert_error(api.post("/clients/validate/client_nope"), 404)


def test_customer_portal(api: httpx.Client, sandbox: Sandbox) -> None:
    by_id = api.post("/clients/customerportal", json={"id": "client_demo_ana"})
    assert by_id.status_code == 200
    data = by_id.json()["data"]
    assert data["url"].startswith(sandbox.root_url + "/portal/")
    assert data["expires_at"] > 0
    assert httpx.get(data["url"]).status_code == 200
    by_email = api.post("/clients/customerportal", json={"email": "ana.ramirez@correo.mx"})
    assert by_email.json()["data"]["client"] == "client_demo_ana"
    assert_error(api.post("/clients/customerportal", json={}), 400)
    assert_error(api.post("/clients/customerportal", json={"email": "x@y.mx"}), 404)


def test_stamp_pending_receipts(api: httpx.Client) -> None:
    data = api.post("/clients/client_demo_ana/stamp-pending-receipts").json()["data"]
    assert data == {"stamped": 0, "failed": 0, "remaining": 0, "results": []}
    assert_error(api.post("/clients/client_nope/stamp-pending-receipts"), 404)


# --- services ---------------------------------------------------------------------------------


def test_services_crud(api: httpx.Client) -> None:
    listed = api.get("/services", params={"limit": 100}).json()
    assert listed["message"] == "Services retrieved successfully"
    assert listed["total_results"] == 20
    created = api.post(
        "/services",
        json={
            "description": "Enmicado tamaño credencial",
            "sku": "SRV-003",
            "unit_price": 15,
            "product_key": "82121500",
            "unit_key": "E48",
            "unit_name": "Servicio",
            "taxes": [{"type": "iva", "rate": 0.16, "factor": "Tasa", "inclusive": True}],
        },
    )
    assert created.status_code == 201
    service = created.json()["data"]
    assert service["taxes"][0]["type"] == "IVA"
    got = api.get(f"/services/{service['id']}").json()["data"]
    assert got["sku"] == "SRV-003"
    put = api.put(f"/services/{service['id']}", json={"unit_price": 18})
    assert put.json()["data"]["unit_price"] == 18
    assert api.delete(f"/services/{service['id']}").status_code == 200
    assert_error(api.get(f"/services/{service['id']}"), 404)
    assert_error(api.post("/services", json={"description": "x", "unit_price": -1}), 400)
    assert_error(api.post("/services", json={"unit_price": 1}), 400)
    assert_error(api.put("/services/service_demo_lapiz", json={"product_key": "123"}), 400)
    assert_error(api.delete("/services/service_nope"), 404)


def test_services_have_skus_and_valid_barcodes(api: httpx.Client) -> None:
    services = api.get("/services", params={"limit": 100}).json()["data"]
    for service in services:
        code = service["barcode"]
        assert service["metadata"]["barcode"] == code and service["sku"]
        digits = [int(c) for c in code]
        assert len(digits) == 13
        assert sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    by_barcode = api.get("/services", params={"metadata.barcode": services[0]["barcode"]})
    assert [s["id"] for s in by_barcode.json()["data"]] == [services[0]["id"]]


# --- invoices (more in test_sandbox_invoices.py) --------------------------------------------


def test_invoices_list_get_create(api: httpx.Client) -> None:
    listed = api.get("/invoices/income").json()
    assert listed["message"] == "Invoices retrieved successfully"
    assert listed["total_results"] == 4
    invoice = listed["data"][0]
    got = api.get(f"/invoices/income/{invoice['uuid']}").json()["data"]
    assert got == invoice
    created = api.post(
        "/invoices/income",
        json={
            "client": {"id": "client_demo_constructora"},
            "payment_form": "03",
            "use": "G03",
            "items": [{"id": "service_demo_hojas", "quantity": 2}],
        },
    )
    assert created.status_code == 201
    assert created.json()["message"] == "Invoice created successfully"
    assert created.json()["data"]["status"] == "stamped"
    assert created.json()["data"]["total"] == 230.0
    assert_error(api.get("/invoices/income/invoice_nope"), 404)
    assert_error(api.post("/invoices/income", json={"client": {"id": "client_demo_ana"}}), 400)


# --- payments --------------------------------------------------------------------------------


def test_payments_list_get_cancel(api: httpx.Client) -> None:
    listed = api.get("/payments").json()
    assert listed["message"] == "Payments retrieved successfully"
    assert listed["total_results"] == 6
    payment = listed["data"][0]
    assert api.get(f"/payments/{payment['id']}").json()["data"]["id"] == payment["id"]
    cancelled = api.delete(f"/payments/{payment['id']}")
    assert cancelled.status_code == 200
    assert cancelled.json()["data"]["status"] == "canceled"
    assert_error(api.delete(f"/payments/{payment['id']}"), 409)
    assert_error(api.get("/payments/payment_nope"), 404)


def test_request_then_mark_paid(api: httpx.Client) -> None:
    requested = api.post(
        "/payments/request",
        json={
            "client": {"id": "client_demo_mariana"},
            "currency": "MXN",
            "items": [{"id": "service_demo_capuchino", "quantity": 1}],
            "automation_type": "pue_invoice",
            "allowed_payment_methods": ["card", "bank"],
        },
    )
    assert requested.status_code == 201
    payment = requested.json()["data"]
    assert payment["status"] == "requires_payment_method"
    assert payment["short_url"].startswith("http")
    assert payment["invoices"] == []
    paid = api.post(
        f"/payments/{payment['id']}/paid", json={"payment_form": "04", "date": 1_700_000_000}
    )
    assert paid.status_code == 200
    data = paid.json()["data"]
    assert data["status"] == "succeeded" and data["succeeded_at"] == 1_700_000_000
    assert len(data["invoices"]) == 1  # the requested automation ran on payment
    assert_error(api.post(f"/payments/{payment['id']}/paid", json={"payment_form": "04"}), 409)
    assert_error(
        api.post(
            "/payments/request",
            json={
                "client": {"id": "client_demo_mariana"},
                "items": [{"id": "service_demo_capuchino"}],
                "allowed_payment_methods": ["bitcoin"],
            },
        ),
        400,
    )


def test_mark_paid_validation(api: httpx.Client) -> None:
    payment = api.post(
        "/payments/request",
        json={
            "client": {"id": "client_demo_ana"},
            "items": [{"id": "service_demo_lapiz"}],
        },
    ).json()["data"]
    assert_error(api.post(f"/payments/{payment['id']}/paid", json={"payment_form": "77"}), 400)
    assert_error(api.post("/payments/payment_nope/paid", json={"payment_form": "01"}), 404)


def test_refund(api: httpx.Client) -> None:
    payment = api.post("/payments/register", json=register_body()).json()["data"]
    assert payment["total"] == 90.0
    too_much = api.post(f"/payments/{payment['id']}/refund", json={"amount": 90.01})
    assert_error(too_much, 400, "validation_failed")
    partial = api.post(
        f"/payments/{payment['id']}/refund",
        json={"amount": 40, "reason": "devolución", "external_processor_refund": False},
    )
    assert partial.status_code == 200
    assert partial.json()["data"]["status"] == "partially_refunded"
    assert partial.json()["data"]["refunded_amount"] == 40.0
    rest = api.post(f"/payments/{payment['id']}/refund", json={"amount": 50})
    assert rest.json()["data"]["status"] == "refunded"
    assert_error(api.post(f"/payments/{payment['id']}/refund", json={"amount": 1}), 409)


# --- teams -----------------------------------------------------------------------------------


def test_teams(api: httpx.Client) -> None:
    listed = api.get("/teams").json()
    assert listed["message"] == "Teams retrieved successfully"
    assert [t["id"] for t in listed["data"]][::-1] == [
        "team_mostrador_demo",
        "team_sucursal_norte",
        "team_sucursal_sur",
    ]
    team = api.get("/teams/team_mostrador_demo").json()["data"]
    assert team["brand"]["alias"] == "Papelería La Esquina"
    assert team["address"]["zip"] == "06700"
    created = api.post(
        "/teams",
        json={
            "brand": {"alias": "Café La Esquina"},
            "tax_id": "EKU9003173C9",
            "tax_system": "601",
            "address": {"country": "Mexico", "zip": "06700"},
        },
    )
    assert created.status_code == 201
    new_id = created.json()["data"]["id"]
    assert created.json()["data"]["address"]["country"] == "MEX"
    # A created team is reachable with ?team= right away.
    assert api.get("/clients", params={"team": new_id}).json()["total_results"] == 0
    # brand/address are optional objects (REFERENCE §8.2); inside them alias/country are required.
    assert api.post("/teams", json={"tax_id": "EKU9003173C9"}).status_code == 201
    assert_error(api.post("/teams", json={"tax_id": "EKU9003173C9", "brand": {}}), 400)
    assert_error(api.post("/teams", json={"tax_id": "EKU9003173C9", "address": {"zip": "1"}}), 400)
    assert_error(api.post("/teams", json={"brand": {"alias": "Sin RFC"}}), 400)
    updated = api.put("/teams/team_mostrador_demo", json={"support_email": "ayuda@esquina.mx"})
    assert updated.json()["data"]["support_email"] == "ayuda@esquina.mx"
    assert_error(api.put("/teams/team_mostrador_demo", json={"tax_id": "nope"}), 400)
    assert_error(api.get("/teams/team_nope"), 404)


def test_team_integrations(api: httpx.Client) -> None:
    data = api.get("/teams/integrations").json()["data"]
    assert data["team"] == "team_mostrador_demo" and data["sat"]["completed"] is True
    norte = api.get("/teams/integrations", params={"team": "team_sucursal_norte"}).json()
    assert norte["data"]["team"] == "team_sucursal_norte"
    assert_error(api.get("/teams/integrations", params={"team": "team_x"}), 403)


def test_team_members(api: httpx.Client) -> None:
    user = api.post("/users", json={"email": "caja2@esquina.mx", "first_name": "Lupita"})
    user_id = user.json()["data"]["id"]
    added = api.post(
        "/teams/team_mostrador_demo/add-member", json={"id": user_id, "role": "editor"}
    )
    assert added.json() == {"message": "Operation completed successfully", "data": {}}
    members = api.get("/teams/team_mostrador_demo").json()["data"]["members"]
    assert {"id": user_id, "email": "caja2@esquina.mx", "role": "editor"} in members
    assert_error(
        api.post("/teams/team_mostrador_demo/add-member", json={"id": user_id, "role": "god"}), 400
    )
    removed = api.post("/teams/team_mostrador_demo/remove-member", json={"id": user_id})
    assert removed.status_code == 200
    assert_error(api.post("/teams/team_mostrador_demo/remove-member", json={"id": user_id}), 404)
    assert_error(
        api.post("/teams/team_mostrador_demo/remove-member", json={"id": "user_demo_owner"}), 409
    )


def test_team_series(api: httpx.Client) -> None:
    series = api.get("/teams/team_mostrador_demo/series").json()["data"]
    assert {s["series"] for s in series} == {"A", "MOS"}
    created = api.post("/teams/team_mostrador_demo/series", json={"series": "T1", "test": 99})
    assert created.status_code == 201 and created.json()["data"]["test"] == 99
    assert_error(api.post("/teams/team_mostrador_demo/series", json={"series": "T1"}), 409)
    updated = api.put("/teams/team_mostrador_demo/series/T1", json={"test": 500})
    assert updated.json()["data"]["test"] == 500
    assert_error(api.put("/teams/team_mostrador_demo/series/ZZ", json={"test": 1}), 404)
    assert_error(api.get("/teams/team_nope/series"), 404)
    assert_error(api.post("/teams/team_mostrador_demo/series", json={"series": "A-1"}), 400)
    # The next invoice on T1 takes folio 501.
    invoice = api.post(
        "/payments/register",
        json=register_body(
            client={"id": "client_demo_juan"},
            automation_type="pue_invoice",
            invoice_config={"serie": "T1"},
        ),
    ).json()["data"]
    got = api.get(f"/invoices/income/{invoice['invoices'][0]}").json()["data"]
    assert (got["series"], got["folio_number"]) == ("T1", 501)


def test_team_settings(api: httpx.Client) -> None:
    response = api.put(
        "/teams/team_mostrador_demo/settings",
        json={
            "product_key": "81112209",
            "unit_key": "E48",
            "use": "G03",
            "invoice_pdf_notes": None,
        },
    )
    assert response.status_code == 200
    assert response.json()["data"]["product_key"] == "81112209"
    team = api.get("/teams/team_mostrador_demo").json()["data"]
    assert team["settings"]["unit_key"] == "E48"
    assert_error(api.put("/teams/team_mostrador_demo/settings", json={"use": "X"}), 400)


# --- users ----------------------------------------------------------------------------------


def test_users(api: httpx.Client) -> None:
    listed = api.get("/users").json()
    assert listed["message"] == "Users retrieved successfully"
    assert listed["total_results"] == 2
    created = api.post(
        "/users",
        json={
            "email": "nuevo@esquina.mx",
            "first_name": "Ana",
            "last_name": "Pérez",
            "auto_join": True,
            "role": "viewer",
            "address": {"zip": "06700", "municipality": "Cuauhtémoc"},
        },
    )
    assert created.status_code == 201
    user = created.json()["data"]
    assert user["name"] == "Ana Pérez" and user["invitation_sent"] is True
    assert "municipality" not in user["address"]  # documented: stored, not returned
    assert user["teams"] == [
        {"team_id": "team_mostrador_demo", "team_name": "Papelería La Esquina", "role": "viewer"}
    ]
    assert_error(api.post("/users", json={"email": "nuevo@esquina.mx"}), 409)
    assert_error(api.post("/users", json={"first_name": "Sin correo"}), 400)
    got = api.get(f"/users/{user['id']}").json()
    assert got["message"] == "User retrieved successfully"
    updated = api.put(f"/users/{user['id']}", json={"firstName": "Ana María"}).json()["data"]
    assert updated["name"] == "Ana María Pérez"
    assert_error(api.get("/users/user_nope"), 404)
    reset = api.post("/users/reset-password", json={"email": "nuevo@esquina.mx"})
    assert reset.json() == {
        "message": "Password reset email sent",
        "data": {"email": "nuevo@esquina.mx"},
    }
    assert_error(api.post("/users/reset-password", json={}), 400)


# --- routing ---------------------------------------------------------------------------------


def test_unknown_route_and_method(api: httpx.Client) -> None:
    """Routes the sandbox does not implement answer 404 in gigstack's error shape, also a
    known path with a method it does not implement (gigstack does not say 405)."""
    assert_error(api.get("/nope"), 404, "not_found")
    assert_error(api.patch("/clients"), 404, "not_found")
    for method, path in [
        ("GET", "/invoices/egress"),
        ("GET", "/invoices/payment"),
        ("POST", "/invoices/inv_1/send"),
        ("GET", "/webhooks"),
        ("PUT", "/payments/payment_1"),
        ("GET", "/teams/team_mostrador_demo/onboarding-url"),
    ]:
        body = assert_error(api.request(method, path), 404, "not_found")
        assert path in body["message"]
