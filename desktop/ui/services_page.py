"""The Servicios page: the cached catalog of what the counter sells, searchable as you type.

Creating and editing go through the outbox (offline-safe, shown at once as "pendiente de
enviar"); deleting needs gigstack and is refused while offline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import fiscal
from desktop.records.services import ServiceView
from desktop.rules.taxes import rows_from_taxes
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxError, OutboxKind, OutboxState
from desktop.ui.context import UiContext
from desktop.ui.formatting import money
from desktop.ui.record_page import Queued, RecordPage, RecordRow, Shared, pending_label
from desktop.ui.sat_pickers import tax_summary
from desktop.ui.service_dialog import ServiceDialog
from desktop.ui.table_model import Column

if TYPE_CHECKING:
    from desktop.gigstack import GigstackClient

# A row's cells (`RecordRow.cell`): its own texts, then values many rows share.
DESCRIPTION, SKU, BARCODE, PRICE, PRODUCT_KEY, UNIT, TAXES, STATUS = range(8)


def price_with_taxes(record: Mapping[str, Any] | ServiceView) -> Decimal | None:
    """What one unit costs the customer (taxes included), or None when it cannot be computed."""
    view = record if isinstance(record, ServiceView) else ServiceView.from_record(record)
    return view.price_with_taxes


def barcode_of(record: Mapping[str, Any] | ServiceView) -> str:
    """The barcode: a `barcode` field or metadata if the server has one, else a GTIN SKU."""
    view = record if isinstance(record, ServiceView) else ServiceView.from_record(record)
    return view.shown_barcode


def _product_tip(row: RecordRow) -> str | None:
    code = row.cell(PRODUCT_KEY)
    found = fiscal.product_key(code) if code else None
    return f"{found.code} — {found.description}" if found else None


def taxes_tip(taxes: Sequence[Mapping[str, Any]]) -> str | None:
    """One line per tax: type · factor · rate · retención/traslado · included or added.

    Read through `rows_from_taxes` (the one lenient tax-row reader): a Tasa shows as its
    percentage ("16 %"), a Cuota as pesos per unit.
    """
    lines = []
    for tax in rows_from_taxes(taxes):
        if tax.factor == "Tasa":
            rate = f"{tax.rate} %"
        elif tax.factor == "Cuota":
            rate = f"${tax.rate}/u"
        else:
            rate = ""
        parts = (
            tax.type,
            tax.factor,
            rate,
            QCoreApplication.translate("ServicesPage", "retención")
            if tax.withholding
            else QCoreApplication.translate("ServicesPage", "traslado"),
            QCoreApplication.translate("ServicesPage", "incluido en el precio")
            if tax.inclusive
            else QCoreApplication.translate("ServicesPage", "se suma al precio"),
        )
        lines.append(" · ".join(part for part in parts if part))
    return "\n".join(lines) or None


def _cell(index: int) -> Callable[[RecordRow], str]:
    return lambda row: row.cell(index)


def _price_key(row: RecordRow) -> Decimal:
    price = row.cell(PRICE)
    return price if price is not None else Decimal(-1)


class ServicesPage(RecordPage):
    title = str(QT_TRANSLATE_NOOP("Page", "Servicios"))
    icon_name = "services"
    resource = Resource.SERVICES
    create_kind = OutboxKind.CREATE_SERVICE
    update_kind = OutboxKind.UPDATE_SERVICE
    noun = "servicio"

    def __init__(self, ctx: UiContext) -> None:
        self._summaries: dict[str, str] = {}  # tax summary by taxes (few distinct ones)
        super().__init__(ctx)
        self.setObjectName("services")
        self.table.setObjectName("servicesTable")
        self.search.setObjectName("servicesSearch")
        self.search.setAccessibleName(self.tr("Buscar servicios"))
        self.search.setPlaceholderText(
            self.tr("Buscar por descripción, SKU o código de barras…  (Ctrl+F)")
        )
        self.heading.setText(self.tr("Servicios"))
        self.new_button = self.add_button(
            "newService", self.tr("Nuevo"), "Ctrl+N", self.new_service, self.tr("Nuevo servicio")
        )
        self.edit_button = self.add_button(
            "editService", self.tr("Editar"), "F2", self.edit_selected, self.tr("Editar servicio")
        )
        self.delete_button = self.add_button(
            "deleteService",
            self.tr("Eliminar"),
            "Del",
            self.delete_selected,
            self.tr("Eliminar servicio (necesita conexión)"),
        )
        self.fetch_action = self.add_fetch_action()
        find = self.add_menu_action("findService", self.tr("Buscar"), "Ctrl+F", self.activated)
        self.actions_menu_items.remove(find)
        # Descripción takes the room left; a barcode, a price, a unit and the taxes are never
        # cut (samples: the widest the seed catalogue holds; at 1366x768 a longer unit name
        # shows whole in its tooltip).
        self.fit_columns(
            (
                "Cuaderno profesional",
                "PAP-0000",
                "7501000001010",
                "$99,999.00",
                "14111514",
                "KGM Kilogramo",
                "IEPS 8 % + IVA 0 % incl.",
                "Detenido: revisa la Cola",
            ),
            stretch=0,
        )
        # Estado only says something about a service waiting in the queue: while nothing
        # waits, its room goes to Descripción instead of sitting empty.
        self.model.modelReset.connect(self._show_status_when_something_waits)
        self.reload_when_shown()

    def columns(self) -> Sequence[Column[RecordRow]]:
        return [
            Column(self.tr("Descripción"), _cell(DESCRIPTION)),
            Column(self.tr("SKU"), _cell(SKU)),
            Column(self.tr("Código de barras"), _cell(BARCODE)),
            Column(
                self.tr("Precio"),
                lambda r: money(r.cell(PRICE)),
                sort_key=_price_key,
                align_right=True,
                tooltip=lambda r: self.tr("Precio con impuestos"),
            ),
            Column(self.tr("Clave SAT"), _cell(PRODUCT_KEY), tooltip=_product_tip),
            Column(self.tr("Unidad"), _cell(UNIT), tooltip=lambda r: r.cell(UNIT) or None),
            # The taxes themselves are not kept per row: the tooltip reads the record again.
            Column(
                self.tr("Impuestos"),
                _cell(TAXES),
                tooltip=lambda r: taxes_tip(self.view_of(r).taxes),
            ),
            Column(self.tr("Estado"), _cell(STATUS), tooltip=lambda r: r.outbox_error),
        ]

    def _show_status_when_something_waits(self) -> None:
        # `_watched` (the outbox rows this reload showed as waiting) is set just before the
        # rows, so it is current whenever the model resets.
        self.table.setColumnHidden(STATUS, not self._watched)

    def cells(
        self, record: Mapping[str, Any], queued: Queued | None, shared: Shared
    ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        service = ServiceView.from_record(record)
        taxes = service.taxes
        summary = self._summaries.get(repr(taxes))
        if summary is None:
            summary = self._summaries[repr(taxes)] = tax_summary(taxes)
        return (
            (service.description, service.sku, service.shown_barcode),
            (
                shared(service.price_with_taxes),
                shared(service.product_key),
                shared(service.unit),
                shared(summary),
                shared(pending_label(queued) or ""),
            ),
        )

    def search_text(self, record: Mapping[str, Any]) -> str:
        return ServiceView.from_record(record).search_text

    def fetch_one(self, client: GigstackClient, record_id: str, team: str | None) -> Any:
        return client.services.get(record_id, team=team)

    def view_of(self, row: RecordRow) -> ServiceView:
        """The selected service, whole and typed (read again from the cache)."""
        return ServiceView.from_record(self.record_of(row))

    # -- create / edit (outbox) -----------------------------------------------------------------

    def taken_skus(self) -> list[str]:
        return [r.cell(SKU) for r in self.model.all_rows()]

    def open_dialog(self, service: RecordRow | ServiceView | None = None) -> ServiceDialog:
        """Build (not show) the dialog for a new service or for a row's (or view's) service."""
        if service is None:
            return ServiceDialog(self._queue_create, None, self.taken_skus(), self)
        view = self.view_of(service) if isinstance(service, RecordRow) else service
        record_id = view.id or str(getattr(service, "id", "") or "")
        return ServiceDialog(
            lambda changes: self.queue_update(record_id, changes),
            view,
            self.taken_skus(),
            self,
        )

    def new_service(self) -> None:
        self.open_dialog().exec()

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.say(self.tr("Selecciona un servicio para editarlo."), error=True)
            return
        if row.pending_create:
            self.say(
                self.tr(
                    "Este servicio aún no se envía a gigstack; podrás editarlo cuando se envíe "
                    "(o corrígelo en la Cola si quedó detenido)."
                ),
                error=True,
            )
            return
        self.open_dialog(row).exec()

    # What the last "pendiente de enviar" message spoke of: (outbox rows, service name, text).
    _pending_notice: tuple[set[int], str, str] | None = None
    _queued_name = ""
    _notice_watch = False

    def _queue_create(self, body: dict[str, Any]) -> None:
        sku = str(body["sku"])
        self._queued_name = str(body.get("description", ""))
        self.queue_create(
            body,
            self.tr("Servicio «{0}» guardado; pendiente de enviar a gigstack.").format(
                body.get("description", "")
            ),
            serial_key=f"service:{sku}",
        )

    def _after_queueing(
        self, message: str, record_id: str | None = None, outbox_id: int | None = None
    ) -> None:
        """As the record page does, and remember which queued rows the "pendiente de enviar"
        message speaks of: when they are sent (or stop), the message says so instead of
        staying "pendiente" after gigstack has the service."""
        before = {item.id for item in self._waiting_items()}
        super()._after_queueing(message, record_id=record_id, outbox_id=outbox_id)
        name = self._queued_name if outbox_id is not None else ""
        self._queued_name = ""
        ids = {item.id for item in self._waiting_items()} - before
        if outbox_id is not None:
            ids.add(outbox_id)
        self._pending_notice = (ids, name, self.message.text())
        if not self._notice_watch:
            self._notice_watch = True
            self.model.modelReset.connect(self._update_pending_notice)

    def _update_pending_notice(self) -> None:
        """The queued rows the message spoke of left the queue: say how it ended."""
        pending = self._pending_notice
        if pending is None:
            return
        ids, name, said = pending
        if self.message.text() != said:  # something newer was said since: leave it
            self._pending_notice = None
            return
        outbox = self.ctx.core.outbox
        states = []
        for row_id in ids:
            try:
                states.append(outbox.get(row_id).state)
            except OutboxError:
                continue  # gone (another process): nothing to say of it
        if any(state in (OutboxState.PENDING, OutboxState.SENDING) for state in states):
            return
        self._pending_notice = None
        if OutboxState.PARKED in states:
            text = self.tr("«{0}» quedó detenido: revísalo en la Cola.").format(name or "")
            self.say(text if name else self.tr("Cambios detenidos: revísalos en la Cola."), True)
        elif name:
            self.say(self.tr("Servicio «{0}» enviado a gigstack.").format(name))
        else:
            self.say(self.tr("Cambios enviados a gigstack."))

    # -- delete (server) ----------------------------------------------------------------------

    def delete_selected(self) -> None:
        row = self.needs_server_row(self.selected_row(), self.tr("eliminarlo"))
        if row is None or self.refuse_offline(self.tr("eliminar un servicio")):
            return
        name = row.cell(DESCRIPTION) or str(row.id)
        if not self.confirm(
            self.tr("Eliminar servicio"),
            self.tr("¿Eliminar «{0}» del catálogo de gigstack? No se puede deshacer.").format(name),
        ):
            return
        self.delete_row(row)

    def delete_row(self, row: RecordRow) -> None:
        record_id, team = str(row.id), self.ctx.team
        name = row.cell(DESCRIPTION) or record_id

        cache = self.ctx.core.cache

        def done(_result: Any) -> None:
            self.reload()
            self.say(self.tr("Servicio «{0}» eliminado.").format(name))

        self.run_online(
            self.tr("eliminar el servicio"),
            lambda c: c.services.delete(record_id, team=team),
            done,
            write_through=lambda _result: cache.remove(Resource.SERVICES, team, [record_id]),
        )
