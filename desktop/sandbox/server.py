"""``Sandbox``: the local gigstack-compatible server, its thread, socket and faults.

Served by werkzeug's threaded dev server (``make_server``) in a daemon thread. ``go_down``
closes the listening socket so connections are *refused* (not answered with an error), and
``come_up`` listens again on the same port, which is what a client sees when the internet or
gigstack disappears and comes back.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from . import receipts
from .app import SandboxApp
from .controls import ControlsMiddleware, LoggedRequest, RequestLog
from .faults import ERROR_SHAPES, Faults
from .keys import key_livemode, make_key
from .seed import build_store
from .store import Store

POLL_INTERVAL = 0.05  # serve_forever's default 0.5 s would make every stop() slow


class _QuietHandler(WSGIRequestHandler):
    """No per-request lines on stderr (tests and the CLI stay readable).

    Also keeps the server's open connections in ``server.live_connections`` so that
    ``go_down`` can cut kept-alive ones too: a pulled cable does not spare the connections a
    client already had, and a client must not look online because its pool kept one.
    """

    def setup(self) -> None:
        super().setup()
        live = getattr(self.server, "live_connections", None)
        if live is not None:
            live.add(self.connection)

    def finish(self) -> None:
        live = getattr(self.server, "live_connections", None)
        if live is not None:
            live.discard(self.connection)
        super().finish()

    def log(self, type: str, message: str, *args: Any) -> None:
        pass


class Sandbox:
    """A local gigstack API v2.

    Args:
        api_key: the key accepted (``Bearer <key>`` or the bare key); default: a JWT-shaped
            key with the ``team``, ``livemode`` and ``key_id`` claims gigstack's keys carry
            (REFERENCE.md 2.2, 16.3; ``keys.make_key``). More keys: ``issue_key``.
        livemode: live or test data and keys; default: what ``api_key`` says (its
            ``livemode`` claim, else no "test" in it), and test when no key is given.
        seed: ``"demo"`` (a shop with clients, services and history) or ``"empty"``.
        host, port: where to listen; port 0 picks a free port (kept across go_down/come_up).
        team: the team the key belongs to.
        connect_teams: other teams reachable with ``?team=`` (gigstack Connect).
        state_file: JSON file to load at start (if it exists) and to save after every mutation.
        controls: serve the ``/_sandbox`` control routes, fault injection and the request log
            (tests and demo mode). Off by default: a sandbox without controls has no
            unauthenticated route that changes or reveals anything; ``faults`` and
            ``requests`` then raise ``RuntimeError``.
        error_shape: ``"flat"`` (``{"message", "error"}``, documented) or ``"nested"``
            (``{"success": false, "error": {"code", "message", "details"}}``).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        livemode: bool | None = None,
        seed: str = "demo",
        host: str = "127.0.0.1",
        port: int = 0,
        team: str = "team_mostrador_demo",
        connect_teams: tuple[str, ...] = ("team_sucursal_norte", "team_sucursal_sur"),
        state_file: str | Path | None = None,
        controls: bool = False,
        error_shape: str = "flat",
    ) -> None:
        if error_shape not in ERROR_SHAPES:
            raise ValueError(f"error_shape must be one of {sorted(ERROR_SHAPES)}")
        # gigstack tells live from test by the key (REFERENCE.md 2.1).
        if api_key is None:
            self.livemode = bool(livemode)
            api_key = make_key(team, self.livemode)
        else:
            self.livemode = key_livemode(api_key) if livemode is None else livemode
        self.api_key = api_key
        # Accepted keys -> their team (None: the store's key team). See `issue_key`.
        self._keys: dict[str, str | None] = {api_key: None}
        self.host = host
        self.port = port
        self.team = team
        self.connect_teams = tuple(connect_teams)
        self.state_file = Path(state_file) if state_file else None
        self.controls = controls
        self._error_shape = error_shape
        self._log = RequestLog()
        self._faults = Faults(refuse=self._refuse_for)
        self._persist_lock = threading.Lock()
        self._server_lock = threading.RLock()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._refuse_timer: threading.Timer | None = None
        self._started = False
        self.store: Store = self._initial_store(seed)
        self.app = SandboxApp(self)
        self.wsgi_app: Any = ControlsMiddleware(self.app, self) if controls else self.app

    # --- controls (only with controls=True) ----------------------------------------------------

    def _need_controls(self, what: str) -> None:
        if not self.controls:
            raise RuntimeError(
                f"{what} belongs to the sandbox controls: use Sandbox(controls=True)"
            )

    @property
    def faults(self) -> Faults:
        self._need_controls("fault injection")
        return self._faults

    @property
    def log(self) -> RequestLog:
        self._need_controls("the request log")
        return self._log

    @property
    def error_shape(self) -> str:
        """The error body shape answered now (a fault can switch it)."""
        return (self._faults.error_shape if self.controls else None) or self._error_shape

    # --- keys ----------------------------------------------------------------------------------

    def issue_key(self, team: str | None = None, *, key_id: str | None = None) -> str:
        """A new JWT-shaped key of this sandbox's mode for ``team`` (default: the key's team),
        accepted from now until ``reset``. Requests without ``?team=`` act on its team."""
        with self.store.lock:
            team_id = team or self.store.key_team
            if self.store.team(team_id) is None:
                raise KeyError(f"unknown team {team_id!r}")
        key = make_key(team_id, self.livemode, key_id)
        self._keys[key] = team_id
        return key

    def key_team_for(self, token: str) -> str | None:
        """The team of an accepted key, ``None`` for any other (compared in constant time)."""
        given = token.encode("utf-8", "replace")
        found: str | None = None
        for key, team in list(self._keys.items()):
            if secrets.compare_digest(given, key.encode("utf-8")):
                found = team or self.store.key_team
        return found

    # --- data ----------------------------------------------------------------------------------

    def _initial_store(self, seed: str) -> Store:
        if self.state_file and self.state_file.exists():
            return Store.load(json.loads(self.state_file.read_text(encoding="utf-8")))
        store = build_store(seed, self.team, self.connect_teams, self.livemode)
        if self.state_file:
            store.save(self.state_file)
        return store

    def persist(self) -> None:
        """Called under the store lock after every successful mutation."""
        if self.state_file is not None:
            with self._persist_lock:
                self.store.save(self.state_file)

    def reset(self, seed: str = "demo") -> None:
        """Re-seed, clear faults (listen again if refusing), the request log and idempotency;
        keys from ``issue_key`` are no longer accepted."""
        store = build_store(seed, self.team, self.connect_teams, self.livemode)
        self._keys = {self.api_key: None}
        with self.store.lock:
            self.store = store
        self._faults.clear()
        if self._started:
            self.come_up()
        self._log.clear()
        self.persist()

    def close_period(self, team: str | None = None, until: int | None = None) -> dict[str, Any]:
        """gigstack's end-of-period run for ``team`` (default: the key's team): pending and
        expired receipts valid until before ``until`` (default: the end of the current
        period) go into the global invoice. Returns ``{"receipts", "invoices", "until",
        "periodicity"}``. In-process API; over HTTP it is ``POST /_sandbox/close-period``."""
        with self.store.lock:
            data = self.store.team(team or self.store.key_team)
            if data is None:
                raise KeyError(f"unknown team {team!r}")
            result = receipts.close_period(data, int(time.time()), until)
            self.persist()
        return result

    @property
    def requests(self) -> list[LoggedRequest]:
        return self.log.snapshot()

    # --- addresses ------------------------------------------------------------------------------

    @property
    def root_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v2"

    @property
    def control_url(self) -> str:
        return f"{self.root_url}/_sandbox"

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> Sandbox:
        with self._server_lock:
            if self._started:
                return self
            self._listen()
            self._started = True
        return self

    def _listen(self) -> None:
        try:
            server = make_server(
                self.host, self.port, self.wsgi_app, threaded=True, request_handler=_QuietHandler
            )
        except SystemExit as exc:  # werkzeug exits the process when it cannot bind
            raise OSError(f"cannot listen on {self.host}:{self.port}") from exc
        self.port = server.server_port
        server.live_connections = set()  # type: ignore[attr-defined]
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL},
            name=f"gigstack-sandbox:{self.port}",
            daemon=True,
        )
        self._server, self._thread = server, thread
        thread.start()

    def _close_listener(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()  # werkzeug's serve_forever closes the socket when it returns
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def is_up(self) -> bool:
        return self._server is not None

    def go_down(self) -> None:
        """Refuse connections: cut the open ones and close the listening socket (the port is
        remembered)."""
        with self._server_lock:
            server = self._server
            if server is not None:
                for conn in list(getattr(server, "live_connections", ())):
                    with contextlib.suppress(OSError):  # already closed by its handler
                        conn.shutdown(socket.SHUT_RDWR)
            self._close_listener()

    def come_up(self) -> None:
        """Listen again on the same port."""
        with self._server_lock:
            if self._refuse_timer is not None:
                self._refuse_timer.cancel()
                self._refuse_timer = None
                self._faults.refuse_until = None
            if self._started and self._server is None:
                self._listen()

    def _refuse_for(self, seconds: float) -> None:
        """``refuse_for_seconds``: HTTP cannot switch refusing off (nothing listens), so a
        timer brings the listener back."""
        with self._server_lock:
            if self._refuse_timer is not None:
                self._refuse_timer.cancel()
            self._faults.refuse_until = seconds
            # Safe from a request thread: shutdown() waits for the accept loop (its own thread),
            # and the connection of the control request that asked for this stays open.
            self._close_listener()
            timer = threading.Timer(seconds, self.come_up)
            timer.daemon = True
            self._refuse_timer = timer
            timer.start()

    def stop(self) -> None:
        with self._server_lock:
            if self._refuse_timer is not None:
                self._refuse_timer.cancel()
                self._refuse_timer = None
            self._close_listener()
            self._started = False

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
