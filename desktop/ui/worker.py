"""Transition module: the worker became two lanes (`desktop.ui.lanes`) and one op API
(`desktop.ui.ops`). Old imports keep working; new code imports from those modules."""

from __future__ import annotations

from desktop.ui.lanes import OTHER_SENDER, QUEUE_REPORT_INTERVAL_MS, Lanes, SyncState
from desktop.ui.ops import error_message

#: The GUI's handle on the lanes; server calls go through `ctx.run_op` (desktop.ui.ops).
WorkerBridge = Lanes

__all__ = [
    "OTHER_SENDER",
    "QUEUE_REPORT_INTERVAL_MS",
    "SyncState",
    "WorkerBridge",
    "error_message",
]
