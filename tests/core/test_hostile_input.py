"""Every hostile body through `queue add` is queued valid, or refused with exit 2 and words.

Each case says what must happen (0 = queued, 2 = refused); whatever happens, stderr carries
no traceback and a refused body leaves the queue empty. A queued body is checked again as
the sender will read it: it validates, no quantity has more than 6 decimals, no priced line
is worth $0.00.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import cli, money
from desktop.sales import SaleRejectedError, check_payment
from desktop.store import open_database
from desktop.store.db import DB_FILENAME
from desktop.store.outbox import Outbox

OK, REFUSED = 0, 2


def sale(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "description": "Cuaderno profesional",
        "quantity": 2,
        "unit_price": "58.00",
        "product_key": "14111514",
        "unit_key": "H87",
        "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}],
    }
    item.update(changes.pop("item", {}))
    body: dict[str, Any] = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice",
        "payment_form": "01",
        "items": [item],
    }
    body.update(changes)
    return body


def client(**fields: Any) -> dict[str, Any]:
    base = {
        "name": "Ana López",
        "tax_id": "EKU9003173C9",
        "tax_system": "601",
        "use": "G03",
        "address": {"zip": "06600"},
    }
    base.update(fields)
    return sale(client=base)


def text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def raw_item(fragment: str) -> str:
    """A body whose first item carries `fragment` verbatim (numbers JSON cannot spell)."""
    body = text(sale(item={"quantity": 1}))
    return body.replace('"quantity": 1', fragment, 1)


def deep(levels: int) -> str:
    return text(sale(metadata={"x": 0})).replace(
        '{"x": 0}', '{"x": ' + "[" * levels + "]" * levels + "}"
    )


CASES: list[tuple[str, str, int]] = [
    # -- the body as a whole -------------------------------------------------------------
    ("valid sale", text(sale()), OK),
    ("not json", "{esto no es json", REFUSED),
    ("truncated", text(sale())[:-5], REFUSED),
    ("empty text", "", REFUSED),
    ("json null", "null", REFUSED),
    ("json array", "[1, 2]", REFUSED),
    ("json string", '"venta"', REFUSED),
    ("json number", "12", REFUSED),
    ("empty object", "{}", REFUSED),
    ("unknown field", text(sale(colour="red")), REFUSED),
    ("nested 100k deep", "[" * 100_000 + "]" * 100_000, REFUSED),
    ("object nested 100k deep", '{"a":' * 100_000 + "1" + "}" * 100_000, REFUSED),
    ("metadata nested 50 deep", deep(50), REFUSED),
    ("metadata nested 3 deep", deep(3), OK),
    ("items nested deep", text(sale(items=[[[[[[[[[[[[1]]]]]]]]]]]])), REFUSED),
    ("5000 items", text(sale(items=[sale()["items"][0]] * 5000)), REFUSED),
    ("2 MB body", text(sale(metadata={"note": "x" * 2_000_000})), REFUSED),
    ("NaN literal", raw_item('"quantity": NaN'), REFUSED),
    ("Infinity literal", raw_item('"quantity": Infinity'), REFUSED),
    ("-Infinity literal", raw_item('"quantity": -Infinity'), REFUSED),
    ("huge int literal", raw_item('"quantity": ' + "9" * 5000), REFUSED),
    ("BOM before json", "\ufeff" + text(sale()), REFUSED),
    ("duplicate keys, last wins", raw_item('"quantity": 1, "quantity": 3'), OK),
    # -- quantities ------------------------------------------------------------------------
    ("quantity 1e-9", raw_item('"quantity": 1e-9'), REFUSED),
    ("quantity text 1e-9", text(sale(item={"quantity": "1e-9"})), REFUSED),
    ("quantity 0.000001 x $58", raw_item('"quantity": 0.000001'), REFUSED),  # $0.00 line
    ("quantity 0.0001 x $58", raw_item('"quantity": 0.0001'), OK),  # $0.0058 is a $0.01 line
    ("quantity 0.01 x $58", raw_item('"quantity": 0.01'), OK),
    ("quantity 7 decimals", raw_item('"quantity": 1.1234567'), REFUSED),
    ("quantity 6 decimals", raw_item('"quantity": 1.123456'), OK),
    ("quantity trailing zeros", raw_item('"quantity": 1.50000000'), OK),
    ("quantity 0", raw_item('"quantity": 0'), REFUSED),
    ("quantity -1", raw_item('"quantity": -1'), REFUSED),
    ("quantity -0", raw_item('"quantity": -0'), REFUSED),
    ("quantity 100001", raw_item('"quantity": 100001'), REFUSED),
    ("quantity 100000", text(sale(item={"quantity": 100000, "unit_price": "1"})), OK),
    ("quantity 1e30", raw_item('"quantity": 1e30'), REFUSED),
    ("quantity 10^40 int", raw_item('"quantity": ' + "1" + "0" * 40), REFUSED),
    ("quantity text", text(sale(item={"quantity": "dos"})), REFUSED),
    ("quantity empty text", text(sale(item={"quantity": ""})), REFUSED),
    ("quantity null", text(sale(item={"quantity": None})), REFUSED),
    ("quantity true", text(sale(item={"quantity": True})), REFUSED),
    ("quantity list", text(sale(item={"quantity": [1]})), REFUSED),
    ("quantity object", text(sale(item={"quantity": {"n": 1}})), REFUSED),
    ("quantity arabic digits", text(sale(item={"quantity": "١٢"})), REFUSED),
    ("quantity full-width", text(sale(item={"quantity": "１２"})), REFUSED),
    ("quantity decimal comma", text(sale(item={"quantity": "1,5"})), OK),
    ("quantity hex", text(sale(item={"quantity": "0x10"})), REFUSED),
    ("quantity underscore", text(sale(item={"quantity": "1_000"})), REFUSED),
    ("quantity surrogate", text(sale(item={"quantity": "\ud800"})), REFUSED),
    ("quantity text 1e30", text(sale(item={"quantity": "1e30"})), REFUSED),
    ("quantity text NaN", text(sale(item={"quantity": "NaN"})), REFUSED),
    ("quantity text inf", text(sale(item={"quantity": "inf"})), REFUSED),
    # -- prices and discounts --------------------------------------------------------------
    ("price 10^40", text(sale(item={"unit_price": 10**40})), REFUSED),
    (
        "price 1e30",
        raw_item('"quantity": 1, "unit_price": 1e30').replace(', "unit_price": "58.00"', ""),
        REFUSED,
    ),
    ("price text 1e30", text(sale(item={"unit_price": "1e30"})), REFUSED),
    ("price negative", text(sale(item={"unit_price": "-5"})), REFUSED),
    ("price zero", text(sale(item={"unit_price": "0"})), REFUSED),
    ("price 0.001 x 2", text(sale(item={"unit_price": "0.001"})), REFUSED),
    ("price 0.005 x 2", text(sale(item={"unit_price": "0.005"})), OK),
    ("price 7 decimals", text(sale(item={"unit_price": "1.1234567"})), REFUSED),
    ("price at the limit", text(sale(item={"unit_price": "10000000", "quantity": 1})), OK),
    (
        "price over the limit",
        text(sale(item={"unit_price": "10000000.01", "quantity": 1})),
        REFUSED,
    ),
    ("line over the limit", text(sale(item={"unit_price": "9000000", "quantity": 2})), REFUSED),
    ("price with $ and commas", text(sale(item={"unit_price": "$1,234.50"})), OK),
    ("price decimal comma", text(sale(item={"unit_price": "58,5"})), OK),
    ("price 1.234,50", text(sale(item={"unit_price": "1.234,50"})), OK),
    ("price 1,2345", text(sale(item={"unit_price": "1,2345"})), REFUSED),
    ("price letters", text(sale(item={"unit_price": "cincuenta"})), REFUSED),
    ("price arabic digits", text(sale(item={"unit_price": "٥٨"})), REFUSED),
    ("price bool", text(sale(item={"unit_price": False})), REFUSED),
    ("price NaN text", text(sale(item={"unit_price": "nan"})), REFUSED),
    (
        "price float",
        raw_item('"quantity": 1, "unit_price": 58.5').replace(', "unit_price": "58.00"', ""),
        OK,
    ),
    ("discount 1e30", text(sale(item={"discount": "1e30"})), REFUSED),
    ("discount negative", text(sale(item={"discount": "-1"})), REFUSED),
    ("discount equals line", text(sale(item={"discount": "116"})), REFUSED),
    ("discount small", text(sale(item={"discount": "10"})), OK),
    (
        "tax rate 1e30",
        text(
            sale(
                item={
                    "taxes": [{"type": "IVA", "rate": "1e30", "factor": "Tasa", "inclusive": True}]
                }
            )
        ),
        REFUSED,
    ),
    (
        "tax rate negative",
        text(sale(item={"taxes": [{"type": "IVA", "rate": "-0.16", "factor": "Tasa"}]})),
        REFUSED,
    ),
    (
        "tax rate text",
        text(sale(item={"taxes": [{"type": "IVA", "rate": "dieciséis", "factor": "Tasa"}]})),
        REFUSED,
    ),
    ("exchange rate 1e30", text(sale(currency="USD", exchange_rate="1e30")), REFUSED),
    ("exchange rate 0", text(sale(currency="USD", exchange_rate="0")), REFUSED),
    ("usd without rate", text(sale(currency="USD")), REFUSED),
    ("usd with rate", text(sale(currency="USD", exchange_rate="17.05")), OK),
    # -- clients and RFCs ------------------------------------------------------------------
    ("valid client", text(client()), OK),
    ("rfc arabic-indic digit", text(client(tax_id="EKU9003173C٩")), REFUSED),
    ("rfc devanagari digits", text(client(tax_id="EKU९००३१७3C9")), REFUSED),
    ("rfc full-width", text(client(tax_id="ＥＫＵ9003173C9")), REFUSED),
    ("rfc surrogate", text(client(tax_id="EKU9003173C\ud800")), REFUSED),
    ("rfc NUL", text(client(tax_id="EKU9003173C9\x00")), REFUSED),
    ("rfc too short", text(client(tax_id="EKU90")), REFUSED),
    ("rfc number", text(client(tax_id=9003173)), REFUSED),
    ("rfc 10k chars", text(client(tax_id="A" * 10_000)), REFUSED),
    ("rfc bad date", text(client(tax_id="EKU9013173C9")), REFUSED),
    ("rfc lower case", text(client(tax_id="eku9003173c9")), OK),
    ("rfc with separators", text(client(tax_id="EKU-900317-3C9")), OK),
    ("rfc with Ñ", text(client(tax_id="ÑAÑ900317AB6")), OK),  # Ñ and & are RFC letters
    ("rfc with &", text(client(tax_id="&AB900317AB4")), OK),
    ("rfc with accent", text(client(tax_id="ÁAB900317AB4")), REFUSED),
    ("name surrogate", text(client(name="Ana \udc00")), REFUSED),
    ("name bell", text(client(name="Ana\x07")), REFUSED),
    ("name 10k chars", text(client(name="A" * 10_000)), REFUSED),
    ("name emoji", text(client(name="Ana 🌮")), OK),
    ("zip arabic digits", text(client(address={"zip": "٠٦٦٠٠"})), REFUSED),
    ("zip letters", text(client(address={"zip": "ABCDE"})), REFUSED),
    ("regime unknown", text(client(tax_system="999")), REFUSED),
    ("use not allowed", text(client(use="P01")), REFUSED),
    ("client list", text(sale(client=["x"])), REFUSED),
    ("client null", text(sale(client=None)), REFUSED),
    # -- other fields ----------------------------------------------------------------------
    ("description surrogate", text(sale(item={"description": "Café \ud83d"})), REFUSED),
    ("description 3000 chars", text(sale(item={"description": "x" * 3000})), REFUSED),
    ("description escape codes", text(sale(item={"description": "\x1b[31mrojo"})), REFUSED),
    ("description newline", text(sale(item={"description": "dos\nlíneas"})), OK),
    ("payment form 77", text(sale(payment_form="77")), REFUSED),
    ("payment form number", text(sale(payment_form=1)), REFUSED),
    ("payment form surrogate", text(sale(payment_form="\ud800")), REFUSED),
    ("payment form arabic", text(sale(payment_form="٠١")), REFUSED),
    ("automation bogus", text(sale(automation_type="magia")), REFUSED),
    ("automation number", text(sale(automation_type=5)), REFUSED),
    ("items empty", text(sale(items=[])), REFUSED),
    ("items object", text(sale(items={"a": 1})), REFUSED),
    ("items of numbers", text(sale(items=[1, 2])), REFUSED),
    ("product key arabic", text(sale(item={"product_key": "١٤١١١٥١٤"})), REFUSED),
    ("unit key surrogate", text(sale(item={"unit_key": "H8\ud800"})), REFUSED),
    (
        "metadata huge number",
        raw_item('"quantity": 1').replace(
            '"automation_type"', '"metadata": {"n": 1e400}, "automation_type"'
        ),
        OK,
    ),
    ("metadata surrogate key", text(sale(metadata={"\ud800": 1})), REFUSED),
    ("metadata not an object", text(sale(metadata=[1])), REFUSED),
    ("idempotency key empty", text(sale(idempotency_key="")), REFUSED),
    ("idempotency key surrogate", text(sale(idempotency_key="k\ud800")), REFUSED),
    ("idempotency key 3000 chars", text(sale(idempotency_key="k" * 3000)), REFUSED),
    ("idempotency key fine", text(sale(idempotency_key="pos-2026-000123")), OK),
    ("emails not emails", text(sale(emails=["no es correo"])), REFUSED),
]


def test_there_are_at_least_100_cases() -> None:
    assert len(CASES) >= 100
    assert len({name for name, _, _ in CASES}) == len(CASES)


def _queued(data_dir: Path) -> list[Any]:
    if not (data_dir / DB_FILENAME).exists():
        return []
    db = open_database(data_dir)
    try:
        return Outbox(db).rows()
    finally:
        db.close()


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_queue_add_hostile(  # noqa: PLR0917 (pytest passes fixtures positionally)
    name: str,
    body: str,
    expected: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    source = tmp_path / "body.json"
    source.write_bytes(body.encode("utf-8", "surrogatepass"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = cli.main(["--data-dir", str(data_dir), "queue", "add", str(source)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    err.encode("utf-8")  # printable as it is
    rows = _queued(data_dir)
    if code == OK:
        assert len(rows) == 1
        assert out.strip() == rows[0].local_id
        payload = rows[0].payload
        check_payment(payload)  # what the sender will send still validates
        for item in payload["items"]:
            quantity = Decimal(str(item["quantity"]))
            assert 0 < quantity <= money.MAX_QUANTITY
            assert money.decimals_of(quantity.normalize()) <= money.QUANTITY_DECIMALS
            if item.get("unit_price") is not None:
                assert money.check_line(quantity, Decimal(str(item["unit_price"]))) > 0
    else:
        assert code == REFUSED, err
        assert err.strip(), "a refusal must say why"
        assert rows == []
    assert code == expected, err


def test_a_reused_key_with_another_sale_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    first, same, other = (tmp_path / f"{n}.json" for n in ("first", "same", "other"))
    first.write_text(text(sale(idempotency_key="pos-000001")), encoding="utf-8")
    same.write_text(text(sale(idempotency_key="pos-000001")), encoding="utf-8")
    other.write_text(
        text(sale(idempotency_key="pos-000001", item={"quantity": 3})), encoding="utf-8"
    )
    base = ["--data-dir", str(data_dir), "queue", "add"]
    assert cli.main([*base, str(first)]) == OK
    local_id = capsys.readouterr().out.strip()
    assert cli.main([*base, str(same)]) == OK  # the same sale again: idempotent
    assert capsys.readouterr().out.strip() == local_id
    assert cli.main([*base, str(other)]) == REFUSED
    err = capsys.readouterr().err
    assert "idempotency_key" in err and "otra venta" in err
    assert len(_queued(data_dir)) == 1
    # The same key for another team is another sale too.
    assert cli.main(["--team", "team_otro", *base, str(same)]) == REFUSED
    capsys.readouterr()


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        text(client(tax_id="EKU9003173C\ud800")),
        text(sale(item={"quantity": "١٢"})),
        raw_item('"quantity": 1e-9'),
    ],
    ids=["deep", "surrogate", "arabic", "tiny"],
)
def test_a_real_process_prints_words_not_a_traceback(tmp_path: Path, body: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), "queue", "add", "-"],
        input=body.encode("utf-8", "surrogatepass"),
        capture_output=True,
        check=False,
        timeout=60,
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == REFUSED, err
    assert "Traceback" not in err
    assert "No se puso en cola" in err or "JSON" in err


# -- fuzzing: whatever the JSON, a clear answer --------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = [
    ("client",),
    ("client", "tax_id"),
    ("client", "name"),
    ("payment_form",),
    ("automation_type",),
    ("items",),
    ("items", 0),
    ("items", 0, "quantity"),
    ("items", 0, "unit_price"),
    ("items", 0, "discount"),
    ("items", 0, "taxes"),
    ("items", 0, "taxes", 0, "rate"),
    ("metadata",),
    ("currency",),
    ("exchange_rate",),
    ("idempotency_key",),
]


def _replace(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    target = body
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), json_values)
def test_any_value_in_any_field_is_queued_valid_or_refused_in_words(
    path: tuple[Any, ...], value: Any
) -> None:
    body = _replace(client(), path, value) if path[0] == "client" else _replace(sale(), path, value)
    try:
        checked = check_payment(body)
    except SaleRejectedError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message
            str(problem).encode("utf-8")  # printable as is (cli._err also scrubs)
    else:
        again = check_payment(checked.body)  # what is stored validates again, unchanged
        assert again.body == checked.body
        for item in checked.body["items"]:
            quantity = Decimal(str(item["quantity"]))
            assert 0 < quantity <= money.MAX_QUANTITY
            if item.get("unit_price") is not None:
                assert money.check_line(quantity, Decimal(str(item["unit_price"]))) > 0
