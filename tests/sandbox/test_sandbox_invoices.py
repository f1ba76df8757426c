"""Invoice files (a real PDF and CFDI-like XML) and cancellation rules."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import httpx
import pytest

from desktop.sandbox import Sandbox

CFDI = "{http://www.sat.gob.mx/cfd/4}"
TFD = "{http://www.sat.gob.mx/TimbreFiscalDigital}"
SUBSTITUTE = "5F3A2B1C-9D8E-4F7A-8B6C-1D2E3F4A5B6C"


@pytest.fixture
def invoice(api: httpx.Client) -> dict:
    payment = api.post(
        "/payments/register",
        json={
            "client": {"id": "client_demo_constructora"},
            "automation_type": "pue_invoice",
            "payment_form": "03",
            "items": [
                {"id": "service_demo_hojas", "quantity": 3},
                {"id": "service_demo_engrapadora", "quantity": 1},
            ],
        },
    ).json()["data"]
    return api.get(f"/invoices/income/{payment['invoices'][0]}").json()["data"]


def check_pdf_structure(pdf: bytes) -> None:
    """Header, trailer and an xref table whose offsets point at each object."""
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", pdf).group(1))
    assert pdf[startxref:].startswith(b"xref")
    header = re.match(rb"xref\s+0 (\d+)\s+", pdf[startxref:])
    count = int(header.group(1))
    table = pdf[startxref + header.end() :].split(b"\n")[:count]
    for number, row in enumerate(table[1:], start=1):
        offset = int(row[:10])
        assert pdf[offset:].startswith(f"{number} 0 obj".encode()), number
    stream = re.search(rb"<< /Length (\d+) >>\nstream\n", pdf)
    length = int(stream.group(1))
    assert pdf[stream.end() + length :].startswith(b"endstream")


def test_files_urls_point_at_the_sandbox(
    api: httpx.Client, sandbox: Sandbox, invoice: dict
) -> None:
    both = api.get(f"/invoices/{invoice['uuid']}/files").json()
    assert both["message"] == "Invoice files retrieved successfully"
    assert set(both["data"]) == {"pdf", "xml"}
    assert both["data"]["pdf"] == f"{sandbox.root_url}/files/{invoice['uuid']}.pdf"
    only_xml = api.get(f"/invoices/{invoice['uuid']}/files", params={"file_type": "xml"})
    assert set(only_xml.json()["data"]) == {"xml"}
    assert (
        api.get(f"/invoices/{invoice['uuid']}/files", params={"file_type": "doc"}).status_code
        == 400
    )
    assert api.get("/invoices/invoice_nope/files").status_code == 404


def test_pdf_is_valid_and_has_the_invoice_data(api: httpx.Client, invoice: dict) -> None:
    url = api.get(f"/invoices/{invoice['uuid']}/files").json()["data"]["pdf"]
    response = httpx.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.content
    check_pdf_structure(pdf)
    text = pdf.decode("cp1252")
    assert f"{invoice['series']}-{invoice['folio_number']}" in text
    assert "CONSTRUCTORA DEL VALLE" in text
    assert f"{invoice['total']:,.2f}" in text
    assert invoice["stamp"]["uuid"] in text


def test_xml_is_well_formed_cfdi(api: httpx.Client, invoice: dict) -> None:
    url = api.get(f"/invoices/{invoice['uuid']}/files").json()["data"]["xml"]
    root = ET.fromstring(httpx.get(url).content)
    assert root.tag == f"{CFDI}Comprobante"
    assert root.get("Version") == "4.0"
    assert root.get("Total") == f"{invoice['total']:.2f}"
    assert root.get("SubTotal") == f"{invoice['subtotal']:.2f}"
    assert root.get("Serie") == invoice["series"]
    assert root.find(f"{CFDI}Receptor").get("Rfc") == invoice["client"]["tax_id"]
    assert len(root.findall(f"{CFDI}Conceptos/{CFDI}Concepto")) == 2
    traslado = root.find(f"{CFDI}Impuestos/{CFDI}Traslados/{CFDI}Traslado")
    assert traslado.get("Impuesto") == "002"
    assert float(traslado.get("Importe")) == invoice["taxes"]
    timbre = root.find(f"{CFDI}Complemento/{TFD}TimbreFiscalDigital")
    assert timbre.get("UUID") == invoice["stamp"]["uuid"]


def test_unknown_file_is_404(sandbox: Sandbox) -> None:
    assert httpx.get(f"{sandbox.root_url}/files/invoice_nope.pdf").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "motive"),
        ({"motive": "05"}, "motive"),
        ({"motive": "01"}, "substitution_uuid"),
        ({"motive": "01", "substitution_uuid": "not-a-uuid"}, "substitution_uuid"),
    ],
)
def test_cancel_motive_rules(api: httpx.Client, invoice: dict, body: dict, field: str) -> None:
    response = api.request("DELETE", f"/invoices/{invoice['uuid']}", json=body)
    assert response.status_code == 400
    assert field in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"motive": "01", "substitution_uuid": SUBSTITUTE},
        {"motive": "01", "replacement": SUBSTITUTE.lower()},  # gigstack CLI spelling
        {"motive": "02"},
        {"motive": "03"},
        {"motive": "04"},
    ],
)
def test_cancel_invoice(api: httpx.Client, invoice: dict, body: dict) -> None:
    response = api.request("DELETE", f"/invoices/{invoice['uuid']}", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Invoice cancelled successfully"
    got = api.get(f"/invoices/income/{invoice['uuid']}").json()["data"]
    assert got["status"] == "cancelled"
    assert got["cancellation"]["motive"] == body["motive"]
    again = api.request("DELETE", f"/invoices/{invoice['uuid']}", json={"motive": "02"})
    assert again.status_code == 409
    listed = api.get("/invoices/income", params={"status": "cancelled"}).json()
    assert [i["uuid"] for i in listed["data"]] == [invoice["uuid"]]
    assert api.get("/invoices/income", params={"status": "canceled"}).json()["total_results"] == 1


def test_cancel_unknown_invoice(api: httpx.Client) -> None:
    response = api.request("DELETE", "/invoices/invoice_nope", json={"motive": "02"})
    assert response.status_code == 404


def test_invoice_filters(api: httpx.Client, invoice: dict) -> None:
    mos = api.get("/invoices/income", params={"series": "MOS"}).json()
    assert mos["total_results"] == 1 and mos["data"][0]["series"] == "MOS"
    valid = api.get("/invoices/income", params={"status": "valid"}).json()
    assert valid["total_results"] == 5
