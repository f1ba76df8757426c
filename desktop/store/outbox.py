"""The outbox: every write the counter makes, kept on disk until gigstack has it.

A row's life (see FIELD-NOTES.md, "Offline queue rules"):

    pending --claim--> sending --sent--> sent
       ^                  |  \\--park--> parked --retry/edit--> pending
       |                  |                 \\--discard--> discarded (reason + audit row)
       +---retry later----+   (also: a crash leaves rows 'sending'; start-up puts them back)

- The idempotency key and the local id are created with the row and never change on a retry.
  Only editing a parked row (a *different* request, which the server rejected before) takes a
  new key; the old one stays in the audit trail.
- Rows are never deleted. Discarding needs a reason and leaves an audit row.
- Rows with the same `serial_key` (e.g. two sales for the same not-yet-created client) go one
  at a time, in order, so the server never creates that client twice.
- Money in payloads is kept as JSON strings of Decimals (lossless); the sender re-validates
  the payload into a request model before it leaves.
- A sale keeps the moment it was sold: `enqueue` writes ``metadata.sold_at`` (ISO 8601 with the
  terminal's UTC offset at that moment) and ``metadata.sold_at_epoch`` into every payment's
  payload, so gigstack stores them with the payment and a sale queued offline at 23:50 and sent
  after midnight still belongs to its day (`OutboxItem.sold_at`, `payment_sold_at`).
- The wall clock is not trusted for scheduling: a row whose next attempt (or last update) lies
  further ahead than any delay we ever schedule was written before the clock moved back; it is
  rescheduled relative to the current clock instead of waiting for the old future to come.
  Ages are clamped at zero for the same reason.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop.store.db import Database

Clock = Callable[[], float]
PayloadBuilder = Callable[["Identity"], Mapping[str, Any]]

#: No row is ever scheduled further ahead than this: the longest wait the sender asks for is
#: a server's `Retry-After`, capped at 900 s (`Backoff.retry_after_cap`). A next attempt beyond
#: it can only come from a clock that has since moved back.
MAX_DELAY = 900.0
#: A row last touched more than this in the "future" was written before the clock moved back.
CLOCK_TOLERANCE = 5.0
#: The audit detail of an edit: the key it replaced (`find_by_key` reads it back).
_PREVIOUS_KEY = "previous key "


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    PARKED = "parked"
    DISCARDED = "discarded"


class OutboxKind(StrEnum):
    REGISTER_PAYMENT = "register_payment"
    CREATE_CLIENT = "create_client"
    UPDATE_CLIENT = "update_client"
    CREATE_SERVICE = "create_service"
    UPDATE_SERVICE = "update_service"
    #: An income invoice (``POST /invoices/income``), queued like a sale (issue 11). The
    #: ``kind`` column has no CHECK constraint, so no migration is needed for it; its payload
    #: and its wait for queued sales are described in `desktop.invoicing`.
    CREATE_INVOICE = "create_invoice"


#: An invoice row's ``metadata`` keys (see `desktop.invoicing`): the gigstack ids of the
#: payments it covers, and the local ids of queued sales it waits for (both comma-separated).
INVOICE_PAYMENTS_KEY = "payments"
INVOICE_WAITS_FOR_KEY = "payment_local_ids"
#: A sale's ``metadata`` key (see `desktop.sales`): the local ids of queued service creations
#: its inline lines stand for (comma-separated). The sale goes after them, with their ids.
SALE_WAITS_FOR_SERVICES_KEY = "service_local_ids"

#: What a sale line sent with a service's gigstack id keeps: what the cashier charged (as the
#: counter sends every service line).
_CHARGED_FIELDS = ("quantity", "unit_price", "discount", "taxes")


def split_ids(value: Any) -> list[str]:
    """The ids of a comma-separated ``metadata`` value (``payment_local_ids`` and the like)."""
    return [p for p in value.split(",") if p] if isinstance(value, str) else []


def service_line_with_id(line: Mapping[str, Any], service_id: str) -> dict[str, Any]:
    """An inline line of a queued service, once gigstack created it: its id and what was charged."""
    return {"id": service_id, **{k: line[k] for k in _CHARGED_FIELDS if line.get(k) is not None}}


def stands_for(line: Mapping[str, Any], service: Mapping[str, Any]) -> bool:
    """Is this inline line the one written for `service` (`queued_service_line`)? By SKU (the
    app gives every service one), else by description."""
    if line.get("id"):
        return False
    sku = str(service.get("sku") or "").strip()
    if sku:
        return str(line.get("sku") or "").strip() == sku
    description = str(service.get("description") or "").strip()
    return bool(description) and str(line.get("description") or "").strip() == description


#: What each state is called in a message a person reads.
_STATE_WORDS = {
    OutboxState.PENDING: "pendiente",
    OutboxState.SENDING: "enviándose",
    OutboxState.SENT: "enviada",
    OutboxState.PARKED: "detenida",
    OutboxState.DISCARDED: "descartada",
}


class OutboxError(Exception):
    """An outbox operation that does not fit the row's state (or an unknown row)."""


@dataclass(frozen=True)
class Identity:
    """What a row is known by, created before its payload so the payload can carry it."""

    local_id: str
    idempotency_key: str
    folio: str | None
    #: When the row was queued: ISO 8601 with the terminal's UTC offset (the sale's moment).
    sold_at: str | None = None


@dataclass(frozen=True)
class OutboxItem:
    id: int
    local_id: str
    kind: OutboxKind
    team: str | None
    folio: str | None
    idempotency_key: str
    payload: dict[str, Any]
    serial_key: str | None
    state: OutboxState
    attempts: int
    next_attempt_at: float
    outcome_unknown: bool
    last_error: str | None
    last_status: int | None
    server_id: str | None
    response: dict[str, Any] | None
    created_at: float
    updated_at: float
    sent_at: float | None
    #: Payments only: the moment of the sale, ISO 8601 with its UTC offset, as sent to gigstack
    #: in ``metadata.sold_at`` (rows queued before this existed: derived from `created_at`).
    sold_at: str | None = None
    #: Payments only: the same moment as epoch seconds.
    sold_at_epoch: float | None = None

    def age(self, now: float) -> float:
        """Seconds since the row was queued, never negative (the clock may have moved back)."""
        return age_of(self.created_at, now)

    def sold_at_datetime(self) -> datetime | None:
        """The sale's moment as an aware datetime in the offset it was sold in."""
        return parse_sold_at(self.sold_at)


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    sending: int
    parked: int
    sent: int
    discarded: int
    #: Never later than the clock at the time of `Outbox.stats()`: an age from it is >= 0.
    oldest_pending_at: float | None

    def oldest_pending_age(self, now: float) -> float | None:
        """Seconds the oldest waiting row has waited, never negative; None when none waits."""
        return None if self.oldest_pending_at is None else age_of(self.oldest_pending_at, now)


def age_of(since: float, now: float) -> float:
    """`now - since`, clamped at zero: after the wall clock moves back, nothing is -5 min old."""
    return max(now - since, 0.0)


def sold_at_text(epoch: float, tz: tzinfo | None = None) -> str:
    """ISO 8601 of `epoch` in `tz` (None: the terminal's local zone), with its UTC offset."""
    moment = datetime.fromtimestamp(epoch, tz=UTC).astimezone(tz)
    return moment.isoformat(timespec="seconds")


def parse_sold_at(value: object) -> datetime | None:
    """An aware datetime from ISO 8601 text with an offset; None for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def payment_sold_at(record: Mapping[str, Any]) -> datetime | None:
    """When a payment record (from gigstack, the cache or an outbox payload) was sold.

    Reads ``metadata.sold_at`` (written by Mostrador at the counter; the offset is the one the
    sale was made in, so its date is the sale's day even when gigstack registered it later).
    Falls back to ``metadata.sold_at_epoch`` (shown in the local zone); None when neither is
    there: the caller then uses gigstack's own ``created_at``.
    """
    metadata = record.get("metadata")
    if not isinstance(metadata, Mapping):
        return None
    moment = parse_sold_at(metadata.get("sold_at"))
    if moment is not None:
        return moment
    epoch = metadata.get("sold_at_epoch")
    if isinstance(epoch, int | float) and not isinstance(epoch, bool):
        return datetime.fromtimestamp(float(epoch), tz=UTC).astimezone()
    return None


@dataclass(frozen=True)
class AuditEntry:
    at: float
    action: str
    detail: str | None


def dumps(value: object) -> str:
    """JSON with Decimals as strings: exact, and readable by `sqlite3` users."""
    return json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=True)


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _sold_at_of(
    kind: OutboxKind, payload: Mapping[str, Any], created_at: float
) -> tuple[str | None, float | None]:
    if kind is not OutboxKind.REGISTER_PAYMENT:
        return None, None
    metadata = payload.get("metadata")
    metadata = metadata if isinstance(metadata, Mapping) else {}
    moment = parse_sold_at(metadata.get("sold_at"))
    if moment is None:  # queued before sold_at existed: the row's own creation time
        return sold_at_text(created_at), created_at
    return str(metadata["sold_at"]), moment.timestamp()


def _row_to_item(row: sqlite3.Row) -> OutboxItem:
    kind = OutboxKind(row["kind"])
    payload = json.loads(row["payload"])
    sold_at, sold_at_epoch = _sold_at_of(kind, payload, row["created_at"])
    return OutboxItem(
        id=row["id"],
        local_id=row["local_id"],
        kind=kind,
        team=row["team"],
        folio=row["folio"],
        idempotency_key=row["idempotency_key"],
        payload=payload,
        serial_key=row["serial_key"],
        state=OutboxState(row["state"]),
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        outcome_unknown=bool(row["outcome_unknown"]),
        last_error=row["last_error"],
        last_status=row["last_status"],
        server_id=row["server_id"],
        response=json.loads(row["response"]) if row["response"] else None,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        sent_at=row["sent_at"],
        sold_at=sold_at,
        sold_at_epoch=sold_at_epoch,
    )


def _with_sold_at(body: dict[str, Any], sold_at: str, epoch: float) -> dict[str, Any]:
    metadata = body.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, Mapping) else {}
    given = parse_sold_at(metadata.get("sold_at"))
    if given is None:
        metadata["sold_at"], metadata["sold_at_epoch"] = sold_at, int(epoch)
    elif not isinstance(metadata.get("sold_at_epoch"), int | float):
        metadata["sold_at_epoch"] = int(given.timestamp())
    return {**body, "metadata": metadata}


#: Kinds whose payload always carries the row's own ``metadata.local_id`` (the one proof a
#: lookup after a lost answer accepts, `desktop.sync.delivery.proves`).
_STAMPED_KINDS = frozenset({OutboxKind.REGISTER_PAYMENT, OutboxKind.CREATE_INVOICE})


def _with_identity(old: OutboxItem, body: dict[str, Any]) -> dict[str, Any]:
    """An edited body keeps what identifies its row: ``metadata.local_id`` (and the folio).

    The Cola's JSON tab lets a person rewrite the whole body. A body that lost its local id
    could not be proven after a lost answer (only the key would stand between it and a second
    sale), and one carrying another row's local id would "prove" that row's record. Rows that
    never carried one (services, some clients) are left as edited.
    """
    before = old.payload.get("metadata")
    had_id = isinstance(before, Mapping) and bool(before.get("local_id"))
    if old.kind not in _STAMPED_KINDS and not had_id:
        return body
    metadata = body.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, Mapping) else {}
    metadata["local_id"] = old.local_id
    if old.folio:
        metadata["folio"] = old.folio
    return {**body, "metadata": metadata}


# A pending row "from the future": touched after now, or due beyond any delay we schedule.
_FROM_THE_FUTURE_SQL = "(updated_at > :now + :tolerance OR next_attempt_at > :now + :max_delay)"
# When a pending row is really due: as stored, or (from the future) its delay from now.
_DUE_AT_SQL = (
    f"CASE WHEN {_FROM_THE_FUTURE_SQL} "
    "THEN :now + MIN(MAX(next_attempt_at - updated_at, 0), :max_delay) "
    "ELSE next_attempt_at END"
)

DEFAULT_SERIES = "CAJA1"


def _ids_of(key: str) -> str:
    """SQL: the comma-separated local ids in ``metadata.<key>`` as a JSON array for json_each.

    Written for hex ids; anything else there (a caller's own metadata, a person's edit in the
    Cola's JSON tab: a quote, a list) made the array malformed, and json_each's error stopped
    every claim (the whole queue, reported as a damaged database). Such a value names no row:
    it holds nothing back (the sender then treats it as an id it cannot find).
    """
    ids = (
        f"'[\"' || replace(COALESCE(json_extract(o.payload, '$.metadata.{key}'), ''), "
        "',', '\",\"') || '\"]'"
    )
    return f"(CASE WHEN json_valid({ids}) THEN {ids} ELSE '[]' END)"


# An invoice row that covers a sale still waiting, in flight or parked is not due: it goes after
# that sale (desktop.invoicing); a parked sale fixed and sent releases it without anyone having
# to retry the invoice too. Its payload names the sales' local ids (32-hex uuids) in
# ``metadata.payment_local_ids``, comma-separated; they are looked up by the UNIQUE local_id
# index (a handful of rows per invoice, whatever the queue's length): CROSS JOIN keeps that
# order (the planner would otherwise scan every pending row per invoice) and CASE runs the
# subquery for invoice rows only.
_WAITS_FOR_A_SALE_SQL = (
    "(CASE WHEN o.kind = 'create_invoice' THEN EXISTS (SELECT 1 FROM json_each("
    f"{_ids_of('payment_local_ids')}) j "
    "CROSS JOIN outbox d ON d.local_id = j.value "
    "WHERE d.kind = 'register_payment' AND d.state IN ('pending', 'sending', 'parked')) "
    # A sale that sells a service created offline waits while that creation is waiting or in
    # flight (desktop.sales); a parked or discarded one no longer holds it (the line goes
    # inline, desktop.sync.sender). instr() first: most sales sell no queued service.
    "WHEN o.kind = 'register_payment' AND instr(o.payload, '\"service_local_ids\"') > 0 "
    f"THEN EXISTS (SELECT 1 FROM json_each({_ids_of('service_local_ids')}) j "
    "CROSS JOIN outbox d ON d.local_id = j.value "
    "WHERE d.kind = 'create_service' AND d.state IN ('pending', 'sending')) ELSE 0 END)"
)
# The same without SQLite's JSON functions (builds older than 3.38 may lack them): a scan of
# the rows still waiting for the invoice's (or sale's) text (slower, only where JSON is missing).
_WAITS_FOR_A_SALE_PLAIN_SQL = (
    "(CASE WHEN o.kind = 'create_invoice' THEN EXISTS (SELECT 1 FROM outbox d "
    "WHERE d.kind = 'register_payment' AND d.state IN ('pending', 'sending', 'parked') "
    "AND d.id < o.id AND instr(o.payload, d.local_id) > 0) "
    "WHEN o.kind = 'register_payment' AND instr(o.payload, '\"service_local_ids\"') > 0 "
    "THEN EXISTS (SELECT 1 FROM outbox d "
    "WHERE d.kind = 'create_service' AND d.state IN ('pending', 'sending') "
    "AND d.id < o.id AND instr(o.payload, d.local_id) > 0) ELSE 0 END)"
)


def _waits_clause(conn: sqlite3.Connection) -> str:
    try:
        conn.execute("SELECT value FROM json_each('[1]')").fetchone()
    except sqlite3.OperationalError:
        return _WAITS_FOR_A_SALE_PLAIN_SQL
    return _WAITS_FOR_A_SALE_SQL


class Outbox:
    """Queue operations over the `outbox` table. Plain Python; the clock is injected.

    Args:
        db: The open database.
        clock: Wall clock in epoch seconds (sale moments, audit times, scheduling).
        tz: Zone a sale's `sold_at` is written in; None means the terminal's local zone.
    """

    def __init__(self, db: Database, clock: Clock = time.time, tz: tzinfo | None = None) -> None:
        self._db = db
        self._clock = clock
        self._tz = tz
        self._waits: str | None = None  # the "invoice waits for a sale" clause (see above)

    def _waits_for_a_sale(self, conn: sqlite3.Connection) -> str:
        if self._waits is None:
            self._waits = _waits_clause(conn)
        return self._waits

    @property
    def database(self) -> Database:
        """The database the queue lives in (the sender writes the cache through it)."""
        return self._db

    # -- the terminal's folio series ------------------------------------------------------

    def terminal_series(self) -> str:
        with self._db.read() as conn:
            row = conn.execute("SELECT series FROM terminal WHERE id = 1").fetchone()
        return str(row["series"]) if row else DEFAULT_SERIES

    def set_terminal_series(self, series: str) -> None:
        """Name this terminal's folio series (folios are `<series>-<n>`, per terminal)."""
        series = series.strip().upper()
        if not series or not series.replace("_", "").isalnum():
            raise ValueError("la serie solo puede tener letras y números")
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO terminal (id, series, next_folio) VALUES (1, ?, 1) "
                "ON CONFLICT (id) DO UPDATE SET series = excluded.series",
                (series,),
            )

    # -- writing --------------------------------------------------------------------------

    def enqueue(
        self,
        kind: OutboxKind,
        payload: Mapping[str, Any] | PayloadBuilder,
        *,
        team: str | None = None,
        serial_key: str | None = None,
        with_folio: bool | None = None,
        idempotency_key: str | None = None,
    ) -> OutboxItem:
        """Queue one write in a single transaction and return the stored row.

        Args:
            kind: What the row asks the server to do.
            payload: The request body, or a function building it from the row's `Identity`
                (so a payment's metadata can carry its own local id and folio).
            team: gigstack Connect team, or None for the key's own team.
            serial_key: Rows sharing it are sent one at a time, in order.
            with_folio: Take the next terminal folio (default: for payments only).
            idempotency_key: Use this key instead of a new one (a feeding system's own key).

        A payment's ``metadata`` gets ``sold_at``/``sold_at_epoch`` (the moment of the sale)
        unless the body already carries a valid ``sold_at`` with a UTC offset (a system feeding
        the counter knows better when its sale happened).
        """
        if with_folio is None:
            with_folio = kind is OutboxKind.REGISTER_PAYMENT
        now = self._clock()
        sold_at = sold_at_text(now, self._tz)
        with self._db.write() as conn:
            folio = self._take_folio(conn) if with_folio else None
            identity = Identity(
                uuid.uuid4().hex, idempotency_key or str(uuid.uuid4()), folio, sold_at
            )
            body = dict(payload(identity) if callable(payload) else payload)
            if kind is OutboxKind.REGISTER_PAYMENT:
                body = _with_sold_at(body, sold_at, now)
            cursor = conn.execute(
                "INSERT INTO outbox (local_id, kind, team, folio, idempotency_key, payload, "
                "serial_key, next_attempt_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    identity.local_id,
                    kind.value,
                    team,
                    folio,
                    identity.idempotency_key,
                    dumps(body),
                    serial_key,
                    now,
                    now,
                    now,
                ),
            )
            row_id = int(cursor.lastrowid or 0)
            self._audit(conn, row_id, "enqueued", folio)
            return self._fetch(conn, row_id)

    def _take_folio(self, conn: sqlite3.Connection) -> str:
        conn.execute(
            "INSERT OR IGNORE INTO terminal (id, series, next_folio) VALUES (1, ?, 1)",
            (DEFAULT_SERIES,),
        )
        row = conn.execute("SELECT series, next_folio FROM terminal WHERE id = 1").fetchone()
        conn.execute("UPDATE terminal SET next_folio = next_folio + 1 WHERE id = 1")
        return f"{row['series']}-{row['next_folio']}"

    def claim_due(self, limit: int) -> list[OutboxItem]:
        """Move up to `limit` due rows to `sending` and return them (attempts counted).

        A row is skipped while an earlier row with the same `serial_key` is pending or
        sending: those go strictly one after another.
        """
        if limit <= 0:
            return []
        now = self._clock()
        with self._db.write() as conn:
            self._reschedule_from_the_future(conn, now)
            rows = conn.execute(
                "SELECT o.id FROM outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= ? "
                "AND (o.serial_key IS NULL OR ("
                # no earlier row of the same key still waiting or in flight ...
                "  NOT EXISTS (SELECT 1 FROM outbox e WHERE e.serial_key = o.serial_key "
                "    AND e.id < o.id AND e.state IN ('pending', 'sending')) "
                # ... and no later one in flight (an earlier parked row was retried meanwhile)
                "  AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.serial_key = o.serial_key "
                "    AND s.state = 'sending'))) "
                f"AND NOT {self._waits_for_a_sale(conn)} "
                "ORDER BY o.id LIMIT ?",
                (now, limit),
            ).fetchall()
            claimed = []
            for row in rows:
                conn.execute(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                    "updated_at = ? WHERE id = ?",
                    (now, row["id"]),
                )
                claimed.append(self._fetch(conn, row["id"]))
            return claimed

    def mark_sent(self, row_id: int, server_id: str | None, response: Mapping[str, Any]) -> None:
        """Record the server's answer: the row is done for good."""
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.SENDING)
            conn.execute(
                "UPDATE outbox SET state = 'sent', server_id = ?, response = ?, sent_at = ?, "
                "updated_at = ?, last_error = NULL, last_status = NULL, outcome_unknown = 0 "
                "WHERE id = ?",
                (server_id, dumps(dict(response)), now, now, row_id),
            )
            self._audit(conn, row_id, "sent", server_id)

    def mark_retry(
        self,
        row_id: int,
        *,
        error: str,
        delay: float,
        status: int | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        """Back to pending, due again after `delay` seconds (at most `MAX_DELAY`), same key."""
        now = self._clock()
        delay = min(max(delay, 0.0), MAX_DELAY)
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.SENDING)
            conn.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, "
                "last_status = ?, outcome_unknown = MAX(outcome_unknown, ?), updated_at = ? "
                "WHERE id = ?",
                (now + delay, error, status, int(outcome_unknown), now, row_id),
            )
            self._audit(conn, row_id, "retry", error)

    def release(self, row_id: int, reason: str) -> None:
        """Back to pending without counting the attempt (e.g. the queue paused on a 401)."""
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.SENDING)
            conn.execute(
                "UPDATE outbox SET state = 'pending', attempts = MAX(attempts - 1, 0), "
                "last_error = ?, updated_at = ? WHERE id = ?",
                (reason, now, row_id),
            )
            self._audit(conn, row_id, "released", reason)

    def park(
        self, row_id: int, *, error: str, status: int | None = None, outcome_unknown: bool = False
    ) -> None:
        """Set aside for a person: the server refused the request as it is.

        `outcome_unknown`: the refusal does not prove nothing was created (a 409 to a reused
        key): the row is looked up before it is ever sent again, even under a new key.
        """
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.SENDING)
            conn.execute(
                "UPDATE outbox SET state = 'parked', last_error = ?, last_status = ?, "
                "outcome_unknown = MAX(outcome_unknown, ?), updated_at = ? WHERE id = ?",
                (error, status, int(outcome_unknown), now, row_id),
            )
            self._audit(conn, row_id, "parked", error)

    def retry_now(self, row_id: int) -> None:
        """Make a pending or parked row due immediately (same payload, same key)."""
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.PENDING, OutboxState.PARKED)
            conn.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? "
                "WHERE id = ?",
                (now, now, row_id),
            )
            self._audit(conn, row_id, "retry_now", None)

    def edit_parked(self, row_id: int, payload: Mapping[str, Any]) -> OutboxItem:
        """Replace a parked row's payload and queue it again under a new idempotency key.

        The server rejected the old body, so nothing was created under the old key; reusing it
        with a different body would be refused as an idempotency conflict. If an earlier
        attempt's outcome was unknown, that stays recorded: the sender looks the row up before
        sending it under the new key, so an edit can never register the sale twice.
        """
        now = self._clock()
        with self._db.write() as conn:
            old = self._expect(conn, row_id, OutboxState.PARKED)
            new_key = str(uuid.uuid4())
            body = _with_identity(old, dict(payload))
            if old.kind is OutboxKind.REGISTER_PAYMENT and old.sold_at:
                # An edit fixes the request, not the moment of the sale.
                body = _with_sold_at(body, old.sold_at, old.sold_at_epoch or old.created_at)
            conn.execute(
                "UPDATE outbox SET payload = ?, idempotency_key = ?, state = 'pending', "
                "next_attempt_at = ?, updated_at = ? WHERE id = ?",
                (dumps(body), new_key, now, now, row_id),
            )
            self._audit(conn, row_id, "edited", f"{_PREVIOUS_KEY}{old.idempotency_key}")
            return self._fetch(conn, row_id)

    def settle(self, row_id: int, payload: Mapping[str, Any], detail: str) -> OutboxItem:
        """Fix, for good, what a row in flight will send (same key): a choice made at send time
        that a resend must repeat (a queued service's line sent inline, `desktop.sync.sender`).

        Only while the row is `sending` (the sender holds it): nobody else may change it then.
        """
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.SENDING)
            conn.execute(
                "UPDATE outbox SET payload = ?, updated_at = ? WHERE id = ?",
                (dumps(dict(payload)), now, row_id),
            )
            self._audit(conn, row_id, "settled", detail)
            return self._fetch(conn, row_id)

    def discard(self, row_id: int, reason: str) -> None:
        """Give up on a pending or parked row on purpose; the row and its audit trail stay."""
        reason = reason.strip()
        if not reason:
            raise OutboxError("descartar necesita un motivo")
        now = self._clock()
        with self._db.write() as conn:
            self._expect(conn, row_id, OutboxState.PENDING, OutboxState.PARKED)
            conn.execute(
                "UPDATE outbox SET state = 'discarded', updated_at = ? WHERE id = ?",
                (now, row_id),
            )
            self._audit(conn, row_id, "discarded", reason)

    def make_due_now(self) -> int:
        """Make every pending row due now (the connection came back); returns how many."""
        now = self._clock()
        with self._db.write() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' "
                "AND next_attempt_at > ?",
                (now, now),
            )
            return cursor.rowcount

    def recover_interrupted(self) -> int:
        """On start: rows a crash left `sending` go back to pending, same key, outcome unknown.

        Returns:
            How many rows were recovered.
        """
        now = self._clock()
        with self._db.write() as conn:
            ids = [r["id"] for r in conn.execute("SELECT id FROM outbox WHERE state = 'sending'")]
            for row_id in ids:
                conn.execute(
                    "UPDATE outbox SET state = 'pending', outcome_unknown = 1, "
                    "next_attempt_at = ?, updated_at = ? WHERE id = ?",
                    (now, now, row_id),
                )
                self._audit(conn, row_id, "recovered", "interrupted while sending")
            return len(ids)

    # -- reading --------------------------------------------------------------------------

    def get(self, ref: int | str) -> OutboxItem:
        """A row by numeric id, local id or folio."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE id = ? OR local_id = ? OR folio = ?",
                (ref if isinstance(ref, int) else -1, str(ref), str(ref)),
            ).fetchone()
        if row is None:
            raise OutboxError(f"no hay ningún elemento {ref} en la cola")
        return _row_to_item(row)

    def find_local(self, local_id: str) -> OutboxItem | None:
        """A row by its local id only (None when there is none): never a folio or a number."""
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM outbox WHERE local_id = ?", (local_id,)).fetchone()
        return None if row is None else _row_to_item(row)

    def find_by_key(self, idempotency_key: str) -> OutboxItem | None:
        """The row queued under this key, even if a person has since edited it (an edit takes
        a new key, `edit_parked`): a caller queuing its sale again with its own key must find
        the row, never queue a second one."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
            if row is None:
                # Rare (a caller's own key that is no longer current): the audit trail keeps
                # every key an edit replaced.
                row = conn.execute(
                    "SELECT o.* FROM outbox_audit a JOIN outbox o ON o.id = a.outbox_id "
                    "WHERE a.action = 'edited' AND a.detail = ? ORDER BY a.id DESC LIMIT 1",
                    (f"{_PREVIOUS_KEY}{idempotency_key}",),
                ).fetchone()
        return None if row is None else _row_to_item(row)

    def rows(self, states: Iterable[OutboxState] | None = None) -> list[OutboxItem]:
        query = "SELECT * FROM outbox"
        params: list[str] = []
        if states is not None:
            wanted = [s.value for s in states]
            query += f" WHERE state IN ({', '.join('?' * len(wanted))})"
            params = wanted
        with self._db.read() as conn:
            return [_row_to_item(r) for r in conn.execute(query + " ORDER BY id", params)]

    def rows_of_kind(
        self, kind: OutboxKind, states: Iterable[OutboxState] | None = None
    ) -> list[OutboxItem]:
        """Rows of one kind (optionally in `states`), oldest first."""
        query = "SELECT * FROM outbox WHERE kind = ?"
        params: list[str] = [kind.value]
        if states is not None:
            wanted = [s.value for s in states]
            query += f" AND state IN ({', '.join('?' * len(wanted))})"
            params += wanted
        with self._db.read() as conn:
            return [_row_to_item(r) for r in conn.execute(query + " ORDER BY id", params)]

    def stats(self) -> OutboxStats:
        now = self._clock()
        with self._db.read() as conn:
            counts = dict(conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
            oldest = conn.execute(
                "SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'sending')"
            ).fetchone()[0]
        return OutboxStats(
            pending=counts.get("pending", 0),
            sending=counts.get("sending", 0),
            parked=counts.get("parked", 0),
            sent=counts.get("sent", 0),
            discarded=counts.get("discarded", 0),
            # A row queued before the clock moved back is not younger than "now".
            oldest_pending_at=None if oldest is None else min(float(oldest), now),
        )

    def next_due_at(self) -> float | None:
        """When the earliest pending row becomes due (None when nothing is pending).

        Rows scheduled before the clock moved back count as due after their intended delay from
        now (what `claim_due` will reschedule them to), never at their stale future time.
        """
        now = self._clock()
        with self._db.read() as conn:
            value = conn.execute(
                f"SELECT MIN({_DUE_AT_SQL}) FROM outbox o WHERE o.state = 'pending' "
                f"AND NOT {self._waits_for_a_sale(conn)}",
                {"now": now, "tolerance": CLOCK_TOLERANCE, "max_delay": MAX_DELAY},
            ).fetchone()[0]
        return None if value is None else float(value)

    def audit(self, row_id: int) -> list[AuditEntry]:
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT at, action, detail FROM outbox_audit WHERE outbox_id = ? ORDER BY id",
                (row_id,),
            ).fetchall()
        return [AuditEntry(r["at"], r["action"], r["detail"]) for r in rows]

    # -- helpers --------------------------------------------------------------------------

    def reschedule_from_the_future(self) -> int:
        """Reschedule rows written before the wall clock moved back; returns how many.

        Cheap when there are none (one read, no write): the sender calls it every round.
        """
        now = self._clock()
        params = {"now": now, "tolerance": CLOCK_TOLERANCE, "max_delay": MAX_DELAY}
        with self._db.read() as conn:
            found = conn.execute(
                f"SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND {_FROM_THE_FUTURE_SQL}",
                params,
            ).fetchone()[0]
        if not found:
            return 0
        with self._db.write() as conn:
            return self._reschedule_from_the_future(conn, now)

    def _reschedule_from_the_future(self, conn: sqlite3.Connection, now: float) -> int:
        """Rows written before the wall clock moved back wait their intended delay from now.

        The intended delay is what `mark_retry` asked for (`next_attempt_at - updated_at`, both
        written with the same clock reading), at most `MAX_DELAY`.
        """
        params = {"now": now, "tolerance": CLOCK_TOLERANCE, "max_delay": MAX_DELAY}
        ids = [
            r["id"]
            for r in conn.execute(
                f"SELECT id FROM outbox WHERE state = 'pending' AND {_FROM_THE_FUTURE_SQL}",
                params,
            )
        ]
        for row_id in ids:
            conn.execute(
                f"UPDATE outbox SET next_attempt_at = {_DUE_AT_SQL}, updated_at = :now "
                "WHERE id = :id",
                {**params, "id": row_id},
            )
            self._audit(conn, row_id, "rescheduled", "the clock moved back")
        return len(ids)

    def _fetch(self, conn: sqlite3.Connection, row_id: int) -> OutboxItem:
        row = conn.execute("SELECT * FROM outbox WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise OutboxError(f"no hay ningún elemento {row_id} en la cola")
        return _row_to_item(row)

    def _expect(self, conn: sqlite3.Connection, row_id: int, *states: OutboxState) -> OutboxItem:
        item = self._fetch(conn, row_id)
        if item.state not in states:
            # A person reads this (the Cola's dialogs, the CLI): the row may have moved on since
            # it was shown (the sender took a pending row a moment ago).
            name = item.folio or f"La fila {row_id}"
            allowed = " o ".join(_STATE_WORDS[s] for s in states)
            raise OutboxError(
                f"{name} ya está {_STATE_WORDS[item.state]}: esta acción es para una fila "
                f"{allowed}. Actualiza la Cola y vuelve a intentarlo si hace falta."
            )
        return item

    def _audit(
        self, conn: sqlite3.Connection, row_id: int, action: str, detail: str | None
    ) -> None:
        conn.execute(
            "INSERT INTO outbox_audit (outbox_id, at, action, detail) VALUES (?, ?, ?, ?)",
            (row_id, self._clock(), action, detail),
        )
