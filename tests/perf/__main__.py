"""Benchmarks: `python -m tests.perf [--quick] [--only NAME ...] [--json FILE]`.

Prints each figure beside its floor (what the machine allows at best, measured in the same
run) and writes everything as JSON (default `perf-results/latest.json`). Nothing here passes or
fails on time: figures are for people to read and compare between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from desktop.gigstack import GigstackClient
from desktop.sales import queue_payment
from desktop.store import open_database
from desktop.store.outbox import Outbox
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.sender import Sender
from tests.perf import frozen, issue12, keychain, pickers, ui

KEY = "sk_test_mostrador_perf"
SALE: dict[str, Any] = {
    "client": {"id": "client_demo_publico"},
    "automation_type": "none",
    "payment_form": "01",
    "items": [{"id": "service_demo_americano", "quantity": 2}],
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class SandboxProcess:
    """The sandbox in its own process, so its CPU does not share our GIL."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.sandbox", "--port", "0", "--api-key", KEY],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()
        self.control = self.base_url.removesuffix("/v2") + "/_sandbox"

    def faults(self, **fields: Any) -> None:
        httpx.post(f"{self.control}/faults", json=fields).raise_for_status()

    def clear(self) -> None:
        httpx.delete(f"{self.control}/faults").raise_for_status()

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


def bench_enqueue(n: int) -> dict[str, Any]:
    """Enqueue latency (validation + one outbox transaction) vs a bare WAL+FULL insert."""
    with tempfile.TemporaryDirectory() as tmp:
        floor_db = sqlite3.connect(Path(tmp) / "floor.sqlite3", isolation_level=None)
        floor_db.execute("PRAGMA journal_mode=WAL")
        floor_db.execute("PRAGMA synchronous=FULL")
        floor_db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, key TEXT, payload TEXT)")
        floor = []
        payload = json.dumps(SALE)
        for _ in range(n):
            start = time.perf_counter()
            floor_db.execute("BEGIN IMMEDIATE")
            floor_db.execute(
                "INSERT INTO t (key, payload) VALUES (?, ?)", (str(uuid.uuid4()), payload)
            )
            floor_db.execute("COMMIT")
            floor.append(time.perf_counter() - start)
        floor_db.close()

        db = open_database(Path(tmp) / "app")
        outbox = Outbox(db)
        queue_payment(outbox, SALE)  # warm the catalogs and pydantic
        ours = []
        for _ in range(n):
            start = time.perf_counter()
            queue_payment(outbox, SALE)
            ours.append(time.perf_counter() - start)
        db.close()
    ms = 1000
    return {
        "n": n,
        "p50_ms": statistics.median(ours) * ms,
        "p99_ms": percentile(ours, 99) * ms,
        "floor_p50_ms": statistics.median(floor) * ms,
        "floor_p99_ms": percentile(floor, 99) * ms,
    }


def bench_drain(n: int, latency_ms: int, concurrency: int) -> dict[str, Any]:
    """Drain `n` queued payments against the sandbox with added latency."""
    sandbox = SandboxProcess()
    try:
        sandbox.faults(latency_ms=latency_ms)
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(Path(tmp))
            outbox = Outbox(db)
            for _ in range(n):
                queue_payment(outbox, SALE)
            with GigstackClient(KEY, base_url=sandbox.base_url) as api:
                sender = Sender(outbox, GigstackDelivery(api), concurrency=concurrency)
                start = time.perf_counter()
                sender.run(threading.Event(), until_idle=True)
                elapsed = time.perf_counter() - start
                sender.close()
            stats = outbox.stats()
            db.close()
    finally:
        sandbox.stop()
    floor = n * latency_ms / 1000 / concurrency
    return {
        "n": n,
        "latency_ms": latency_ms,
        "concurrency": concurrency,
        "seconds": elapsed,
        "floor_seconds": floor,
        "ratio_to_floor": elapsed / floor,
        "sent": stats.sent,
        "pending_left": stats.pending,
    }


def bench_offline_cpu(seconds: float) -> dict[str, Any]:
    """CPU the sender burns while the API is unreachable (it should sleep, not spin)."""
    sandbox = SandboxProcess()
    base_url = sandbox.base_url
    sandbox.stop()  # nothing listens on that port any more: connections are refused
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        outbox = Outbox(db)
        for _ in range(50):
            queue_payment(outbox, SALE)
        with GigstackClient(KEY, base_url=base_url) as api:
            sender = Sender(outbox, GigstackDelivery(api), probe_backoff=Backoff(first=2, cap=60))
            stop = threading.Event()
            worker = threading.Thread(target=sender.run, args=(stop,), kwargs={"max_wait": 30})
            cpu_before = time.process_time()
            worker.start()
            time.sleep(seconds)
            stop.set()
            sender.kick()
            worker.join()
            cpu = time.process_time() - cpu_before
            sender.close()
        attempts = sum(item.attempts for item in outbox.rows())
        db.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "cpu_percent": 100 * cpu / seconds,
        "send_attempts": attempts,
        "pending_rows": 50,
    }


def bench_cache_lookup(clients: int, services: int) -> dict[str, Any]:
    """Counter lookups on the local cache (offline): name/RFC words and an exact barcode."""
    from desktop.store.cache import Cache, Resource

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        cache = Cache(db)
        first = ["José", "María", "Juan", "Guadalupe", "Ana", "Luis", "Sofía", "Pedro"]
        last = ["Hernández", "García", "Martínez", "López", "Pérez", "Núñez", "Ramírez"]
        start = time.perf_counter()
        cache.upsert(
            Resource.CLIENTS,
            None,
            (
                {
                    "id": f"client_{n}",
                    "name": f"{first[n % 8]} {last[n % 7]} {last[(n // 7) % 7]} {n}",
                    "tax_id": f"XEXX{n:09d}",
                    "email": f"cliente{n}@example.com",
                }
                for n in range(clients)
            ),
        )
        cache.upsert(
            Resource.SERVICES,
            None,
            (
                {
                    "id": f"service_{n}",
                    "description": f"Artículo de papelería {n}",
                    "sku": f"SKU-{n:06d}",
                    "metadata": {"barcode": f"750{n:010d}"},
                    "unit_price": "12.50",
                }
                for n in range(services)
            ),
        )
        load = time.perf_counter() - start
        timings: dict[str, list[float]] = {"client words": [], "client RFC": [], "barcode": []}
        for n in range(50):
            for label, resource, text in (
                ("client words", Resource.CLIENTS, f"maria lopez {n * 997 % clients}"),
                ("client RFC", Resource.CLIENTS, f"XEXX{n * 991 % clients:09d}"),
                ("barcode", Resource.SERVICES, f"750{n * 379 % services:010d}"),
            ):
                t0 = time.perf_counter()
                cache.search(resource, None, text, limit=50)
                timings[label].append(time.perf_counter() - t0)
        db.close()
    return {
        "clients": clients,
        "services": services,
        "load_seconds": load,
        **{f"{k} p50_ms": statistics.median(v) * 1000 for k, v in timings.items()},
        **{f"{k} p99_ms": percentile(v, 99) * 1000 for k, v in timings.items()},
    }


BENCHES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "enqueue": lambda a: bench_enqueue(200 if a.quick else 2000),
    "drain": lambda a: bench_drain(200 if a.quick else 1000, 50, 4),
    "offline_cpu": lambda a: bench_offline_cpu(10 if a.quick else 60),
    "cache_lookup": lambda a: bench_cache_lookup(50_000, 20_000),
    "ui_start": lambda a: ui.bench_start(3 if a.quick else 7),
    # Issue 12: the real entry point (`python -m desktop`, API in another process) vs bare.
    "start_entry": lambda a: issue12.bench_start_entry(3 if a.quick else 7),
    # The real start with the key stored on the computer (keyring), vs the key in the variable.
    "start_keychain": lambda a: keychain.bench_start_keychain(3 if a.quick else 7),
    "memory_all_pages": lambda a: issue12.bench_memory_all_pages(50_000, 20_000),
    # GUI stalls with the server in another process, as gigstack is for the real app (issue 12's
    # figure); `stalls_in_process` is the old setup (sandbox in our process, sharing our GIL
    # and garbage collector), kept as a secondary figure.
    "ui_stalls": lambda a: issue12.bench_stalls_remote(200 if a.quick else 1000, 50_000),
    "stalls_in_process": lambda a: ui.bench_stalls(200 if a.quick else 1000, 50_000),
    "ui_filter": lambda a: ui.bench_filter(50_000),
    # The dialogs that choose a client, opened with 50k cached clients (record_picker).
    "ui_pickers": lambda a: pickers.bench_pickers(50_000, 3 if a.quick else 7),
    "ui_memory": lambda a: ui.bench_memory(50_000, 20_000),
    "ui_lanes": lambda a: ui.bench_lanes(20 if a.quick else 100),
    # Added for packaging: builds the PyInstaller bundle and a bare one (a minute or two).
    "frozen": lambda a: frozen.bench_frozen(3 if a.quick else 7),
}


def report(name: str, r: dict[str, Any]) -> str:
    if name == "frozen":
        return frozen.report(r)
    if name == "start_entry":
        return issue12.report_start_entry(r)
    if name == "start_keychain":
        return keychain.report(r)
    if name == "memory_all_pages":
        return issue12.report_memory_all_pages(r)
    if name == "ui_stalls":
        return issue12.report_stalls_remote(r)
    if name == "ui_pickers":
        return pickers.report(r)
    if name == "enqueue":
        return (
            f"enqueue ({r['n']} sales): p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms"
            f"  | floor (bare WAL+FULL insert+commit): p50 {r['floor_p50_ms']:.2f} ms,"
            f" p99 {r['floor_p99_ms']:.2f} ms"
        )
    if name == "drain":
        return (
            f"drain {r['n']} payments @ {r['latency_ms']} ms latency, concurrency "
            f"{r['concurrency']}: {r['seconds']:.2f} s  | floor n x latency / concurrency: "
            f"{r['floor_seconds']:.2f} s (x{r['ratio_to_floor']:.2f}); sent {r['sent']}"
        )
    if name == "cache_lookup":
        return (
            f"cache lookup ({r['clients']:,} clients, {r['services']:,} services; loaded in "
            f"{r['load_seconds']:.1f} s): words p50 {r['client words p50_ms']:.1f} ms / "
            f"p99 {r['client words p99_ms']:.1f} ms, RFC p50 {r['client RFC p50_ms']:.1f} ms / "
            f"p99 {r['client RFC p99_ms']:.1f} ms, barcode p50 {r['barcode p50_ms']:.1f} ms / "
            f"p99 {r['barcode p99_ms']:.1f} ms  | budget: 5 ms p99 (issue 12)"
        )
    if name == "ui_start":
        return (
            f"start to first window paint: {r['app_ms']:.0f} ms (median of {r['runs']})"
            f"  | floor (bare PySide6 window, same run): {r['bare_ms']:.0f} ms"
        )
    if name == "stalls_in_process":
        d, f = r["drain"], r["refresh"]
        return (
            f"(secondary) GUI-thread stall, sandbox in this process: during a "
            f"{d['n']}-payment drain "
            f"({d['seconds']:.1f} s) p99 {d['p99_ms']:.1f} ms, max {d['max_ms']:.1f} ms; "
            f"during a {f['clients']:,}-client cache refresh ({f['seconds']:.1f} s) "
            f"p99 {f['p99_ms']:.1f} ms, max {f['max_ms']:.1f} ms  | floor: 0 (budget: 16 ms)"
        )
    if name == "ui_filter":
        return (
            f"filter {r['clients']:,} clients in the model: keystroke p50 "
            f"{r['keystroke_p50_ms']:.1f} ms, p99 {r['keystroke_p99_ms']:.1f} ms; sort "
            f"{r['sort_ms']:.0f} ms; load {r['load_ms']:.0f} ms  | budget: one 16 ms frame"
        )
    if name == "ui_lanes":
        p, c = r["page_call_while_send_stuck"], r["close_while_send_stuck"]
        return (
            f"page call while a send is stuck ({r['stuck_ms'] / 1000:.0f} s on the server): "
            f"p50 {p['p50_ms']:.0f} ms, p99 {p['p99_ms']:.0f} ms, max {p['max_ms']:.0f} ms "
            f"(target < 200 ms; floor, bare client: {p['floor_p50_ms']:.0f} ms); sale sent while "
            f"a refresh is stuck: {r['sale_sent_during_stuck_refresh_ms']:.0f} ms; close while "
            f"a send is stuck: {c['seconds'] * 1000:.0f} ms (target < 2000 ms), threads left: "
            f"{len(c['lane_threads_left'])}"
        )
    if name == "ui_memory":
        return (
            f"memory with {r['clients']:,} clients + {r['services']:,} services cached: app "
            f"{r['app_mb']:.0f} MB over a {r['python_qt_baseline_mb']:.0f} MB Python+Qt baseline "
            f"(process {r['process_rss_mb']:.0f} MB, of which in-process sandbox data "
            f"{r['sandbox_data_mb']:.0f} MB)"
        )
    return (
        f"sender offline for {r['seconds']:.0f} s: {r['cpu_seconds'] * 1000:.0f} ms CPU "
        f"({r['cpu_percent']:.3f} %), {r['send_attempts']} send attempts for "
        f"{r['pending_rows']} pending rows  | floor: 0"
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, shorter waits")
    parser.add_argument("--only", action="append", choices=sorted(BENCHES))
    parser.add_argument("--json", default="perf-results/latest.json", help="where to write")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "quick": args.quick,
    }
    for name in args.only or list(BENCHES):
        try:
            results[name] = BENCHES[name](args)
        except Exception as exc:  # one broken benchmark must not lose the others' figures
            detail = getattr(exc, "stderr", None) or ""
            results[name] = {"error": f"{type(exc).__name__}: {exc}", "stderr": detail[-2000:]}
            print(f"{name}: FAILED ({type(exc).__name__}: {exc})\n{detail[-2000:]}", flush=True)
            continue
        print(report(name, results[name]), flush=True)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    for line in issue12.issue_table(results):
        print(line)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
