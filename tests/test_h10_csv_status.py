"""The report's CSV (trial): `estado` in the words Pagos shows, gigstack's code beside it.
Real SQLite and the real report over sales queued and sent to the sandbox (through the CLI)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.reports import CSV_COLUMNS, status_text
from desktop.sandbox import Sandbox
from tests.cli_helpers import Cli
from tests.test_report_cli import queue
from tests.test_till import sale_body


def test_estado_is_spanish_and_estado_gigstack_keeps_the_code(
    run: Cli,
    sandbox: Sandbox,
    tmp_path: Path,
) -> None:
    queue(run, sale_body("01", ("Café", 1, "35.00")), tmp_path)
    code, _out, _err = run("sync", "--once")
    assert code == 0
    code, out, _ = run("report", "--csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert tuple(header) == CSV_COLUMNS
    sales = [dict(zip(header, r, strict=True)) for r in rows[1:] if len(r) == len(header)]
    assert sales
    for sale in sales:
        assert sale["estado"] == status_text(sale["estado_gigstack"])
        assert sale["estado"] not in ("succeeded", "partially_refunded", "refunded")
    assert any(s["estado"] == "Pagado" and s["estado_gigstack"] == "succeeded" for s in sales)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("succeeded", "Pagado"),
        ("partially_refunded", "Reembolso parcial"),
        ("refunded", "Reembolsado"),
        ("canceled", "Cancelado"),
        ("cancelled", "Cancelado"),
        ("something_new", "something_new"),  # unknown: as gigstack said it
    ],
)
def test_status_text(code: str, words: str) -> None:
    assert status_text(code) == words
