"""Guards against known-broken Qt bindings (a crash at the counter after hours of use).

PySide6 6.12.0 returns None from void methods without taking a reference: every `setText()`
or `clear()` lowers None's reference count by one until CPython aborts ("none_dealloc"). A
desktop app that updates labels all day would die mid-shift, so the supported versions exclude
it and this test fails loudly on any binding that brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

CALLS = 200


def test_void_calls_do_not_consume_references_to_none(qtbot: QtBot) -> None:
    label, edit = QLabel(), QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("hola")
        edit.setText("hola")
        label.clear()
    lost = before - sys.getrefcount(None)
    # A few references may come and go with unrelated objects; the bug loses one per call.
    assert lost < CALLS // 2, f"None lost {lost} references over {3 * CALLS} void calls"
