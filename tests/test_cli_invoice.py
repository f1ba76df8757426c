"""`python -m desktop queue add-invoice`: the same core as the Facturas dialog."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from tests.cli_helpers import Cli
from tests.conftest import SANDBOX_KEY

INVOICE = {
    "client": {"id": "client_demo_juan"},
    "items": [{"id": "service_demo_hojas", "quantity": 1}],
    "payment_form": "03",
    "use": "G03",
    "series": "MOS",
}

SALE = {
    "client": {"id": "client_demo_juan"},
    "automation_type": "none",
    "payment_form": "04",
    "items": [{"id": "service_demo_hojas", "quantity": 2, "unit_price": "105.00"}],
}


def rows(run: Cli) -> list[dict[str, Any]]:
    code, out, _ = run("queue", "list", "--json")
    assert code == 0
    return list(json.loads(out))


def invoices_with(sandbox: Sandbox, local_id: str) -> list[Any]:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        return [
            i
            for i in api.invoices.list_income(metadata={"local_id": local_id})
            if (i.metadata or {}).get("local_id") == local_id
        ]


def test_add_invoice_queues_and_sync_stamps_it(run: Cli, sandbox: Sandbox) -> None:
    code, out, err = run("queue", "add-invoice", "-", stdin=json.dumps(INVOICE))
    assert code == 0, err
    local_id = out.strip()
    [row] = rows(run)
    assert (row["kind"], row["state"], row["local_id"]) == ("create_invoice", "pending", local_id)
    code, _, err = run("sync", "--once")
    assert code == 0, err
    [row] = rows(run)
    assert row["state"] == "sent"
    found = invoices_with(sandbox, local_id)
    assert [i.id for i in found] == [row["server_id"]]
    assert found[0].series == "MOS"


def test_add_invoice_from_a_queued_sale(run: Cli, sandbox: Sandbox) -> None:
    code, out, _ = run("queue", "add", "-", stdin=json.dumps(SALE))
    assert code == 0
    sale_local_id = out.strip()
    code, out, err = run(
        "queue", "add-invoice", "-", "--payment", sale_local_id, stdin='{"use": "G03"}'
    )
    assert code == 0, err
    invoice_local_id = out.strip()
    code, _, err = run("sync", "--once")
    assert code == 0, err
    sale, invoice = rows(run)
    assert (sale["state"], invoice["state"]) == ("sent", "sent")
    [found] = invoices_with(sandbox, invoice_local_id)
    assert (found.metadata or {})["payments"] == sale["server_id"]
    assert found.payment_form == "04"


@pytest.mark.parametrize(
    ("stdin", "args", "words"),
    [
        (json.dumps({**INVOICE, "payment_form": "99"}), (), "payment_form"),
        (json.dumps({**INVOICE, "series": "a b"}), (), "series"),
        ("[1, 2]", (), "objeto JSON"),
        ("{not json", (), "no es válido"),
        ('{"use": "G03"}', ("--payment", "CAJA1-999"), "items"),
    ],
)
def test_bad_invoices_exit_2_with_the_reason_and_queue_nothing(
    run: Cli, stdin: str, args: tuple[str, ...], words: str
) -> None:
    code, out, err = run("queue", "add-invoice", "-", *args, stdin=stdin)
    assert code == 2
    assert out == ""
    assert words in err
    assert "Traceback" not in err
    assert rows(run) == []


def test_a_sale_that_asks_gigstack_for_its_own_invoice_is_refused(run: Cli) -> None:
    code, out, _ = run(
        "queue", "add", "-", stdin=json.dumps({**SALE, "automation_type": "receipt"})
    )
    assert code == 0
    code, _, err = run("queue", "add-invoice", "--payment", out.strip())
    assert code == 2
    assert "dos veces" in err
    assert [r["kind"] for r in rows(run)] == ["register_payment"]
