"""A sale is validated field by field before it is queued, and queued exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.sales import SaleRejectedError, check_payment, queue_payment, serial_key_for
from desktop.store import open_database
from desktop.store.outbox import Outbox, OutboxKind


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    db = open_database(tmp_path)
    yield Outbox(db)
    db.close()


def body(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice",
        "payment_form": "01",
        "items": [
            {
                "description": "Cuaderno profesional",
                "quantity": 2,
                "unit_price": "58.00",
                "product_key": "14111514",
                "unit_key": "H87",
                "taxes": [{"type": "IVA", "rate": "0.16", "factor": "Tasa", "inclusive": True}],
            }
        ],
    }
    base.update(changes)
    return base


def fields(exc: pytest.ExceptionInfo[SaleRejectedError]) -> set[str]:
    return {p.field for p in exc.value.problems}


def test_valid_sale_reports_the_total_the_cashier_typed() -> None:
    checked = check_payment(body())
    assert checked.total == Decimal("116.00")
    assert checked.warnings == []


def test_every_problem_is_reported_with_its_field() -> None:
    bad = body(
        payment_form="77",
        client={
            "tax_id": "ABC",
            "tax_system": "999",
            "use": "P01",
            "address": {"zip": "00001"},
            "name": "X",
        },
    )
    bad["items"][0]["quantity"] = 0
    with pytest.raises(SaleRejectedError) as info:
        check_payment(bad)
    assert {"client.tax_id", "items.0.quantity"} <= fields(info)
    # Shape errors come first; once the shape is right the SAT checks run.
    bad["items"][0]["quantity"] = 1
    bad["client"]["tax_id"] = "GODE561231GR8"
    with pytest.raises(SaleRejectedError) as info:
        check_payment(bad)
    assert {"payment_form", "client.tax_system", "client.use", "client.address.zip"} <= fields(info)
    assert all(p.message for p in info.value.problems)


def test_check_digit_mismatch_is_only_a_warning() -> None:
    # gigstack's own documentation example fails the SAT check digit.
    checked = check_payment(
        body(client={"tax_id": "PEGJ800101ABC", "name": "Juan", "tax_system": "612"})
    )
    assert [w.field for w in checked.warnings] == ["client.tax_id"]


def test_unknown_catalog_codes_are_refused() -> None:
    bad = body()
    bad["items"][0]["product_key"] = "99999999"
    bad["items"][0]["unit_key"] = "ZZZ"
    with pytest.raises(SaleRejectedError) as info:
        check_payment(bad)
    assert fields(info) == {"items.0.product_key", "items.0.unit_key"}


def test_queue_stamps_local_id_and_folio_in_metadata(outbox: Outbox) -> None:
    row = queue_payment(outbox, body(metadata={"order": "A-7"}))
    assert row.kind is OutboxKind.REGISTER_PAYMENT
    metadata = dict(row.payload["metadata"])
    # The outbox adds the moment of the sale (desktop/store/outbox.py, `sold_at`).
    assert metadata.pop("sold_at") == row.sold_at and metadata.pop("sold_at_epoch")
    assert metadata == {"order": "A-7", "local_id": row.local_id, "folio": "CAJA1-1"}


def test_nothing_is_queued_when_invalid(outbox: Outbox) -> None:
    with pytest.raises(SaleRejectedError):
        queue_payment(outbox, body(payment_form="x"))
    assert outbox.rows() == []


def test_a_feeders_own_key_makes_queueing_idempotent(outbox: Outbox) -> None:
    first = queue_payment(outbox, body(idempotency_key="pos-order-000123"))
    again = queue_payment(outbox, body(idempotency_key="pos-order-000123"))
    assert again.id == first.id and first.idempotency_key == "pos-order-000123"
    assert "idempotency_key" not in first.payload
    assert len(outbox.rows()) == 1


def test_serial_key_only_for_clients_that_may_be_created() -> None:
    assert serial_key_for({"client": {"id": "client_1"}}) is None
    search = {"on_key": "tax_id", "on_value": "gode561231gr8", "auto_create": True}
    assert serial_key_for({"client": {"search": search}}) == "client:tax_id:GODE561231GR8"
    assert serial_key_for({"client": {"tax_id": "GODE561231GR8"}}) == "client:tax_id:GODE561231GR8"


def test_a_key_queued_by_another_process_meanwhile(tmp_path: Path) -> None:
    """Two feeders race with one key: whoever writes second gets the first's row (same sale)
    or a refusal (another sale), never a second sale or a database error."""
    other_db = open_database(tmp_path)
    other = Outbox(other_db)

    class LookupThenRace(Outbox):
        """Our lookup finds nothing; right after it, the other process queues the key."""

        def __init__(self, db: Any, racer_body: dict[str, Any]) -> None:
            super().__init__(db)
            self.racer_body = racer_body

        def find_by_key(self, idempotency_key: str) -> Any:
            if self.racer_body:
                queue_payment(other, self.racer_body)
                self.racer_body = {}
                return None
            return super().find_by_key(idempotency_key)

    db = open_database(tmp_path)
    try:
        same = body(idempotency_key="feeder-000001")
        first = queue_payment(LookupThenRace(db, dict(same)), same)
        assert first.idempotency_key == "feeder-000001"
        assert len(Outbox(db).rows()) == 1
        changed = body(idempotency_key="feeder-000002")
        racer = body(idempotency_key="feeder-000002")
        racer["items"][0]["quantity"] = 5
        with pytest.raises(SaleRejectedError) as refused:
            queue_payment(LookupThenRace(db, racer), changed)
        assert "otra venta" in str(refused.value)
        assert len(Outbox(db).rows()) == 2
    finally:
        db.close()
        other_db.close()
