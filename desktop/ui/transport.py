"""An httpx transport whose in-flight requests can be cut from another thread.

`httpx.Client.close()` returns at once but does not wake a thread blocked reading a response:
on Linux, closing a socket another thread is reading leaves that read waiting until the server
answers or the read timeout (45 s) ends (measured: a 6 s slow answer still took 6 s after
`close()`). Shutting the socket down (`shutdown(SHUT_RDWR)`) does wake it, with a read error.
So each lane's client gets this transport; `abort()` shuts down every socket it opened and
refuses new connections, and the blocked request ends in a `ResponseLostError` within
milliseconds. The sender treats that as "outcome unknown": the row goes back to pending and is
looked up before it is sent again, exactly as after a crash.

Nothing here imports Qt; it lives beside the lanes because only they need it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import typing
import urllib.request
import weakref

import httpcore
import httpx

log = logging.getLogger(__name__)


class _TrackedStream(httpcore.NetworkStream):
    """Delegates to the real stream; registers itself (and its TLS successor) for `abort()`."""

    def __init__(self, inner: httpcore.NetworkStream, backend: AbortableBackend) -> None:
        self._inner = inner
        self._backend = backend
        backend.track(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # wrap_socket() detaches the plain socket: the TLS stream owns the descriptor now.
        upgraded = self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _TrackedStream(upgraded, self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)

    def shutdown(self) -> None:
        sock = self._inner.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            # OSError: already closed, or detached (a TLS upgrade took the descriptor over).
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class AbortableBackend(httpcore.NetworkBackend):
    """httpcore's sync backend plus a registry of open streams and an abort switch."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._streams: weakref.WeakSet[_TrackedStream] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._aborted = False

    def track(self, stream: _TrackedStream) -> None:
        with self._lock:
            self._streams.add(stream)
            aborted = self._aborted
        if aborted:
            stream.shutdown()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self._aborted:
            raise httpcore.ConnectError("the app is closing")
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _TrackedStream(stream, self)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self._aborted:
            raise httpcore.ConnectError("the app is closing")
        return _TrackedStream(self._inner.connect_unix_socket(path, timeout, socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            streams = list(self._streams)
        for stream in streams:
            stream.shutdown()


class AbortableTransport(httpx.HTTPTransport):
    """`httpx.HTTPTransport` with `abort()`: every request in flight fails now, new ones too.

    httpx's transport takes no network backend, so the connection pool it builds is replaced
    by an identical one over `AbortableBackend` (`_pool` is what `handle_request` uses; checked
    against httpx 0.28). Limits and TLS settings are httpx's defaults, as without a transport.
    """

    def __init__(self) -> None:
        super().__init__()
        self.backend = AbortableBackend()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=self.backend,
        )

    def abort(self) -> None:
        """Cut every connection now and refuse new ones (any thread)."""
        self.backend.abort()


def abortable_transport(base_url: str) -> AbortableTransport | None:
    """A transport for a lane's client, or None where httpx's own must stay.

    An explicit transport makes httpx ignore the proxy environment variables (HTTPS_PROXY...);
    a shop behind a proxy keeps httpx's default transport (and a slower close) rather than
    losing its connection. Chosen deliberately: reaching gigstack matters more than closing fast.
    """
    # The same environment httpx reads (`urllib.request.getproxies`, NO_PROXY via bypass).
    url = httpx.URL(base_url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    uses_proxy = bool(proxy) and not urllib.request.proxy_bypass(url.host)
    if uses_proxy:
        log.info("a proxy is configured: the lanes keep httpx's own transport")
    return None if uses_proxy else AbortableTransport()
