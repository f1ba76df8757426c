"""``client.payments``: payments registered or requested, REFERENCE §6."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

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
    MarkPaidRequest,
    Payment,
    RefundRequest,
    RegisterPaymentRequest,
    RequestPaymentRequest,
)
from desktop.gigstack.pagination import Page, Paginator

__all__ = ["PaymentsResource"]


class PaymentsResource(Resource):
    """Endpoints under ``/payments``."""

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
        currency: str | None = None,
        email: str | None = None,
        tax_id: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Page[Payment]:
        """Fetch one page of payments (``GET /payments``).

        The offline queue finds a payment whose outcome is unknown with
        ``metadata={"local_id": ...}`` (sent as ``metadata.local_id=...``).

        Args:
            limit: Page size, 1–100.
            next: Cursor from the previous page.
            order_by: Sort field.
            sort: ``asc`` or ``desc``.
            created_gte: Created at or after (aware datetime or epoch seconds).
            created_lte: Created at or before.
            status: Payment status, sent as given.
            client_id: Only this client's payments.
            currency: Only this currency.
            email: Only payments of the client with this e-mail.
            tax_id: Only payments of the client with this RFC.
            metadata: Exact-match metadata filters.
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
            filters={
                "status": status,
                "client_id": client_id,
                "currency": currency,
                "email": email,
                "tax_id": tax_id,
            },
        )
        return self._list_page("/payments", Payment, params, team)

    def search(
        self,
        q: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: str | None = None,
        client_id: str | None = None,
        team: str | None = None,
    ) -> Page[Payment]:
        """Search payments by free text (``GET /payments/search``, page-numbered from 1).

        ``total_results`` is the server's ``found`` count; unsupported filters may be ignored.
        """
        filters = {"status": status, "client_id": client_id}
        return self._search(
            "/payments/search", Payment, q, page=page, limit=limit, filters=filters, team=team
        )

    def get(self, payment_id: str, *, team: str | None = None) -> Payment:
        """Fetch one payment (``GET /payments/{id}``)."""
        path = f"/payments/{segment(payment_id)}"
        return parse_model(Payment, self._send("GET", path, team=team), require_data=True)

    def cancel(self, payment_id: str, *, team: str | None = None) -> Payment:
        """Cancel a payment (``DELETE /payments/{id}``)."""
        path = f"/payments/{segment(payment_id)}"
        return parse_model(Payment, self._send("DELETE", path, team=team))

    def request(
        self,
        body: RequestPaymentRequest | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        team: str | None = None,
    ) -> Payment:
        """Create a payment link for the client to pay (``POST /payments/request``).

        ``idempotency_key`` goes in the JSON body, as documented for this endpoint
        (REFERENCE §2.7). The answer's ``short_url`` is the link.
        """
        key = check_idempotency_key(idempotency_key)
        request = coerce_body(RequestPaymentRequest, body, idempotency_key=key)
        payload = body_json(request, order_like=body)
        response = self._send("POST", "/payments/request", body=payload, team=team)
        return parse_model(Payment, response, require_data=True)

    def register(
        self,
        body: RegisterPaymentRequest | Mapping[str, Any],
        *,
        idempotency_key: str,
        team: str | None = None,
    ) -> Payment:
        """Record money already received (``POST /payments/register``).

        The body is checked (:class:`RegisterPaymentRequest`) and then sent as written: the
        caller's keys in the caller's order, numbers as given. Every field some gigstack
        client sends is accepted (REFERENCE §16.2); ``payment_form`` is optional (the server
        decides); a top-level ``use`` is moved into ``client``.

        Args:
            body: Client, items and ``automation_type`` at least.
            idempotency_key: Required. Created once with the outbox row and sent unchanged
                on every attempt; gigstack's CLI puts it in the JSON body (REFERENCE §2.7).
            team: gigstack Connect team for this call.

        Raises:
            InvalidRequestError: The body or key is invalid; nothing was sent.
            RetryableError: Try again later with the same key; if ``outcome_unknown``, look
                the payment up by its metadata local id first.
        """
        key = check_idempotency_key(idempotency_key, required=True)
        request = coerce_body(RegisterPaymentRequest, body, idempotency_key=key)
        payload = body_json(request, order_like=body)
        response = self._send("POST", "/payments/register", body=payload, team=team)
        return parse_model(Payment, response, require_data=True)

    def mark_paid(
        self,
        payment_id: str,
        body: MarkPaidRequest | Mapping[str, Any] | None = None,
        *,
        payment_form: str | None = None,
        date: datetime | int | None = None,
        team: str | None = None,
    ) -> Payment:
        """Mark a pending payment as paid (``POST /payments/{id}/paid``).

        Pass ``body`` or ``payment_form`` (two-digit SAT code) and optionally ``date`` (aware
        datetime or epoch seconds; the server uses now when omitted).
        """
        if body is None:
            body = {"payment_form": payment_form, "date": date}
        elif payment_form is not None or date is not None:
            raise InvalidRequestError("give either body or payment_form/date, not both")
        request = coerce_body(MarkPaidRequest, body)
        path = f"/payments/{segment(payment_id)}/paid"
        return parse_model(Payment, self._send("POST", path, body=body_json(request), team=team))

    def refund(
        self,
        payment_id: str,
        body: RefundRequest | Mapping[str, Any] | None = None,
        *,
        amount: Decimal | int | str | None = None,
        reason: str | None = None,
        external_processor_refund: bool | None = None,
        team: str | None = None,
    ) -> Payment:
        """Refund a payment (``POST /payments/{id}/refund``).

        Pass ``body`` or ``amount`` (plus optional ``reason``/``external_processor_refund``).
        REFERENCE §16.2: gigstack's newer CLI says a refund requires a body with ``reason``
        and ``amount``, and the n8n node requires ``amount``. So both are always sent:
        ``amount`` is required from the caller (the client never guesses "whatever is left";
        only the caller knows what it already refunded when gigstack does not say), and a
        missing or blank ``reason`` is sent as :data:`DEFAULT_REFUND_REASON`.

        Raises:
            InvalidRequestError: No amount, or an amount that is not positive; nothing sent.
        """
        if body is None:
            if amount is None:
                raise InvalidRequestError("a refund needs an amount (REFERENCE §16.2)")
            body = {
                "amount": amount,
                "reason": reason,
                "external_processor_refund": external_processor_refund,
            }
        elif amount is not None or reason is not None or external_processor_refund is not None:
            raise InvalidRequestError("give either body or refund fields, not both")
        payload = body_json(coerce_body(RefundRequest, body))
        path = f"/payments/{segment(payment_id)}/refund"
        return parse_model(Payment, self._send("POST", path, body=payload, team=team))

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
        currency: str | None = None,
        email: str | None = None,
        tax_id: str | None = None,
        metadata: Mapping[str, str | int | bool] | None = None,
        team: str | None = None,
    ) -> Paginator[Payment]:
        """Iterate over all payments lazily; arguments as for :meth:`list_page`."""
        return self._paginate(
            self.list_page,
            limit=limit,
            order_by=order_by,
            sort=sort,
            created_gte=created_gte,
            created_lte=created_lte,
            status=status,
            client_id=client_id,
            currency=currency,
            email=email,
            tax_id=tax_id,
            metadata=metadata,
            team=team,
        )
