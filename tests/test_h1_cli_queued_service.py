"""`python -m desktop queue add` sells a service created offline, through the same core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxKind
from tests.cli_helpers import Cli
from tests.conftest import SANDBOX_KEY


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(
    sandbox: Sandbox,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    monkeypatch.setenv("GIGSTACK_API_KEY", SANDBOX_KEY)
    return Cli(data_dir, sandbox.base_url, capsys, monkeypatch)


def queue_service_like_the_app(data_dir: Path, sku: str) -> str:
    """The Servicios page of the app on this folder queued a new service (offline)."""
    db = open_database(data_dir)
    try:
        row = Outbox(db).enqueue(
            OutboxKind.CREATE_SERVICE,
            {
                "description": f"Impresión a color {sku}",
                "sku": sku,
                "unit_price": "8.00",
                "product_key": "82121500",
                "unit_key": "H87",
                "unit_name": "Pieza",
                "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa"}],
            },
            serial_key=f"service:{sku}",
        )
    finally:
        db.close()
    return row.local_id


def sale_with(line: dict[str, Any]) -> str:
    return json.dumps(
        {
            "client": {"id": "client_demo_juan"},
            "automation_type": "none",
            "payment_form": "01",
            "items": [line],
        }
    )


def test_queue_add_names_a_queued_service_and_sync_sends_it_first(
    run: Cli, sandbox: Sandbox, data_dir: Path
) -> None:
    run("config", "list")  # the folder exists before the app's row is written
    service_local_id = queue_service_like_the_app(data_dir, "IMP-H1-CLI")
    line = {"id": service_local_id, "quantity": 10, "unit_price": "7.50"}
    code, out, err = run("queue", "add", "-", stdin=sale_with(line))
    assert code == 0, err
    sale_local_id = out.strip()
    code, _, err = run("sync", "--once")
    assert code == 0, err
    code, out, _ = run("queue", "list", "--json")
    rows = {r["local_id"]: r for r in json.loads(out)}
    service, sale = rows[service_local_id], rows[sale_local_id]
    assert service["state"] == "sent" and sale["state"] == "sent"
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        created = [s for s in api.services.list() if s.sku == "IMP-H1-CLI"]
        assert [s.id for s in created] == [service["server_id"]]
        payment = api.payments.get(sale["server_id"])
    dumped = payment.model_dump(mode="json", exclude_none=True)
    assert dumped["metadata"]["local_id"] == sale_local_id
    [item] = dumped["items"]
    assert item["id"] == service["server_id"]
    assert float(item["unit_price"]) == 7.5 and float(item["quantity"]) == 10


def test_queue_add_refuses_a_local_id_that_is_not_a_queued_service(run: Cli) -> None:
    code, _, err = run("queue", "add", "-", stdin=sale_with({"id": "f" * 32, "quantity": 1}))
    assert code != 0
    assert "items.0.id: no es un servicio de la Cola" in err
    code, out, _ = run("queue", "list", "--json")
    assert json.loads(out) == []
