"""Response models: what gigstack sends back, parsed leniently.

Every field is optional and unknown fields are kept (see :class:`ApiModel`). Money is
``Decimal``; times are aware UTC ``datetime`` objects.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AliasChoices, BeforeValidator, Field, PrivateAttr, model_validator

from desktop.gigstack.models._types import (
    ApiModel,
    IdOrObject,
    LenientAutomationType,
    LenientCode,
    LenientDecimal,
    LenientInvoiceStatus,
    LenientPaymentForm,
    LenientPaymentStatus,
    LenientReceiptStatus,
    LenientTaxType,
    ReceiptStatus,
    Timestamp,
    attach,
)

__all__ = [
    "Ack",
    "Address",
    "Client",
    "ClientDefaults",
    "Deleted",
    "Efos",
    "Invoice",
    "InvoiceFiles",
    "InvoiceStamp",
    "Item",
    "Payment",
    "PortalToken",
    "Receipt",
    "SatConnection",
    "Series",
    "Service",
    "StampReceiptOutcome",
    "StampReceiptsResult",
    "Tax",
    "Team",
    "TeamBrandInfo",
    "TeamIntegrations",
    "TeamMember",
    "TeamSettingsInfo",
    "User",
    "UserTeam",
]


class Address(ApiModel):
    """Postal address. Responses show ``country`` as ISO-3 (``MEX``) and may merge the
    exterior number into ``street`` (REFERENCE §3, §15.11)."""

    street: str | None = None
    exterior: str | None = None
    interior: str | None = None
    neighborhood: str | None = None
    municipality: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class Tax(ApiModel):
    """A tax line of an item or service (REFERENCE §2.12)."""

    type: LenientTaxType = None
    rate: LenientDecimal = None
    factor: str | None = None
    base: str | None = None
    inclusive: bool | None = None
    withholding: bool | None = None


class Item(ApiModel):
    """A line of a payment or invoice as returned by the server (REFERENCE §2.13)."""

    id: str | None = None
    description: str | None = None
    quantity: LenientDecimal = None
    unit_price: LenientDecimal = None
    discount: LenientDecimal = None
    sku: str | None = None
    product_key: str | None = None
    unit_key: str | None = None
    unit_name: str | None = None
    taxability: str | None = None
    taxes: list[Tax] | None = None


#: Alias: invoices call their lines "items" too; both names are exported.
LineItem = Item


class Efos(ApiModel):
    """SAT EFOS (blacklisted taxpayer) check result."""

    is_valid: bool | None = None


class ClientDefaults(ApiModel):
    """Per-client invoicing defaults."""

    keep_full_legal_name: bool | None = None
    issue_automatic_invoices: bool | None = None
    issue_invoiceable_receipts: bool | None = None


class Client(ApiModel):
    """A gigstack client (customer) (REFERENCE §3)."""

    id: str | None = None
    name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    legal_name: str | None = None
    tax_id: str | None = None
    # REFERENCE §16.3: v1 records hold {label, value}; read as the value.
    tax_system: LenientCode = None
    use: LenientCode = None
    address: Address | None = None
    is_valid: bool | None = None
    efos: Efos | None = None
    livemode: bool | None = None
    created_at: Timestamp = None
    team: str | None = None
    owner: str | None = None
    from_: str | None = Field(default=None, alias="from")
    metadata: dict[str, Any] | None = None
    bcc: list[str] | None = None
    defaults: ClientDefaults | None = None

    _created: bool | None = PrivateAttr(default=None)

    @property
    def was_created(self) -> bool | None:
        """After ``clients.create``: ``True`` for 201 (new client), ``False`` for 200 (an
        existing client matched ``search``, REFERENCE §2.14); ``None`` elsewhere."""
        return self._created


class Service(ApiModel):
    """A product or service in the catalog (REFERENCE §4)."""

    id: str | None = None
    description: str | None = None
    sku: str | None = None
    product_key: str | None = None
    unit_key: str | None = None
    unit_name: str | None = None
    unit_price: LenientDecimal = None
    quantity: LenientDecimal = None
    taxability: str | None = None
    taxes: list[Tax] | None = None
    team: str | None = None
    created_at: Timestamp = None
    metadata: dict[str, Any] | None = None


class InvoiceStamp(ApiModel):
    """Stamp (timbre) data of an invoice."""

    stamp_at: Timestamp = None
    sello: str | None = None


class Invoice(ApiModel):
    """An invoice (CFDI) (REFERENCE §5).

    ``id`` is the identifier to use in paths. REFERENCE §2.10 and §5: the documented responses
    name it ``uuid`` (value ``invoice_…``) while other resources use ``id``; we accept both. When
    only ``uuid`` is present it is copied to ``id``; when both are present ``id`` wins and
    ``uuid`` keeps whatever the server put there (possibly the fiscal SAT UUID).
    """

    id: str | None = None
    uuid: str | None = None
    client: Annotated[Client | None, IdOrObject] = None
    status: LenientInvoiceStatus = None
    invoice_type: str | None = None
    automation_type: LenientAutomationType = None
    currency: str | None = None
    exchange_rate: LenientDecimal = None
    total: LenientDecimal = None
    subtotal: LenientDecimal = None
    # REFERENCE §2.11: on invoices ``taxes`` is the total tax amount (a number); tolerate the
    # request-style list too instead of failing the whole invoice.
    taxes: LenientDecimal | list[Tax] = None
    discount: LenientDecimal = None
    series: str | None = None
    folio_number: int | str | None = None
    payment_method: str | None = None
    payment_form: LenientPaymentForm = None
    use: LenientCode = None
    items: list[Item] | None = None
    stamp: InvoiceStamp | None = None
    created_at: Timestamp = None
    livemode: bool | None = None
    owner: str | None = None
    team: str | None = None
    metadata: dict[str, Any] | None = None
    verification_url: str | None = None
    last_balance: LenientDecimal = None

    @model_validator(mode="before")
    @classmethod
    def _id_from_uuid(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and data.get("uuid"):
            return {**data, "id": data["uuid"]}
        return data


class InvoiceFiles(ApiModel):
    """Download locations of an invoice's PDF and XML.

    REFERENCE §5.4: documented names are ``pdf``/``xml``; public code also tolerates
    ``pdf_url``/``xml_url``. Both are accepted (the first present wins).
    """

    pdf: str | None = Field(default=None, validation_alias=AliasChoices("pdf", "pdf_url"))
    xml: str | None = Field(default=None, validation_alias=AliasChoices("xml", "xml_url"))


def _id_list(value: Any) -> Any:
    """A list of ids or embedded objects; a count (the CLI's view of some links) or any other
    shape is not a list of links and reads as ``None`` (the raw record keeps it)."""
    if value is None or isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
    return None


IdList = BeforeValidator(_id_list)


def _link_ids(*sources: Any) -> list[str]:
    """Ids from strings, objects (``id`` first, then ``uuid``) and lists of either, in order,
    without repeats."""
    ids: list[str] = []

    def add(entry: Any) -> None:
        if isinstance(entry, str):
            found: str | None = entry
        elif isinstance(entry, ApiModel):
            found = getattr(entry, "id", None) or getattr(entry, "uuid", None)
        elif isinstance(entry, dict):
            found = entry.get("id") or entry.get("uuid")
        else:
            found = None
        if isinstance(found, str) and found and found not in ids:
            ids.append(found)

    for source in sources:
        if isinstance(source, list):
            for entry in source:
                add(entry)
        elif source is not None:
            add(source)
    return ids


class Receipt(ApiModel):
    """A receipt: a non-fiscal sales note whose ``url`` is gigstack's self-invoice portal
    (REFERENCE §7, §16.1). The customer turns it into a CFDI before :attr:`valid_until`;
    otherwise it ends in the period's global invoice.

    Defensive reading: ``validUntil`` (documented) and ``valid_until``; ``created`` (documented)
    and ``created_at``; times as epoch seconds, milliseconds, ISO strings or Firestore objects;
    statuses beyond the enum kept as plain strings.
    """

    id: str | None = None
    client: Annotated[Client | None, IdOrObject] = None
    status: LenientReceiptStatus = None
    url: str | None = None
    currency: str | None = None
    exchange_rate: LenientDecimal = None
    total: LenientDecimal = None
    subtotal: LenientDecimal = None
    taxes: LenientDecimal | list[Tax] = None
    discount: LenientDecimal = None
    periodicity: LenientCode = None
    payment_form: LenientPaymentForm = None
    items: list[Item] | None = None
    created: Timestamp = Field(default=None, validation_alias=AliasChoices("created", "created_at"))
    valid_until: Timestamp = Field(
        default=None, validation_alias=AliasChoices("validUntil", "valid_until")
    )
    payment_id: str | None = None
    invoice_id: str | None = None
    # Not documented: a stamp answer may embed the new invoice (our sandbox does).
    invoice: Annotated[Invoice | None, IdOrObject] = None
    invoices: Annotated[list[str | Invoice] | None, IdList] = None
    # Not documented: the global invoice an unclaimed receipt ended in (our sandbox says so).
    global_invoice_id: str | None = None
    payments: Annotated[list[str | dict[str, Any]] | None, IdList] = None
    livemode: bool | None = None
    team: str | None = None
    owner: str | None = None
    metadata: dict[str, Any] | None = None
    idempotency_key: str | None = None

    @property
    def invoice_ids(self) -> list[str]:
        """Invoices made from this receipt (self-invoiced, stamped, or the global invoice)."""
        return _link_ids(self.invoices, self.invoice_id, self.invoice, self.global_invoice_id)

    @property
    def payment_ids(self) -> list[str]:
        """The payments this receipt is for (``payment_id`` and/or ``payments[]``)."""
        return _link_ids(self.payment_id, self.payments)

    @property
    def in_global_invoice(self) -> bool:
        """True when the receipt went into the period's global invoice."""
        return bool(self.global_invoice_id)

    @property
    def is_canceled(self) -> bool:
        return self.status == ReceiptStatus.CANCELED

    @property
    def is_invoiced(self) -> bool:
        """True once a CFDI exists for it (by status or by a linked invoice)."""
        return self.status in (
            ReceiptStatus.INVOICED,
            ReceiptStatus.STAMPED,
            ReceiptStatus.COMPLETED,
        ) or bool(self.invoice_ids)


class Payment(ApiModel):
    """A payment (REFERENCE §6).

    Defensive reading (REFERENCE §16.3):

    * ``total`` missing (gigstack's serializer dropped it on Stripe-sourced payments): read
      from ``amount``, which those records carry in cents (÷ 100), as gigstack's CLI does.
      :attr:`total_from_amount` says when that happened.
    * Invoice links come as ``invoices[]`` (docs), ``invoice_id``, ``invoice{uuid}`` (CLI);
      the receipt as ``receipt_id`` or an embedded ``receipt``. :attr:`invoice_ids` and
      :attr:`receipt_id` read all of them.
    """

    id: str | None = None
    client: Annotated[Client | None, IdOrObject] = None
    status: LenientPaymentStatus = None
    automation_type: LenientAutomationType = None
    currency: str | None = None
    exchange_rate: LenientDecimal = None
    payment_form: LenientPaymentForm = None
    total: LenientDecimal = None
    subtotal: LenientDecimal = None
    taxes: LenientDecimal | list[Tax] = None
    discount: LenientDecimal = None
    amount: LenientDecimal = None
    refunded_amount: LenientDecimal = None
    items: list[Item] | None = None
    # Documented as a list of invoice ids; tolerate embedded invoice objects as well.
    invoices: Annotated[list[str | Invoice] | None, IdList] = None
    invoice_id: str | None = None
    invoice: Annotated[Invoice | None, IdOrObject] = None
    receipt_id: str | None = None
    receipt: Annotated[Receipt | None, IdOrObject] = None
    created_at: Timestamp = None
    succeeded_at: Timestamp = None
    payment_processor: str | None = None
    short_url: str | None = None
    livemode: bool | None = None
    team: str | None = None
    owner: str | None = None
    metadata: dict[str, Any] | None = None
    idempotency_key: str | None = None

    @model_validator(mode="after")
    def _total_from_cents(self) -> Payment:
        if self.total is None and self.amount is not None:
            # CLI commit 9c4f6ab: ``amount`` is in cents on these records.
            self.total = (self.amount / Decimal(100)).quantize(Decimal("0.01"))
            attach(self, _total_from_amount=True)
        if self.receipt_id is None and self.receipt is not None and self.receipt.id:
            self.receipt_id = self.receipt.id
        return self

    @property
    def total_from_amount(self) -> bool:
        """True when :attr:`total` was computed from ``amount`` in cents."""
        private = self.__pydantic_private__ or {}
        return bool(private.get("_total_from_amount"))

    @property
    def invoice_ids(self) -> list[str]:
        """Ids of the invoices linked to this payment, whichever form the server used."""
        return _link_ids(self.invoices, self.invoice_id, self.invoice)

    @property
    def receipt_url(self) -> str | None:
        """The self-invoice link, when the payment embeds its receipt."""
        return self.receipt.url if self.receipt is not None else None


class PortalToken(ApiModel):
    """Customer-portal access for a client (REFERENCE §3.7: the CLI reads ``url`` and
    ``expires_at``; the documented example ``data`` is empty, so both may be missing)."""

    url: str | None = None
    token: str | None = None
    expires_at: Timestamp = None


class StampReceiptOutcome(ApiModel):
    """One receipt's result inside :class:`StampReceiptsResult`."""

    id: str | None = None
    status: str | None = None


class StampReceiptsResult(ApiModel):
    """Result of stamping a client's pending receipts (REFERENCE §3.8)."""

    stamped: int | None = None
    failed: int | None = None
    remaining: int | None = None
    results: list[StampReceiptOutcome] | None = None


class TeamBrandInfo(ApiModel):
    """Brand data of a team as returned by the server."""

    alias: str | None = None
    primary_color: str | None = None
    secondary_color: str | None = None
    logo: str | None = None


class TeamSettingsInfo(ApiModel):
    """Team invoicing settings as returned by the server (partial; extras kept)."""

    default_description: str | None = None
    invoice_pdf_notes: str | None = None
    product_key: str | None = None
    unit_key: str | None = None
    unit_name: str | None = None
    use: str | None = None
    keep_full_legal_name: bool | None = None
    taxes: list[Tax] | None = None
    taxes_usd: list[Tax] | None = None
    withholding_taxes: list[Tax] | None = None


class SatConnection(ApiModel):
    """SAT (CSD) connection status of a team."""

    completed: bool | None = None
    connected_at: Timestamp = None
    csd_expires_at: Timestamp = None


class TeamMember(ApiModel):
    """A member of a team."""

    id: str | None = None
    email: str | None = None
    role: str | None = None


class TeamIntegrations(ApiModel):
    """Integration status of a team (shape not documented, REFERENCE §8.5): all extras."""


class Team(ApiModel):
    """A gigstack team (REFERENCE §8)."""

    id: str | None = None
    name: str | None = None
    legal_name: str | None = None
    address: Address | None = None
    brand: TeamBrandInfo | None = None
    settings: TeamSettingsInfo | None = None
    tax_id: str | None = None
    tax_system: LenientCode = None
    support_email: str | None = None
    support_phone: str | None = None
    owner: str | None = None
    created_at: Timestamp = None
    credit_limit: LenientDecimal = None
    used_credits: LenientDecimal = None
    # REFERENCE §2.9: milliseconds in the example; Timestamp handles both units.
    credit_period_start: Timestamp = None
    sat: SatConnection | None = None
    members: list[TeamMember] | None = None
    integrations: TeamIntegrations | None = None


class Series(ApiModel):
    """An invoice series with its next folio per mode (REFERENCE §8.8, inferred shape)."""

    id: str | None = None
    series: str | None = None
    live: int | None = None
    test: int | None = None


class UserTeam(ApiModel):
    """A team a user belongs to."""

    team_id: str | None = None
    team_name: str | None = None
    role: str | None = None


class User(ApiModel):
    """A gigstack user (REFERENCE §9).

    REFERENCE §9 and §15.12: the older guide and the get-user response use ``firstName`` /
    ``lastName``, the newer guide ``first_name`` / ``last_name``; both fill the snake_case
    fields.
    """

    id: str | None = None
    email: str | None = None
    name: str | None = None
    first_name: str | None = Field(
        default=None, validation_alias=AliasChoices("first_name", "firstName")
    )
    last_name: str | None = Field(
        default=None, validation_alias=AliasChoices("last_name", "lastName")
    )
    phone: str | None = None
    company_role: str | None = None
    role: str | None = None
    address: Address | None = None
    created_at: Timestamp = None
    last_login: Timestamp = None
    invitation_sent: bool | None = None
    teams: list[UserTeam] | None = None


class Deleted(ApiModel):
    """Answer to a DELETE: usually just the id (responses are not documented)."""

    id: str | None = None
    message: str | None = None


class Ack(ApiModel):
    """Answer of an operation whose ``data`` is empty or undocumented (add/remove member,
    reset password). ``message`` is the envelope's message; ``data`` what came with it."""

    message: str | None = None
    data: dict[str, Any] | None = None
