"""Request bodies: validated strictly before anything leaves the machine.

Required fields follow REFERENCE plus the ``x-required-per-public-code`` lists of
``openapi.yaml`` where that makes sense for a client; each exception is noted at the field.
Shapes of SAT codes are checked here; whether a code exists in the SAT catalog is
``desktop.fiscal``'s business.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    model_validator,
)

from desktop.gigstack.models._types import (
    AUTOMATION_ALIASES,
    AutomationType,
    CfdiUseCode,
    CurrencyCode,
    Email,
    EpochSeconds,
    FiscalUuid,
    IdempotencyKey,
    NonEmptyStr,
    NonNegativeDecimal,
    PaymentFormCode,
    PositiveDecimal,
    ProductKey,
    RequestModel,
    ResourceId,
    RfcCode,
    TaxabilityCode,
    TaxSystemCode,
    TaxType,
    UnitKey,
    ZipCode,
    lenient_enum,
)

__all__ = [
    "DEFAULT_REFUND_REASON",
    "AddMemberRequest",
    "AddressInput",
    "BrandInput",
    "CancelInvoiceRequest",
    "ClientInput",
    "ClientReference",
    "ClientSearch",
    "ClientUpdate",
    "CreateIncomeInvoiceRequest",
    "CreateReceiptRequest",
    "CreateSeriesRequest",
    "CreateTeamRequest",
    "CreateUserRequest",
    "FiscalInformation",
    "GlobalInvoiceInfo",
    "InvoiceComplement",
    "InvoiceConfig",
    "ItemInput",
    "ItemSearch",
    "MarkPaidRequest",
    "PortalTokenRequest",
    "RefundRequest",
    "RegisterPaymentRequest",
    "RelatedDocuments",
    "RemoveMemberRequest",
    "RequestPaymentRequest",
    "ResetPasswordRequest",
    "ServiceInput",
    "ServiceUpdate",
    "StampReceiptRequest",
    "TaxInput",
    "TeamEmailSettings",
    "TeamSettingsUpdate",
    "ThirdParty",
    "UpdateSeriesRequest",
    "UpdateTeamRequest",
    "UpdateUserRequest",
]

# Requests accept the same automation spellings as responses (REFERENCE §2.15) but always send
# the payments-guide names: those are what both documented request examples send.
RequestAutomationType = Annotated[
    AutomationType, BeforeValidator(lenient_enum(AutomationType, AUTOMATION_ALIASES))
]
# REFERENCE §2.12/§15.13: "IVA" and "iva" are both seen; we send the documented upper case.
RequestTaxType = Annotated[TaxType, BeforeValidator(lenient_enum(TaxType))]

Role = Literal["admin", "editor", "viewer"]


class AddressInput(RequestModel):
    """Address in a request. ``country`` is free text: requests use names ("Mexico"),
    responses ISO-3 ("MEX") (REFERENCE §15.11)."""

    street: str | None = None
    exterior: str | None = None
    interior: str | None = None
    neighborhood: str | None = None
    municipality: str | None = None
    city: str | None = None
    state: str | None = None
    zip: ZipCode | None = None
    country: str | None = None


class TaxInput(RequestModel):
    """A tax applied to an item or service (REFERENCE §2.12)."""

    type: RequestTaxType
    rate: NonNegativeDecimal
    factor: Literal["Tasa", "Cuota", "Exento"] = "Tasa"
    base: str | None = None
    inclusive: bool | None = None
    withholding: bool | None = None

    @model_validator(mode="after")
    def _rate_fits_factor(self) -> TaxInput:
        # A "Tasa" is a fraction (0.16); a "Cuota" is an amount per unit and may exceed 1.
        if self.factor == "Tasa" and self.rate > 1:
            raise ValueError("a 'Tasa' rate is a fraction between 0 and 1 (0.16 = 16 %)")
        if self.factor == "Exento" and self.rate != 0:
            raise ValueError("an 'Exento' tax has rate 0")
        return self


class ClientSearch(RequestModel):
    """Find an existing client before creating one (REFERENCE §2.14).

    ``update`` applies to ``POST /clients``; ``auto_create`` to payments and invoices.
    """

    on_key: NonEmptyStr
    on_value: NonEmptyStr
    update: bool | None = None
    auto_create: bool | None = None


class ClientDefaultsInput(RequestModel):
    """Per-client invoicing defaults."""

    keep_full_legal_name: bool | None = None
    issue_automatic_invoices: bool | None = None
    issue_invoiceable_receipts: bool | None = None


class _ClientFields(RequestModel):
    name: str | None = None
    email: Email | None = None
    company: str | None = None
    phone: str | None = None
    legal_name: str | None = None
    tax_id: RfcCode | None = None
    tax_system: TaxSystemCode | None = None
    use: CfdiUseCode | None = None
    address: AddressInput | None = None
    bcc: list[Email] | None = None
    metadata: dict[str, Any] | None = None
    defaults: ClientDefaultsInput | None = None


class ClientInput(_ClientFields):
    """Body of ``POST /clients`` (REFERENCE §3.2).

    The n8n node marks ``email`` required; we do not, because counter customers often have
    none (and the docs mark nothing required). We do require at least one of ``name``,
    ``legal_name``, ``tax_id`` or ``email``: an anonymous client is never useful.
    """

    search: ClientSearch | None = None

    @model_validator(mode="after")
    def _identifiable(self) -> ClientInput:
        if not (self.name or self.legal_name or self.tax_id or self.email):
            raise ValueError("a client needs at least one of name, legal_name, tax_id, email")
        return self


class ClientUpdate(_ClientFields):
    """Body of ``PUT /clients/{id}``: any subset of the create fields (REFERENCE §3.4)."""


class ClientReference(_ClientFields):
    """The ``client`` of a payment or invoice: an ``id``, a ``search`` (with
    ``auto_create``), and/or inline fields (REFERENCE §2.14)."""

    id: ResourceId | None = None
    search: ClientSearch | None = None

    @model_validator(mode="after")
    def _identifiable(self) -> ClientReference:
        if not (
            self.id or self.search or self.tax_id or self.email or self.legal_name or self.name
        ):
            raise ValueError("client needs an id, a search, or identifying fields")
        return self


def _client_ref(value: Any) -> Any:
    # Convenience: a bare client id string means {"id": ...}.
    return {"id": value} if isinstance(value, str) else value


ClientRefField = Annotated[ClientReference, BeforeValidator(_client_ref)]


class ItemSearch(RequestModel):
    """Find a service for an invoice item (``on_key`` is usually ``sku``)."""

    on_key: NonEmptyStr
    on_value: NonEmptyStr
    auto_create: bool | None = None


class ThirdParty(RequestModel):
    """Third-party ("a cuenta de terceros") data of an item (REFERENCE §2.13, §16.2).

    Only ``tax_id`` is required here: the SAT wants all four fields, but which ones gigstack
    fills in from its own records is not documented, so the server decides about the rest.
    """

    tax_id: RfcCode
    legal_name: NonEmptyStr | None = None
    tax_system: TaxSystemCode | None = None
    zip: ZipCode | None = None


class ItemInput(RequestModel):
    """A line of a payment, payment request or invoice (REFERENCE §2.13).

    Either a service reference (``id``, optionally with a ``unit_price`` override) or an
    inline item (``description`` and ``unit_price``). ``search``/``third_party``/``sku``/
    ``taxability`` are invoice-only in the docs; the server ignores what it does not use.
    """

    id: ResourceId | None = None
    quantity: PositiveDecimal
    unit_price: NonNegativeDecimal | None = None
    description: str | None = None
    discount: NonNegativeDecimal | None = None
    sku: str | None = None
    product_key: ProductKey | None = None
    unit_key: UnitKey | None = None
    unit_name: str | None = None
    taxability: TaxabilityCode | None = None
    taxes: list[TaxInput] | None = None
    search: ItemSearch | None = None
    third_party: ThirdParty | None = None

    @model_validator(mode="after")
    def _service_or_inline(self) -> ItemInput:
        if self.id is None and self.search is None:
            if not self.description:
                raise ValueError("an item needs a service id, a search, or a description")
            if self.unit_price is None:
                raise ValueError("an inline item needs a unit_price")
        return self


def _check_exchange_rate(currency: str | None, exchange_rate: Decimal | None) -> None:
    # REFERENCE §2.11: n8n requires exchange_rate for non-MXN currencies.
    if currency not in (None, "MXN") and exchange_rate is None:
        raise ValueError("exchange_rate is required when currency is not MXN")


class InvoiceConfig(RequestModel):
    """Series/folio for the invoice a payment generates (n8n only, REFERENCE §6.5).

    ``folio`` is an integer in the swagger; a folio written as text is accepted too and sent
    as written (text stays text) rather than refusing a body some caller wrote that way.
    """

    serie: str | None = None
    folio: Annotated[
        NonEmptyStr | Annotated[int, Field(ge=1)] | None, Field(union_mode="left_to_right")
    ] = None


def _use_inside_client(data: Any) -> Any:
    """REFERENCE §16.2: ``use`` travels inside ``client``; no gigstack client sends it at the
    top level of a payment. An old-style top-level ``use`` is moved into ``client`` (a
    different ``client.use`` is an error: we cannot know which one was meant)."""
    if not isinstance(data, Mapping) or "use" not in data:
        return data
    data = dict(data)
    use = data.pop("use")
    if use is None:
        return data
    client = data.get("client")
    if isinstance(client, str):
        client = {"id": client}
    elif isinstance(client, BaseModel):
        client = client.model_dump(by_alias=True, exclude_unset=True)
    elif isinstance(client, Mapping):
        client = dict(client)
    else:
        return data  # no usable client: the client field's own error says so
    current = client.get("use")
    if current is not None and current != use:
        raise ValueError("use given twice (top level and client.use) with different values")
    client["use"] = use
    data["client"] = client
    return data


class RegisterPaymentRequest(RequestModel):
    """Body of ``POST /payments/register`` (REFERENCE §6.5, §16.2).

    Every field some gigstack source sends is accepted: the docs and the n8n node (``client``,
    ``items``, ``automation_type``, ``payment_form``, ``currency``, ``exchange_rate``,
    ``metadata``, ``invoice_config``), gigstack's CLI (``idempotency_key``, ``send_email``,
    ``emails``, ``ignore_emails``, ``ppd_invoice_id``) and the seed's own example (``paid``,
    ``client.use``, ``client.tax_system``, an inline ``client.address``,
    ``items[].third_party``). Unknown fields are still refused (a typo would be silently
    ignored by the server).

    ``payment_form`` is **not** required: n8n requires it but the seed's example omits it, so
    the server decides. ``automation_type`` is required (what happens fiscally must be said):
    ``pue_invoice``, ``ppd_invoice_and_complement``, ``receipt``, ``none``, and the legacy
    ``stamp_invoice``/``payment`` (sent as ``pue_invoice``). A top-level ``use`` is moved into
    ``client`` (see :func:`_use_inside_client`); :attr:`use` reads it back.
    ``idempotency_key`` is set by ``payments.register(idempotency_key=...)`` (REFERENCE §2.7).
    """

    client: ClientRefField
    items: Annotated[list[ItemInput], Field(min_length=1)]
    automation_type: RequestAutomationType
    payment_form: PaymentFormCode | None = None
    currency: CurrencyCode | None = None
    exchange_rate: PositiveDecimal | None = None
    paid: bool | None = None
    metadata: dict[str, Any] | None = None
    idempotency_key: IdempotencyKey | None = None
    send_email: bool | None = None
    emails: list[Email] | None = None
    ignore_emails: bool | None = None
    ppd_invoice_id: ResourceId | None = None
    invoice_config: InvoiceConfig | None = None

    @model_validator(mode="before")
    @classmethod
    def _move_use(cls, data: Any) -> Any:
        return _use_inside_client(data)

    @model_validator(mode="after")
    def _currency(self) -> RegisterPaymentRequest:
        _check_exchange_rate(self.currency, self.exchange_rate)
        return self

    @property
    def use(self) -> str | None:
        """CFDI use of the invoice the automation creates: ``client.use``."""
        return self.client.use


class RequestPaymentRequest(RequestModel):
    """Body of ``POST /payments/request`` (REFERENCE §6.4).

    Required per n8n: ``client``, ``items``, ``automation_type``, ``allowed_payment_methods``.
    ``allowed_payment_methods`` accepts the documented list (``card``, ``spei``, ``oxxo``,
    ``stripe-spei``) and ``bank``, which the documented example and the CLI use (§15.3).
    A top-level ``use`` is moved into ``client``, as for register (§16.2).
    """

    client: ClientRefField
    items: Annotated[list[ItemInput], Field(min_length=1)]
    automation_type: RequestAutomationType
    allowed_payment_methods: Annotated[
        list[Literal["card", "spei", "bank", "oxxo", "stripe-spei"]], Field(min_length=1)
    ]
    currency: CurrencyCode | None = None
    exchange_rate: PositiveDecimal | None = None
    send_email: bool | None = None
    emails: list[Email] | None = None
    idempotency_key: IdempotencyKey | None = None
    metadata: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _move_use(cls, data: Any) -> Any:
        return _use_inside_client(data)

    @model_validator(mode="after")
    def _currency(self) -> RequestPaymentRequest:
        _check_exchange_rate(self.currency, self.exchange_rate)
        return self

    @property
    def use(self) -> str | None:
        """CFDI use of the invoice the automation creates: ``client.use``."""
        return self.client.use


#: Receipt validity periods. REFERENCE §7 lists ``day``, ``week``, ``two_weeks``, ``month``,
#: ``two_months``; the n8n node's own option values are ``fortnight`` and ``bimonth`` for the
#: two-week and two-month periods. All are accepted and sent as written.
ReceiptPeriodicity = Literal[
    "day", "week", "two_weeks", "fortnight", "month", "two_months", "bimonth"
]


class CreateReceiptRequest(RequestModel):
    """Body of ``POST /receipts`` (REFERENCE §7). Required per public code: ``client``,
    ``items``. ``idempotency_key`` per the n8n node: a repeated key returns the first receipt.
    """

    client: ClientRefField
    items: Annotated[list[ItemInput], Field(min_length=1)]
    currency: CurrencyCode | None = None
    exchange_rate: PositiveDecimal | None = None
    periodicity: ReceiptPeriodicity | None = None
    payment_form: PaymentFormCode | None = None
    idempotency_key: IdempotencyKey | None = None
    invoice_config: InvoiceConfig | None = None
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _currency(self) -> CreateReceiptRequest:
        _check_exchange_rate(self.currency, self.exchange_rate)
        return self


class FiscalInformation(RequestModel):
    """Fiscal data of the customer a receipt is stamped to (n8n ``fiscal_information``)."""

    legal_name: NonEmptyStr | None = None
    tax_id: RfcCode | None = None
    tax_system: TaxSystemCode | None = None
    zip: ZipCode | None = None


def _to_epoch_ms(value: datetime | int) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("datetime must be timezone-aware")
        return int(value.timestamp() * 1000)
    # Seconds are turned into milliseconds; values already in milliseconds pass through.
    return int(value) * 1000 if int(value) < 10**11 else int(value)


def _check_aware(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError("datetime must be timezone-aware")
    return value


#: REFERENCE §2.9: the n8n node sends the receipt-stamp ``date`` as epoch **milliseconds**
#: (``Date.getTime()``), unlike mark-paid's seconds. We follow the only source that sends it;
#: callers give an aware datetime or epoch seconds/milliseconds.
EpochMillis = Annotated[
    datetime | Annotated[int, Field(ge=0)],
    BeforeValidator(_check_aware),
    PlainSerializer(_to_epoch_ms, return_type=int),
]


class StampReceiptRequest(RequestModel):
    """Body of ``POST /receipts/{id}/stamp`` (REFERENCE §7, §16.1; n8n node).

    ``stamp_to`` is ``client`` (the customer came back with their RFC: give it in
    ``fiscal_information``), ``general_public_national`` or ``general_public_foreign``.
    """

    stamp_to: Literal["client", "general_public_national", "general_public_foreign"]
    fiscal_information: FiscalInformation | None = None
    date: EpochMillis | None = None


class InvoiceComplement(RequestModel):
    """A custom CFDI complement (raw XML in ``data``)."""

    type: NonEmptyStr
    data: NonEmptyStr


class RelatedDocuments(RequestModel):
    """CFDI relation: SAT relationship code plus fiscal UUIDs."""

    relationship: Annotated[str, Field(pattern=r"^\d{2}$")]
    documents: Annotated[list[FiscalUuid], Field(min_length=1)]


class GlobalInvoiceInfo(RequestModel):
    """Global-invoice information (periodicity/months/year)."""

    periodicity: Annotated[str, Field(pattern=r"^\d{2}$")]
    months: Annotated[str, Field(pattern=r"^\d{2}$")]
    year: Annotated[int, Field(ge=2000, le=2999)]


class CreateIncomeInvoiceRequest(RequestModel):
    """Body of ``POST /invoices/income`` (REFERENCE §5.2). Required per n8n: ``client``,
    ``items``."""

    client: ClientRefField
    items: Annotated[list[ItemInput], Field(min_length=1)]
    automation_type: RequestAutomationType | None = None
    currency: CurrencyCode | None = None
    exchange_rate: PositiveDecimal | None = None
    use: CfdiUseCode | None = None
    payment_form: PaymentFormCode | None = None
    payment_method: Literal["PUE", "PPD"] | None = None
    series: str | None = None
    folio_number: Annotated[int, Field(ge=1)] | None = None
    idempotency_key: IdempotencyKey | None = None
    complements: list[InvoiceComplement] | None = None
    related_documents: list[RelatedDocuments] | None = None
    global_: GlobalInvoiceInfo | None = Field(default=None, alias="global")
    exports: Annotated[str, Field(pattern=r"^\d{2}$")] | None = None
    invoice_pdf_notes: str | None = None
    addenda: str | None = None
    return_files_urls: bool | None = None
    send_email: bool | None = None
    emails: list[Email] | None = None
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _currency(self) -> CreateIncomeInvoiceRequest:
        _check_exchange_rate(self.currency, self.exchange_rate)
        return self


class CancelInvoiceRequest(RequestModel):
    """Body of ``DELETE /invoices/{id}`` (REFERENCE §5.5, §11.4).

    REFERENCE §15.6: the docs and n8n name the replacement ``substitution_uuid``, gigstack's
    CLI ``replacement``. We send ``substitution_uuid`` (documented) and accept ``replacement``
    as an input alias.
    """

    motive: Literal["01", "02", "03", "04"]
    substitution_uuid: FiscalUuid | None = Field(
        default=None, validation_alias=AliasChoices("substitution_uuid", "replacement")
    )

    @model_validator(mode="after")
    def _motive_01_needs_replacement(self) -> CancelInvoiceRequest:
        if self.motive == "01" and not self.substitution_uuid:
            raise ValueError("motive 01 needs substitution_uuid (the replacing CFDI's UUID)")
        return self


class MarkPaidRequest(RequestModel):
    """Body of ``POST /payments/{id}/paid`` (REFERENCE §6.6). ``date`` defaults to now on the
    server; send an aware datetime or epoch seconds."""

    payment_form: PaymentFormCode
    date: EpochSeconds | None = None


#: Sent when the caller gives no reason: REFERENCE §16.2 — gigstack's newer CLI says "a
#: refund requires a body with ``reason`` and ``amount``", so a reason always goes out.
DEFAULT_REFUND_REASON = "requested_by_customer"


def _reason_or_default(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_REFUND_REASON
    return value.strip() if isinstance(value, str) else value


class RefundRequest(RequestModel):
    """Body of ``POST /payments/{id}/refund`` (REFERENCE §6.7, §16.2).

    ``amount`` and ``reason`` are always sent: ``amount`` is required from the caller (a
    refund is money; the client never guesses "whatever is left"), and a missing or blank
    ``reason`` becomes :data:`DEFAULT_REFUND_REASON`.
    """

    amount: PositiveDecimal
    reason: Annotated[str, BeforeValidator(_reason_or_default)] = DEFAULT_REFUND_REASON
    external_processor_refund: bool | None = None


class PortalTokenRequest(RequestModel):
    """Body of ``POST /clients/customerportal``: exactly one of ``id`` or ``email``
    (REFERENCE §3.7)."""

    id: ResourceId | None = None
    email: Email | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PortalTokenRequest:
        if (self.id is None) == (self.email is None):
            raise ValueError("give exactly one of id or email")
        return self


class ServiceInput(RequestModel):
    """Body of ``POST /services`` (REFERENCE §4.2). Required per n8n: ``description``,
    ``unit_price``."""

    description: NonEmptyStr
    unit_price: NonNegativeDecimal
    sku: str | None = None
    product_key: ProductKey | None = None
    unit_key: UnitKey | None = None
    unit_name: str | None = None
    quantity: PositiveDecimal | None = None
    taxability: TaxabilityCode | None = None
    taxes: list[TaxInput] | None = None


class ServiceUpdate(RequestModel):
    """Body of ``PUT /services/{id}``: any subset of the create fields."""

    description: NonEmptyStr | None = None
    unit_price: NonNegativeDecimal | None = None
    sku: str | None = None
    product_key: ProductKey | None = None
    unit_key: UnitKey | None = None
    unit_name: str | None = None
    quantity: PositiveDecimal | None = None
    taxability: TaxabilityCode | None = None
    taxes: list[TaxInput] | None = None


class BrandInput(RequestModel):
    """Team brand; ``alias`` is required inside ``brand`` per the teams guide (§8.2)."""

    alias: NonEmptyStr
    primary_color: str | None = None
    secondary_color: str | None = None
    logo: str | None = None


class TeamAddressInput(AddressInput):
    """Team address; ``country`` is required inside ``address`` per the teams guide (§8.2)."""

    country: NonEmptyStr


class AddMemberRequest(RequestModel):
    """Body of ``POST /teams/{id}/add-member`` (REFERENCE §8.6)."""

    id: ResourceId
    role: Role | None = None


class RemoveMemberRequest(RequestModel):
    """Body of ``POST /teams/{id}/remove-member`` (REFERENCE §8.7)."""

    id: ResourceId


class CreateTeamRequest(RequestModel):
    """Body of ``POST /teams`` (REFERENCE §8.2). ``tax_id`` required per n8n."""

    tax_id: RfcCode
    brand: BrandInput | None = None
    tax_system: TaxSystemCode | None = None
    support_email: Email | None = None
    support_phone: str | None = None
    generate_onboarding_url: bool | None = None
    address: TeamAddressInput | None = None
    add_members: list[AddMemberRequest] | None = None
    add_master_team_members: bool | None = None


class UpdateTeamRequest(RequestModel):
    """Body of ``PUT /teams/{id}`` (REFERENCE §8.4)."""

    brand: BrandInput | None = None
    tax_id: RfcCode | None = None
    tax_system: TaxSystemCode | None = None
    support_email: Email | None = None
    support_phone: str | None = None
    address: AddressInput | None = None


class TeamEmailSettings(RequestModel):
    """Email part of the team settings."""

    invoices_bcc: list[Email] | None = None
    avoid_invoice_emails: bool | None = None
    avoid_test_invoice_emails: bool | None = None
    avoid_receipts_emails: bool | None = None


class TeamSettingsUpdate(RequestModel):
    """Body of ``PUT /teams/{id}/settings`` (REFERENCE §8.11).

    Unlike other bodies this one is sent with ``exclude_unset`` rather than ``exclude_none``:
    the CLI's settings schema allows ``null`` to clear a field, so an explicit ``None`` here
    is sent as ``null`` while fields never set are left out.
    """

    default_description: str | None = None
    override_item_description: str | None = None
    invoice_pdf_notes: str | None = None
    product_key: ProductKey | None = None
    unit_key: UnitKey | None = None
    unit_name: str | None = None
    use: CfdiUseCode | None = None
    keep_full_legal_name: bool | None = None
    global_invoice_disabled: bool | None = None
    automate_complement_for_ppd_invoices: bool | None = None
    avoid_automations_on_currencies: list[CurrencyCode] | None = None
    uses_on_self_invoice_portal: list[CfdiUseCode] | None = None
    taxes: list[TaxInput] | None = None
    taxes_usd: list[TaxInput] | None = None
    withholding_taxes: list[TaxInput] | None = None
    periodicity: (
        Literal["day", "week", "two_weeks", "month", "two_months"] | dict[str, str] | None
    ) = None
    customer_portal_id: str | None = None
    emails: TeamEmailSettings | None = None


class CreateSeriesRequest(RequestModel):
    """Body of ``POST /teams/{id}/series`` (REFERENCE §8.9). ``series`` required."""

    series: Annotated[str, Field(min_length=1, max_length=25, pattern=r"^[A-Za-z0-9]+$")]
    live: Annotated[int, Field(ge=0)] | None = None
    test: Annotated[int, Field(ge=0)] | None = None


class UpdateSeriesRequest(RequestModel):
    """Body of ``PUT /teams/{id}/series/{seriesId}`` (REFERENCE §8.10)."""

    live: Annotated[int, Field(ge=0)] | None = None
    test: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _something(self) -> UpdateSeriesRequest:
        if self.live is None and self.test is None:
            raise ValueError("give live and/or test")
        return self


class UserAddressInput(AddressInput):
    """User address (``municipality`` is stored but not returned, §9.2)."""


class CreateUserRequest(RequestModel):
    """Body of ``POST /users`` (REFERENCE §9.2). ``email`` required per n8n: a user without
    one cannot log in or receive the invitation."""

    email: Email
    first_name: str | None = Field(
        default=None, validation_alias=AliasChoices("first_name", "firstName")
    )
    last_name: str | None = Field(
        default=None, validation_alias=AliasChoices("last_name", "lastName")
    )
    phone: str | None = None
    company_role: str | None = None
    address: UserAddressInput | None = None
    auto_join: bool | None = None
    role: Role | None = None


class UpdateUserRequest(RequestModel):
    """Body of ``PUT /users/{id}`` (REFERENCE §9.4).

    REFERENCE §15.12: the older guide sends ``firstName``/``lastName``, newer public code
    ``first_name``/``last_name``. Both are accepted as input; the snake_case names are sent.
    """

    first_name: str | None = Field(
        default=None, validation_alias=AliasChoices("first_name", "firstName")
    )
    last_name: str | None = Field(
        default=None, validation_alias=AliasChoices("last_name", "lastName")
    )
    phone: str | None = None
    company_role: str | None = None
    address: UserAddressInput | None = None


class ResetPasswordRequest(RequestModel):
    """Body of ``POST /users/reset-password`` (REFERENCE §9.5)."""

    email: Email
