"""``client.clients``: gigstack clients (customers), REFERENCE §3."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.gigstack._base import (
    Resource,
    SortOrder,
    body_json,
    coerce_body,
    list_params,
    parse_model,
    segment,
)
from desktop.gigstack.models import (
    Client,
    ClientInput,
    ClientSearch,
    ClientUpdate,
    Deleted,
    PortalToken,
    PortalTokenRequest,
    StampReceiptsResult,
)
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["ClientsResource"]


class ClientsResource(Resource):
    """Endpoints under ``/clients``."""

    def list_page(
        self,
        *,
        limit: int | None = None,
        next: str | None = None,
        order_by: str | None = None,
        sort: SortOrder | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Page[Client]:
        """Fetch one page of clients (``GET /clients``).

        Args:
            limit: Page size, 1–100 (server default 10).
            next: Cursor from the previous page's ``next``.
            order_by: Sort field (``timestamp`` or ``name`` in public code).
            sort: ``asc`` or ``desc``.
            created_gte: Created at or after (aware datetime or epoch seconds).
            created_lte: Created at or before.
            metadata: Exact-match metadata filters, sent as ``metadata.<key>=<value>``.
            team: gigstack Connect team for this call.

        Raises:
            InvalidRequestError: A filter is out of range; nothing was sent.
            GigstackError: See :mod:`desktop.gigstack.errors`.
        """
        params = list_params(
            limit=limit,
            next=next,
            order_by=order_by,
            sort=sort,
            created_gte=created_gte,
            created_lte=created_lte,
            metadata=metadata,
        )
        return self._list_page("/clients", Client, params, team)

    def create(
        self,
        body: ClientInput | Mapping[str, Any],
        *,
        search: ClientSearch | Mapping[str, Any] | None = None,
        team: str | None = None,
    ) -> Client:
        """Create a client, or find (and optionally update) one (``POST /clients``).

        With ``search`` (e.g. ``{"on_key": "tax_id", "on_value": rfc}``) an existing match is
        returned (200) instead of creating a duplicate; ``Client.was_created`` tells which
        happened. Several matches raise :class:`ConflictError` (409), REFERENCE §2.14.
        """
        request = coerce_body(ClientInput, body, search=search)
        response = self._send("POST", "/clients", body=body_json(request), team=team)
        client = parse_model(Client, response, require_data=True)
        client._created = response.status_code == 201
        return client

    def get(self, client_id: str, *, team: str | None = None) -> Client:
        """Fetch one client (``GET /clients/{id}``)."""
        return parse_model(
            Client,
            self._send("GET", f"/clients/{segment(client_id)}", team=team),
            require_data=True,
        )

    def update(
        self,
        client_id: str,
        body: ClientUpdate | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Client:
        """Change some fields of a client (``PUT /clients/{id}``); send only what changes."""
        path = f"/clients/{segment(client_id)}"
        request = coerce_body(ClientUpdate, body)
        return parse_model(Client, self._send("PUT", path, body=body_json(request), team=team))

    def delete(self, client_id: str, *, team: str | None = None) -> Deleted:
        """Delete a client (``DELETE /clients/{id}``)."""
        response = self._send("DELETE", f"/clients/{segment(client_id)}", team=team)
        deleted = parse_model(Deleted, response)
        if deleted.message is None:
            deleted.message = response.message
        return deleted

    def validate(self, client_id: str, *, team: str | None = None) -> Client:
        """Check a client's fiscal data with the SAT (``POST /clients/validate/{id}``)."""
        path = f"/clients/validate/{segment(client_id)}"
        return parse_model(Client, self._send("POST", path, team=team))

    def portal_token(
        self,
        *,
        client_id: str | None = None,
        email: str | None = None,
        team: str | None = None,
    ) -> PortalToken:
        """Get a customer-portal link for a client (``POST /clients/customerportal``).

        Give exactly one of ``client_id`` or ``email`` (REFERENCE §3.7).
        """
        request = coerce_body(PortalTokenRequest, {"id": client_id, "email": email})
        response = self._send("POST", "/clients/customerportal", body=body_json(request), team=team)
        return parse_model(PortalToken, response)

    def search(
        self,
        q: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        team: str | None = None,
    ) -> Page[Client]:
        """Search clients by free text (``GET /clients/search``, page-numbered from 1).

        ``total_results`` is the server's ``found`` count.
        """
        return self._search(
            "/clients/search", Client, q, page=page, limit=limit, filters={}, team=team
        )

    def stamp_pending_receipts(
        self, client_id: str, *, team: str | None = None
    ) -> StampReceiptsResult:
        """Stamp all of a client's pending receipts as CFDI
        (``POST /clients/{id}/stamp-pending-receipts``)."""
        path = f"/clients/{segment(client_id)}/stamp-pending-receipts"
        return parse_model(StampReceiptsResult, self._send("POST", path, team=team))

    def list(
        self,
        *,
        limit: int | None = None,
        order_by: str | None = None,
        sort: SortOrder | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Paginator[Client]:
        """Iterate over all clients, fetching pages lazily (``GET /clients``).

        Arguments as for :meth:`list_page`; ``limit`` is the page size. Filters are checked
        now, so a bad one raises here rather than on first iteration.
        """
        return self._paginate(
            self.list_page,
            limit=limit,
            order_by=order_by,
            sort=sort,
            created_gte=created_gte,
            created_lte=created_lte,
            metadata=metadata,
            team=team,
        )
