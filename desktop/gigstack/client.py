"""The gigstack API client: one ``httpx.Client``, envelope handling, error classification."""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import httpx

from desktop import __version__
from desktop.gigstack._base import ApiResponse, dumps, loads
from desktop.gigstack.clients import ClientsResource
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
    ServerError,
)
from desktop.gigstack.invoices import InvoicesResource
from desktop.gigstack.keyinfo import KeyInfo
from desktop.gigstack.payments import PaymentsResource
from desktop.gigstack.receipts import ReceiptsResource
from desktop.gigstack.services import ServicesResource
from desktop.gigstack.teams import TeamsResource
from desktop.gigstack.users import UsersResource

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "GigstackClient"]

DEFAULT_BASE_URL = "https://api.gigstack.io/v2"

#: Connect fails fast (the queue should learn quickly that we are offline); reading waits
#: longer because registering a payment with ``pue_invoice`` stamps a CFDI at the SAT's PAC
#: before answering. ``pool`` only matters if several threads share the client.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=45.0, write=20.0, pool=5.0)

_log = logging.getLogger("desktop.gigstack")

#: Statuses meaning "the server refused to process this request now": safe to resend, and
#: the request had no effect. 408 = server gave up waiting for our request; 425 = too early;
#: 429 = rate limited; 503 = unavailable (overload, maintenance).
_RETRY_CLEAN = frozenset({408, 425, 429, 503})

#: Longest excerpt of a non-JSON error body kept on the exception.
_TEXT_EXCERPT = 300


def _mask(secret: str) -> str:
    """Show only enough of a key to tell two keys apart."""
    return f"…{secret[-4:]}" if len(secret) >= 20 else "…"


class _Secret:
    """Holds the API key so that ``repr``/``str``/``vars`` of its owner never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"<secret {_mask(self._value)}>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("secrets cannot be pickled")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).

    Returns:
        Seconds to wait (never negative), or ``None`` when absent or unreadable.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(tz=UTC)
    return max(0.0, (when - current).total_seconds())


class GigstackClient:
    """Typed client for the gigstack REST API v2.

    It sends ``Authorization: Bearer <key>`` (REFERENCE §2.2), JSON bodies, and the gigstack
    Connect ``team`` query parameter (REFERENCE §2.8) on every request when a team is set on
    the client or passed to a method. It never retries by itself: the offline queue owns the
    retry policy, and the raised :class:`~desktop.gigstack.errors.GigstackError` subclasses
    say whether retrying makes sense and whether the request might have taken effect.

    Resource namespaces: :attr:`clients`, :attr:`services`, :attr:`invoices`,
    :attr:`payments`, :attr:`receipts`, :attr:`teams`, :attr:`users`.

    Example:
        >>> with GigstackClient(key) as api:  # doctest: +SKIP
        ...     for client in api.clients.list(limit=100):
        ...         print(client.id, client.legal_name)

    Args:
        api_key: The gigstack API key (test or live). Kept private; never logged or shown.
        base_url: API root, e.g. the local sandbox's URL in demo mode and tests.
        team: Default gigstack Connect team id; each method's ``team=`` overrides it.
        timeout: An ``httpx.Timeout`` or seconds for every phase.
        transport: An httpx transport to use instead of the default network one.
        user_agent: Overrides the default ``Mostrador/<version>`` User-Agent.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str = DEFAULT_BASE_URL,
        team: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        *,
        user_agent: str | None = None,
    ) -> None:
        if not isinstance(api_key, str) or not api_key.strip():
            raise ValueError("api_key must be a non-empty string")
        if any(ch.isspace() for ch in api_key) or not api_key.isprintable():
            # Said without echoing the key: a newline would let it inject headers.
            raise ValueError("api_key contains whitespace or control characters")
        if team is not None and not team.strip():
            raise ValueError("team must be a non-empty team id or None")
        self._api_key = _Secret(api_key)
        self._base_url = base_url.rstrip("/")
        self._team = team
        self._http = httpx.Client(
            base_url=self._base_url,
            headers={
                "Authorization": f"Bearer {api_key}",
                "User-Agent": user_agent or f"Mostrador/{__version__}",
                "Accept": "application/json",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )
        self.clients = ClientsResource(self)
        self.services = ServicesResource(self)
        self.invoices = InvoicesResource(self)
        self.payments = PaymentsResource(self)
        self.receipts = ReceiptsResource(self)
        self.teams = TeamsResource(self)
        self.users = UsersResource(self)

    # ---------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """The API root this client talks to."""
        return self._base_url

    @property
    def team(self) -> str | None:
        """The default gigstack Connect team, or ``None`` for the key's own team."""
        return self._team

    @property
    def key_info(self) -> KeyInfo:
        """What the API key says about itself (team, test or live), never the key."""
        return KeyInfo.from_key(self._api_key.reveal())

    def close(self) -> None:
        """Close the connection pool. Safe to call more than once."""
        self._http.close()

    def __enter__(self) -> GigstackClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"GigstackClient(base_url={self._base_url!r}, team={self._team!r}, "
            f"api_key={_mask(self._api_key.reveal())!r})"
        )

    __str__ = __repr__

    def __reduce__(self) -> Any:
        # Pickling would write the key to wherever the pickle goes.
        raise TypeError("GigstackClient cannot be pickled")

    # ---------------------------------------------------------------- requests

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        team: str | None = None,
    ) -> ApiResponse:
        """Send one request and unpack gigstack's envelope.

        Resource methods are the normal way in; this is public for endpoints the client does
        not wrap yet.

        Args:
            method: HTTP method.
            path: Path relative to the base URL, e.g. ``/clients``.
            params: Query parameters (already strings).
            body: JSON-ready body (``Decimal`` allowed) or ``None`` for no body.
            team: Connect team for this call; ``None`` uses the client's default.

        Returns:
            The unpacked 2xx answer.

        Raises:
            GigstackError: A subclass saying what went wrong (see :mod:`.errors`).
        """
        query = dict(params or {})
        effective_team = team if team is not None else self._team
        if effective_team is not None:
            if not isinstance(effective_team, str) or not effective_team.strip():
                raise InvalidRequestError("team must be a non-empty team id")
            query["team"] = effective_team
        headers: dict[str, str] = {}
        content: bytes | None = None
        if body is not None:
            try:
                content = dumps(body)
            except (TypeError, ValueError) as exc:
                raise InvalidRequestError(f"body cannot be sent as JSON: {exc}") from None
            headers["Content-Type"] = "application/json"

        started = time.perf_counter()
        _log.debug("-> %s %s team=%s", method, path, effective_team)
        try:
            response = self._http.request(
                method, path, params=query or None, content=content, headers=headers
            )
        except httpx.HTTPError as exc:
            elapsed = (time.perf_counter() - started) * 1000
            error = self._transport_error(exc, method, path)
            _log.info(
                "%s %s failed after %.0f ms: %s (outcome_unknown=%s)",
                method,
                path,
                elapsed,
                type(exc).__name__,
                error.outcome_unknown,
            )
            # Chained for debugging: httpx's exception text holds no headers or URL.
            raise error from exc
        elapsed = (time.perf_counter() - started) * 1000
        level = logging.DEBUG if response.is_success else logging.INFO
        _log.log(level, "<- %s %s %s in %.0f ms", response.status_code, method, path, elapsed)
        return self._unpack(response, method, path)

    # ---------------------------------------------------------------- error handling

    def _scrub(self, text: str) -> str:
        """Remove the key from server-provided text, in case a server ever echoes it."""
        key = self._api_key.reveal()
        return text.replace(key, "***") if key in text else text

    def _scrub_any(self, value: Any) -> Any:
        """:meth:`_scrub` applied through a parsed JSON body."""
        if isinstance(value, str):
            return self._scrub(value)
        if isinstance(value, dict):
            return {self._scrub(str(k)): self._scrub_any(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._scrub_any(v) for v in value]
        return value

    def _transport_error(self, exc: httpx.HTTPError, method: str, path: str) -> GigstackError:
        """Classify an httpx exception.

        "Never reached the server" (``outcome_unknown=False``): the connection could not be
        opened (refused, DNS, TLS, connect timeout, proxy) or no pooled connection was free.
        Anything that fails after bytes of the request may have left is "outcome unknown".
        """
        # The message is our own wording plus the exception class name; httpx's text can
        # contain the full URL with query parameters (RFCs, e-mails) so it is not copied.
        common: dict[str, Any] = {"method": method, "path": path}
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            return ConnectionFailedError(
                f"could not connect in time ({type(exc).__name__})",
                outcome_unknown=False,
                **common,
            )
        if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
            return ConnectionFailedError(
                f"could not connect ({type(exc).__name__}: {self._scrub(str(exc))[:120]})",
                outcome_unknown=False,
                **common,
            )
        if isinstance(exc, httpx.TimeoutException):  # read/write timeout: already sent
            return RequestTimeoutError(
                f"no answer in time ({type(exc).__name__})", outcome_unknown=True, **common
            )
        if isinstance(exc, httpx.RemoteProtocolError | httpx.NetworkError):
            return ResponseLostError(
                f"connection lost before the answer ({type(exc).__name__})",
                outcome_unknown=True,
                **common,
            )
        if isinstance(exc, httpx.DecodingError):
            return InvalidResponseError(
                "could not decode the response body", outcome_unknown=True, **common
            )
        if isinstance(exc, httpx.TransportError):
            # Remaining transport errors (UnsupportedProtocol, LocalProtocolError) are
            # configuration or programming errors: retrying the same thing cannot help.
            return GigstackError(f"request could not be sent ({type(exc).__name__})", **common)
        return GigstackError(f"HTTP client error ({type(exc).__name__})", **common)

    def _unpack(self, response: httpx.Response, method: str, path: str) -> ApiResponse:
        status = response.status_code
        request_id = response.headers.get("x-request-id") or response.headers.get("request-id")
        try:
            payload: Any = loads(response.content) if response.content else None
            is_json = True
        except ValueError:
            payload, is_json = None, False

        if 200 <= status < 300:
            if not is_json:
                raise InvalidResponseError(
                    "the server answered 2xx with a body that is not JSON",
                    status=status,
                    method=method,
                    path=path,
                    request_id=request_id,
                    body=self._scrub(response.text[:_TEXT_EXCERPT]),
                    outcome_unknown=True,
                )
            # REFERENCE §2.4: gigstack's CLI treats any ``success: false`` as an error even
            # with a 2xx status; so do we.
            if isinstance(payload, dict) and payload.get("success") is False:
                raise self._status_error(
                    response,
                    payload,
                    is_json=is_json,
                    method=method,
                    path=path,
                    request_id=request_id,
                )
            return self._envelope(payload, status, method, path)

        raise self._status_error(
            response, payload, is_json=is_json, method=method, path=path, request_id=request_id
        )

    @staticmethod
    def _envelope(payload: Any, status: int, method: str, path: str) -> ApiResponse:
        if isinstance(payload, dict):
            message = payload.get("message")
            if "data" in payload:
                data = payload["data"]
            elif "id" in payload or "uuid" in payload:
                # Tolerate a bare resource without the documented {message, data} wrapper.
                data = payload
            else:
                data = None
            return ApiResponse(
                status_code=status,
                method=method,
                path=path,
                data=data,
                message=message if isinstance(message, str) else None,
                envelope=payload,
            )
        # A bare JSON array (or scalar): treat it as the data itself.
        return ApiResponse(status_code=status, method=method, path=path, data=payload)

    def _status_error(
        self,
        response: httpx.Response,
        payload: Any,
        *,
        is_json: bool,
        method: str,
        path: str,
        request_id: str | None,
    ) -> GigstackError:
        """Build the exception for an error answer.

        Handles both documented error bodies (REFERENCE §2.4): ``{"message", "error": "..."}``
        and ``{"success": false, "error": {"code", "message", "details"}}``, and non-JSON
        bodies (proxies, gateways) by falling back to the reason phrase.
        """
        status = response.status_code
        message: str | None = None
        detail: str | None = None
        code: str | None = None
        details: Any = None
        if isinstance(payload, dict):
            top = payload.get("message")
            err = payload.get("error")
            if isinstance(err, dict):
                code = _str_or_none(err.get("code"))
                message = _str_or_none(err.get("message")) or _str_or_none(top)
                details = self._scrub_any(err.get("details"))
                detail = code or _str_or_none(err.get("message"))
            else:
                message = _str_or_none(top)
                detail = _str_or_none(err)
                code = _str_or_none(payload.get("code"))
                details = self._scrub_any(payload.get("details"))
            if message is None:
                message = detail
        if message is None:
            message = f"{status} {response.reason_phrase}".strip()
        body: Any = (
            self._scrub_any(payload) if is_json else self._scrub(response.text[:_TEXT_EXCERPT])
        )
        kwargs: dict[str, Any] = {
            "status": status,
            "error": self._scrub(detail) if detail else None,
            "code": self._scrub(code) if code else None,
            "details": details,
            "body": body,
            "request_id": request_id,
            "method": method,
            "path": path,
        }
        message = self._scrub(message)

        if 200 <= status < 300:  # ``success: false`` on a 2xx
            return RejectedError(message, **kwargs)
        if status in (401, 403):
            cls = PermissionDeniedError if status == 403 else AuthenticationError
            return cls(message, **kwargs)
        if status == 429:
            return RateLimitedError(
                message,
                retry_after=parse_retry_after(response.headers.get("retry-after")),
                outcome_unknown=False,
                **kwargs,
            )
        if status in _RETRY_CLEAN or status >= 500:
            # 500/502/504 (and other 5xx) may come after the server, or a server behind a
            # gateway, already committed: the outcome is unknown. 503/408/425 are refusals.
            return ServerError(
                message,
                retry_after=parse_retry_after(response.headers.get("retry-after")),
                outcome_unknown=status not in _RETRY_CLEAN,
                **kwargs,
            )
        if status == 404:
            return NotFoundError(message, **kwargs)
        if status == 409:
            return ConflictError(message, **kwargs)
        if status in (400, 422):
            return BadRequestError(message, **kwargs)
        if 400 <= status < 500:
            return RejectedError(message, **kwargs)
        # 1xx/3xx: a redirect to a login page (captive portal) or similar. Not gigstack.
        return InvalidResponseError(
            f"unexpected HTTP {status} answer", outcome_unknown=True, **kwargs
        )


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
