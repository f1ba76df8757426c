"""Dialogs of the shift page: open a shift, cash in / cash out, and the Z close (corte de caja).

Each is an `ActionDialog`: it checks what was typed (money through `desktop.money`, messages
next to the field) and emits `submitted(body)`; the page writes it and answers `finish()` or
`fail(message)`, so nothing typed is lost when a write fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.money import MAX_SALE_TOTAL, MoneyError, parse_amount
from desktop.store.shifts import MAX_TEXT, MoveKind
from desktop.till import CASH, COUNTED_FORMS, ShiftFigures, cents, form_name
from desktop.ui.action_dialog import ActionDialog, error_label, set_error
from desktop.ui.formatting import count_text, money


def _rules(message: str) -> str:
    # desktop.money's messages are Spanish source strings (see ARCHITECTURE.md).
    return QCoreApplication.translate("Rules", message)


def read_amount(
    edit: QLineEdit, error: QLabel, what: str, *, allow_zero: bool = True
) -> Decimal | None:
    """The amount typed in `edit`, or None after saying what is wrong in `error`."""
    try:
        value = parse_amount(edit.text(), what=what, allow_zero=allow_zero, maximum=MAX_SALE_TOTAL)
    except MoneyError as exc:
        set_error(error, _rules(exc.message))
        return None
    set_error(error, None)
    return value


def _polish(label: QLabel, level: str | None) -> None:
    label.setProperty("level", level or "")
    style = label.style()
    style.unpolish(label)
    style.polish(label)


class OpenShiftDialog(ActionDialog):
    """Who is at the till and the opening float (fondo de caja)."""

    def __init__(self, cashier: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Abrir turno"), self.tr("Abrir turno"), parent)
        self.setObjectName("openShiftDialog")
        self.cashier = QLineEdit(cashier)
        self.cashier.setObjectName("cashierEdit")
        self.cashier.setAccessibleName(self.tr("Cajero"))
        self.cashier.setMaxLength(60)
        self.cashier.setPlaceholderText(self.tr("Nombre de quien atiende la caja"))
        self.opening = QLineEdit()
        self.opening.setObjectName("openingFloatEdit")
        self.opening.setAccessibleName(self.tr("Fondo de caja"))
        self.opening.setPlaceholderText("0.00")
        self.opening_error = error_label("openingFloatError")
        self.opening.textEdited.connect(lambda _t: set_error(self.opening_error, None))
        hint = QLabel(
            self.tr("El fondo es el efectivo con el que empieza la caja (para dar cambio).")
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.form.addRow(self.tr("&Cajero"), self.cashier)
        self.form.addRow(self.tr("&Fondo de caja"), self.opening)
        self.form.addRow("", self.opening_error)
        self.form.addRow(hint)
        (self.opening if cashier else self.cashier).setFocus()

    def body(self) -> dict[str, Any] | None:
        text = self.opening.text().strip() or "0"
        self.opening.setText(text)
        amount = read_amount(self.opening, self.opening_error, "El fondo de caja")
        if amount is None:
            self.opening.setFocus()
            return None
        return {"cashier": self.cashier.text().strip(), "opening_float": amount}


class CashMoveDialog(ActionDialog):
    """Cash put into the drawer or taken out of it, always with a reason."""

    def __init__(
        self, kind: MoveKind, available: Decimal | None = None, parent: QWidget | None = None
    ) -> None:
        cash_in = kind is MoveKind.CASH_IN
        title = self.tr("Entrada de efectivo") if cash_in else self.tr("Salida de efectivo")
        super().__init__(title, self.tr("Registrar"), parent)
        self.setObjectName("cashMoveDialog")
        self.kind = kind
        self.available = available
        self.amount = QLineEdit()
        self.amount.setObjectName("amountEdit")
        self.amount.setAccessibleName(self.tr("Importe"))
        self.amount.setPlaceholderText("0.00")
        self.amount_error = error_label("amountError")
        self.amount.textEdited.connect(lambda _t: set_error(self.amount_error, None))
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setAccessibleName(self.tr("Motivo"))
        self.reason.setMaxLength(MAX_TEXT)
        self.reason.setPlaceholderText(
            self.tr("Ej. cambio del banco")
            if cash_in
            else self.tr("Ej. pago al proveedor, retiro a caja fuerte")
        )
        self.reason_error = error_label("reasonError")
        self.reason.textEdited.connect(lambda _t: set_error(self.reason_error, None))
        self.form.addRow(self.tr("&Importe"), self.amount)
        self.form.addRow("", self.amount_error)
        self.form.addRow(self.tr("&Motivo"), self.reason)
        self.form.addRow("", self.reason_error)
        if not cash_in and available is not None:
            hint = QLabel(
                self.tr("Efectivo esperado en caja: {cash}").format(cash=money(available))
            )
            hint.setObjectName("availableCash")
            hint.setProperty("role", "hint")
            self.form.addRow(hint)
        self.amount.setFocus()

    def body(self) -> dict[str, Any] | None:
        amount = read_amount(self.amount, self.amount_error, "El importe", allow_zero=False)
        reason = self.reason.text().strip()
        limit = self.available if self.kind is MoveKind.CASH_OUT else None
        if amount is not None and limit is not None and amount > limit:
            set_error(
                self.amount_error,
                self.tr("No puede salir más efectivo del que debe haber en caja ({cash}).").format(
                    cash=money(limit)
                ),
            )
            amount = None
        set_error(self.reason_error, None if reason else self.tr("Escribe el motivo."))
        if amount is None:
            self.amount.setFocus()
            return None
        if not reason:
            self.reason.setFocus()
            return None
        return {"kind": self.kind, "amount": amount, "reason": reason}


class CloseShiftDialog(ActionDialog):
    """The Z close: expected per payment form, what the cashier counted and the difference.

    Cash must be counted; card and transfer slips may be (left empty: not counted). The
    difference (counted − expected) shows as the cashier types: "falta" in red, "sobra" in
    amber.
    """

    def __init__(self, figures: ShiftFigures, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cerrar turno (corte Z)"), self.tr("Cerrar turno"), parent)
        self.setObjectName("closeShiftDialog")
        self.setMinimumWidth(620)
        self.figures = figures
        summary = QLabel(
            count_text(
                figures.sales_count,
                self.tr("Turno {shift} · 1 venta · vendido {gross} · neto {net}"),
                self.tr("Turno {shift} · {n} ventas · vendido {gross} · neto {net}"),
                shift=figures.shift.id,
                gross=money(figures.gross),
                net=money(figures.net),
            )
        )
        summary.setObjectName("closeSummary")
        summary.setWordWrap(True)
        self.form.addRow(summary)
        if figures.queued:
            queued = QLabel(
                count_text(
                    len(figures.queued),
                    self.tr(
                        "1 venta por {total} sigue en la cola: cuenta en el corte aunque aún "
                        "no llegue a gigstack."
                    ),
                    self.tr(
                        "{n} ventas por {total} siguen en la cola: cuentan en el corte aunque aún "
                        "no lleguen a gigstack."
                    ),
                    total=money(sum((s.total for s in figures.queued), Decimal(0))),
                )
            )
            queued.setObjectName("queuedNote")
            queued.setProperty("role", "hint")
            queued.setWordWrap(True)
            self.form.addRow(queued)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        headers = (
            self.tr("Forma de pago"),
            self.tr("Esperado"),
            self.tr("Contado"),
            self.tr("Diferencia"),
        )
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            if column:
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, 0, column)
        self.counted: dict[str, QLineEdit] = {}
        self.differences: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        codes = [f.payment_form for f in figures.forms]
        codes += [c for c in COUNTED_FORMS if c not in codes]
        row = 1
        for code in codes:
            expected = figures.form(code).expected
            name = QLabel(f"{code} · {form_name(code)}")
            expected_label = QLabel(money(expected))
            expected_label.setObjectName(f"expected_{code}")
            expected_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit = QLineEdit()
            edit.setObjectName(f"counted_{code}")
            edit.setAccessibleName(self.tr("Contado en {form}").format(form=form_name(code)))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(140)
            edit.setPlaceholderText(self.tr("obligatorio") if code == CASH else self.tr("opcional"))
            difference = QLabel("")
            difference.setObjectName(f"difference_{code}")
            difference.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            difference.setMinimumWidth(150)
            error = error_label(f"counted_{code}Error")
            edit.textEdited.connect(lambda _t, c=code: self._update(c))
            grid.addWidget(name, row, 0)
            grid.addWidget(expected_label, row, 1)
            grid.addWidget(edit, row, 2)
            grid.addWidget(difference, row, 3)
            grid.addWidget(error, row + 1, 0, 1, 4)
            self.counted[code], self.differences[code], self.errors[code] = edit, difference, error
            row += 2
        grid.setColumnStretch(0, 1)
        self.form.addRow(grid)

        self.closed_by = QLineEdit(figures.shift.cashier)
        self.closed_by.setObjectName("closedByEdit")
        self.closed_by.setAccessibleName(self.tr("Quién cierra"))
        self.closed_by.setMaxLength(60)
        self.note = QLineEdit()
        self.note.setObjectName("noteEdit")
        self.note.setAccessibleName(self.tr("Nota del cierre"))
        self.note.setMaxLength(MAX_TEXT)
        self.note.setPlaceholderText(self.tr("Opcional: por qué falta o sobra"))
        self.print_z = QCheckBox(self.tr("Imprimir el corte Z al cerrar"))
        self.print_z.setObjectName("printZCheck")
        self.print_z.setChecked(True)
        self.form.addRow(self.tr("Cierra"), self.closed_by)
        self.form.addRow(self.tr("&Nota"), self.note)
        self.form.addRow(self.print_z)
        self.ok_button.setProperty("primary", True)
        # "Cerrar" next to "Cerrar turno" would read as the same thing.
        self.cancel_button.setText(self.tr("Volver sin cerrar"))
        self.counted[CASH].setFocus()

    def _read(self, code: str) -> tuple[bool, Decimal | None]:
        """(typed and valid, amount); an empty optional field is (True, None)."""
        edit, error = self.counted[code], self.errors[code]
        if not edit.text().strip():
            set_error(error, None)
            return True, None
        what = f"Lo contado en {form_name(code).lower()}"
        amount = read_amount(edit, error, what)
        return amount is not None, amount

    def _update(self, code: str) -> None:
        set_error(self.errors[code], None)
        label = self.differences[code]
        ok, amount = self._read(code)
        if not ok or amount is None:
            label.setText("")
            _polish(label, None)
            return
        set_error(self.errors[code], None)
        difference = cents(amount - self.figures.form(code).expected)
        if difference == 0:
            label.setText(self.tr("{d} (cuadra)").format(d=money(difference)))
            _polish(label, "good")
        elif difference < 0:
            label.setText(self.tr("{d} (falta)").format(d=money(difference)))
            _polish(label, "bad")
        else:
            label.setText(self.tr("+{d} (sobra)").format(d=money(difference)))
            _polish(label, "warn")

    def counted_amounts(self) -> dict[str, Decimal | None] | None:
        result: dict[str, Decimal | None] = {}
        first_bad: QLineEdit | None = None
        for code in self.counted:
            ok, amount = self._read(code)
            if not ok:
                first_bad = first_bad or self.counted[code]
            result[code] = amount
        if result.get(CASH) is None and first_bad is None:
            set_error(self.errors[CASH], self.tr("Cuenta el efectivo de la caja y escríbelo."))
            first_bad = self.counted[CASH]
        if first_bad is not None:
            first_bad.setFocus()
            return None
        return result

    def body(self) -> dict[str, Any] | None:
        counted = self.counted_amounts()
        if counted is None:
            return None
        return {
            "counted": counted,
            "closed_by": self.closed_by.text().strip(),
            "note": self.note.text().strip(),
            "print": self.print_z.isChecked(),
        }

    def fill(self, counted: Mapping[str, str]) -> None:
        """Type amounts into the counted fields (screenshots, tests)."""
        for code, text in counted.items():
            self.counted[code].setText(text)
            self._update(code)
