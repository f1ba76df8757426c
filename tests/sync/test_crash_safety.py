"""Kill `sync` with SIGKILL at random moments: afterwards every sale exists exactly once.

The sender runs as a real subprocess (`python -m desktop sync`) against the in-process sandbox
over loopback, with added latency so that kills land while requests are in flight. Between
kills the "cashier" keeps queueing sales into the same data directory.

The trials run twice: against the sandbox as it is, and through a front server on loopback
that behaves like gigstack at its worst for a queue (REFERENCE §16.2/§16.3): it ignores the
``metadata.local_id`` filter, answering every lookup with every payment, and answers a reused
idempotency key with 409. A sender that trusted "the first result" would lose sales there.

They are slow: a few trials by default, 50 when ``CI=true`` (or ``MOSTRADOR_CRASH_TRIALS``).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.gigstack import GigstackClient
from desktop.sales import queue_payment
from desktop.sandbox import Sandbox
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxState
from tests.conftest import SANDBOX_KEY
from tests.sync.misbehaving import Misbehaving


def _trials() -> int:
    chosen = os.environ.get("MOSTRADOR_CRASH_TRIALS")
    if chosen:
        return int(chosen)
    return 50 if os.environ.get("CI", "").lower() == "true" else 6


TRIALS = _trials()


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll `condition` until it holds (a wait on a condition, not a fixed sleep)."""
    ticker = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        ticker.wait(0.02)
    raise AssertionError("condition not reached in time")


def attempts_made(outbox: Outbox) -> int:
    return sum(item.attempts for item in outbox.rows())


def claimed_since(
    outbox: Outbox, attempts: int, proc: subprocess.Popen[bytes] | subprocess.Popen[str]
) -> Callable[[], bool]:
    """True once this process claimed a row to send (or ended): a claim counts an attempt."""
    return lambda: attempts_made(outbox) > attempts or proc.poll() is not None


@dataclass(frozen=True)
class Target:
    url: str
    front: Misbehaving | None = None


@pytest.fixture(params=["sandbox", "ignores-filters-409-on-reuse"])
def target(request: pytest.FixtureRequest, sandbox: Sandbox) -> Iterator[Target]:
    """Where the `sync` subprocess sends: the sandbox, or a gigstack-like front to it."""
    if request.param == "sandbox":
        yield Target(sandbox.base_url)
        return
    with Misbehaving(sandbox) as front:
        front.ignore_filters = True
        front.conflict_on_reuse = True
        yield Target(front.base_url, front)


def sale(n: int) -> dict[str, object]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice" if n % 3 == 0 else "none",
        "payment_form": "01",
        "use": "S01",
        "items": [{"id": "service_demo_americano", "quantity": 1 + n % 4}],
    }


def sync_command(data_dir: Path, target: Sandbox | str, *extra: str) -> list[str]:
    url = target if isinstance(target, str) else target.base_url
    return [
        sys.executable,
        "-m",
        "desktop",
        "--data-dir",
        str(data_dir),
        "--api-url",
        url,
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


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_random_sigkills_lose_nothing_and_duplicate_nothing(
    sandbox: Sandbox, target: Target, tmp_path: Path
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
            attempts = attempts_made(outbox)
            proc = subprocess.Popen(
                sync_command(data_dir, target.url),
                env=env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            # Kill at a random moment once it has started sending (its start-up time varies
            # with the machine's load; a fixed sleep would often kill it before or after).
            wait_until(claimed_since(outbox, attempts, proc))
            threading.Event().wait(rng.uniform(0.0, 0.25))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            if outbox.stats().sending:
                killed_mid_send += 1
        sandbox.faults.clear()
        final = subprocess.run(
            sync_command(data_dir, target.url, "--once", "--timeout", "60"),
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
        f"\ncrash trials ({target.url}): {TRIALS} kills, {killed_mid_send} mid-send, "
        f"{len(queued)} sales, {len(missing)} missing, {len(duplicated)} duplicated"
    )
    assert missing == []
    assert duplicated == {}
    assert set(counts) == set(queued)
    assert all(rows[lid].state is OutboxState.SENT for lid in queued)
    # The trials only prove something if kills really interrupted sends.
    assert killed_mid_send >= TRIALS // 5
    if target.front is not None:
        # Interrupted rows were looked up through the filter-ignoring front, and matched there.
        assert target.front.lookups >= killed_mid_send


@pytest.mark.timeout(120)
def test_two_sync_processes_on_one_data_directory_only_one_sends(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    db = open_database(data_dir)
    outbox = Outbox(db)
    queued = [queue_payment(outbox, sale(n)).local_id for n in range(20)]
    with Misbehaving(sandbox) as front:
        front.hold.clear()  # the first sender's sales wait at the front, in flight
        first = subprocess.Popen(
            sync_command(data_dir, front.base_url, "--once"),
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            # Start the second only once the first holds the lock and is sending.
            wait_until(claimed_since(outbox, 0, first), timeout=60)
            second = subprocess.run(
                sync_command(data_dir, front.base_url, "--once"),
                env=env(),
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        finally:
            front.hold.set()
        out, _ = first.communicate(timeout=60)
    db.close()
    assert second.returncode == 6, second.stderr
    assert "Otro proceso" in second.stderr
    assert second.stdout == ""
    assert first.returncode == 0
    assert out.count("enviado:") == 20
    counts = server_counts(sandbox)
    assert all(counts[lid] == 1 for lid in queued)
