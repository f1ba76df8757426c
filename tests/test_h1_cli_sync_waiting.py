"""`python -m desktop sync --once` when an invoice waits for a parked sale: a person is needed."""

from __future__ import annotations

import json
from typing import Any

from tests.cli_helpers import Cli

EXIT_PARKED = 7


def rows(run: Cli) -> dict[str, dict[str, Any]]:
    code, out, _ = run("queue", "list", "--json")
    assert code == 0
    return {r["local_id"]: r for r in json.loads(out)}


def test_an_invoice_waiting_for_a_parked_sale_exits_as_parked_not_offline(run: Cli) -> None:
    sale = {
        "client": {"id": "client_does_not_exist"},  # gigstack refuses it (404): parked
        "automation_type": "none",
        "payment_form": "01",
        "items": [{"id": "service_demo_hojas", "quantity": 1, "unit_price": "105.00"}],
    }
    code, out, err = run("queue", "add", "-", stdin=json.dumps(sale))
    assert code == 0, err
    sale_id = out.strip()
    code, out, err = run("queue", "add-invoice", "-", "--payment", sale_id, stdin='{"use": "G03"}')
    assert code == 0, err
    invoice_id = out.strip()
    code, _, err = run("sync", "--once")
    assert code == EXIT_PARKED, err
    assert "1 detenido espera" in err and "1 detenidos" not in err
    queued = rows(run)
    assert queued[sale_id]["state"] == "parked"
    assert queued[invoice_id]["state"] == "pending"  # waits for its sale, not parked
