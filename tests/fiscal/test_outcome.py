"""The fiscal outcome of a counter sale: invoice, receipt, or nothing (REFERENCE §16.1)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.fiscal.outcome import (
    Missing,
    Outcome,
    Reason,
    WalkInDocument,
    decide_outcome,
    missing_fiscal_data,
)

COMPLETE: dict[str, Any] = {
    "id": "client_1",
    "name": "Lorena Fuentes",
    "legal_name": "LORENA FUENTES RAMIREZ",
    "tax_id": "FURL850312TQ2",
    "tax_system": "612",
    "address": {"zip": "06700"},
}
PUBLIC = {"id": "client_pg", "name": "PUBLICO EN GENERAL", "tax_id": "XAXX010101000"}


def test_complete_client_with_facturar_is_an_invoice() -> None:
    decision = decide_outcome(COMPLETE, invoice_requested=True)
    assert decision.outcome is Outcome.INVOICE
    assert decision.automation_type == "pue_invoice"
    assert decision.missing == ()


def test_complete_client_without_facturar_gets_a_receipt() -> None:
    decision = decide_outcome(COMPLETE, invoice_requested=False)
    assert (decision.outcome, decision.reason) == (Outcome.RECEIPT, Reason.NOT_REQUESTED)
    assert decision.automation_type == "receipt"


@pytest.mark.parametrize("client", [PUBLIC, None, {"name": "Juan"}, {"tax_id": "xexx010101000"}])
def test_walk_in_and_public_get_a_receipt(client: dict[str, Any] | None) -> None:
    decision = decide_outcome(client, invoice_requested=False)
    assert (decision.outcome, decision.reason) == (Outcome.RECEIPT, Reason.PUBLIC)


def test_facturar_for_the_public_is_explained_not_stamped_to_the_generic_rfc() -> None:
    decision = decide_outcome(PUBLIC, invoice_requested=True)
    assert decision.outcome is Outcome.RECEIPT
    assert decision.reason is Reason.PUBLIC_ASKED_INVOICE
    assert decision.automation_type == "receipt"


@pytest.mark.parametrize(
    ("drop", "missing"),
    [
        ("tax_system", Missing.TAX_SYSTEM),
        ("address", Missing.ZIP),
    ],
)
def test_incomplete_client_gets_a_receipt_naming_what_is_missing(
    drop: str, missing: Missing
) -> None:
    client = {k: v for k, v in COMPLETE.items() if k != drop}
    decision = decide_outcome(client, invoice_requested=True)
    assert (decision.outcome, decision.reason) == (Outcome.RECEIPT, Reason.INCOMPLETE)
    assert decision.missing == (missing,)


def test_missing_fiscal_data_lists_everything() -> None:
    assert missing_fiscal_data({"tax_id": "NOT-AN-RFC"}) == (
        Missing.TAX_ID,
        Missing.LEGAL_NAME,
        Missing.TAX_SYSTEM,
        Missing.ZIP,
    )
    assert missing_fiscal_data(COMPLETE) == ()
    # Legacy v1 records carry the regime as {label, value} (REFERENCE §16.3).
    legacy = {**COMPLETE, "tax_system": {"label": "612 - Personas Físicas", "value": "612"}}
    assert missing_fiscal_data(legacy) == ()
    # A postal code written at the top level (seed example style) counts as the address zip.
    flat = {k: v for k, v in COMPLETE.items() if k != "address"} | {"zip": "06700"}
    assert missing_fiscal_data(flat) == ()


def test_nothing_fiscal_only_where_the_shop_allows_it() -> None:
    shop = WalkInDocument.NONE
    assert decide_outcome(PUBLIC, invoice_requested=False, walk_in_document=shop).outcome is (
        Outcome.NONE
    )
    assert decide_outcome(COMPLETE, invoice_requested=False, walk_in_document=shop).outcome is (
        Outcome.NONE
    )
    # Asking for an invoice always wins over the shop's "none".
    assert decide_outcome(COMPLETE, invoice_requested=True, walk_in_document=shop).outcome is (
        Outcome.INVOICE
    )
    assert decide_outcome(PUBLIC, invoice_requested=True, walk_in_document=shop).outcome is (
        Outcome.RECEIPT
    )
    # Without the setting a sale never ends in nothing.
    for client in (PUBLIC, COMPLETE, None):
        for invoice in (True, False):
            assert decide_outcome(client, invoice_requested=invoice).outcome is not Outcome.NONE


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, WalkInDocument.RECEIPT),
        ("", WalkInDocument.RECEIPT),
        ("NONE", WalkInDocument.NONE),
        ("receipt", WalkInDocument.RECEIPT),
        ("garbage", WalkInDocument.RECEIPT),
    ],
)
def test_walk_in_setting_reads_safely(stored: object, expected: WalkInDocument) -> None:
    assert WalkInDocument.parse(stored) is expected


# -- what gigstack would refuse in a PUE invoice (issue 10 §3) -----------------------------------


def test_invoice_problems_are_empty_for_a_fitting_client_and_form() -> None:
    from desktop.fiscal.outcome import invoice_problems

    moral = {"tax_id": "EKU9003173C9", "tax_system": "601", "use": "G03"}
    fisica = {"tax_id": "PEGJ800101AB6", "tax_system": "612", "use": "D01"}
    assert invoice_problems(moral, "01") == ()
    assert invoice_problems(fisica, "04") == ()
    # Legacy v1 records carry the régimen as {label, value} (REFERENCE §16.3).
    legacy = {**moral, "tax_system": {"label": "General de Ley", "value": "601"}}
    assert invoice_problems(legacy, "03") == ()


def test_invoice_problems_name_each_reason() -> None:
    from desktop.fiscal.outcome import invoice_problems

    moral = {"tax_id": "EKU9003173C9", "tax_system": "601", "use": "G03"}
    (form,) = invoice_problems(moral, "99")
    assert "99" in form and "PUE" in form and "PPD" in form
    (regime,) = invoice_problems({**moral, "tax_system": "612", "use": ""}, "01")
    assert "612" in regime and "moral" in regime
    (fisica,) = invoice_problems({**moral, "tax_id": "PEGJ800101AB6", "use": ""}, "01")
    assert "601" in fisica and "física" in fisica
    uses = invoice_problems({**moral, "use": "D01"}, "01")
    assert uses and all("D01" in u for u in uses)
    assert len(invoice_problems({**moral, "tax_system": "612", "use": "D01"}, "99")) >= 2


def test_a_display_name_is_not_a_legal_name() -> None:
    """Issue 10: the razón social is never taken from the display name, and must fit a CFDI."""
    from desktop.fiscal.outcome import Missing, Outcome, decide_outcome, missing_fiscal_data

    complete = {
        "name": "Doña Mary 🌮",
        "legal_name": "MARIA LOPEZ RAMOS",
        "tax_id": "LORM800101AB1",
        "tax_system": "612",
        "address": {"zip": "06600"},
    }
    assert Missing.LEGAL_NAME not in missing_fiscal_data(complete)
    only_display = {k: v for k, v in complete.items() if k != "legal_name"}
    assert Missing.LEGAL_NAME in missing_fiscal_data(only_display)
    emoji = dict(complete, legal_name="MARIA LOPEZ 🌮")
    assert Missing.LEGAL_NAME in missing_fiscal_data(emoji)
    decision = decide_outcome(only_display, invoice_requested=True)
    assert decision.outcome is Outcome.RECEIPT and Missing.LEGAL_NAME in decision.missing
