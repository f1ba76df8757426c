"""desktop.records.payments: the fields Pagos reads from a payment (folio, local id, link)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.records.payments import PaymentView


def test_folio_and_local_id_come_from_the_counters_metadata() -> None:
    view = PaymentView.from_record(
        {
            "id": "payment_1",
            "metadata": {"folio": "A-000123", "local_id": "b1f2"},
            "short_url": "https://gigstack.pro/p/abc",
        }
    )
    assert (view.folio, view.local_id) == ("A-000123", "b1f2")
    assert view.short_url == "https://gigstack.pro/p/abc"


def test_a_payment_made_elsewhere_shows_its_id_as_folio() -> None:
    view = PaymentView.from_record({"id": "payment_9", "metadata": {"source": "seed"}})
    assert (view.folio, view.local_id, view.short_url) == ("payment_9", None, "")


@pytest.mark.parametrize(
    "metadata",
    [None, "A-1", ["A-1"], {"folio": None, "local_id": ""}, {"folio": {"x": 1}, "local_id": []}],
)
def test_odd_metadata_never_raises(metadata: object) -> None:
    view = PaymentView.from_record({"metadata": metadata, "short_url": None})
    assert view.folio == "" and view.local_id is None and view.short_url == ""


def test_the_total_as_the_dialogs_show_it() -> None:
    # Cancel and mark-paid dialogs read the total through the view: text, number or cents.
    assert PaymentView.from_record({"total": "98.0"}).total == Decimal("98.0")
    assert PaymentView.from_record({"total": Decimal("55.00")}).total == Decimal("55.00")
    assert PaymentView.from_record({"amount": 9850}).total == Decimal("98.50")
    assert PaymentView.from_record({"total": "n/a"}).total is None
