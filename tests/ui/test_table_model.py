"""The shared table model: filtering and sorting inside the model, checked by qtmodeltester."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester

from desktop.ui.table_model import ROW_ROLE, Column, RecordTableModel

ROWS = [
    {"name": "José Peña", "rfc": "PEJO800101AB1", "total": 30},
    {"name": "Ana López", "rfc": "LOAA900101AB2", "total": 120},
    {"name": "Abarrotes Güera", "rfc": "AGU010101AB3", "total": 5},
]


def make() -> RecordTableModel[dict[str, Any]]:
    model: RecordTableModel[dict[str, Any]] = RecordTableModel(
        [
            Column("Nombre", lambda r: r["name"]),
            Column(
                "Total", lambda r: str(r["total"]), sort_key=lambda r: r["total"], align_right=True
            ),
        ],
        lambda r: f"{r['name']} {r['rfc']}",
    )
    model.set_rows(ROWS)
    return model


def names(model: RecordTableModel[dict[str, Any]]) -> list[str]:
    return [model.row_at(i)["name"] for i in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = make()
    qtmodeltester.check(model)
    model.set_filter("pena")
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_filter_is_accent_and_case_insensitive_and_narrows() -> None:
    model = make()
    assert names(model) == ["José Peña", "Ana López", "Abarrotes Güera"]
    model.set_filter("JOSE")
    assert names(model) == ["José Peña"]
    model.set_filter("jose pe")  # narrowing keeps working
    assert names(model) == ["José Peña"]
    model.set_filter("guera")
    assert names(model) == ["Abarrotes Güera"]
    model.set_filter("LOAA")  # by RFC
    assert names(model) == ["Ana López"]
    model.set_filter("")
    assert model.visible_count() == 3
    model.set_filter("", extra=lambda r: r["total"] > 10)
    assert names(model) == ["José Peña", "Ana López"]


def test_sort_by_key_keeps_selection_on_its_row() -> None:
    model = make()
    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Abarrotes Güera", "José Peña", "Ana López"]
    assert model.data(selection.currentIndex(), ROW_ROLE)["name"] == "José Peña"
    model.set_filter("a")  # a filter keeps the sort
    assert names(model)[0] == "Abarrotes Güera"


def test_display_roles() -> None:
    model = make()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Total"
    right = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight.value
    assert model.data(model.index(0, 0), ROW_ROLE) is ROWS[0]


def test_typing_narrows_to_what_a_fresh_filter_shows() -> None:
    """Issue 12's fast path (only the changed words, within the shown rows, longest first)
    shows exactly what filtering from scratch shows, for every prefix typed and erased."""
    people = [
        {"name": f"{first} {last} {n}", "rfc": f"XEXX{n:09d}", "total": n}
        for n, (first, last) in enumerate(
            (f, lt)
            for f in ("José", "María", "Ana", "Juan Pablo")
            for lt in ("López", "Núñez", "Hernández", "Pérez López")
        )
    ]

    def fresh(text: str, extra: Any = None) -> list[str]:
        model = make()
        model.set_rows(people)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        model.set_filter(text, extra)
        return names(model)

    typing = make()
    typing.set_rows(people)
    typing.sort(1, Qt.SortOrder.DescendingOrder)
    even = lambda r: r["total"] % 2 == 0  # noqa: E731
    shown = []
    for extra in (None, even):  # the same `extra` throughout, so typing narrows
        for typed in ("lopez jose 1", "ana  nu 9", "perez lopez 1 1", "juan pablo xexx0000000"):
            steps = [typed[:n] for n in range(1, len(typed) + 1)]
            for text in steps + steps[::-1]:
                typing.set_filter(text, extra)
                assert names(typing) == fresh(text, extra), text
                shown.append(typing.visible_count())
    assert 0 in shown and max(shown) >= 8 and any(0 < n < 8 for n in shown)
