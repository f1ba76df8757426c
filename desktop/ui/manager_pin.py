"""Confirmation and the optional manager PIN in front of sensitive actions.

Any page can guard an action that moves money or changes who can act::

    from desktop.ui.manager_pin import require_manager
    if not require_manager(self, self.tr("reembolsar el pago")):
        return

`require_manager(parent)` returns True at once when no PIN is set for the data folder;
otherwise it asks for it (modal) and returns True only for the right PIN. The data folder is
found through the nearest parent with a `ctx` (every page has one); `install_pin_store()` sets
it for code without one. `confirm_and_authorize()` asks the yes/no question first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.pin import ManagerPin, PinLockedError, pin_problem
from desktop.ui.field_errors import error_label, show_error
from desktop.ui.formatting import count_text

__all__ = [
    "PinDialog",
    "SetPinDialog",
    "confirm_and_authorize",
    "install_pin_store",
    "pin_store_for",
    "require_manager",
]

_installed: list[ManagerPin] = []  # at most one; a list so no `global` is needed
_stores: dict[Path, ManagerPin] = {}  # one per folder, so the lockout counter is shared


def install_pin_store(store: ManagerPin | None) -> None:
    """The PIN used when a widget has no `ctx` among its parents (None to forget it)."""
    _installed.clear()
    if store is not None:
        _installed.append(store)


def _store_for_dir(data_dir: Path) -> ManagerPin:
    key = Path(data_dir).resolve()
    store = _stores.get(key)
    if store is None:
        store = _stores[key] = ManagerPin(key)
    return store


def pin_store_for(widget: QWidget | None) -> ManagerPin | None:
    """The manager PIN of the data folder `widget` works on (None when it cannot be told)."""
    current = widget
    while current is not None:
        ctx = getattr(current, "ctx", None)
        config = getattr(ctx, "config", None)
        data_dir = getattr(config, "data_dir", None)
        if isinstance(data_dir, Path):
            return _store_for_dir(data_dir)
        current = current.parentWidget()
    return _installed[0] if _installed else None


def _message_room(label: QLabel, lines: int = 2) -> QLabel:
    """Keep room for a field message while it is hidden: "PIN incorrecto" appearing must not
    push the dialog's buttons out of its window (a word-wrapped label's height is not counted
    in a window's minimum size, so the dialog would not grow for it)."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.ensurePolished()
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing())
    return label


def _pin_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(8)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return edit


class PinDialog(QDialog):
    """Asks for the manager PIN before `action`; accepted only with the right PIN."""

    def __init__(self, store: ManagerPin, action: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("managerPinDialog")
        self.setWindowTitle(self.tr("Autorización del encargado"))
        self.setModal(True)
        self.setMinimumWidth(380)
        self.store = store
        if action:
            text = self.tr("Para {0} se necesita el PIN del encargado.").format(action)
        else:
            text = self.tr("Esta acción necesita el PIN del encargado.")
        self.question = QLabel(text)
        self.question.setObjectName("pinQuestion")
        self.question.setWordWrap(True)
        self.pin = _pin_edit("pinEdit", self.tr("PIN del encargado"))
        self.error = _message_room(error_label("pinError"))
        self.pin.textEdited.connect(lambda _t: show_error(self.error, None))
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Autorizar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        close = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.pin.setFocus()

    def check(self) -> None:
        try:
            ok = self.store.verify(self.pin.text())
        except PinLockedError as locked:
            show_error(
                self.error,
                count_text(
                    int(locked.seconds_left) + 1,
                    self.tr("Demasiados intentos. Espera 1 segundo e intenta de nuevo."),
                    self.tr("Demasiados intentos. Espera {n} segundos e intenta de nuevo."),
                ),
            )
            return
        if ok:
            self.accept()
            return
        self.pin.clear()
        show_error(self.error, self.tr("PIN incorrecto."))
        self.pin.setFocus()


class SetPinDialog(QDialog):
    """Sets, changes or removes the manager PIN (changing or removing asks for the current one).

    Args:
        remove: True to remove the PIN (only the current PIN is asked for).
    """

    def __init__(self, store: ManagerPin, parent: QWidget | None = None, *, remove: bool = False):
        super().__init__(parent)
        self.setObjectName("setPinDialog")
        self.store = store
        self.remove = remove
        had_pin = store.is_set()
        if remove:
            title = self.tr("Quitar el PIN del encargado")
        elif had_pin:
            title = self.tr("Cambiar el PIN del encargado")
        else:
            title = self.tr("Establecer el PIN del encargado")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        hint = QLabel(
            self.tr(
                "El PIN protege cancelar facturas y recibos, reembolsar, descartar ventas de la "
                "cola, quitar miembros del equipo y cambiar precios en el mostrador. Se guarda "
                "cifrado solo en esta computadora."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form = QFormLayout()
        self.current = _pin_edit("currentPinEdit", self.tr("PIN actual"))
        self.new = _pin_edit("newPinEdit", self.tr("PIN nuevo"))
        self.repeat = _pin_edit("repeatPinEdit", self.tr("Repite el PIN nuevo"))
        if had_pin:
            form.addRow(self.tr("PIN &actual"), self.current)
        if not remove:
            form.addRow(self.tr("PIN &nuevo (4 a 8 números)"), self.new)
            form.addRow(self.tr("&Repite el PIN"), self.repeat)
        self.error = _message_room(error_label("setPinError"))
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Quitar PIN") if remove else self.tr("Guardar PIN"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        close = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeButton")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self.store.is_set():
            try:
                ok = self.store.verify(self.current.text())
            except PinLockedError as locked:
                show_error(
                    self.error,
                    count_text(
                        int(locked.seconds_left) + 1,
                        self.tr("Demasiados intentos. Espera 1 segundo."),
                        self.tr("Demasiados intentos. Espera {n} segundos."),
                    ),
                )
                return
            if not ok:
                self.current.clear()
                show_error(self.error, self.tr("El PIN actual no es correcto."))
                self.current.setFocus()
                return
        if self.remove:
            self.store.clear()
            self.accept()
            return
        new = self.new.text()
        problem = pin_problem(new)
        if problem:
            show_error(self.error, self.tr(problem))
            self.new.setFocus()
            return
        if new != self.repeat.text():
            show_error(self.error, self.tr("Los dos PIN nuevos no coinciden."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            self.store.set(new)
        except OSError as exc:
            show_error(
                self.error, self.tr("No se pudo guardar el PIN: {0}").format(exc.strerror or exc)
            )
            return
        self.accept()


def require_manager(parent: QWidget | None, action: str = "") -> bool:
    """True when the action may go ahead: no PIN is set, or the person typed the right one.

    Args:
        parent: The widget asking (its page's data folder holds the PIN).
        action: What is about to happen, as a Spanish verb phrase ("cancelar la factura").
    """
    store = pin_store_for(parent)
    if store is None or not store.is_set():
        return True
    dialog = PinDialog(store, action, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm_and_authorize(
    parent: QWidget | None, title: str, text: str, ok_text: str, action: str = ""
) -> bool:
    """Ask "are you sure?" (the safe answer is the default), then the manager PIN if set."""
    box = QMessageBox(parent)
    box.setObjectName("confirmDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(ok_text, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(
        QCoreApplication.translate("ManagerPin", "No, volver"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    if box.clickedButton() is not yes:
        return False
    return require_manager(parent, action)
