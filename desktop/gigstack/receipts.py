"""``client.receipts``: self-invoice receipts, REFERENCE §7 and §16.1.

A receipt is what a counter sale to a customer without an RFC ends in: a non-fiscal sales note
whose ``url`` is gigstack's self-invoice portal ("Factura tu compra" QR on the ticket). The
customer invoices themselves before ``validUntil``; what nobody invoices ends in the period's
global invoice.

Defensive choices (the receipts pages of the docs are thin, REFERENCE §7):

* Filters follow the other lists plus ``status`` and ``client_id`` (gigstack's CLI). Statuses
  are sent as given: the CLI and the n8n node disagree on the list (see ``ReceiptStatus``).
* ``create`` puts ``idempotency_key`` in the body (n8n: a repeated key returns the existing
  receipt) and sends the caller's body as written (keys in the caller's order).
* ``stamp`` always sends ``stamp_to`` (the n8n node, generated from gigstack's swagger,
  requires it; gigstack's CLI sends no body and the server then stamps to the client) and the
  optional ``fiscal_information`` of the customer who came back with their RFC. ``date`` goes
  as epoch milliseconds, as the n8n node sends it.
* ``cancel`` reads whatever comes back: the receipt, an id, or nothing.
"""

from __future__ import annotations

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
    CreateReceiptRequest,
    FiscalInformation,
    Receipt,
    StampReceiptRequest,
)
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["ReceiptsResource", "StampTo"]

StampTo = Literal["client", "general_public_national", "general_public_foreign"]


class ReceiptsResource(Resource):
    """Endpoints under ``/receipts``."""

    def list_page(
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
        payment_id: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Page[Receipt]:
        """Fetch one page of receipts (``GET /receipts``).

        Args:
            limit: Page size, 1–100.
            next: Cursor from the previous page.
            order_by: Sort field (``timestamp`` or ``name`` in public code).
            sort: ``asc`` or ``desc``.
            created_gte: Created at or after (aware datetime or epoch seconds).
            created_lte: Created at or before.
            status: Receipt status (``pending``, ``invoiced``, ``expired`` ...), sent as given.
            client_id: Only this client's receipts.
            payment_id: Only the receipt of this payment. Not in any gigstack source: a
                server that ignores it returns other receipts, so check ``payment_id``.
            metadata: Exact-match metadata filters (``metadata.<key>=<value>``). gigstack may
                ignore filters it does not support (REFERENCE §16.3): check what comes back.
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
            filters={"status": status, "client_id": client_id, "payment_id": payment_id},
        )
        return self._list_page("/receipts", Receipt, params, team)

    def list(
        self,
        *,
        limit: int | None = None,
        order_by: str | None = None,
        sort: SortOrder | None = None,
        created_gte: datetime | int | None = None,
        created_lte: datetime | int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        payment_id: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Paginator[Receipt]:
        """Iterate over all receipts lazily; arguments as for :meth:`list_page`."""
        return self._paginate(
            self.list_page,
            limit=limit,
            order_by=order_by,
            sort=sort,
            created_gte=created_gte,
            created_lte=created_lte,
            status=status,
            client_id=client_id,
            payment_id=payment_id,
            metadata=metadata,
            team=team,
        )

    def search(
        self,
        q: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        team: str | None = None,
    ) -> Page[Receipt]:
        """Search receipts by free text (``GET /receipts/search``, page-numbered from 1).

        ``total_results`` is the server's ``found`` count; unsupported filters may be ignored.
        """
        filters = {"status": status, "client_id": client_id}
        return self._search(
            "/receipts/search", Receipt, q, page=page, limit=limit, filters=filters, team=team
        )

    def create(
        self,
        body: CreateReceiptRequest | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        team: str | None = None,
    ) -> Receipt:
        """Create a receipt (``POST /receipts``).

        Args:
            body: ``client`` and ``items`` at least; ``periodicity`` sets how long the
                customer may self-invoice.
            idempotency_key: Sent in the body; a repeat returns the first receipt (n8n).
            team: gigstack Connect team for this call.

        Raises:
            InvalidRequestError: The body or key is invalid; nothing was sent.
        """
        key = check_idempotency_key(idempotency_key)
        request = coerce_body(CreateReceiptRequest, body, idempotency_key=key)
        payload = body_json(request, order_like=body)
        response = self._send("POST", "/receipts", body=payload, team=team)
        return parse_model(Receipt, response, require_data=True)

    def get(self, receipt_id: str, *, team: str | None = None) -> Receipt:
        """Fetch one receipt (``GET /receipts/{id}``)."""
        path = f"/receipts/{segment(receipt_id)}"
        return parse_model(Receipt, self._send("GET", path, team=team), require_data=True)

    def cancel(self, receipt_id: str, *, team: str | None = None) -> Receipt:
        """Cancel a receipt (``DELETE /receipts/{id}``).

        The answer is not documented; whatever comes back is read (possibly an empty
        receipt whose ``raw`` holds the answer).
        """
        path = f"/receipts/{segment(receipt_id)}"
        return parse_model(Receipt, self._send("DELETE", path, team=team))

    def stamp(
        self,
        receipt_id: str,
        body: StampReceiptRequest | Mapping[str, Any] | None = None,
        *,
        stamp_to: StampTo | None = None,
        fiscal_information: FiscalInformation | Mapping[str, Any] | None = None,
        date: datetime | int | None = None,
        team: str | None = None,
    ) -> Receipt:
        """Turn a receipt into a CFDI (``POST /receipts/{id}/stamp``).

        Pass ``body``, or the fields: ``stamp_to`` (default ``"client"``: the receipt's
        client, or the customer described by ``fiscal_information`` — ``legal_name``,
        ``tax_id``, ``tax_system``, ``zip`` — who came back with their RFC), or
        ``general_public_national`` / ``general_public_foreign``. ``date`` is an aware
        datetime or epoch seconds (sent as milliseconds, like the n8n node).

        Returns:
            The receipt as the server answers (its ``invoice_ids`` when it says).
        """
        if body is None:
            body = {
                "stamp_to": stamp_to or "client",
                "fiscal_information": fiscal_information,
                "date": date,
            }
        elif stamp_to is not None or fiscal_information is not None or date is not None:
            raise InvalidRequestError("give either body or stamp fields, not both")
        request = coerce_body(StampReceiptRequest, body)
        path = f"/receipts/{segment(receipt_id)}/stamp"
        payload = body_json(request, order_like=body)
        return parse_model(Receipt, self._send("POST", path, body=payload, team=team))
