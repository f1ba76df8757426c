"""Issue 10 §2 (audit h5): reports count cancellations, not only refunds.

`python -m desktop report --json` on a real data folder, the sales sent through the real
sandbox: one sale cancelled at this till (gigstack's answer written as Pagos writes it,
`writethrough.payment_answer`, with its till event), another cancelled in gigstack by someone
else and known here only after `cache refresh`, one partly refunded then cancelled. The
figures are worked out by hand from the prices rung up.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox, OutboxState
from desktop.store.shifts import EventKind, Shifts
from desktop.sync.writethrough import PaymentAction, payment_answer
from tests.cli_helpers import Cli
from tests.conftest import SANDBOX_KEY
from tests.test_till import sale_body


def queue(run: Cli, body: dict[str, Any], tmp_path: Path) -> str:
    path = tmp_path / "sale.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    code, out, err = run("queue", "add", str(path))
    assert code == 0, err
    return out.strip()


def test_report_counts_cancellations_here_and_in_gigstack(
    run: Cli, sandbox: Sandbox, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    queue(run, sale_body("01", ("Café", 2, "35.00")), tmp_path)  # 70.00 cash, kept
    queue(run, sale_body("01", ("Cuaderno", 1, "58.00")), tmp_path)  # cancelled here
    queue(run, sale_body("04", ("Mochila", 1, "899.90")), tmp_path)  # cancelled in gigstack
    queue(run, sale_body("03", ("Impresión", 10, "4.00")), tmp_path)  # 40: refund 10, cancel
    code, _out, err = run("sync", "--once")
    assert code == 0, err

    db = open_database(data_dir)
    try:
        outbox, cache, shifts = Outbox(db), Cache(db), Shifts(db)
        rows = {r.payload["items"][0]["description"]: r for r in outbox.rows()}
        assert all(r.state is OutboxState.SENT for r in rows.values())
        ids = {name: str(r.server_id) for name, r in rows.items()}
        with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
            # Cancelled at this till, as Pagos does it: gigstack's answer and the till event.
            before = api.payments.get(ids["Cuaderno"]).model_dump(mode="json")
            written = payment_answer(
                cache,
                None,
                api.payments.cancel(ids["Cuaderno"]),
                shifts=shifts,
                action=PaymentAction(
                    EventKind.CANCEL,
                    before=before,
                    payment_form="01",
                    folio=rows["Cuaderno"].folio,
                    local_id=rows["Cuaderno"].local_id,
                ),
            )
            assert written.till_error is None and written.cache_error is None
            # Part refunded here, then cancelled here: what was left of it is the cancellation.
            before = api.payments.get(ids["Impresión"]).model_dump(mode="json")
            refunded = api.payments.refund(ids["Impresión"], amount=Decimal("10.00"))
            payment_answer(
                cache,
                None,
                refunded,
                shifts=shifts,
                action=PaymentAction(
                    EventKind.REFUND,
                    before=before,
                    amount=Decimal("10.00"),
                    payment_form="03",
                    folio=rows["Impresión"].folio,
                    local_id=rows["Impresión"].local_id,
                ),
            )
            before = cache.get(Resource.PAYMENTS, None, ids["Impresión"]) or {}
            payment_answer(
                cache,
                None,
                api.payments.cancel(ids["Impresión"]),
                shifts=shifts,
                action=PaymentAction(
                    EventKind.CANCEL,
                    before=before,
                    payment_form="03",
                    folio=rows["Impresión"].folio,
                    local_id=rows["Impresión"].local_id,
                ),
            )
            # Cancelled by someone else in gigstack: this till learns it from a refresh.
            api.payments.cancel(ids["Mochila"])
    finally:
        db.close()
    code, _out, err = run("cache", "refresh")
    assert code == 0, err

    code, out, err = run("report", "--json")
    assert code == 0, err
    report = json.loads(out)
    # gross 70 + 58 + 899.90 + 40 = 1067.90; refunds 10; cancelled 58 + 899.90 + (40 - 10).
    assert report["gross"] == "1067.90"
    assert report["refunds"] == {"count": 1, "total": "10.00"}
    assert report["cancellations"] == {"count": 3, "total": "987.90"}
    assert report["total"] == "70.00"
    assert report["count"] == 1  # only the coffee still counts as a sale
    forms = report["by_payment_form"]
    assert forms["01"] | {"name": ""} == {
        "name": "",
        "count": 1,
        "gross": "128.00",
        "refunds": "0.00",
        "cancellations": "58.00",
        "total": "70.00",
    }
    assert (forms["04"]["cancellations"], forms["04"]["total"]) == ("899.90", "0.00")
    assert (forms["03"]["refunds"], forms["03"]["cancellations"]) == ("10.00", "30.00")
    assert forms["03"]["total"] == "0.00"
    # A cancelled sale sells no product and no hour.
    assert set(report["by_product"]) == {"Café"}
    assert sum(b["count"] for b in report["by_hour"].values()) == 1

    code, out, _ = run("report", "--csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "total,70.00"
