"""Fault injection state shared by the HTTP control API and the Python ``Sandbox.faults``."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

from .validation import bad_request, require_object

FAULT_FIELDS = (
    "status_down",
    "refuse_for_seconds",
    "latency_ms",
    "error_rate",
    "seed",
    "rate_limit",
    "drop_after_commit",
    "error_shape",
    "ignore_filters",
    "idempotency_replay",
)
# What a reused idempotency key gets (REFERENCE.md 16.2: replay semantics are undocumented):
# the first answer (default), a 409 "already used", or a 200 with another body.
REPLAY_MODES = frozenset({"first", "conflict", "other"})
# Bounds, so a fault cannot hang a test run or a demo: latency at most 30 s per request,
# refusing connections at most 5 minutes, Retry-After at most an hour.
MAX_LATENCY_MS = 30_000
MAX_REFUSE_SECONDS = 300
MAX_RETRY_AFTER = 3600
ERROR_SHAPES = frozenset({"flat", "nested"})


class Faults:
    """What goes wrong on the next ``/v2`` requests.

    Attributes mirror the JSON fields of ``/_sandbox/faults``: ``status_down`` (answer 503),
    ``latency_ms`` (sleep before processing), ``error_rate`` (fraction answered 500 before
    processing, reproducible with ``seed``), ``rate_limit`` (``{"count", "retry_after"}``: the
    next ``count`` requests get 429), ``drop_after_commit`` (the next N mutating requests that
    succeed are processed and stored, then the connection is closed without a response; a
    request answered 4xx stored nothing and does not use up the count) and
    ``refuse_for_seconds`` (stop listening for N seconds; handled by the server callback)
    and ``error_shape`` (``"flat"`` ``{"message", "error"}`` or ``"nested"``
    ``{"success": false, "error": {"code", "message", "details"}}``; ``None`` keeps the
    sandbox's configured shape), ``ignore_filters`` (list endpoints answer as if no filter
    had been sent: gigstack silently ignores filters it does not support, REFERENCE.md 16.3)
    and ``idempotency_replay`` (``"first"``, ``"conflict"`` or ``"other"``, see
    ``REPLAY_MODES``).
    """

    def __init__(self, refuse: Callable[[float], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._refuse = refuse
        self._reset_fields()

    def _reset_fields(self) -> None:
        self.status_down = False
        self.latency_ms = 0
        self.error_rate = 0.0
        self.seed: int | str | None = None
        self.rate_limit_count = 0
        self.retry_after = 1
        self.drop_after_commit = 0
        self.refuse_until: float | None = None
        self.error_shape: str | None = None
        self.ignore_filters = False
        self.idempotency_replay = "first"
        self._rng = random.Random()

    def clear(self) -> None:
        with self._lock:
            self._reset_fields()

    def set(self, **fields: Any) -> dict[str, Any]:
        """Validate and apply fault fields (only the ones given change). Returns the state."""
        unknown = set(fields) - set(FAULT_FIELDS)
        if unknown:
            raise bad_request(
                sorted(unknown)[0], f"unknown fault; known: {', '.join(FAULT_FIELDS)}"
            )
        refuse = None
        with self._lock:
            if "status_down" in fields:
                if not isinstance(fields["status_down"], bool):
                    raise bad_request("status_down", "must be a boolean")
                self.status_down = fields["status_down"]
            if "latency_ms" in fields:
                latency = _non_negative_int(fields["latency_ms"], "latency_ms")
                if latency > MAX_LATENCY_MS:
                    raise bad_request("latency_ms", f"must be at most {MAX_LATENCY_MS} (30 s)")
                self.latency_ms = latency
            if "seed" in fields:
                if not isinstance(fields["seed"], int | str) or isinstance(fields["seed"], bool):
                    raise bad_request("seed", "must be an integer or a string")
                self.seed = fields["seed"]
                self._rng = random.Random(self.seed)
            if "error_rate" in fields:
                rate = fields["error_rate"]
                if (
                    isinstance(rate, bool)
                    or not isinstance(rate, int | float)
                    or not 0 <= rate <= 1
                ):
                    raise bad_request("error_rate", "must be a number between 0 and 1")
                self.error_rate = float(rate)
                if "seed" not in fields:
                    self._rng = random.Random(self.seed)
            if "rate_limit" in fields:
                spec = fields["rate_limit"]
                if spec is None:
                    self.rate_limit_count = 0
                else:
                    spec = require_object(spec, "rate_limit")
                    self.rate_limit_count = _non_negative_int(
                        spec.get("count", 1), "rate_limit.count"
                    )
                    retry_after = _non_negative_int(
                        spec.get("retry_after", 1), "rate_limit.retry_after"
                    )
                    if retry_after > MAX_RETRY_AFTER:
                        raise bad_request(
                            "rate_limit.retry_after", f"must be at most {MAX_RETRY_AFTER}"
                        )
                    self.retry_after = retry_after
            if "drop_after_commit" in fields:
                value = fields["drop_after_commit"]
                if value is True:
                    value = 1
                elif value is False:
                    value = 0
                self.drop_after_commit = _non_negative_int(value, "drop_after_commit")
            if fields.get("refuse_for_seconds") is not None:
                seconds = fields["refuse_for_seconds"]
                if (
                    isinstance(seconds, bool)
                    or not isinstance(seconds, int | float)
                    or seconds <= 0
                ):
                    raise bad_request("refuse_for_seconds", "must be a number of seconds > 0")
                if seconds > MAX_REFUSE_SECONDS:
                    raise bad_request(
                        "refuse_for_seconds", f"must be at most {MAX_REFUSE_SECONDS} seconds"
                    )
                refuse = float(seconds)
            if "error_shape" in fields:
                shape = fields["error_shape"]
                if shape is not None and shape not in ERROR_SHAPES:
                    raise bad_request("error_shape", "must be 'flat', 'nested' or null")
                self.error_shape = shape
            if "ignore_filters" in fields:
                if not isinstance(fields["ignore_filters"], bool):
                    raise bad_request("ignore_filters", "must be a boolean")
                self.ignore_filters = fields["ignore_filters"]
            if "idempotency_replay" in fields:
                mode = fields["idempotency_replay"]
                if mode not in REPLAY_MODES:
                    raise bad_request(
                        "idempotency_replay", "must be 'first', 'conflict' or 'other'"
                    )
                self.idempotency_replay = mode
        if refuse is not None and self._refuse is not None:
            self._refuse(refuse)
        return self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "status_down": self.status_down,
                "latency_ms": self.latency_ms,
                "error_rate": self.error_rate,
                "seed": self.seed,
                "rate_limit": {"count": self.rate_limit_count, "retry_after": self.retry_after},
                "drop_after_commit": self.drop_after_commit,
                "refusing": self.refuse_until is not None,
                "error_shape": self.error_shape,
                "ignore_filters": self.ignore_filters,
                "idempotency_replay": self.idempotency_replay,
            }

    # --- consumed by the request pipeline ---

    def take_rate_limit(self) -> int | None:
        """``Retry-After`` seconds when this request must be answered 429."""
        with self._lock:
            if self.rate_limit_count > 0:
                self.rate_limit_count -= 1
                return self.retry_after
            return None

    def roll_error(self) -> bool:
        with self._lock:
            return self.error_rate > 0 and self._rng.random() < self.error_rate

    def take_drop(self) -> bool:
        with self._lock:
            if self.drop_after_commit > 0:
                self.drop_after_commit -= 1
                return True
            return False


def _non_negative_int(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad_request(field, "must be an integer >= 0")
    return value
