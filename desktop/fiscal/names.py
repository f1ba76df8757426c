"""The receiver's name on a CFDI: the razón social as SAT's Constancia (CSF) prints it.

CFDI 4.0 checks the receiver's name against the RFC in SAT's records, so it must be the legal
name, uppercase, without the régimen ("S.A. DE C.V."); never the display name a shop knows the
customer by ("Doña Mary"). Stdlib only.
"""

from __future__ import annotations

import unicodedata

__all__ = ["MAX_NAME", "legal_name_problem", "normalize_legal_name"]

MAX_NAME = 300


def normalize_legal_name(text: str) -> str:
    """The razón social as SAT's Constancia (CSF) prints it: uppercase, single spaces."""
    return " ".join(text.split()).upper()


def legal_name_problem(text: str) -> str | None:
    """Why a razón social as typed cannot go on a CFDI (emoji, symbols, control characters).

    Letters of any accent, digits, spaces and the punctuation company names use (. , & ' - /
    ( ) and the like) pass; Unicode categories C* (control, format, private use, unassigned)
    and So/Sk (emoji, pictographs, skin-tone modifiers) do not.
    """
    for ch in text:
        if ch in " \t":
            continue
        category = unicodedata.category(ch)
        if category[0] == "C" or category in ("So", "Sk"):
            return "La razón social solo lleva letras, números y signos como . , & - (sin emoji)."
    if len(normalize_legal_name(text)) > MAX_NAME:
        return f"La razón social puede tener hasta {MAX_NAME} caracteres."
    return None
