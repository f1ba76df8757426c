"""Kill `sync` with SIGKILL at random moments: afterwards every sale exists exactly once.

The sender runs as a real subprocess (`python -m desktop sync`) against the in-process sandbox
over loopback, with added latency so that kills land while requests are in flight. Between
kills the "cashier" keeps queueing sales into the same data directory.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from desktop.gigstack import GigstackClient
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxState
from tests.conftest import SANDBOX_KEY

TRIALS = int(os.environ.get("MOSTRADOR_CRASH_TRIALS", "50"))


def sale(n: int) -> dict[str, object]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice" if n % 3 == 0 else "none",
        "payment_form": "01",
        "use": "S01",
        "items": [{"id": "service_demo_americano", "quantity": 1 + n % 4}],
    }


def sync_command(data_dir: Path, sandbox: Sandbox, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "desktop",
        "--data-dir",
        str(data_dir),
        "--api-url",
        sandbox.base_url,
        "sync",
        *extra,
    ]


def env() -> dict[str, str]:
    return {**os.environ, "GIGSTACK_API_KEY": SANDBOX_KEY}


def server_counts(sandbox: Sandbox) -> Counter[str]:
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        return Counter(
            str((p.metadata or {}).get("local_id"))
            for p in api.payments.list(limit=100)
            if (p.metadata or {}).get("local_id")
        )


def test_random_sigkills_lose_nothing_and_duplicate_nothing(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    rng = random.Random(20261124)
    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    outbox = Outbox(db)
    queued: list[str] = []
    killed_mid_send = 0
    sandbox.faults.set(latency_ms=120)
    try:
        for trial in range(TRIALS):
            for _ in range(rng.randint(1, 3)):
                queued.append(queue_payment(outbox, sale(len(queued))).local_id)
            if trial % 10 == 0:
                sandbox.faults.set(latency_ms=120, drop_after_commit=1)
            proc = subprocess.Popen(
                sync_command(data_dir, sandbox),
                env=env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.3, 0.9))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            if outbox.stats().sending:
                killed_mid_send += 1
        sandbox.faults.clear()
        final = subprocess.run(
            sync_command(data_dir, sandbox, "--once", "--timeout", "60"),
            env=env(),
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert final.returncode == 0, final.stderr
        rows = {item.local_id: item for item in outbox.rows()}
    finally:
        db.close()

    counts = server_counts(sandbox)
    missing = [lid for lid in queued if counts[lid] == 0]
    duplicated = {lid: n for lid, n in counts.items() if n > 1}
    print(
        f"\ncrash trials: {TRIALS} kills, {killed_mid_send} mid-send, {len(queued)} sales, "
        f"{len(missing)} missing, {len(duplicated)} duplicated"
    )
    assert missing == []
    assert duplicated == {}
    assert set(counts) == set(queued)
    assert all(rows[lid].state is OutboxState.SENT for lid in queued)
    # The trials only prove something if kills really interrupted sends.
    assert killed_mid_send >= TRIALS // 5


@pytest.mark.timeout(60)
def test_two_sync_processes_on_one_data_directory_only_one_sends(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    outbox = Outbox(db)
    queued = [queue_payment(outbox, sale(n)).local_id for n in range(20)]
    # Slow enough that the first sender is still busy when the second one starts.
    sandbox.faults.set(latency_ms=300)
    first = subprocess.Popen(
        sync_command(data_dir, sandbox, "--once"),
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Start the second only once the first holds the lock (it prints as it sends).
    assert first.stdout is not None
    first_line = first.stdout.readline()
    second = subprocess.run(
        sync_command(data_dir, sandbox, "--once"),
        env=env(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    rest, _ = first.communicate(timeout=30)
    db.close()
    assert second.returncode == 6, second.stderr
    assert "Otro proceso" in second.stderr
    assert second.stdout == ""
    assert first.returncode == 0
    assert (first_line + rest).count("enviado:") == 20
    counts = server_counts(sandbox)
    assert all(counts[lid] == 1 for lid in queued)
