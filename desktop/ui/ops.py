"""One way for a page to ask gigstack anything: `ctx.run_op(...)` (after Anki's `QueryOp`).

Every server action from a page goes through `run_op`. It gives, in one place:

- **the page lane**: `fn(client)` runs on a pool thread with its own client, never on the GUI
  thread and never behind a stuck send (`desktop.ui.lanes`);
- **offline gating**: with `needs_online=True` (the default) and the connection known to be
  down, `fn` does not run; `on_error` gets `OFFLINE_MESSAGE` and a probe is started, so the
  next try works as soon as the connection is back;
- **busy state**: the `busy` widgets are disabled while the op runs and re-enabled after
  (only those it disabled);
- **one error → Spanish message map**: `error_message(exc)`; `on_error(message, exc)` gets
  both. Without `on_error`, the message goes to the window's notice area
  (`ctx.notify(..., "error")`), so no failure is silent;
- **the parent's lifetime**: callbacks are dropped once `parent` is destroyed (a dialog closed
  while its call ran), when `op.cancel()` is called, and after the app shuts down;
- **cache write-through**: `write_through(result)` runs on the lane thread right after `fn`
  succeeds (use the `desktop.sync` functions that write answers into the cache), then
  `touches` resources are announced through `cache_updated` so every page re-reads them.
  If the write fails, `on_done` still runs (gigstack did it) and a warning notice says the
  local copy is behind.

Callbacks always run later, on the GUI thread, never inside `run_op` itself.

Example (in a page, `self.ctx` is its `UiContext`)::

    from desktop.store.cache import Resource
from desktop.store.errors import StorageError, storage_error

    def save(self) -> None:
        body = self._collect()  # validated input; bad input never reaches here

        def call(client: GigstackClient) -> Client:
            return client.clients.create(body)

        self.ctx.run_op(
            self,                                   # dropped if this widget is destroyed
            call,
            on_done=lambda created: self._show(created),
            on_error=lambda message, _exc: self.error_label.setText(message),
            busy=[self.save_button, self.form],    # disabled while it runs
            write_through=lambda created: store_client(self.ctx.core.cache, created),
            touches=[Resource.CLIENTS],
        )

`needs_online=False` is for reads that should try anyway (a look-up a person asked for).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

from desktop.gigstack import GigstackClient, GigstackError
from desktop.store.cache import Resource
from desktop.store.errors import StorageError, storage_error
from desktop.ui.lanes import Lanes, WriteThroughError, reached_server

log = logging.getLogger(__name__)

T = TypeVar("T")

OnError = Callable[[str, BaseException | None], None]
Notify = Callable[[str, str], None]


def _tr(text: str) -> str:
    """Translate a source string marked with QT_TRANSLATE_NOOP("ops", ...)."""
    return QCoreApplication.translate("ops", text)


# Spanish sources, marked for lupdate; translated where used (`_tr`).
OFFLINE_MESSAGE = str(
    QT_TRANSLATE_NOOP(
        "ops", "Sin conexión con gigstack. Intenta de nuevo cuando vuelva la conexión."
    )
)
CLOSING_MESSAGE = str(
    QT_TRANSLATE_NOOP("ops", "Mostrador se está cerrando; la operación no se hizo.")
)
CACHE_BEHIND_MESSAGE = str(
    QT_TRANSLATE_NOOP(
        "ops",
        "gigstack hizo la operación, pero no se pudo guardar en este equipo: {reason}. "
        "Se verá al actualizar.",
    )
)


def storage_message(exc: BaseException) -> str:
    """A database failure in a few words (for inside a sentence): what happened."""
    if isinstance(exc, StorageError):
        exc = exc.__cause__ or exc
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return QCoreApplication.translate(
            "ops", "la base de datos es de solo lectura (revisa los permisos de la carpeta)"
        )
    if "full" in text or "no space" in text:
        return QCoreApplication.translate("ops", "el disco está lleno")
    if "locked" in text or "busy" in text:
        return QCoreApplication.translate("ops", "la base de datos está ocupada por otro programa")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return QCoreApplication.translate("ops", "la base de datos está dañada")
    return QCoreApplication.translate("ops", "error de la base de datos ({kind})").format(
        kind=type(exc).__name__
    )


def error_message(exc: BaseException | None) -> str:
    """The one map from a failure to what the cashier reads (Spanish)."""
    if exc is None:
        return _tr(OFFLINE_MESSAGE)
    if isinstance(exc, WriteThroughError):
        return _tr(CACHE_BEHIND_MESSAGE).format(reason=storage_message(exc.cause))
    if isinstance(exc, GigstackError):
        if not reached_server(exc):
            return _tr(OFFLINE_MESSAGE)
        if exc.status in (401, 403):
            return QCoreApplication.translate(
                "ops", "gigstack rechazó la clave de API ({status})."
            ).format(status=exc.status)
        if exc.retryable:
            return QCoreApplication.translate(
                "ops", "gigstack no pudo responder ({status}). Intenta de nuevo en un momento."
            ).format(status=exc.status if exc.status is not None else "sin respuesta")
        if exc.status is None:  # refused by our own checks before sending
            return QCoreApplication.translate("ops", "Datos inválidos: {reason}").format(
                reason=exc.message
            )
        # gigstack answers in English; say in Spanish what happened and quote its reason.
        return QCoreApplication.translate(
            "ops", "gigstack no aceptó la operación: {reason}"
        ).format(reason=exc.message)
    if isinstance(exc, StorageError):
        return exc.message  # already a full Spanish sentence, with what to do
    if isinstance(exc, sqlite3.Error):
        typed = storage_error(exc, None)
        if typed is not None:
            return typed.message
        return QCoreApplication.translate(
            "ops", "No se pudo usar la base de datos: {reason}."
        ).format(reason=storage_message(exc))
    if isinstance(exc, RuntimeError) and "closed" in str(exc):
        return _tr(CLOSING_MESSAGE)
    return QCoreApplication.translate("ops", "Error inesperado: {kind}").format(
        kind=type(exc).__name__
    )


class Op(Generic[T]):
    """A running (or finished) operation. `cancel()` drops its callbacks; idempotent."""

    def __init__(self, busy: Sequence[QWidget]) -> None:
        self._cancelled = False
        self._finished = False
        self._disabled: list[QWidget] = []
        for widget in busy:
            if shiboken6.isValid(widget) and widget.isEnabled():
                widget.setEnabled(False)
                self._disabled.append(widget)

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True
        self._release()

    def _release(self) -> None:
        for widget in self._disabled:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)
        self._disabled = []


class OpLane(Protocol):
    """What `run_op` needs from a lane: `Lanes` (the app) or `StandaloneLane` (first run)."""

    @property
    def online(self) -> bool | None: ...

    @property
    def cache_updated(self) -> SignalInstance: ...

    def kick(self) -> None: ...

    def submit(
        self,
        fn: Callable[[GigstackClient], Any],
        on_finished: Callable[[Any, BaseException | None], None],
        *,
        after: Callable[[Any], None] | None = None,
    ) -> bool: ...


def run_op(
    lanes: OpLane | Lanes,
    parent: QObject | None,
    fn: Callable[[GigstackClient], T],
    on_done: Callable[[T], None],
    *,
    on_error: OnError | None = None,
    notify: Notify | None = None,
    needs_online: bool = True,
    busy: QWidget | Iterable[QWidget] | None = None,
    write_through: Callable[[T], Any] | None = None,
    touches: Iterable[Resource] = (),
) -> Op[T]:
    """Run `fn(client)` on the page lane; see the module docstring. Pages call `ctx.run_op`.

    Args:
        lanes: The app's lanes (`ctx.bridge`).
        parent: The widget the answer is for; None only for app-wide calls.
        fn: Runs on a lane thread with the page lane's client. No widget access in it.
        on_done: Gets `fn`'s result on the GUI thread.
        on_error: Gets (Spanish message, exception or None when refused offline).
        notify: Where messages go without `on_error` (the window's notice area).
        needs_online: Refuse at once while the connection is known to be down.
        busy: Widgets to disable while the op runs.
        write_through: Runs on the lane thread with the result, before `on_done`.
        touches: Cached resources `write_through` changed; announced via `cache_updated`.
    """
    widgets: list[QWidget] = (
        [] if busy is None else [busy] if isinstance(busy, QWidget) else list(busy)
    )
    touched = [Resource(r) for r in touches]
    op: Op[T] = Op(widgets)

    def alive() -> bool:
        return not op.cancelled and (parent is None or shiboken6.isValid(parent))

    def fail(message: str, exc: BaseException | None) -> None:
        if not alive():
            return
        if on_error is not None:
            on_error(message, exc)
        elif notify is not None:
            notify(message, "error")
        else:
            log.warning("operation failed with nobody to tell: %s", message)

    def finished(result: Any, error: BaseException | None) -> None:
        op._finished = True
        op._release()
        if isinstance(error, WriteThroughError):
            for resource in touched:
                lanes.cache_updated.emit(resource.value)
            if alive():
                if notify is not None:
                    notify(error_message(error), "warning")
                on_done(result)
            return
        if error is not None:
            fail(error_message(error), error)
            return
        for resource in touched:
            lanes.cache_updated.emit(resource.value)
        if alive():
            on_done(result)

    if needs_online and lanes.online is False:
        lanes.kick()  # probes: if the connection is back, the next try goes through

        def refuse() -> None:
            op._finished = True
            op._release()
            fail(_tr(OFFLINE_MESSAGE), None)

        QTimer.singleShot(0, refuse)
        return op

    if not lanes.submit(fn, finished, after=write_through):
        # The app is shutting down: nothing may reach the pages any more (their database is
        # about to close); just give the widgets back.
        op._finished = True
        op._release()
    return op
