"""Rules below the UI: clients, tax rows, prices and barcodes; the same words as the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop import cli, money
from desktop.rules import clients, services, taxes
from desktop.rules.clients import ClientForm, check_client
from desktop.rules.taxes import TaxRow

GOOD = ClientForm(
    name="Ana López",
    legal_name="ESCUELA KEMPER URGATE",
    tax_id="EKU9003173C9",
    tax_system="601",
    use="G03",
    zip="06600",
    email="ana@example.mx",
)


def test_a_good_client_passes_and_its_body_is_normalised() -> None:
    check = check_client(GOOD)
    assert check.ok, check.errors
    assert check.place and "Cuauhtémoc" in check.place
    body = clients.client_body(
        ClientForm(
            **{
                **GOOD.__dict__,
                "tax_id": "eku-900317-3c9",
                "email": "ANA@Example.MX",
                "legal_name": "  escuela   Kemper urgate ",
            }
        ),
        address={"street": "Reforma", "zip": "01000", "bogus": "x"},
    )
    assert body["tax_id"] == "EKU9003173C9"
    assert body["legal_name"] == "ESCUELA KEMPER URGATE"
    assert body["email"] == "ana@example.mx"
    assert body["address"] == {"street": "Reforma", "zip": "06600"}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "nombre"),
        ({"tax_id": "EKU9003173C٩"}, "rfc", "0-9"),
        ({"tax_id": "XYZ"}, "rfc", "12"),
        ({"tax_system": ""}, "regime", "régimen"),
        ({"tax_system": "999"}, "regime", "999"),
        ({"use": "P01"}, "use", "P01"),
        ({"zip": "00"}, "zip", "catálogo"),
        ({"zip": "٠٦٦٠٠"}, "zip", "catálogo"),
        ({"zip": ""}, "zip", "Constancia"),
        ({"email": "ana@"}, "email", "correo"),
        ({"legal_name": ""}, "legal_name", "Constancia"),
        ({"legal_name": "  "}, "legal_name", "Constancia"),
        ({"legal_name": "ESCUELA KEMPER 🏫"}, "legal_name", "emoji"),
        ({"legal_name": "ESCUELA\u200bKEMPER"}, "legal_name", "emoji"),
        ({"legal_name": "ESCUELA\x07KEMPER"}, "legal_name", "emoji"),
        ({"tax_system": "612"}, "regime", "12 caracteres"),
        ({"tax_id": "PEGJ800101AB6", "tax_system": "601"}, "regime", "13 caracteres"),
    ],
)
def test_each_problem_names_its_field(changes: dict[str, str], field: str, words: str) -> None:
    check = check_client(ClientForm(**{**GOOD.__dict__, **changes}))
    assert field in check.errors
    assert words.lower() in check.errors[field].lower()


def test_the_dialog_and_the_cli_say_the_same_about_an_rfc() -> None:
    from desktop.sales import SaleRejectedError, check_payment

    for rfc in ("EKU9003173C٩", "XYZ", "EKU9013173C9", "ÁAB900317AB4"):
        dialog_says = check_client(ClientForm(**{**GOOD.__dict__, "tax_id": rfc})).errors["rfc"]
        sale = {
            "client": {"name": "Ana", "tax_id": rfc, "tax_system": "601", "use": "G03"},
            "automation_type": "pue_invoice",
            "items": [{"description": "Café", "quantity": 1, "unit_price": "35"}],
        }
        with pytest.raises(SaleRejectedError) as refused:
            check_payment(sale)
        cli_says = [p.message for p in refused.value.problems if p.field == "client.tax_id"]
        assert cli_says == [dialog_says], rfc
    assert check_client(ClientForm(**{**GOOD.__dict__, "tax_id": "ÑAÑ900317AB6"})).ok


def test_rfc_check_digit_is_a_warning_the_person_may_accept() -> None:
    form = ClientForm(**{**GOOD.__dict__, "tax_id": "PEGJ800101ABC", "tax_system": "612"})
    blocked = check_client(form)
    assert "rfc" in blocked.warnings and "rfc" in blocked.errors
    accepted = check_client(form, accept_rfc_warning=True)
    assert "rfc" in accepted.warnings and "rfc" not in accepted.errors


def test_counter_client_needs_a_real_rfc() -> None:
    assert "rfc" in check_client(ClientForm(name="Ana"), require_rfc=True).errors
    generic = ClientForm(
        name="Público", tax_id="XAXX010101000", tax_system="616", use="S01", zip="06600"
    )
    assert "Público en general" in check_client(generic, require_rfc=True).errors["rfc"]
    assert check_client(generic).ok


def test_regimes_and_uses_follow_the_rfc() -> None:
    assert [r.code for r in clients.regimes_for("XAXX010101000")] == ["616"]
    moral = {r.code for r in clients.regimes_for("EKU9003173C9")}
    fisica = {r.code for r in clients.regimes_for("GODE561231GR8")}
    assert "601" in moral and "605" not in moral and "605" in fisica
    uses = [u.code for u in clients.uses_for("616", "XAXX010101000")]
    assert clients.default_use(uses) == "S01"
    assert clients.default_use(["G01", "G03"]) == "G03"
    assert clients.default_use(["G01", "G03"], keep="G01") == "G01"


# -- taxes -----------------------------------------------------------------------------------


def test_tax_rows_become_the_api_body() -> None:
    rows = [
        TaxRow("IVA", "16"),
        TaxRow("IEPS", "0,5", "Cuota", inclusive=False),
        TaxRow("IVA", "99", "Exento", inclusive=False),
    ]
    assert taxes.tax_row_problems(rows) == []
    assert taxes.taxes_body(rows) == [
        {"type": "IVA", "rate": "0.16", "factor": "Tasa", "withholding": False, "inclusive": True},
        {
            "type": "IEPS",
            "rate": "0.5",
            "factor": "Cuota",
            "withholding": False,
            "inclusive": False,
        },
        {"type": "IVA", "rate": "0", "factor": "Exento", "withholding": False, "inclusive": False},
    ]
    back = taxes.rows_from_taxes(taxes.taxes_body(rows))
    assert [r.rate for r in back] == ["16", "0.5", "0"]


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (TaxRow("IVA", "-1"), "≥ 0"),
        (TaxRow("IVA", "abc"), "≥ 0"),
        (TaxRow("IVA", "1e30"), "≥ 0"),
        (TaxRow("IVA", "160"), "0 a 100"),
        (TaxRow("IVA", "16.12345"), "4 decimales"),
        (TaxRow("IEPS", "1.1234567", "Cuota", inclusive=False), "6 decimales"),
        (TaxRow("ISR", "10", withholding=True, inclusive=True), "retención"),
        (TaxRow("IVA", "0", "Exento", withholding=True, inclusive=False), "exento"),
        (TaxRow("IEPS", "1.5", "Cuota", inclusive=True), "cuota"),
        (TaxRow("IVA", "99999999999", "Cuota", inclusive=False), "demasiado grande"),
        (TaxRow("XYZ", "16"), "IVA, IEPS o ISR"),
    ],
)
def test_bad_tax_rows(row: TaxRow, words: str) -> None:
    problems = taxes.tax_row_problems([row])
    assert problems and problems[0].startswith("Impuesto 1")
    assert any(words in p for p in problems)


# -- prices and barcodes ---------------------------------------------------------------------


def test_price_as_typed() -> None:
    assert services.parse_price("12,5") == (Decimal("12.5"), None)  # never 125
    assert services.parse_price("$1,234.50") == (Decimal("1234.50"), None)
    assert services.parse_price("") == (None, "Escribe el precio.")
    assert services.parse_price("-1") == (None, "El precio no puede ser negativo.")


def test_barcodes() -> None:
    assert services.barcode_problem("7501000001019") is None
    assert "dígito verificador" in str(services.barcode_problem("7501000001018"))
    assert services.barcode_problem("７５０１０００００１０１９") is not None  # full-width digits
    assert services.is_barcode("7501000009992")


@pytest.mark.parametrize("typed", ["-5", "10,000,000.01", "1.1234567", "abc", "1e30", "٥٨"])
def test_the_dialog_and_the_cli_refuse_a_price_with_the_same_words(
    typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, dialog_says = services.parse_price(typed)
    assert dialog_says
    try:
        money.parse_money(typed)
    except money.MoneyError as exc:
        assert exc.message == dialog_says
    body = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice",
        "payment_form": "01",
        "items": [{"description": "Café", "quantity": 1, "unit_price": typed}],
    }
    source = tmp_path / "sale.json"
    source.write_text(json.dumps(body), encoding="utf-8")
    code = cli.main(["--data-dir", str(tmp_path / "data"), "queue", "add", str(source)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert f"items.0.unit_price: {dialog_says}" in err


# -- teams -----------------------------------------------------------------------------------


class _Team:
    def __init__(self, team_id: str | None, created_at: object = None) -> None:
        self.id = team_id
        self.created_at = created_at


def test_which_team_is_mine() -> None:
    from desktop.rules.teams import Certainty, acting_team, integration_team_hint, own_team

    assert integration_team_hint({"team": "team_a"}) == "team_a"
    assert integration_team_hint({"team_id": " team_b "}) == "team_b"
    assert integration_team_hint({"id": "team_c"}) == "team_c"
    assert integration_team_hint({"team": 5}) is None
    assert integration_team_hint(None) is None
    teams = [_Team("team_new", 300), _Team("team_old", 100), _Team(None, 1)]
    assert own_team(teams, "team_x") == own_team([], "team_x")
    assert own_team(teams, "team_x").certainty is Certainty.KNOWN  # type: ignore[union-attr]
    assert own_team(teams) is None  # two teams and no hint: never guess where money goes
    guess = own_team(teams, allow_guess=True)
    assert guess is not None and (guess.team_id, guess.certainty) == ("team_old", "oldest")
    only = own_team([_Team("team_solo")])
    assert only is not None and only.certainty is Certainty.ONLY
    assert acting_team("team_connect", teams, "team_a") == "team_connect"
    assert acting_team(None, teams, "team_a") == "team_a"
    assert acting_team(None, teams, None) is None


def test_the_legal_name_is_not_asked_of_a_client_without_an_rfc() -> None:
    """A client for tickets only (no RFC) is not invoiced, so no razón social is needed."""
    check = check_client(ClientForm(name="Doña Mary", email="mary@correo.mx"))
    assert check.ok, check.errors
    assert "legal_name" not in clients.client_body(ClientForm(name="Doña Mary"))


def test_a_legal_name_keeps_its_accents_and_punctuation() -> None:
    for name in ("PAPELERÍA LA ÑOÑA, S.A. DE C.V.", "O'HARA & HIJOS (MÉXICO)", "ÁLVAREZ-PÉREZ"):
        assert clients.legal_name_problem(name) is None, name
    assert clients.normalize_legal_name(" papelería  la\tñoña ") == "PAPELERÍA LA ÑOÑA"


def test_payment_and_payroll_uses_are_not_offered_for_a_sale() -> None:
    """CP01 and CN01 belong to payment complements and payroll: gigstack would refuse them on
    a sale's income invoice (a new user's trial saw CP01 offered and accepted)."""
    from desktop.fiscal.outcome import invoice_problems
    from desktop.rules import clients as rules

    offered = {u.code for u in rules.uses_for("612", "LORA800101AB1")}
    assert "G03" in offered and not {"CP01", "CN01"} & offered
    check = rules.check_client(
        rules.ClientForm(
            name="Ana",
            legal_name="ANA LOPEZ RUIZ",
            tax_id="LORA800101AB1",
            tax_system="612",
            use="CP01",
            zip="06600",
        ),
        accept_rfc_warning=True,
    )
    assert "complementos de pago" in check.errors["use"]
    client = {"tax_id": "LORA800101AB1", "tax_system": "612", "use": "CN01"}
    assert any("nómina" in p for p in invoice_problems(client, "01"))
