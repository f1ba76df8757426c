"""Receipts over HTTP: create/list/get/cancel/stamp, the self-invoice page, register
automations that end in a receipt, stamp-pending-receipts and the end-of-period run."""

from __future__ import annotations

import datetime as dt
import re
import time

import httpx
import pytest

from desktop.sandbox import Sandbox
from desktop.sandbox.receipts import PERIOD_TZ, period_bounds
from tests.sandbox.sandbox_helpers import register_body

JUAN = {"id": "client_demo_juan"}
PUBLICO = {"id": "client_demo_publico"}
FISCAL = {
    "legal_name": "ROSA MARIA LOPEZ DIAZ",
    "tax_id": "LODR800101AB1",
    "tax_system": "612",
    "zip": "03100",
}


def receipt_body(**overrides: object) -> dict:
    body: dict = {
        "client": PUBLICO,
        "currency": "MXN",
        "payment_form": "01",
        "items": [{"id": "service_demo_cuaderno", "quantity": 2}],
    }
    body.update(overrides)
    return body


def create(api: httpx.Client, **overrides: object) -> dict:
    response = api.post("/receipts", json=receipt_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()["data"]


def month_end(epoch: int) -> int:
    """Last second of the calendar month holding ``epoch`` in Mexico City time (UTC-6)."""
    local = dt.datetime.fromtimestamp(epoch, PERIOD_TZ)
    first_next = (local.replace(day=28) + dt.timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    return int(first_next.timestamp()) - 1


def assert_error(response: httpx.Response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["message"], str) and body["message"]
    if error is not None:
        assert body["error"] == error
    return body


# --- create / get / list -------------------------------------------------------------------


def test_create_receipt_has_url_period_and_totals(api: httpx.Client, sandbox: Sandbox) -> None:
    before = int(time.time())
    receipt = create(api, metadata={"local_id": "R-1"})
    assert re.fullmatch(r"receipt_[0-9a-f]{16}", receipt["id"])
    assert receipt["status"] == "pending"
    assert receipt["total"] == 90.0 and receipt["subtotal"] == 77.59 and receipt["taxes"] == 12.41
    assert receipt["currency"] == "MXN" and receipt["payment_form"] == "01"
    assert receipt["client"]["id"] == "client_demo_publico"
    assert receipt["periodicity"] == "month"  # the team's default periodicity
    assert before <= receipt["created"] <= int(time.time())
    assert receipt["validUntil"] == month_end(receipt["created"])
    assert receipt["url"] == f"{sandbox.root_url}/autofactura/{receipt['id']}"
    got = api.get(f"/receipts/{receipt['id']}")
    assert got.status_code == 200 and got.json()["data"] == receipt
    assert got.json()["message"] == "Receipt retrieved successfully"


def test_self_invoice_page_opens_and_stamps(api: httpx.Client) -> None:
    receipt = create(api)
    page = httpx.get(receipt["url"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Factura tu compra" in page.text and "$90.00 MXN" in page.text
    # gigstack's own link form (?id=) opens the same page.
    base = receipt["url"].rsplit("/", 1)[0]
    assert "Factura tu compra" in httpx.get(base, params={"id": receipt["id"]}).text
    # Opening the page marks the receipt "open" (still stampable, still in the global run).
    assert api.get(f"/receipts/{receipt['id']}").json()["data"]["status"] == "open"
    bad = httpx.post(receipt["url"], data={**FISCAL, "tax_id": "NOT-AN-RFC"})
    assert "not a valid RFC" in bad.text
    assert api.get(f"/receipts/{receipt['id']}").json()["data"]["status"] == "open"
    done = httpx.post(receipt["url"], data={**FISCAL, "use": "G03"})
    assert "timbrada" in done.text
    stamped = api.get(f"/receipts/{receipt['id']}").json()["data"]
    assert stamped["status"] == "invoiced"
    invoice = api.get(f"/invoices/income/{stamped['invoice_id']}").json()["data"]
    assert invoice["client"]["tax_id"] == FISCAL["tax_id"] and invoice["use"] == "G03"
    assert "ya fue facturado" in httpx.get(receipt["url"]).text
    assert httpx.get(f"{base}/receipt_nope").status_code == 404


def test_receipt_idempotency_returns_the_existing_receipt(api: httpx.Client) -> None:
    first = api.post("/receipts", json=receipt_body(idempotency_key="rk-1"))
    again = api.post("/receipts", json=receipt_body(idempotency_key="rk-1"))
    other = api.post("/receipts", json=receipt_body(idempotency_key="rk-1", payment_form="03"))
    assert first.status_code == 201
    assert again.status_code == other.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    # n8n: "if a receipt with this key already exists, the existing receipt is returned".
    assert again.json()["data"] == other.json()["data"] == first.json()["data"]
    listed = api.get("/receipts", params={"client_id": "client_demo_publico", "status": "pending"})
    assert [r["id"] for r in listed.json()["data"]].count(first.json()["data"]["id"]) == 1


def test_list_filters_and_cursor_pagination(api: httpx.Client) -> None:
    made = [create(api)["id"] for _ in range(3)]
    mine = create(api, client=JUAN)
    page1 = api.get("/receipts", params={"limit": 2, "status": "pending"}).json()
    assert page1["message"] == "Receipts retrieved successfully"
    assert page1["has_more"] is True and len(page1["data"]) == 2
    page2 = api.get("/receipts", params={"limit": 2, "next": page1["next"]}).json()
    seen = [r["id"] for r in page1["data"] + page2["data"]]
    assert seen == [mine["id"], *reversed(made)]  # newest first
    by_client = api.get("/receipts", params={"client_id": "client_demo_juan"}).json()
    assert [r["id"] for r in by_client["data"]] == [mine["id"]]
    since = api.get("/receipts", params={"created[gte]": mine["created"] + 10**6}).json()
    assert since["data"] == [] and since["total_results"] == 0
    assert_error(api.get("/receipts", params={"limit": 0}), 400, "validation_failed")
    assert_error(api.get("/receipts/receipt_nope"), 404, "not_found")


def test_create_validation_stores_nothing(api: httpx.Client) -> None:
    before = api.get("/receipts").json()["total_results"]
    for patch in (
        {"client": None},
        {"items": []},
        {"periodicity": "year"},
        {"payment_form": "77"},
        {"items": [{"id": "service_demo_lapiz", "quantity": 1e-9}]},
    ):
        response = api.post("/receipts", json=receipt_body(**patch))
        assert_error(response, 400, "validation_failed")
    assert_error(api.post("/receipts", json=receipt_body(client={"id": "client_nope"})), 404)
    assert api.get("/receipts").json()["total_results"] == before


# --- periodicity -----------------------------------------------------------------------------


@pytest.mark.parametrize("periodicity", ["day", "week", "two_weeks", "month", "two_months"])
def test_valid_until_follows_the_team_periodicity(api: httpx.Client, periodicity: str) -> None:
    settings = api.put("/teams/team_mostrador_demo/settings", json={"periodicity": periodicity})
    assert settings.status_code == 200 and settings.json()["data"]["periodicity"] == periodicity
    receipt = create(api)
    assert receipt["periodicity"] == periodicity
    start, end = period_bounds(periodicity, receipt["created"])
    assert receipt["validUntil"] == end - 1
    local_end = dt.datetime.fromtimestamp(end, PERIOD_TZ)
    assert (local_end.hour, local_end.minute, local_end.second) == (0, 0, 0)
    if periodicity == "week":
        assert local_end.weekday() == 0  # periods end on Sunday night
    if periodicity in ("month", "two_months"):
        assert local_end.day == 1
    assert start <= receipt["created"] < end


def test_periodicity_legacy_object_and_explicit_value(api: httpx.Client) -> None:
    legacy = {"periodicity": {"label": "Semana", "value": "week"}}
    stored = api.put("/teams/team_mostrador_demo/settings", json=legacy).json()["data"]
    assert stored["periodicity"] == "week"
    assert create(api, periodicity="day")["periodicity"] == "day"
    assert_error(
        api.put("/teams/team_mostrador_demo/settings", json={"periodicity": "yearly"}), 400
    )


# --- stamping ---------------------------------------------------------------------------------


def test_stamp_to_client_with_fiscal_information(api: httpx.Client, sandbox: Sandbox) -> None:
    receipt = create(api, invoice_config={"serie": "MOS"})
    response = api.post(
        f"/receipts/{receipt['id']}/stamp",
        json={"stamp_to": "client", "fiscal_information": FISCAL, "date": 1677651234000},
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["status"] == "invoiced" and data["stamp_to"] == "client"
    invoice = data["invoice"]
    assert data["invoice_id"] == invoice["uuid"] and data["invoices"] == [invoice["uuid"]]
    assert invoice["client"]["tax_id"] == "LODR800101AB1"
    assert invoice["receiver_name"] == "ROSA MARIA LOPEZ DIAZ"
    assert invoice["series"] == "MOS" and invoice["payment_method"] == "PUE"
    assert invoice["payment_form"] == "01" and invoice["total"] == receipt["total"]
    assert invoice["receipts"] == [receipt["id"]]
    assert invoice["metadata"]["receipt_id"] == receipt["id"]
    # A real stamped invoice: listed, with its PDF and XML.
    files = api.get(f"/invoices/{invoice['uuid']}/files").json()["data"]
    pdf = httpx.get(files["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    xml = httpx.get(files["xml"])
    assert invoice["stamp"]["uuid"].encode() in xml.content
    assert_error(
        api.post(f"/receipts/{receipt['id']}/stamp", json={"stamp_to": "client"}),
        409,
        "already_invoiced",
    )
    assert_error(api.delete(f"/receipts/{receipt['id']}"), 409, "receipt_not_cancellable")


@pytest.mark.parametrize(
    ("target", "rfc"),
    [("general_public_national", "XAXX010101000"), ("general_public_foreign", "XEXX010101000")],
)
def test_stamp_to_general_public(api: httpx.Client, target: str, rfc: str) -> None:
    receipt = create(api, client=JUAN)
    data = api.post(f"/receipts/{receipt['id']}/stamp", json={"stamp_to": target}).json()["data"]
    invoice = data["invoice"]
    assert invoice["client"]["tax_id"] == rfc
    assert invoice["use"] == "S01" and invoice["receiver_name"] == "PUBLICO EN GENERAL"
    assert invoice["global_information"]["periodicity"] == "04"


def test_stamp_refusals_leave_the_receipt_pending(api: httpx.Client) -> None:
    receipt = create(api)  # público en general: no RFC of its own
    rid = receipt["id"]
    for body, field in (
        ({"stamp_to": "client"}, "stamp_to"),
        ({"stamp_to": "someone"}, "stamp_to"),
        ({"fiscal_information": {**FISCAL, "tax_id": "BAD"}}, "fiscal_information.tax_id"),
        ({"fiscal_information": {**FISCAL, "tax_system": "999"}}, "fiscal_information.tax_system"),
        ({"fiscal_information": {**FISCAL, "zip": "1"}}, "fiscal_information.zip"),
        ({"fiscal_information": {**FISCAL, "use": "P01"}}, "use"),
    ):
        body_out = assert_error(api.post(f"/receipts/{rid}/stamp", json=body), 400)
        assert field in body_out["message"]
    assert api.get(f"/receipts/{rid}").json()["data"]["status"] == "pending"
    assert_error(api.post("/receipts/receipt_nope/stamp", json={}), 404, "not_found")


def test_cancel_receipt(api: httpx.Client) -> None:
    receipt = create(api)
    cancelled = api.delete(f"/receipts/{receipt['id']}")
    assert cancelled.status_code == 200
    assert cancelled.json()["data"]["status"] == "cancelled"
    assert_error(api.delete(f"/receipts/{receipt['id']}"), 409, "already_cancelled")
    stamp = api.post(f"/receipts/{receipt['id']}/stamp", json={"fiscal_information": FISCAL})
    assert_error(stamp, 409)
    assert api.get("/receipts", params={"status": "canceled"}).json()["total_results"] == 1


def test_expired_receipt_cannot_be_stamped(api: httpx.Client, sandbox: Sandbox) -> None:
    receipt = create(api)
    team = sandbox.store.teams[sandbox.team]
    with sandbox.store.lock:  # the period ended (a clock cannot be waited on in a test)
        record = dict(team.receipts.records[receipt["id"]])
        record["validUntil"] = int(time.time()) - 1
        team.receipts.replace(record)
    assert api.get(f"/receipts/{receipt['id']}").json()["data"]["status"] == "expired"
    stamp = api.post(f"/receipts/{receipt['id']}/stamp", json={"fiscal_information": FISCAL})
    assert_error(stamp, 409, "receipt_expired")
    assert api.get("/receipts", params={"status": "expired"}).json()["total_results"] == 1


# --- register -> receipt ----------------------------------------------------------------------


def test_register_automation_receipt_links_both_ways(api: httpx.Client) -> None:
    response = api.post(
        "/payments/register", json=register_body(client=JUAN, automation_type="receipt")
    )
    assert response.status_code == 201, response.text
    payment = response.json()["data"]
    assert payment["invoices"] == [] and payment["automation_type"] == "receipt"
    receipt = api.get(f"/receipts/{payment['receipt_id']}").json()["data"]
    assert receipt["payment_id"] == payment["id"] and receipt["payments"] == [payment["id"]]
    assert receipt["total"] == payment["total"] and receipt["client"]["id"] == "client_demo_juan"
    assert "receipt_reason" not in receipt  # asked for, not a fallback
    # The customer comes back with an RFC: the payment now points at the invoice too.
    stamped = api.post(f"/receipts/{receipt['id']}/stamp", json={"stamp_to": "client"})
    invoice_id = stamped.json()["data"]["invoice_id"]
    again = api.get(f"/payments/{payment['id']}").json()["data"]
    assert again["invoice_id"] == invoice_id and again["invoices"] == [invoice_id]
    assert again["receipt_id"] == receipt["id"]


@pytest.mark.parametrize(
    ("client", "reason"),
    [
        (PUBLICO, "público en general"),
        (
            {
                "search": {"on_key": "email", "on_value": "walkin@correo.mx", "auto_create": True},
                "name": "Cliente de paso",
            },
            "tax_id",
        ),
        (
            {
                "search": {"on_key": "tax_id", "on_value": "SIRE900101AB1", "auto_create": True},
                "name": "Sin régimen",
                "email": "sinregimen@correo.mx",
            },
            "tax_system",
        ),
    ],
)
@pytest.mark.parametrize("automation", ["pue_invoice", None])
def test_register_without_fiscal_data_answers_2xx_with_a_receipt(
    api: httpx.Client, client: dict, reason: str, automation: str | None
) -> None:
    body = register_body(client=client, automation_type=automation)
    if automation is None:
        del body["automation_type"]  # the default is a counter sale: invoice or receipt
    response = api.post("/payments/register", json=body)
    assert response.status_code == 201, response.text
    payment = response.json()["data"]
    assert payment["status"] == "succeeded" and payment["invoices"] == []
    receipt = api.get(f"/receipts/{payment['receipt_id']}").json()["data"]
    assert receipt["status"] == "pending" and reason in receipt["receipt_reason"]


def test_register_with_complete_data_stamps_an_invoice(api: httpx.Client) -> None:
    payment = api.post(
        "/payments/register", json=register_body(client=JUAN, automation_type="pue_invoice")
    ).json()["data"]
    assert "receipt_id" not in payment
    assert payment["invoice_id"] == payment["invoices"][0]
    assert api.get(f"/invoices/income/{payment['invoice_id']}").status_code == 200


def test_register_accepts_every_field_of_the_seed_example(api: httpx.Client) -> None:
    """The register example's fields (REFERENCE.md 6.5, 16.2): an `id` that does not exist
    with a `search` that auto-creates, inline fiscal data with `use` inside `client`, `paid`,
    `items[].third_party`, `invoice_config`, plus the n8n/CLI extras."""
    body = {
        "client": {
            "id": "client_1234567890",
            "search": {"on_key": "tax_id", "on_value": "PEGJ800101ABC", "auto_create": True},
            "name": "Juan Pérez García",
            "email": "juan.perez@ejemplo.com",
            "legal_name": "JUAN PEREZ GARCIA",
            "tax_id": "PEGJ800101ABC",
            "tax_system": "612",
            "use": "G01",
            "address": {
                "street": "Av. Reforma",
                "exterior": "1",
                "zip": "06600",
                "country": "Mexico",
            },
        },
        "automation_type": "pue_invoice",
        "currency": "MXN",
        "exchange_rate": 1,
        "paid": True,
        "items": [
            {
                "description": "Consultoría",
                "quantity": 1,
                "unit_price": 1000,
                "product_key": "80141503",
                "unit_key": "E48",
                "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa", "withholding": False}],
                "third_party": {
                    "tax_id": "EKU9003173C9",
                    "legal_name": "ESCUELA KEMPER URGATE",
                    "tax_system": "601",
                    "zip": "42501",
                },
            }
        ],
        "invoice_config": {"serie": "MOS", "folio": 77},
        "metadata": {"order_id": "ORD-1"},
        "send_email": False,
        "emails": ["juan.perez@ejemplo.com"],
        "idempotency_key": "seed-example-1",
    }
    response = api.post("/payments/register", json=body)
    assert response.status_code == 201, response.text
    payment = response.json()["data"]
    assert payment["payment_form"] == "01"  # not sent: the team's default (efectivo)
    invoice = api.get(f"/invoices/income/{payment['invoice_id']}").json()["data"]
    assert invoice["use"] == "G01"  # `use` travelled inside `client`
    assert (invoice["series"], invoice["folio_number"]) == ("MOS", 77)
    assert invoice["items"][0]["third_party"]["tax_id"] == "EKU9003173C9"
    assert invoice["total"] == 1160.0
    created = api.get("/clients", params={"tax_id": "PEGJ800101ABC"}).json()["data"]
    assert len(created) == 1 and created[0]["tax_system"] == "612"


def test_payment_link_methods_accept_both_spellings(api: httpx.Client) -> None:
    for methods in ("card,bank", ["card", "spei", "oxxo", "stripe-spei"], ["card", "bank"]):
        response = api.post(
            "/payments/request",
            json={
                "client": JUAN,
                "items": [{"id": "service_demo_lapiz", "quantity": 1}],
                "automation_type": "pue_invoice",
                "allowed_payment_methods": methods,
            },
        )
        assert response.status_code == 201, response.text
        expected = methods.split(",") if isinstance(methods, str) else methods
        assert response.json()["data"]["allowed_payment_methods"] == expected


def test_refund_takes_amount_and_reason(api: httpx.Client) -> None:
    payment = api.post("/payments/register", json=register_body()).json()["data"]
    refund = api.post(
        f"/payments/{payment['id']}/refund", json={"amount": 10, "reason": "producto dañado"}
    )
    assert refund.status_code == 200
    data = refund.json()["data"]
    assert data["status"] == "partially_refunded"
    assert (
        data["refunds"][0]["amount"] == 10.0 and data["refunds"][0]["reason"] == "producto dañado"
    )


# --- stamp-pending-receipts and the end of the period -----------------------------------------


def test_stamp_pending_receipts_stamps_the_clients_receipts(api: httpx.Client) -> None:
    mine = [create(api, client=JUAN)["id"] for _ in range(2)]
    other = create(api)["id"]
    result = api.post("/clients/client_demo_juan/stamp-pending-receipts")
    assert result.status_code == 200
    data = result.json()["data"]
    assert (data["stamped"], data["failed"], data["remaining"]) == (2, 0, 0)
    assert sorted(r["id"] for r in data["results"]) == sorted(mine)
    for rid in mine:
        assert api.get(f"/receipts/{rid}").json()["data"]["status"] == "invoiced"
    assert api.get(f"/receipts/{other}").json()["data"]["status"] == "pending"
    again = api.post("/clients/client_demo_juan/stamp-pending-receipts").json()["data"]
    assert again == {"stamped": 0, "failed": 0, "remaining": 0, "results": []}


def test_stamp_pending_receipts_reports_what_cannot_be_stamped(api: httpx.Client) -> None:
    rid = create(api)["id"]
    data = api.post("/clients/client_demo_publico/stamp-pending-receipts").json()["data"]
    assert (data["stamped"], data["failed"], data["remaining"]) == (0, 1, 1)
    assert data["results"][0]["id"] == rid and data["results"][0]["status"] == "failed"
    assert_error(api.post("/clients/client_nope/stamp-pending-receipts"), 404)


def test_seeded_receipts_of_earlier_months_sit_in_a_global_invoice(api: httpx.Client) -> None:
    done = api.get("/receipts", params={"status": "completed"}).json()["data"]
    assert len(done) == 1
    invoice = api.get(f"/invoices/income/{done[0]['global_invoice_id']}").json()["data"]
    assert invoice["client"]["tax_id"] == "XAXX010101000"
    assert invoice["receipts"] == [done[0]["id"]]


def test_close_period_moves_open_receipts_into_one_global_invoice(
    api: httpx.Client, control: httpx.Client
) -> None:
    walk_ins = [
        api.post("/payments/register", json=register_body(automation_type="pue_invoice")).json()[
            "data"
        ]["receipt_id"]
        for _ in range(2)
    ]
    card = create(api, payment_form="04", items=[{"id": "service_demo_hojas", "quantity": 3}])
    invoiced = create(api, client=JUAN)
    api.post(f"/receipts/{invoiced['id']}/stamp", json={"stamp_to": "client"})
    # "until" before these receipts' period ends: nothing moves.
    early = control.post("/close-period", json={"until": card["created"]})
    assert early.status_code == 200 and early.json()["data"]["receipts"] == []
    closed = control.post("/close-period").json()["data"]
    assert sorted(closed["receipts"]) == sorted([*walk_ins, card["id"]])
    assert len(closed["invoices"]) == 1 and closed["periodicity"] == "month"
    invoice = api.get(f"/invoices/income/{closed['invoices'][0]}").json()["data"]
    assert invoice["client"]["tax_id"] == "XAXX010101000" and invoice["use"] == "S01"
    assert invoice["receiver_name"] == "PUBLICO EN GENERAL"
    assert invoice["payment_form"] == "04"  # the form carrying the most money
    period_end = dt.datetime.fromtimestamp(closed["until"] - 1, PERIOD_TZ)
    assert invoice["global_information"] == {
        "periodicity": "04",
        "months": f"{period_end.month:02d}",
        "year": period_end.year,
    }
    totals = [api.get(f"/receipts/{rid}").json()["data"] for rid in closed["receipts"]]
    assert round(sum(r["total"] for r in totals), 2) == invoice["total"]
    assert {item["sku"] for item in invoice["items"]} == set(closed["receipts"])
    for receipt in totals:
        assert receipt["status"] == "completed"
        assert receipt["global_invoice_id"] == invoice["uuid"]
    assert api.get(f"/receipts/{invoiced['id']}").json()["data"]["status"] == "invoiced"
    assert control.post("/close-period").json()["data"]["receipts"] == []
    assert_error(control.post("/close-period", json={"team": "team_nope"}), 404)


def test_close_period_python_api(api: httpx.Client, sandbox: Sandbox) -> None:
    rid = create(api)["id"]
    result = sandbox.close_period()
    assert result["receipts"] == [rid]
    assert api.get(f"/receipts/{rid}").json()["data"]["status"] == "completed"
    norte = sandbox.close_period(team="team_sucursal_norte")
    assert norte["receipts"] == [] and norte["invoices"] == []


def test_payment_link_paid_by_a_walk_in_ends_in_a_receipt(api: httpx.Client) -> None:
    requested = api.post(
        "/payments/request",
        json={
            "client": PUBLICO,
            "items": [{"id": "service_demo_lapiz", "quantity": 1}],
            "automation_type": "pue_invoice",
            "allowed_payment_methods": ["card", "bank"],
        },
    ).json()["data"]
    assert "receipt_id" not in requested  # nothing fiscal until the money arrives
    paid = api.post(f"/payments/{requested['id']}/paid", json={"payment_form": "04"})
    assert paid.status_code == 200, paid.text
    receipt = api.get(f"/receipts/{paid.json()['data']['receipt_id']}").json()["data"]
    assert receipt["payment_form"] == "04" and receipt["payment_id"] == requested["id"]


def test_ppd_for_a_client_without_fiscal_data_is_a_receipt_too(api: httpx.Client) -> None:
    payment = api.post(
        "/payments/register",
        json=register_body(automation_type="ppd_invoice_and_complement"),
    ).json()["data"]
    assert payment["invoices"] == [] and payment["receipt_id"].startswith("receipt_")


def test_filters_by_payment_id(api: httpx.Client) -> None:
    payment = api.post("/payments/register", json=register_body(automation_type="receipt")).json()[
        "data"
    ]
    create(api)  # another receipt
    found = api.get("/receipts", params={"payment_id": payment["id"]}).json()["data"]
    assert [r["id"] for r in found] == [payment["receipt_id"]]
