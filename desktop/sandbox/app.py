"""The core WSGI application: werkzeug routing, auth, Connect teams, JSON bodies, idempotency
and the gigstack envelope. Handlers live per resource in ``handlers/``; fault injection, the
request log and ``/_sandbox`` controls are a separate middleware (``controls.py``) that only
tests and demo mode switch on.

Request pipeline for ``/v2``: auth (401) -> route (404, also for a known path with a method
it does not implement) -> JSON body (400/413: bad bytes never reach the store) -> team
selection (403) -> handler under the store lock -> persistence. What the request did is left
in ``environ["sandbox.info"]`` for the controls middleware to log.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import domain, pages
from .handlers import ROUTES
from .handlers.common import (
    Ctx,
    Handler,
    Result,
    error_response,
    json_response,
    not_found_route,
)
from .store import Store
from .validation import MAX_BODY_BYTES, ApiError, bad_request, conflict, parse_json_body

log = logging.getLogger(__name__)

MUTATING = frozenset({"POST", "PUT", "DELETE", "PATCH"})
# Same key + same body -> the first answer; same key + another body -> 409.
IDEMPOTENT_ENDPOINTS = frozenset({"register_payment", "request_payment", "create_invoice"})
# n8n (from gigstack's swagger) on create receipt: "if a receipt with this key already
# exists, the existing receipt is returned" - whatever the body.
RETURN_EXISTING_ENDPOINTS = frozenset({"create_receipt"})
INFO_KEY = "sandbox.info"

# (path under /v2, method, endpoint): the contract test drives each of them.
V2_RULES: list[tuple[str, str, str]] = [(path, method, ep) for path, method, ep, _ in ROUTES]
HANDLERS: dict[str, Handler] = {ep: handler for _, _, ep, handler in ROUTES}

URL_MAP = Map(
    [Rule("/v2" + path, methods=[method], endpoint=ep) for path, method, ep in V2_RULES],
    strict_slashes=False,
    merge_slashes=False,
)


class SandboxHost(Protocol):
    """What the app needs from its owner (``server.Sandbox``)."""

    api_key: str
    store: Store

    @property
    def error_shape(self) -> str: ...

    def key_team_for(self, token: str) -> str | None:
        """The team a key belongs to (requests without ``?team=`` act on it); ``None`` when
        the key is not one the sandbox accepts."""
        ...

    def persist(self) -> None: ...


class SandboxApp:
    """WSGI callable. ``host`` supplies the store, the key, the error shape and persistence."""

    def __init__(self, host: SandboxHost) -> None:
        self.host = host

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        path = request.path
        if path == "/v2" or path.startswith("/v2/"):
            response = self.api(request)
        else:
            response = pages.serve(self.host, request)
        return response(environ, start_response)

    def api(self, request: Request) -> Response:
        info: dict[str, Any] = request.environ.setdefault(INFO_KEY, {})
        try:
            return self._api(request, info)
        except ApiError as exc:
            return error_response(exc, self.host.error_shape)
        except Exception:
            # A sandbox bug must still look like an API error (JSON, 500), never an HTML page.
            log.exception("sandbox handler failed: %s %s", request.method, request.path)
            return error_response(
                ApiError(500, "Internal server error (sandbox bug, see its log)", "internal_error"),
                self.host.error_shape,
            )

    def _api(self, request: Request, info: dict[str, Any]) -> Response:
        key_team = self._authenticate(request)
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, view_args = adapter.match()
        except (MethodNotAllowed, NotFound) as exc:
            # gigstack (an Express app) answers an unknown method+path with 404; a 405 would
            # tell a client the route exists.
            raise not_found_route(request) from exc
        endpoint = str(endpoint)
        info["endpoint"] = endpoint
        if (request.content_length or 0) > MAX_BODY_BYTES:
            raise ApiError(
                413, f"Request body larger than {MAX_BODY_BYTES} bytes", "payload_too_large"
            )
        body = parse_json_body(request.get_data(cache=True))
        info["json"] = body

        store = self.host.store
        with store.lock:
            team_id = request.args.get("team") or key_team
            team = store.team(team_id)
            if team is None:
                raise ApiError(
                    403,
                    f"Team '{team_id}' is not available to this API key: it does not exist or "
                    "is not connected through gigstack Connect",
                    "team_forbidden",
                )
            info["team"] = team_id
            ctx = Ctx(
                request=request,
                store=store,
                team=team,
                args=dict(request.args.items()),
                body=body,
                now=int(time.time()),
                host_url=request.host_url.rstrip("/"),
            )
            handler = HANDLERS[endpoint]
            if endpoint in IDEMPOTENT_ENDPOINTS or endpoint in RETURN_EXISTING_ENDPOINTS:
                result = self._idempotent(ctx, endpoint, handler, view_args)
            else:
                result = handler(ctx, **view_args)
            status, payload = result[0], result[1]
            headers = result[2] if len(result) > 2 else None
            if request.method in MUTATING and status < 400:
                self.host.persist()
                info["committed"] = True
        return json_response(payload, status, headers)

    def _authenticate(self, request: Request) -> str:
        """The team of the request's key (401 when there is no key or it is not accepted)."""
        header = request.headers.get("Authorization")
        if not header or not header.strip():
            raise ApiError(
                401, "Missing API key: send 'Authorization: Bearer <api key>'", "unauthorized"
            )
        value = header.strip()
        scheme, _, rest = value.partition(" ")
        # gigstack's docs show both "Bearer <key>" and a bare key (REFERENCE.md 2.2).
        token = rest.strip() if scheme.lower() == "bearer" else value
        team = self.host.key_team_for(token)
        if team is None:
            raise ApiError(401, "Invalid API key", "unauthorized")
        return team

    def _idempotent(
        self, ctx: Ctx, endpoint: str, handler: Callable[..., Result], view_args: Mapping[str, Any]
    ) -> Result:
        """Same key + same body -> the first answer again (status 200 and an
        ``Idempotent-Replayed: true`` header); same key + different body -> 409, except for
        receipts, whose key returns the existing receipt whatever the body.

        Keys are per team and per endpoint; only successful answers are remembered, so a
        request that failed validation can be fixed and sent again with the same key.
        """
        body = ctx.obj()
        key = body.get("idempotency_key")
        if key is None:
            return handler(ctx, **view_args)
        if not isinstance(key, str) or not key.strip() or len(key) > 255:
            raise bad_request(
                "idempotency_key", "must be a non-empty string of up to 255 characters"
            )
        scope = f"{endpoint}:{key}"
        fp = domain.fingerprint(body)
        cached = ctx.team.idempotency.get(scope)
        if cached is not None:
            if cached["fingerprint"] != fp and endpoint not in RETURN_EXISTING_ENDPOINTS:
                raise conflict(
                    f"idempotency_key '{key}' was already used with a different request body",
                    "idempotency_conflict",
                )
            payload = copy.deepcopy(cached["body"])
            if endpoint in RETURN_EXISTING_ENDPOINTS:
                # The receipt as it is now (it may have been stamped since).
                from .receipts import receipt_out

                current = ctx.team.receipts.get(payload.get("data", {}).get("id", ""))
                if current is not None:
                    payload["data"] = receipt_out(current, ctx.host_url)
            return 200, payload, {"Idempotent-Replayed": "true"}
        result = handler(ctx, **view_args)
        if result[0] < 400:
            ctx.team.idempotency[scope] = {
                "fingerprint": fp,
                "status": result[0],
                "body": copy.deepcopy(result[1]),
                "created_at": ctx.now,
            }
        return result


__all__ = ["HANDLERS", "INFO_KEY", "URL_MAP", "V2_RULES", "SandboxApp", "SandboxHost"]
