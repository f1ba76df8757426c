"""The controls middleware: fault injection, the request log and the ``/_sandbox`` routes.

Only tests and demo mode switch it on (``Sandbox(controls=True)``). Without it the sandbox
answers ``/v2`` and its public pages only: no unauthenticated route can reset data, inject
faults or read what was sent.

Pipeline for ``/v2`` with controls on: faults that act *before* processing (503, latency,
429, random 500) -> the core app -> log -> optional drop-after-commit (the request was
processed and stored, then the connection is closed without an answer).

``/_sandbox`` routes: ``GET /_sandbox`` (info), ``GET|POST|DELETE /_sandbox/faults``,
``POST /_sandbox/reset``, ``GET|DELETE /_sandbox/requests`` and ``POST
/_sandbox/close-period`` (gigstack's end-of-period run: unstamped receipts into the global
invoice; body ``{"team"?: id, "until"?: epoch seconds}``).
"""

from __future__ import annotations

import copy
import io
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .app import INFO_KEY, SandboxApp
from .faults import Faults
from .handlers.common import error_response, json_response
from .store import Store
from .validation import (
    MAX_BODY_BYTES,
    ApiError,
    bad_request,
    check_in,
    opt_int,
    opt_str,
    parse_json_body,
    require_object,
)

MAX_LOGGED_BODY = 64 * 1024  # the log keeps the first 64 KiB of a body as text
# Query parameters that are not filters (kept by the ignore_filters fault).
LIST_CONTROLS = frozenset({"limit", "next", "page", "team", "sort", "order_by", "q"})


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
        self._epoch = 0

    @property
    def epoch(self) -> int:
        """Read when a request starts; ``add`` keeps the entry only if no ``clear`` came
        between. A request still being served when a test resets the sandbox (a client that
        gave up on a slow answer, a thread of an earlier test) would otherwise land in the
        next test's log."""
        return self._epoch

    def add(self, entry: LoggedRequest, epoch: int | None = None) -> None:
        with self._lock:
            if epoch is None or epoch == self._epoch:
                self._entries.append(entry)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._epoch += 1

    def snapshot(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)


class ControlHost(Protocol):
    """What the middleware needs from ``server.Sandbox``."""

    store: Store

    @property
    def faults(self) -> Faults: ...

    @property
    def log(self) -> RequestLog: ...

    @property
    def error_shape(self) -> str: ...

    def reset(self, seed: str = "demo") -> None: ...

    def close_period(self, team: str | None = None, until: int | None = None) -> dict[str, Any]: ...


CONTROL_MAP = Map(
    [
        Rule("/_sandbox", methods=["GET"], endpoint="info"),
        Rule("/_sandbox/faults", methods=["GET", "POST", "DELETE"], endpoint="faults"),
        Rule("/_sandbox/reset", methods=["POST"], endpoint="reset"),
        Rule("/_sandbox/requests", methods=["GET", "DELETE"], endpoint="requests"),
        Rule("/_sandbox/close-period", methods=["POST"], endpoint="close_period"),
    ],
    strict_slashes=False,
    merge_slashes=False,
)


class ControlsMiddleware:
    """Wraps the core ``SandboxApp`` with faults, the request log and ``/_sandbox``."""

    def __init__(self, app: SandboxApp, host: ControlHost) -> None:
        self.app = app
        self.host = host

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            return self.control(Request(environ))(environ, start_response)
        if path == "/v2" or path.startswith("/v2/"):
            return self.api(environ)(environ, start_response)
        return self.app(environ, start_response)

    # --- /v2 with faults and the log -----------------------------------------------------------

    def api(self, environ: dict[str, Any]) -> Response:
        request = Request(environ)
        started = time.time()
        epoch = self.host.log.epoch
        # A body announced larger than the limit is not read at all (the core app says 413).
        too_big = (request.content_length or 0) > MAX_BODY_BYTES
        raw = b"" if too_big else request.get_data(cache=True)
        # The core app reads the body again from a fresh stream.
        if not too_big:
            environ["wsgi.input"] = io.BytesIO(raw)
            environ["CONTENT_LENGTH"] = str(len(raw))
        entry = LoggedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.args.items()),
            team=request.args.get("team"),
            status=0,
            json=None,
            response=None,
            query_string=request.query_string.decode("latin-1"),
            body=raw[:MAX_LOGGED_BODY].decode("utf-8", errors="replace"),
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
            started_at=started,
        )
        # The core app fills this dict (run_wsgi_app copies environ, not the dict).
        info: dict[str, Any] = environ.setdefault(INFO_KEY, {})
        response = self._fault_before(entry)
        if response is None:
            if self.host.faults.ignore_filters and request.method == "GET":
                kept = [(k, v) for k, v in parse_qsl(entry.query_string) if k in LIST_CONTROLS]
                environ["QUERY_STRING"] = urlencode(kept)
            response = Response.from_app(self.app, environ, buffered=True)
            if response.headers.get("Idempotent-Replayed") == "true":
                response = self._replay(response, info)
        entry.endpoint = info.get("endpoint")
        entry.team = info.get("team", entry.team)
        entry.json = info.get("json")
        if entry.json is None and raw.strip() and entry.endpoint is None:
            # Not routed (404/401): log the JSON if it is harmless to parse.
            try:
                entry.json = parse_json_body(raw)
            except ApiError:
                entry.json = None
        entry.status = response.status_code
        try:
            entry.response = json.loads(response.get_data()) if response.is_json else None
        except ValueError:  # pragma: no cover - the app only emits JSON on /v2
            entry.response = None
        entry.response_headers = dict(response.headers)
        entry.duration_ms = (time.time() - started) * 1000
        if info.get("committed") and self.host.faults.take_drop():
            entry.dropped = True
            entry.fault = "drop_after_commit"
            self.host.log.add(entry, epoch)
            self._drop_connection(environ)
            return Response(b"", status=204)
        self.host.log.add(entry, epoch)
        return response

    def _replay(self, response: Response, info: dict[str, Any]) -> Response:
        """Answer a reused idempotency key the way ``idempotency_replay`` says."""
        mode = self.host.faults.idempotency_replay
        if mode == "conflict":
            return error_response(
                ApiError(409, "idempotency_key already used", "idempotency_conflict"),
                self.host.error_shape,
            )
        if mode == "other":
            # Another record of the same kind: the team's newest other one, if any.
            store = self.host.store
            first = json.loads(response.get_data())
            kind, key = {
                "create_receipt": ("receipts", "id"),
                "create_invoice": ("invoices", "uuid"),
            }.get(str(info.get("endpoint")), ("payments", "id"))
            with store.lock:
                team = store.team(info.get("team") or store.key_team)
                pool = team.collection(kind).dump() if team is not None else []
                others = [r for r in pool if r.get(key) != first.get("data", {}).get(key)]
                if others:
                    other = copy.deepcopy(others[-1])  # insertion order: the newest
                    return json_response({"message": first.get("message"), "data": other})
        return response

    def _fault_before(self, entry: LoggedRequest) -> Response | None:
        faults = self.host.faults
        shape = self.host.error_shape
        if faults.status_down:
            entry.fault = "status_down"
            return error_response(
                ApiError(503, "Service temporarily unavailable", "service_unavailable"), shape
            )
        if faults.latency_ms:
            time.sleep(faults.latency_ms / 1000)
        retry_after = faults.take_rate_limit()
        if retry_after is not None:
            entry.fault = "rate_limit"
            return error_response(
                ApiError(
                    429,
                    "Too many requests, slow down",
                    "rate_limited",
                    {"Retry-After": str(retry_after)},
                ),
                shape,
            )
        if faults.roll_error():
            entry.fault = "error_rate"
            return error_response(ApiError(500, "Internal server error", "internal_error"), shape)
        return None

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

    # --- /_sandbox -------------------------------------------------------------------------------

    def control(self, request: Request) -> Response:
        adapter = CONTROL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, _ = adapter.match()
            body = parse_json_body(request.get_data())
            handler: Callable[[Request, Any], Response] = getattr(self, f"ctl_{endpoint}")
            return handler(request, body)
        except (MethodNotAllowed, NotFound):
            return json_response(
                {
                    "message": f"Route not found: {request.method} {request.path}",
                    "error": "not_found",
                },
                404,
            )
        except ApiError as exc:
            return error_response(exc)

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

    def ctl_close_period(self, request: Request, body: Any) -> Response:
        data = require_object(body if body is not None else {})
        team = opt_str(data, "team")
        until = opt_int(data, "until")
        if until is not None and until < 0:
            raise bad_request("until", "must be epoch seconds")
        if team is not None and self.host.store.team(team) is None:
            raise ApiError(404, f"Team '{team}' not found", "not_found")
        result = self.host.close_period(team=team, until=until)
        return json_response({"message": "Period closed", "data": result})
