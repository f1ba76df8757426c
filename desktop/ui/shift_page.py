"""Turno: open the shift with its float, cash in / cash out, the X report at any moment, the Z
close (corte de caja) with expected vs counted per payment form, and past closes to reprint.

Figures come from `desktop.till` (the same code as ``python -m desktop shift``); storage is
`desktop.store.shifts` through ``ctx.core.shifts``. Everything here is local: it works with
the internet down, and queued sales count from the moment they are rung up.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.store.errors import StorageError
from desktop.store.shifts import CountedForm, MoveKind, Shift, ShiftError
from desktop.till import CASH, ShiftFigures, close_shift, form_name, open_shift_figures
from desktop.ui import ticket, till_print
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.context import UiContext
from desktop.ui.formatting import count_text, money, short_form_name, when
from desktop.ui.page import Page
from desktop.ui.paper_business import paper_business
from desktop.ui.payments_model import short_when
from desktop.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog


def form_cell(code: str) -> str:
    """ "04 · Tarjeta de crédito", "03 · Transferencia": a payment form in a table's first
    column, short enough to be read whole next to the amounts at 1366x768."""
    return f"{code} · {short_form_name(code, form_name(code))}"


def simple_table(
    name: str, headers: list[str], money_columns: set[int], *, stretch: int = 0
) -> QTableWidget:
    """A small read-only table: column `stretch` takes the room left (its text elides), the
    others fit their contents, so amounts are never cut at 1366x768."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.ResizeToContents
        if column == stretch:
            mode = QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(column, mode)
    header.setStretchLastSection(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setProperty("money_columns", sorted(money_columns))
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], money_columns: set[int]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c in money_columns:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def cash_count(counts: Sequence[CountedForm]) -> CountedForm | None:
    """The cash line (form 01) of a close's counts; None when the close has none."""
    return next((c for c in counts if c.payment_form == CASH), None)


def _minus(amount: Decimal) -> str:
    """ "-$250.00" for money that left; "$0.00" when none did (never "-$0.00")."""
    return "-" + money(amount) if amount else money(amount)


class ShiftPage(Page):
    """The shift of this terminal and its corte de caja."""

    title = str(QT_TRANSLATE_NOOP("Page", "Turno"))
    icon_name = "shift"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.setObjectName("shift")
        self.dialog: ActionDialog | None = None
        self.figures: ShiftFigures | None = None
        self._history: list[Shift] = []
        self._history_cash: dict[int, CountedForm | None] = {}

        heading = QLabel(self.tr("Turno y corte de caja"))
        heading.setObjectName("pageHeading")
        self.status = QLabel()
        self.status.setObjectName("shiftStatus")
        self.status.setWordWrap(True)

        self.open_button = QPushButton(self.tr("&Abrir turno"))
        self.open_button.setObjectName("openShiftButton")
        self.cash_in_button = QPushButton(self.tr("&Entrada de efectivo"))
        self.cash_in_button.setObjectName("cashInButton")
        self.cash_out_button = QPushButton(self.tr("&Salida de efectivo"))
        self.cash_out_button.setObjectName("cashOutButton")
        self.x_button = QPushButton(self.tr("Imprimir corte &X"))
        self.x_button.setObjectName("printXButton")
        self.x_button.setToolTip(self.tr("Lectura parcial: no cierra el turno"))
        self.pdf_button = QPushButton(self.tr("Corte X en &PDF"))
        self.pdf_button.setObjectName("xPdfButton")
        self.close_button = QPushButton(self.tr("&Cerrar turno (corte Z)"))
        self.close_button.setObjectName("closeShiftButton")
        self.close_button.setProperty("primary", True)
        actions = QHBoxLayout()
        for button in (
            self.open_button,
            self.cash_in_button,
            self.cash_out_button,
            self.x_button,
            self.pdf_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        money_cols = {1, 2, 3, 4, 5}
        self.forms_table = simple_table(
            "formsTable",
            [
                self.tr("Forma de pago"),
                self.tr("Ventas"),
                self.tr("Vendido"),
                self.tr("Reembolsos"),
                self.tr("Cancelaciones"),
                self.tr("Esperado"),
            ],
            money_cols,
        )
        forms_box = QGroupBox(self.tr("Por forma de pago"))
        forms_layout = QVBoxLayout(forms_box)
        forms_layout.addWidget(self.forms_table)

        cash_box = QGroupBox(self.tr("Efectivo en caja"))
        cash_box.setMinimumWidth(300)
        cash_layout = QGridLayout(cash_box)
        self.expected_cash = QLabel()
        self.expected_cash.setObjectName("expectedCash")
        self.expected_cash.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.expected_cash.setAlignment(Qt.AlignmentFlag.AlignRight)
        cash_layout.addWidget(QLabel(self.tr("Debe haber")), 0, 0)
        cash_layout.addWidget(self.expected_cash, 0, 1)
        self.cash_rows: dict[str, QLabel] = {}
        labels = (
            ("opening", self.tr("Fondo inicial")),
            ("sales", self.tr("Ventas en efectivo")),
            ("back", self.tr("Reembolsos y cancelaciones")),
            ("in", self.tr("Entradas")),
            ("out", self.tr("Salidas")),
        )
        for row, (key, text) in enumerate(labels, start=1):
            value = QLabel()
            value.setObjectName(f"cash_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            cash_layout.addWidget(QLabel(text), row, 0)
            cash_layout.addWidget(value, row, 1)
            self.cash_rows[key] = value
        self.queued_label = QLabel()
        self.queued_label.setObjectName("queuedLabel")
        self.queued_label.setProperty("role", "hint")
        self.queued_label.setWordWrap(True)
        cash_layout.addWidget(self.queued_label, len(labels) + 1, 0, 1, 2)
        cash_layout.setRowStretch(len(labels) + 2, 1)

        top = QHBoxLayout()
        top.addWidget(forms_box, 1)
        top.addWidget(cash_box)

        self.moves_table = simple_table(
            "movesTable",
            [self.tr("Hora"), self.tr("Movimiento"), self.tr("Importe"), self.tr("Motivo")],
            {2},
            stretch=3,
        )
        moves_box = QGroupBox(self.tr("Entradas y salidas de efectivo"))
        QVBoxLayout(moves_box).addWidget(self.moves_table)

        self.history_table = simple_table(
            "historyTable",
            [
                self.tr("Cerrado"),
                self.tr("Cajero"),
                self.tr("Esperado"),
                self.tr("Contado"),
                self.tr("Diferencia"),
            ],
            {2, 3, 4},
            stretch=1,
        )
        self.reprint_button = QPushButton(self.tr("&Reimprimir corte Z"))
        self.reprint_button.setObjectName("reprintZButton")
        self.z_pdf_button = QPushButton(self.tr("Corte Z en PDF"))
        self.z_pdf_button.setObjectName("zPdfButton")
        history_box = QGroupBox(self.tr("Cortes anteriores (efectivo)"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_table)
        history_buttons = QHBoxLayout()
        history_buttons.addStretch(1)
        history_buttons.addWidget(self.reprint_button)
        history_buttons.addWidget(self.z_pdf_button)
        history_layout.addLayout(history_buttons)

        bottom = QHBoxLayout()
        bottom.addWidget(moves_box, 1)
        bottom.addWidget(history_box, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addLayout(top, 3)
        layout.addLayout(bottom, 2)

        self.open_button.clicked.connect(self.open_shift)
        self.cash_in_button.clicked.connect(lambda: self.cash_move(MoveKind.CASH_IN))
        self.cash_out_button.clicked.connect(lambda: self.cash_move(MoveKind.CASH_OUT))
        # Lambdas on purpose: clicked(bool) would land in `ask` / `path`.
        self.x_button.clicked.connect(lambda: self.print_x())  # noqa: PLW0108
        self.pdf_button.clicked.connect(lambda: self.save_x_pdf())  # noqa: PLW0108
        self.close_button.clicked.connect(self.close_shift)
        self.reprint_button.clicked.connect(lambda: self.reprint_selected())  # noqa: PLW0108
        self.z_pdf_button.clicked.connect(lambda: self.save_selected_pdf())  # noqa: PLW0108
        self.history_table.itemSelectionChanged.connect(self._update_buttons)
        close_key = QShortcut(QKeySequence("Ctrl+Shift+Z"), self)
        close_key.activated.connect(self.close_shift)
        ctx.bridge.queue_changed.connect(self._reload_if_visible)
        self.reload()

    # -- reading -----------------------------------------------------------------------------

    def activated(self) -> None:
        self.reload()
        (self.close_button if self.current() else self.open_button).setFocus()

    def _reload_if_visible(self) -> None:
        if self.isVisible() and self.dialog is None:
            self.reload()

    def current(self) -> Shift | None:
        try:
            return self.ctx.core.shifts.current()
        except StorageError as exc:
            self.ctx.notify(exc.message, "error")
            return None

    def reload(self) -> None:
        """Read the open shift's figures and the past closes again."""
        core = self.ctx.core
        try:
            shift = core.shifts.current()
            self.figures = (
                open_shift_figures(core.outbox, core.cache, self.ctx.team, core.shifts, shift)
                if shift is not None
                else None
            )
            self._history = [s for s in core.shifts.recent(30) if not s.is_open]
            # Each close's cash line, typed, as recorded at the close (shift_count).
            self._history_cash = {s.id: cash_count(core.shifts.counts(s.id)) for s in self._history}
        except StorageError as exc:
            self.figures = None
            self.status.setText(exc.message)
            self.ctx.notify(exc.message, "error")
            return
        self._show()

    def _show(self) -> None:
        figures = self.figures
        if figures is None:
            self.status.setText(
                self.tr(
                    "No hay un turno abierto. Ábrelo con el fondo de caja antes de vender; si "
                    "se vende sin abrirlo, se abre solo con fondo de $0.00."
                )
            )
            fill_table(self.forms_table, [], set())
            fill_table(self.moves_table, [], set())
            self.expected_cash.setText("—")
            for label in self.cash_rows.values():
                label.setText("")
            self.queued_label.setText("")
        else:
            shift = figures.shift
            who = f" · {shift.cashier}" if shift.cashier else ""
            text = self.tr("Turno {n} abierto desde {when} · caja {terminal}{who}").format(
                n=shift.id, when=when(shift.opened_at), terminal=shift.terminal, who=who
            )
            if shift.auto_opened:
                text += self.tr(
                    " · se abrió solo con la primera venta (fondo $0.00): registra el fondo "
                    "real como entrada de efectivo."
                )
            self.status.setText(text)
            rows = [
                [
                    form_cell(f.payment_form),
                    str(f.sales_count),
                    money(f.sales),
                    money(f.refunds),
                    money(f.cancellations),
                    money(f.expected),
                ]
                for f in figures.forms
            ]
            rows.append(
                [
                    self.tr("Total"),
                    str(figures.sales_count),
                    money(figures.gross),
                    money(figures.refunds),
                    money(figures.cancellations),
                    # The sum of the Esperado rows above (cash counts its float and moves);
                    # the net of sales alone is the X/Z report's "Ventas netas".
                    money(figures.expected_total),
                ]
            )
            fill_table(self.forms_table, rows, {1, 2, 3, 4, 5})
            cash = figures.form(CASH)
            self.expected_cash.setText(money(cash.expected))
            self.cash_rows["opening"].setText(money(cash.opening))
            self.cash_rows["sales"].setText(money(cash.sales))
            self.cash_rows["back"].setText(_minus(cash.refunds + cash.cancellations))
            self.cash_rows["in"].setText(money(cash.cash_in))
            self.cash_rows["out"].setText(_minus(cash.cash_out))
            queued = figures.queued
            self.queued_label.setText(
                count_text(
                    len(queued),
                    self.tr(
                        "1 venta por {total} sigue en la cola: ya cuenta aquí aunque aún no "
                        "llegue a gigstack."
                    ),
                    self.tr(
                        "{n} ventas por {total} siguen en la cola: ya cuentan aquí aunque aún no "
                        "lleguen a gigstack."
                    ),
                    total=money(sum((s.total for s in queued), Decimal(0))),
                )
                if queued
                else ""
            )
            fill_table(
                self.moves_table,
                [
                    [
                        when(m.at)[-5:],
                        self.tr("Entrada") if m.kind is MoveKind.CASH_IN else self.tr("Salida"),
                        money(m.amount) if m.kind is MoveKind.CASH_IN else "-" + money(m.amount),
                        m.reason,
                    ]
                    for m in figures.moves
                ],
                {2},
            )
        history_rows = []
        for shift in self._history:
            counted = self._history_cash.get(shift.id)
            history_rows.append(
                [
                    short_when(shift.closed_at),
                    shift.closed_by or shift.cashier,
                    money(counted.expected) if counted else "",
                    money(counted.counted) if counted else "",
                    till_print.difference_text(counted.difference) if counted else "",
                ]
            )
        fill_table(self.history_table, history_rows, {2, 3, 4})
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_ = self.figures is not None
        self.open_button.setEnabled(not open_)
        for button in (
            self.cash_in_button,
            self.cash_out_button,
            self.x_button,
            self.pdf_button,
            self.close_button,
        ):
            button.setEnabled(open_)
        selected = self.selected_closed() is not None
        self.reprint_button.setEnabled(selected)
        self.z_pdf_button.setEnabled(selected)

    def selected_closed(self) -> Shift | None:
        rows = self.history_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._history):
            return None
        return self._history[rows[0].row()]

    # -- actions -----------------------------------------------------------------------------

    def _run_dialog(self, dialog: ActionDialog, write: Any) -> None:
        """Open `dialog`; on submit call `write(body)`; a refusal stays in the dialog."""

        def submitted(body: object) -> None:
            assert isinstance(body, dict)
            try:
                message = write(body)
            except ShiftError as exc:
                dialog.fail(exc.message)
                return
            except StorageError as exc:
                dialog.fail(exc.message)
                return
            dialog.finish()
            self.reload()
            if message:
                self.ctx.notify(message, "success")

        def finished() -> None:
            self.dialog = None
            self.reload()
            self.activated()

        dialog.submitted.connect(submitted)
        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()

    def open_shift(self) -> None:
        if self.current() is not None:
            self.ctx.notify(self.tr("Ya hay un turno abierto en esta caja."), "warning")
            return
        last = self._history[0].cashier if self._history else ""

        def write(body: dict[str, Any]) -> str:
            shift = self.ctx.core.shifts.open(body["opening_float"], body["cashier"])
            return self.tr("Turno {n} abierto con fondo de {amount}.").format(
                n=shift.id, amount=money(shift.opening_float)
            )

        self._run_dialog(OpenShiftDialog(last, self), write)

    def cash_move(self, kind: MoveKind) -> None:
        if self.figures is None:
            self.ctx.notify(self.tr("Abre un turno primero."), "warning")
            return
        available = self.figures.expected_cash

        def write(body: dict[str, Any]) -> str:
            move = self.ctx.core.shifts.add_move(body["kind"], body["amount"], body["reason"])
            if move.kind is MoveKind.CASH_IN:
                return self.tr("Entrada de {amount} registrada.").format(amount=money(move.amount))
            return self.tr("Salida de {amount} registrada.").format(amount=money(move.amount))

        self._run_dialog(CashMoveDialog(kind, available, self), write)

    def close_shift(self) -> None:
        self.reload()
        if self.figures is None:
            self.ctx.notify(self.tr("No hay un turno abierto que cerrar."), "warning")
            return
        dialog = CloseShiftDialog(self.figures, self)

        def write(body: dict[str, Any]) -> str:
            # Figures read again at the moment of the close: a sale queued while the cashier
            # counted is in the Z report (the differences are against these).
            core = self.ctx.core
            shift = core.shifts.current()
            if shift is None:
                raise ShiftError(self.tr("Este turno ya está cerrado."))
            fresh = open_shift_figures(core.outbox, core.cache, self.ctx.team, core.shifts, shift)
            closed = close_shift(
                core.shifts,
                fresh,
                body["counted"],
                closed_by=body["closed_by"],
                note=body["note"],
            )
            report = closed.to_json()
            if body["print"]:
                self._print(report, ask=True)
            cash = cash_count(closed.counts)
            difference = (cash.difference if cash else None) or Decimal(0)
            level = "success" if difference == 0 else "warning"
            self.ctx.notify(
                self.tr("Turno {n} cerrado. Efectivo: {d}.").format(
                    n=closed.shift.id, d=till_print.difference_text(difference)
                ),
                level,
            )
            return ""

        self._run_dialog(dialog, write)

    # -- paper -------------------------------------------------------------------------------

    def _business(self) -> dict[str, str]:
        # The counter's header: Ajustes, then gigstack's team data (cached for offline).
        return paper_business(self.ctx.config.data_dir, self.ctx.team)

    def _width(self) -> int:
        return ticket.paper_width(ticket.terminal_config(self.ctx.config.data_dir))

    def _print(self, report: dict[str, Any], *, ask: bool = True) -> bool:
        printed = till_print.print_report(report, self._business(), self._width(), self, ask=ask)
        if printed is False:
            self.ctx.notify(
                self.tr("No se pudo imprimir el corte: revisa la impresora o guárdalo en PDF."),
                "error",
            )
        elif printed:
            self.ctx.notify(self.tr("Corte enviado a la impresora."), "success")
        return bool(printed)

    def x_report(self) -> dict[str, Any] | None:
        self.reload()
        return self.figures.to_json() if self.figures is not None else None

    def print_x(self, ask: bool = True) -> bool:
        report = self.x_report()
        return report is not None and self._print(report, ask=ask)

    def save_x_pdf(self, path: str | None = None) -> str | None:
        report = self.x_report()
        if report is None:
            return None
        return self._save_pdf(report, f"corte-X-turno-{report['shift']}.pdf", path)

    def reprint_selected(self, ask: bool = True) -> bool:
        shift = self.selected_closed()
        if shift is None or shift.z_report is None:
            return False
        return self._print(shift.z_report, ask=ask)

    def save_selected_pdf(self, path: str | None = None) -> str | None:
        shift = self.selected_closed()
        if shift is None or shift.z_report is None:
            return None
        return self._save_pdf(shift.z_report, f"corte-Z-turno-{shift.id}.pdf", path)

    def _save_pdf(self, report: dict[str, Any], name: str, path: str | None) -> str | None:
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Guardar corte en PDF"), str(Path(folder) / name), "PDF (*.pdf)"
            )
            if not path:
                return None
        if not till_print.save_pdf(report, self._business(), path, self._width()):
            self.ctx.notify(
                self.tr("No se pudo guardar el PDF en {path}.").format(path=path), "error"
            )
            return None
        self.ctx.notify(self.tr("Corte guardado en {path}").format(path=path), "success")
        return path
