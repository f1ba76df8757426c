"""A small HTTP server on a real loopback socket, for answers the sandbox does not give.

Used where the sandbox cannot stand in: gigstack's legacy record shapes (``{label, value}``
regimes, Firestore timestamps, payments without ``total``) and routes the sandbox does not
serve (resending an invoice, credit notes). It is a real server (``http.server`` on
127.0.0.1, port 0) reached through the real client and httpx, not a mock transport. Every
request is recorded with its raw body bytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["Answer", "Handler", "LoopbackServer", "Seen", "loopback"]


@dataclass
class Seen:
    """One request as it arrived."""

    method: str
    path: str
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> Any:
        return json.loads(self.body, parse_float=Decimal) if self.body else None


@dataclass
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Seen], Answer]


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(type(value).__name__)


class LoopbackServer:
    """Serve ``handler`` on 127.0.0.1 until :meth:`stop`; ``base_url`` ends in ``/v2``."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class _RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                path = parts.path.removeprefix("/v2")
                seen = Seen(
                    method=self.command,
                    path=path,
                    query=dict(parse_qsl(parts.query, keep_blank_values=True)),
                    body=body,
                    headers={k.lower(): v for k, v in self.headers.items()},
                )
                with server._lock:
                    server.seen.append(seen)
                answer = server.handler(seen)
                payload = (
                    b""
                    if answer.body is None
                    else json.dumps(answer.body, default=_default, ensure_ascii=False).encode()
                )
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v2"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


@contextmanager
def loopback(handler: Handler) -> Iterator[LoopbackServer]:
    server = LoopbackServer(handler).start()
    try:
        yield server
    finally:
        server.stop()
