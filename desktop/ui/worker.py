"""The one worker thread: owns the gigstack client, runs the sync loop and every API call.

The GUI thread never touches the network. It talks to the worker through `WorkerBridge`
(a GUI-thread object): `bridge.call(fn, on_done, on_error)` runs `fn(client)` on the worker and
calls back on the GUI thread; `bridge.kick()` wakes the sender; `bridge.refresh()` refreshes
the local cache. The sender is driven by a timer inside the worker's event loop, so API calls
from the pages interleave with sync rounds instead of waiting for a blocking loop to end.

Threads are stopped and joined by `WorkerBridge.shutdown()` (`quit()` + `wait()`): a QThread
destroyed while running aborts the process.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.gigstack import GigstackClient, GigstackError
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.refresher import Refresher
from desktop.sync.sender import Sender, SenderEvent, SenderState

log = logging.getLogger(__name__)

ApiCall = Callable[[GigstackClient], Any]

OTHER_SENDER = "Otro proceso de Mostrador está enviando la cola de esta carpeta de datos."

#: How often, at most, views hear that the queue changed (a drain changes it per row).
QUEUE_REPORT_INTERVAL_MS = 250


@dataclass(frozen=True)
class SyncState:
    """What the status pill shows. `online` is None until the first answer or failure."""

    online: bool | None
    paused_reason: str | None = None
    sending: bool = False


class Worker(QObject):
    """Lives in the worker QThread. Use it only through `WorkerBridge`.

    Signals:
        state_changed(SyncState): connectivity or pause state changed.
        queue_changed(): an outbox row changed state (sent, parked, retried).
        cache_updated(str): a cached resource was refreshed (`Resource` value).
        refresh_failed(str): a cache refresh failed (message for people).
        call_done(int, object): an API call finished with this result.
        call_failed(int, str, object): an API call failed (Spanish message, exception).
    """

    state_changed = Signal(object)
    queue_changed = Signal()
    cache_updated = Signal(str)
    refresh_failed = Signal(str)
    call_done = Signal(int, object)
    call_failed = Signal(int, str, object)

    def __init__(
        self,
        client: GigstackClient,
        outbox: Outbox,
        cache: Cache,
        team: str | None,
        can_send: bool = True,
    ) -> None:
        super().__init__()
        self._can_send = can_send
        self._client = client
        self._outbox = outbox
        self._cache = cache
        self._team = team
        self._sender: Sender | None = None
        self._timer: QTimer | None = None
        self._stopping = threading.Event()
        self._online: bool | None = None

    @Slot()
    def start(self) -> None:
        """Runs on the worker thread once it starts: build the sender and the sync timer."""
        if not self._can_send:
            # Another process holds this folder's sender lock (e.g. `python -m desktop sync`):
            # sell and look things up, but leave sending - and crash recovery - to it.
            self.state_changed.emit(SyncState(None, OTHER_SENDER))
            return
        self._sender = Sender(
            self._outbox, GigstackDelivery(self._client), on_event=self._on_sender_event
        )
        self._outbox.recover_interrupted()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._sync_round)
        self._timer.start(0)

    @Slot()
    def kick(self) -> None:
        if self._sender is not None:
            self._sender.kick()
            self._schedule(0)

    @Slot()
    def resume(self) -> None:
        if self._sender is not None:
            self._sender.resume()
            self.state_changed.emit(SyncState(self._online, self._paused_reason()))
            self._schedule(0)

    @Slot()
    def stop(self) -> None:
        """Runs on the worker thread: release everything it owns, then end the thread."""
        self._stopping.set()
        if self._timer is not None:
            # Destroy the timer here, on its own thread (Qt refuses to kill it from another).
            self._timer.stop()
            self._timer.setParent(None)
            self._timer = None
        if self._sender is not None:
            self._sender.close()
        self._client.close()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    @Slot(object)
    def refresh(self, resources: object) -> None:
        wanted = list(resources) if isinstance(resources, Iterable) else list(Resource)
        refresher = Refresher(self._client, self._cache, team=self._team)
        for resource in wanted:
            try:
                refresher.refresh([resource], should_stop=self._stopping.is_set)
            except GigstackError as exc:
                self.refresh_failed.emit(_call_message(exc))
                self._set_online(_reached_server(exc))
                return
            self.cache_updated.emit(resource.value)
        self._set_online(True)

    @Slot(int, object)
    def run_call(self, request_id: int, fn: ApiCall) -> None:
        try:
            result = fn(self._client)
        except GigstackError as exc:
            self._set_online(_reached_server(exc))
            self.call_failed.emit(request_id, _call_message(exc), exc)
            return
        except Exception as exc:  # a bug in a page's call: report it, keep the worker alive
            log.exception("API call %s failed", request_id)
            self.call_failed.emit(request_id, f"Error inesperado: {type(exc).__name__}", exc)
            return
        self._set_online(True)
        self.call_done.emit(request_id, result)

    # -- sync loop ------------------------------------------------------------------------------

    @Slot()
    def _sync_round(self) -> None:
        if self._sender is None or self._stopping.is_set():
            return
        try:
            self._sender.step()
        except Exception:
            log.exception("sync round failed")
        wait = self._sender.wait_time()
        self._schedule(None if wait is None else wait)

    def _schedule(self, seconds: float | None) -> None:
        if self._timer is None or self._stopping.is_set():
            return
        # Nothing pending: look again in a while anyway (another process may have queued).
        delay = 30.0 if seconds is None else min(seconds, 30.0)
        self._timer.start(max(0, int(delay * 1000)))

    def _on_sender_event(self, event: SenderEvent) -> None:
        if event.kind in {"sent", "parked", "retry"}:
            self.queue_changed.emit()
        if event.kind == "sent":
            self._set_online(True)
        elif event.kind == "offline":
            self._set_online(False)
        elif event.kind == "online":
            self._set_online(True)
        elif event.kind == "paused":
            self.state_changed.emit(SyncState(self._online, event.message))
        elif event.kind == "resumed":
            self.state_changed.emit(SyncState(self._online, self._paused_reason()))

    def _paused_reason(self) -> str | None:
        if not self._can_send:
            return OTHER_SENDER
        return self._sender.pause_reason if self._sender else None

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.state_changed.emit(SyncState(online, self._paused_reason()))

    @property
    def sender_state(self) -> SenderState | None:
        return self._sender.state if self._sender else None


def _reached_server(exc: GigstackError) -> bool:
    """False for connection-level failures (no HTTP status): that is what "offline" means."""
    return not (exc.retryable and exc.status is None)


def _call_message(exc: GigstackError) -> str:
    if not _reached_server(exc):
        return "Sin conexión con gigstack. Intenta de nuevo cuando vuelva la conexión."
    if exc.status in (401, 403):
        return f"gigstack rechazó la clave de API ({exc.status})."
    if exc.retryable:
        return f"gigstack no pudo responder ({exc.status}). Intenta de nuevo en un momento."
    if exc.status is None:  # refused by our own checks before sending
        return f"Datos inválidos: {exc.message}"
    # gigstack answers in English; say in Spanish what happened and quote its reason.
    return f"gigstack no aceptó la operación: {exc.message}"


class WorkerBridge(QObject):
    """GUI-side handle on the worker thread.

    Signals:
        state_changed(SyncState), queue_changed(), cache_updated(str), refresh_failed(str):
            forwarded from the worker, delivered on the GUI thread.
    """

    state_changed = Signal(object)
    queue_changed = Signal()
    cache_updated = Signal(str)
    refresh_failed = Signal(str)

    _start = Signal()
    _kick = Signal()
    _resume = Signal()
    _stop = Signal()
    _refresh = Signal(object)
    _call = Signal(int, object)

    def __init__(
        self,
        client: GigstackClient,
        outbox: Outbox,
        cache: Cache,
        team: str | None,
        parent: QObject | None = None,
        *,
        can_send: bool = True,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("gigstack-worker")
        self._worker = Worker(client, outbox, cache, team, can_send)
        self._worker.moveToThread(self._thread)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str, Any], None]]] = {}
        self._start.connect(self._worker.start)
        self._kick.connect(self._worker.kick)
        self._resume.connect(self._worker.resume)
        self._stop.connect(self._worker.stop)
        self._refresh.connect(self._worker.refresh)
        self._call.connect(self._worker.run_call)
        # Forward through guards: after shutdown, answers still queued for the GUI thread are
        # dropped instead of reaching widgets whose database is already closed.
        self._worker.state_changed.connect(self._forward_state)
        self._worker.queue_changed.connect(self._forward_queue)
        self._worker.cache_updated.connect(self._forward_cache)
        self._worker.refresh_failed.connect(self._forward_refresh_failed)
        self._worker.call_done.connect(self._on_done)
        self._worker.call_failed.connect(self._on_failed)
        self._running = False
        self.last_state = SyncState(online=None)
        self._queue_timer = QTimer(self)
        self._queue_timer.setSingleShot(True)
        self._queue_timer.setInterval(QUEUE_REPORT_INTERVAL_MS)
        self._queue_timer.timeout.connect(self._emit_queue_changed)

    def start(self) -> None:
        self._thread.start()
        self._running = True
        self._start.emit()

    def kick(self) -> None:
        self._kick.emit()

    def resume(self) -> None:
        self._resume.emit()

    def refresh(self, resources: Iterable[Resource] | None = None) -> None:
        self._refresh.emit(list(resources) if resources is not None else None)

    def call(
        self,
        fn: ApiCall,
        on_done: Callable[[Any], None],
        on_error: Callable[[str, Any], None],
    ) -> int:
        """Run `fn(client)` on the worker; exactly one of the callbacks runs on the GUI thread."""
        request_id = next(self._ids)
        self._callbacks[request_id] = (on_done, on_error)
        self._call.emit(request_id, fn)
        return request_id

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop the worker and join its thread. Pending rows stay on disk for next time."""
        if not self._running:
            return
        self._running = False
        self._queue_timer.stop()
        self._callbacks.clear()
        self._stop.emit()  # the worker cleans up on its thread and then quits it
        if not self._thread.wait(timeout_ms):
            log.error("worker thread did not stop in %s ms", timeout_ms)
            self._thread.terminate()
            self._thread.wait()

    @Slot(object)
    def _forward_state(self, state: object) -> None:
        if self._running and isinstance(state, SyncState):
            self.last_state = state  # for views created after the first report
            self.state_changed.emit(state)

    @Slot()
    def _forward_queue(self) -> None:
        # A drain reports every row; the pages re-read the queue on each report. Coalesce the
        # reports so the GUI thread reloads a few times a second, not a thousand times a drain.
        if self._running and not self._queue_timer.isActive():
            self._queue_timer.start()

    @Slot()
    def _emit_queue_changed(self) -> None:
        if self._running:
            self.queue_changed.emit()

    def notify_queue_changed(self) -> None:
        """The GUI changed the outbox itself (queued, retried, discarded): tell every view."""
        self._forward_queue()

    @Slot(str)
    def _forward_cache(self, resource: str) -> None:
        if self._running:
            self.cache_updated.emit(resource)

    @Slot(str)
    def _forward_refresh_failed(self, message: str) -> None:
        if self._running:
            self.refresh_failed.emit(message)

    @Slot(int, object)
    def _on_done(self, request_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(request_id, None)
        if callbacks:
            callbacks[0](result)

    @Slot(int, str, object)
    def _on_failed(self, request_id: int, message: str, error: object) -> None:
        callbacks = self._callbacks.pop(request_id, None)
        if callbacks:
            callbacks[1](message, error)
