"""The sender: drains the outbox into gigstack, exactly once per row, online or not.

Plain Python with the outbox, the delivery functions and the clock injected; the Qt worker
(or the CLI's `sync` command) calls `run()` on its own thread and `kick()` from anywhere.

Outcomes per attempt (FIELD-NOTES.md, "Offline queue rules"):

- success -> the row is `sent` with the server id; a success after failures makes every
  waiting row due at once (the connection is evidently back).
- retryable (connection, timeout, 408/425/429/5xx) -> pending again with the same key, after a
  backoff (or the server's `Retry-After`, which then also holds back every other row).
- connection refused / unreachable -> the sender goes *offline*: it stops claiming rows and
  probes cheaply with a growing interval (no busy loop) until a probe or `kick()` succeeds.
- rejected (400/404/409/422) -> `parked` with the server's message, for a person to fix;
  later rows keep flowing.
- 401/403 -> the row goes back untouched and the whole queue *pauses* until `resume()`.
- outcome unknown (the request may have been processed) -> before sending again, the payment
  is looked up by its local id in `metadata`; if it exists, the row is marked sent with it.

A row is only marked sent on a record that proves it (REFERENCE §16.2/§16.3):

- a lookup counts only records carrying the row's local id (or, for rows that sent none, the
  exact identity fields they created): gigstack ignores filters it does not know, so "the first
  result" proves nothing. Nothing found -> the row is sent again with its same key.
- any answer to a reused key can be a replay: a 409 leads to a lookup before the row is parked;
  a 2xx whose record carries another local id is not accepted: the row is looked up, and parked
  (with the reason) only if its sale is not on the server.
- a sent row's record is written into the local cache (`desktop.sync.writethrough`).

Rows that wait for other rows (the outbox does not claim them before): an invoice waits for the
queued sales it covers (`_with_sales`), a sale for the services created offline it sells
(`_with_services`); each then goes with the gigstack ids those rows got.

The wall clock is not trusted for in-memory deadlines either: a probe or `Retry-After` hold that
lies further ahead than it ever could was set before the clock moved back, and is clamped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from desktop.gigstack.errors import (
    AuthenticationError,
    ConflictError,
    ConnectionFailedError,
    GigstackError,
    InvalidRequestError,
    PermissionDeniedError,
    RejectedError,
    RetryableError,
)
from desktop.store.cache import Cache
from desktop.store.outbox import (
    CLOCK_TOLERANCE,
    INVOICE_PAYMENTS_KEY,
    INVOICE_WAITS_FOR_KEY,
    SALE_WAITS_FOR_SERVICES_KEY,
    Outbox,
    OutboxError,
    OutboxItem,
    OutboxKind,
    OutboxState,
    service_line_with_id,
    split_ids,
    stands_for,
)
from desktop.sync.backoff import Backoff
from desktop.sync.delivery import KEYED_KINDS, Verdict, judge_answer
from desktop.sync.writethrough import write_through

log = logging.getLogger(__name__)

Clock = Callable[[], float]

#: While paused on a rejected key, check the key again this often.
PAUSED_PROBE_SECONDS = 60.0
# One step claims at most this many times `concurrency` rows (a 1,000-row drain is ~10 steps).
REFILL_ROUNDS_PER_STEP = 25


class Delivery(Protocol):
    """What the sender needs from the API side (see `desktop.sync.delivery`)."""

    def deliver(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]]:
        """Send the row's request; return (server id, response data)."""

    def find_existing(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]] | None:
        """Look the row's result up on the server; None unless a record proves it."""

    def judge(self, item: OutboxItem, response: dict[str, Any]) -> Verdict:
        """What a 2xx answer to the row's own request proves (`delivery.judge_answer`)."""

    def probe(self) -> None:
        """A cheap request that raises if the API cannot be reached."""


class LookupFailedError(RetryableError):
    """Checking whether an earlier attempt reached gigstack failed; retry later, same key."""


class UnprovenAnswerError(RejectedError):
    """gigstack answered the row's key with another record, and the row's own is not there."""


class WaitingForSaleError(RetryableError):
    """An invoice row covers a sale still in the queue: it is sent after that sale."""


class WaitingForServiceError(RetryableError):
    """A sale sells a service created offline whose creation is still queued: it goes after."""


class SaleNotSentError(RejectedError):
    """An invoice row covers a queued sale that was parked or discarded: a person decides."""


#: Kinds whose result can be looked up (creations); updates are idempotent by nature.
_LOOKED_UP = (
    OutboxKind.REGISTER_PAYMENT,
    OutboxKind.CREATE_CLIENT,
    OutboxKind.CREATE_SERVICE,
    OutboxKind.CREATE_INVOICE,
)


class SenderState(StrEnum):
    IDLE = "idle"
    OFFLINE = "offline"
    PAUSED = "paused"


@dataclass(frozen=True)
class SenderEvent:
    """Something the UI may want to show.

    `kind`: sent, retry, parked, offline, online, paused, resumed.
    """

    kind: str
    item_id: int | None = None
    message: str | None = None


@dataclass(frozen=True)
class _Result:
    item: OutboxItem
    server_id: str | None = None
    response: dict[str, Any] | None = None
    error: BaseException | None = None


class Sender:
    """Sends due outbox rows with bounded concurrency. Thread-safe `kick()`/`resume()`.

    Args:
        outbox: The queue to drain.
        delivery: Performs the API calls.
        concurrency: How many independent rows are in flight at once.
        on_event: Called (on the sender's thread) for every `SenderEvent`.
        cache: Where sent rows' server records are written (default: a `Cache` on the
            outbox's own database, so the CLI's `sync` fills the app's cache too).
    """

    def __init__(
        self,
        outbox: Outbox,
        delivery: Delivery,
        *,
        concurrency: int = 4,
        backoff: Backoff | None = None,
        probe_backoff: Backoff | None = None,
        clock: Clock = time.time,
        on_event: Callable[[SenderEvent], None] | None = None,
        cache: Cache | None = None,
    ) -> None:
        self._outbox = outbox
        self._delivery = delivery
        self._cache = cache if cache is not None else Cache(outbox.database)
        self._concurrency = max(1, concurrency)
        self._backoff = backoff or Backoff()
        # Probing is one cheap GET: cap it low so a counter notices the internet is back fast.
        self._probe_backoff = probe_backoff or Backoff(first=2.0, cap=30.0)
        self._clock = clock
        self._on_event = on_event
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._state = SenderState.IDLE
        self._pause_reason: str | None = None
        self._probe_at = 0.0
        self._probe_round = 0
        self._hold_until = 0.0  # from a 429's Retry-After: applies to the whole key
        self._last_now = clock()  # to notice the wall clock moving back
        self._degraded = False
        self._executor = ThreadPoolExecutor(self._concurrency, thread_name_prefix="sender")
        self._closing = False

    # -- control (any thread) --------------------------------------------------------------

    @property
    def state(self) -> SenderState:
        return self._state

    @property
    def pause_reason(self) -> str | None:
        return self._pause_reason

    def kick(self) -> None:
        """Try now: the network may be back (Qt said so, or a person pressed a button).

        A server's `Retry-After` still holds: kicking must not turn into hammering.
        """
        with self._lock:
            self._probe_at = 0.0
        if self._state is SenderState.OFFLINE or self._degraded:
            self._outbox.make_due_now()
        self._wake.set()

    def resume(self) -> None:
        """Leave the paused state (a new key was saved)."""
        with self._lock:
            if self._state is SenderState.PAUSED:
                self._state = SenderState.IDLE
                self._pause_reason = None
        self._wake.set()

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._executor.shutdown(wait=True)

    # -- the loop ------------------------------------------------------------------------------

    def step(self) -> int:
        """One round: probe if offline, else claim due rows and send them. Returns rows sent."""
        now = self._clock()
        self._clamp_deadlines(now)
        self._outbox.reschedule_from_the_future()
        if self._state is SenderState.PAUSED:
            if now < self._probe_at or not self._key_still_works():
                if now >= self._probe_at:
                    self._probe_at = now + PAUSED_PROBE_SECONDS
                return 0
            self.resume()
            self._emit(SenderEvent("resumed"))
        if now < self._hold_until:
            return 0
        offline = self._state is SenderState.OFFLINE
        if offline and (now < self._probe_at or not self._probe()):
            return 0
        items = self._outbox.claim_due(self._concurrency)
        if not items:
            return 0
        # A sliding window (issue 12): a new row is claimed as soon as one returns, instead of
        # waiting for the slowest of a round. A row is claimed only while 'pending', and its
        # outcome is recorded (durably) before the next claim, so no row is ever in flight
        # twice. Refilling stops at the first failure of the step (every failing row is tried
        # once per step, as before; its retry waits for its backoff) and after a bounded
        # number of rows, so a step still ends and `wait_time()`/`kick()` keep their say.
        in_flight = {self._executor.submit(self._attempt, item) for item in items}
        claimed = len(items)
        budget = self._concurrency * REFILL_ROUNDS_PER_STEP
        sent = 0
        all_sent = True
        while in_flight:
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                try:
                    ok = self._apply(result)
                except Exception:
                    # Recording one outcome failed (e.g. the database was locked): never leave
                    # the row 'sending' until a restart; retry it, looking it up first.
                    log.exception("could not record the outcome of row %s", result.item.id)
                    self._retry_after_failed_record(result.item)
                    ok = 0
                sent += ok
                all_sent = all_sent and ok == 1
            room = min(self._concurrency - len(in_flight), budget - claimed)
            if not all_sent or room <= 0 or self._closing or not self._may_refill():
                continue
            try:
                more = self._outbox.claim_due(room)
            except Exception:
                log.exception("could not claim more rows; the next step will")
                all_sent = False
                continue
            claimed += len(more)
            in_flight |= {self._executor.submit(self._attempt, item) for item in more}
        return sent

    def _may_refill(self) -> bool:
        """Still healthy enough to start another send within this step."""
        with self._lock:
            state, hold_until = self._state, self._hold_until
        return state not in (SenderState.PAUSED, SenderState.OFFLINE) and (
            self._clock() >= hold_until
        )

    def _retry_after_failed_record(self, item: OutboxItem) -> None:
        try:
            self._outbox.mark_retry(
                item.id,
                error="No se pudo guardar la respuesta de gigstack; se verificará y reintentará.",
                delay=self._backoff.delay(item.attempts),
                outcome_unknown=True,
            )
        except Exception:
            log.exception("row %s stays 'sending' until the next start", item.id)

    def wait_time(self) -> float | None:
        """Seconds until `step()` could do something; None when nothing is pending."""
        now = self._clock()
        self._clamp_deadlines(now)
        due = self._outbox.next_due_at()
        if self._state is SenderState.PAUSED:
            return None if due is None else max(self._probe_at - now, 0.0)
        if due is None:
            return None
        wait = max(due - now, self._hold_until - now, 0.0)
        if self._state is SenderState.OFFLINE:
            wait = max(wait, self._probe_at - now)
        return wait

    def _clamp_deadlines(self, now: float) -> None:
        """Keep in-memory deadlines true to the wall clock when it moves back.

        A jump back by `d` moves every deadline back by `d` (a 30 s hold stays 30 s); a deadline
        further ahead than any we ever set is clamped all the same (a jump before this sender
        started, or one we could not see).
        """
        with self._lock:
            if now < self._last_now - CLOCK_TOLERANCE:
                jump = self._last_now - now
                log.warning("the wall clock moved back by %.0f s", jump)
                self._probe_at -= jump
                self._hold_until -= jump
            self._last_now = now
            longest_probe = max(PAUSED_PROBE_SECONDS, self._probe_backoff.cap)
            self._probe_at = min(self._probe_at, now + longest_probe)
            self._hold_until = min(self._hold_until, now + self._backoff.retry_after_cap)

    def run(
        self, stop: threading.Event, *, until_idle: bool = False, max_wait: float = 30.0
    ) -> None:
        """Send until `stop` is set (or, with `until_idle`, until nothing is sendable now)."""
        self._outbox.recover_interrupted()
        while not stop.is_set():
            self._wake.clear()
            self.step()
            wait = self.wait_time()
            if until_idle and (wait is None or wait > 0):
                return
            if wait == 0:
                continue
            self._wake.wait(max_wait if wait is None else min(wait, max_wait))

    # -- one attempt (pool threads) -----------------------------------------------------------

    def _with_sales(self, item: OutboxItem) -> OutboxItem:
        """An invoice row with the gigstack ids of the queued sales it covers (issue 11).

        `desktop.invoicing` writes the local ids of sales still queued into the invoice's
        ``metadata``; the invoice is not sent before each of them is: while one waits, the
        invoice waits (the outbox does not claim it while a sale is pending, sending or parked;
        fixing a parked sale releases it); when one is discarded, or was edited to ask gigstack
        for its own CFDI, the invoice is parked with the reason. The ids are added the
        same way on every attempt, so a resend is the same request under the same key.
        """
        if item.kind is not OutboxKind.CREATE_INVOICE:
            return item
        metadata = item.payload.get("metadata")
        metadata = dict(metadata) if isinstance(metadata, dict) else {}
        waits = [p for p in str(metadata.get(INVOICE_WAITS_FOR_KEY) or "").split(",") if p]
        if not waits:
            return item
        ids = [p for p in str(metadata.get(INVOICE_PAYMENTS_KEY) or "").split(",") if p]
        for local_id in waits:
            try:
                sale = self._outbox.get(local_id)
            except OutboxError:
                raise SaleNotSentError(
                    f"La venta {local_id} que ampara esta factura no está en la Cola."
                ) from None
            name = sale.folio or sale.local_id
            if str(sale.payload.get("automation_type") or "") != "none":
                # Queuing refused such a sale; an edit of the parked sale (the Cola's JSON tab)
                # can still ask gigstack for its own CFDI or receipt. Sending this invoice too
                # would bill the same money twice: a person decides (whatever the sale's state).
                raise SaleNotSentError(
                    f"La venta {name} que ampara esta factura ya pide a gigstack su propia "
                    "factura o recibo (se editó): timbrar esta factura la facturaría dos veces. "
                    "Descarta esta factura o deja la venta sin factura automática."
                )
            if sale.state is OutboxState.SENT:
                if sale.server_id and sale.server_id not in ids:
                    ids.append(sale.server_id)
            elif sale.state is OutboxState.DISCARDED:
                raise SaleNotSentError(
                    f"La venta {name} que ampara esta factura fue descartada: descarta esta "
                    "factura o edítala sin esa venta."
                )
            elif sale.state is OutboxState.PARKED:
                # It waits (the outbox does not claim it while the sale is parked): fixing the
                # sale releases it. Parking it here left it parked after the sale was sent.
                raise WaitingForSaleError(
                    f"La venta {name} que ampara esta factura está detenida en la Cola: "
                    "corrígela o reenvíala; la factura se timbrará después de ella."
                )
            else:
                raise WaitingForSaleError(
                    f"Esperando a que se envíe la venta {name}; la factura se timbrará después."
                )
        if ids:
            metadata[INVOICE_PAYMENTS_KEY] = ",".join(ids)
        return replace(item, payload={**item.payload, "metadata": metadata})

    def _with_services(self, item: OutboxItem) -> OutboxItem:
        """A sale selling services created offline, settled for good before it first leaves.

        `desktop.sales` wrote each such line inline (description, SAT keys, the price and taxes
        charged) and the creations' local ids into ``metadata.service_local_ids``. The outbox
        does not claim the sale while one of them is waiting or in flight. Then:

        - a creation sent: its lines go with the service's gigstack id (and what was charged);
        - a creation parked, discarded or gone: **its lines go inline, as written**. Our call
          (the most defensive one): the money was taken, so the sale must reach gigstack (and
          its invoice or receipt the customer) whatever becomes of the catalog entry; gigstack
          takes inline lines on a register (REFERENCE §2.13), and fixing the service later
          creates it once, with nothing to re-send. Holding the sale for a person to fix the
          service could hold it forever.

        The choice is written into the row (`Outbox.settle`, same key) before the first send,
        so a resend after a lost answer is the same request even if the service is sent later.
        """
        if item.kind is not OutboxKind.REGISTER_PAYMENT:
            return item
        metadata = item.payload.get("metadata")
        metadata = dict(metadata) if isinstance(metadata, dict) else {}
        waits = split_ids(metadata.get(SALE_WAITS_FOR_SERVICES_KEY))
        if not waits:
            return item
        items = item.payload.get("items")
        lines: list[Any] = [dict(x) if isinstance(x, dict) else x for x in items or []]
        settled: list[str] = []
        for local_id in waits:
            service = self._outbox.find_local(local_id)
            if service is not None and service.kind is not OutboxKind.CREATE_SERVICE:
                # Not a service (an edit in the Cola's JSON tab): the claim does not wait for
                # it, so neither may the sender (a sale naming itself would wait forever).
                service = None
            if service is not None and service.state in (OutboxState.PENDING, OutboxState.SENDING):
                name = str(service.payload.get("description") or service.payload.get("sku") or "")
                raise WaitingForServiceError(
                    f"Esperando a que se envíe el servicio nuevo «{name}»; la venta se enviará "
                    "después, con su id de gigstack."
                )
            if service is not None and service.state is OutboxState.SENT and service.server_id:
                for n, line in enumerate(lines):
                    if isinstance(line, dict) and stands_for(line, service.payload):
                        lines[n] = service_line_with_id(line, service.server_id)
                settled.append(f"{local_id}: {service.server_id}")
            else:
                state = service.state.value if service is not None else "missing"
                log.info(
                    "row %s: queued service %s is %s; its lines go inline", item.id, local_id, state
                )
                settled.append(f"{local_id}: inline ({state})")
        metadata.pop(SALE_WAITS_FOR_SERVICES_KEY, None)
        payload = {**item.payload, "items": lines, "metadata": metadata}
        return self._outbox.settle(item.id, payload, "; ".join(settled))

    def _attempt(self, item: OutboxItem) -> _Result:
        try:
            item = self._with_sales(item)
            item = self._with_services(item)
            if item.outcome_unknown:
                found = self._look_up(item)
                if found is not None:
                    log.info("row %s already on the server as %s", item.id, found[0])
                    return _Result(item, server_id=found[0], response=found[1])
            try:
                server_id, response = self._delivery.deliver(item)
            except ConflictError:
                # A 409 may be gigstack saying "this key was already used" (REFERENCE §16.2):
                # the row's record may exist. Park only once a lookup says it does not.
                found = self._look_up_after_answer(item) if item.kind in _LOOKED_UP else None
                if found is not None:
                    log.info("row %s: 409, but found on the server as %s", item.id, found[0])
                    return _Result(item, server_id=found[0], response=found[1])
                raise
            return self._proven(item, server_id, response)
        except Exception as exc:  # every failure becomes a row state, never a dead thread
            return _Result(item, error=exc)

    def _proven(self, item: OutboxItem, server_id: str | None, response: dict[str, Any]) -> _Result:
        """Accept a 2xx answer only as far as it proves the row (see the module docstring)."""
        judge = getattr(self._delivery, "judge", None)
        verdict = judge(item, response) if callable(judge) else judge_answer(item, response)
        if verdict is Verdict.MATCH:
            return _Result(item, server_id=server_id, response=response)
        if verdict is Verdict.UNKNOWN and item.kind not in KEYED_KINDS:
            # No local id to compare and no idempotency key that could have been replayed:
            # the answer to a create is the record it created.
            return _Result(item, server_id=server_id, response=response)
        found = self._look_up_after_answer(item)
        if found is not None:
            log.info("row %s: answer not its own; found as %s", item.id, found[0])
            return _Result(item, server_id=found[0], response=found[1])
        if verdict is Verdict.UNKNOWN:
            # Defensive choice: a payment (or invoice) answer without any local id (a server
            # that drops metadata) that no lookup can confirm is still the server's answer to
            # this row's own key; refusing it would resend the same key forever. Another local
            # id is proof of the contrary, and is never accepted.
            log.warning("row %s: answer carries no local id; accepted as its own", item.id)
            return _Result(item, server_id=server_id, response=response)
        log.warning("row %s: gigstack answered its key with record %s", item.id, server_id)
        if item.kind is OutboxKind.CREATE_INVOICE:
            raise UnprovenAnswerError(
                "gigstack respondió a esta factura con el registro de otra operación "
                f"({server_id or 'sin id'}) y esta factura no aparece en gigstack. Revísala en "
                "gigstack (Facturas); si no está, edítala o reenvíala desde la Cola.",
            )
        raise UnprovenAnswerError(
            "gigstack respondió a esta venta con el registro de otra operación "
            f"({server_id or 'sin id'}) y esta venta no aparece en gigstack. Revísala en "
            "gigstack; si no está, edítala o reenvíala desde la Cola.",
        )

    def _look_up_after_answer(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]] | None:
        """A lookup after the server answered this row's own request: if it cannot be made,
        the server may hold the row's record, so the next attempt looks it up first."""
        try:
            return self._look_up(item)
        except RetryableError as exc:
            exc.outcome_unknown = True
            raise

    def _look_up(self, item: OutboxItem) -> tuple[str | None, dict[str, Any]] | None:
        """Find a row whose last attempt may have reached gigstack.

        A lookup that fails is never the row's outcome: sending without knowing could register
        the sale twice, so any failure other than a key problem means "try again later".
        """
        try:
            return self._delivery.find_existing(item)
        except (RetryableError, AuthenticationError):
            raise
        except Exception as exc:
            raise LookupFailedError(
                "No se pudo verificar si gigstack ya registró esta operación; se reintentará.",
                outcome_unknown=True,
            ) from exc

    # -- outcomes (sender thread) ------------------------------------------------------------

    def _apply(self, result: _Result) -> int:
        item, exc = result.item, result.error
        if exc is None:
            self._outbox.mark_sent(item.id, result.server_id, result.response or {})
            self._write_through(item, result.server_id, result.response or {})
            self._emit(SenderEvent("sent", item.id))
            self._became_healthy()
            return 1
        message = _spanish_message(exc)
        if isinstance(exc, PermissionDeniedError) and self._key_still_works():
            # 403 for this row only (its Connect team, or an action the key's role may not
            # do): the key itself is fine, so park the row instead of stopping every sale.
            self._outbox.park(item.id, error=message, status=exc.status)
            self._emit(SenderEvent("parked", item.id, message))
        elif isinstance(exc, AuthenticationError):
            self._outbox.release(item.id, message)
            self._pause(message)
            self._emit(SenderEvent("paused", item.id, message))
        elif isinstance(exc, ConflictError) and item.kind in KEYED_KINDS:
            # A 409 to a keyed request may be gigstack saying "this key was already used"
            # (REFERENCE §16.2): the record may be there although the lookup missed it. Say so
            # before a person edits the row (a new key), and keep the outcome unknown so that
            # any later send is looked up first.
            where = (
                "Facturas"
                if item.kind is OutboxKind.CREATE_INVOICE
                else f"Pagos (folio {item.folio or item.local_id})"
            )
            message = (
                f"{message}. Puede que gigstack ya la tenga: búscala en {where} antes de "
                "editarla o descartarla."
            )
            self._outbox.park(item.id, error=message, status=exc.status, outcome_unknown=True)
            self._emit(SenderEvent("parked", item.id, message))
        elif isinstance(exc, RejectedError):
            self._outbox.park(item.id, error=message, status=exc.status)
            self._emit(SenderEvent("parked", item.id, message))
        elif isinstance(exc, RetryableError):
            self._degraded = True
            if isinstance(exc, ConnectionFailedError):
                self._went_offline()
                delay = 0.0  # due as soon as the probe says we are back
            else:
                delay = self._backoff.delay(item.attempts, exc.retry_after)
                if exc.retry_after is not None:
                    with self._lock:
                        self._hold_until = max(self._hold_until, self._clock() + delay)
            self._outbox.mark_retry(
                item.id,
                error=message,
                delay=delay,
                status=exc.status,
                outcome_unknown=exc.outcome_unknown,
            )
            self._emit(SenderEvent("retry", item.id, message))
        else:
            # A bug or an unexpected answer: keep the row, retry slowly, leave a trace.
            log.error("unexpected error sending row %s", item.id, exc_info=exc)
            self._outbox.mark_retry(
                item.id,
                error=message,
                delay=self._backoff.delay(item.attempts),
                outcome_unknown=True,
            )
            self._emit(SenderEvent("retry", item.id, message))
        return 0

    def _write_through(
        self, item: OutboxItem, server_id: str | None, response: dict[str, Any]
    ) -> None:
        try:
            write_through(self._cache, item, server_id, response)
        except Exception:
            # The row is sent for good; a stale cache heals with the next refresh.
            log.exception("could not write row %s's record into the cache", item.id)

    def _key_still_works(self) -> bool:
        try:
            self._delivery.probe()
        except Exception:
            return False
        return True

    def _pause(self, reason: str) -> None:
        with self._lock:
            self._state, self._pause_reason = SenderState.PAUSED, reason
            # Look again now and then: a key fixed in gigstack's dashboard works without us.
            self._probe_at = self._clock() + PAUSED_PROBE_SECONDS

    def _probe(self) -> bool:
        try:
            self._delivery.probe()
        except AuthenticationError as exc:
            self._pause(_spanish_message(exc))
            self._emit(SenderEvent("paused", None, self._pause_reason))
            return False
        except Exception:
            self._probe_round += 1
            self._probe_at = self._clock() + self._probe_backoff.delay(self._probe_round)
            return False
        self._became_healthy()
        return True

    def _went_offline(self) -> None:
        if self._state is not SenderState.OFFLINE:
            self._state = SenderState.OFFLINE
            self._probe_round = 1
            self._probe_at = self._clock() + self._probe_backoff.delay(1)
            self._emit(SenderEvent("offline"))

    def _became_healthy(self) -> None:
        was_offline = self._state is SenderState.OFFLINE
        if was_offline:
            self._state = SenderState.IDLE
            self._probe_round = 0
            self._emit(SenderEvent("online"))
        if was_offline or self._degraded:
            self._degraded = False
            self._outbox.make_due_now()

    def _emit(self, event: SenderEvent) -> None:
        if self._on_event is not None:
            try:
                self._on_event(event)
            except Exception:
                log.exception("sender event handler failed")


def _spanish_message(exc: BaseException) -> str:
    """What a cashier or support person reads in the queue for this failure."""
    if isinstance(exc, GigstackError):
        server = exc.message
        if isinstance(exc, AuthenticationError):
            return f"gigstack rechazó la clave de API ({exc.status}): {server}"
        if isinstance(exc, ConnectionFailedError):
            return "Sin conexión con gigstack; se reintentará al volver la conexión."
        if isinstance(
            exc,
            LookupFailedError
            | UnprovenAnswerError
            | WaitingForSaleError
            | WaitingForServiceError
            | SaleNotSentError,
        ):
            return exc.message
        if isinstance(exc, RetryableError):
            if exc.status == 429:
                return "gigstack pidió esperar (demasiadas solicitudes); se reintentará."
            if exc.status is not None:
                return f"gigstack no respondió bien ({exc.status}); se reintentará."
            return "La conexión se cortó antes de la respuesta; se verificará y reintentará."
        if isinstance(exc, InvalidRequestError):
            return f"Datos inválidos, no se envió a gigstack: {server}"
        if isinstance(exc, RejectedError):
            status = f" ({exc.status})" if exc.status is not None else ""
            return f"gigstack rechazó la operación{status}: {server}"
    return f"Error inesperado: {type(exc).__name__}"
