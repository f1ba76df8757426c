"""Typed client for the gigstack API v2 (httpx + pydantic).

Knows HTTP and the API's shapes; nothing about queues, SQLite or Qt.

* Resources: ``clients``, ``services``, ``invoices``, ``payments``, ``receipts`` (self-invoice
  sales notes, REFERENCE §7/§16.1), ``teams``, ``users``.
* Requests are validated before they leave and sent as the caller wrote them; every field a
  gigstack source sends is accepted (REFERENCE §16.2).
* Responses are read leniently: one odd record never fails a page (``record.raw`` keeps what
  the server sent, ``record.unreadable_fields`` names what could not be read).
* :class:`KeyInfo` reads a key's team and test/live mode without verifying it.

Example:
    >>> from desktop.gigstack import GigstackClient, RetryableError  # doctest: +SKIP
    >>> with GigstackClient(api_key, team="team_sucursal_norte") as api:
    ...     payment = api.payments.register(body, idempotency_key=row.key)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Issue 12 (start-up): the names below are loaded when first used, not when the package is
# imported. `from desktop.gigstack import GigstackError` (the CLI, the sender) then costs the
# errors module only; httpx, pydantic and the models load with the first name that needs
# them. The same imports, spelled out for type checkers and PyInstaller's import scan:
if TYPE_CHECKING:
    from desktop.gigstack.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, GigstackClient
    from desktop.gigstack.errors import (
        AuthenticationError,
        BadRequestError,
        ConflictError,
        ConnectionFailedError,
        GigstackError,
        InvalidRequestError,
        InvalidResponseError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitedError,
        RejectedError,
        RequestTimeoutError,
        ResponseLostError,
        RetryableError,
        ServerError,
    )
    from desktop.gigstack.keyinfo import KeyInfo
    from desktop.gigstack.models import (
        DEFAULT_REFUND_REASON,
        Ack,
        AddMemberRequest,
        Address,
        AddressInput,
        ApiModel,
        AutomationType,
        BrandInput,
        CancelInvoiceRequest,
        Client,
        ClientDefaults,
        ClientInput,
        ClientReference,
        ClientSearch,
        ClientUpdate,
        CreateIncomeInvoiceRequest,
        CreateReceiptRequest,
        CreateSeriesRequest,
        CreateTeamRequest,
        CreateUserRequest,
        Deleted,
        Efos,
        FiscalInformation,
        GlobalInvoiceInfo,
        Invoice,
        InvoiceComplement,
        InvoiceConfig,
        InvoiceFiles,
        InvoiceStamp,
        InvoiceStatus,
        Item,
        ItemInput,
        ItemSearch,
        LineItem,
        MarkPaidRequest,
        Payment,
        PaymentStatus,
        PortalToken,
        PortalTokenRequest,
        Receipt,
        ReceiptStatus,
        RefundRequest,
        RegisterPaymentRequest,
        RelatedDocuments,
        RemoveMemberRequest,
        RequestModel,
        RequestPaymentRequest,
        ResetPasswordRequest,
        SatConnection,
        Series,
        Service,
        ServiceInput,
        ServiceUpdate,
        StampReceiptOutcome,
        StampReceiptRequest,
        StampReceiptsResult,
        Tax,
        TaxInput,
        TaxType,
        Team,
        TeamBrandInfo,
        TeamEmailSettings,
        TeamIntegrations,
        TeamMember,
        TeamSettingsInfo,
        TeamSettingsUpdate,
        ThirdParty,
        UpdateSeriesRequest,
        UpdateTeamRequest,
        UpdateUserRequest,
        User,
        UserTeam,
        parse_timestamp,
    )
    from desktop.gigstack.pagination import Page, Paginator

#: Where each public name lives, cheapest first (a name is looked up in this order).
_HOMES = ("errors", "keyinfo", "pagination", "client", "models")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = importlib.import_module(f"desktop.gigstack.{home}")
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_REFUND_REASON",
    "DEFAULT_TIMEOUT",
    "Ack",
    "AddMemberRequest",
    "Address",
    "AddressInput",
    "ApiModel",
    "AuthenticationError",
    "AutomationType",
    "BadRequestError",
    "BrandInput",
    "CancelInvoiceRequest",
    "Client",
    "ClientDefaults",
    "ClientInput",
    "ClientReference",
    "ClientSearch",
    "ClientUpdate",
    "ConflictError",
    "ConnectionFailedError",
    "CreateIncomeInvoiceRequest",
    "CreateReceiptRequest",
    "CreateSeriesRequest",
    "CreateTeamRequest",
    "CreateUserRequest",
    "Deleted",
    "Efos",
    "FiscalInformation",
    "GigstackClient",
    "GigstackError",
    "GlobalInvoiceInfo",
    "InvalidRequestError",
    "InvalidResponseError",
    "Invoice",
    "InvoiceComplement",
    "InvoiceConfig",
    "InvoiceFiles",
    "InvoiceStamp",
    "InvoiceStatus",
    "Item",
    "ItemInput",
    "ItemSearch",
    "KeyInfo",
    "LineItem",
    "MarkPaidRequest",
    "NotFoundError",
    "Page",
    "Paginator",
    "Payment",
    "PaymentStatus",
    "PermissionDeniedError",
    "PortalToken",
    "PortalTokenRequest",
    "RateLimitedError",
    "Receipt",
    "ReceiptStatus",
    "RefundRequest",
    "RegisterPaymentRequest",
    "RejectedError",
    "RelatedDocuments",
    "RemoveMemberRequest",
    "RequestModel",
    "RequestPaymentRequest",
    "RequestTimeoutError",
    "ResetPasswordRequest",
    "ResponseLostError",
    "RetryableError",
    "SatConnection",
    "Series",
    "ServerError",
    "Service",
    "ServiceInput",
    "ServiceUpdate",
    "StampReceiptOutcome",
    "StampReceiptRequest",
    "StampReceiptsResult",
    "Tax",
    "TaxInput",
    "TaxType",
    "Team",
    "TeamBrandInfo",
    "TeamEmailSettings",
    "TeamIntegrations",
    "TeamMember",
    "TeamSettingsInfo",
    "TeamSettingsUpdate",
    "ThirdParty",
    "UpdateSeriesRequest",
    "UpdateTeamRequest",
    "UpdateUserRequest",
    "User",
    "UserTeam",
    "parse_timestamp",
]
