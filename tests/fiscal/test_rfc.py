"""Tests for desktop.fiscal.rfc: RFC structure, date and SAT check digit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.fiscal import rfc_check_digit, validate_rfc

NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÑ&"
HOMOCLAVE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CHECK_CHARS = "0123456789A"
LENGTH_ERROR = "El RFC debe tener 12 caracteres (persona moral) o 13 (persona física)"


@st.composite
def valid_rfcs(draw: st.DrawFn, persona: str | None = None) -> str:
    kind = persona or draw(st.sampled_from(["fisica", "moral"]))
    name = draw(
        st.text(
            NAME_CHARS, min_size=4 if kind == "fisica" else 3, max_size=4 if kind == "fisica" else 3
        )
    )
    date = draw(st.dates(dt.date(1930, 1, 1), dt.date(2029, 12, 31))).strftime("%y%m%d")
    homoclave = draw(st.text(HOMOCLAVE_CHARS, min_size=2, max_size=2))
    body = name + date + homoclave
    return body + rfc_check_digit(body)


@settings(max_examples=300)
@given(rfc=valid_rfcs())
def test_generated_rfcs_are_valid_without_warnings(rfc: str) -> None:
    result = validate_rfc(rfc)
    assert result.valid, result.errors
    assert result.errors == () and result.warnings == ()
    assert result.kind == ("moral" if len(rfc) == 12 else "fisica")
    assert result.value == rfc


@settings(max_examples=200)
@given(rfc=valid_rfcs(), data=st.data())
def test_wrong_check_digit_is_only_a_warning(rfc: str, data: st.DataObject) -> None:
    wrong = data.draw(st.sampled_from([c for c in CHECK_CHARS if c != rfc[-1]]))
    result = validate_rfc(rfc[:-1] + wrong)
    assert result.valid
    assert result.errors == ()
    assert len(result.warnings) == 1
    assert "dígito verificador" in result.warnings[0]


@settings(max_examples=100)
@given(text=st.text(HOMOCLAVE_CHARS, max_size=20).filter(lambda s: len(s) not in (12, 13)))
def test_wrong_length_is_an_error(text: str) -> None:
    result = validate_rfc(text)
    assert not result.valid
    assert result.kind is None
    if text:
        assert result.errors[0].startswith(LENGTH_ERROR)


@settings(max_examples=100)
@given(rfc=valid_rfcs(), data=st.data())
def test_bad_characters_are_errors(rfc: str, data: st.DataObject) -> None:
    name_len = 4 if len(rfc) == 13 else 3
    position = data.draw(st.integers(0, len(rfc) - 2))
    if position < name_len:
        bad = data.draw(st.sampled_from("0123456789#*"))
    elif position < name_len + 6:
        bad = data.draw(st.sampled_from("ABZ#&Ñ"))
    else:
        bad = data.draw(st.sampled_from("#*&Ñ"))
    result = validate_rfc(rfc[:position] + bad + rfc[position + 1 :])
    assert not result.valid
    assert result.errors


@pytest.mark.parametrize("date", ["800230", "801301", "800001", "010229", "990431"])
def test_impossible_dates_are_errors(date: str) -> None:
    body = "PEGJ" + date + "AB"
    result = validate_rfc(body + "0")
    assert not result.valid
    assert any("fecha" in e for e in result.errors)


def test_leap_day_valid_in_either_century() -> None:
    body = "PEGJ000229AB"
    assert validate_rfc(body + rfc_check_digit(body)).valid  # 2000-02-29 exists


@pytest.mark.parametrize(
    ("rfc", "kind"),
    [
        ("GODE561231GR8", "fisica"),  # worked example of SAT's check-digit procedure
        ("SAT970701NN3", "moral"),  # Servicio de Administración Tributaria
        ("EKU9003173C9", "moral"),  # SAT's CSD test taxpayer
        ("XIA190128J61", "moral"),  # SAT's CSD test taxpayer
        ("CACX7605101P8", "fisica"),  # SAT's CSD test taxpayer
    ],
)
def test_known_real_rfcs_pass_the_check_digit(rfc: str, kind: str) -> None:
    result = validate_rfc(rfc)
    assert (result.valid, result.kind, result.errors, result.warnings) == (True, kind, (), ())


def test_check_digit_table_places_ampersand_space_and_enye() -> None:
    # Moral "A&Ñ" pads with a space: values space=37 A=10 &=24 Ñ=38, weights 13..2.
    body = "A&Ñ850101AB"
    values = [37, 10, 24, 38, 8, 5, 0, 1, 0, 1, 10, 11]
    remainder = sum(v * w for v, w in zip(values, range(13, 1, -1), strict=True)) % 11
    expected = "0" if remainder == 0 else ("A" if remainder == 1 else str(11 - remainder))
    assert rfc_check_digit(body) == expected
    result = validate_rfc(body + expected)
    assert (result.valid, result.kind, result.warnings) == (True, "moral", ())
    fisica = "ÑAÑO800101X"
    assert validate_rfc(fisica + "1" + rfc_check_digit(fisica + "1")).valid


def test_remainder_one_gives_a() -> None:
    # Find a body whose weighted sum leaves remainder 1; SAT writes 11 - 1 = 10 as "A".
    for suffix in HOMOCLAVE_CHARS:
        body = f"PEGJ800101A{suffix}"
        if rfc_check_digit(body) == "A":
            assert validate_rfc(body + "A").warnings == ()
            return
    pytest.fail("no body with check digit A found")


def test_gigstack_example_rfc_is_accepted_with_a_warning() -> None:
    result = validate_rfc("PEGJ800101ABC")
    assert result.valid and result.kind == "fisica"
    assert result.errors == () and len(result.warnings) == 1


@pytest.mark.parametrize(
    ("rfc", "kind"),
    [("XAXX010101000", "generico_nacional"), ("XEXX010101000", "generico_extranjero")],
)
def test_generic_rfcs_are_valid(rfc: str, kind: str) -> None:
    result = validate_rfc(rfc.lower())
    assert (result.valid, result.kind, result.errors, result.warnings) == (True, kind, (), ())


def test_input_is_normalised() -> None:
    result = validate_rfc("  gode-561231-gr8 ")
    assert result.value == "GODE561231GR8"
    assert result.valid and result.warnings == ()
    assert validate_rfc("ñaño800101xx1").value.startswith("ÑAÑO")


def test_empty_and_messages_are_spanish() -> None:
    assert validate_rfc("").errors == ("Escribe el RFC.",)
    assert validate_rfc("ABC").errors[0].startswith(LENGTH_ERROR)


@pytest.mark.parametrize("body", ["ABC", "ABCD800101ABCD", "AB#800101AB"])
def test_check_digit_rejects_bad_input(body: str) -> None:
    with pytest.raises(ValueError, match=r"caracteres|carácter"):
        rfc_check_digit(body)
