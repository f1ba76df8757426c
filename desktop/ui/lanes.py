"""Two lanes to gigstack: the sender on its own thread, page calls and refreshes on a pool.

A stuck send never delays a page, and a 50k-record refresh never delays a sale (issue 8 §1,
after Anki's `taskman.py`: one serialized executor for the collection, another for network).

- **Sender lane**: one plain thread driving the Qt-free `Sender` (`step()` / `wait_time()` /
  `kick()`) with its own `GigstackClient`. It sends only while this process holds the data
  folder's sender lock; while another process (``python -m desktop sync``) holds it, `Lanes`
  tries again every few seconds and takes over when that process lets go.
- **Page lane**: a small thread pool with a second client, for everything a page asks (see
  `desktop.ui.ops` — pages use that API, not this module) and for cache refreshes, which stop
  between pages when asked.

httpx documents `Client` as shareable between threads ("It can be shared between threads",
its docstring, since httpx PR #2380): the page lane's threads share one client, and the
sender's own pool shares another. Two clients rather than one so each lane has its own
connection pool (a stuck send cannot hold the connection a page needs) and can be cut alone.

Each client has an `AbortableTransport`: `shutdown()` cuts the sockets, so requests in flight
fail within milliseconds, then joins the threads with a bounded wait. It never kills a thread
(Electrum's `TaskThread.stop`): the lane threads are Python daemon threads, so a thread that
still did not end cannot abort the process the way a running `QThread` does when destroyed.
A row whose answer was cut off goes back to pending with its outcome unknown and is looked up
before it is sent again, as after a crash.

`Lanes` is a GUI-thread QObject; results travel back through its queued signals, and after
`shutdown()` nothing more reaches the GUI.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.gigstack import GigstackClient, GigstackError
from desktop.gigstack.errors import AuthenticationError, PermissionDeniedError
from desktop.store.cache import Cache, Resource
from desktop.store.outbox import Outbox
from desktop.sync.delivery import GigstackDelivery
from desktop.sync.refresher import Refresher
from desktop.sync.sender import Sender, SenderEvent
from desktop.ui import gui_gc
from desktop.ui.transport import AbortableTransport, abortable_transport

log = logging.getLogger(__name__)

OTHER_SENDER = "Otro proceso de Mostrador está enviando la cola de esta carpeta de datos."

#: How often, at most, views hear that the queue changed (a drain changes it per row).
QUEUE_REPORT_INTERVAL_MS = 250
#: While another process sends, try to take the sender lock this often.
LOCK_RETRY_MS = 3000
#: With nothing pending, the sender looks again this often (another process may have queued).
IDLE_LOOK_SECONDS = 30.0
#: While offline (as the page lane saw it), probe this often so pages learn it came back.
PROBE_INTERVAL_MS = 15_000
#: After a sync round failed (a database error), wait this long before the next one.
FAILED_ROUND_WAIT_SECONDS = 5.0
#: Page threads: enough for a refresh plus two page calls at once.
PAGE_WORKERS = 3
#: How long `shutdown()` waits for each lane after cutting its connections.
JOIN_SECONDS = 1.0


@dataclass(frozen=True)
class SyncState:
    """What the status pill shows. `online` is None until the first answer or failure."""

    online: bool | None
    paused_reason: str | None = None
    sending: bool = False
    #: gigstack refused the API key (401/403) on the last answer of any lane: the shop must
    #: hear it even when nothing is queued (a trial saw "En línea · Todo enviado" with a
    #: rejected key, and a counter waiting for a catalog that could never arrive).
    key_problem: str | None = None


def reached_server(exc: BaseException) -> bool:
    """False for connection-level failures (no HTTP status): that is what "offline" means."""
    if not isinstance(exc, GigstackError):
        return True
    return not (exc.retryable and exc.status is None)


def make_lane_client(
    api_key: str, base_url: str, team: str | None
) -> tuple[GigstackClient, AbortableTransport | None]:
    """One lane's client and the transport `shutdown()` aborts (None behind a proxy)."""
    transport = abortable_transport(base_url)
    return GigstackClient(api_key, base_url=base_url, team=team, transport=transport), transport


class _LaneClient:
    """A lane's client, built by the first thread that needs it (issue 12: building an httpx
    client loads SSL contexts, ~40 ms each, which must not delay the window's first paint).

    `close()` may come before, during or after the build: a client built after it has its
    transport cut at once, so a late request fails fast instead of outliving the shutdown.
    """

    def __init__(self, api_key: str, base_url: str, team: str | None) -> None:
        self._args = (api_key, base_url, team)
        self._lock = threading.Lock()
        self._client: GigstackClient | None = None
        self._transport: AbortableTransport | None = None
        self._closed = False

    def get(self) -> GigstackClient:
        with self._lock:
            if self._client is not None:
                return self._client
        # Built outside the lock, so `abort()` never waits for a build.
        client, transport = make_lane_client(*self._args)
        spare: GigstackClient | None = client
        with self._lock:
            if self._client is None:
                self._client, self._transport = client, transport
                spare = None
            closed, mine = self._closed, self._transport
            chosen = self._client
        if spare is not None:  # another thread built one first: ours is not needed
            spare.close()
        if closed and mine is not None:
            mine.abort()
        return chosen

    def abort(self) -> None:
        """Cut the connections (requests in flight fail at once); later builds are cut too."""
        with self._lock:
            self._closed = True
            transport = self._transport
        if transport is not None:
            transport.abort()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            client = self._client
        if client is not None:
            client.close()


class _SenderLane:
    """The sender's thread. Sends only after `become_owner()` (the lock is the GUI's business:
    filelock's locks belong to the thread that took them)."""

    def __init__(
        self,
        client: _LaneClient,
        outbox: Outbox,
        on_event: Callable[[SenderEvent], None],
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._on_event = on_event
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._owner = threading.Event()
        self._sender: Sender | None = None
        self._thread = threading.Thread(target=self._run, name="sender-lane", daemon=True)

    @property
    def sender(self) -> Sender | None:
        return self._sender

    def start(self) -> None:
        self._thread.start()

    def become_owner(self) -> None:
        self._owner.set()
        self._wake.set()

    def kick(self) -> None:
        sender = self._sender
        if sender is not None:
            try:
                sender.kick()
            except Exception:  # make_due_now() is a write: a broken disk must not crash a click
                log.exception("kicking the sender failed")
        self._wake.set()

    def resume(self) -> None:
        sender = self._sender
        if sender is not None:
            sender.resume()
        self._wake.set()

    def stop(self, timeout: float) -> bool:
        """Cut connections, wake the loop, join up to `timeout` s. True when the thread ended."""
        self._stopping.set()
        self._wake.set()
        self._client.abort()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._client.close()
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                if not self._owner.is_set():
                    self._wake.wait()
                    self._wake.clear()
                    continue
                if self._sender is None:
                    delivery = GigstackDelivery(self._client.get())
                    if self._stopping.is_set():
                        break
                    self._sender = Sender(self._outbox, delivery, on_event=self._on_event)
                    self._recover()
                self._wake.clear()
                wait = self._round(self._sender)
                # `stop()` sets `_stopping` before `_wake`: a stop whose wake-up the clear above
                # erased is seen here, so the lane never sleeps through its own shutdown.
                if wait == 0 or self._stopping.is_set():
                    continue
                self._wake.wait(IDLE_LOOK_SECONDS if wait is None else min(wait, IDLE_LOOK_SECONDS))
        finally:
            if self._sender is not None:
                self._sender.close()

    def _round(self, sender: Sender) -> float | None:
        try:
            sender.step()
        except Exception:
            # Most likely the database refused a write (full disk, read-only file): the rows
            # are safe where they are; try again in a while instead of spinning on the error.
            log.exception("sync round failed")
            return FAILED_ROUND_WAIT_SECONDS
        try:
            # Rows a failed write left 'sending' (a full disk while recording an answer) go back
            # to pending now, not at the next start: between two steps nothing of ours is in
            # flight and this process holds the sender lock, so 'sending' means stuck.
            if self._outbox.stats().sending:
                self._recover()
            return sender.wait_time()
        except Exception:
            log.exception("reading the queue failed; trying again shortly")
            return FAILED_ROUND_WAIT_SECONDS

    def _recover(self) -> None:
        try:
            if self._outbox.recover_interrupted():
                self._on_event(SenderEvent("retry"))
        except Exception:
            log.exception("could not recover rows left 'sending'")


class _PageLane:
    """A small pool for page calls and refreshes; `stop()` cuts and joins with a bound."""

    def __init__(self, client: _LaneClient) -> None:
        self.client = client
        self._pool = ThreadPoolExecutor(PAGE_WORKERS, thread_name_prefix="page-lane")
        self._running_jobs = 0
        self._idle = threading.Condition()
        self.stopping = threading.Event()

    def submit(self, job: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # shut down already: nothing runs or reports
            self._pool.submit(self._run, job)

    def _run(self, job: Callable[[], None]) -> None:
        with self._idle:
            self._running_jobs += 1
        try:
            if not self.stopping.is_set():
                job()
        except Exception:
            log.exception("page lane job failed")
        finally:
            with self._idle:
                self._running_jobs -= 1
                self._idle.notify_all()

    def stop(self, timeout: float) -> bool:
        self.stopping.set()
        self.client.abort()
        # Jobs not started yet are dropped; running ones fail fast on their cut connection.
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._idle:
            done = self._idle.wait_for(lambda: self._running_jobs == 0, timeout)
        self.client.close()
        return done


class Lanes(QObject):
    """The GUI's handle on both lanes (GUI thread only).

    Signals:
        state_changed(SyncState): connectivity, pause or sender-owner state changed.
        queue_changed(): the outbox changed (coalesced to a few reports a second).
        cache_updated(str): a cached resource (`Resource` value) was refreshed or written.
        refresh_failed(str): a cache refresh failed (message for people).
    """

    state_changed = Signal(object)
    queue_changed = Signal()
    cache_updated = Signal(str)
    refresh_failed = Signal(str)

    # Internal: emitted on lane threads, delivered (queued) on the GUI thread.
    # Each report carries when its work began (`time.monotonic()`): see `_set_online`.
    _sender_event = Signal(object, float)
    _job_done = Signal(object, object)  # callback, payload
    _refreshed = Signal(object, object, float)  # Resource value or None at the end, error or None

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        team: str | None,
        outbox: Outbox,
        cache: Cache,
        acquire_sender_lock: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._cache = cache
        self._team = team
        self._acquire = acquire_sender_lock
        # Each lane builds its client on its own thread at first use (issue 12: start-up).
        self._sender = _SenderLane(
            _LaneClient(api_key, base_url, team),
            outbox,
            # Stamped when the sender reports, on its thread: an answer it reports came from a
            # request that began no later than this.
            lambda event: self._sender_event.emit(event, time.monotonic()),
        )
        self._pages = _PageLane(_LaneClient(api_key, base_url, team))
        self._running = False
        self._closed = False
        self._started_gc = False
        self._owner = False
        self._online: bool | None = None
        self._outcome_started = 0.0  # when the request behind the last connectivity verdict began
        self._paused_reason: str | None = None
        self._key_problem: str | None = None
        self.last_state = SyncState(online=None)
        self._refreshing: threading.Event | None = None
        self._refresh_next: list[Resource] | None = None

        self._sender_event.connect(self._on_sender_event)
        self._job_done.connect(self._on_job_done)
        self._refreshed.connect(self._on_refreshed)
        self._queue_timer = self._timer(QUEUE_REPORT_INTERVAL_MS, self._emit_queue_changed, True)
        self._lock_timer = self._timer(LOCK_RETRY_MS, self._try_lock, False)
        self._probe_timer = self._timer(PROBE_INTERVAL_MS, self._probe, False)

    def _timer(self, interval: int, slot: Callable[[], None], single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        # Lane threads from now on: cycles are collected on this thread only.
        self._started_gc = gui_gc.hold()
        self._running = True
        self._sender.start()
        self._try_lock()
        if not self._owner:
            # Another process (e.g. `python -m desktop sync`) sends this folder's queue: sell
            # and look things up, and take over as soon as it lets the lock go.
            self._publish()
            self._lock_timer.start()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def is_sender(self) -> bool:
        """True while this process holds the sender lock and sends the queue."""
        return self._owner

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Cut both lanes' connections and join them within `timeout_ms` in all. Idempotent.

        Returns True when every lane thread ended. Rows in flight stay on disk: cut off, they
        go back to pending (outcome unknown) and are looked up before being sent again.
        """
        if self._closed:
            return True
        self._closed = True
        self._running = False
        for timer in (self._queue_timer, self._lock_timer, self._probe_timer):
            timer.stop()
        if self._refreshing is not None:
            self._refreshing.set()
        share = max(timeout_ms, 0) / 2000
        pages_done = self._pages.stop(share)
        sender_done = self._sender.stop(share)
        if not (pages_done and sender_done):
            log.error("a lane did not stop within %s ms; leaving it (daemon thread)", timeout_ms)
        elif self._started_gc:
            gui_gc.release()
        return pages_done and sender_done

    # -- sender -------------------------------------------------------------------------------

    def kick(self) -> None:
        """Try to send now (a sale was queued, a person asked, or the network is back).

        Also tells every view at once that the queue changed: pages kick right after queueing,
        and the pending count must move the moment the sale is saved.
        """
        if not self._running:
            return
        self.queue_changed.emit()
        self._sender.kick()
        if self._online is False:
            self._probe()

    def resume(self) -> None:
        """Leave a pause on a rejected key (a new key was saved or a person asked to retry)."""
        if self._running:
            self._sender.resume()
            self._paused_reason = None
            self._publish()

    def notify_queue_changed(self) -> None:
        """The GUI changed the outbox itself (queued, retried, discarded): tell every view now."""
        if self._running:
            self._queue_timer.stop()
            self.queue_changed.emit()

    def _queue_changed_by_sender(self) -> None:
        if self._running and not self._queue_timer.isActive():
            # A drain reports every row; coalesce so views reload a few times a second.
            self._queue_timer.start()

    @Slot()
    def _emit_queue_changed(self) -> None:
        if self._running:
            self.queue_changed.emit()

    @Slot()
    def _try_lock(self) -> None:
        if self._owner or not self._running:
            return
        if self._acquire is not None and not self._acquire():
            return
        self._owner = True
        self._lock_timer.stop()
        self._sender.become_owner()
        self._publish()

    @Slot(object, float)
    def _on_sender_event(self, event: object, stamp: float) -> None:
        if not self._running or not isinstance(event, SenderEvent):
            return
        if event.kind in {"sent", "parked", "retry"}:
            self._queue_changed_by_sender()
        if event.kind in {"sent", "online"}:
            self.note_outcome(None, started=stamp)
        elif event.kind == "offline":
            self._set_online(False, started=stamp)
        elif event.kind == "paused":
            self._paused_reason = event.message
            self._publish()
        elif event.kind == "resumed":
            self._paused_reason = None
            self._publish()

    # -- state --------------------------------------------------------------------------------

    @property
    def online(self) -> bool | None:
        """None until the first answer or failure, then the last one seen by either lane."""
        return self._online

    def _set_online(self, online: bool, *, started: float | None = None) -> None:
        """Record what the newest request says about the connection.

        `started` is when the request behind this answer began (`time.monotonic()`). Answers
        reach the GUI thread in any order from three lanes: a slow request that left before the
        server went down must not report "online" over a newer one that found it down.
        """
        started = time.monotonic() if started is None else started
        if started < self._outcome_started:
            return
        self._outcome_started = started
        if online != self._online:
            was_offline = self._online is False
            self._online = online
            if online:
                self._probe_timer.stop()
                if was_offline and self._running:
                    # Another lane reached gigstack (a page, a refresh, the probe): the queue
                    # goes now, not when its backoff ends. A trial saw the pill say "En línea"
                    # while queued sales waited up to 40 s more.
                    self._sender.kick()
            elif self._running:
                self._probe_timer.start()
            self._publish()

    def note_outcome(self, error: BaseException | None, *, started: float | None = None) -> None:
        """What an answer (or failure) on the page lane says about the connection and the key."""
        if error is None:
            self._set_key_problem(None)
            self._set_online(True, started=started)
        elif isinstance(error, GigstackError):
            if isinstance(error, AuthenticationError) and not isinstance(
                error, PermissionDeniedError
            ):
                # 401: the key itself. A 403 is one resource or team the key may not touch;
                # the action that met it says so, and the key still works elsewhere.
                from desktop.ui.ops import error_message

                self._set_key_problem(error_message(error))
            self._set_online(reached_server(error), started=started)

    @property
    def key_problem(self) -> str | None:
        """Why gigstack refused the API key, while it does; None once an answer comes back."""
        return self._key_problem

    def _set_key_problem(self, problem: str | None) -> None:
        if problem != self._key_problem:
            self._key_problem = problem
            self._publish()

    def _publish(self) -> None:
        reason = self._paused_reason
        if not self._owner:
            reason = OTHER_SENDER
        state = SyncState(self._online, reason, key_problem=self._key_problem)
        if state != self.last_state:
            self.last_state = state  # for views created after the report
            if self._running:
                self.state_changed.emit(state)

    @Slot()
    def _probe(self) -> None:
        def probe(client: GigstackClient) -> None:
            client.clients.list_page(limit=1)

        self.submit(probe, lambda _result, _error: None)

    # -- page lane ----------------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[[GigstackClient], Any],
        on_finished: Callable[[Any, BaseException | None], None],
        *,
        after: Callable[[Any], None] | None = None,
    ) -> bool:
        """Run `fn(client)` on the page lane, then `after(result)` there too (cache writes).

        `on_finished(result, error)` runs on the GUI thread unless the lanes shut down first;
        `error` is what `fn` raised, or (with the result) what `after` raised, wrapped in
        `WriteThroughError`. Returns False when the lanes are closed (nothing will run).
        Use `desktop.ui.ops` from pages; this is its engine.
        """
        if not self._running:
            return False
        lane_client = self._pages.client

        def job() -> None:
            started = time.monotonic()
            try:
                result = fn(lane_client.get())
            except BaseException as exc:  # every failure reaches the screen, none kills a thread
                self._job_done.emit(on_finished, (None, exc, started))
                return
            error: BaseException | None = None
            if after is not None:
                try:
                    after(result)
                except Exception as exc:
                    log.exception("writing an answer into the cache failed")
                    error = WriteThroughError(exc)
            self._job_done.emit(on_finished, (result, error, started))

        self._pages.submit(job)
        return True

    @Slot(object, object)
    def _on_job_done(self, callback: object, payload: object) -> None:
        if not self._running or not callable(callback) or not isinstance(payload, tuple):
            return
        result, error, started = payload
        self.note_outcome(
            error.cause if isinstance(error, WriteThroughError) else error, started=started
        )
        callback(result, error)

    # -- refresh ------------------------------------------------------------------------------

    def refresh(self, resources: Iterable[Resource] | None = None) -> None:
        """Refresh the cache on the page lane (clients, services, payments by default).

        One refresh runs at a time; asking again while one runs queues one more pass.
        """
        wanted = list(resources) if resources is not None else list(Resource)
        if not self._running:
            return
        if self._refreshing is not None:
            queued = self._refresh_next or []
            self._refresh_next = queued + [r for r in wanted if r not in queued]
            return
        stop = threading.Event()
        self._refreshing = stop
        lane_client, cache, team = self._pages.client, self._cache, self._team

        def should_stop() -> bool:
            return stop.is_set() or self._pages.stopping.is_set()

        def job() -> None:
            started = time.monotonic()
            try:
                refresher = Refresher(lane_client.get(), cache, team=team)
            except BaseException as exc:
                self._refreshed.emit(None, exc, started)
                return
            for resource in wanted:
                if should_stop():
                    break
                started = time.monotonic()  # this resource's first page leaves now
                try:
                    refresher.refresh([resource], should_stop=should_stop)
                except BaseException as exc:
                    self._refreshed.emit(None, exc, started)
                    return
                self._refreshed.emit(resource.value, None, started)
            self._refreshed.emit(None, None, started)

        self._pages.submit(job)

    def stop_refresh(self) -> None:
        """Stop the running refresh after the page it is reading (what it read stays)."""
        self._refresh_next = None
        if self._refreshing is not None:
            self._refreshing.set()

    @property
    def refreshing(self) -> bool:
        return self._refreshing is not None

    @Slot(object, object, float)
    def _on_refreshed(self, resource: object, error: object, started: float) -> None:
        if not self._running:
            return
        if isinstance(resource, str):
            self.note_outcome(None, started=started)
            self.cache_updated.emit(resource)
            return
        # The end of a pass (with or without an error).
        self._refreshing = None
        if isinstance(error, BaseException):
            self.note_outcome(error, started=started)
            from desktop.ui.ops import error_message

            if reached_server(error):  # offline is the pill's to say, not a notice each pass
                self.refresh_failed.emit(error_message(error))
        else:
            self.note_outcome(None, started=started)
        queued, self._refresh_next = self._refresh_next, None
        if queued:
            self.refresh(queued)


class WriteThroughError(Exception):
    """The server accepted the action but writing its answer into the cache failed."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


ClientFactory = Callable[[], tuple[GigstackClient, AbortableTransport | None]]


class StandaloneLane(QObject):
    """A page lane for before the app has its `Lanes` (the first-run dialog checking a key).

    Same contract for `run_op` as `Lanes` (submit, online, kick, cache_updated), but each call
    gets a fresh client from `client_factory` (the key and URL being tried), closed after the
    call. `shutdown()` cuts what is in flight and joins with a bounded wait, like the app's.

    Signals:
        cache_updated(str): never emitted (no cache here); present for `run_op`.
    """

    cache_updated = Signal(str)
    _job_done = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client_factory: ClientFactory | None = None
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="page-lane-first-run")
        self._transports: set[AbortableTransport] = set()
        self._lock = threading.Lock()
        self._running_jobs = 0
        self._idle = threading.Condition(self._lock)
        self._running = True
        self._job_done.connect(self._on_job_done)
        # Its thread parses answers: cycles are collected on the GUI thread.
        self._holds_gc = gui_gc.hold()

    @property
    def online(self) -> bool | None:
        return None  # unknown: every call tries

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running_jobs > 0

    def kick(self) -> None:
        """Nothing to wake: there is no sender before the app opens."""

    def submit(
        self,
        fn: Callable[[GigstackClient], Any],
        on_finished: Callable[[Any, BaseException | None], None],
        *,
        after: Callable[[Any], None] | None = None,
    ) -> bool:
        factory = self.client_factory
        if not self._running or factory is None:
            return False

        def job() -> None:
            with self._lock:
                self._running_jobs += 1
            transport: AbortableTransport | None = None
            try:
                client, transport = factory()
                if transport is not None:
                    with self._lock:
                        self._transports.add(transport)
                try:
                    result = fn(client)
                    if after is not None:
                        after(result)
                finally:
                    client.close()
            except BaseException as exc:  # reported to the dialog, never lost
                self._job_done.emit(on_finished, (None, exc))
            else:
                self._job_done.emit(on_finished, (result, None))
            finally:
                with self._lock:
                    if transport is not None:
                        self._transports.discard(transport)
                    self._running_jobs -= 1
                    self._idle.notify_all()

        self._pool.submit(job)
        return True

    @Slot(object, object)
    def _on_job_done(self, callback: object, payload: object) -> None:
        if self._running and callable(callback) and isinstance(payload, tuple):
            callback(*payload)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Drop answers, cut the call in flight, join within `timeout_ms`. Idempotent."""
        self._running = False
        with self._lock:
            transports = list(self._transports)
        for transport in transports:
            transport.abort()
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._idle:
            idle = self._idle.wait_for(lambda: self._running_jobs == 0, timeout_ms / 1000)
        if idle and self._holds_gc:
            self._holds_gc = False
            gui_gc.release()
        return idle
