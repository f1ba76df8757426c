"""The compact rows and the model's kept orders (issue 12) give the same answers as the plain
way: every folded key, every filter and every sort order compared with a direct computation."""

from __future__ import annotations

import random
import sys

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.cache import fold
from desktop.store.outbox import OutboxState
from desktop.ui.record_page import SEP, Queued, RecordRow, Shared, pending_label
from desktop.ui.table_model import Column, RecordTableModel, fast_fold


def test_fast_fold_is_fold_for_every_character() -> None:
    every = "".join(chr(c) for c in range(0x20, 0x3000) if not 0xD800 <= c <= 0xDFFF)
    assert fast_fold(every) == fold(every)
    for text in ("Hernández", "PEÑA", "Straße", "ﬁ", "İstanbul", "é\u0301", "Ǆ", "", "abc"):
        assert fast_fold(text) == fold(text), text


def test_record_row_packs_its_texts_and_shares_its_values() -> None:
    shared = Shared()
    status = shared("Válido")
    row = RecordRow("client_1", ("Ana", "", f"a{SEP}b@x.mx"), (shared("601"), status))
    assert row.id == "client_1" and not row.pending_create
    assert [row.cell(i) for i in range(5)] == ["Ana", "", "a b@x.mx", "601", "Válido"]
    assert row.cells == ("Ana", "", "a b@x.mx", "601", "Válido")
    assert row.cell(4) is status is shared("".join(["Vál", "ido"]))
    assert (row.queued, row.outbox_id, row.outbox_state, row.outbox_error) == (None,) * 4
    assert not hasattr(row, "__dict__")
    # A tuple of 2 + 3 slots and one string for id and texts: no per-row dict or record.
    assert sys.getsizeof(row) <= sys.getsizeof((1, 2, 3, 4, 5))

    queued = Queued(7, OutboxState.PARKED, "RFC inválido", {"name": "Luis"})
    created = RecordRow(None, ("Luis",), (), queued)
    assert created.id is None and created.pending_create
    assert (created.outbox_id, created.outbox_error) == (7, "RFC inválido")
    assert created.queued == {"name": "Luis"}
    assert pending_label(created) == pending_label(queued) == "Detenido: revisa la Cola"
    assert pending_label(row) is None and pending_label(None) is None


def _model(rows: list[tuple[str, int]]) -> RecordTableModel[tuple[str, int]]:
    model: RecordTableModel[tuple[str, int]] = RecordTableModel(
        [Column("Nombre", lambda r: r[0]), Column("N", str, sort_key=lambda r: r[1])],
        lambda r: r[0],
    )
    model.set_rows(rows)
    return model


def _shown(model: RecordTableModel[tuple[str, int]]) -> list[tuple[str, int]]:
    return [model.row_at(i) for i in range(model.visible_count())]


def test_filtering_in_the_kept_order_is_filtering_then_sorting(qtbot: QtBot) -> None:
    names = ["Peña", "pena", "Núñez", "Ana", "ana", "Óscar", "oscar", "Zoé", "zoe", "Ñandú"]
    chance = random.Random(12)
    rows = [(f"{chance.choice(names)} {chance.randrange(5)}", n) for n in range(400)]
    model = _model(rows)
    for column, order in ((0, Qt.SortOrder.AscendingOrder), (0, Qt.SortOrder.DescendingOrder)):
        model.sort(column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        for typed in ("", "n", "pe", "pena 3", "o", "zo 1", "x"):
            model.set_filter(typed)
            words = fold(typed).split()
            expected = sorted(
                (r for r in rows if all(w in fold(r[0]) for w in words)),
                key=lambda r: fold(r[0]),
                reverse=descending,
            )
            assert _shown(model) == expected, (typed, order)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("ana")
    assert _shown(model) == sorted(
        (r for r in rows if "ana" in fold(r[0])), key=lambda r: r[1], reverse=True
    )
    model.set_rows(rows[:10])  # new rows: orders are computed again
    model.set_filter("")
    assert _shown(model) == sorted(rows[:10], key=lambda r: r[1], reverse=True)
