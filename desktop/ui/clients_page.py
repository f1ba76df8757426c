"""The Clientes page: the cached clients, searchable as you type, and what can be done to them.

Creating and editing go through the outbox (they work offline and show at once as
"pendiente de enviar"); deleting, validating with the SAT, the portal link and stamping pending
receipts need gigstack and are refused while offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QApplication, QMenu

from desktop import fiscal
from desktop.gigstack import GigstackClient
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxKind
from desktop.ui.client_dialog import ClientDialog
from desktop.ui.context import UiContext
from desktop.ui.record_page import RecordPage, RecordRow, pending_label
from desktop.ui.table_model import Column


def client_status(row: RecordRow) -> str:
    """The "estado" column: queued writes first, then what gigstack said about the data."""
    queued = pending_label(row)
    if queued:
        return queued
    record = row.record
    efos = record.get("efos")
    if isinstance(efos, dict) and efos.get("is_valid") is False:
        return QCoreApplication.translate("ClientsPage", "EFOS")
    valid = record.get("is_valid")
    if valid is True:
        return QCoreApplication.translate("ClientsPage", "Válido")
    if valid is False:
        return QCoreApplication.translate("ClientsPage", "Datos por revisar")
    return ""


def _zip(record: dict[str, Any]) -> str:
    address = record.get("address")
    return str(address.get("zip") or "") if isinstance(address, dict) else ""


def _regime_tip(row: RecordRow) -> str | None:
    code = str(row.record.get("tax_system") or "")
    found = fiscal.tax_regime(code) if code else None
    return f"{found.code} — {found.description}" if found else None


def _status_tip(row: RecordRow) -> str | None:
    if row.outbox_error:
        return row.outbox_error
    if row.outbox_state is not None:
        return QCoreApplication.translate(
            "ClientsPage", "Guardado en esta caja; se enviará a gigstack en cuanto haya conexión."
        )
    return None


class ClientsPage(RecordPage):
    title = str(QT_TRANSLATE_NOOP("Page", "Clientes"))
    icon_name = "clients"
    resource = Resource.CLIENTS
    create_kind = OutboxKind.CREATE_CLIENT
    update_kind = OutboxKind.UPDATE_CLIENT
    noun = "cliente"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("clients")
        self.table.setObjectName("clientsTable")
        self.search.setObjectName("clientsSearch")
        self.search.setAccessibleName(self.tr("Buscar clientes"))
        self.search.setPlaceholderText(self.tr("Buscar por nombre, RFC o correo…  (Ctrl+F)"))
        self.heading.setText(self.tr("Clientes"))

        self.new_button = self.add_button(
            "newClient", self.tr("Nuevo"), "Ctrl+N", self.new_client, self.tr("Nuevo cliente")
        )
        self.edit_button = self.add_button(
            "editClient", self.tr("Editar"), "F2", self.edit_selected, self.tr("Editar cliente")
        )
        self.delete_button = self.add_button(
            "deleteClient",
            self.tr("Eliminar"),
            "Del",
            self.delete_selected,
            self.tr("Eliminar cliente (necesita conexión)"),
        )
        self.validate_action = self.add_menu_action(
            "validateClient", self.tr("Validar datos fiscales"), "Ctrl+Shift+V", self.validate
        )
        self.portal_action = self.add_menu_action(
            "copyPortalLink", self.tr("Copiar enlace del portal"), "Ctrl+Shift+L", self.portal
        )
        self.stamp_action = self.add_menu_action(
            "stampReceipts",
            self.tr("Timbrar recibos pendientes"),
            "Ctrl+Shift+T",
            self.stamp_receipts,
        )
        more = self.add_button(
            "moreActions", self.tr("Más…"), None, self._show_more, self.tr("Acciones del cliente")
        )
        more.setToolTip(
            self.tr(
                "Validar datos fiscales (Ctrl+Shift+V), copiar enlace del portal (Ctrl+Shift+L), "
                "timbrar recibos pendientes (Ctrl+Shift+T); también con clic derecho"
            )
        )
        self.actions_menu_items.remove(self.actions_menu_items[-1])  # "Más…" itself
        find = self.add_menu_action("findClient", self.tr("Buscar"), "Ctrl+F", self.activated)
        self.actions_menu_items.remove(find)
        # Nombre takes the room left; an RFC (13 characters) and a CP are never cut.
        self.fit_columns(
            (
                "Distribuidora Papelera",
                "XAXX010101000",
                "601",
                "compras@correo.com.mx",
                "00000",
                "Pendiente de enviar",
            ),
            stretch=0,
        )
        self.reload_when_shown()

    def columns(self) -> Sequence[Column[RecordRow]]:
        return [
            Column(self.tr("Nombre"), lambda r: str(r.record.get("name") or "")),
            Column(self.tr("RFC"), lambda r: str(r.record.get("tax_id") or "")),
            Column(
                self.tr("Régimen"),
                lambda r: str(r.record.get("tax_system") or ""),
                tooltip=_regime_tip,
            ),
            Column(self.tr("Correo"), lambda r: str(r.record.get("email") or "")),
            Column(self.tr("CP"), lambda r: _zip(r.record)),
            Column(self.tr("Estado"), client_status, tooltip=_status_tip),
        ]

    def search_text(self, row: RecordRow) -> str:
        record = row.record
        return " ".join(
            str(record.get(k) or "") for k in ("name", "legal_name", "tax_id", "email", "phone")
        )

    def _show_more(self) -> None:
        menu = QMenu(self)
        for action in (self.validate_action, self.portal_action, self.stamp_action):
            menu.addAction(action)
        button = self.findChild(type(self.new_button), "moreActions")
        menu.exec(button.mapToGlobal(button.rect().bottomLeft()) if button else self.cursor().pos())

    # -- create / edit (outbox) -----------------------------------------------------------------

    def open_dialog(self, record: dict[str, Any] | None = None) -> ClientDialog:
        """Build (not show) the dialog for a new client or for `record`."""
        if record is None:
            return ClientDialog(self._queue_create, None, self)
        record_id = str(record.get("id"))
        return ClientDialog(lambda changes: self.queue_update(record_id, changes), record, self)

    def new_client(self) -> None:
        dialog = self.open_dialog()
        dialog.exec()

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.say(self.tr("Selecciona un cliente para editarlo."), error=True)
            return
        if row.pending_create:
            self.say(
                self.tr(
                    "Este cliente aún no se envía a gigstack; podrás editarlo cuando se envíe "
                    "(o corrígelo en la Cola si quedó detenido)."
                ),
                error=True,
            )
            return
        self.open_dialog(row.record).exec()

    def _queue_create(self, body: dict[str, Any]) -> None:
        def payload(identity: Any) -> dict[str, Any]:
            metadata = dict(body.get("metadata") or {})
            metadata["local_id"] = identity.local_id
            return {**body, "metadata": metadata}

        self.queue_create(
            payload,
            self.tr("Cliente «{0}» guardado; pendiente de enviar a gigstack.").format(
                body.get("name", "")
            ),
        )

    # -- server actions -----------------------------------------------------------------------

    def delete_selected(self) -> None:
        row = self.needs_server_row(self.selected_row(), self.tr("eliminarlo"))
        if row is None or self.refuse_offline(self.tr("eliminar un cliente")):
            return
        name = str(row.record.get("name") or row.record.get("tax_id") or row.id)
        if not self.confirm(
            self.tr("Eliminar cliente"),
            self.tr("¿Eliminar a «{0}» de gigstack? Esta acción no se puede deshacer.").format(
                name
            ),
        ):
            return
        self.delete_row(row)

    def delete_row(self, row: RecordRow) -> None:
        """Delete without asking (the caller confirmed)."""
        record_id, team = str(row.id), self.ctx.team
        name = str(row.record.get("name") or record_id)

        cache = self.ctx.core.cache

        def done(_result: Any) -> None:
            self.reload()
            self.say(self.tr("Cliente «{0}» eliminado.").format(name))

        self.run_online(
            self.tr("eliminar el cliente"),
            lambda c: c.clients.delete(record_id, team=team),
            done,
            write_through=lambda _result: cache.remove(Resource.CLIENTS, team, [record_id]),
        )

    def _server_row(self, what: str) -> RecordRow | None:
        row = self.needs_server_row(self.selected_row(), what)
        if row is None or self.refuse_offline(what):
            return None
        return row

    def _keep(self, model: Any) -> None:
        """Write a client the server returned into the cache (runs on the page lane)."""
        record = model.model_dump(mode="json", by_alias=True, exclude_none=True)
        if record.get("id"):
            self.ctx.core.cache.upsert(Resource.CLIENTS, self.ctx.team, [record])

    def validate(self) -> None:
        what = self.tr("validar los datos fiscales")
        row = self._server_row(what)
        if row is None:
            return
        record_id, team = str(row.id), self.ctx.team

        def done(client: Any) -> None:
            self.reload()
            efos = getattr(client, "efos", None)
            if efos is not None and efos.is_valid is False:
                self.say(self.tr("Atención: el RFC aparece en la lista EFOS del SAT."), error=True)
            elif client.is_valid is False:
                self.say(self.tr("El SAT no confirmó los datos fiscales; revísalos."), error=True)
            else:
                self.say(self.tr("Datos fiscales válidos."))

        self.run_online(
            what,
            lambda c: c.clients.validate(record_id, team=team),
            done,
            write_through=self._keep,
        )

    def portal(self) -> None:
        what = self.tr("el enlace del portal")
        row = self._server_row(what)
        if row is None:
            return
        record_id, team = str(row.id), self.ctx.team

        def call(client: GigstackClient) -> Any:
            return client.clients.portal_token(client_id=record_id, team=team)

        def done(token: Any) -> None:
            url = getattr(token, "url", None)
            if not url:
                self.say(self.tr("gigstack no devolvió un enlace del portal."), error=True)
                return
            QApplication.clipboard().setText(url)
            self.say(self.tr("Enlace del portal copiado al portapapeles: {0}").format(url))

        self.run_online(what, call, done)

    def stamp_receipts(self) -> None:
        what = self.tr("timbrar los recibos pendientes")
        row = self._server_row(what)
        if row is None:
            return
        record_id, team = str(row.id), self.ctx.team

        def done(result: Any) -> None:
            stamped, failed = result.stamped or 0, result.failed or 0
            remaining = result.remaining or 0
            self.say(
                self.tr("Recibos timbrados: {0}; fallidos: {1}; quedan: {2}.").format(
                    stamped, failed, remaining
                ),
                error=bool(failed),
            )

        self.run_online(
            what, lambda c: c.clients.stamp_pending_receipts(record_id, team=team), done
        )
