"""Server answers reach the local cache from `sync/`, whoever runs the sender (issue 8 §2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.sandbox import Sandbox
from desktop.store import Database, open_database
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox, OutboxKind
from desktop.sync.writethrough import sent_record, write_through
from tests.conftest import SANDBOX_KEY


def sync_once_from_the_cli(data_dir: Path, sandbox: Sandbox) -> None:
    """`python -m desktop sync --once` in its own process, as a support person runs it."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(data_dir),
            "--api-url",
            sandbox.base_url,
            "sync",
            "--once",
        ],
        env={**os.environ, "GIGSTACK_API_KEY": SANDBOX_KEY},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_update_answer_fills_in_over_the_cached_record(db: Database) -> None:
    cache, outbox = Cache(db), Outbox(db)
    cache.upsert(
        Resource.SERVICES,
        "team_sur",
        [{"id": "svc_1", "description": "Café", "sku": "CAF-1", "unit_price": "30.00"}],
    )
    item = outbox.enqueue(
        OutboxKind.UPDATE_SERVICE,
        {"id": "svc_1", "changes": {"unit_price": "32.00"}},
        team="team_sur",
    )
    # A terse answer (only what changed) must not blank the rest of the record.
    assert write_through(cache, item, "svc_1", {"id": "svc_1", "unit_price": "32.00"})
    assert cache.get(Resource.SERVICES, "team_sur", "svc_1") == {
        "id": "svc_1",
        "description": "Café",
        "sku": "CAF-1",
        "unit_price": "32.00",
    }
    assert cache.get(Resource.SERVICES, None, "svc_1") is None  # only the row's own team


def test_a_create_answer_without_an_id_is_not_cached(db: Database) -> None:
    cache, outbox = Cache(db), Outbox(db)
    item = outbox.enqueue(OutboxKind.CREATE_CLIENT, {"name": "Ana", "search": {"on_key": "x"}})
    assert sent_record(item, None, {"name": "Ana"}, cache) is None
    record = sent_record(item, "client_9", {"name": "Ana López"}, cache)
    assert record == {"id": "client_9", "name": "Ana López"}  # request-only fields dropped


def test_a_client_delivered_by_the_clis_sync_reaches_the_cache(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    try:
        row = Outbox(db).enqueue(
            OutboxKind.CREATE_CLIENT,
            lambda ident: {
                "name": "Abarrotes Lupita",
                "email": "lupita@example.com",
                "metadata": {"local_id": ident.local_id},
            },
        )
        sync_once_from_the_cli(data_dir, sandbox)
        sent = Outbox(db).get(row.id)
        assert sent.server_id
        cached = Cache(db).search(Resource.CLIENTS, None, "lupita")
        assert [c["id"] for c in cached] == [sent.server_id]
    finally:
        db.close()


def test_a_client_typed_with_a_sale_is_cached_once_the_sale_is_sent(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Found by a new user's trial: a customer created with their sale could not be found to
    invoice their receipt until the next refresh."""
    from desktop.sales import queue_payment

    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    try:
        body = {
            "client": {
                "name": "Doña Chela",
                "legal_name": "GRACIELA PEREZ SOTO",
                "tax_id": "PESG800101AB1",
                "tax_system": "612",
                "address": {"zip": "06600"},
                "search": {"on_key": "tax_id", "on_value": "PESG800101AB1", "auto_create": True},
            },
            "items": [{"id": "service_demo_lapiz", "quantity": 1}],
            "payment_form": "01",
            "currency": "MXN",
            "automation_type": "receipt",
        }
        row = queue_payment(Outbox(db), body, team=None)
        sync_once_from_the_cli(data_dir, sandbox)
        assert Outbox(db).get(row.id).server_id
        cached = Cache(db).search(Resource.CLIENTS, None, "chela")
        assert len(cached) == 1
        client = cached[0]
        assert client["id"].startswith("client_")
        assert client["legal_name"] == "GRACIELA PEREZ SOTO" and "search" not in client
    finally:
        db.close()
