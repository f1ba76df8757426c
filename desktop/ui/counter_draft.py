"""The counter's sale in progress survives a crash, a kill or a power cut.

`CounterDraft` watches the counter page's parts (lines, client, payment form, "Facturar", cash
received) and writes the sale in progress to SQLite (`desktop.store.drafts`) on each change,
on the GUI thread: a one-row upsert, skipped when nothing changed. At start it puts a saved
draft back and says "Se recuperó la venta en curso". A charged sale clears the cart for the
next customer, and an empty cart with the public as client removes the draft.

The page only creates it (`CounterDraft(page)`, after its parts are built and loaded): the
rules of the sale stay in `counter_sale`, the layout in `counter_page`.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop.records.services import ServiceView
from desktop.store.drafts import Draft, Drafts
from desktop.store.errors import StorageError
from desktop.store.outbox import dumps
from desktop.ui.counter_clients import SaleClient
from desktop.ui.counter_sale import SaleLine, service_view

if TYPE_CHECKING:
    from desktop.ui.counter_page import CounterPage

log = logging.getLogger(__name__)


def draft_document(page: CounterPage) -> dict[str, Any] | None:
    """The page's sale in progress as a JSON-able document; None when there is none."""
    lines = page.cart.lines
    client = page.clients.client
    if not lines and client.is_public:
        return None
    return {
        "lines": [
            {
                "service": dict(line.service.raw) or _service_fields(line.service),
                "quantity": str(line.quantity),
                "price_override": (
                    None if line.price_override is None else str(line.price_override)
                ),
            }
            for line in lines
        ],
        # The public is re-made at start (the issuer's zip may have come since).
        "client": None if client.is_public else {"record": client.record, "new": client.is_new},
        "payment_form": page.payment_form(),
        "invoice_now": page.invoice_check.isChecked(),
        "received": page.received_edit.text(),
    }


def _service_fields(view: ServiceView) -> dict[str, Any]:
    # A view built without its record (rare): the fields a line needs to be rebuilt.
    return {
        "id": view.id,
        "description": view.description,
        "unit_price": None if view.unit_price is None else str(view.unit_price),
        "sku": view.sku,
        "barcode": view.barcode,
        "product_key": view.product_key,
        "unit_key": view.unit_key,
        "unit_name": view.unit_name,
        "taxes": [dict(t) for t in view.taxes],
    }


def draft_lines(document: dict[str, Any]) -> list[SaleLine]:
    """The lines of a saved document; a line that no longer reads is left out (logged)."""
    lines: list[SaleLine] = []
    for entry in document.get("lines") or []:
        try:
            quantity = Decimal(str(entry["quantity"]))
            override = entry.get("price_override")
            price = None if override is None else Decimal(str(override))
            service = service_view(entry["service"])
        except (KeyError, TypeError, InvalidOperation, ValueError):
            log.warning("a line of the saved sale in progress could not be read: left out")
            continue
        if not quantity.is_finite() or quantity <= 0 or (price is not None and price <= 0):
            continue
        lines.append(SaleLine(service, quantity, price))
    return lines


class CounterDraft(QObject):
    """Keeps the counter page's sale in progress in the database (see the module docstring)."""

    def __init__(self, page: CounterPage) -> None:
        super().__init__(page)
        self.page = page
        self.drafts = Drafts(page.ctx.core.db)
        self._saved: str | None = None  # the last document written ("" = none kept)
        self._failed = False
        self.restored = self.restore()
        for signal in (
            page.cart.lines_changed,
            page.clients.changed,
            page.pay_group.buttonClicked,
            page.other_form.activated,
            page.invoice_check.toggled,
            page.received_edit.textChanged,
        ):
            signal.connect(self.save)

    # -- start --------------------------------------------------------------------------------

    def restore(self) -> bool:
        """Put the saved sale in progress back on the page; True when there was one."""
        try:
            draft = self.drafts.load()
            if draft is None:
                self._saved = ""
                return False
            lines = draft_lines(draft.document)
            if self._was_charged(draft, lines):
                log.info("the saved sale in progress was queued before the app ended: dropped")
                self.drafts.clear()
                self._saved = ""
                return False
        except StorageError as exc:
            self._say_failed(exc)
            return False
        self._apply(draft.document, lines)
        log.info("sale in progress restored (%d lines)", len(lines))
        self.page.ctx.notify(self.tr("Se recuperó la venta en curso"), "info")
        self.save()
        return True

    def _was_charged(self, draft: Draft, lines: list[SaleLine]) -> bool:
        if not lines:
            return False
        items = [(line.service_id, line.quantity) for line in lines]
        return self.drafts.charged_since(draft, items)

    def _apply(self, document: dict[str, Any], lines: list[SaleLine]) -> None:
        page = self.page
        client = document.get("client")
        if isinstance(client, dict) and isinstance(client.get("record"), dict):
            record = dict(client["record"])
            if client.get("new"):
                page.clients.set_client(page.clients.book.add_new(record))
            else:
                page.clients.set_client(SaleClient(record))
        if lines:
            page.cart.restore(lines)
        form = document.get("payment_form")
        if isinstance(form, str) and form:
            page.set_payment_form(form)
            page.panel.payment_form_changed()
        page.invoice_check.setChecked(bool(document.get("invoice_now")))
        received = document.get("received")
        if isinstance(received, str):
            page.received_edit.setText(received)

    # -- on each change -----------------------------------------------------------------------

    def save(self, *_args: object) -> None:
        """Write the sale in progress (or remove it when there is none); quiet when unchanged."""
        document = draft_document(self.page)
        try:
            key = "" if document is None else dumps(document)
        except (TypeError, ValueError):
            # A value JSON cannot hold (never expected: records come from JSON): the sale
            # stays on screen, only its copy on disk is not refreshed.
            log.exception("sale in progress not saved: not JSON")
            return
        if key == self._saved:
            return
        try:
            if document is None:
                self.drafts.clear()
            else:
                self.drafts.save(document)
        except StorageError as exc:
            self._say_failed(exc)
            return
        self._saved = key
        self._failed = False

    def _say_failed(self, exc: StorageError) -> None:
        log.warning("sale in progress not saved (%s): %s", type(exc).__name__, exc.message)
        if self._failed:
            return  # said once until a save works again
        self._failed = True
        self.page.ctx.notify(
            self.tr(
                "La venta en curso no se pudo guardar en este equipo ({reason}); sigue en "
                "pantalla: cóbrala antes de cerrar Mostrador."
            ).format(reason=exc.message),
            "warning",
        )
