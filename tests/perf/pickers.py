"""ui_pickers: open the dialogs that choose a client with 50,000 cached clients, and type in
their picker (issue 12).

The dialogs search the cache as the cashier types (`desktop.ui.record_picker`); the floor
is what each open cost before: reading every cached client (`Cache.all`) on the GUI thread,
before any widget was built.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def bench_pickers(clients: int, runs: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.store import open_database
    from desktop.store.cache import Cache, Resource
    from desktop.ui.customer_invoice_dialog import CustomerInvoiceDialog
    from desktop.ui.invoice_dialogs import CachedPayments, CreateInvoiceDialog
    from desktop.ui.record_picker import CacheSource
    from desktop.ui.request_payment_dialog import RequestPaymentDialog

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        cache = Cache(db)
        start = time.perf_counter()
        cache.upsert(
            Resource.CLIENTS,
            None,
            (
                {
                    "id": f"client_{n}",
                    "name": f"Cliente {n} Hernández López",
                    "tax_id": f"HELC{n:06d}AB1",
                    "email": f"c{n}@example.com",
                }
                for n in range(clients)
            ),
        )
        cache.upsert(
            Resource.SERVICES,
            None,
            (
                {"id": f"service_{n}", "description": f"Artículo {n}", "sku": f"SKU-{n:06d}"}
                for n in range(2000)
            ),
        )
        load = time.perf_counter() - start
        source = CacheSource(cache, Resource.CLIENTS, None)
        services = CacheSource(cache, Resource.SERVICES, None)
        receipt = {"id": "pay_1", "total": 100, "client": {"id": f"client_{clients // 2}"}}
        opens: dict[str, list[float]] = {"invoice": [], "stamp": [], "request": [], "floor": []}
        keystrokes: list[float] = []
        typed = "hernandez 4711"
        for _ in range(runs):
            t0 = time.perf_counter()
            every = cache.all(Resource.CLIENTS, None)
            opens["floor"].append(time.perf_counter() - t0)
            del every
            for name, build in (
                ("invoice", lambda: CreateInvoiceDialog(
                    source, services, CachedPayments(cache, None), [])),
                ("stamp", lambda: CustomerInvoiceDialog(receipt, source)),
                ("request", lambda: RequestPaymentDialog(source, services)),
            ):  # fmt: skip
                t0 = time.perf_counter()
                dialog = build()
                dialog.show()
                app.processEvents()
                opens[name].append(time.perf_counter() - t0)
                if name == "invoice":
                    assert isinstance(dialog, CreateInvoiceDialog)
                    line = dialog.client.line
                    for n in range(1, len(typed) + 1):
                        t0 = time.perf_counter()
                        line.setText(typed[:n])
                        line.textEdited.emit(typed[:n])  # what a typed key sends
                        app.processEvents()
                        keystrokes.append(time.perf_counter() - t0)
                dialog.close()
                dialog.deleteLater()
                app.processEvents()
        db.close()
    return {
        "clients": clients,
        "runs": runs,
        "load_seconds": load,
        **{f"open {k} p50_ms": statistics.median(v) * 1000 for k, v in opens.items()},
        "keystroke_p50_ms": statistics.median(keystrokes) * 1000,
        "keystroke_max_ms": max(keystrokes) * 1000,
    }


def report(r: dict[str, Any]) -> str:
    return (
        f"dialogs with {r['clients']:,} cached clients (median of {r['runs']}): open Nueva "
        f"factura {r['open invoice p50_ms']:.0f} ms, Facturar recibo "
        f"{r['open stamp p50_ms']:.0f} ms, Solicitar pago {r['open request p50_ms']:.0f} ms; "
        f"picker keystroke p50 {r['keystroke_p50_ms']:.1f} ms, max "
        f"{r['keystroke_max_ms']:.1f} ms  | before: reading every client alone took "
        f"{r['open floor p50_ms']:.0f} ms per open"
    )
