"""The Clientes page: the cached clients, searchable as you type, and what can be done to them.

Creating and editing go through the outbox (they work offline and show at once as
"pendiente de enviar"); deleting, validating with the SAT, the portal link and stamping pending
receipts need gigstack and are refused while offline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QApplication, QMenu

from desktop import fiscal
from desktop.gigstack import GigstackClient
from desktop.records.clients import ClientView
from desktop.store.cache import Resource
from desktop.store.outbox import OutboxKind
from desktop.sync.writethrough import keep_answer
from desktop.ui.client_dialog import ClientDialog
from desktop.ui.context import UiContext
from desktop.ui.record_page import Queued, RecordPage, RecordRow, Shared, pending_label
from desktop.ui.table_model import Column

# A row's cells (`RecordRow.cell`): its own texts, then values many rows share.
NAME, RFC, EMAIL, REGIME, ZIP, STATUS = range(6)


def client_status(queued: Queued | RecordRow | None, client: ClientView) -> str:
    """The "estado" column: queued writes first, then what gigstack said about the data."""
    label = pending_label(queued)
    if label:
        return label
    if client.efos_valid is False:
        return QCoreApplication.translate("ClientsPage", "EFOS")
    if client.is_valid is True:
        return QCoreApplication.translate("ClientsPage", "Válido")
    if client.is_valid is False:
        return QCoreApplication.translate("ClientsPage", "Datos por revisar")
    return ""


def _regime_tip(row: RecordRow) -> str | None:
    code = row.cell(REGIME)
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


def _cell(index: int) -> Callable[[RecordRow], str]:
    return lambda row: row.cell(index)


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
        self.fetch_action = self.add_fetch_action()
        more = self.add_button(
            "moreActions", self.tr("Más…"), None, self._show_more, self.tr("Acciones del cliente")
        )
        more.setToolTip(
            self.tr(
                "Validar datos fiscales (Ctrl+Shift+V), copiar enlace del portal (Ctrl+Shift+L), "
                "timbrar recibos pendientes (Ctrl+Shift+T), actualizar desde gigstack "
                "(Mayús+F5); también con clic derecho"
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
            Column(self.tr("Nombre"), _cell(NAME)),
            Column(self.tr("RFC"), _cell(RFC)),
            Column(self.tr("Régimen"), _cell(REGIME), tooltip=_regime_tip),
            Column(self.tr("Correo"), _cell(EMAIL)),
            Column(self.tr("CP"), _cell(ZIP)),
            Column(self.tr("Estado"), _cell(STATUS), tooltip=_status_tip),
        ]

    def cells(
        self, record: Mapping[str, Any], queued: Queued | None, shared: Shared
    ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        client = ClientView.from_record(record)
        return (
            (client.name, client.rfc, client.email),
            (
                shared(client.tax_system),
                shared(client.zip),
                shared(client_status(queued, client)),
            ),
        )

    def search_text(self, record: Mapping[str, Any]) -> str:
        return ClientView.from_record(record).search_text

    def fetch_one(self, client: GigstackClient, record_id: str, team: str | None) -> Any:
        return client.clients.get(record_id, team=team)

    def view_of(self, row: RecordRow) -> ClientView:
        """The selected client, whole and typed (read again from the cache)."""
        return ClientView.from_record(self.record_of(row))

    def _show_more(self) -> None:
        menu = QMenu(self)
        for action in (self.validate_action, self.portal_action, self.stamp_action):
            menu.addAction(action)
        button = self.findChild(type(self.new_button), "moreActions")
        menu.exec(button.mapToGlobal(button.rect().bottomLeft()) if button else self.cursor().pos())

    # -- create / edit (outbox) -----------------------------------------------------------------

    def open_dialog(self, client: RecordRow | ClientView | None = None) -> ClientDialog:
        """Build (not show) the dialog for a new client or for a row's (or view's) client."""
        if client is None:
            return ClientDialog(self._queue_create, None, self)
        view = self.view_of(client) if isinstance(client, RecordRow) else client
        record_id = view.id or str(getattr(client, "id", "") or "")
        return ClientDialog(lambda changes: self.queue_update(record_id, changes), view, self)

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
        self.open_dialog(row).exec()

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
        name = self.view_of(row).display_name or str(row.id)
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
        name = row.cell(NAME) or record_id

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

    def validate(self) -> None:
        what = self.tr("validar los datos fiscales")
        row = self._server_row(what)
        if row is None:
            return
        record_id, team, cache = str(row.id), self.ctx.team, self.ctx.core.cache

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
            write_through=lambda client: keep_answer(cache, Resource.CLIENTS, team, client),
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
