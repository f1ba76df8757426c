"""The always-visible status pill: online or not, what is waiting, and "Sincronizar ahora"."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.store.outbox import Outbox
from desktop.ui.formatting import age, count_text
from desktop.ui.worker import SyncState

# A CFDI should be stamped within 24 h of the sale; warn well before that.
WARN_AFTER_SECONDS = 12 * 3600
LATE_AFTER_SECONDS = 24 * 3600


class StatusPill(QWidget):
    """Connection and queue summary for the status bar.

    Signals:
        sync_requested(): the person pressed "Sincronizar ahora".
        open_queue(): the person clicked the pending count.
    """

    sync_requested = Signal()
    open_queue = Signal()

    def __init__(self, outbox: Outbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPill")
        self._outbox = outbox
        self._state = SyncState(online=None)
        self.connection = QLabel()
        self.connection.setObjectName("connectionLabel")
        self.pending = QPushButton()
        self.pending.setObjectName("pendingButton")
        self.pending.setFlat(True)
        self.pending.setToolTip(self.tr("Ver la cola de envíos"))
        self.pending.clicked.connect(self.open_queue)
        self.sync_now = QPushButton(self.tr("Sincronizar ahora"))
        self.sync_now.setObjectName("syncNowButton")
        self.sync_now.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(12)
        layout.addWidget(self.connection)
        layout.addWidget(self.pending)
        layout.addWidget(self.sync_now)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(30_000)  # ages move even when nothing happens
        self.refresh()

    def stop(self) -> None:
        """Stop refreshing (the window is closing; the database will close next)."""
        self._timer.stop()

    def set_state(self, state: SyncState) -> None:
        self._state = state
        self.refresh()

    def refresh(self) -> None:
        state = self._state
        if state.key_problem:
            text, level = self.tr("Clave de API rechazada"), "bad"
            self.connection.setToolTip(
                self.tr("{problem} Revisa la clave en Ajustes.").format(problem=state.key_problem)
            )
        elif state.paused_reason:
            text, level = self.tr("Envíos en pausa"), "bad"
            self.connection.setToolTip(state.paused_reason)
        elif state.online is None:
            text, level = self.tr("Conectando…"), "unknown"
            self.connection.setToolTip("")
        elif state.online:
            text, level = self.tr("En línea"), "good"
            self.connection.setToolTip("")
        else:
            text, level = self.tr("Sin conexión"), "bad"
            self.connection.setToolTip(
                self.tr("Las ventas se guardan y se enviarán al volver la conexión.")
            )
        self.connection.setText(f"● {text}")
        self.connection.setProperty("level", level)

        stats = self._outbox.stats()
        waiting = stats.pending + stats.sending
        parts = []
        if waiting:
            parts.append(self.tr("{n} por enviar").format(n=waiting))
        if stats.parked:
            parts.append(count_text(stats.parked, self.tr("1 detenido"), self.tr("{n} detenidos")))
        oldest = stats.oldest_pending_at
        queue_level = "good"
        if oldest is not None and waiting:
            parts.append(self.tr("el más antiguo {age}").format(age=age(oldest)))
            elapsed = time.time() - oldest
            if elapsed >= LATE_AFTER_SECONDS:
                queue_level = "bad"
            elif elapsed >= WARN_AFTER_SECONDS:
                queue_level = "warn"
        if stats.parked:
            queue_level = "bad"  # parked rows wait for a person, whatever their age
        self.pending.setText(" · ".join(parts) if parts else self.tr("Todo enviado"))
        self.pending.setProperty("level", queue_level)
        for widget in (self.connection, self.pending):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
