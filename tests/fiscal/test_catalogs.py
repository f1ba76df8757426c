"""Tests for desktop.fiscal.catalogs against the generated resources/sat_catalogs.sqlite."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.fiscal import catalogs

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> Iterator[None]:
    catalogs.close()
    yield
    catalogs.close()


def test_payment_forms() -> None:
    codes = {f.code: f.description for f in catalogs.payment_forms()}
    assert codes["01"] == "Efectivo"
    assert codes["03"] == "Transferencia electrónica de fondos"
    assert codes["04"] == "Tarjeta de crédito"
    assert codes["28"] == "Tarjeta de débito"
    assert codes["99"] == "Por definir"
    assert len(codes) == 22
    # Codes from other SAT catalogs that satcfdi keeps alongside are not CFDI 4.0 forms.
    assert "07" not in codes and "98" not in codes
    assert catalogs.payment_form(" 01 ") == catalogs.PaymentForm("01", "Efectivo")


def test_tax_regimes_and_persona() -> None:
    regimes = {r.code: r for r in catalogs.tax_regimes()}
    assert {"601", "612", "616", "626"} <= regimes.keys()
    assert regimes["601"].moral and not regimes["601"].fisica
    assert regimes["612"].fisica and not regimes["612"].moral
    assert regimes["616"].description == "Sin obligaciones fiscales"
    assert regimes["626"].fisica and regimes["626"].moral
    moral = {r.code for r in catalogs.tax_regimes("moral")}
    fisica = {r.code for r in catalogs.tax_regimes("fisica")}
    assert "601" in moral and "612" not in moral
    assert "612" in fisica and "601" not in fisica
    assert "609" not in regimes  # only in the pre-4.0 catalog
    legacy = catalogs.tax_regime("609")
    assert legacy is not None and not legacy.cfdi40
    assert "609" in {r.code for r in catalogs.tax_regimes(include_legacy=True)}


def test_cfdi_uses_and_regime_compatibility() -> None:
    uses = {u.code: u for u in catalogs.cfdi_uses()}
    assert {"G01", "G03", "S01", "CP01", "CN01", "D01", "I01"} <= uses.keys()
    assert uses["G03"].description == "Gastos en general"
    assert uses["D01"].fisica and not uses["D01"].moral
    # Régimen 616 (sin obligaciones fiscales, e.g. público en general) gets S01 and CP01, plus
    # G02 (returns) since SAT's later revision of c_UsoCFDI.
    assert {u.code for u in catalogs.cfdi_uses(regime="616")} == {"S01", "CP01", "G02"}
    assert catalogs.is_use_allowed("616", "S01")
    assert not catalogs.is_use_allowed("616", "G03")
    assert catalogs.is_use_allowed("612", "G03")
    assert catalogs.is_use_allowed("601", "G03")
    assert not catalogs.is_use_allowed("605", "G03")  # salaried receivers cannot deduct
    assert catalogs.is_use_allowed("605", "CN01")
    assert {u.code for u in catalogs.cfdi_uses(regime="605")} >= {"D01", "CN01", "S01"}
    moral_uses = {u.code for u in catalogs.cfdi_uses(persona="moral")}
    assert "G03" in moral_uses and "D01" not in moral_uses


def test_p01_is_not_offered_and_is_explained() -> None:
    assert "P01" not in {u.code for u in catalogs.cfdi_uses()}
    p01 = catalogs.cfdi_use("p01")
    assert p01 is not None and not p01.cfdi40
    assert not catalogs.is_use_allowed("601", "P01")
    (message,) = catalogs.cfdi_use_errors("P01", regime="601")
    assert "CFDI 4.0" in message and "P01" in message


def test_cfdi_use_errors_name_the_problem() -> None:
    assert catalogs.cfdi_use_errors("G03", regime="612", persona="fisica") == []
    (msg,) = catalogs.cfdi_use_errors("G03", regime="605")
    assert "no es compatible" in msg and "605" in msg and "CN01" in msg
    (msg,) = catalogs.cfdi_use_errors("D01", persona="moral")
    assert "personas morales" in msg
    assert "no es un uso" in catalogs.cfdi_use_errors("Z99")[0]
    assert "no es un régimen" in catalogs.cfdi_use_errors("G03", regime="999")[0]
    with pytest.raises(ValueError, match="persona"):
        catalogs.cfdi_uses(persona="empresa")  # type: ignore[arg-type]


def test_unit_keys() -> None:
    assert catalogs.unit_key("H87") == catalogs.UnitKey("H87", "Pieza")
    assert catalogs.unit_key("e48") == catalogs.UnitKey("E48", "Unidad de servicio")
    assert catalogs.unit_key("NOPE") is None
    assert len(catalogs.unit_keys()) > 2000
    assert catalogs.search_unit_keys("pieza")[0].code == "H87"
    assert "KGM" in {u.code for u in catalogs.search_unit_keys("kilogramo")}


def test_product_keys() -> None:
    assert catalogs.product_key("01010101") == catalogs.ProductKey(
        "01010101", "No existe en el catálogo"
    )
    assert catalogs.product_key("50202301") is not None
    assert catalogs.product_key("00000000") is None


def test_search_finds_coffee_ignoring_accents_and_case() -> None:
    results = catalogs.search_product_keys("cafe")
    codes = [r.code for r in results]
    assert codes[0] == "50201706"  # "Café"
    assert {"50201700", "50201709"} <= set(codes)
    assert [r.code for r in catalogs.search_product_keys("CAFÉ")] == codes
    assert all("caf" in catalogs.fold(r.description) for r in results)


def test_search_by_several_words_and_by_code_prefix() -> None:
    results = catalogs.search_product_keys("servicios contables")
    assert results and all(
        "servicios" in catalogs.fold(r.description) and "contables" in catalogs.fold(r.description)
        for r in results
    )
    by_code = catalogs.search_product_keys("5020", limit=10)
    assert len(by_code) == 10 and all(r.code.startswith("5020") for r in by_code)
    assert catalogs.search_product_keys("") == []
    assert catalogs.search_product_keys("zzzzqqq") == []
    assert catalogs.search_product_keys("100%_") == []  # LIKE wildcards are literal


def test_postal_codes() -> None:
    cp = catalogs.postal_code("06600")
    assert cp is not None
    assert (cp.state_code, cp.state, cp.municipality) == ("CMX", "Ciudad de México", "Cuauhtémoc")
    assert not cp.border_region
    tijuana = catalogs.postal_code("22000")
    assert tijuana is not None and tijuana.municipality == "Tijuana" and tijuana.border_region
    assert catalogs.postal_code("6600") is None
    assert catalogs.postal_code("abcde") is None


def test_generated_file_is_compact_and_complete() -> None:
    path = catalogs.catalog_path()
    assert path == REPO_ROOT / "resources" / catalogs.CATALOG_FILENAME
    assert path.stat().st_size < 8_000_000
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("product_keys", "postal_codes", "unit_keys")
        }
    assert counts["product_keys"] > 50_000
    assert counts["postal_codes"] > 90_000
    assert counts["unit_keys"] > 2_000
    assert catalogs.catalog_info()["source"].startswith("satcfdi")


def test_connection_is_read_only() -> None:
    catalogs.payment_forms()
    with pytest.raises(sqlite3.OperationalError):
        catalogs._query("DELETE FROM payment_forms")


def test_bundle_directory_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / catalogs.CATALOG_FILENAME).write_bytes(catalogs.catalog_path().read_bytes())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert catalogs.catalog_path() == resources / catalogs.CATALOG_FILENAME
    assert catalogs.unit_key("H87") is not None


def test_missing_file_raises_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogs, "_candidate_dirs", lambda: [tmp_path])
    with pytest.raises(catalogs.CatalogUnavailableError, match="not found"):
        catalogs.payment_forms()


def test_import_does_not_open_the_database() -> None:
    code = (
        "import desktop.fiscal as f, desktop.fiscal.catalogs as c;"
        "assert c._conn is None;"
        "f.compute_totals([]); f.validate_rfc('XAXX010101000');"
        "assert c._conn is None"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT, env=env)


def test_generator_and_runtime_fold_text_the_same_way() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen_catalogs", REPO_ROOT / "build_scripts" / "gen_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for sample in ["Café", "PIÑA", "Ñandú & Cía.", "Ümlaut", "camión  Eléctrico", "ß"]:
        assert module.fold(sample) == catalogs.fold(sample)
    assert catalogs.fold("Café Piña") == "cafe pina"
