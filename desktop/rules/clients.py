"""Client rules: RFC, régimen by kind of person, uso del CFDI by régimen, postal code, email.

`check_client(form)` is what the client dialog runs on "Guardar" and what any other front end
should run before queuing a client: one message per field, Spanish, the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop import fiscal
from desktop.fiscal import CfdiUse, TaxRegime
from desktop.fiscal.catalogs import NOT_FOR_INCOME, Persona
from desktop.fiscal.names import MAX_NAME, legal_name_problem, normalize_legal_name

GENERIC_RFCS = ("XAXX010101000", "XEXX010101000")
PUBLIC_REGIME = "616"  # Sin obligaciones fiscales: the only régimen for the generic RFCs
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ADDRESS_KEYS = (
    "street",
    "exterior",
    "interior",
    "neighborhood",
    "municipality",
    "city",
    "state",
    "zip",
    "country",
)


def persona_for(rfc: str) -> Persona | None:
    """ "fisica" for 13 characters, "moral" for 12; None for generic or incomplete RFCs."""
    value = fiscal.normalize_rfc(rfc)
    if value in GENERIC_RFCS:
        return None
    if len(value) == 13:
        return "fisica"
    if len(value) == 12:
        return "moral"
    return None


def regimes_for(rfc: str) -> list[TaxRegime]:
    """The régimenes a client with this RFC may have (only 616 for the generic RFCs)."""
    if fiscal.normalize_rfc(rfc) in GENERIC_RFCS:
        return [r for r in fiscal.tax_regimes() if r.code == PUBLIC_REGIME]
    return list(fiscal.tax_regimes(persona=persona_for(rfc)))


def uses_for(regime: str | None, rfc: str) -> list[CfdiUse]:
    """The usos del CFDI the SAT allows for this régimen and kind of person, on a sale's
    invoice: CP01 and CN01 belong to payment complements and payroll (`NOT_FOR_INCOME`)."""
    return [
        use
        for use in fiscal.cfdi_uses(regime=regime or None, persona=persona_for(rfc))
        if use.code not in NOT_FOR_INCOME
    ]


def default_use(codes: list[str], keep: str = "") -> str:
    """The use to preselect: `keep` when allowed, else G03 (gastos en general), else S01
    when the list is short and has it (público en general), else nothing."""
    if keep in codes:
        return keep
    if "G03" in codes:
        return "G03"
    return "S01" if len(codes) <= 3 and "S01" in codes else ""


@dataclass(frozen=True)
class ClientForm:
    """What a person typed for a client (text as typed; codes as chosen)."""

    name: str = ""
    legal_name: str = ""
    tax_id: str = ""
    tax_system: str = ""
    use: str = ""
    zip: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class ClientCheck:
    """The outcome of `check_client`.

    Attributes:
        errors: Field name (``name``, ``legal_name``, ``rfc``, ``regime``, ``use``, ``zip``,
            ``email``) to the Spanish message that blocks saving.
        warnings: Field name to a message the person may override (the RFC check digit).
        place: "Municipio, Estado" for a postal code found in the catalog.
    """

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    place: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


RFC_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789Ñ&")


def rfc_characters_problem(text: str) -> str | None:
    """Why `text` has characters no RFC has (other scripts' digits, accents, symbols).

    Python reads "٩" or "９" as digits, so the SAT checks alone would let them through.
    """
    if any(ch not in RFC_CHARACTERS for ch in fiscal.normalize_rfc(text)):
        return "El RFC solo lleva letras (A-Z, Ñ, &) y números 0-9."
    return None


def check_rfc(text: str, *, require_rfc: bool = False) -> tuple[str | None, str | None]:
    """(error, warning) for an RFC as typed; both None when it is fine or empty.

    The counter's client dialog and `desktop.sales` (the CLI's `queue add`) both use it, so
    an RFC is refused with the same words everywhere.
    """
    text = text.strip()
    if not text:
        if require_rfc:
            return "Escribe el RFC del cliente (necesario para la venta).", None
        return None, None
    characters = rfc_characters_problem(text)
    if characters:
        return characters, None
    try:
        result = fiscal.validate_rfc(text)
    except ValueError as exc:  # a character the rules cannot read
        return str(exc), None
    if result.errors:
        return " ".join(result.errors), None
    if require_rfc and result.kind in ("generico_nacional", "generico_extranjero"):
        return "Para el RFC genérico usa «Público en general» (no hace falta crearlo).", None
    if result.warnings:
        return None, " ".join(result.warnings)
    return None, None


def check_zip(text: str) -> tuple[str | None, str | None]:
    """(error, "Municipio, Estado") for a postal code as typed."""
    text = text.strip()
    if not text:
        return None, None
    found = fiscal.postal_code(text) if text.isascii() and text.isdigit() else None
    if found is None:
        return f"El código postal «{text}» no está en el catálogo del SAT.", None
    return None, ", ".join(p for p in (found.municipality, found.state) if p)


def regime_problem(code: str) -> str | None:
    if code and fiscal.tax_regime(code) is None:
        return f"{code} no es un régimen fiscal del SAT."
    return None


def regime_fit_problem(code: str, rfc: str) -> str | None:
    """Why régimen `code` cannot go with this RFC (persona física: 13 characters, moral: 12)."""
    regime = fiscal.tax_regime(code) if code else None
    if regime is None:
        return None
    value = fiscal.normalize_rfc(rfc)
    if value in GENERIC_RFCS:
        if code != PUBLIC_REGIME:
            return f"Con el RFC genérico el régimen es {PUBLIC_REGIME} (sin obligaciones fiscales)."
        return None
    persona = persona_for(rfc)
    if persona == "fisica" and not regime.fisica:
        return f"El régimen {code} es de personas morales y el RFC (13 caracteres), de una física."
    if persona == "moral" and not regime.moral:
        return f"El régimen {code} es de personas físicas y el RFC (12 caracteres), de una moral."
    return None


def check_email(text: str) -> str | None:
    text = text.strip()
    if text and not EMAIL_RE.match(text):
        return f"El correo «{text}» no parece válido (ejemplo: nombre@dominio.mx)."
    return None


PHONE_CHARACTERS = frozenset("0123456789 +-().")


def check_phone(text: str) -> str | None:
    """A phone as people write it: digits with spaces, dashes, dots, parentheses or a leading
    +; 10 digits in Mexico, so 8 to 15 accepted (a land line's, a foreign number's)."""
    text = text.strip()
    if not text:
        return None
    digits = sum(ch.isdigit() for ch in text)
    if not set(text) <= PHONE_CHARACTERS or "+" in text[1:] or not 8 <= digits <= 15:
        return f"El teléfono «{text}» no parece válido: escribe sus 10 dígitos (55 1234 5678)."
    return None


def check_client(
    form: ClientForm, *, require_rfc: bool = False, accept_rfc_warning: bool = False
) -> ClientCheck:
    """Every problem with a client form, by field.

    Args:
        require_rfc: The counter's new client: gigstack finds or creates it by its RFC, so
            the RFC is required and may not be a generic one.
        accept_rfc_warning: The person confirmed an RFC whose check digit does not match
            (their Constancia says so); the warning then does not block.
    """
    check = ClientCheck()
    name = form.name.strip()
    if not name:
        check.errors["name"] = "Escribe el nombre del cliente."
    elif len(name) > MAX_NAME:
        check.errors["name"] = f"El nombre puede tener hasta {MAX_NAME} caracteres."
    error, warning = check_rfc(form.tax_id, require_rfc=require_rfc)
    if error:
        check.errors["rfc"] = error
    elif warning:
        check.warnings["rfc"] = warning
        if not accept_rfc_warning:
            check.errors["rfc"] = warning
    has_rfc = bool(form.tax_id.strip()) or require_rfc
    legal_problem = legal_name_problem(form.legal_name)
    if legal_problem:
        check.errors["legal_name"] = legal_problem
    elif (
        has_rfc
        and not form.legal_name.strip()
        and fiscal.normalize_rfc(form.tax_id) not in GENERIC_RFCS
    ):
        # Never taken from the display name behind the person's back: gigstack stamps what
        # this says, and the SAT refuses a CFDI whose name differs from the Constancia.
        check.errors["legal_name"] = (
            "Escribe la razón social tal como viene en su Constancia (necesaria para facturar)."
        )
    if has_rfc and not form.tax_system:
        check.errors["regime"] = "Elige el régimen fiscal (necesario para facturar)."
    elif regime_problem(form.tax_system):
        check.errors["regime"] = str(regime_problem(form.tax_system))
    elif "rfc" not in check.errors and regime_fit_problem(form.tax_system, form.tax_id):
        check.errors["regime"] = str(regime_fit_problem(form.tax_system, form.tax_id))
    if has_rfc and not form.use:
        check.errors["use"] = "Elige el uso del CFDI."
    elif form.use.upper() in NOT_FOR_INCOME:
        check.errors["use"] = (
            f"El uso {form.use.upper()} {NOT_FOR_INCOME[form.use.upper()]}; "
            "elige el uso con que el cliente deduce sus compras (p. ej. G03)."
        )
    elif form.use:
        problems = fiscal.cfdi_use_errors(
            form.use, regime=form.tax_system or None, persona=persona_for(form.tax_id)
        )
        if problems:
            check.errors["use"] = " ".join(problems)
    zip_error, check.place = check_zip(form.zip)
    if zip_error:
        check.errors["zip"] = zip_error
    elif has_rfc and not form.zip.strip():
        check.errors["zip"] = "Escribe el código postal de su Constancia (necesario para facturar)."
    email_error = check_email(form.email)
    if email_error:
        check.errors["email"] = email_error
    phone_error = check_phone(form.phone)
    if phone_error:
        check.errors["phone"] = phone_error
    return check


#: A client's body field → the form field that shows its message (`cleared_on_edit`).
FIELD_OF_BODY_KEY = {
    "name": "name",
    "legal_name": "legal_name",
    "tax_id": "rfc",
    "tax_system": "regime",
    "use": "use",
    "zip": "zip",
    "email": "email",
    "phone": "phone",
}


def cleared_on_edit(before: dict[str, str], body: dict[str, Any]) -> dict[str, str]:
    """The fields an edit empties, each with the value gigstack would keep.

    `PUT /clients/{id}` takes a partial body, and an empty field cannot travel in it: the
    create shape leaves empty values out, and gigstack's own CLI reads an empty answer as
    "keep the current value" (REFERENCE §3.4 says nothing of clearing). So a field the cashier
    empties would silently come back from gigstack. Rather than let that happen, the dialog
    names each such field and keeps the form open.

    Args:
        before: The client's current values by body key (``zip`` for the address's postal code).
        body: `client_body` of the edited form.

    Returns:
        Form field name (`FIELD_OF_BODY_KEY`) → the value that would stay.
    """
    sent = dict(body)
    sent["zip"] = str((body.get("address") or {}).get("zip") or "")
    return {
        FIELD_OF_BODY_KEY[key]: old.strip()
        for key, old in before.items()
        if key in FIELD_OF_BODY_KEY and old.strip() and not str(sent.get(key) or "").strip()
    }


def client_body(form: ClientForm, address: dict[str, Any] | None = None) -> dict[str, Any]:
    """The API's create shape for a form (empty fields left out; RFC normalised).

    Args:
        address: The client's other address fields (kept when only the zip changes).
    """
    values: dict[str, Any] = {
        "name": form.name.strip(),
        "legal_name": normalize_legal_name(form.legal_name),
        "tax_id": fiscal.normalize_rfc(form.tax_id) if form.tax_id.strip() else "",
        "tax_system": form.tax_system,
        "use": form.use,
        "email": form.email.strip().lower(),
        "phone": form.phone.strip(),
    }
    body = {k: v for k, v in values.items() if v}
    zip_code = form.zip.strip()
    if zip_code:
        kept = {
            k: v for k, v in (address or {}).items() if k in ADDRESS_KEYS and v not in (None, "")
        }
        body["address"] = {**kept, "zip": zip_code}
    return body
