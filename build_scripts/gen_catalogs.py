"""Generate ``resources/sat_catalogs.sqlite`` from the SAT catalogs shipped by ``satcfdi``.

The SAT publishes its CFDI 4.0 catalogs (``catCFDI_V_4``) as a spreadsheet; the PyPI package
``satcfdi`` repackages them as a SQLite file (``satcfdi/catalogs/catalogs.db``) whose keys and
values are pickled Python objects. ``satcfdi`` is far too heavy to ship with the app (lxml,
weasyprint, cryptography, ...), so this script reads its database once, at development time,
and writes a small, plain SQLite file that ``desktop.fiscal.catalogs`` opens read-only.

How to run (from the repository root)::

    # Let the script make a throw-away venv and pip-install satcfdi into it:
    python build_scripts/gen_catalogs.py

    # Or reuse an existing satcfdi install / a copy of its database:
    python build_scripts/gen_catalogs.py --satcfdi-db /path/to/satcfdi/catalogs/catalogs.db

    # Pin the satcfdi version that produced the committed file (recorded in the `meta` table):
    python build_scripts/gen_catalogs.py --satcfdi-version 26.10.1

Never install satcfdi into the app's own venv: it is a build input, not a dependency.

What satcfdi's tables do not carry is taken from the SAT catalog columns and written out
below as data (``_REGIME_PERSONA``, ``_USE_PERSONA``, ``_USE_REGIMES``): which tax regimes
apply to personas físicas / morales, which CFDI uses apply to each, and the "Régimen Fiscal
Receptor" column of ``c_UsoCFDI`` (the regimes a receiver may have for each use). The script
refuses to run if satcfdi lists a code these tables do not know, so a catalog update is noticed.

Output tables (all ``WITHOUT ROWID`` where the key is text):

* ``meta(key, value)`` — source package and version, generation time.
* ``payment_forms(code, description)`` — ``c_FormaPago`` (CFDI 4.0 codes only).
* ``tax_regimes(code, description, fisica, moral, cfdi40)`` — ``c_RegimenFiscal``.
* ``cfdi_uses(code, description, fisica, moral, cfdi40)`` — ``c_UsoCFDI``.
* ``regime_uses(regime, use)`` — receiver regime x CFDI use compatibility.
* ``unit_keys(code, name, search)`` — ``c_ClaveUnidad``.
* ``product_keys(code, description, search)`` — ``c_ClaveProdServ``.
* ``states(code, country, name)``, ``municipalities(state, code, name)``.
* ``time_zones(id, name)``, ``postal_codes(zip, state, municipality, border, tz)`` —
  ``c_CodigoPostal`` (``zip`` is an INTEGER; format it with five digits).

``search`` columns hold the text lower-cased with accents and ñ folded (see ``fold``), so the
app can match with a plain ``LIKE`` and no FTS extension.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import venv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def _codes(text: str) -> tuple[str, ...]:
    """Split a space-separated code list (the way the SAT spreadsheet writes them)."""
    return tuple(text.split())


DEFAULT_OUT = REPO_ROOT / "resources" / "sat_catalogs.sqlite"

# c_FormaPago codes valid in CFDI 4.0. satcfdi's table also holds codes that belong to other
# SAT catalogs sharing its namespace (07, 09, 10, 11, 16, 98); a CFDI 4.0 invoice rejects them.
_CFDI40_PAYMENT_FORMS = frozenset(
    _codes("01 02 03 04 05 06 08 12 13 14 15 17 23 24 25 26 27 28 29 30 31 99")
)

# c_RegimenFiscal "Física" / "Moral" columns. Codes 609, 628, 629 and 630 are in satcfdi but not
# in the CFDI 4.0 catalog (cfdi40 = 0); their persona flags come from the earlier SAT catalog.
_REGIME_PERSONA: dict[str, tuple[bool, bool, bool]] = {
    # code: (fisica, moral, cfdi40)
    "601": (False, True, True),
    "603": (False, True, True),
    "605": (True, False, True),
    "606": (True, False, True),
    "607": (True, False, True),
    "608": (True, False, True),
    "609": (False, True, False),
    "610": (True, True, True),
    "611": (True, False, True),
    "612": (True, False, True),
    "614": (True, False, True),
    "615": (True, False, True),
    "616": (True, False, True),
    "620": (False, True, True),
    "621": (True, False, True),
    "622": (False, True, True),
    "623": (False, True, True),
    "624": (False, True, True),
    "625": (True, False, True),
    "626": (True, True, True),
    "628": (False, True, False),
    "629": (True, False, False),
    "630": (True, False, False),
}

_DEDUCTION_REGIMES = "605 606 607 608 611 612 614 615 625"
_BUSINESS_REGIMES = "601 603 606 612 620 621 622 623 624 625 626"
_ANY_REGIME = "601 603 605 606 607 608 610 611 612 614 615 616 620 621 622 623 624 625 626"

# c_UsoCFDI "Física" / "Moral" columns and "Régimen Fiscal Receptor" column.
# P01 ("Por definir") existed in CFDI 3.3 only; CFDI 4.0 removed it (cfdi40 = 0, no regimes).
_USE_PERSONA: dict[str, tuple[bool, bool, bool]] = {
    **{code: (True, True, True) for code in _codes("G01 G02 G03 I01 I02 I03 I04 I05 I06 I07 I08")},
    **{code: (True, False, True) for code in _codes("D01 D02 D03 D04 D05 D06 D07 D08 D09 D10")},
    "S01": (True, True, True),
    "CP01": (True, True, True),
    "CN01": (True, False, True),
    "P01": (True, True, False),
}
_USE_REGIMES: dict[str, str] = {
    **{code: _BUSINESS_REGIMES for code in _codes("G01 G03 I01 I02 I03 I04 I05 I06 I07 I08")},
    # SAT's later revision of the catalog added 616 to G02 (returns and discounts).
    "G02": _BUSINESS_REGIMES + " 616",
    **{code: _DEDUCTION_REGIMES for code in _codes("D01 D02 D03 D04 D05 D06 D07 D08 D09 D10")},
    "S01": _ANY_REGIME,
    "CP01": _ANY_REGIME,
    "CN01": "605",
    "P01": "",
}


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents (``Café`` -> ``cafe``, ``Piña`` -> ``pina``).

    Must stay identical to ``desktop.fiscal.catalogs.fold``; a test compares them.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _PlainUnpickler(pickle.Unpickler):
    """Unpickler that only rebuilds plain str/list/tuple/int values.

    satcfdi pickles nothing but builtin containers and strings, none of which need a global
    lookup; refusing every ``find_class`` means a tampered database cannot run code here.
    """

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from catalogs.db")


def _load(blob: bytes) -> Any:
    return _PlainUnpickler(io.BytesIO(blob)).load()


def _rows(src: sqlite3.Connection, table: str) -> Iterator[tuple[Any, Any]]:
    for key, value in src.execute(f"SELECT key, value FROM {table}"):  # noqa: S608 - fixed names
        yield _load(key), _load(value)


def _find_satcfdi_db(version: str | None) -> tuple[Path, str, tempfile.TemporaryDirectory[str]]:
    """Install satcfdi into a temporary venv and return its catalogs.db path and version."""
    tmp = tempfile.TemporaryDirectory(prefix="satcfdi-")
    env_dir = Path(tmp.name) / "venv"
    print(f"creating a temporary venv in {env_dir} ...", file=sys.stderr)
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    requirement = f"satcfdi=={version}" if version else "satcfdi"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", requirement], check=True)
    probe = (
        "import importlib.metadata as m, importlib.util as u, pathlib;"
        "spec = u.find_spec('satcfdi');"
        "root = pathlib.Path(list(spec.submodule_search_locations)[0]);"
        "print(root / 'catalogs' / 'catalogs.db');"
        "print(m.version('satcfdi'))"
    )
    out = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True
    ).stdout.split("\n")
    return Path(out[0].strip()), out[1].strip(), tmp


def _check_codes(kind: str, found: Iterable[str], known: Iterable[str]) -> None:
    unknown = sorted(set(found) - set(known))
    if unknown:
        raise SystemExit(
            f"satcfdi lists {kind} codes this script has no SAT flags for: {unknown}. "
            "Update the tables at the top of build_scripts/gen_catalogs.py from the SAT catalog."
        )


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE payment_forms (code TEXT PRIMARY KEY, description TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE tax_regimes (
    code TEXT PRIMARY KEY, description TEXT NOT NULL,
    fisica INTEGER NOT NULL, moral INTEGER NOT NULL, cfdi40 INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE cfdi_uses (
    code TEXT PRIMARY KEY, description TEXT NOT NULL,
    fisica INTEGER NOT NULL, moral INTEGER NOT NULL, cfdi40 INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE regime_uses (
    regime TEXT NOT NULL, use TEXT NOT NULL, PRIMARY KEY (regime, use)
) WITHOUT ROWID;
CREATE TABLE unit_keys (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, search TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE product_keys (
    code TEXT PRIMARY KEY, description TEXT NOT NULL, search TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE states (
    code TEXT PRIMARY KEY, country TEXT NOT NULL, name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE municipalities (
    state TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (state, code)
) WITHOUT ROWID;
CREATE TABLE time_zones (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE postal_codes (
    zip INTEGER PRIMARY KEY, state TEXT NOT NULL, municipality TEXT,
    border INTEGER NOT NULL, tz INTEGER REFERENCES time_zones(id)
);
"""


def generate(src_path: Path, out_path: Path, source_version: str) -> dict[str, int]:
    """Write the compact catalog database and return row counts per table."""
    src = sqlite3.connect(f"{src_path.resolve().as_uri()}?mode=ro", uri=True)
    tmp_out = out_path.with_suffix(".tmp")
    tmp_out.unlink(missing_ok=True)
    dst = sqlite3.connect(tmp_out)
    try:
        dst.executescript(SCHEMA)
        with dst:
            _fill(src, dst, source_version)
        counts = {
            name: dst.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608
            for (name,) in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        dst.execute("VACUUM")
    finally:
        dst.close()
        src.close()
    os.replace(tmp_out, out_path)
    return counts


def _fill(src: sqlite3.Connection, dst: sqlite3.Connection, source_version: str) -> None:
    payment = dict(_rows(src, "C756_c_FormaPago"))
    dst.executemany(
        "INSERT INTO payment_forms VALUES (?, ?)",
        sorted((c, d) for c, d in payment.items() if c in _CFDI40_PAYMENT_FORMS),
    )
    missing = _CFDI40_PAYMENT_FORMS - payment.keys()
    if missing:
        raise SystemExit(f"satcfdi lacks CFDI 4.0 payment forms {sorted(missing)}")

    regimes = dict(_rows(src, "C756_c_RegimenFiscal"))
    _check_codes("c_RegimenFiscal", regimes, _REGIME_PERSONA)
    dst.executemany(
        "INSERT INTO tax_regimes VALUES (?, ?, ?, ?, ?)",
        [(c, d, *map(int, _REGIME_PERSONA[c])) for c, d in sorted(regimes.items())],
    )

    uses = dict(_rows(src, "C756_c_UsoCFDI"))
    _check_codes("c_UsoCFDI", uses, _USE_PERSONA)
    dst.executemany(
        "INSERT INTO cfdi_uses VALUES (?, ?, ?, ?, ?)",
        [(c, d, *map(int, _USE_PERSONA[c])) for c, d in sorted(uses.items())],
    )
    dst.executemany(
        "INSERT INTO regime_uses VALUES (?, ?)",
        sorted(
            (regime, use)
            for use, regime_list in _USE_REGIMES.items()
            if use in uses
            for regime in regime_list.split()
        ),
    )

    dst.executemany(
        "INSERT INTO unit_keys VALUES (?, ?, ?)",
        sorted((c, n, fold(n)) for c, n in _rows(src, "C756_c_ClaveUnidad")),
    )
    dst.executemany(
        "INSERT INTO product_keys VALUES (?, ?, ?)",
        sorted((c, d, fold(d)) for c, d in _rows(src, "C756_c_ClaveProdServ")),
    )

    dst.executemany(
        "INSERT INTO states VALUES (?, ?, ?)",
        sorted((code, country, name) for code, (country, name) in _rows(src, "C756_c_Estado")),
    )
    dst.executemany(
        "INSERT INTO municipalities VALUES (?, ?, ?)",
        sorted((state, code, name) for (code, state), name in _rows(src, "C756_c_Municipio")),
    )

    zones: dict[str, int] = {}
    postal = []
    for zip_code, (state, municipality, _locality, border, tz) in _rows(src, "C756_c_CodigoPostal"):
        tz_id = zones.setdefault(tz, len(zones) + 1) if tz else None
        postal.append((int(zip_code), state, municipality or None, int(border == "1"), tz_id))
    dst.executemany("INSERT INTO time_zones VALUES (?, ?)", [(i, n) for n, i in zones.items()])
    dst.executemany("INSERT INTO postal_codes VALUES (?, ?, ?, ?, ?)", sorted(postal))

    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    dst.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("source", "satcfdi (PyPI) satcfdi/catalogs/catalogs.db"),
            ("source_version", source_version),
            ("generated_at", now),
            ("generator", "build_scripts/gen_catalogs.py"),
        ],
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--satcfdi-db", type=Path, help="path to satcfdi/catalogs/catalogs.db")
    parser.add_argument(
        "--satcfdi-version", help="satcfdi version to pip-install (default: latest)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)

    keep_alive = None
    if args.satcfdi_db:
        db_path, version = args.satcfdi_db, args.satcfdi_version or "unknown"
    else:
        db_path, version, keep_alive = _find_satcfdi_db(args.satcfdi_version)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        counts = generate(db_path, args.out, version)
    finally:
        if keep_alive is not None:
            keep_alive.cleanup()
    for name, count in sorted(counts.items()):
        print(f"{name:16} {count:>7}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) from satcfdi {version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
