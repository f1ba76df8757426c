"""RFC (Registro Federal de Contribuyentes) validation.

Structure of an RFC, as assigned by the SAT:

* Persona moral: 12 characters — 3 letters from the company name (A-Z, Ñ, &), the date of
  incorporation as YYMMDD, and a 3-character homoclave.
* Persona física: 13 characters — 4 letters from the names (A-Z, Ñ, &), the birth date as
  YYMMDD, and a 3-character homoclave.
* The homoclave's first two characters tell homonyms apart (letters and digits); the last one
  is a check digit computed over the preceding characters.
* Generic RFCs used on invoices: ``XAXX010101000`` (público en general, national receiver
  without an RFC) and ``XEXX010101000`` (foreign receiver).

Check digit (SAT's published algorithm, the "Anexo 3" table of its RFC procedure): each of
the first 12 characters takes its position in ``0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ``
(digits 0-9, A=10 ... N=23, & = 24, O=25 ... Z=36, space=37, Ñ=38); a persona moral RFC is
left-padded with one space to 12 characters. The sum of value x weight, weights 13 down to 2,
is taken modulo 11: remainder 0 gives ``0``, otherwise ``11 - remainder``, where 10 is
written ``A`` (so remainder 1 gives ``A``).

Real RFCs that fail the check digit exist (old registrations, and gigstack's own example
``PEGJ800101ABC``), so a mismatch is only a warning the user can override; structural problems
(length, characters, impossible date) are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "GENERIC_FOREIGN",
    "GENERIC_NATIONAL",
    "RfcKind",
    "RfcValidation",
    "normalize_rfc",
    "rfc_check_digit",
    "validate_rfc",
]

RfcKind = Literal["fisica", "moral", "generico_nacional", "generico_extranjero"]

GENERIC_NATIONAL = "XAXX010101000"
GENERIC_FOREIGN = "XEXX010101000"

_CHECK_TABLE = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
_CHECK_VALUES = {ch: value for value, ch in enumerate(_CHECK_TABLE)}
_NAME_RE = re.compile(r"[A-ZÑ&]+")
_HOMOCLAVE_RE = re.compile(r"[A-Z0-9]{3}")
# Separators people paste from documents ("PEGJ-800101-ABC"); dropping them loses nothing.
_SEPARATORS_RE = re.compile(r"[\s\-_.]+")


@dataclass(frozen=True, slots=True)
class RfcValidation:
    """Result of ``validate_rfc``.

    Attributes:
        value: The normalised RFC (upper-case, separators removed).
        valid: False when there is any error; warnings do not make it invalid.
        kind: ``fisica``, ``moral``, ``generico_nacional``, ``generico_extranjero``, or
            ``None`` when the length fits neither.
        errors: Spanish messages that block using the RFC.
        warnings: Spanish messages the user may override (e.g. the check digit).
    """

    value: str
    valid: bool
    kind: RfcKind | None
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def normalize_rfc(rfc: str) -> str:
    """Upper-case ``rfc`` and drop surrounding whitespace and inner separators."""
    return _SEPARATORS_RE.sub("", rfc.strip()).upper()


def rfc_check_digit(rfc_without_digit: str) -> str:
    """Compute the SAT check digit for an RFC missing its last character.

    Args:
        rfc_without_digit: 11 characters (persona moral) or 12 (persona física).

    Returns:
        ``"0"``-``"9"`` or ``"A"``.

    Raises:
        ValueError: If the length is wrong or a character is outside the SAT table.
    """
    body = normalize_rfc(rfc_without_digit)
    if len(body) not in (11, 12):
        raise ValueError("se esperan 11 (persona moral) o 12 (persona física) caracteres")
    padded = body.rjust(12)
    total = 0
    for position, ch in enumerate(padded):
        value = _CHECK_VALUES.get(ch)
        if value is None:
            raise ValueError(f"carácter no válido en el RFC: {ch!r}")
        total += value * (13 - position)
    remainder = total % 11
    if remainder == 0:
        return "0"
    digit = 11 - remainder
    return "A" if digit == 10 else str(digit)


def _valid_date(yymmdd: str) -> bool:
    if not yymmdd.isdigit() or len(yymmdd) != 6:
        return False
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    # The century is not written; a date is real if it exists in either century (000229 is
    # valid because 2000-02-29 exists even though 1900-02-29 does not).
    for century in (1900, 2000):
        try:
            dt.date(century + yy, mm, dd)
        except ValueError:
            continue
        return True
    return False


def validate_rfc(rfc: str) -> RfcValidation:
    """Validate an RFC's structure, date and check digit.

    Args:
        rfc: The RFC as typed; case, surrounding spaces and ``-`` separators are ignored.

    Returns:
        An ``RfcValidation`` with Spanish ``errors`` (blocking) and ``warnings`` (overridable).
    """
    value = normalize_rfc(rfc)
    if value == GENERIC_NATIONAL:
        return RfcValidation(value, True, "generico_nacional", (), ())
    if value == GENERIC_FOREIGN:
        return RfcValidation(value, True, "generico_extranjero", (), ())

    errors: list[str] = []
    warnings: list[str] = []
    if not value:
        errors.append("Escribe el RFC.")
        return RfcValidation(value, False, None, tuple(errors), ())
    if len(value) not in (12, 13):
        errors.append(
            "El RFC debe tener 12 caracteres (persona moral) o 13 (persona física); "
            f"tiene {len(value)}."
        )
        return RfcValidation(value, False, None, tuple(errors), ())

    kind: RfcKind = "moral" if len(value) == 12 else "fisica"
    name_len = 3 if kind == "moral" else 4
    name, date, homoclave = value[:name_len], value[name_len : name_len + 6], value[-3:]

    if not _NAME_RE.fullmatch(name):
        errors.append(
            f"Los primeros {name_len} caracteres del RFC deben ser letras (A-Z, Ñ o &)"
            f"{' de la razón social' if kind == 'moral' else ''}; se recibió «{name}»."
        )
    if not date.isdigit():
        errors.append(f"Después de las letras el RFC lleva una fecha AAMMDD; se recibió «{date}».")
    elif not _valid_date(date):
        errors.append(f"La fecha del RFC no existe: «{date}» (formato AAMMDD).")
    if not _HOMOCLAVE_RE.fullmatch(homoclave):
        errors.append(
            f"La homoclave (últimos 3 caracteres) solo admite letras A-Z y dígitos; "
            f"se recibió «{homoclave}»."
        )

    if not errors:
        expected = rfc_check_digit(value[:-1])
        if value[-1] != expected:
            warnings.append(
                f"El dígito verificador del RFC no coincide (se esperaba «{expected}», "
                f"termina en «{value[-1]}»). Revísalo con la Constancia de Situación Fiscal; "
                "si es correcto, puedes continuar."
            )
    return RfcValidation(value, not errors, kind, tuple(errors), tuple(warnings))
