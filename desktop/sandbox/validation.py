"""Input validation the way a CFDI 4.0 platform has to do it.

This module is deliberately independent of ``desktop.fiscal``: the sandbox must behave like
gigstack, not like our client expects, so it carries its own small copy of the SAT rules it
needs (REFERENCE.md section 11).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any


class ApiError(Exception):
    """An error answered as ``{"message": ..., "error": ...}`` with an HTTP status.

    ``details`` (strings) travel only in the nested error shape
    (``{"success": false, "error": {"code", "message", "details"}}``).
    """

    def __init__(
        self,
        status: int,
        message: str,
        error: str,
        headers: dict[str, str] | None = None,
        details: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error
        self.headers = headers or {}
        self.details = details or []


def bad_request(field: str, problem: str) -> ApiError:
    """A 400 that names the offending field (gigstack's CLI shows ``message`` to the user)."""
    return ApiError(
        400,
        f"Invalid field '{field}': {problem}",
        "validation_failed",
        details=[f"{field}: {problem}"],
    )


# --- request bodies: bad bytes never reach the store ----------------------------------------

MAX_BODY_BYTES = 1024 * 1024  # a counter sale is a few KB; 1 MiB is generous
MAX_JSON_DEPTH = 64
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _reject_constant(name: str) -> Any:
    raise ApiError(400, f"Invalid JSON body: {name} is not a JSON number", "invalid_json")


def parse_json_body(raw: bytes) -> Any:
    """The request body as JSON, or a 400 that stores nothing.

    Refused: more than ``MAX_BODY_BYTES`` (413), invalid UTF-8, ``NaN``/``Infinity``
    literals, numbers that overflow a float (``1e400``), lone surrogates (``"\\ud800"``,
    which no UTF-8 encoder could write back into a list or the state file) and nesting
    deeper than ``MAX_JSON_DEPTH`` levels.
    """
    if not raw.strip():
        return None
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, f"Request body larger than {MAX_BODY_BYTES} bytes", "payload_too_large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, f"Invalid JSON body: not valid UTF-8 (byte {exc.start})", "invalid_json"
        ) from exc
    try:
        body = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise ApiError(
            400, f"Invalid JSON body: nested deeper than {MAX_JSON_DEPTH} levels", "invalid_json"
        ) from exc
    except ValueError as exc:  # JSONDecodeError, int too long to convert
        raise ApiError(400, f"Invalid JSON body: {exc}", "invalid_json") from exc
    _check_json_tree(body)
    return body


def _check_json_tree(body: Any) -> None:
    stack: list[tuple[Any, int]] = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ApiError(
                    400,
                    f"Invalid JSON body: nested deeper than {MAX_JSON_DEPTH} levels",
                    "invalid_json",
                )
            if isinstance(value, dict):
                for key, item in value.items():
                    _check_text(key)
                    stack.append((item, depth + 1))
            else:
                stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_text(value)
        elif isinstance(value, float) and not math.isfinite(value):
            raise ApiError(400, "Invalid JSON body: number out of range", "invalid_json")


def _check_text(text: str) -> None:
    if _SURROGATE_RE.search(text):
        raise ApiError(
            400,
            "Invalid JSON body: a string holds a lone surrogate (\\ud800-\\udfff), "
            "which is not valid Unicode text",
            "invalid_json",
        )


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, f"{what} '{ident}' not found", "not_found")


def conflict(message: str, error: str = "conflict") -> ApiError:
    return ApiError(409, message, error)


# --- SAT catalogs (REFERENCE.md section 11) -------------------------------------------------

PAYMENT_FORMS = frozenset(
    [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "08",
        "12",
        "13",
        "14",
        "15",
        "17",
        "23",
        "24",
        "25",
        "26",
        "27",
        "28",
        "29",
        "30",
        "31",
        "99",
    ]
)
TAX_SYSTEMS = frozenset(
    [
        "601",
        "603",
        "605",
        "606",
        "607",
        "608",
        "610",
        "611",
        "612",
        "614",
        "615",
        "616",
        "620",
        "621",
        "622",
        "623",
        "624",
        "625",
        "626",
        "628",
        "629",
        "630",
    ]
)
# P01 is kept because gigstack's own examples still send it as a client default; stamping
# rejects it (the SAT removed it in CFDI 4.0, REFERENCE.md section 15 item 5).
CFDI_USES = frozenset(
    ["G01", "G02", "G03", "S01", "CP01", "CN01", "P01"]
    + [f"I0{i}" for i in range(1, 9)]
    + [f"D{i:02d}" for i in range(1, 11)]
)
CANCEL_MOTIVES = frozenset({"01", "02", "03", "04"})
TAX_TYPES = frozenset({"IVA", "ISR", "IEPS"})
TAX_FACTORS = frozenset({"Tasa", "Cuota", "Exento"})
TAXABILITY = frozenset({"01", "02", "03", "04"})
PAYMENT_METHODS = frozenset({"PUE", "PPD"})
ALLOWED_PAYMENT_METHODS = frozenset({"card", "spei", "bank", "oxxo", "stripe-spei"})
ROLES = frozenset({"admin", "editor", "viewer"})
PERIODICITIES = frozenset({"day", "week", "two_weeks", "month", "two_months"})

GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})

# The last character is the check digit (0-9 or A); the format check accepts any letter
# there because gigstack's own examples use RFCs like PEGJ800101ABC. ``rfc_check_digit_ok``
# (the client's ``is_valid``) is where a wrong check digit shows.
_RFC_RE = re.compile(r"^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2})([A-Z\d])$")
_FISCAL_UUID_RE = re.compile(
    r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
)
_ZIP_RE = re.compile(r"^\d{5}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PRODUCT_KEY_RE = re.compile(r"^\d{8}$")
_UNIT_KEY_RE = re.compile(r"^[A-Z0-9]{2,3}$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")

# Value table of the SAT check-digit algorithm (Anexo 20 / RFC homoclave rules).
_RFC_DIGIT_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ")}


def rfc_check_digit(first_chars: str) -> str:
    """The SAT check digit for the first 11 (moral) or 12 (física) characters of an RFC."""
    padded = first_chars.rjust(12)  # personas morales are padded with a leading space
    total = sum(_RFC_DIGIT_VALUES[c] * (13 - i) for i, c in enumerate(padded))
    remainder = total % 11
    if remainder == 0:
        return "0"
    digit = 11 - remainder
    return "A" if digit == 10 else str(digit)


def rfc_format_ok(rfc: str) -> bool:
    """Structure and date check only (what gigstack can check without asking the SAT)."""
    if rfc in GENERIC_RFCS:
        return True
    match = _RFC_RE.match(rfc)
    if not match or len(rfc) not in (12, 13):
        return False
    _, yy, mm, dd, _, _ = match.groups()
    try:
        dt.date(2000 + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    return True


def rfc_check_digit_ok(rfc: str) -> bool:
    if rfc in GENERIC_RFCS:
        return True
    return rfc_format_ok(rfc) and rfc_check_digit(rfc[:-1]) == rfc[-1]


def ean13_check_digit(first12: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_fiscal_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_FISCAL_UUID_RE.match(value))


# --- field helpers: each raises a 400 naming the field --------------------------------------


def require_object(body: Any, field: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad_request(field, "must be a JSON object")
    return body


def opt_str(obj: dict[str, Any], key: str, field: str | None = None) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(field or key, "must be a string")
    return value


def req_str(obj: dict[str, Any], key: str, field: str | None = None) -> str:
    value = opt_str(obj, key, field)
    if value is None or not value.strip():
        raise bad_request(field or key, "is required")
    return value


def opt_bool(obj: dict[str, Any], key: str, field: str | None = None) -> bool | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise bad_request(field or key, "must be a boolean")
    return value


MAX_INT = 2**53 - 1  # what a JavaScript client (gigstack's own) can hold exactly


def opt_int(obj: dict[str, Any], key: str, field: str | None = None) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(field or key, "must be an integer")
    if abs(value) > MAX_INT:
        raise bad_request(field or key, f"must be at most {MAX_INT}")
    return value


# Money bounds. Inferred (gigstack documents none): the CFDI allows 6 decimals on amounts and
# unit values; a sandbox that stores JSON numbers keeps cents exact only far below 2**53 / 100,
# so one amount, and one line, stays under a trillion pesos.
MAX_AMOUNT = Decimal(10) ** 12
MAX_DECIMALS = 6
MIN_QUANTITY = Decimal("0.000001")
MAX_QUANTITY = Decimal(10) ** 9


def to_decimal(value: Any, field: str, *, positive: bool = False) -> Decimal:
    """A JSON number as Decimal (via ``str`` so 0.1 stays 0.1); money is never negative,
    never above ``MAX_AMOUNT`` and has at most ``MAX_DECIMALS`` decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_request(field, "must be a number")
    if isinstance(value, int) and abs(value) > MAX_AMOUNT:
        raise bad_request(field, f"must be less than {MAX_AMOUNT:,}")
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:  # pragma: no cover - json never yields these
        raise bad_request(field, "must be a number") from exc
    if not number.is_finite():
        raise bad_request(field, "must be a finite number")
    if positive and number <= 0:
        raise bad_request(field, "must be greater than 0")
    if number < 0:
        raise bad_request(field, "must be greater than or equal to 0")
    if number >= MAX_AMOUNT:
        raise bad_request(field, f"must be less than {MAX_AMOUNT:,}")
    exponent = number.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and exponent < -MAX_DECIMALS
        and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
    ):
        raise bad_request(field, f"has more than {MAX_DECIMALS} decimals")
    return number


def to_quantity(value: Any, field: str) -> Decimal:
    """A line quantity: 0.000001 to 10^9 with at most 6 decimals (CFDI ``Cantidad``)."""
    quantity = to_decimal(value, field, positive=True)
    if quantity < MIN_QUANTITY:
        raise bad_request(field, f"must be at least {MIN_QUANTITY}")
    if quantity > MAX_QUANTITY:
        raise bad_request(field, f"must be at most {MAX_QUANTITY:,}")
    return quantity


def check_rfc(value: Any, field: str = "tax_id") -> str:
    if not isinstance(value, str):
        raise bad_request(field, "must be a string")
    rfc = value.strip().upper()
    if not rfc_format_ok(rfc):
        raise bad_request(
            field,
            f"'{value}' is not a valid RFC (12 characters for personas morales, 13 for "
            "personas físicas, or XAXX010101000 / XEXX010101000)",
        )
    return rfc


def check_in(value: Any, allowed: frozenset[str], field: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise bad_request(field, f"'{value}' is not one of {', '.join(sorted(allowed))}")
    return value


def check_zip(value: Any, field: str = "address.zip") -> str:
    if not isinstance(value, str) or not _ZIP_RE.match(value):
        raise bad_request(field, "must be a 5-digit postal code")
    return value


def check_email(value: Any, field: str = "email") -> str:
    if not isinstance(value, str) or not _EMAIL_RE.match(value.strip()):
        raise bad_request(field, f"'{value}' is not a valid email address")
    return value.strip()


def check_product_key(value: Any, field: str) -> str:
    if not isinstance(value, str) or not _PRODUCT_KEY_RE.match(value):
        raise bad_request(field, "must be an 8-digit SAT product/service key (c_ClaveProdServ)")
    return value


def check_unit_key(value: Any, field: str) -> str:
    if not isinstance(value, str) or not _UNIT_KEY_RE.match(value):
        raise bad_request(field, "must be a SAT unit key (c_ClaveUnidad), e.g. H87 or E48")
    return value


def check_currency(value: Any, field: str = "currency") -> str:
    if not isinstance(value, str) or not _CURRENCY_RE.match(value.upper()):
        raise bad_request(field, "must be a 3-letter ISO currency code")
    return value.upper()


def normalize_country(value: str) -> str:
    """gigstack answers ``"MEX"`` for a request that sent ``"Mexico"`` (REFERENCE.md 3.2)."""
    folded = value.strip().lower().replace("é", "e")
    if folded in {"mexico", "mex", "mx", "estados unidos mexicanos"}:
        return "MEX"
    return value.strip().upper() if len(value.strip()) == 3 else value.strip()


ADDRESS_FIELDS = (
    "street",
    "exterior",
    "interior",
    "neighborhood",
    "municipality",
    "city",
    "state",
    "country",
    "zip",
)


def check_address(value: Any, field: str = "address") -> dict[str, str]:
    address = require_object(value, field)
    clean: dict[str, str] = {}
    for key in ADDRESS_FIELDS:
        item = address.get(key)
        if item is None:
            continue
        if not isinstance(item, str):
            raise bad_request(f"{field}.{key}", "must be a string")
        clean[key] = item
    if "zip" in clean:
        check_zip(clean["zip"], f"{field}.zip")
    if "country" in clean:
        clean["country"] = normalize_country(clean["country"])
    return clean


def check_tax(value: Any, field: str) -> dict[str, Any]:
    """Validate and normalise one tax object (REFERENCE.md 2.12)."""
    tax = require_object(value, field)
    raw_type = tax.get("type")
    if not isinstance(raw_type, str) or raw_type.upper() not in TAX_TYPES:
        raise bad_request(f"{field}.type", "must be IVA, ISR or IEPS")
    factor = tax.get("factor", "Tasa")
    check_in(factor, TAX_FACTORS, f"{field}.factor")
    rate = to_decimal(tax.get("rate", 0), f"{field}.rate")
    if factor == "Tasa" and rate > 1:
        raise bad_request(f"{field}.rate", "is a fraction (0.16 means 16 %)")
    inclusive = opt_bool(tax, "inclusive", f"{field}.inclusive") or False
    withholding = opt_bool(tax, "withholding", f"{field}.withholding") or False
    clean: dict[str, Any] = {
        # gigstack's docs write IVA/ISR/IEPS; one apidocs example sends "iva" (section 15.13).
        "type": raw_type.upper(),
        "rate": float(rate),
        "factor": factor,
        "inclusive": inclusive,
        "withholding": withholding,
    }
    if tax.get("base") is not None:
        clean["base"] = opt_str(tax, "base", f"{field}.base")
    return clean


def check_taxes(value: Any, field: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise bad_request(field, "must be an array of tax objects")
    return [check_tax(tax, f"{field}[{i}]") for i, tax in enumerate(value)]


def check_metadata(value: Any, field: str = "metadata") -> dict[str, Any]:
    return dict(require_object(value, field))
