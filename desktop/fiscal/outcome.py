"""How each counter sale ends fiscally: an invoice, a receipt, or (where allowed) nothing.

REFERENCE.md §16.1: in gigstack a payment triggers an automation. A client with complete
fiscal data gets an invoice (CFDI) stamped; a walk-in customer, "público en general" or a
client whose fiscal data is incomplete gets a **receipt**: a non-fiscal sales note whose
`url` is gigstack's self-invoice portal (the "Factura tu compra" QR on the ticket). Receipts
nobody self-invoices end in the period's global invoice. "Nothing fiscal" (`none`) is only
chosen where the shop's settings say so.

Pure Python (no Qt): the counter shows the decision next to its charge button, the CLI and the
tests use the same rule. Messages are codes plus the missing fields; the UI words them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.fiscal.names import legal_name_problem
from desktop.fiscal.rfc import GENERIC_FOREIGN, GENERIC_NATIONAL, normalize_rfc, validate_rfc


class Outcome(enum.StrEnum):
    """The fiscal document a sale ends in."""

    INVOICE = "invoice"
    RECEIPT = "receipt"
    NONE = "none"


class WalkInDocument(enum.StrEnum):
    """Shop setting: what a sale that is not invoiced ends in.

    `receipt` (default) is what gigstack does for a counter; `none` is for shops whose
    accountant covers those sales another way (the sale is registered with no document).
    """

    RECEIPT = "receipt"
    NONE = "none"

    @classmethod
    def parse(cls, value: Any) -> WalkInDocument:
        """The setting as stored (any case, blank or unknown = receipt: the safe default)."""
        text = str(value or "").strip().lower()
        return cls.NONE if text == cls.NONE.value else cls.RECEIPT


class Reason(enum.StrEnum):
    """Why the outcome is what it is (the UI turns each into a sentence)."""

    INVOICE_REQUESTED = "invoice_requested"  # complete data + "Facturar"
    PUBLIC = "public"  # público en general / walk-in, not invoiced
    PUBLIC_ASKED_INVOICE = "public_asked_invoice"  # "Facturar" on público en general
    NOT_REQUESTED = "not_requested"  # a complete client, "Facturar" off
    INCOMPLETE = "incomplete"  # client lacks fiscal data ("Facturar" on or off)
    SHOP_NO_DOCUMENT = "shop_no_document"  # the shop's setting says "none"


class Missing(enum.StrEnum):
    """Fiscal data a client needs before gigstack can stamp an invoice to them."""

    TAX_ID = "tax_id"
    LEGAL_NAME = "legal_name"
    TAX_SYSTEM = "tax_system"
    ZIP = "zip"


#: What gigstack's register expects in `automation_type` for each outcome (REFERENCE §16.1).
AUTOMATION_TYPES: dict[Outcome, str] = {
    Outcome.INVOICE: "pue_invoice",
    Outcome.RECEIPT: "receipt",
    Outcome.NONE: "none",
}


@dataclass(frozen=True)
class OutcomeDecision:
    """The decision for one sale: outcome, why, and what data is missing (if any)."""

    outcome: Outcome
    reason: Reason
    missing: tuple[Missing, ...] = ()

    @property
    def automation_type(self) -> str:
        return AUTOMATION_TYPES[self.outcome]


def is_generic_rfc(tax_id: str) -> bool:
    """XAXX010101000 / XEXX010101000: a receiver without an RFC of their own."""
    return normalize_rfc(tax_id) in (GENERIC_NATIONAL, GENERIC_FOREIGN)


def _zip_of(client: Mapping[str, Any]) -> str:
    address = client.get("address")
    if isinstance(address, Mapping) and address.get("zip"):
        return str(address["zip"]).strip()
    return str(client.get("zip") or "").strip()


def _tax_system_of(client: Mapping[str, Any]) -> str:
    value = client.get("tax_system")
    # Legacy v1 records carry {label, value} (REFERENCE §16.3): accept both.
    if isinstance(value, Mapping):
        value = value.get("value")
    return str(value or "").strip()


def missing_fiscal_data(client: Mapping[str, Any]) -> tuple[Missing, ...]:
    """What keeps an invoice from being stamped to this client (empty = complete).

    Complete means what CFDI 4.0 asks of a receiver: a valid RFC of their own, the legal name,
    the tax regime and the fiscal address's postal code. The CFDI use has a default, so it is
    not required here.

    The legal name is `legal_name` alone, and one that could go on a CFDI (`legal_name_problem`:
    no emoji or control characters). gigstack may fall back to `name` when there is none, but
    SAT checks the receiver's name against the RFC, and a display name ("Doña Mary 🌮") is not a
    razón social: such a sale ends in a receipt until the client's legal name is written down.
    """
    missing: list[Missing] = []
    tax_id = normalize_rfc(str(client.get("tax_id") or ""))
    if not tax_id or is_generic_rfc(tax_id) or not validate_rfc(tax_id).valid:
        missing.append(Missing.TAX_ID)
    legal_name = str(client.get("legal_name") or "")
    if not legal_name.strip() or legal_name_problem(legal_name):
        missing.append(Missing.LEGAL_NAME)
    if not _tax_system_of(client):
        missing.append(Missing.TAX_SYSTEM)
    if not _zip_of(client):
        missing.append(Missing.ZIP)
    return tuple(missing)


def decide_outcome(
    client: Mapping[str, Any] | None,
    *,
    invoice_requested: bool,
    walk_in_document: WalkInDocument = WalkInDocument.RECEIPT,
) -> OutcomeDecision:
    """The fiscal outcome of a sale to `client` (None = a walk-in with no client record).

    Args:
        client: The client record (cached, or typed at the counter); None for a walk-in.
        invoice_requested: The cashier ticked "Facturar".
        walk_in_document: The shop's setting for sales that are not invoiced.
    """
    record: Mapping[str, Any] = client or {}
    tax_id = str(record.get("tax_id") or "")
    public = not tax_id.strip() or is_generic_rfc(tax_id)
    missing = () if public else missing_fiscal_data(record)
    if invoice_requested:
        if public:
            # "Facturar" for público en general is never stamped to XAXX010101000 behind the
            # cashier's back: the customer self-invoices with the receipt's QR (§16.1).
            return OutcomeDecision(Outcome.RECEIPT, Reason.PUBLIC_ASKED_INVOICE)
        if missing:
            # gigstack answers such a register with a receipt, not a 400 (REFERENCE §16.1).
            return OutcomeDecision(Outcome.RECEIPT, Reason.INCOMPLETE, missing)
        return OutcomeDecision(Outcome.INVOICE, Reason.INVOICE_REQUESTED)
    if walk_in_document is WalkInDocument.NONE:
        return OutcomeDecision(Outcome.NONE, Reason.SHOP_NO_DOCUMENT)
    if public:
        return OutcomeDecision(Outcome.RECEIPT, Reason.PUBLIC)
    if missing:
        return OutcomeDecision(Outcome.RECEIPT, Reason.INCOMPLETE, missing)
    return OutcomeDecision(Outcome.RECEIPT, Reason.NOT_REQUESTED)


#: "99 Por definir": only on a PPD invoice (paid later); a counter invoice is PUE (paid now).
TO_BE_DEFINED = "99"


def invoice_problems(client: Mapping[str, Any] | None, payment_form: str) -> tuple[str, ...]:
    """What gigstack (or the SAT behind it) would refuse in an invoice stamped at the counter.

    The counter's invoice is PUE (`pue_invoice`, paid in one go), so it runs this before
    charging when "Facturar" will stamp one. Each entry is a Spanish sentence with the reason:
    the payment form 99 on a PUE, a régimen that does not fit the RFC's kind of person (13
    characters: física, 12: moral), a CFDI use the SAT does not allow for the régimen.
    Empty when nothing is known to be wrong (missing data is `missing_fiscal_data`'s job).
    """
    from desktop.fiscal.catalogs import NOT_FOR_INCOME, Persona, cfdi_use_errors, tax_regime

    problems: list[str] = []
    if str(payment_form or "").strip() == TO_BE_DEFINED:
        problems.append(
            "Una factura de contado (PUE) lleva la forma en que se pagó; "
            "«99 Por definir» solo va en facturas a crédito (PPD). Elige la forma de pago."
        )
    record: Mapping[str, Any] = client or {}
    tax_id = normalize_rfc(str(record.get("tax_id") or ""))
    regime_code = _tax_system_of(record)
    persona: Persona | None = None
    if not is_generic_rfc(tax_id) and len(tax_id) in (12, 13):
        persona = "fisica" if len(tax_id) == 13 else "moral"
    regime = tax_regime(regime_code) if regime_code else None
    if regime is not None and persona is not None:
        fits = regime.fisica if persona == "fisica" else regime.moral
        if not fits:
            kind = "física (RFC de 13)" if persona == "fisica" else "moral (RFC de 12)"
            problems.append(
                f"El régimen {regime_code} no es para una persona {kind}: "
                "corrige el régimen o el RFC del cliente."
            )
    use = str(record.get("use") or "").strip().upper()
    if use in NOT_FOR_INCOME:
        problems.append(
            f"El uso del CFDI {use} {NOT_FOR_INCOME[use]}, no en la factura de una venta: "
            "cambia el uso del CFDI del cliente (p. ej. G03 Gastos en general)."
        )
    elif use:
        problems += cfdi_use_errors(
            use,
            regime=regime_code if regime is not None else None,
            persona=persona,
        )
    return tuple(problems)
