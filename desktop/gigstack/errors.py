"""Exceptions raised by the gigstack client.

One hierarchy, shaped around what a caller (above all the offline payment queue) must decide:

* :class:`RetryableError` — try the same request again later, with the same idempotency key.
  ``outcome_unknown`` says whether the server may already have acted on the request (then look
  the payment up by its ``metadata`` local id before re-sending); ``retry_after`` carries the
  server's ``Retry-After`` hint in seconds.
* :class:`AuthenticationError` — the key is missing, wrong or not allowed (401/403): pause
  everything and ask a person for a key.
* :class:`RejectedError` — the server understood the request and said no (400/404/409/422 and
  other 4xx), or the client refused to send an invalid request: park it for a person.

No exception text ever contains the API key: the client scrubs server-provided strings before
they get here, and nothing in this module sees request headers.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConnectionFailedError",
    "GigstackError",
    "InvalidRequestError",
    "InvalidResponseError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RejectedError",
    "RequestTimeoutError",
    "ResponseLostError",
    "RetryableError",
    "ServerError",
]


class GigstackError(Exception):
    """Base class of every error raised by :mod:`desktop.gigstack`.

    Attributes:
        message: Human-readable message; the server's own ``message`` when it sent one.
        status: HTTP status code, or ``None`` when no response was received.
        error: The server's error detail (the string ``error`` field, or the ``code`` of an
            ``error`` object).
        code: Machine-readable error code (``validation_failed`` ...) when the server sent one.
        details: Extra detail from the server (``error.details``) or local validation errors.
        body: The parsed error body (JSON) or a short text excerpt of a non-JSON body.
        request_id: The server's request id header, when it sent one.
        method: HTTP method of the failed request.
        path: Request path relative to the base URL, without the query string.
        outcome_unknown: ``True`` when the server may have processed the request even though no
            usable answer arrived (timeout after sending, connection dropped mid-response, 5xx
            that is not a clean refusal). ``False`` when the request surely had no effect.
        retryable: Whether sending the same request again later can succeed.
    """

    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error: str | None = None,
        code: str | None = None,
        details: Any = None,
        body: Any = None,
        request_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.error = error
        self.code = code
        self.details = details
        self.body = body
        self.request_id = request_id
        self.method = method
        self.path = path
        self.outcome_unknown = outcome_unknown

    def __str__(self) -> str:
        where = " ".join(part for part in (self.method, self.path) if part)
        head = f"HTTP {self.status}" if self.status is not None else type(self).__name__
        text = f"{head} {where}: {self.message}" if where else f"{head}: {self.message}"
        extra = self.code or self.error
        if extra and extra != self.message:
            text += f" ({extra})"
        if self.request_id:
            text += f" [request {self.request_id}]"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, message={self.message!r}, "
            f"code={self.code!r}, method={self.method!r}, path={self.path!r}, "
            f"outcome_unknown={self.outcome_unknown!r})"
        )


class RetryableError(GigstackError):
    """A transient failure: the same request may succeed later.

    Attributes:
        retry_after: Seconds the server asked us to wait (``Retry-After``), if it said so.
    """

    retryable: ClassVar[bool] = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ConnectionFailedError(RetryableError):
    """The connection could not be made (refused, DNS, TLS, connect timeout, proxy).

    The request never reached the server, so ``outcome_unknown`` is ``False``.
    """


class RequestTimeoutError(RetryableError):
    """The request was sent (at least partly) but no answer came in time.

    ``outcome_unknown`` is ``True``: the server may have committed the work.
    """


class ResponseLostError(RetryableError):
    """The connection broke after the request was sent (reset, server disconnected).

    ``outcome_unknown`` is ``True``.
    """


class RateLimitedError(RetryableError):
    """HTTP 429: slow down; honour :attr:`retry_after` when present."""


class ServerError(RetryableError):
    """HTTP 408, 425 or 5xx: a server-side or gateway problem."""


class InvalidResponseError(RetryableError):
    """The server answered with something that is not a usable gigstack response.

    Examples: an HTML page from a captive portal or proxy, a redirect, a 2xx body that is not
    JSON or does not fit the expected shape. ``outcome_unknown`` is ``True``: a 2xx means the
    server may well have done the work even though we cannot read the answer.
    """


class AuthenticationError(GigstackError):
    """HTTP 401 or 403: the API key is missing, invalid or lacks permission."""


class PermissionDeniedError(AuthenticationError):
    """HTTP 403: the key is valid but not allowed to do this (role, Connect team, ...)."""


class RejectedError(GigstackError):
    """The request was refused and sending it again unchanged will not help."""


class BadRequestError(RejectedError):
    """HTTP 400 or 422: the server found the request invalid."""


class NotFoundError(RejectedError):
    """HTTP 404: the resource does not exist (or is not visible to this key/team)."""


class ConflictError(RejectedError):
    """HTTP 409: conflict, e.g. several clients match a ``search`` (REFERENCE §2.14).

    Read :attr:`body` for the server's explanation.
    """


class InvalidRequestError(RejectedError, ValueError):
    """The client refused to send a request that fails local validation.

    Nothing was sent (``status`` is ``None``, ``outcome_unknown`` is ``False``). ``details``
    holds pydantic's error list (without input values) when validation came from a model.
    It is a :class:`RejectedError` because the right reaction is the same: fix the data.
    """
