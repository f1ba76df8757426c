"""What a queued row's body says (desktop.records.queued): the Cola page's summaries and the
parked-row dialog's fields, from real outbox rows and from hand-edited bodies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.records.queued import QueuedChange, known_name, payment_form_of, queued_client
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxKind


def test_a_queued_update_and_create(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        outbox = Outbox(db)
        update = outbox.enqueue(
            OutboxKind.UPDATE_CLIENT,
            {"id": "client_1", "changes": {"phone": "55 1234 5678", "email": "a@b.mx"}},
        )
        create = outbox.enqueue(OutboxKind.CREATE_SERVICE, {"description": "Cuaderno"})
    finally:
        db.close()
    change = QueuedChange.from_payload(update.payload)
    assert (change.target_id, change.changed) == ("client_1", ("email", "phone"))
    created = QueuedChange.from_payload(create.payload)
    assert (created.target_id, created.name, created.changed) == ("", "Cuaderno", ())


@pytest.mark.parametrize("payload", [None, "x", [], {"changes": "phone", "name": {"a": 1}}])
def test_odd_bodies_never_raise(payload: Any) -> None:
    change = QueuedChange.from_payload(payload)
    assert change.changed == () and change.target_id == "" and change.name == ""
    assert payment_form_of(payload) == ""
    assert queued_client(payload).id == ""


def test_a_sales_client_as_typed() -> None:
    body = {
        "client": {
            "tax_id": "EKU9003173C9",
            "legal_name": "ESCUELA KEMPER URGATE",
            "tax_system": {"label": "General de Ley", "value": "601"},
            "use": "G03",
            "address": {"zip": "42501"},
            "search": {"on_key": "tax_id", "on_value": "EKU9003173C9"},
        },
        "payment_form": "04",
    }
    client = queued_client(body)
    assert (client.rfc, client.legal_name, client.tax_system, client.use, client.zip) == (
        "EKU9003173C9",
        "ESCUELA KEMPER URGATE",
        "601",
        "G03",
        "42501",
    )
    assert payment_form_of(body) == "04"
    # A hand-edited body with a top-level use: that is what would be sent, so it wins.
    assert queued_client({**body, "use": "S01"}).use == "S01"


def test_known_names() -> None:
    assert known_name({"name": "Ana"}) == "Ana"
    assert known_name({"description": "Cuaderno"}) == "Cuaderno"
    assert known_name(None) == ""
