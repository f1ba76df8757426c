"""The WSGI application: werkzeug routing, the gigstack envelope, auth, Connect teams,
pagination, idempotency, fault injection and the request log.

Request pipeline for ``/v2``: faults that act *before* processing (503, latency, 429, random
500) -> auth (401) -> team selection (403) -> route (404/405) -> JSON body (400) -> handler
under the store lock -> persistence -> optional drop-after-commit -> log.
"""

from __future__ import annotations

import copy
import json
import logging
import secrets
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import documents, domain
from .store import Collection, CursorError, Record, Store, TeamData, decode_cursor, encode_cursor
from .validation import (
    CANCEL_MOTIVES,
    PAYMENT_FORMS,
    PAYMENT_METHODS,
    ApiError,
    bad_request,
    check_email,
    check_in,
    conflict,
    is_fiscal_uuid,
    not_found,
    opt_str,
    req_str,
    require_object,
    rfc_check_digit_ok,
)

if TYPE_CHECKING:
    from .faults import Faults

log = logging.getLogger(__name__)

MUTATING = frozenset({"POST", "PUT", "DELETE", "PATCH"})
IDEMPOTENT_ENDPOINTS = frozenset({"register_payment", "request_payment", "create_invoice"})


@dataclass
class LoggedRequest:
    """One ``/v2`` request as the sandbox saw it (``sb.requests`` and ``/_sandbox/requests``).

    Supports both attribute and item access (``r.status`` and ``r["status"]``).
    """

    method: str
    path: str
    query: dict[str, str]
    team: str | None
    status: int
    json: Any
    response: Any
    query_string: str = ""
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)
    endpoint: str | None = None
    fault: str | None = None
    dropped: bool = False
    started_at: float = 0.0
    duration_ms: float = 0.0

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class RequestLog:
    """Thread-safe request log; bounded so a demo left running for days does not grow
    without limit (tests reset it long before the bound matters)."""

    def __init__(self, maxlen: int = 20_000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LoggedRequest] = deque(maxlen=maxlen)

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def snapshot(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)


class SandboxHost(Protocol):
    """What the app needs from its owner (``server.Sandbox``), kept as an explicit protocol."""

    api_key: str
    store: Store
    faults: Faults
    log: RequestLog

    def persist(self) -> None: ...
    def reset(self, seed: str = "demo") -> None: ...


# --- routing ---------------------------------------------------------------------------------

V2_RULES = [
    ("/clients", "GET", "list_clients"),
    ("/clients", "POST", "create_client"),
    ("/clients/customerportal", "POST", "customer_portal"),
    ("/clients/validate/<id>", "POST", "validate_client"),
    ("/clients/<id>", "GET", "get_client"),
    ("/clients/<id>", "PUT", "update_client"),
    ("/clients/<id>", "DELETE", "delete_client"),
    ("/clients/<id>/stamp-pending-receipts", "POST", "stamp_pending_receipts"),
    ("/services", "GET", "list_services"),
    ("/services", "POST", "create_service"),
    ("/services/<id>", "GET", "get_service"),
    ("/services/<id>", "PUT", "update_service"),
    ("/services/<id>", "DELETE", "delete_service"),
    ("/invoices/income", "GET", "list_invoices"),
    ("/invoices/income", "POST", "create_invoice"),
    ("/invoices/income/<id>", "GET", "get_invoice"),
    ("/invoices/<id>/files", "GET", "invoice_files"),
    ("/invoices/<id>", "DELETE", "cancel_invoice"),
    ("/payments", "GET", "list_payments"),
    ("/payments/request", "POST", "request_payment"),
    ("/payments/register", "POST", "register_payment"),
    ("/payments/<id>", "GET", "get_payment"),
    ("/payments/<id>", "DELETE", "cancel_payment"),
    ("/payments/<id>/paid", "POST", "mark_paid"),
    ("/payments/<id>/refund", "POST", "refund_payment"),
    ("/teams", "GET", "list_teams"),
    ("/teams", "POST", "create_team"),
    ("/teams/integrations", "GET", "team_integrations"),
    ("/teams/<id>", "GET", "get_team"),
    ("/teams/<id>", "PUT", "update_team"),
    ("/teams/<id>/add-member", "POST", "add_member"),
    ("/teams/<id>/remove-member", "POST", "remove_member"),
    ("/teams/<id>/series", "GET", "list_series"),
    ("/teams/<id>/series", "POST", "create_series"),
    ("/teams/<id>/series/<series_id>", "PUT", "update_series"),
    ("/teams/<id>/settings", "PUT", "update_settings"),
    ("/users", "GET", "list_users"),
    ("/users", "POST", "create_user"),
    ("/users/reset-password", "POST", "reset_password"),
    ("/users/<id>", "GET", "get_user"),
    ("/users/<id>", "PUT", "update_user"),
]

CONTROL_RULES = [
    ("/_sandbox", ["GET"], "info"),
    ("/_sandbox/faults", ["GET", "POST", "DELETE"], "faults"),
    ("/_sandbox/reset", ["POST"], "reset"),
    ("/_sandbox/requests", ["GET", "DELETE"], "requests"),
    ("/_sandbox/files/<name>", ["GET"], "files"),
    ("/_sandbox/portal/<token>", ["GET"], "page"),
    ("/_sandbox/pay/<token>", ["GET"], "page"),
]

URL_MAP = Map(
    [Rule("/v2" + path, methods=[method], endpoint=ep) for path, method, ep in V2_RULES]
    + [Rule(path, methods=methods, endpoint="ctl_" + ep) for path, methods, ep in CONTROL_RULES],
    strict_slashes=False,
    merge_slashes=False,
)


def _metadata_check(key: str, expected: str) -> Callable[[Record], bool]:
    """Exact match on ``metadata.<key>``; numbers and booleans compare by their JSON text."""

    def check(record: Record) -> bool:
        value = (record.get("metadata") or {}).get(key)
        if value is None:
            return False
        if isinstance(value, str):
            return value == expected
        return json.dumps(value) == expected

    return check


def _filter_check(test: Callable[[Record, str], bool], value: str) -> Callable[[Record], bool]:
    return lambda record: test(record, value)


def _created_check(op: str, bound: int) -> Callable[[Record], bool]:
    if op == "gte":
        return lambda record: int(record.get("created_at", 0)) >= bound
    return lambda record: int(record.get("created_at", 0)) <= bound


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False),
        status=status,
        headers=headers,
        mimetype="application/json",
    )


def error_payload(exc: ApiError) -> dict[str, str]:
    return {"message": exc.message, "error": exc.error}


@dataclass
class Ctx:
    """Everything a handler needs about the current request."""

    request: Request
    store: Store
    team: TeamData
    args: dict[str, str]
    body: Any
    now: int
    host_url: str

    def obj(self) -> dict[str, Any]:
        return {} if self.body is None else require_object(self.body)


Result = tuple[int, dict[str, Any]] | tuple[int, dict[str, Any], dict[str, str]]


class SandboxApp:
    """WSGI callable. ``host`` supplies the store, faults, log and persistence."""

    def __init__(self, host: SandboxHost) -> None:
        self.host = host

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        path = request.path
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            response = self.control(request)
        elif path == "/v2" or path.startswith("/v2/"):
            response = self.api(request, environ)
        else:
            response = json_response(
                {"message": f"Route not found: {request.method} {path}", "error": "not_found"}, 404
            )
        return response(environ, start_response)

    # --- /v2 ----------------------------------------------------------------

    def api(self, request: Request, environ: dict[str, Any]) -> Response:
        started = time.time()
        entry = LoggedRequest(
            method=request.method,
            path=request.path,
            query={k: v for k, v in request.args.items()},
            team=request.args.get("team"),
            status=0,
            json=None,
            response=None,
            query_string=request.query_string.decode("latin-1"),
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
            started_at=started,
        )
        raw = request.get_data(cache=True)
        entry.body = raw.decode("utf-8", errors="replace")
        try:
            entry.json = json.loads(raw) if raw else None
        except ValueError:
            entry.json = None
        drop = False
        try:
            response, drop = self._api(request, raw, entry)
        except ApiError as exc:
            response = json_response(error_payload(exc), exc.status, exc.headers)
        except Exception:
            # A sandbox bug must still look like an API error (JSON, 500), never an HTML page.
            log.exception("sandbox handler failed: %s %s", request.method, request.path)
            response = json_response(
                {
                    "message": "Internal server error (sandbox bug, see its log)",
                    "error": "internal_error",
                },
                500,
            )
        entry.status = response.status_code
        try:
            entry.response = json.loads(response.get_data()) if response.is_json else None
        except ValueError:  # pragma: no cover - we only emit JSON
            entry.response = None
        entry.response_headers = dict(response.headers)
        entry.duration_ms = (time.time() - started) * 1000
        if drop:
            entry.dropped = True
            entry.fault = "drop_after_commit"
            self.host.log.add(entry)
            self._drop_connection(environ)
            return Response(b"", status=204)
        self.host.log.add(entry)
        return response

    @staticmethod
    def _drop_connection(environ: dict[str, Any]) -> None:
        """Close the TCP connection without answering (the client sees a disconnect).

        werkzeug's dev server puts the connection socket in ``environ["werkzeug.socket"]``;
        ``shutdown`` acts on the connection at once even though werkzeug still holds file
        objects on it, and werkzeug treats the failed write that follows as a dropped client.
        """
        sock = environ.get("werkzeug.socket")
        if sock is None:  # pragma: no cover - only under a foreign WSGI server
            return
        try:
            # Linger 0 turns the close into a reset where the OS allows it.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _api(self, request: Request, raw: bytes, entry: LoggedRequest) -> tuple[Response, bool]:
        faults = self.host.faults
        if faults.status_down:
            entry.fault = "status_down"
            raise ApiError(503, "Service temporarily unavailable", "service_unavailable")
        if faults.latency_ms:
            time.sleep(faults.latency_ms / 1000)
        retry_after = faults.take_rate_limit()
        if retry_after is not None:
            entry.fault = "rate_limit"
            raise ApiError(
                429,
                "Too many requests, slow down",
                "rate_limited",
                {"Retry-After": str(retry_after)},
            )
        if faults.roll_error():
            entry.fault = "error_rate"
            raise ApiError(500, "Internal server error", "internal_error")

        self._authenticate(request)
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, view_args = adapter.match()
        except MethodNotAllowed as exc:
            allowed = ", ".join(sorted(exc.valid_methods or []))
            raise ApiError(
                405,
                f"Method {request.method} not allowed on {request.path}",
                "method_not_allowed",
                {"Allow": allowed},
            ) from exc
        except NotFound as exc:
            raise ApiError(
                404, f"Route not found: {request.method} {request.path}", "not_found"
            ) from exc
        if not isinstance(endpoint, str) or endpoint.startswith("ctl_"):
            raise ApiError(404, f"Route not found: {request.method} {request.path}", "not_found")
        entry.endpoint = endpoint

        body: Any = None
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError as exc:
                raise ApiError(400, f"Invalid JSON body: {exc}", "invalid_json") from exc

        store = self.host.store
        with store.lock:
            team_id = request.args.get("team") or store.key_team
            team = store.team(team_id)
            if team is None:
                raise ApiError(
                    403,
                    f"Team '{team_id}' is not available to this API key: it does not exist or "
                    "is not connected through gigstack Connect",
                    "team_forbidden",
                )
            entry.team = team_id
            ctx = Ctx(
                request=request,
                store=store,
                team=team,
                args=dict(request.args.items()),
                body=body,
                now=int(time.time()),
                host_url=request.host_url.rstrip("/"),
            )
            handler = getattr(self, "h_" + endpoint)
            if endpoint in IDEMPOTENT_ENDPOINTS:
                result = self._idempotent(ctx, endpoint, handler, view_args)
            else:
                result = handler(ctx, **view_args)
            status, payload = result[0], result[1]
            headers = result[2] if len(result) > 2 else None
            if request.method in MUTATING and status < 400:
                self.host.persist()
        drop = request.method in MUTATING and faults.take_drop()
        return json_response(payload, status, headers), drop

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("Authorization")
        if not header or not header.strip():
            raise ApiError(
                401, "Missing API key: send 'Authorization: Bearer <api key>'", "unauthorized"
            )
        value = header.strip()
        scheme, _, rest = value.partition(" ")
        # gigstack's docs show both "Bearer <key>" and a bare key (REFERENCE.md 2.2).
        token = rest.strip() if scheme.lower() == "bearer" else value
        if not secrets.compare_digest(token.encode(), self.host.api_key.encode()):
            raise ApiError(401, "Invalid API key", "unauthorized")

    def _idempotent(
        self, ctx: Ctx, endpoint: str, handler: Callable[..., Result], view_args: Mapping[str, Any]
    ) -> Result:
        """Same key + same body -> the first answer again (status 200 and an
        ``Idempotent-Replayed: true`` header); same key + different body -> 409.

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
            if cached["fingerprint"] != fp:
                raise conflict(
                    f"idempotency_key '{key}' was already used with a different request body",
                    "idempotency_conflict",
                )
            return 200, copy.deepcopy(cached["body"]), {"Idempotent-Replayed": "true"}
        result = handler(ctx, **view_args)
        if result[0] < 400:
            ctx.team.idempotency[scope] = {
                "fingerprint": fp,
                "status": result[0],
                "body": copy.deepcopy(result[1]),
                "created_at": ctx.now,
            }
        return result

    # --- lists ----------------------------------------------------------------

    def _list(
        self,
        ctx: Ctx,
        collection: Collection,
        *,
        message: str,
        out: Callable[[Record], Record],
        filters: dict[str, Callable[[Record, str], bool]] | None = None,
        scope: str | None = None,
    ) -> Result:
        args = ctx.args
        limit_raw = args.get("limit", "10")
        try:
            limit = int(limit_raw)
        except ValueError:
            raise bad_request("limit", "must be an integer between 1 and 100") from None
        if not 1 <= limit <= 100:
            raise bad_request("limit", "must be an integer between 1 and 100")
        sort = args.get("sort", "desc")
        check_in(sort, frozenset({"asc", "desc"}), "sort")
        order_by = args.get("order_by", "created_at")
        check_in(order_by, frozenset({"created_at", "timestamp", "created", "name"}), "order_by")
        order_key = "name" if order_by == "name" else "created_at"

        checks: list[tuple[str, str, Callable[[Record], bool]]] = []
        for name, value in args.items():
            meta_key = None
            if name.startswith("metadata."):
                meta_key = name[len("metadata.") :]
            elif name.startswith("metadata_"):
                meta_key = name[len("metadata_") :]
            if meta_key:
                checks.append((name, value, _metadata_check(meta_key, value)))
        for names, op in (
            (("created[gte]", "created_gte"), "gte"),
            (("created[lte]", "created_lte"), "lte"),
        ):
            for name in names:
                if name in args:
                    try:
                        bound = int(args[name])
                    except ValueError:
                        raise bad_request(name, "must be an epoch timestamp in seconds") from None
                    checks.append((name, str(bound), _created_check(op, bound)))
        for name, test in (filters or {}).items():
            if name in args:
                value = args[name]
                checks.append((name, value, _filter_check(test, value)))

        cache_key = tuple((n, v) for n, v, _ in checks)
        predicate = None
        if checks:
            tests = [c[2] for c in checks]

            def predicate(record: Record) -> bool:
                return all(t(record) for t in tests)

        scope = scope or f"{ctx.team.team['id']}:{collection.name}"
        start = None
        descending = sort == "desc"
        if args.get("next"):
            try:
                cursor = decode_cursor(args["next"])
                if cursor.get("s") != scope or not isinstance(cursor.get("p"), int):
                    raise CursorError("cursor belongs to another list")
            except CursorError as exc:
                raise ApiError(400, f"Invalid 'next' cursor: {exc}", "invalid_cursor") from exc
            start = cursor["p"]
            descending = bool(cursor.get("d", 1))
            order_key = cursor.get("o", order_key)
        elif args.get("page"):
            # Documented for invoice lists with metadata filters: 1-based page numbers.
            try:
                page = int(args["page"])
            except ValueError:
                raise bad_request("page", "must be an integer >= 1") from None
            if page < 1:
                raise bad_request("page", "must be an integer >= 1")
            for _ in range(page - 1):
                _, start = collection.page(
                    start=start,
                    descending=descending,
                    limit=limit,
                    predicate=predicate,
                    order_by=order_key,
                )
                if start is None:
                    break
            if page > 1 and start is None:
                return 200, {
                    "message": message,
                    "data": [],
                    "has_more": False,
                    "total_results": collection.count(predicate, cache_key),
                }

        records, last = collection.page(
            start=start,
            descending=descending,
            limit=limit,
            predicate=predicate,
            order_by=order_key,
        )
        payload: dict[str, Any] = {
            "message": message,
            "data": [out(r) for r in records],
            "has_more": last is not None,
            "total_results": collection.count(predicate, cache_key),
        }
        if last is not None:
            payload["next"] = encode_cursor(
                {"s": scope, "p": last, "d": int(descending), "o": order_key}
            )
        return 200, payload

    # --- clients ----------------------------------------------------------------

    def _client(self, ctx: Ctx, ident: str) -> Record:
        client = ctx.team.clients.get(ident)
        if client is None:
            raise not_found("Client", ident)
        return client

    def h_list_clients(self, ctx: Ctx) -> Result:
        return self._list(
            ctx,
            ctx.team.clients,
            message="Clients retrieved successfully",
            out=domain.client_out,
            filters={
                "tax_id": lambda r, v: r.get("tax_id", "").lower() == v.lower(),
                "email": lambda r, v: r.get("email", "").lower() == v.lower(),
            },
        )

    def h_create_client(self, ctx: Ctx) -> Result:
        status, message, record = domain.create_or_find_client(ctx.team, ctx.obj(), ctx.now)
        return status, {"message": message, "data": domain.client_out(record)}

    def h_get_client(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "Client retrieved successfully",
            "data": domain.client_out(self._client(ctx, id)),
        }

    def h_update_client(self, ctx: Ctx, id: str) -> Result:
        updated = domain.apply_client_fields(copy.deepcopy(self._client(ctx, id)), ctx.obj())
        if "tax_id" in updated:
            updated["is_valid"] = rfc_check_digit_ok(updated["tax_id"])
        ctx.team.clients.replace(updated)
        return 200, {"message": "Client updated successfully", "data": domain.client_out(updated)}

    def h_delete_client(self, ctx: Ctx, id: str) -> Result:
        self._client(ctx, id)
        ctx.team.clients.delete(id)
        return 200, {"message": "Client deleted successfully", "data": {"id": id, "deleted": True}}

    def h_validate_client(self, ctx: Ctx, id: str) -> Result:
        client = copy.deepcopy(self._client(ctx, id))
        # Stand-in for gigstack's SAT lookup: structure + check digit + regime present.
        valid = (
            bool(client.get("tax_id"))
            and rfc_check_digit_ok(client["tax_id"])
            and bool(client.get("tax_system"))
        )
        client["is_valid"] = valid
        client["efos"] = {"is_valid": True, "checked_at": ctx.now}
        client["validated_at"] = ctx.now
        ctx.team.clients.replace(client)
        return 200, {"message": "Client validated successfully", "data": domain.client_out(client)}

    def h_customer_portal(self, ctx: Ctx) -> Result:
        body = ctx.obj()
        if body.get("id"):
            client = self._client(ctx, req_str(body, "id"))
        elif body.get("email"):
            email = check_email(body["email"])
            matches = ctx.team.clients.lookup("email", email)
            if not matches:
                raise not_found("Client with email", email)
            client = matches[0]
        else:
            raise bad_request("id", "id or email is required")
        token = secrets.token_urlsafe(12)
        return 200, {
            "message": "Operation completed successfully",
            "data": {
                "url": f"{ctx.host_url}/_sandbox/portal/{token}?client={client['id']}",
                # gigstack's CLI says the link lasts 5 days.
                "expires_at": ctx.now + 5 * 24 * 3600,
                "client": client["id"],
            },
        }

    def h_stamp_pending_receipts(self, ctx: Ctx, id: str) -> Result:
        self._client(ctx, id)
        # The sandbox implements no receipts (outside the seed list): nothing is ever pending.
        return 200, {
            "message": "Pending receipts stamped successfully",
            "data": {"stamped": 0, "failed": 0, "remaining": 0, "results": []},
        }

    # --- services ----------------------------------------------------------------

    def _service(self, ctx: Ctx, ident: str) -> Record:
        service = ctx.team.services.get(ident)
        if service is None:
            raise not_found("Service", ident)
        return service

    def h_list_services(self, ctx: Ctx) -> Result:
        return self._list(
            ctx,
            ctx.team.services,
            message="Services retrieved successfully",
            out=copy.deepcopy,
            filters={
                "sku": lambda r, v: r.get("sku") == v,
                "barcode": lambda r, v: r.get("barcode") == v,
            },
        )

    def h_create_service(self, ctx: Ctx) -> Result:
        record = domain.new_service(ctx.team, ctx.obj(), ctx.now)
        ctx.team.services.add(record)
        return 201, {"message": "Service created successfully", "data": copy.deepcopy(record)}

    def h_get_service(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "Service retrieved successfully",
            "data": copy.deepcopy(self._service(ctx, id)),
        }

    def h_update_service(self, ctx: Ctx, id: str) -> Result:
        updated = domain.apply_service_fields(copy.deepcopy(self._service(ctx, id)), ctx.obj())
        ctx.team.services.replace(updated)
        return 200, {"message": "Service updated successfully", "data": copy.deepcopy(updated)}

    def h_delete_service(self, ctx: Ctx, id: str) -> Result:
        self._service(ctx, id)
        ctx.team.services.delete(id)
        return 200, {"message": "Service deleted successfully", "data": {"id": id, "deleted": True}}

    # --- invoices ----------------------------------------------------------------

    def _invoice(self, ctx: Ctx, ident: str) -> Record:
        invoice = ctx.team.invoices.get(ident)
        if invoice is None:
            raise not_found("Invoice", ident)
        return invoice

    def h_list_invoices(self, ctx: Ctx) -> Result:
        return self._list(
            ctx,
            ctx.team.invoices,
            message="Invoices retrieved successfully",
            out=copy.deepcopy,
            filters={
                "status": lambda r, v: r["status"] == {"canceled": "cancelled"}.get(v, v),
                "client_id": lambda r, v: r["client"].get("id") == v,
                "series": lambda r, v: r["series"] == v,
            },
        )

    def h_create_invoice(self, ctx: Ctx) -> Result:
        body = ctx.obj()
        team = ctx.team
        if body.get("client") is None:
            raise bad_request("client", "is required")
        currency, rate, _ = domain.check_payment_basics(body)
        payment_method = body.get("payment_method", "PUE")
        check_in(payment_method, PAYMENT_METHODS, "payment_method")
        if payment_method == "PPD":
            payment_form = body.get("payment_form", "99")
            if payment_form != "99":
                raise bad_request("payment_form", "a PPD invoice must use payment_form 99")
        else:
            payment_form = check_in(body.get("payment_form"), PAYMENT_FORMS, "payment_form")
            if payment_form == "99":
                raise bad_request("payment_form", "99 (por definir) is not valid for PUE")
        client, created = domain.resolve_payment_client(team, body["client"], ctx.now)
        items, lines = domain.build_items(team, body.get("items"))
        use = domain.effective_use(body, client, team)
        series = opt_str(body, "series") or domain.invoice_series(team, {})[0]
        folio = body.get("folio_number")
        if folio is not None and (
            isinstance(folio, bool) or not isinstance(folio, int) or folio < 1
        ):
            raise bad_request("folio_number", "must be a positive integer")
        for i, raw_rel in enumerate(body.get("related_documents") or []):
            rel = require_object(raw_rel, f"related_documents[{i}]")
            for j, doc in enumerate(rel.get("documents") or []):
                if not is_fiscal_uuid(doc):
                    raise bad_request(
                        f"related_documents[{i}].documents[{j}]", "must be a fiscal UUID"
                    )
        metadata = body.get("metadata") or {}
        require_object(metadata, "metadata")
        invoice = domain.make_invoice(
            team,
            client=client,
            items=items,
            lines=lines,
            currency=currency,
            exchange_rate=rate,
            payment_form=payment_form,
            payment_method=payment_method,
            use=use,
            series=series,
            folio=folio,
            now=ctx.now,
            metadata=dict(metadata),
            field="series",
        )
        if created is not None:
            team.clients.add(created)
        team.invoices.add(invoice)
        data = copy.deepcopy(invoice)
        # Documented: the create response says "stamped"; lists and gets say "valid".
        data["status"] = "stamped"
        if body.get("return_files_urls"):
            data["files"] = self._files_data(ctx, invoice["uuid"], None)
        return 201, {"message": "Invoice created successfully", "data": data}

    def h_get_invoice(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "Invoice retrieved successfully",
            "data": copy.deepcopy(self._invoice(ctx, id)),
        }

    def _files_data(self, ctx: Ctx, ident: str, file_type: str | None) -> dict[str, str]:
        base = f"{ctx.host_url}/_sandbox/files/{ident}"
        kinds = [file_type] if file_type else ["pdf", "xml"]
        return {kind: f"{base}.{kind}" for kind in kinds}

    def h_invoice_files(self, ctx: Ctx, id: str) -> Result:
        self._invoice(ctx, id)
        file_type = ctx.args.get("file_type")
        if file_type is not None:
            check_in(file_type, frozenset({"pdf", "xml"}), "file_type")
        return 200, {
            "message": "Invoice files retrieved successfully",
            "data": self._files_data(ctx, id, file_type),
        }

    def h_cancel_invoice(self, ctx: Ctx, id: str) -> Result:
        invoice = self._invoice(ctx, id)
        body = ctx.obj()
        motive = body.get("motive")
        check_in(motive, CANCEL_MOTIVES, "motive")
        # gigstack's CLI sends `replacement`; docs and n8n send `substitution_uuid`.
        substitution = body.get("substitution_uuid", body.get("replacement"))
        if motive == "01":
            if not is_fiscal_uuid(substitution):
                raise bad_request(
                    "substitution_uuid",
                    "motive 01 requires the fiscal UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) "
                    "of the replacing CFDI",
                )
            if str(substitution).upper() == invoice["stamp"]["uuid"]:
                raise bad_request("substitution_uuid", "an invoice cannot replace itself")
        elif substitution is not None and not is_fiscal_uuid(substitution):
            raise bad_request("substitution_uuid", "must be a fiscal UUID")
        if invoice["status"] == "cancelled":
            raise conflict(f"Invoice {id} is already cancelled", "already_cancelled")
        updated = copy.deepcopy(invoice)
        updated["status"] = "cancelled"
        updated["cancellation"] = {
            "motive": motive,
            "substitution_uuid": str(substitution).upper() if substitution else None,
            "cancelled_at": ctx.now,
        }
        ctx.team.invoices.replace(updated)
        return 200, {
            "message": "Invoice cancelled successfully",
            "data": {"uuid": id, "status": "cancelled", "cancellation": updated["cancellation"]},
        }

    # --- payments ----------------------------------------------------------------

    def _payment(self, ctx: Ctx, ident: str) -> Record:
        payment = ctx.team.payments.get(ident)
        if payment is None:
            raise not_found("Payment", ident)
        return payment

    def h_list_payments(self, ctx: Ctx) -> Result:
        return self._list(
            ctx,
            ctx.team.payments,
            message="Payments retrieved successfully",
            out=domain.payment_out,
            filters={
                "status": lambda r, v: r["status"] == {"cancelled": "canceled"}.get(v, v),
                "client_id": lambda r, v: r["client"].get("id") == v,
                "email": lambda r, v: (r["client"].get("email") or "").lower() == v.lower(),
                "tax_id": lambda r, v: (r["client"].get("tax_id") or "").upper() == v.upper(),
                "currency": lambda r, v: r["currency"] == v.upper(),
            },
        )

    def h_get_payment(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "Payment retrieved successfully",
            "data": domain.payment_out(self._payment(ctx, id)),
        }

    def h_cancel_payment(self, ctx: Ctx, id: str) -> Result:
        payment = self._payment(ctx, id)
        if payment["status"] == "canceled":
            raise conflict(f"Payment {id} is already canceled", "already_canceled")
        updated = copy.deepcopy(payment)
        # One spelling: n8n (generated from gigstack's swagger) filters on "canceled".
        updated["status"] = "canceled"
        updated["canceled_at"] = ctx.now
        ctx.team.payments.replace(updated)
        return 200, {
            "message": "Payment cancelled successfully",
            "data": domain.payment_out(updated),
        }

    def h_register_payment(self, ctx: Ctx) -> Result:
        payment = domain.register_payment(ctx.team, ctx.obj(), ctx.now)
        return 201, {
            "message": "Payment registered successfully",
            "data": domain.payment_out(payment),
        }

    def h_request_payment(self, ctx: Ctx) -> Result:
        payment = domain.request_payment(ctx.team, ctx.obj(), ctx.now, f"{ctx.host_url}/_sandbox")
        return 201, {
            "message": "Payment requested successfully",
            "data": domain.payment_out(payment),
        }

    def h_mark_paid(self, ctx: Ctx, id: str) -> Result:
        payment = domain.mark_paid(ctx.team, self._payment(ctx, id), ctx.obj(), ctx.now)
        return 200, {"message": "Payment marked as paid", "data": domain.payment_out(payment)}

    def h_refund_payment(self, ctx: Ctx, id: str) -> Result:
        payment = domain.refund(ctx.team, self._payment(ctx, id), ctx.obj(), ctx.now)
        return 200, {
            "message": "Payment refunded successfully",
            "data": domain.payment_out(payment),
        }

    # --- teams ----------------------------------------------------------------

    def _team(self, ctx: Ctx, ident: str) -> TeamData:
        team = ctx.store.team(ident)
        if team is None:
            raise not_found("Team", ident)
        return team

    def h_list_teams(self, ctx: Ctx) -> Result:
        teams = Collection("teams")
        for data in ctx.store.teams.values():
            teams.add(data.team)
        # Teams are few; the list is rebuilt per request but paged like any other.
        return self._list(
            ctx, teams, message="Teams retrieved successfully", out=copy.deepcopy, scope="teams"
        )

    def h_create_team(self, ctx: Ctx) -> Result:
        record = domain.new_team(
            ctx.obj(), ctx.now, ctx.team.team.get("owner", ""), ctx.store.livemode
        )
        owner = ctx.store.users.get(record["owner"])
        if owner is not None:
            record["members"].append({"id": owner["id"], "email": owner["email"], "role": "admin"})
        data = TeamData(record)
        # Inferred: a new team starts with series "A" so it can invoice right away.
        data.series["A"] = {"id": "A", "series": "A", "live": 0, "test": 0}
        ctx.store.teams[record["id"]] = data
        return 201, {"message": "Team created successfully", "data": copy.deepcopy(record)}

    def h_team_integrations(self, ctx: Ctx) -> Result:
        team = ctx.team.team
        return 200, {
            "message": "Integrations retrieved successfully",
            "data": {
                "team": team["id"],
                "stripe": copy.deepcopy(
                    team.get("integrations", {}).get("stripe", {"completed": False})
                ),
                "sat": {
                    "completed": bool(team.get("sat", {}).get("completed")),
                    "csd_expires_at": team.get("sat", {}).get("csd_expires_at"),
                },
                "bank": {"completed": False},
            },
        }

    def h_get_team(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "Team retrieved successfully",
            "data": copy.deepcopy(self._team(ctx, id).team),
        }

    def h_update_team(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        updated = domain.apply_team_fields(copy.deepcopy(team.team), ctx.obj())
        team.team = updated
        return 200, {"message": "Team updated successfully", "data": copy.deepcopy(updated)}

    def h_add_member(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        body = ctx.obj()
        user_id = req_str(body, "id")
        role = domain.check_role(body.get("role", "viewer"))
        user = ctx.store.users.get(user_id)
        if user is None:
            raise not_found("User", user_id)
        members = team.team.setdefault("members", [])
        for member in members:
            if member["id"] == user_id:
                member["role"] = role
                break
        else:
            members.append({"id": user_id, "email": user["email"], "role": role})
        # Documented response: {"message": "Operation completed successfully", "data": {}}
        return 200, {"message": "Operation completed successfully", "data": {}}

    def h_remove_member(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        user_id = req_str(ctx.obj(), "id")
        members = team.team.setdefault("members", [])
        if not any(m["id"] == user_id for m in members):
            raise not_found("Member", user_id)
        if user_id == team.team.get("owner"):
            raise conflict("The team owner cannot be removed", "owner_cannot_be_removed")
        team.team["members"] = [m for m in members if m["id"] != user_id]
        return 200, {"message": "Operation completed successfully", "data": {}}

    def h_list_series(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        return 200, {
            "message": "Series retrieved successfully",
            "data": [copy.deepcopy(s) for s in team.series.values()],
        }

    def h_create_series(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        body = ctx.obj()
        name = req_str(body, "series").strip().upper()
        if not name.isalnum() or len(name) > 25:
            raise bad_request("series", "must be 1-25 letters or digits")
        if name in team.series:
            raise conflict(f"Series '{name}' already exists", "series_exists")
        counters = domain.check_series_counters(body)
        record = {
            "id": name,
            "series": name,
            "live": counters.get("live", 0),
            "test": counters.get("test", 0),
        }
        team.series[name] = record
        return 201, {"message": "Series created successfully", "data": copy.deepcopy(record)}

    def h_update_series(self, ctx: Ctx, id: str, series_id: str) -> Result:
        team = self._team(ctx, id)
        record = team.series.get(series_id) or team.series.get(series_id.upper())
        if record is None:
            raise not_found("Series", series_id)
        record.update(domain.check_series_counters(ctx.obj()))
        return 200, {"message": "Series updated successfully", "data": copy.deepcopy(record)}

    def h_update_settings(self, ctx: Ctx, id: str) -> Result:
        team = self._team(ctx, id)
        updated = copy.deepcopy(team.team)
        settings = domain.apply_settings(updated, ctx.obj())
        team.team = updated
        return 200, {"message": "Settings updated successfully", "data": copy.deepcopy(settings)}

    # --- users ----------------------------------------------------------------

    def _user(self, ctx: Ctx, ident: str) -> Record:
        user = ctx.store.users.get(ident)
        if user is None:
            raise not_found("User", ident)
        return user

    def h_list_users(self, ctx: Ctx) -> Result:
        return self._list(
            ctx,
            ctx.store.users,
            message="Users retrieved successfully",
            out=lambda u: domain.user_out(u, ctx.store),
            scope="users",
        )

    def h_create_user(self, ctx: Ctx) -> Result:
        body = ctx.obj()
        # The n8n node requires email (the guide says optional, but a user needs a login).
        email = check_email(body.get("email"), "email")
        if ctx.store.users.lookup("email", email):
            raise conflict(f"A user with email {email} already exists", "email_exists")
        role = domain.check_role(body.get("role", "viewer"))
        user: Record = {
            "id": domain.new_id("user"),
            "object": "user",
            "email": email,
            "role": role,
            "created_at": ctx.now,
            "invitation_sent": True,
        }
        domain.apply_user_fields(user, body)
        ctx.store.users.add(user)
        if body.get("auto_join"):
            ctx.team.team.setdefault("members", []).append(
                {"id": user["id"], "email": email, "role": role}
            )
        return 201, {
            "message": "User created successfully",
            "data": domain.user_out(user, ctx.store),
        }

    def h_reset_password(self, ctx: Ctx) -> Result:
        email = check_email(ctx.obj().get("email"), "email")
        # Inferred: answer the same for unknown emails (no account enumeration).
        return 200, {"message": "Password reset email sent", "data": {"email": email}}

    def h_get_user(self, ctx: Ctx, id: str) -> Result:
        return 200, {
            "message": "User retrieved successfully",
            "data": domain.user_out(self._user(ctx, id), ctx.store),
        }

    def h_update_user(self, ctx: Ctx, id: str) -> Result:
        updated = domain.apply_user_fields(copy.deepcopy(self._user(ctx, id)), ctx.obj())
        ctx.store.users.replace(updated)
        return 200, {
            "message": "User updated successfully",
            "data": domain.user_out(updated, ctx.store),
        }

    # --- /_sandbox control API ----------------------------------------------------------------

    def control(self, request: Request) -> Response:
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
            if not str(endpoint).startswith("ctl_"):
                raise NotFound()
            body: Any = None
            raw = request.get_data()
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    raise ApiError(400, f"Invalid JSON body: {exc}", "invalid_json") from exc
            return getattr(self, str(endpoint))(request, body, **args)
        except MethodNotAllowed:
            return json_response(
                {"message": "Method not allowed", "error": "method_not_allowed"}, 405
            )
        except NotFound:
            return json_response(
                {"message": f"Route not found: {request.path}", "error": "not_found"}, 404
            )
        except ApiError as exc:
            return json_response(error_payload(exc), exc.status, exc.headers)

    def ctl_info(self, request: Request, body: Any) -> Response:
        store = self.host.store
        host = request.host_url.rstrip("/")
        return json_response(
            {
                "base_url": f"{host}/v2",
                "control_url": f"{host}/_sandbox",
                "team": store.key_team,
                "teams": list(store.teams),
                "faults": self.host.faults.snapshot(),
            }
        )

    def ctl_faults(self, request: Request, body: Any) -> Response:
        if request.method == "DELETE":
            self.host.faults.clear()
        elif request.method == "POST":
            self.host.faults.set(**require_object(body if body is not None else {}))
        return json_response({"message": "Faults", "data": self.host.faults.snapshot()})

    def ctl_reset(self, request: Request, body: Any) -> Response:
        seed = require_object(body if body is not None else {}).get("seed", "demo")
        check_in(seed, frozenset({"demo", "empty"}), "seed")
        self.host.reset(seed=seed)
        return json_response({"message": "Sandbox reset", "data": {"seed": seed}})

    def ctl_requests(self, request: Request, body: Any) -> Response:
        if request.method == "DELETE":
            self.host.log.clear()
            return json_response({"message": "Request log cleared", "data": []})
        return json_response(
            {"message": "Requests", "data": [e.to_dict() for e in self.host.log.snapshot()]}
        )

    def ctl_files(self, request: Request, body: Any, name: str) -> Response:
        stem, _, ext = name.rpartition(".")
        if ext not in ("pdf", "xml"):
            raise ApiError(404, f"File {name} not found", "not_found")
        store = self.host.store
        with store.lock:
            invoice = next(
                (t.invoices.get(stem) for t in store.teams.values() if stem in t.invoices), None
            )
            if invoice is None:
                raise ApiError(404, f"File {name} not found", "not_found")
            invoice = copy.deepcopy(invoice)
        if ext == "pdf":
            return Response(documents.invoice_pdf(invoice), mimetype="application/pdf")
        return Response(documents.invoice_xml(invoice), mimetype="application/xml")

    def ctl_page(self, request: Request, body: Any, token: str) -> Response:
        html = (
            "<!doctype html><meta charset='utf-8'><title>gigstack sandbox</title>"
            "<p>Página de demostración del sandbox de Mostrador (portal / liga de pago).</p>"
        )
        return Response(html, mimetype="text/html")
