"""``client.invoices``: income invoices (CFDI type I), REFERENCE §5."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from desktop.gigstack._base import (
    Resource,
    SortOrder,
    body_json,
    check_idempotency_key,
    coerce_body,
    list_params,
    parse_model,
    segment,
)
from desktop.gigstack.errors import InvalidRequestError
from desktop.gigstack.models import (
    Ack,
    CancelInvoiceRequest,
    CreateIncomeInvoiceRequest,
    Invoice,
    InvoiceFiles,
)
from desktop.gigstack.models._types import EMAIL_PATTERN
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["InvoicesResource"]


class InvoicesResource(Resource):
    """Endpoints under ``/invoices``."""

    def list_income_page(
        self,
        *,
        limit: int | None = None,
        next: str | None = None,
        order_by: str | None = None,
        sort: SortOrder | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        series: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Page[Invoice]:
        """Fetch one page of income invoices (``GET /invoices/income``).

        Args:
            limit: Page size, 1–100.
            next: Cursor from the previous page.
            order_by: Sort field.
            sort: ``asc`` or ``desc``.
            created_gte: Created at or after (aware datetime or epoch seconds).
            created_lte: Created at or before.
            status: Invoice status (``valid``, ``canceled`` ...), sent as given.
            client_id: Only this client's invoices.
            series: Only this series.
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
            filters={"status": status, "client_id": client_id, "series": series},
        )
        return self._list_page("/invoices/income", Invoice, params, team)

    def create_income(
        self,
        body: CreateIncomeInvoiceRequest | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        team: str | None = None,
    ) -> Invoice:
        """Create and stamp an income invoice (``POST /invoices/income``).

        ``idempotency_key`` goes in the JSON body as documented (REFERENCE §2.7); reuse the
        same key when retrying so a resend cannot stamp a second CFDI.
        """
        key = check_idempotency_key(idempotency_key)
        request = coerce_body(CreateIncomeInvoiceRequest, body, idempotency_key=key)
        response = self._send("POST", "/invoices/income", body=body_json(request), team=team)
        return parse_model(Invoice, response, require_data=True)

    def search(
        self,
        q: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        team: str | None = None,
    ) -> Page[Invoice]:
        """Search invoices by free text (``GET /invoices/search``, page-numbered from 1).

        ``total_results`` is the server's ``found`` count; unsupported filters may be ignored.
        """
        filters = {"status": status, "client_id": client_id}
        return self._search(
            "/invoices/search", Invoice, q, page=page, limit=limit, filters=filters, team=team
        )

    def send(
        self,
        invoice_id: str,
        *,
        emails: list[str] | None = None,
        team: str | None = None,
    ) -> Ack:
        """Send an invoice again by e-mail (``POST /invoices/{id}/send``, REFERENCE §16.4).

        The body is not documented: with ``emails`` it is ``{"emails": [...]}`` (the name
        every other gigstack body uses for recipients); without, no body and gigstack uses the
        client's address.
        """
        payload: dict[str, Any] | None = None
        if emails is not None:
            if not emails or not all(
                isinstance(e, str) and re.fullmatch(EMAIL_PATTERN, e) for e in emails
            ):
                raise InvalidRequestError("emails must be a non-empty list of e-mail addresses")
            payload = {"emails": list(emails)}
        path = f"/invoices/{segment(invoice_id)}/send"
        response = self._send("POST", path, body=payload, team=team)
        data = response.data if isinstance(response.data, dict) else {}
        return Ack(message=response.message, data=data)

    def list_egress_page(
        self,
        *,
        limit: int | None = None,
        next: str | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        team: str | None = None,
    ) -> Page[Invoice]:
        """One page of egress invoices, i.e. credit notes (``GET /invoices/egress``, §16.4)."""
        params = list_params(
            limit=limit,
            next=next,
            created_gte=created_gte,
            created_lte=created_lte,
            filters={"status": status, "client_id": client_id},
        )
        return self._list_page("/invoices/egress", Invoice, params, team)

    def list_payment_complements_page(
        self,
        *,
        limit: int | None = None,
        next: str | None = None,
        client_id: str | None = None,
        team: str | None = None,
    ) -> Page[Invoice]:
        """One page of payment complements (``GET /invoices/payment``, §16.4)."""
        params = list_params(limit=limit, next=next, filters={"client_id": client_id})
        return self._list_page("/invoices/payment", Invoice, params, team)

    def get_income(self, invoice_id: str, *, team: str | None = None) -> Invoice:
        """Fetch one income invoice (``GET /invoices/income/{id}``).

        A 404 may mean "not stamped yet" right after a payment (REFERENCE §5.3).
        """
        path = f"/invoices/income/{segment(invoice_id)}"
        return parse_model(Invoice, self._send("GET", path, team=team), require_data=True)

    def files(
        self,
        invoice_id: str,
        *,
        file_type: Literal["pdf", "xml"] | None = None,
        team: str | None = None,
    ) -> InvoiceFiles:
        """Get the PDF/XML locations of an invoice (``GET /invoices/{id}/files``).

        Args:
            invoice_id: The invoice's ``id`` (``uuid`` in the documented responses).
            file_type: Only ``pdf`` or only ``xml``; both when omitted.
            team: gigstack Connect team for this call.
        """
        if file_type not in (None, "pdf", "xml"):
            raise InvalidRequestError("file_type must be 'pdf', 'xml' or None")
        params = {"file_type": file_type} if file_type else None
        path = f"/invoices/{segment(invoice_id)}/files"
        return parse_model(InvoiceFiles, self._send("GET", path, params=params, team=team))

    def cancel(
        self,
        invoice_id: str,
        body: CancelInvoiceRequest | Mapping[str, Any] | None = None,
        *,
        motive: str | None = None,
        substitution_uuid: str | None = None,
        team: str | None = None,
    ) -> Invoice:
        """Cancel an invoice with the SAT (``DELETE /invoices/{id}`` with a JSON body).

        Pass either ``body`` or ``motive`` (``01``–``04``, REFERENCE §11.4) and, for motive
        ``01``, ``substitution_uuid``.
        """
        if body is None:
            body = {"motive": motive, "substitution_uuid": substitution_uuid}
        elif motive is not None or substitution_uuid is not None:
            raise InvalidRequestError("give either body or motive/substitution_uuid, not both")
        request = coerce_body(CancelInvoiceRequest, body)
        path = f"/invoices/{segment(invoice_id)}"
        return parse_model(Invoice, self._send("DELETE", path, body=body_json(request), team=team))

    def list_income(
        self,
        *,
        limit: int | None = None,
        order_by: str | None = None,
        sort: SortOrder | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        series: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Paginator[Invoice]:
        """Iterate over all income invoices lazily; arguments as for
        :meth:`list_income_page`."""
        return self._paginate(
            self.list_income_page,
            limit=limit,
            order_by=order_by,
            sort=sort,
            created_gte=created_gte,
            created_lte=created_lte,
            status=status,
            client_id=client_id,
            series=series,
            metadata=metadata,
            team=team,
        )
