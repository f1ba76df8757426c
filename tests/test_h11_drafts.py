"""`desktop.store.drafts`: the counter's sale in progress in a real SQLite file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.sales import queue_payment
from desktop.store import open_database
from desktop.store.drafts import DRAFT_VERSION, Drafts
from desktop.store.errors import ReadOnlyStorageError
from desktop.store.outbox import Outbox
from tests.test_till import sale_body


def test_save_load_and_clear_across_connections(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        drafts = Drafts(db, clock=lambda: 1000.0)
        assert drafts.load() is None  # a file without the table has no draft
        drafts.clear()  # nothing to remove: no error
        drafts.save({"lines": [{"quantity": Decimal("1.5")}], "payment_form": "01"})
        drafts.save({"lines": [{"quantity": Decimal("2")}], "payment_form": "04"})
    finally:
        db.close()
    again = open_database(tmp_path)  # what the next start reads
    try:
        draft = Drafts(again).load()
        assert draft is not None and draft.saved_at == 1000.0
        assert draft.document == {
            "lines": [{"quantity": "2"}],
            "payment_form": "04",
            "version": DRAFT_VERSION,
        }
        Drafts(again).clear()
        assert Drafts(again).load() is None
    finally:
        again.close()


def test_a_damaged_or_foreign_draft_is_dropped_not_misread(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        drafts = Drafts(db)
        drafts.save({"lines": []})
        with db.write() as conn:
            conn.execute("UPDATE sale_draft SET document = '{roto'")
        assert drafts.load() is None
        with db.write() as conn:
            conn.execute("""UPDATE sale_draft SET document = '{"version": 99}'""")
        assert drafts.load() is None
        drafts.save({"lines": []})  # the next change writes over it
        assert drafts.load() is not None
    finally:
        db.close()


def test_a_read_only_file_reads_the_draft_and_refuses_to_write(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    Drafts(db).save({"lines": []})
    db.close()
    from desktop.store.db import Database

    read_only = Database(tmp_path / "mostrador.sqlite3", read_only=True)
    try:
        drafts = Drafts(read_only)
        assert drafts.load() is not None
        with pytest.raises(ReadOnlyStorageError):
            drafts.save({"lines": []})
    finally:
        read_only.close()


def test_charged_since_finds_the_sale_queued_after_the_last_save(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    try:
        outbox = Outbox(db, clock=lambda: 2000.0)
        drafts = Drafts(db, clock=lambda: 1999.0)
        drafts.save({"lines": []})
        draft = drafts.load()
        assert draft is not None
        body = sale_body("01", ("Café", 2, "35.00"))
        service = str(body["items"][0].get("id") or "")
        assert not drafts.charged_since(draft, [(service, Decimal(2))])
        queue_payment(outbox, body)
        assert drafts.charged_since(draft, [(service, Decimal("2.000"))])
        assert not drafts.charged_since(draft, [(service, Decimal(3))])
        later = Drafts(db, clock=lambda: 2001.0)
        later.save({"lines": []})
        newer = later.load()
        assert newer is not None
        # A draft saved after that sale is the next customer's: it comes back.
        assert not later.charged_since(newer, [(service, Decimal(2))])
    finally:
        db.close()
