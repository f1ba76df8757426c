"""`python -m desktop report` and `shift` for accountants and scripts, on a real data folder:
sales sent through the sandbox, one still queued, a refund made here, another till's payment
in the cache, a sale queued at 23:50 the day before."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox
from desktop.store.shifts import EventKind, Shifts
from tests.cli_helpers import Cli
from tests.test_till import sale_body


def queue(run: Cli, body: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "sale.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    code, out, err = run("queue", "add", str(path))
    assert code == 0, err
    return dict(json.loads(out)) if out.strip().startswith("{") else {}


def test_report_json_by_payment_form_refunds_queued_and_the_day_of_the_sale(
    run: Cli, sandbox: Sandbox, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    queue(run, sale_body("01", ("Café", 2, "35.00")), tmp_path)  # 70.00 cash
    queue(run, sale_body("04", ("Mochila", 1, "899.90")), tmp_path)  # 899.90 card
    code, _out, err = run("sync", "--once")
    assert code == 0, err
    sandbox.faults.set(status_down=True)
    queue(run, sale_body("01", ("Refresco", 3, "22.00")), tmp_path)  # 66.00 cash, queued

    now = datetime.now().astimezone()
    yesterday_late = (now - timedelta(days=1)).replace(hour=23, minute=50, second=0)
    db = open_database(data_dir)
    try:
        outbox = Outbox(db)
        sent_cash = next(r for r in outbox.rows() if r.payload["payment_form"] == "01")
        Shifts(db).record_event(
            EventKind.REFUND, Decimal("20.00"), "01", payment_id=sent_cash.server_id
        )
        # A sale queued offline at 23:50 yesterday belongs to yesterday whenever it is sent.
        late = Outbox(db, clock=yesterday_late.timestamp)
        queue_payment(late, sale_body("03", ("Impresión", 5, "3.00")))  # 15.00 transfer
        # Another till's sale, as a cache refresh brings it from gigstack.
        Cache(db).upsert(
            Resource.PAYMENTS,
            None,
            [
                {
                    "id": "payment_other_till",
                    "status": "succeeded",
                    "total": "120.00",
                    "payment_form": "28",
                    "created_at": now.isoformat(),
                    "metadata": {"folio": "CAJA2-7", "sold_at": now.isoformat()},
                    "items": [],
                }
            ],
        )
    finally:
        db.close()

    code, out, err = run("report", "--json")
    assert code == 0, err
    today = json.loads(out)
    assert today["from"] == today["to"] == now.date().isoformat()
    assert today["by_payment_form"]["01"] | {"name": ""} == {
        "name": "",
        "count": 2,
        "gross": "136.00",
        "refunds": "20.00",
        "cancellations": "0.00",
        "total": "116.00",
    }
    assert today["by_payment_form"]["04"]["total"] == "899.90"
    assert today["by_payment_form"]["28"] == today["by_payment_form"]["28"] | {
        "count": 1,
        "total": "120.00",
    }
    assert today["refunds"] == {"count": 1, "total": "20.00"}
    assert today["queued"] == {"count": 1, "total": "66.00", "unpriced": 0}
    assert today["total"] == "1135.90"  # 70 + 899.90 + 66 + 120 - 20
    assert set(today["by_cashier"]) == {"CAJA1", "CAJA2"}
    assert today["by_cashier"]["CAJA2"] == {"count": 1, "total": "120.00"}
    assert today["by_product"]["Mochila"] == {"quantity": "1", "sales": 1, "total": "899.90"}

    code, out, _ = run("report", "--from", yesterday_late.strftime("%d/%m/%Y"), "--json")
    both = json.loads(out)
    day = yesterday_late.date().isoformat()
    assert both["by_day"][day] == {"count": 1, "total": "15.00"}
    assert both["by_hour"]["23"]["count"] >= 1
    assert both["total"] == "1150.90"

    code, out, _ = run("report", "--csv")
    lines = out.splitlines()
    assert lines[0].startswith("fecha,hora,folio") and len([x for x in lines if "CAJA" in x]) == 4


def test_report_refuses_dates_it_cannot_read(run: Cli) -> None:
    code, _out, err = run("report", "--from", "ayer")
    assert code == 2 and "no es una fecha" in err
    code, _out, err = run("report", "--from", "2026-11-28", "--to", "2026-11-27")
    assert code == 2 and "posterior" in err


def test_shift_shows_the_open_shift_and_says_when_there_is_none(
    run: Cli, sandbox: Sandbox, tmp_path: Path
) -> None:
    code, _out, err = run("shift")
    # A folder never used: said so, and no database is created for asking.
    assert code == 14 and "No hay datos en" in err
    open_database(tmp_path / "data").close()
    code, _out, err = run("shift")
    assert code == 2 and "No hay un turno abierto" in err
    sandbox.faults.set(status_down=True)
    queue(run, sale_body("01", ("Café", 1, "35.00")), tmp_path)  # opens a shift by itself
    code, out, err = run("shift", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["kind"] == "X" and figures["auto_opened"] is True
    assert figures["expected_cash"] == "35.00" and figures["queued"]["count"] == 1
