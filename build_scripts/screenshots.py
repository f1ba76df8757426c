#!/usr/bin/env python3
"""Render every page of the real app into screenshots/<page>.png (for the README and reviews).

    .venv/bin/python build_scripts/screenshots.py                # Spanish, 1366x768
    .venv/bin/python build_scripts/screenshots.py --lang en --out screenshots/en

The app runs for real: `AppShell` against an in-process demo sandbox, a temporary data folder,
the stylesheet, two sales waiting in the queue (gigstack "goes down" after the first cache
refresh, so the pill shows offline) and one sale parked with the server's message.

Display: with no DISPLAY and `Xvfb` installed, it starts `Xvfb :99` (or the next free number)
itself and grabs the screen (`QScreen.grabWindow(0)`), so what you see is what an X server
drew. Without Xvfb (or with --offscreen, or when the X run fails) it falls back to Qt's
offscreen platform and `widget.grab()`. The drawing happens in a child process so a failed
X start can be retried offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Where X servers put their lock files and sockets (fixed paths, not temporary files).
X_LOCKS = Path("/tmp")  # noqa: S108
WIDTH, HEIGHT = 1366, 768  # the screen the app is judged at

PARKED_ERROR = (
    "gigstack rechazó la venta (400): el código postal 00000 del cliente no existe en el "
    "catálogo del SAT."
)


def _free_display() -> int:
    for number in range(99, 140):
        lock = X_LOCKS / f".X{number}-lock"
        if not lock.exists() and not (X_LOCKS / ".X11-unix" / f"X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str] | None:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None
    number = _free_display()
    process = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = X_LOCKS / ".X11-unix" / f"X{number}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if socket.exists():
            return process, f":{number}"
        if process.poll() is not None:
            return None
        time.sleep(0.05)
    process.terminate()
    process.wait()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="output folder")
    parser.add_argument("--lang", default="es", choices=["es", "en"])
    parser.add_argument("--offscreen", action="store_true", help="skip X, use offscreen")
    parser.add_argument("--render", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        return render(Path(args.out), args.lang)

    child = [sys.executable, str(Path(__file__).resolve()), "--render", "--out", args.out]
    child += ["--lang", args.lang]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    xvfb: subprocess.Popen[bytes] | None = None
    if not args.offscreen and not env.get("DISPLAY"):
        started = start_xvfb()
        if started is not None:
            xvfb, env["DISPLAY"] = started
            print(f"[screenshots] started Xvfb on {env['DISPLAY']}", flush=True)
    try:
        if not args.offscreen and env.get("DISPLAY"):
            result = subprocess.run(
                child, env=dict(env, QT_QPA_PLATFORM="xcb"), cwd=ROOT, check=False
            )
            if result.returncode == 0:
                return 0
            print("[screenshots] the X run failed; falling back to offscreen", flush=True)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    env.pop("DISPLAY", None)
    return subprocess.run(
        child, env=dict(env, QT_QPA_PLATFORM="offscreen"), cwd=ROOT, check=False
    ).returncode


def render(out: Path, language: str) -> int:
    """Runs in the child process: build the app, fill it, grab each page."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.app import open_core
    from desktop.config import AppConfig
    from desktop.sales import queue_payment
    from desktop.sandbox import Sandbox
    from desktop.store.cache import Resource
    from desktop.store.shifts import MoveKind
    from desktop.ui.app import SETTINGS_FILENAME, AppShell, apply_style, install_translations

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Mostrador")
    apply_style(app)
    on_screen = QGuiApplication.platformName() == "xcb"
    out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.4) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)

    def wait_for(condition: object, seconds: float = 15.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if callable(condition) and condition():
                return True
            time.sleep(0.02)
        return False

    def grab(widget: QWidget, name: str) -> None:
        widget.raise_()
        widget.activateWindow()
        settle()
        screen = QGuiApplication.primaryScreen()
        if on_screen and screen is not None:
            geometry = widget.frameGeometry()
            pixmap: QPixmap = screen.grabWindow(
                0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
            )
        else:
            pixmap = widget.grab()
        path = out / f"{name}.png"
        pixmap.save(str(path))
        print(f"[screenshots] {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    # No OS keychain on a build machine: an in-memory one, so Ajustes shows the masked key.
    import keyring
    import keyring.backend

    class _MemoryKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict[tuple[str, str], str] = {}  # noqa: RUF012

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    keyring.set_keyring(_MemoryKeyring())
    os.environ.pop("GIGSTACK_API_KEY", None)
    sandbox = Sandbox(seed="demo").start()
    from desktop.credentials import store_api_key

    store_api_key(sandbox.base_url, sandbox.api_key)
    with tempfile.TemporaryDirectory(prefix="mostrador-shots-") as tmp:
        config = AppConfig(data_dir=Path(tmp) / "data", api_url=sandbox.base_url)
        config.data_dir.mkdir(parents=True)
        settings = QSettings(str(config.data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)
        settings.setValue("ui/language", language)
        settings.setValue("business/name", "Papelería La Esquina")
        settings.setValue("business/rfc", "LORF850312TQ1")
        settings.setValue("business/address", "Calle Colima 128, Roma Norte, CDMX")
        settings.setValue("business/phone", "55 5584 1234")
        settings.sync()
        install_translations(app, settings)

        # One sale that gigstack refused: parked with its message, waiting for a person.
        core = open_core(config)
        # Yesterday's shift, closed; today's opens first with its float: every sale below
        # belongs to it.
        _shifts_of_the_day(core)
        queue_payment(core.outbox, _sale("Cuaderno profesional", "58.00", 1))
        claimed = core.outbox.claim_due(1)
        core.outbox.park(claimed[0].id, error=PARKED_ERROR, status=400)
        _earlier_sales_today(core)
        core.shifts.add_move(MoveKind.CASH_OUT, Decimal("250.00"), "Pago al proveedor de papel")
        core.close()

        # First-run dialog (what a new shop sees).
        from desktop.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(config)
        dialog.show()
        dialog.move(80, 60)
        settle()
        grab(dialog, "first_run")
        dialog.close()

        shell = AppShell(config, sandbox.api_key)
        try:
            window = shell.window
            window.resize(WIDTH, HEIGHT)
            window.move(0, 0)
            window.show()
            wait_for(lambda: shell.core.cache.count(Resource.PAYMENTS, None) > 0)
            wait_for(lambda: shell.core.cache.count(Resource.SERVICES, None) > 0)
            settle(1.0)
            # Facturas, Recibos, Equipo and Usuarios read gigstack when shown: load them while
            # online (invoices.png, receipts.png, team.png, users.png show their last answer).
            _preload_server_pages(window, sandbox, wait_for, settle)
            # A walk-in sale charged online: gigstack answers with a receipt, the ticket
            # carries its self-invoice QR (ticket.png, for the README), Pagos shows it pending.
            _charge_walk_in(window, wait_for, settle, out)
            # gigstack becomes unreachable: two sales wait in the queue.
            sandbox.go_down()
            queue_payment(shell.core.outbox, _sale("Lápiz adhesivo 20 g", "35.00", 2))
            queue_payment(shell.core.outbox, _sale("Copias blanco y negro", "1.50", 40))
            shell.bridge.kick()
            shell.bridge.queue_changed.emit()
            wait_for(
                lambda: (
                    "Sin conexión" in window.pill.connection.text()
                    or "Offline" in window.pill.connection.text()
                ),
                10,
            )
            _ring_up(window, ["2*PAP-001", "PAP-003", "3*PAP-002"], settle)
            for index, page in enumerate(window.pages):
                window.show_page(index)
                settle(0.6)
                if hasattr(page, "loading"):  # Reportes reads on the page lane
                    wait_for(lambda p=page: not p.loading)
                    settle(0.3)
                grab(window, page.objectName() or f"page{index}")
            # shift.png: the Z close dialog with its figures, over the Turno page.
            _close_dialog(window, out, settle)
        finally:
            shell.close()
            sandbox.stop()
    return 0


def _preload_server_pages(window: object, sandbox: object, wait_for: Any, settle: Any) -> None:
    """Show each gigstack-backed page once while online, with a row's detail selected."""
    from desktop.gigstack import GigstackClient

    base_url, api_key = getattr(sandbox, "base_url", ""), getattr(sandbox, "api_key", "")
    with GigstackClient(api_key, base_url=base_url) as api:
        # Two receipts of walk-in sales still open for self-invoicing (the seed's one is
        # already in a global invoice).
        for quantity, service in ((2, "service_demo_cuaderno"), (5, "service_demo_boligrafo")):
            api.receipts.create(
                {
                    "client": {"id": "client_demo_publico"},
                    "items": [{"id": service, "quantity": quantity}],
                    "payment_form": "01",
                }
            )
    show = getattr(window, "show_page_named", None)
    stack = getattr(window, "stack", None)
    if not callable(show) or stack is None:
        return
    for name in ("invoices", "receipts", "team", "users"):
        show(name)
        page = stack.currentWidget()
        if page is None or page.objectName() != name:
            continue
        if name == "team":
            wait_for(lambda p=page: getattr(p, "snapshot", None) is not None)
        else:
            wait_for(lambda p=page: p.model.rowCount() > 0)
            if name == "invoices":
                page.period.setCurrentIndex(page.period.findData("all"))
            page.table.selectRow(0)
        settle(0.5)


def _charge_walk_in(window: object, wait_for: Any, settle: Any, out: Path) -> None:
    """Charge one cash sale to público en general and save its ticket as ticket.png."""
    from desktop.ui import ticket
    from desktop.ui.counter_page import CounterPage
    from desktop.ui.main_window import MainWindow
    from desktop.ui.payments_page import PaymentsPage

    if not isinstance(window, MainWindow):
        return
    pages = window.pages
    counter = next((p for p in pages if isinstance(p, CounterPage)), None)
    if counter is None:
        return
    window.show_page(pages.index(counter))
    _ring_up(window, ["PAP-001", "2*PAP-002"], settle)
    counter.received_edit.setText("200")
    if counter.charge() is None:
        return
    box = counter.last_sale_box
    wait_for(lambda: box.documents is not None and box.documents.receipt is not None)
    data = counter.ticket_data()
    if data is not None:
        ticket.render_image(data, 80, dpi=203).save(str(out / "ticket.png"))
        print("[screenshots] ticket.png")
    row = counter.last_sale_box.row()
    # Pagos reads the receipt's status while online: payments.png shows it pending.
    window.show_page_named("payments")
    payments = window.stack.currentWidget()
    if isinstance(payments, PaymentsPage) and row is not None and row.server_id:
        key = f"payment:{row.server_id}"
        wait_for(lambda: payments.select_key(key))
        wait_for(lambda: (r := payments.selected()) is not None and r.receipt is not None)
    window.show_page(pages.index(counter))
    settle(0.3)


def _shifts_of_the_day(core: Any) -> None:
    """Yesterday's shift closed with $35 short (for the history), today's open since 8:00."""
    from datetime import datetime, timedelta

    from desktop.store.shifts import Shifts
    from desktop.till import close_shift, open_shift_figures

    now = datetime.now().astimezone()
    morning = now.replace(hour=8, minute=0, second=0, microsecond=0)
    yesterday = morning - timedelta(days=1)
    old = Shifts(core.db, clock=yesterday.timestamp)
    shift = old.open(Decimal("1000.00"), "Martín")
    figures = open_shift_figures(core.outbox, core.cache, None, old, shift)
    closing = Shifts(core.db, clock=(yesterday + timedelta(hours=12)).timestamp)
    close_shift(closing, figures, {"01": Decimal("965.00")}, closed_by="Martín")
    Shifts(core.db, clock=min(morning, now).timestamp).open(Decimal("1000.00"), "Lucía")


def _earlier_sales_today(core: Any) -> None:
    """Sales rung up earlier today, at different hours, so Reportes has a day to chart."""
    from datetime import datetime, timedelta

    from desktop.sales import queue_payment
    from desktop.store.outbox import Outbox

    now = datetime.now().astimezone()
    sales = (
        (7, "01", "Cuaderno profesional", "58.00", 3),
        (6, "04", "Mochila escolar", "899.00", 1),
        (5, "01", "Copias blanco y negro", "1.50", 120),
        (4, "28", "Calculadora científica", "345.00", 1),
        (3, "01", "Lápiz adhesivo 20 g", "35.00", 4),
        (2, "03", "Engargolado", "45.00", 6),
        (1, "01", "Bolígrafo azul", "9.50", 12),
    )
    for hours_ago, form, description, price, quantity in sales:
        moment = now - timedelta(hours=hours_ago, minutes=17 * hours_ago % 50)
        if moment.date() != now.date():
            continue
        body = {**_sale(description, price, quantity), "payment_form": form}
        queue_payment(Outbox(core.db, clock=moment.timestamp), body)


def _close_dialog(window: object, out: Path, settle: Any) -> None:
    """Open the Z close on the Turno page, type the counted cash and grab it over the page."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    from desktop.ui.main_window import MainWindow
    from desktop.ui.shift_dialogs import CloseShiftDialog
    from desktop.ui.shift_page import ShiftPage

    if not isinstance(window, MainWindow):
        return
    window.show_page_named("shift")
    page = window.stack.currentWidget()
    if not isinstance(page, ShiftPage):
        return
    page.close_shift()
    dialog = page.dialog
    if not isinstance(dialog, CloseShiftDialog) or page.figures is None:
        return
    cash = page.figures.form("01").expected
    card = page.figures.form("04").expected
    dialog.fill({"01": f"{cash - Decimal('20'):.2f}", "04": f"{card:.2f}"})
    dialog.note.setText("Faltan $20: cambio mal dado")
    dialog.adjustSize()
    settle(0.5)
    shot = window.grab()
    painter = QPainter(shot)
    try:
        size = dialog.grab()
        painter.fillRect(shot.rect(), QColor(15, 23, 42, 90))  # the page dimmed behind it
        corner = QPoint((shot.width() - size.width()) // 2, (shot.height() - size.height()) // 2)
        painter.drawPixmap(corner, size)
    finally:
        painter.end()
    shot.save(str(out / "shift.png"))
    print("[screenshots] shift.png")
    dialog.reject()
    settle(0.2)


def _ring_up(window: object, codes: list[str], settle: object) -> None:
    """A sale in progress on the counter, typed like a cashier (best effort)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QWidget

    assert isinstance(window, QWidget)
    edit = window.findChild(QLineEdit, "codeEdit")
    if edit is None:
        return
    for code in codes:
        edit.setFocus()
        QTest.keyClicks(edit, code)
        QTest.keyClick(edit, Qt.Key.Key_Return)
        if callable(settle):
            settle(0.2)


def _sale(description: str, unit_price: str, quantity: int) -> dict[str, object]:
    return {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice",
        "payment_form": "01",
        "items": [
            {
                "description": description,
                "quantity": quantity,
                "unit_price": unit_price,
                "product_key": "14111514",
                "unit_key": "H87",
                "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}],
            }
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
