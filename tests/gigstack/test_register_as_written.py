"""The register examples go out exactly as written (REFERENCE §6.5, §16.2).

``data/register_examples.json`` holds two bodies:

* ``documented`` — the register example of REFERENCE §6.5 / ``openapi.yaml``, verbatim (a test
  compares it with the reference when ``../shared`` is present).
* ``seed`` — the seed's register example with every field §16.2 lists for it: ``paid``,
  ``client.use``, ``client.tax_system``, an inline ``client.address``, ``items[].third_party``,
  ``invoice_config``, ``exchange_rate``, ``metadata``, ``send_email`` — and no
  ``payment_form``. The reference names these fields but does not reproduce the example, so it
  is rebuilt from that list with the reference's own sample values.

The bytes on the wire (the sandbox's request log) must equal the example's text with its
insignificant whitespace removed: same keys, same order, numbers as written.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.gigstack import (
    AutomationType,
    GigstackClient,
    InvalidRequestError,
    NotFoundError,
    PaymentStatus,
    RegisterPaymentRequest,
)
from desktop.gigstack._base import body_json, coerce_body

from .helpers import register_body

DATA = Path(__file__).with_name("data") / "register_examples.json"
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "gigstack-api" / "REFERENCE.md"


def minify(text: str) -> str:
    """JSON text without whitespace outside strings: the bytes a compact writer produces."""
    out: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif not char.isspace():
            out.append(char)
    return "".join(out)


def example_text(name: str) -> str:
    """The example's own JSON text, cut from the data file as written."""
    whole = minify(DATA.read_text(encoding="utf-8"))
    value = json.loads(whole)[name]
    # Find the example's span in the minified file: it is the value after '"name":'.
    start = whole.index(f'"{name}":') + len(name) + 3
    decoder = json.JSONDecoder()
    _, end = decoder.raw_decode(whole, start)
    assert json.loads(whole[start:end]) == value
    return whole[start:end]


def example(name: str) -> dict[str, Any]:
    value = json.loads(example_text(name), parse_float=Decimal)
    assert isinstance(value, dict)
    return value


def test_documented_example_is_the_references() -> None:
    if not REFERENCE.exists():
        pytest.skip("the shared reference is not next to this checkout")
    text = REFERENCE.read_text(encoding="utf-8")
    section = text[text.index("### 6.5 Register payment") : text.index("### 6.6")]
    block = re.search(r"POST /v2/payments/register\n(.*?)\n→", section, re.S)
    assert block is not None
    assert json.loads(block.group(1), parse_float=Decimal) == example("documented")


def test_documented_example_goes_out_as_written(api: GigstackClient, sandbox: Any) -> None:
    body = example("documented")
    with pytest.raises(NotFoundError):  # the sandbox has no client_1234567890: fine here
        api.payments.register(body, idempotency_key="documented-example-01")
    sent = sandbox.requests[-1]
    assert sent.method == "POST"
    key = ',"idempotency_key":"documented-example-01"}'
    assert sent.body == example_text("documented")[:-1] + key


def test_seed_example_byte_for_byte(api: GigstackClient, sandbox: Any) -> None:
    body = example("seed")
    assert "payment_form" not in body  # the seed omits it; the client must not insist
    payment = api.payments.register(body, idempotency_key=body["idempotency_key"])

    sent = sandbox.requests[-1]
    assert sent.path.endswith("/payments/register")
    assert sent.body == example_text("seed")
    assert sent.json["client"]["use"] == "G03"
    assert "use" not in sent.json

    assert payment.id
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.total is not None and payment.total > 0


def test_top_level_use_moves_inside_client(api: GigstackClient, sandbox: Any) -> None:
    client = next(c for c in api.clients.list(limit=100) if c.tax_id and c.id)
    service = next(s for s in api.services.list(limit=100) if s.id)
    body = register_body(str(client.id), str(service.id), use="G03")
    api.payments.register(body, idempotency_key="use-moves-in-0001")
    sent = sandbox.requests[-1].json
    assert "use" not in sent
    assert sent["client"] == {"id": client.id, "use": "G03"}

    # The old spelling is still read; the same use twice is fine, two different ones are not.
    request = coerce_body(RegisterPaymentRequest, {**body, "client": "client_1"})
    assert request.client.use == "G03" and request.use == "G03"
    same = {**body, "client": {"id": "client_1", "use": "G03"}}
    assert body_json(coerce_body(RegisterPaymentRequest, same))["client"]["use"] == "G03"
    with pytest.raises(InvalidRequestError, match="use"):
        coerce_body(RegisterPaymentRequest, {**body, "client": {"id": "c", "use": "S01"}})


def test_payment_form_is_left_to_the_server(api: GigstackClient, sandbox: Any) -> None:
    body = register_body("client_x", "service_x")
    del body["payment_form"]
    request = coerce_body(RegisterPaymentRequest, body)
    assert request.payment_form is None
    assert "payment_form" not in body_json(request)
    before = len(sandbox.requests)
    with pytest.raises(NotFoundError):
        api.payments.register(body, idempotency_key="no-payment-form-01")
    assert len(sandbox.requests) == before + 1
    assert "payment_form" not in sandbox.requests[-1].json


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("pue_invoice", "pue_invoice"),
        ("ppd_invoice_and_complement", "ppd_invoice_and_complement"),
        ("receipt", "receipt"),
        ("none", "none"),
        ("stamp_invoice", "pue_invoice"),  # legacy names, REFERENCE §2.15/§16.1
        ("payment", "pue_invoice"),
        ("payment_and_complement", "ppd_invoice_and_complement"),
    ],
)
def test_every_automation_type_gigstack_clients_send(given: str, sent: str) -> None:
    request = coerce_body(RegisterPaymentRequest, register_body("c", "s", automation_type=given))
    assert body_json(request)["automation_type"] == sent
    assert AutomationType(sent) == request.automation_type


@pytest.mark.parametrize(
    "extra",
    [
        {"paid": True},
        {"send_email": True, "emails": ["a@example.com"]},
        {"ignore_emails": True},
        {"ppd_invoice_id": "invoice_123"},
        {"invoice_config": {"serie": "A", "folio": "77"}},
        {"invoice_config": {"serie": "A", "folio": 77}},
        {"exchange_rate": "1", "metadata": {"order_id": "X", "nested": {"a": [1, 2]}}},
        {"client": {"name": "Mostrador walk-in"}},
        {
            "items": [
                {
                    "id": "s",
                    "quantity": 1,
                    "third_party": {"tax_id": "EKU9003173C9", "legal_name": "X", "zip": "42501"},
                }
            ]
        },
    ],
)
def test_fields_gigstack_sources_send_are_accepted(extra: dict[str, Any]) -> None:
    body = register_body("c", "s", **extra)
    payload = body_json(coerce_body(RegisterPaymentRequest, body), order_like=body)
    assert _paths(payload) == _paths(body)  # every field kept, nothing added, same order


def _paths(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in [prefix + k, *_paths(v, prefix + k + ".")]]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _paths(v, f"{prefix}{n}.")]
    return []


def test_refund_always_sends_amount_and_reason(api: GigstackClient, sandbox: Any) -> None:
    client = next(c for c in api.clients.list(limit=100) if c.id)
    service = next(s for s in api.services.list(limit=100) if s.id)
    payment = api.payments.register(
        register_body(str(client.id), str(service.id)), idempotency_key="refund-wire-0001"
    )
    assert payment.id and payment.total
    api.payments.refund(payment.id, {"amount": "1.00"})
    sent = sandbox.requests[-1]
    assert sent.path.endswith("/refund")
    assert sent.json == {"amount": Decimal("1.00"), "reason": "requested_by_customer"}
    api.payments.refund(payment.id, amount=Decimal("2"), reason="  devolución ")
    assert sandbox.requests[-1].json == {"amount": 2, "reason": "devolución"}


@pytest.mark.parametrize("folio", ["77", 77, "A-77"])
def test_invoice_config_folio_goes_out_as_written(folio: object) -> None:
    body = register_body("c", "s", invoice_config={"serie": "MOS", "folio": folio})
    payload = body_json(coerce_body(RegisterPaymentRequest, body), order_like=body)
    assert payload["invoice_config"] == {"serie": "MOS", "folio": folio}
