"""Pure parsing/validation tests of the models and the JSON codec (no network).

Feeding ``model_validate`` with dicts is exactly what the client does after decoding a
response body, so these are not mocks: they pin down the lenient/strict policies.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.gigstack import (
    AutomationType,
    CancelInvoiceRequest,
    Client,
    ClientInput,
    CreateIncomeInvoiceRequest,
    Invoice,
    InvoiceFiles,
    InvoiceStatus,
    ItemInput,
    MarkPaidRequest,
    Payment,
    PaymentStatus,
    PortalToken,
    RegisterPaymentRequest,
    RequestPaymentRequest,
    Service,
    ServiceInput,
    TaxInput,
    TaxType,
    Team,
    TeamSettingsUpdate,
    UpdateUserRequest,
    User,
    parse_timestamp,
)
from desktop.gigstack._base import body_json, coerce_body, dumps, list_params, loads
from desktop.gigstack.errors import InvalidRequestError

# --------------------------------------------------------------------------- timestamps


def test_timestamp_seconds_milliseconds_iso_all_become_aware_utc() -> None:
    expected = datetime(2023, 3, 1, 6, 13, 54, tzinfo=UTC)
    assert parse_timestamp(1677651234) == expected
    assert parse_timestamp(1677651234000) == expected
    assert parse_timestamp(Decimal("1677651234")) == expected
    assert parse_timestamp("1677651234") == expected
    assert parse_timestamp("2023-03-01T06:13:54Z") == expected
    assert parse_timestamp("2023-03-01T00:13:54-06:00") == expected
    # Naive ISO strings are taken as UTC.
    assert parse_timestamp("2023-03-01T06:13:54") == expected
    assert parse_timestamp(None) is None
    assert parse_timestamp("not a date") is None


def test_timestamp_fraction_of_millisecond_value() -> None:
    # Webhook/envelope timestamps in ms (REFERENCE §2.3): 1768240724433.
    value = parse_timestamp(1768240724433)
    assert value is not None
    assert value.tzinfo is UTC
    assert value.year == 2026
    assert value.microsecond == 433000


def test_team_credit_period_start_in_milliseconds() -> None:
    team = Team.model_validate(
        {"id": "team_1", "credit_period_start": 1709090576567, "created_at": 1677651234}
    )
    assert team.credit_period_start == datetime(2024, 2, 28, 3, 22, 56, 567000, tzinfo=UTC)
    assert team.created_at == datetime(2023, 3, 1, 6, 13, 54, tzinfo=UTC)


# --------------------------------------------------------------------------- lenient parsing


@pytest.mark.parametrize("spelling", ["canceled", "cancelled", "CANCELLED"])
def test_payment_status_both_spellings(spelling: str) -> None:
    assert Payment.model_validate({"status": spelling}).status is PaymentStatus.CANCELED


@pytest.mark.parametrize("spelling", ["canceled", "cancelled"])
def test_invoice_status_both_spellings(spelling: str) -> None:
    assert Invoice.model_validate({"status": spelling}).status is InvoiceStatus.CANCELED


def test_unknown_status_is_kept_as_text() -> None:
    payment = Payment.model_validate({"status": "on_hold_by_bank"})
    assert payment.status == "on_hold_by_bank"
    assert not isinstance(payment.status, PaymentStatus)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("pue_invoice", AutomationType.PUE_INVOICE),
        ("payment", AutomationType.PUE_INVOICE),
        ("stamp_invoice", AutomationType.PUE_INVOICE),
        ("ppd_invoice_and_complement", AutomationType.PPD_INVOICE_AND_COMPLEMENT),
        ("payment_and_complement", AutomationType.PPD_INVOICE_AND_COMPLEMENT),
        ("none", AutomationType.NONE),
    ],
)
def test_automation_type_spellings(spelling: str, expected: AutomationType) -> None:
    assert Payment.model_validate({"automation_type": spelling}).automation_type is expected
    request = RegisterPaymentRequest.model_validate(
        {
            "client": {"id": "client_1"},
            "items": [{"id": "service_1", "quantity": 1}],
            "automation_type": spelling,
            "payment_form": "01",
        }
    )
    # Requests always send the payments-guide name.
    assert body_json(request)["automation_type"] == expected.value


@pytest.mark.parametrize("spelling", ["IVA", "iva", "Iva"])
def test_tax_type_case(spelling: str) -> None:
    service = Service.model_validate({"taxes": [{"type": spelling, "rate": Decimal("0.16")}]})
    assert service.taxes is not None
    assert service.taxes[0].type is TaxType.IVA
    assert TaxInput.model_validate({"type": spelling, "rate": "0.16"}).type == "IVA"


def test_invoice_id_from_uuid_or_id() -> None:
    assert Invoice.model_validate({"uuid": "invoice_1"}).id == "invoice_1"
    assert Invoice.model_validate({"id": "invoice_2"}).id == "invoice_2"
    both = Invoice.model_validate(
        {"id": "invoice_3", "uuid": "12345678-1234-1234-1234-123456789012"}
    )
    assert both.id == "invoice_3"
    assert both.uuid == "12345678-1234-1234-1234-123456789012"


def test_user_name_spellings() -> None:
    camel = User.model_validate({"firstName": "Ana", "lastName": "López"})
    snake = User.model_validate({"first_name": "Ana", "last_name": "López"})
    assert (camel.first_name, camel.last_name) == ("Ana", "López")
    assert (snake.first_name, snake.last_name) == ("Ana", "López")
    update = UpdateUserRequest.model_validate({"firstName": "Ana"})
    assert body_json(update) == {"first_name": "Ana"}


def test_invoice_files_spellings() -> None:
    short = InvoiceFiles.model_validate({"pdf": "https://x/a.pdf", "xml": "https://x/a.xml"})
    long = InvoiceFiles.model_validate({"pdf_url": "https://x/a.pdf", "xml_url": "https://x/a.xml"})
    assert short.pdf == long.pdf == "https://x/a.pdf"
    assert short.xml == long.xml == "https://x/a.xml"


def test_unknown_fields_are_kept() -> None:
    client = Client.model_validate({"id": "client_1", "brand_new_field": {"a": 1}})
    assert client.model_extra == {"brand_new_field": {"a": 1}}
    assert client.from_ is None
    assert Client.model_validate({"from": "api"}).from_ == "api"


def test_payment_client_as_string_and_invoice_ids() -> None:
    payment = Payment.model_validate(
        {"client": "client_9", "invoices": ["invoice_1", {"uuid": "invoice_2"}]}
    )
    assert payment.client is not None
    assert payment.client.id == "client_9"
    assert payment.invoice_ids == ["invoice_1", "invoice_2"]


def test_portal_token_expiry_seconds_or_ms() -> None:
    seconds = PortalToken.model_validate({"url": "u", "expires_at": 1678083234})
    millis = PortalToken.model_validate({"url": "u", "expires_at": 1678083234000})
    assert seconds.expires_at == millis.expires_at


def test_invoice_taxes_number_or_list() -> None:
    assert Invoice.model_validate({"taxes": Decimal("160.0")}).taxes == Decimal("160.0")
    listed = Invoice.model_validate({"taxes": [{"type": "IVA", "rate": Decimal("0.16")}]})
    assert isinstance(listed.taxes, list)


# --------------------------------------------------------------------------- Decimal codec


def test_loads_keeps_decimal_text_exact() -> None:
    payload = loads(b'{"total": 1160.1, "rate": 0.106667, "n": 3, "big": 0.1000000000000000055}')
    assert payload["total"] == Decimal("1160.1")
    assert str(payload["total"]) == "1160.1"
    assert payload["rate"] == Decimal("0.106667")
    assert payload["n"] == 3
    assert payload["big"] == Decimal("0.1000000000000000055")


def test_dumps_writes_decimal_as_number() -> None:
    text = dumps({"a": Decimal("1160.10"), "b": [Decimal("1E+3"), 1, True, None], "c": "ñ"})
    assert text == b'{"a":1160.10,"b":[1000,1,true,null],"c":"\xc3\xb1"}'
    # And the stdlib reads it back exactly with parse_float=Decimal.
    assert json.loads(text, parse_float=Decimal)["a"] == Decimal("1160.10")


def test_dumps_refuses_nan() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        dumps({"a": Decimal("NaN")})


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12
    )
)
def test_decimal_round_trip_through_codec(value: Decimal) -> None:
    assert loads(dumps({"v": value}))["v"] == value


def test_request_money_stays_decimal_in_body() -> None:
    service = ServiceInput.model_validate({"description": "Café", "unit_price": "1160.10"})
    payload = dumps(body_json(service))
    assert b'"unit_price":1160.10' in payload


def test_float_input_becomes_its_literal_decimal() -> None:
    service = ServiceInput.model_validate({"description": "x", "unit_price": 1160.1})
    assert service.unit_price == Decimal("1160.1")


# --------------------------------------------------------------------------- strict requests


def _register(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "client": {"id": "client_1"},
        "items": [{"id": "service_1", "quantity": 1}],
        "automation_type": "pue_invoice",
        "payment_form": "01",
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    "changes",
    [
        {"payment_form": "1"},
        {"payment_form": "cash"},
        {"items": []},
        {"items": [{"id": "service_1", "quantity": 0}]},
        {"items": [{"id": "service_1", "quantity": -1}]},
        {"items": [{"id": "service_1", "quantity": 1, "unit_price": "-0.01"}]},
        {"items": [{"description": "inline without price", "quantity": 1}]},
        {"items": [{"quantity": 1, "unit_price": 10}]},
        {"automation_type": "whatever"},
        {"client": {}},
        {"currency": "usd"},
        {"currency": "USD"},  # non-MXN without exchange_rate
        {"unexpected_field": 1},
        {"idempotency_key": "short"},
        {"items": [{"id": "service_1", "quantity": 1, "taxes": [{"type": "IVA", "rate": 16}]}]},
        {"items": [{"id": "service_1", "quantity": 1, "product_key": "123"}]},
    ],
)
def test_register_request_rejects(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidRequestError) as info:
        coerce_body(RegisterPaymentRequest, _register(**changes))
    assert info.value.status is None
    assert info.value.outcome_unknown is False
    assert isinstance(info.value, ValueError)


def test_register_request_accepts_inline_and_search_clients() -> None:
    request = coerce_body(
        RegisterPaymentRequest,
        _register(
            client={
                "search": {"on_key": "tax_id", "on_value": "XAXX010101000", "auto_create": True},
                "tax_id": "XAXX010101000",
                "legal_name": "PUBLICO EN GENERAL",
            },
            items=[
                {
                    "description": "Corte de cabello",
                    "quantity": "1.5",
                    "unit_price": "150.00",
                    "product_key": "86101700",
                    "unit_key": "E48",
                    "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa"}],
                }
            ],
            currency="USD",
            exchange_rate="17.25",
            metadata={"local_id": "L-1"},
        ),
    )
    assert request.exchange_rate == Decimal("17.25")


def test_bare_client_id_string_is_accepted() -> None:
    request = coerce_body(RegisterPaymentRequest, _register(client="client_1"))
    assert body_json(request)["client"] == {"id": "client_1"}


def test_other_request_models_reject_bad_input() -> None:
    with pytest.raises(InvalidRequestError):
        coerce_body(CancelInvoiceRequest, {"motive": "01"})  # needs substitution_uuid
    with pytest.raises(InvalidRequestError):
        coerce_body(CancelInvoiceRequest, {"motive": "05"})
    with pytest.raises(InvalidRequestError):
        coerce_body(ClientInput, {})  # nothing identifies the client
    with pytest.raises(InvalidRequestError):
        coerce_body(ClientInput, {"tax_id": "not-an-rfc"})
    with pytest.raises(InvalidRequestError):
        coerce_body(ServiceInput, {"description": "x"})  # unit_price required
    with pytest.raises(InvalidRequestError):
        coerce_body(MarkPaidRequest, {"payment_form": "03", "date": datetime(2025, 1, 1)})  # noqa: DTZ001
    with pytest.raises(InvalidRequestError):
        coerce_body(MarkPaidRequest, {"payment_form": "03", "date": 1677651234000})
    with pytest.raises(InvalidRequestError):
        coerce_body(RequestPaymentRequest, {**_register(), "allowed_payment_methods": ["cash"]})
    with pytest.raises(InvalidRequestError):
        coerce_body(CreateIncomeInvoiceRequest, {"client": {"id": "c"}, "items": []})
    with pytest.raises(InvalidRequestError):
        coerce_body(ItemInput, {"id": "service_1", "quantity": "NaN"})


def test_cancel_accepts_cli_replacement_spelling() -> None:
    uuid = "12345678-1234-1234-1234-123456789012"
    request = coerce_body(CancelInvoiceRequest, {"motive": "01", "replacement": uuid})
    assert body_json(request) == {"motive": "01", "substitution_uuid": uuid}


def test_mark_paid_date_sent_as_epoch_seconds() -> None:
    when = datetime(2023, 3, 1, 6, 13, 54, tzinfo=UTC)
    assert body_json(MarkPaidRequest(payment_form="03", date=when)) == {
        "payment_form": "03",
        "date": 1677651234,
    }


def test_settings_update_sends_explicit_null_only() -> None:
    request = TeamSettingsUpdate.model_validate({"use": "G03", "invoice_pdf_notes": None})
    assert body_json(request, exclude_unset=True) == {"use": "G03", "invoice_pdf_notes": None}


def test_conflicting_keyword_and_body_value() -> None:
    with pytest.raises(InvalidRequestError, match="twice"):
        coerce_body(
            RegisterPaymentRequest,
            _register(idempotency_key="key-aaaaaaaa"),
            idempotency_key="key-bbbbbbbb",
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": True},
        {"sort": "up"},
        {"created_gte": datetime(2025, 1, 1)},  # noqa: DTZ001 - naive on purpose
        {"metadata": {"a.b": "x"}},
        {"next": ""},
    ],
)
def test_list_params_rejects(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidRequestError):
        list_params(**kwargs)  # type: ignore[arg-type]


def test_list_params_spelling() -> None:
    params = list_params(
        limit=100,
        created_gte=datetime(2023, 3, 1, 6, 13, 54, tzinfo=UTC),
        created_lte=1677651299,
        metadata={"local_id": "L-1", "flag": True},
        filters={"status": "succeeded", "client_id": None},
    )
    assert params == {
        "limit": "100",
        "created[gte]": "1677651234",
        "created[lte]": "1677651299",
        "metadata.local_id": "L-1",
        "metadata.flag": "true",
        "status": "succeeded",
    }
