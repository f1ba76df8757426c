"""``client.services``: the product/service catalog, REFERENCE §4."""

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
from desktop.gigstack.models import Deleted, Service, ServiceInput, ServiceUpdate
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["ServicesResource"]


class ServicesResource(Resource):
    """Endpoints under ``/services``."""

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
    ) -> Page[Service]:
        """Fetch one page of services (``GET /services``).

        Args:
            limit: Page size, 1–100.
            next: Cursor from the previous page.
            order_by: Sort field.
            sort: ``asc`` or ``desc``.
            created_gte: Created at or after (aware datetime or epoch seconds).
            created_lte: Created at or before.
            metadata: Exact-match metadata filters (``metadata.<key>=<value>``).
            team: gigstack Connect team for this call.
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
        return self._list_page("/services", Service, params, team)

    def create(self, body: ServiceInput | Mapping[str, Any], *, team: str | None = None) -> Service:
        """Create a service (``POST /services``)."""
        request = coerce_body(ServiceInput, body)
        return parse_model(
            Service,
            self._send("POST", "/services", body=body_json(request), team=team),
            require_data=True,
        )

    def get(self, service_id: str, *, team: str | None = None) -> Service:
        """Fetch one service (``GET /services/{id}``)."""
        path = f"/services/{segment(service_id)}"
        return parse_model(Service, self._send("GET", path, team=team), require_data=True)

    def update(
        self,
        service_id: str,
        body: ServiceUpdate | Mapping[str, Any],
        *,
        team: str | None = None,
    ) -> Service:
        """Change some fields of a service (``PUT /services/{id}``)."""
        path = f"/services/{segment(service_id)}"
        request = coerce_body(ServiceUpdate, body)
        return parse_model(Service, self._send("PUT", path, body=body_json(request), team=team))

    def delete(self, service_id: str, *, team: str | None = None) -> Deleted:
        """Delete a service (``DELETE /services/{id}``)."""
        response = self._send("DELETE", f"/services/{segment(service_id)}", team=team)
        deleted = parse_model(Deleted, response)
        if deleted.message is None:
            deleted.message = response.message
        return deleted

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
    ) -> Paginator[Service]:
        """Iterate over all services lazily; arguments as for :meth:`list_page`."""
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
