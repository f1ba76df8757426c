"""The Mostrador page against the real sandbox: keyboard-only sales, cash, prices, clients,
offline queueing and what the cashier sees after each step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.sandbox import Sandbox
from desktop.store.outbox import OutboxState
from desktop.ui.app import AppShell
from desktop.ui.client_dialog import ClientDialog
from desktop.ui.counter_clients import SaleClient, inline_client
from desktop.ui.counter_items import CartModel
from desktop.ui.counter_page import CounterPage
from desktop.ui.formatting import money
from tests.ui.counter_helpers import barcode
from tests.ui.keyboard import focused, press, scan, type_text

TIMEOUT = 10_000


def only_row(shell: AppShell) -> Any:
    rows = shell.core.outbox.rows()
    assert len(rows) == 1
    return rows[0]


def test_keyboard_only_sale_for_a_known_client(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    codes = [
        barcode(shell, "service_demo_cuaderno"),
        barcode(shell, "service_demo_refresco"),
        barcode(shell, "service_demo_americano"),
    ]
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is counter.client_search
    type_text(qtbot, "mariana cas")
    assert counter.client_list.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert "Mariana Castillo Vega" in counter.client_card.text()
    assert focused() is counter.code_edit  # straight on to the items

    press(qtbot, Qt.Key.Key_F3)
    scan(qtbot, codes[0])
    scan(qtbot, f"3*{codes[1]}")
    scan(qtbot, codes[2])
    assert counter.cart.rowCount() == 3
    assert counter.total_value.text() == money(Decimal("45") + 3 * Decimal("19") + 35)
    assert not counter.code_error.isVisible()

    with qtbot.waitSignal(shell.bridge.queue_changed, timeout=TIMEOUT):
        press(qtbot, Qt.Key.Key_F12)

    row = shell.core.outbox.rows()[0]
    assert row.payload["client"] == {"id": "client_demo_mariana"}
    items = [(i["id"], Decimal(i["quantity"])) for i in row.payload["items"]]
    assert items == [
        ("service_demo_cuaderno", 1),
        ("service_demo_refresco", 3),
        ("service_demo_americano", 1),
    ]
    # Each line carries the price and taxes the cashier charged (see the next test).
    assert [Decimal(i["unit_price"]) for i in row.payload["items"]] == [45, 19, 35]
    assert all(i["taxes"] for i in row.payload["items"])
    assert row.payload["payment_form"] == "01"
    # A known client without "Facturar" ends in a receipt (self-invoice QR), never in nothing.
    assert row.payload["automation_type"] == "receipt"
    assert row.payload["currency"] == "MXN"

    # Cleared and ready for the next customer.
    assert counter.cart.rowCount() == 0
    assert counter.total_value.text() == "$0.00"
    assert "Público en general" in counter.client_card.text()
    assert focused() is counter.code_edit
    assert "Última venta" in counter.last_sale_label.text()
    qtbot.waitUntil(lambda: "Registrado" in shell.window.notice_bar.text, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: "Registrado" in counter.last_sale_label.text(), timeout=TIMEOUT)


def test_unknown_barcode_is_reported_next_to_the_field_and_kept_selected(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    scan(qtbot, "7509999999993")
    assert counter.code_error.isVisible()
    assert "7509999999993" in counter.code_error.text()
    assert counter.code_edit.text() == "7509999999993"
    assert counter.code_edit.selectedText() == "7509999999993"
    assert counter.cart.rowCount() == 1  # nothing else lost
    # The next scan replaces the selected code and clears the message.
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    assert not counter.code_error.isVisible()
    assert counter.cart.lines[0].quantity == 2


def test_search_by_name_picks_with_arrows(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    type_text(qtbot, "capuchino")
    assert counter.code_list.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert counter.cart.lines[0].service_id == "service_demo_capuchino"
    type_text(qtbot, "2*caf")
    assert counter.code_list.count() >= 2
    second = counter.code_list.item(1).data(Qt.ItemDataRole.UserRole + 1)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    line = next(ln for ln in counter.cart.lines if ln.service_id == second.id)
    assert line.quantity == (3 if second.id == "service_demo_capuchino" else 2)
    assert counter.code_edit.text() == ""


def test_price_override_and_delete_line(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    press(qtbot, Qt.Key.Key_F4)
    assert focused() is counter.table
    # Second line is current: Del removes it.
    press(qtbot, Qt.Key.Key_Delete)
    assert [line.service_id for line in counter.cart.lines] == ["service_demo_cuaderno"]
    # Move to the price cell and type the new tax-included price.
    counter.table.setCurrentIndex(counter.cart.index(0, 1))
    press(qtbot, Qt.Key.Key_Right)
    type_text(qtbot, "40")
    press(qtbot, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: counter.cart.lines[0].price_override is not None, timeout=TIMEOUT)
    assert counter.cart.lines[0].price_override == Decimal("40.00")
    assert counter.total_value.text() == "$40.00"
    # Quantity too.
    counter.table.setCurrentIndex(counter.cart.index(0, 1))
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.total_value.text() == "$80.00", timeout=TIMEOUT)

    counter.focus_code()
    with qtbot.waitSignal(shell.bridge.queue_changed, timeout=TIMEOUT):
        press(qtbot, Qt.Key.Key_F12)
    item = only_row(shell).payload["items"][0]
    assert item["id"] == "service_demo_cuaderno"
    assert Decimal(item["quantity"]) == 2
    assert Decimal(item["unit_price"]) == Decimal("40")


def test_cash_change_and_refusal_when_received_is_short(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, "3*" + barcode(shell, "service_demo_cuaderno"))  # 135.00
    counter.received_edit.setFocus()
    type_text(qtbot, "100")
    assert "faltan $35.00" in counter.change_value.text()
    press(qtbot, Qt.Key.Key_F12)
    assert counter.received_error.isVisible()
    assert "$100.00" in counter.received_error.text()
    assert shell.core.outbox.rows() == []
    assert counter.cart.rowCount() == 1  # the sale is intact

    counter.received_edit.selectAll()
    type_text(qtbot, "200")
    assert counter.change_value.text() == "$65.00"
    press(qtbot, Qt.Key.Key_Return)  # Enter in "Recibido" charges
    assert len(shell.core.outbox.rows()) == 1
    assert "Cambio <b>$65.00</b>" in counter.last_sale_label.text()
    assert "$65.00" in shell.window.notice_bar.text
    assert counter.received_edit.text() == ""


def test_card_payment_with_facturar_for_the_public_is_explained_and_ends_in_a_receipt(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_hojas"))
    counter.set_payment_form("28")
    assert not counter.cash_box.isVisible()
    assert "Recibo" in counter.outcome_label.text()
    counter.invoice_check.setChecked(True)
    # Before charging, the cashier reads why no invoice is stamped to XAXX010101000.
    assert "Público en general no se factura" in counter.outcome_label.text()
    assert "Factura tu compra" in counter.outcome_label.text()
    counter.charge_button.setFocus()
    with qtbot.waitSignal(shell.bridge.queue_changed, timeout=TIMEOUT):
        press(qtbot, Qt.Key.Key_Return)  # Enter on "Cobrar"
    row = only_row(shell)
    assert row.payload["payment_form"] == "28"
    assert row.payload["automation_type"] == "receipt"
    assert "use" not in row.payload
    assert row.payload["client"] == {"id": "client_demo_publico"}
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    assert counter.payment_form() == "01"  # back to cash for the next customer
    counter.set_payment_form("99")
    assert counter.payment_form() == "99"
    assert not any(b.isChecked() for b in counter.pay_buttons.values())


def test_rejected_sale_shows_problems_and_keeps_the_sale(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_hojas"))
    # A persona moral (601) cannot use D01 (honorarios médicos: personas físicas only).
    counter._set_client(
        SaleClient(
            {
                "name": "Empresa Prueba",
                "tax_id": "EPR120315AB1",
                "tax_system": "601",
                "use": "D01",
                "address": {"zip": "06700"},
            },
            is_new=True,
        )
    )
    counter.invoice_check.setChecked(True)
    assert counter.charge() is None
    assert counter.invoice_error.isVisible()
    assert "D01" in counter.invoice_error.text()
    assert shell.core.outbox.rows() == []
    assert counter.cart.rowCount() == 1
    assert "Empresa Prueba" in counter.client_card.text()


def test_new_client_form_checks_rfc_next_to_the_field(
    qtbot: QtBot, counter: CounterPage, monkeypatch: Any
) -> None:
    def check(dialog: ClientDialog) -> int:
        """The form the counter opens with Ctrl+N, as the cashier fills it in."""
        dialog.show()
        assert dialog.save_button.text() == "Usar en la venta"
        dialog.name.setText("Sofía Navarro Ruiz")  # QTest types ASCII only
        dialog.try_save()
        assert dialog.result() == 0  # still open: the sale's client is found by its RFC
        assert "Escribe el RFC" in dialog.errors["rfc"].text()
        qtbot.keyClicks(dialog.rfc, "NARS9913")
        qtbot.keyClicks(dialog.zip, "06700")
        dialog.try_save()
        assert dialog.result() == 0  # still open
        assert dialog.errors["rfc"].isVisible()
        assert "12 caracteres" in dialog.errors["rfc"].text()
        assert dialog.name.text() == "Sofía Navarro Ruiz"  # nothing typed is lost

        dialog.rfc.setText("XAXX010101000")  # the generic RFC is "Público en general"
        dialog.try_save()
        assert dialog.result() == 0
        assert "Público en general" in dialog.errors["rfc"].text()

        # A wrong check digit is a warning the cashier can override.
        dialog.rfc.setText("NARS991231AB9")
        assert {dialog.regime.itemData(i) for i in range(dialog.regime.count())} >= {
            "605",
            "612",
            "626",
        }
        assert dialog.regime.findData("601") == -1  # 601 is for personas morales
        dialog.regime.setCurrentIndex(dialog.regime.findData("612"))
        dialog.try_save()
        assert dialog.result() == 0
        assert "dígito verificador" in dialog.errors["rfc"].text()
        assert dialog.rfc_override.isVisible()
        dialog.rfc_override.setChecked(True)
        dialog.zip.setText("00001")
        dialog.try_save()
        assert dialog.result() == 0
        assert dialog.errors["zip"].isVisible()
        dialog.zip.setText("06700")
        assert "Cuauhtémoc" in dialog.zip_info.text()
        dialog.try_save()
        assert dialog.result() == 0  # the razón social is asked for, never made up
        assert "Constancia" in dialog.errors["legal_name"].text()
        dialog.legal_name.setText("SOFÍA NAVARRO RUIZ")
        uses.update(dialog.use.itemData(i) for i in range(1, dialog.use.count()))
        dialog.try_save()
        assert dialog.result() == 1
        return dialog.result()

    uses: set[str] = set()
    monkeypatch.setattr(ClientDialog, "exec", check)
    counter.new_client()
    assert counter._client.is_new
    fields = counter._client.record
    assert fields["tax_id"] == "NARS991231AB9"
    assert fields["address"] == {"zip": "06700"}
    assert fields["use"] in uses
    assert "Sofía Navarro Ruiz" in counter.client_card.text()


def test_new_client_body_becomes_the_inline_client_of_the_sale() -> None:
    body = {
        "name": "Sofía  Navarro Ruiz",
        "tax_id": "NARS991231AB9",
        "tax_system": "612",
        "use": "G03",
        "email": "sofia@correo.mx",
        "address": {"zip": "06700"},
    }
    assert inline_client({**body, "legal_name": "sofía navarro  ruiz"}) == {
        "name": "Sofía Navarro Ruiz",
        "legal_name": "SOFÍA NAVARRO RUIZ",
        "tax_id": "NARS991231AB9",
        "tax_system": "612",
        "use": "G03",
        "address": {"zip": "06700"},
        "email": "sofia@correo.mx",
    }
    typed = inline_client({**body, "legal_name": "SOFIA NAVARRO RUIZ", "email": ""})
    assert typed["legal_name"] == "SOFIA NAVARRO RUIZ"  # the razón social typed wins
    assert "email" not in typed
    # Never the display name in capitals (issue 10 §3): without one, none is sent.
    assert "legal_name" not in inline_client(body)


def test_new_client_is_created_once_with_the_sale(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox, monkeypatch: Any
) -> None:
    from desktop.sandbox.seed import rfc

    new_rfc = rfc("NARS991231AB")

    def fill(dialog: ClientDialog) -> int:
        assert dialog.name.text() == "Navarro"  # what the cashier had typed in the search
        dialog.name.setText("Sofía Navarro Ruiz")
        dialog.rfc.setText(new_rfc)
        dialog.legal_name.setText("SOFIA NAVARRO RUIZ")
        dialog.regime.setCurrentIndex(dialog.regime.findData("612"))
        dialog.use.setCurrentIndex(dialog.use.findData("G03"))
        dialog.zip.setText("06700")
        dialog.try_save()
        return dialog.result()

    monkeypatch.setattr(ClientDialog, "exec", fill)
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, "Navarro")
    press(qtbot, Qt.Key.Key_Return)
    assert "Ningún cliente" in counter.client_error.text()
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "Sofía Navarro Ruiz" in counter.client_card.text()
    assert "nuevo" in counter.client_card.text()

    for _ in range(2):  # two sales for the same new client, queued back to back
        scan(qtbot, barcode(shell, "service_demo_lapiz"))
        counter.invoice_check.setChecked(True)
        assert counter.charge() is not None
        press(qtbot, Qt.Key.Key_F2)
        type_text(qtbot, "navarro")
        press(qtbot, Qt.Key.Key_Return)  # found again among this session's new clients
    rows = shell.core.outbox.rows()
    client = rows[0].payload["client"]
    assert client["search"] == {"on_key": "tax_id", "on_value": new_rfc, "auto_create": True}
    assert client["tax_system"] == "612"
    # REFERENCE §16.2: the CFDI use travels inside `client`, never at the top level.
    assert client["use"] == "G03"
    assert "use" not in rows[0].payload
    assert rows[0].payload["automation_type"] == "pue_invoice"
    assert rows[0].serial_key == rows[1].serial_key == f"client:tax_id:{new_rfc}"
    qtbot.waitUntil(
        lambda: all(r.state is OutboxState.SENT for r in shell.core.outbox.rows()),
        timeout=TIMEOUT,
    )
    team = sandbox.store.teams[sandbox.team]
    created = [c for c in team.clients.records.values() if c.get("tax_id") == new_rfc]
    assert len(created) == 1


def test_offline_sale_queues_and_is_sent_when_the_connection_returns(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    code = barcode(shell, "service_demo_refresco")
    sandbox.go_down()
    try:
        with qtbot.waitCallback(timeout=TIMEOUT) as failed:
            shell.ctx.run_op(
                None,
                lambda c: c.clients.list_page(limit=1),
                failed,
                on_error=failed,
                needs_online=False,
            )
        qtbot.waitUntil(lambda: counter._sync_state.online is False, timeout=TIMEOUT)
        scan(qtbot, "2*" + code)
        press(qtbot, Qt.Key.Key_F12)
        row = only_row(shell)
        assert "En cola: se enviará al volver la conexión" in (shell.window.notice_bar.text)
        assert counter.cart.rowCount() == 0
        assert "En cola" in counter.last_sale_label.text()
        data = counter.ticket_data()
        assert data is not None and data.status == "En cola"
        assert shell.core.outbox.get(row.id).state is not OutboxState.SENT
    finally:
        sandbox.come_up()
    shell.bridge.kick()
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
    )
    team = sandbox.store.teams[sandbox.team]
    local_id = row.payload["metadata"]["local_id"]
    matches = [
        p
        for p in team.payments.records.values()
        if p.get("metadata", {}).get("local_id") == local_id
    ]
    assert len(matches) == 1
    qtbot.waitUntil(lambda: "Registrado" in counter.last_sale_label.text(), timeout=TIMEOUT)
    data = counter.ticket_data()
    assert data is not None and data.status == "Registrado"
    assert data.payment_id == matches[0]["id"]


def test_charging_nothing_says_so(qtbot: QtBot, shell: AppShell, counter: CounterPage) -> None:
    press(qtbot, Qt.Key.Key_F12)
    assert counter.code_error.isVisible()
    assert shell.core.outbox.rows() == []


def test_cart_model_passes_the_model_tester(qtmodeltester: Any, counter: CounterPage) -> None:
    model = CartModel()
    service = {
        "id": "service_x",
        "description": "Cosa",
        "unit_price": "116",
        "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": False}],
    }
    model.add(service, Decimal(2))
    model.add({**service, "id": "service_y"}, Decimal(1))
    qtmodeltester.check(model)
    # Not inclusive: 116 + 16 % shows 134.56 per unit, tax included.
    assert model.data(model.index(0, 2)) == "$134.56"
    assert model.setData(model.index(0, 2), "116")
    assert model.lines[0].price_override == Decimal("100.000000")
    assert model.totals is not None and model.totals.lines[0].total == Decimal("232.00")
    assert not model.setData(model.index(0, 1), "0")


def test_codes_quantities_and_the_public_fallback() -> None:
    from desktop.sales import check_payment, serial_key_for
    from desktop.ui.counter_clients import PUBLIC_CLIENT_FALLBACK, public_client
    from desktop.ui.counter_sale import SaleDraft, SaleLine, ServiceIndex, parse_code

    assert parse_code("3*7501000003044") == (Decimal(3), "7501000003044")
    assert parse_code(" 1.5 * PAP-001") == (Decimal("1.5"), "PAP-001")
    assert parse_code("7501000003044") == (Decimal(1), "7501000003044")
    with pytest.raises(ValueError):
        parse_code("0*7501000003044")

    service = {
        "id": "service_1",
        "description": "Lápiz",
        "sku": "pap-002",
        "unit_price": "6.5",
        "metadata": {"barcode": "7501000001026"},
        "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}],
    }
    index = ServiceIndex([service])
    # Typed views over the cached record (`desktop.records.ServiceView`).
    by_sku, by_barcode = index.by_code("PAP-002"), index.by_code("7501000001026")
    assert by_sku is not None and by_sku.raw == service and by_sku.id == "service_1"
    assert by_barcode is not None and by_barcode.raw == service
    assert index.by_code("750100000102") is None
    assert [found.raw for found in index.search("lapiz")] == [service]

    # An empty cache still sells to the public: gigstack finds or creates it once by RFC.
    # "Facturar" for the public ends in a receipt (its QR lets the customer self-invoice).
    draft = SaleDraft(public_client(None), [SaleLine(service, Decimal(2))], "01", True)
    body = draft.body()
    assert body["client"] == PUBLIC_CLIENT_FALLBACK
    assert "use" not in body
    assert body["automation_type"] == "receipt"
    check_payment(body)
    assert serial_key_for(body) == "client:tax_id:XAXX010101000"


def test_a_queued_sale_is_registered_at_the_price_charged(
    qtbot: QtBot, shell: AppShell, counter: CounterPage, sandbox: Sandbox
) -> None:
    """Hours may pass before a queued sale is sent; a price change in gigstack meanwhile must
    not change what the customer paid (the CFDI must match the ticket)."""
    from desktop.gigstack import GigstackClient
    from tests.conftest import SANDBOX_KEY

    sandbox.go_down()
    scan(qtbot, f"2*{barcode(shell, 'service_demo_americano')}")
    press(qtbot, Qt.Key.Key_F12)
    row = only_row(shell)
    sandbox.come_up()
    with GigstackClient(SANDBOX_KEY, base_url=sandbox.base_url) as api:
        api.services.update("service_demo_americano", {"unit_price": "45.00"})
        shell.bridge.kick()
        qtbot.waitUntil(
            lambda: shell.core.outbox.get(row.id).state is OutboxState.SENT, timeout=TIMEOUT
        )
        sent = api.payments.get(shell.core.outbox.get(row.id).server_id or "")
    assert sent.total == Decimal("70.00")


# -- issue 10 §3: the till's small things ----------------------------------------------------


def _burst(widget: Any, code: str, *, start: int = 50_000, gap: int = 8) -> None:
    """A barcode scanner typing `code` + Enter into `widget`, `gap` ms between keys (by the
    events' own timestamps, as the scanner's keyboard driver stamps them)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    keys = [(Qt.Key(ord(ch)), ch) for ch in code] + [(Qt.Key.Key_Return, "\r")]
    for n, (key, text) in enumerate(keys):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(start + n * gap)
            QApplication.sendEvent(widget, event)


def test_a_scan_that_lands_on_the_table_or_a_button_goes_to_the_code_field(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    lapiz = barcode(shell, "service_demo_lapiz")
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    press(qtbot, Qt.Key.Key_F4)
    assert focused() is counter.table
    _burst(counter.table, lapiz)
    assert [line.service_id for line in counter.cart.lines] == [
        "service_demo_cuaderno",
        "service_demo_lapiz",
    ]
    assert counter.table.state() is not QAbstractItemView.State.EditingState
    assert focused() is counter.code_edit and counter.code_edit.text() == ""
    assert counter.cart.lines[0].quantity == 1  # the digits did not become a quantity

    counter.charge_button.setFocus()
    _burst(counter.charge_button, lapiz, start=90_000)
    assert counter.cart.lines[1].quantity == 2
    assert shell.core.outbox.rows() == []  # the Enter did not charge
    assert focused() is counter.code_edit

    # A person typing a quantity on the table still edits it (one key, nobody follows).
    press(qtbot, Qt.Key.Key_F4)
    counter.table.setCurrentIndex(counter.cart.index(0, 1))
    type_text(qtbot, "4")
    qtbot.waitUntil(
        lambda: counter.table.state() is QAbstractItemView.State.EditingState, timeout=TIMEOUT
    )
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.cart.lines[0].quantity == 4, timeout=TIMEOUT)


def test_counts_are_singular_for_one_and_a_stale_code_message_goes_when_typing(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    lapiz = barcode(shell, "service_demo_lapiz")
    scan(qtbot, lapiz)
    assert counter.items_count.text() == "1 línea · 1 pieza"
    scan(qtbot, lapiz)
    assert counter.items_count.text() == "1 línea · 2 piezas"
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    assert counter.items_count.text() == "2 líneas · 3 piezas"

    scan(qtbot, "7509999999993")
    assert counter.code_error.isVisible()
    type_text(qtbot, "c")  # the cashier starts over: the message was about the old code
    assert not counter.code_error.isVisible()
    assert counter.code_edit.text() == "c"


def test_an_invoice_gigstack_would_refuse_is_refused_at_the_counter_first(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    from desktop.fiscal.outcome import Outcome

    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, "mariana cas")
    press(qtbot, Qt.Key.Key_Return)
    scan(qtbot, barcode(shell, "service_demo_lapiz"))
    counter.invoice_check.setChecked(True)
    assert counter.outcome().outcome is Outcome.INVOICE
    counter.set_payment_form("99")
    assert counter.charge() is None
    assert counter.invoice_error.isVisible()
    assert "99" in counter.invoice_error.text() and "PPD" in counter.invoice_error.text()
    assert shell.core.outbox.rows() == []
    assert counter.cart.rowCount() == 1 and "Mariana" in counter.client_card.text()

    # A cached record whose régimen is for the other kind of person (12-char RFC, 612).
    counter._set_client(
        SaleClient(
            {
                "id": "client_misfit",
                "name": "Escuela Kemper",
                "legal_name": "ESCUELA KEMPER URGATE",
                "tax_id": "EKU9003173C9",
                "tax_system": "612",
                "use": "G03",
                "address": {"zip": "06600"},
            }
        )
    )
    counter.set_payment_form("04")
    counter.invoice_check.setChecked(True)
    assert counter.charge() is None
    assert "612" in counter.invoice_error.text()
    assert "moral" in counter.invoice_error.text()
    assert shell.core.outbox.rows() == []

    counter.reset_client()
    counter.invoice_check.setChecked(False)
    assert counter.charge() is not None  # nothing else stood in the way
    assert not counter.invoice_error.isVisible()


def test_a_negative_price_typed_in_the_items_table_is_refused_next_to_it(
    qtbot: QtBot, shell: AppShell, counter: CounterPage
) -> None:
    scan(qtbot, barcode(shell, "service_demo_cuaderno"))
    total = counter.total_value.text()
    press(qtbot, Qt.Key.Key_F4)
    counter.table.setCurrentIndex(counter.cart.index(0, 2))
    type_text(qtbot, "-5")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(counter.items_error.isVisible, timeout=TIMEOUT)
    assert "negativo" in counter.items_error.text()
    assert "Línea 1" in counter.items_error.text()
    assert counter.cart.lines[0].price_override is None  # the list price stays
    assert counter.total_value.text() == total
