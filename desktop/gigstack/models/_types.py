"""Field types shared by the response and request models.

Responses are parsed leniently (gigstack's own documentation spells several things two ways);
requests are validated strictly. The helpers here hold both policies in one place.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)

_log = logging.getLogger("desktop.gigstack")

# --------------------------------------------------------------------------------------------
# Base classes


class ApiModel(BaseModel):
    """Base of every response model: lenient.

    Unknown fields are kept (``extra="allow"``, readable as attributes and through
    ``model_extra``) because gigstack adds fields without notice and REFERENCE §15 lists many
    shapes we only know partially. Every field is optional for the same reason.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False, defer_build=True)

    # ``raw`` and ``unreadable_fields`` live in pydantic's private-state slot, filled only by
    # the client's parsers (desktop.gigstack._base) through :func:`attach`. They are not
    # declared as ``PrivateAttr``: that makes pydantic initialise private state for every
    # nested model of every record, measured here at ~40 % of a 20k-payment parse.

    @property
    def raw(self) -> dict[str, Any]:
        """The record exactly as the server sent it (``Decimal`` numbers), when the client
        parsed it; otherwise the model's own dump. Nothing gigstack sent is ever lost."""
        raw = _private(self).get("_raw")
        if isinstance(raw, dict):
            return raw
        return self.model_dump(by_alias=True, exclude_none=True)

    @property
    def unreadable_fields(self) -> tuple[str, ...]:
        """Fields left unset because their value had an unknown shape (REFERENCE §16.3: one
        odd record must not fail a page), as dotted paths. Their values are still in
        :attr:`raw`."""
        found = _private(self).get("_unreadable", ())
        return found if isinstance(found, tuple) else ()


def _private(model: BaseModel) -> dict[str, Any]:
    private = model.__pydantic_private__
    return private if private is not None else {}


def attach(model: BaseModel, **values: Any) -> None:
    """Store client-side facts about a parsed record (``_raw``, ``_unreadable`` ...)."""
    private = model.__pydantic_private__
    if private is None:
        object.__setattr__(model, "__pydantic_private__", dict(values))
    else:
        private.update(values)


class RequestModel(BaseModel):
    """Base of every request body: strict.

    ``extra="forbid"`` catches typos before they reach the server (a misspelt field would be
    silently ignored there); ``validate_assignment`` keeps a model valid after it is edited, so
    the client can trust an instance it is handed without validating it again.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        validate_assignment=True,
        use_enum_values=True,
        allow_inf_nan=False,
        defer_build=True,
    )


# --------------------------------------------------------------------------------------------
# Timestamps

#: Epoch values above this are milliseconds. 10^11 seconds is the year 5138, while 10^11
#: milliseconds is March 1973, so real values of either unit never fall on the wrong side.
_MS_THRESHOLD = 10**11

_NUMERIC_RE = re.compile(r"^-?\d+(\.\d+)?$")


def parse_timestamp(value: Any) -> datetime | None:
    """Turn any timestamp spelling gigstack uses into an aware UTC ``datetime``.

    REFERENCE §2.9: resources use epoch seconds, webhooks/envelope ``timestamp`` and team
    ``credit_period_start`` use epoch milliseconds, and migration examples use ISO-8601 strings.
    We accept all three everywhere, telling seconds from milliseconds by magnitude. A naive ISO
    string is taken as UTC. Anything unreadable becomes ``None`` (logged) rather than failing
    the whole response: losing one date is better than failing to read a registered payment.
    """
    if value is None or value == "":
        return None
    if isinstance(value, Mapping):
        return _firestore_timestamp(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, bool):
        _log.debug("ignoring boolean timestamp")
        return None
    number: Decimal | None = None
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str) and _NUMERIC_RE.match(value.strip()):
        number = Decimal(value.strip())
    if number is not None:
        if not number.is_finite():
            return None
        seconds = number / 1000 if abs(number) > _MS_THRESHOLD else number
        try:
            return datetime.fromtimestamp(float(seconds), tz=UTC)
        except (OverflowError, OSError, ValueError):
            _log.debug("ignoring out-of-range timestamp")
            return None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            _log.debug("ignoring unreadable timestamp string")
            return None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return None


def _firestore_timestamp(value: Mapping[str, Any]) -> datetime | None:
    """REFERENCE §16.3: legacy records carry raw Firestore timestamps
    ``{"_seconds": 1677651234, "_nanoseconds": 0}``; some serialisers drop the underscore."""
    seconds = value.get("_seconds", value.get("seconds"))
    nanos = value.get("_nanoseconds", value.get("nanoseconds")) or 0
    if isinstance(seconds, bool) or not isinstance(seconds, int | float | Decimal | str):
        _log.debug("ignoring unreadable timestamp object")
        return None
    try:
        total = Decimal(str(seconds)) + Decimal(str(nanos)) / Decimal(10**9)
        return datetime.fromtimestamp(float(total), tz=UTC)
    except (InvalidOperation, OverflowError, OSError, ValueError):
        _log.debug("ignoring out-of-range timestamp object")
        return None


#: Response timestamp: seconds, milliseconds or ISO string in; aware UTC datetime out.
Timestamp = Annotated[datetime | None, BeforeValidator(parse_timestamp)]


def _timestamp_to_epoch(value: datetime | int) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("datetime must be timezone-aware")
        return int(value.timestamp())
    return int(value)


def _check_request_timestamp(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        # A naive datetime is ambiguous (local time of which machine?): refuse it.
        raise ValueError("datetime must be timezone-aware")
    if isinstance(value, int) and not isinstance(value, bool) and value > _MS_THRESHOLD:
        raise ValueError("epoch value looks like milliseconds; send seconds")
    return value


#: Request timestamp: an aware datetime or epoch seconds, sent as epoch seconds (the unit
#: gigstack uses for resource times and the n8n node sends for mark-paid ``date``, §2.9).
EpochSeconds = Annotated[
    datetime | Annotated[int, Field(ge=0)],
    BeforeValidator(_check_request_timestamp),
    PlainSerializer(_timestamp_to_epoch, return_type=int),
]


# --------------------------------------------------------------------------------------------
# Lenient enums

E = TypeVar("E", bound=enum.Enum)


def lenient_enum(enum_cls: type[E], aliases: Mapping[str, E] | None = None) -> Callable[[Any], Any]:
    """Build a before-validator mapping known spellings to ``enum_cls`` members.

    Matching is case-insensitive; unknown values are passed through unchanged so a status the
    documentation never mentioned still parses (as a plain ``str``).
    """
    table: dict[str, E] = {str(member.value).lower(): member for member in enum_cls}
    for alias, member in (aliases or {}).items():
        table[alias.lower()] = member

    def _normalise(value: Any) -> Any:
        if isinstance(value, enum_cls):
            return value
        if isinstance(value, str):
            return table.get(value.strip().lower(), value)
        return value

    return _normalise


class PaymentStatus(enum.StrEnum):
    """Payment status (REFERENCE §2.16)."""

    REQUIRES_PAYMENT_METHOD = "requires_payment_method"
    PENDING = "pending"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    REFUNDED = "refunded"


class InvoiceStatus(enum.StrEnum):
    """Invoice status (REFERENCE §2.16). ``stamped`` (create) and ``valid`` (list) both mean a
    stamped, live CFDI; they are kept apart because the API keeps them apart."""

    VALID = "valid"
    STAMPED = "stamped"
    CANCELED = "canceled"
    PENDING = "pending"
    PROCESSING = "processing"
    CREATED = "created"
    DRAFT = "draft"


class AutomationType(enum.StrEnum):
    """What gigstack does after registering/requesting a payment or creating an invoice."""

    PUE_INVOICE = "pue_invoice"
    PPD_INVOICE_AND_COMPLEMENT = "ppd_invoice_and_complement"
    NONE = "none"
    RECEIPT = "receipt"


class ReceiptStatus(enum.StrEnum):
    """Receipt (self-invoice sales note) status (REFERENCE §2.16, §16.1).

    The docs show ``pending``; the CLI lists ``pending``, ``open``, ``invoiced``, ``completed``,
    ``expired``, ``cancelled``; the n8n node ``pending``, ``stamped``, ``canceled``. Every one
    is a member; values nobody listed still parse, as plain strings.
    """

    PENDING = "pending"
    OPEN = "open"
    INVOICED = "invoiced"
    STAMPED = "stamped"
    COMPLETED = "completed"
    EXPIRED = "expired"
    CANCELED = "canceled"


class TaxType(enum.StrEnum):
    """Tax kind on an item (REFERENCE §2.12)."""

    IVA = "IVA"
    ISR = "ISR"
    IEPS = "IEPS"


# Accept-both choices (each cites the REFERENCE section that documents both spellings):
# - REFERENCE §2.16 and §15.9: payments and invoices are "canceled" (n8n, derived from
#   gigstack's swagger) or "cancelled" (gigstack CLI). Both become CANCELED = "canceled",
#   the swagger-derived spelling.
_STATUS_ALIASES = {"cancelled": PaymentStatus.CANCELED}
_INVOICE_STATUS_ALIASES = {"cancelled": InvoiceStatus.CANCELED}
_RECEIPT_STATUS_ALIASES = {"cancelled": ReceiptStatus.CANCELED}
# - REFERENCE §2.15 and §15.2: automation types are documented as pue_invoice /
#   ppd_invoice_and_complement (payments guide) and as payment / payment_and_complement
#   (register page text, invoices guide); the CLI also knows legacy stamp_invoice (= PUE).
#   All map to the payments-guide names, which is also what the documented request examples
#   (register payment and create income invoice) actually send.
AUTOMATION_ALIASES: dict[str, AutomationType] = {
    "payment": AutomationType.PUE_INVOICE,
    "stamp_invoice": AutomationType.PUE_INVOICE,
    "payment_and_complement": AutomationType.PPD_INVOICE_AND_COMPLEMENT,
}
# - REFERENCE §2.12 and §15.13: tax type is upper case in the docs, "iva" in one example;
#   matching is case-insensitive, so both become TaxType.IVA.

LenientPaymentStatus = Annotated[
    PaymentStatus | str | None,
    Field(union_mode="left_to_right"),
    BeforeValidator(lenient_enum(PaymentStatus, _STATUS_ALIASES)),
]
LenientInvoiceStatus = Annotated[
    InvoiceStatus | str | None,
    Field(union_mode="left_to_right"),
    BeforeValidator(lenient_enum(InvoiceStatus, _INVOICE_STATUS_ALIASES)),
]
LenientAutomationType = Annotated[
    AutomationType | str | None,
    Field(union_mode="left_to_right"),
    BeforeValidator(lenient_enum(AutomationType, AUTOMATION_ALIASES)),
]
LenientReceiptStatus = Annotated[
    ReceiptStatus | str | None,
    Field(union_mode="left_to_right"),
    BeforeValidator(lenient_enum(ReceiptStatus, _RECEIPT_STATUS_ALIASES)),
]
LenientTaxType = Annotated[
    TaxType | str | None,
    Field(union_mode="left_to_right"),
    BeforeValidator(lenient_enum(TaxType)),
]


# --------------------------------------------------------------------------------------------
# Lenient scalars


def _lenient_decimal(value: Any) -> Any:
    """Money in responses: numbers (already ``Decimal`` thanks to ``parse_float``), ints or
    numeric strings. An empty string means "no value"."""
    if value == "":
        return None
    if isinstance(value, float):
        # Only reachable when a caller validates a dict it built itself; ``str`` gives the
        # shortest repr, i.e. the literal the caller typed, not the binary expansion.
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value  # let pydantic produce its normal error
    return value


#: Money or any other non-integer number in a response, exact.
LenientDecimal = Annotated[Decimal | None, BeforeValidator(_lenient_decimal)]


def _lenient_code(value: Any) -> Any:
    """A SAT code in a response (``tax_system``, ``use``, ``payment_form``).

    REFERENCE §16.3: the v1 API wrote ``tax_system`` as ``{"label": ..., "value": "601"}``;
    that (and ``{"code": ...}``) is read as its value. A bare number becomes its text. Any
    other shape becomes ``None`` — the raw record still holds it — so one odd record cannot
    fail a page.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in ("value", "code", "key", "id"):
            inner = value.get(key)
            if isinstance(inner, str | int) and not isinstance(inner, bool):
                return str(inner)
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


#: A SAT code in a response, tolerant of legacy ``{label, value}`` objects and numbers.
LenientCode = Annotated[str | None, BeforeValidator(_lenient_code)]


def _lenient_payment_form(value: Any) -> Any:
    code = _lenient_code(value)
    # A number loses the leading zero of "01"-"09"; SAT payment forms are two digits.
    return code.zfill(2) if isinstance(code, str) and code.isdigit() and len(code) == 1 else code


#: ``payment_form`` in a response: like :data:`LenientCode`, ``3`` read as ``"03"``.
LenientPaymentForm = Annotated[str | None, BeforeValidator(_lenient_payment_form)]


def _id_object(value: Any) -> Any:
    """Some payloads reference a client by id string instead of an object: wrap it."""
    if isinstance(value, str):
        return {"id": value}
    return value


IdOrObject = BeforeValidator(_id_object)


# --------------------------------------------------------------------------------------------
# Strict request scalars (SAT code shapes; catalog membership is desktop.fiscal's job)

PaymentFormCode = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
TaxSystemCode = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]
CfdiUseCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}\d{2}$")]
ProductKey = Annotated[str, StringConstraints(pattern=r"^\d{8}$")]
UnitKey = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}$")]
TaxabilityCode = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
ZipCode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
# RFC shape: 3 letters (company) or 4 (person), 6 date digits, 3-character homoclave.
RfcCode = Annotated[str, StringConstraints(pattern=r"^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$")]
FiscalUuid = Annotated[
    str,
    StringConstraints(
        pattern=r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
    ),
]
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)]
NonEmptyStr = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
ResourceId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^\S+$")]

#: REFERENCE §2.7: the key pattern gigstack documents for its Idempotency-Key header
#: ([A-Za-z0-9._:-]{8,128}); we hold body keys to the same rule so one key works in both.
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9._:\-]{8,128}$"
IdempotencyKey = Annotated[str, StringConstraints(pattern=IDEMPOTENCY_KEY_PATTERN)]

NonNegativeDecimal = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
PositiveDecimal = Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]
