"""Hypothesis drives the outbox through random operation sequences against a simple model."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxError, OutboxKind, OutboxState


class OutboxMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.db = open_database(Path(self.tmp.name))
        self.now = 1000.0
        self.outbox = Outbox(self.db, lambda: self.now)
        self.model: dict[int, OutboxState] = {}
        self.keys: dict[int, str] = {}
        self.serial: dict[int, str | None] = {}

    def teardown(self) -> None:
        self.db.close()
        self.tmp.cleanup()

    def _in(self, state: OutboxState) -> list[int]:
        return sorted(i for i, s in self.model.items() if s is state)

    @rule(serial=st.sampled_from([None, None, "client:A", "client:B"]))
    def enqueue(self, serial: str | None) -> None:
        item = self.outbox.enqueue(OutboxKind.REGISTER_PAYMENT, {"n": 1}, serial_key=serial)
        self.model[item.id] = OutboxState.PENDING
        self.keys[item.id] = item.idempotency_key
        self.serial[item.id] = serial

    @rule(limit=st.integers(0, 4))
    def claim(self, limit: int) -> None:
        claimed = self.outbox.claim_due(limit)
        assert len(claimed) <= limit
        for item in claimed:
            assert self.model[item.id] is OutboxState.PENDING
            self.model[item.id] = OutboxState.SENDING

    @precondition(lambda self: self._in(OutboxState.SENDING))
    @rule(data=st.data(), outcome=st.sampled_from(["sent", "retry", "park", "release"]))
    def finish(self, data: st.DataObject, outcome: str) -> None:
        row_id = data.draw(st.sampled_from(self._in(OutboxState.SENDING)))
        if outcome == "sent":
            self.outbox.mark_sent(row_id, f"payment_{row_id}", {"id": row_id})
            self.model[row_id] = OutboxState.SENT
        elif outcome == "retry":
            self.outbox.mark_retry(row_id, error="timeout", delay=5, outcome_unknown=True)
            self.model[row_id] = OutboxState.PENDING
        elif outcome == "park":
            self.outbox.park(row_id, error="rechazado", status=422)
            self.model[row_id] = OutboxState.PARKED
        else:
            self.outbox.release(row_id, "pausa")
            self.model[row_id] = OutboxState.PENDING

    @precondition(lambda self: self.model)
    @rule(data=st.data(), action=st.sampled_from(["retry_now", "discard", "edit"]))
    def person_acts(self, data: st.DataObject, action: str) -> None:
        row_id = data.draw(st.sampled_from(sorted(self.model)))
        state = self.model[row_id]
        try:
            if action == "retry_now":
                self.outbox.retry_now(row_id)
                new_state = OutboxState.PENDING
            elif action == "discard":
                self.outbox.discard(row_id, "prueba")
                new_state = OutboxState.DISCARDED
            else:
                item = self.outbox.edit_parked(row_id, {"n": 2})
                self.keys[row_id] = item.idempotency_key
                new_state = OutboxState.PENDING
        except OutboxError:
            allowed = {
                "retry_now": {OutboxState.PENDING, OutboxState.PARKED},
                "discard": {OutboxState.PENDING, OutboxState.PARKED},
                "edit": {OutboxState.PARKED},
            }[action]
            assert state not in allowed  # refused only when the transition is not allowed
            return
        self.model[row_id] = new_state

    @rule()
    def crash_and_restart(self) -> None:
        recovered = self.outbox.recover_interrupted()
        assert recovered == len(self._in(OutboxState.SENDING))
        for row_id in self._in(OutboxState.SENDING):
            self.model[row_id] = OutboxState.PENDING

    @rule(seconds=st.floats(0, 10))
    def time_passes(self, seconds: float) -> None:
        self.now += seconds

    @invariant()
    def database_matches_model(self) -> None:
        items = {i.id: i for i in self.outbox.rows()}
        assert set(items) == set(self.model)  # nothing is ever deleted
        for row_id, item in items.items():
            assert item.state is self.model[row_id]
            assert item.idempotency_key == self.keys[row_id]

    @invariant()
    def one_in_flight_per_serial_key(self) -> None:
        in_flight = [self.serial[i] for i in self._in(OutboxState.SENDING) if self.serial[i]]
        assert len(in_flight) == len(set(in_flight))

    @invariant()
    def stats_agree(self) -> None:
        stats = self.outbox.stats()
        assert stats.pending == len(self._in(OutboxState.PENDING))
        assert stats.parked == len(self._in(OutboxState.PARKED))
        assert stats.sent == len(self._in(OutboxState.SENT))


OutboxMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestOutboxStateMachine = OutboxMachine.TestCase
