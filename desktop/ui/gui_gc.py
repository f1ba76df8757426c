"""Python's cycle collector runs on the GUI thread only, while lane threads exist.

CPython collects cycles on whichever thread allocates past the threshold. When that is a
lane thread (pydantic parsing an answer), the collection can free a dead Python slot whose
weakref callback makes PySide call ``QObject::disconnect``. That call holds one of Qt's
signal-slot mutexes while it waits for the GIL (to look for a Python ``disconnectNotify``),
and the GUI thread, holding the GIL, can be waiting for that same mutex in
``QObject::connect``: the app froze for good. Measured here: a full test run hung in a table
view's constructor (GUI thread in ``QObject::connect``, a lane thread in ``gc`` ->
``QObject::disconnect`` -> ``PyGILState_Ensure``).

So while any lane runs, automatic collection is off and a GUI-thread timer collects instead,
following CPython's own thresholds. Qt objects are then only ever released by the collector on
the thread that owns them. Reference counting is untouched: only cycles wait up to one tick.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

__all__ = ["hold", "release"]

#: How often the GUI thread looks at the collector's counts (ms).
TICK_MS = 200


class _Collector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.holders = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.collect)

    def collect(self) -> None:
        """Collect the oldest generation whose threshold is passed, as CPython would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        gc.collect(generation)


_collectors: list[_Collector] = []  # the one collector, made on first use


def hold() -> bool:
    """A lane is starting (call on the GUI thread): collect on this thread from now on.

    Returns:
        Whether it holds (call `release` once for each True); False off the GUI thread or
        without a QApplication, where CPython's own collector is left alone.
    """
    if QCoreApplication.instance() is None or threading.current_thread() is not (
        threading.main_thread()
    ):
        return False
    if not _collectors:
        _collectors.append(_Collector())
    collector = _collectors[0]
    collector.holders += 1
    if collector.holders == 1:
        gc.disable()
        collector.timer.start()
    return True


def release() -> None:
    """A lane has stopped: with none left, CPython collects on its own again."""
    if not _collectors or _collectors[0].holders == 0:
        return
    collector = _collectors[0]
    collector.holders -= 1
    if collector.holders == 0:
        collector.timer.stop()
        gc.enable()
