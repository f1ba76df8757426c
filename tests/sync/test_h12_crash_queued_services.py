"""Kill `sync` with SIGKILL at random moments while it sends services created offline and the
sales that sell them (settled before their first send): afterwards every service exists once,
every sale once, each line with its service's gigstack id.

Like `test_crash_safety`: a real `python -m desktop sync` subprocess against the in-process
sandbox over loopback, with latency so that kills land between a sale's settle and its send.
"""

from __future__ import annotations

import random
import signal
import subprocess
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from desktop.gigstack import GigstackClient
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxKind, OutboxState
from tests.conftest import SANDBOX_KEY
from tests.sync.misbehaving import Misbehaving
from tests.sync.test_crash_safety import (
    TRIALS,
    attempts_made,
    claimed_since,
    env,
    server_counts,
    sync_command,
    wait_until,
)
from tests.sync.test_h12_delivery_review import IVA, queue_service


def sale_of(service_local_id: str, n: int) -> dict[str, Any]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "none",
        "payment_form": "01",
        "items": [
            {"id": service_local_id, "quantity": str(1 + n % 3), "taxes": IVA},
            {"id": "service_demo_americano", "quantity": 1},
        ],
    }


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("front", [False, True], ids=["sandbox", "ignores-filters-409-on-reuse"])
def test_random_sigkills_never_create_a_queued_service_or_its_sale_twice(
    sandbox: Sandbox, tmp_path: Path, front: bool
) -> None:
    if not front:
        _trials(sandbox, tmp_path, sandbox.base_url)
        return
    with Misbehaving(sandbox) as gigstack:
        gigstack.ignore_filters = True
        gigstack.conflict_on_reuse = True
        _trials(sandbox, tmp_path, gigstack.base_url)


def _trials(sandbox: Sandbox, tmp_path: Path, url: str) -> None:
    rng = random.Random(20261127)
    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    outbox = Outbox(db)
    skus: list[str] = []
    sales: list[str] = []
    sandbox.faults.set(latency_ms=120)
    try:
        for trial in range(TRIALS):
            sku = f"H12-CRASH-{trial}"
            skus.append(sku)
            service = queue_service(outbox, sku).local_id
            for _ in range(rng.randint(1, 2)):
                sales.append(queue_payment(outbox, sale_of(service, len(sales))).local_id)
            if trial % 3 == 0:
                sandbox.faults.set(latency_ms=120, drop_after_commit=1)
            attempts = attempts_made(outbox)
            proc = subprocess.Popen(
                sync_command(data_dir, url),
                env=env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_until(claimed_since(outbox, attempts, proc))
            threading.Event().wait(rng.uniform(0.0, 0.4))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        sandbox.faults.clear()
        final = subprocess.run(
            sync_command(data_dir, url, "--once", "--timeout", "60"),
            env=env(),
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert final.returncode == 0, final.stderr
        rows = outbox.rows()
        audits = {r.local_id: [e.action for e in outbox.audit(r.id)] for r in rows}
    finally:
        db.close()

    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        created = Counter(s.sku for s in api.services.list(sort="desc") if s.sku in skus)
        payments = {
            str((p.metadata or {}).get("local_id")): p
            for p in api.payments.list(limit=100)
            if (p.metadata or {}).get("local_id")
        }
    settled_then_killed = sum(
        1
        for actions in audits.values()
        if "settled" in actions and "recovered" in actions[actions.index("settled") :]
    )
    print(f"\n{TRIALS} kills; sales killed after their settle: {settled_then_killed}")
    assert created == Counter(skus)  # each service once
    counts = server_counts(sandbox)
    assert {lid: counts[lid] for lid in sales} == dict.fromkeys(sales, 1)  # each sale once
    assert all(r.state is OutboxState.SENT for r in rows), [
        (r.kind.value, r.state.value, r.last_error) for r in rows if r.state is not OutboxState.SENT
    ]
    service_ids = {r.server_id for r in rows if r.kind is OutboxKind.CREATE_SERVICE}
    for lid in sales:
        items = payments[lid].items
        assert items
        assert items[0].id in service_ids  # sold with the service's gigstack id, not inline
