"""The Cola page against the sandbox: parked rows, edit and resend, discard, retry now."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.pin import ManagerPin
from desktop.sales import queue_payment
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxItem, OutboxState
from desktop.ui.app import AppShell
from desktop.ui.manager_pin import PinDialog
from desktop.ui.queue_dialogs import DiscardDialog, EditParkedDialog
from desktop.ui.queue_page import QueuePage

WAIT = 10_000

BAD_SALE = {
    "client": {"id": "client_does_not_exist"},
    "items": [{"id": "service_demo_cuaderno", "quantity": 1}],
    "automation_type": "none",
    "payment_form": "01",
}


def open_page(qtbot: QtBot, shell: AppShell) -> QueuePage:
    qtbot.waitUntil(lambda: shell.core.cache.count(Resource.CLIENTS, None) >= 5, timeout=WAIT)
    shell.window.show()
    shell.window.show_page_named("queue")
    page = shell.window.stack.currentWidget()
    assert isinstance(page, QueuePage)
    return page


def parked_sale(qtbot: QtBot, shell: AppShell) -> OutboxItem:
    item = queue_payment(shell.core.outbox, BAD_SALE)
    shell.bridge.kick()
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(item.id).state is OutboxState.PARKED, timeout=WAIT
    )
    return shell.core.outbox.get(item.id)


def table(page: QueuePage) -> dict[str, dict[str, str]]:
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [
        {titles[c]: model.index(r, c).data() for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]
    return {r["Folio"]: r for r in rows}


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_models_pass_the_model_tester(qtbot: QtBot, shell: AppShell, qtmodeltester: Any) -> None:
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    page.reload()
    assert page.select_id(item.id)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.audit_model)


def test_parked_sale_shows_its_spanish_error(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    # The page shows the row as soon as it is queued (pending), then again once parked.
    qtbot.waitUntil(
        lambda: table(page).get(str(item.folio), {}).get("Estado") == "Detenido", timeout=WAIT
    )
    row = table(page)[str(item.folio)]
    assert row["Tipo"] == "Venta"
    assert row["Último error"].startswith("gigstack rechazó la operación (404)")
    assert "client_does_not_exist" in row["Detalle"]
    assert "Detenidos (1)" in page.chips[OutboxState.PARKED].text()
    assert page.select_id(item.id)
    assert "gigstack rechazó" in page.detail_labels["error"].text()
    actions = [page.audit_model.index(r, 1).data() for r in range(page.audit_model.rowCount())]
    assert actions[0] == "Entró a la cola" and actions[-1] == "Detenido"
    assert page.edit_button.isEnabled() and page.discard_button.isEnabled()


def test_edit_parked_sale_and_resend(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    page.reload()
    assert page.select_id(item.id)
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, EditParkedDialog)
    assert "no está en la copia local" in dialog.client.text()

    # A wrong RFC and zip are explained next to their fields; nothing is saved.
    qtbot.keyClicks(dialog.rfc, "XYZ")
    click(qtbot, dialog.ok_button)
    rfc_error = dialog.findChild(QLabel, "rfcError")
    assert rfc_error is not None and rfc_error.isVisible() and rfc_error.text()
    dialog.rfc.clear()
    qtbot.keyClicks(dialog.zip, "123")
    click(qtbot, dialog.ok_button)
    zip_error = dialog.findChild(QLabel, "zipError")
    assert zip_error is not None and zip_error.isVisible()
    assert zip_error.text()
    assert not rfc_error.isVisible()
    assert dialog.isVisible()
    assert shell.core.outbox.get(item.id).state is OutboxState.PARKED

    # The advanced editor refuses broken JSON where it is typed.
    dialog.tabs.setCurrentIndex(dialog.advanced_index)
    dialog.json.setPlainText("{not json")
    click(qtbot, dialog.ok_button)
    json_error = dialog.findChild(QLabel, "jsonError")
    assert json_error is not None and json_error.isVisible()
    dialog.tabs.setCurrentIndex(dialog.fields_index)
    assert dialog.tabs.currentIndex() == dialog.advanced_index  # stays on the mistake
    dialog.json.setPlainText(json.dumps(item.payload))
    dialog.tabs.setCurrentIndex(dialog.fields_index)

    dialog.rfc.clear()
    dialog.zip.clear()
    assert dialog.client.choose("client_demo_publico")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    edited = shell.core.outbox.get(item.id)
    assert edited.payload["client"] == {"id": "client_demo_publico"}
    assert edited.payload["metadata"]["local_id"] == item.local_id
    assert edited.idempotency_key != item.idempotency_key
    qtbot.waitUntil(lambda: shell.core.outbox.get(item.id).state is OutboxState.SENT, timeout=WAIT)
    qtbot.waitUntil(lambda: item.folio not in table(page), timeout=WAIT)  # sent is hidden
    click(qtbot, page.chips[OutboxState.SENT])
    row = table(page)[str(item.folio)]
    assert row["Estado"] == "Enviado"
    assert row["ID en gigstack"] == shell.core.outbox.get(item.id).server_id


def test_discard_needs_a_reason_and_a_confirmation(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    page.reload()
    assert page.select_id(item.id)
    click(qtbot, page.discard_button)
    dialog = page.dialog
    assert isinstance(dialog, DiscardDialog)
    click(qtbot, dialog.ok_button)
    assert dialog.reason_error.isVisible()
    qtbot.keyClicks(dialog.reason, "Venta duplicada")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.confirm_label.isVisible()  # asks once more
    assert shell.core.outbox.get(item.id).state is OutboxState.PARKED
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert shell.core.outbox.get(item.id).state is OutboxState.DISCARDED
    row = table(page)[str(item.folio)]
    assert row["Estado"] == "Descartado"
    assert page.select_id(item.id)
    last = page.audit_model.rowCount() - 1
    assert page.audit_model.index(last, 1).data() == "Descartado"
    assert page.audit_model.index(last, 2).data() == "Venta duplicada"
    assert not page.retry_button.isEnabled() and not page.discard_button.isEnabled()


def test_discard_is_guarded_by_the_manager_pin(qtbot: QtBot, shell: AppShell) -> None:
    ManagerPin(shell.config.data_dir).set("4821")
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    page.reload()
    assert page.select_id(item.id)
    seen: list[object] = []

    def refuse() -> None:
        modal = QApplication.activeModalWidget()
        seen.append(modal)
        assert modal is not None
        modal.close()

    QTimer.singleShot(0, refuse)
    click(qtbot, page.discard_button)
    assert len(seen) == 1 and isinstance(seen[0], PinDialog)
    assert not isinstance(page.dialog, DiscardDialog)  # no PIN, no discard dialog
    assert shell.core.outbox.get(item.id).state is OutboxState.PARKED

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PinDialog)
        modal.pin.setText("4821")
        modal.check()

    QTimer.singleShot(0, answer)
    click(qtbot, page.discard_button)
    assert isinstance(page.dialog, DiscardDialog)


def test_retry_now_sends_again_with_the_same_key(qtbot: QtBot, shell: AppShell) -> None:
    page = open_page(qtbot, shell)
    item = parked_sale(qtbot, shell)
    page.reload()
    assert page.select_id(item.id)
    attempts = item.attempts
    click(qtbot, page.retry_button)
    qtbot.waitUntil(lambda: shell.core.outbox.get(item.id).attempts > attempts, timeout=WAIT)
    qtbot.waitUntil(
        lambda: shell.core.outbox.get(item.id).state is OutboxState.PARKED, timeout=WAIT
    )
    again = shell.core.outbox.get(item.id)
    assert again.idempotency_key == item.idempotency_key
    actions = [e.action for e in shell.core.outbox.audit(item.id)]
    assert "retry_now" in actions
    qtbot.waitUntil(
        lambda: table(page)[str(item.folio)]["Intentos"] == str(again.attempts), timeout=WAIT
    )
