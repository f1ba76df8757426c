"""A front server on loopback that misbehaves the way gigstack does (REFERENCE §16.2/§16.3).

It listens on its own real socket and forwards every request to the sandbox, except that it
can: ignore the ``metadata.*`` list filters (answering with every record), answer lookups with
unrelated records only, answer a reused idempotency key with 409 or with another sale's record,
and drop a register request's connection before forwarding it. Nothing here is a mock: the
client under test talks HTTP to it, and it talks HTTP to the sandbox.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from desktop.sandbox import Sandbox

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client killed mid-request (the crash trials do it on purpose) is not an error.
        pass


def _is_filter(name: str) -> bool:
    return name.startswith(("metadata.", "metadata_"))


class Misbehaving:
    """A gigstack that ignores filters it does not know, and treats reused keys its own way.

    Switches (change them at any time; they apply to the next request):
        ignore_filters: drop ``metadata.*`` from list queries (the answer is every record).
        unrelated_lookups: answer a list with a ``metadata.*`` filter with only the records
            that do NOT match it (a filter gigstack "applies" to something else).
        miss_lookups: the same for the next N filtered lists only.
        lagging_index: the same for the first lookup of each filter value (an index that lags
            behind the writes: the second lookup of a record finds it).
        conflict_on_reuse: a register with an idempotency key already forwarded gets 409.
        other_on_reuse: a register with a key already forwarded gets 200 and another sale.
        drop_before_forward: the next N registers are cut off without reaching the sandbox.
        hold: cleared, registers wait (in flight) until it is set again.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.ignore_filters = False
        self.unrelated_lookups = False
        self.miss_lookups = 0
        self.lagging_index = False
        self._looked_up: set[tuple[tuple[str, str], ...]] = set()
        self.conflict_on_reuse = False
        self.other_on_reuse = False
        self.drop_before_forward = 0
        self.hold = threading.Event()
        self.hold.set()
        self.lock = threading.Lock()
        self.seen_keys: set[str] = set()
        self.answers: dict[str, bytes] = {}  # register answers by key (for other_on_reuse)
        self.forwarded_registers = 0
        self.reuse_answers = 0
        self.lookups = 0
        self._upstream = httpx.Client(base_url=sandbox.root_url, timeout=60.0)
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v2"

    def start(self) -> Misbehaving:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._upstream.close()

    def __enter__(self) -> Misbehaving:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- behaviour -----------------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                front._serve(self, "GET")

            def do_POST(self) -> None:
                front._serve(self, "POST")

            def do_PUT(self) -> None:
                front._serve(self, "PUT")

            def do_DELETE(self) -> None:
                front._serve(self, "DELETE")

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        parts = urlsplit(handler.path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        filters = [(k, v) for k, v in query if _is_filter(k)]
        miss = False
        if method == "GET" and filters:
            with self.lock:
                self.lookups += 1
                if self.miss_lookups > 0:
                    self.miss_lookups -= 1
                    miss = True
                if self.lagging_index and tuple(filters) not in self._looked_up:
                    self._looked_up.add(tuple(filters))
                    miss = True
            miss = miss or self.unrelated_lookups
            if self.ignore_filters or miss:
                query = [(k, v) for k, v in query if not _is_filter(k)]
        path = parts.path + (f"?{urlencode(query)}" if query else "")
        register = method == "POST" and parts.path.endswith("/payments/register")
        key = ""
        if register:
            self.hold.wait(timeout=120)
            key = str(json.loads(body or b"{}").get("idempotency_key") or "")
            with self.lock:
                if self.drop_before_forward > 0:
                    self.drop_before_forward -= 1
                    return self._drop(handler)
                reused = key in self.seen_keys
                if reused and self.conflict_on_reuse:
                    self.reuse_answers += 1
                    return self._answer(
                        handler,
                        409,
                        {
                            "message": "The idempotency key has already been used",
                            "error": "idempotency_key_already_used",
                        },
                    )
                other = next((a for k, a in self.answers.items() if k != key), None)
                if reused and self.other_on_reuse and other is not None:
                    self.reuse_answers += 1
                    return self._answer(handler, 200, json.loads(other))
                self.forwarded_registers += 1
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            upstream = self._upstream.request(method, path, content=body, headers=headers)
        except httpx.TransportError:
            if register:  # the sandbox may have committed before it dropped us
                with self.lock:
                    self.seen_keys.add(key)
            return self._drop(handler)  # the sandbox dropped us: the client is dropped too
        try:
            payload: Any = upstream.json() if upstream.content else None
        except ValueError:
            payload = {"message": upstream.text[:200]}
        if miss and isinstance(payload, dict):
            data = payload.get("data")
            if isinstance(data, list):
                payload["data"] = [r for r in data if not _matches_all(r, filters)]
        if register and upstream.is_success:
            # Like gigstack (and the sandbox), only a key that did something counts as used.
            with self.lock:
                self.seen_keys.add(key)
                self.answers[key] = upstream.content
        return self._answer(handler, upstream.status_code, payload)

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    @staticmethod
    def _drop(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        with contextlib.suppress(OSError):
            handler.connection.shutdown(socket.SHUT_RDWR)


def _matches_all(record: object, filters: list[tuple[str, str]]) -> bool:
    if not isinstance(record, dict):
        return False
    metadata = record.get("metadata")
    if not isinstance(metadata, dict):
        return False
    return all(str(metadata.get(_filter_key(k))) == v for k, v in filters)


def _filter_key(name: str) -> str:
    return name.removeprefix("metadata.") if name.startswith("metadata.") else name[9:]
