"""Register payment: totals, client search/auto-create, automations, idempotency, filters."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from desktop.sandbox import Sandbox
from tests.sandbox.sandbox_helpers import inline_item, iva, register_body

ISR_RET = {"type": "ISR", "rate": 0.10, "factor": "Tasa", "withholding": True}
IVA_RET = {"type": "IVA", "rate": 0.106667, "factor": "Tasa", "withholding": True}
EXEMPT = {"type": "IVA", "rate": 0.0, "factor": "Exento", "withholding": False}

JUAN = {"id": "client_demo_juan"}


def register(api: httpx.Client, items: list[dict], **extra: object) -> dict:
    response = api.post("/payments/register", json=register_body(items=items, **extra))
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "Payment registered successfully"
    return response.json()["data"]


def totals(payment: dict) -> tuple[float, float, float, float]:
    return payment["subtotal"], payment["discount"], payment["taxes"], payment["total"]


def test_exclusive_iva(api: httpx.Client) -> None:
    payment = register(api, [inline_item(1000, [iva()])])
    assert totals(payment) == (1000.0, 0.0, 160.0, 1160.0)
    for key in ("subtotal", "taxes", "total"):
        assert isinstance(payment[key], float)  # JSON numbers, not strings


def test_inclusive_iva_keeps_the_amount_paid(api: httpx.Client) -> None:
    payment = register(api, [inline_item(116, [iva(inclusive=True)])])
    assert totals(payment) == (100.0, 0.0, 16.0, 116.0)
    # 3 x 25.00 tax included: base 64.66, IVA takes the rounding so the total stays 75.00.
    payment = register(api, [inline_item(25, [iva(inclusive=True)], quantity=3)])
    assert totals(payment) == (64.66, 0.0, 10.34, 75.0)


def test_withholding_subtracts(api: httpx.Client) -> None:
    payment = register(api, [inline_item(1000, [iva(), ISR_RET, IVA_RET])])
    # 160 IVA - 100 ISR - 106.67 IVA withheld
    assert totals(payment) == (1000.0, 0.0, -46.67, 953.33)


def test_exempt_contributes_nothing(api: httpx.Client) -> None:
    payment = register(api, [inline_item(500, [EXEMPT])])
    assert totals(payment) == (500.0, 0.0, 0.0, 500.0)


def test_discount_reduces_the_tax_base(api: httpx.Client) -> None:
    payment = register(api, [inline_item(100, [iva()], quantity=2, discount=50)])
    assert totals(payment) == (200.0, 50.0, 24.0, 174.0)


def test_inclusive_discount(api: httpx.Client) -> None:
    payment = register(api, [inline_item(116, [iva(inclusive=True)], discount=11.6)])
    assert totals(payment) == (100.0, 10.0, 14.4, 104.4)


def test_service_reference_and_unit_price_override(api: httpx.Client) -> None:
    payment = register(
        api,
        [
            {"id": "service_demo_cuaderno", "quantity": 2},  # 45.00 IVA included
            {"id": "service_demo_leche", "quantity": 1},  # 28.50 IVA 0 %
            {"id": "service_demo_hojas", "quantity": 1, "unit_price": 100},  # override
        ],
    )
    assert payment["total"] == 90 + 28.5 + 100
    assert payment["subtotal"] == pytest.approx(77.59 + 28.5 + 86.21)
    items = payment["items"]
    assert items[0]["id"] == "service_demo_cuaderno"
    assert items[0]["description"] == "Cuaderno profesional raya 100 hojas"
    assert items[2]["unit_price"] == 100.0
    assert items[0]["product_key"] == "14111514" and items[1]["unit_key"] == "LTR"


def test_ieps_inclusive(api: httpx.Client) -> None:
    payment = register(api, [{"id": "service_demo_papas", "quantity": 2}])  # 18.00 with IEPS 8 %
    assert totals(payment) == (33.33, 0.0, 2.67, 36.0)


def test_register_response_shape(api: httpx.Client) -> None:
    payment = register(
        api,
        [{"id": "service_demo_lapiz", "quantity": 1}],
        metadata={"local_id": "L-1", "terminal": 2},
    )
    assert payment["status"] == "succeeded"
    assert payment["payment_processor"] == "api"
    assert (
        isinstance(payment["created_at"], int) and payment["succeeded_at"] >= payment["created_at"]
    )
    assert payment["metadata"] == {"local_id": "L-1", "terminal": 2}
    assert payment["client"]["id"] == "client_demo_publico"
    assert payment["invoices"] == []
    assert payment["livemode"] is False


@pytest.mark.parametrize(
    ("patch", "field", "status"),
    [
        ({"payment_form": "77"}, "payment_form", 400),
        (
            {"payment_form": "99", "automation_type": "pue_invoice", "client": JUAN},
            "payment_form",
            400,
        ),
        ({"paid": "yes"}, "paid", 400),
        ({"items": []}, "items", 400),
        ({"items": [{"id": "service_demo_lapiz", "quantity": 0}]}, "quantity", 400),
        ({"items": [{"id": "service_demo_lapiz", "unit_price": -1}]}, "unit_price", 400),
        (
            {"items": [{"description": "x", "unit_price": 1, "taxes": [{"type": "VAT"}]}]},
            "type",
            400,
        ),
        ({"automation_type": "magic"}, "automation_type", 400),
        ({"client": {"id": "client_nope"}}, "client_nope", 404),
        ({"items": [{"id": "service_nope"}]}, "service_nope", 404),
    ],
)
def test_register_validation(api: httpx.Client, patch: dict, field: str, status: int) -> None:
    before = api.get("/payments").json()["total_results"]
    response = api.post("/payments/register", json=register_body(**patch))
    assert response.status_code == status, response.text
    assert field in response.json()["message"]
    assert api.get("/payments").json()["total_results"] == before  # nothing stored


def test_pue_invoice_is_stamped_listed_and_fetchable(api: httpx.Client) -> None:
    payment = register(
        api,
        [{"id": "service_demo_cuaderno", "quantity": 1}],
        automation_type="pue_invoice",
        client={"id": "client_demo_juan"},
        payment_form="04",
    )
    assert len(payment["invoices"]) == 1
    invoice_id = payment["invoices"][0]
    assert invoice_id.startswith("invoice_")
    invoice = api.get(f"/invoices/income/{invoice_id}").json()["data"]
    assert invoice["status"] == "valid"
    assert invoice["payment_method"] == "PUE" and invoice["payment_form"] == "04"
    assert invoice["total"] == payment["total"] == 45.0
    assert re.fullmatch(
        r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", invoice["stamp"]["uuid"]
    )
    assert (invoice["series"], invoice["folio_number"]) == ("A", 4)  # after 3 seeded A folios
    listed = api.get("/invoices/income", params={"client_id": "client_demo_juan"}).json()
    assert invoice_id in [i["uuid"] for i in listed["data"]]


@pytest.mark.parametrize("alias", ["payment", "stamp_invoice"])
def test_pue_aliases(api: httpx.Client, alias: str) -> None:
    payment = register(api, [{"id": "service_demo_lapiz"}], automation_type=alias, client=JUAN)
    assert len(payment["invoices"]) == 1
    assert payment["invoice_id"] == payment["invoices"][0]


@pytest.mark.parametrize("alias", ["ppd_invoice_and_complement", "payment_and_complement"])
def test_ppd_invoice_with_complement(api: httpx.Client, alias: str) -> None:
    payment = register(api, [{"id": "service_demo_lapiz"}], automation_type=alias, client=JUAN)
    invoice = api.get(f"/invoices/income/{payment['invoices'][0]}").json()["data"]
    assert invoice["payment_method"] == "PPD" and invoice["payment_form"] == "99"
    assert invoice["last_balance"] == 0.0
    assert invoice["payment_complements"][0]["amount"] == payment["total"]


def test_client_without_fiscal_data_gets_a_receipt_not_a_400(api: httpx.Client) -> None:
    """REFERENCE.md 16.1: gigstack registers the sale and makes a receipt instead."""
    client = api.post("/clients", json={"name": "Sin RFC", "email": "sinrfc@correo.mx"})
    response = api.post(
        "/payments/register",
        json=register_body(
            client={"id": client.json()["data"]["id"]}, automation_type="pue_invoice"
        ),
    )
    assert response.status_code == 201, response.text
    payment = response.json()["data"]
    assert payment["invoices"] == [] and "invoice_id" not in payment
    receipt = api.get(f"/receipts/{payment['receipt_id']}").json()["data"]
    assert receipt["status"] == "pending" and "tax_id" in receipt["receipt_reason"]


def test_client_search_auto_create_once(api: httpx.Client) -> None:
    client = {
        "search": {"on_key": "tax_id", "on_value": "GAMA750505KL1", "auto_create": True},
        "name": "Alma García Mora",
        "legal_name": "ALMA GARCIA MORA",
        "email": "alma@correo.mx",
        "tax_system": "612",
        "use": "G03",
        "address": {"zip": "06700", "country": "Mexico"},
    }
    first = register(
        api, [{"id": "service_demo_lapiz"}], client=client, automation_type="pue_invoice"
    )
    second = register(api, [{"id": "service_demo_lapiz"}], client=client)
    assert first["client"]["id"] == second["client"]["id"]
    found = api.get("/clients", params={"tax_id": "GAMA750505KL1"}).json()
    assert found["total_results"] == 1
    missing = api.post(
        "/payments/register",
        json=register_body(client={"search": {"on_key": "tax_id", "on_value": "ZZZZ750505KL1"}}),
    )
    assert missing.status_code == 404


def test_idempotency_replay_and_conflict(api: httpx.Client) -> None:
    body = register_body(
        idempotency_key="sale-0001",
        automation_type="pue_invoice",
        client=JUAN,
        metadata={"local_id": "sale-0001"},
    )
    first = api.post("/payments/register", json=body)
    assert first.status_code == 201
    replay = api.post("/payments/register", json=body)
    assert replay.status_code == 200
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    found = api.get("/payments", params={"metadata.local_id": "sale-0001"}).json()
    assert found["total_results"] == 1
    assert api.get("/invoices/income").json()["total_results"] == 5  # one new invoice only
    other = api.post("/payments/register", json={**body, "payment_form": "03"})
    assert other.status_code == 409
    assert other.json()["error"] == "idempotency_conflict"


def test_idempotency_keys_are_per_team(api: httpx.Client) -> None:
    body = register_body(idempotency_key="same-key", client={"id": "client_demo_publico"})
    main = api.post("/payments/register", json=body)
    norte = api.post("/payments/register", json=body, params={"team": "team_sucursal_norte"})
    assert main.status_code == norte.status_code == 201
    assert main.json()["data"]["id"] != norte.json()["data"]["id"]


def test_idempotent_request_payment_and_invoice(api: httpx.Client) -> None:
    request_body = {
        "client": {"id": "client_demo_ana"},
        "items": [{"id": "service_demo_lapiz"}],
        "idempotency_key": "req-1",
    }
    a = api.post("/payments/request", json=request_body)
    b = api.post("/payments/request", json=request_body)
    assert (a.status_code, b.status_code) == (201, 200)
    assert a.json()["data"]["id"] == b.json()["data"]["id"]
    invoice_body = {
        "client": {"id": "client_demo_juan"},
        "payment_form": "01",
        "items": [{"id": "service_demo_lapiz"}],
        "idempotency_key": "inv-1",
    }
    c = api.post("/invoices/income", json=invoice_body)
    d = api.post("/invoices/income", json=invoice_body)
    assert (c.status_code, d.status_code) == (201, 200)
    assert c.json()["data"]["uuid"] == d.json()["data"]["uuid"]
    e = api.post("/invoices/income", json={**invoice_body, "payment_form": "03"})
    assert e.status_code == 409


def test_metadata_filters_both_spellings(api: httpx.Client) -> None:
    for n in range(3):
        register(api, [{"id": "service_demo_lapiz"}], metadata={"local_id": f"L-{n}", "n": n})
    dotted = api.get("/payments", params={"metadata.local_id": "L-1"}).json()
    underscored = api.get("/payments", params={"metadata_local_id": "L-1"}).json()
    assert dotted["total_results"] == underscored["total_results"] == 1
    assert dotted["data"][0]["metadata"]["local_id"] == "L-1"
    assert api.get("/payments", params={"metadata.n": "2"}).json()["total_results"] == 1
    assert api.get("/payments", params={"metadata.local_id": "L-9"}).json()["data"] == []


def test_payment_filters(api: httpx.Client) -> None:
    assert api.get("/payments", params={"status": "succeeded"}).json()["total_results"] == 6
    by_client = api.get("/payments", params={"client_id": "client_demo_publico"}).json()
    assert by_client["total_results"] == 2
    assert api.get("/payments", params={"tax_id": "XAXX010101000"}).json()["total_results"] == 2
    assert api.get("/payments", params={"currency": "USD"}).json()["total_results"] == 0
    assert (
        api.get("/payments", params={"email": "ana.ramirez@correo.mx"}).json()["total_results"] == 1
    )


def test_created_filters_and_sort(api: httpx.Client, sandbox: Sandbox) -> None:
    everything = api.get("/payments", params={"limit": 100}).json()["data"]
    times = [p["created_at"] for p in everything]
    assert times == sorted(times, reverse=True)  # default sort desc (newest first)
    ascending = api.get("/payments", params={"limit": 100, "sort": "asc"}).json()["data"]
    assert [p["id"] for p in ascending] == [p["id"] for p in everything][::-1]
    middle = sorted(times)[2]
    gte = api.get("/payments", params={"created[gte]": middle}).json()
    gte2 = api.get("/payments", params={"created_gte": middle}).json()
    assert gte["total_results"] == gte2["total_results"] == 4
    lte = api.get("/payments", params={"created[lte]": middle}).json()
    assert lte["total_results"] == 3
    bad = api.get("/payments", params={"created[gte]": "yesterday"})
    assert bad.status_code == 400 and "created[gte]" in bad.json()["message"]
    assert api.get("/payments", params={"sort": "up"}).status_code == 400


def test_concurrent_registers_with_one_key_create_one_payment(sandbox: Sandbox) -> None:
    shared = register_body(idempotency_key="race-1", metadata={"local_id": "race-1"})
    bodies = [shared] * 8 + [
        register_body(idempotency_key=f"solo-{n}", metadata={"local_id": f"solo-{n}"})
        for n in range(8)
    ]

    def send(body: dict) -> int:
        with httpx.Client(
            base_url=sandbox.base_url, timeout=10, headers={"Authorization": sandbox.api_key}
        ) as client:
            return client.post("/payments/register", json=body).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(send, bodies))
    assert statuses.count(201) == 9 and statuses.count(200) == 7
    with httpx.Client(
        base_url=sandbox.base_url, headers={"Authorization": sandbox.api_key}
    ) as client:
        assert (
            client.get("/payments", params={"metadata.local_id": "race-1"}).json()["total_results"]
            == 1
        )
        assert client.get("/payments").json()["total_results"] == 6 + 9
