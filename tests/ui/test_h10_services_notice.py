"""Servicios (trial D12): the "pendiente de enviar a gigstack" message under the table does not
stay once the service is in gigstack; it says it was sent. Real sandbox, SQLite, widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.outbox import OutboxKind, OutboxState
from desktop.ui.app import AppShell
from desktop.ui.services_page import ServicesPage


def test_the_pending_message_says_sent_once_gigstack_has_the_service(
    qtbot: QtBot, shell: AppShell
) -> None:
    page = next(p for p in shell.window.pages if p.objectName() == "services")
    assert isinstance(page, ServicesPage)
    shell.window.show()
    shell.window.show_page_named("services")
    qtbot.waitUntil(lambda: page.model.visible_count() >= 20, timeout=10_000)

    dialog = page.open_dialog()
    dialog.show()
    qtbot.keyClicks(dialog.description, "Tamal verde")
    qtbot.keyClicks(dialog.sku, "TAM-001")
    qtbot.keyClicks(dialog.price, "25.50")
    dialog.product_key.set_code("50192701")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "pendiente de enviar" in page.message.text()
    (item,) = [i for i in shell.core.outbox.rows() if i.kind is OutboxKind.CREATE_SERVICE]

    qtbot.waitUntil(
        lambda: shell.core.outbox.get(item.id).state is OutboxState.SENT, timeout=15_000
    )
    qtbot.waitUntil(
        lambda: page.message.text() == "Servicio «Tamal verde» enviado a gigstack.",
        timeout=10_000,
    )
    assert "pendiente" not in page.message.text()
