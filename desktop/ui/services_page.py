"""The Servicios page: the cached catalog of what the counter sells, searchable as you type.

Creating and editing go through the outbox (offline-safe, shown at once as "pendiente de
enviar"); deleting needs gigstack and is refused while offline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import fiscal
from desktop.records import number
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxKind
from desktop.ui.context import UiContext
from desktop.ui.formatting import money
from desktop.ui.record_page import RecordPage, RecordRow, pending_label
from desktop.ui.sat_pickers import tax_summary
from desktop.ui.service_dialog import ServiceDialog, is_barcode
from desktop.ui.table_model import Column


def price_with_taxes(record: dict[str, Any]) -> Decimal | None:
    """What one unit costs the customer (taxes included), or None when it cannot be computed."""
    price = number(record.get("unit_price"))
    if price is None:
        return None
    taxes = record.get("taxes") or []
    try:
        if all(t.get("inclusive") and not t.get("withholding") for t in taxes):
            # Inclusive taxes keep the amount: the price already is what the customer pays.
            return price
        return _line_total(str(price), json.dumps(taxes, sort_keys=True))
    except (ValueError, ArithmeticError, TypeError, AttributeError):
        return None


@lru_cache(maxsize=4096)
def _line_total(price: str, taxes: str) -> Decimal:
    # 50k services share few price/tax combinations; compute_line is the slow part of a reload.
    line = fiscal.compute_line({"quantity": 1, "unit_price": price, "taxes": json.loads(taxes)})
    return line.total


def barcode_of(record: dict[str, Any]) -> str:
    """The barcode: a `barcode` field or metadata if the server has one, else a GTIN SKU."""
    metadata = record.get("metadata")
    value = record.get("barcode") or (
        metadata.get("barcode") if isinstance(metadata, dict) else None
    )
    if value:
        return str(value)
    sku = str(record.get("sku") or "")
    return sku if is_barcode(sku) else ""


def _unit(record: dict[str, Any]) -> str:
    code, name = str(record.get("unit_key") or ""), str(record.get("unit_name") or "")
    return f"{code} {name}".strip()


def _product_tip(row: RecordRow) -> str | None:
    code = str(row.record.get("product_key") or "")
    found = fiscal.product_key(code) if code else None
    return f"{found.code} — {found.description}" if found else None


def _taxes_tip(row: RecordRow) -> str | None:
    lines = []
    for tax in row.record.get("taxes") or []:
        lines.append(
            " · ".join(
                str(part)
                for part in (
                    tax.get("type"),
                    tax.get("factor") or "Tasa",
                    tax.get("rate"),
                    QCoreApplication.translate("ServicesPage", "retención")
                    if tax.get("withholding")
                    else QCoreApplication.translate("ServicesPage", "traslado"),
                    QCoreApplication.translate("ServicesPage", "incluido en el precio")
                    if tax.get("inclusive")
                    else QCoreApplication.translate("ServicesPage", "se suma al precio"),
                )
            )
        )
    return "\n".join(lines) or None


class ServicesPage(RecordPage):
    title = str(QT_TRANSLATE_NOOP("Page", "Servicios"))
    icon_name = "services"
    resource = Resource.SERVICES
    create_kind = OutboxKind.CREATE_SERVICE
    update_kind = OutboxKind.UPDATE_SERVICE
    noun = "servicio"

    def __init__(self, ctx: UiContext) -> None:
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
        find = self.add_menu_action("findService", self.tr("Buscar"), "Ctrl+F", self.activated)
        self.actions_menu_items.remove(find)
        # Descripción takes the room left; a barcode and a price are never cut.
        self.fit_columns(
            (
                "Cuaderno profesional",
                "PAP-0000",
                "7501000001010",
                "$99,999.00",
                "14111514",
                "H87 Pieza",
                "IVA 16% incl.",
                "Pendiente de enviar",
            ),
            stretch=0,
        )
        self.reload_when_shown()

    def columns(self) -> Sequence[Column[RecordRow]]:
        return [
            Column(self.tr("Descripción"), lambda r: str(r.record.get("description") or "")),
            Column(self.tr("SKU"), lambda r: str(r.record.get("sku") or "")),
            Column(self.tr("Código de barras"), lambda r: r.extra["barcode"]),
            Column(
                self.tr("Precio"),
                lambda r: money(r.extra["price"]),
                sort_key=lambda r: r.extra["price"] if r.extra["price"] is not None else -1,
                align_right=True,
                tooltip=lambda r: self.tr("Precio con impuestos"),
            ),
            Column(
                self.tr("Clave SAT"),
                lambda r: str(r.record.get("product_key") or ""),
                tooltip=_product_tip,
            ),
            Column(self.tr("Unidad"), lambda r: _unit(r.record)),
            Column(self.tr("Impuestos"), lambda r: r.extra["taxes"], tooltip=_taxes_tip),
            Column(
                self.tr("Estado"),
                lambda r: r.extra["status"] or "",
                tooltip=lambda r: r.outbox_error,
            ),
        ]

    def search_text(self, row: RecordRow) -> str:
        record = row.record
        return " ".join(
            [
                str(record.get("description") or ""),
                str(record.get("sku") or ""),
                row.extra.get("barcode", ""),
                str(record.get("product_key") or ""),
            ]
        )

    def decorate(self, row: RecordRow) -> RecordRow:
        row.extra = {
            "barcode": barcode_of(row.record),
            "price": price_with_taxes(row.record),
            "taxes": tax_summary(row.record.get("taxes")),
            "status": pending_label(row),
        }
        return row

    # -- create / edit (outbox) -----------------------------------------------------------------

    def taken_skus(self) -> list[str]:
        return [str(r.record.get("sku") or "") for r in self.model.all_rows()]

    def open_dialog(self, record: dict[str, Any] | None = None) -> ServiceDialog:
        if record is None:
            return ServiceDialog(self._queue_create, None, self.taken_skus(), self)
        record_id = str(record.get("id"))
        return ServiceDialog(
            lambda changes: self.queue_update(record_id, changes),
            record,
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
        self.open_dialog(row.record).exec()

    def _queue_create(self, body: dict[str, Any]) -> None:
        sku = str(body["sku"])
        self.queue_create(
            body,
            self.tr("Servicio «{0}» guardado; pendiente de enviar a gigstack.").format(
                body.get("description", "")
            ),
            serial_key=f"service:{sku}",
        )

    # -- delete (server) ----------------------------------------------------------------------

    def delete_selected(self) -> None:
        row = self.needs_server_row(self.selected_row(), self.tr("eliminarlo"))
        if row is None or self.refuse_offline(self.tr("eliminar un servicio")):
            return
        name = str(row.record.get("description") or row.id)
        if not self.confirm(
            self.tr("Eliminar servicio"),
            self.tr("¿Eliminar «{0}» del catálogo de gigstack? No se puede deshacer.").format(name),
        ):
            return
        self.delete_row(row)

    def delete_row(self, row: RecordRow) -> None:
        record_id, team = str(row.id), self.ctx.team
        name = str(row.record.get("description") or record_id)

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
