"""SAT catalog pickers for the service dialog: product key, unit key and a taxes editor.

The pickers search the local SAT catalogs (`desktop.fiscal`) as the person types: the product
key catalog has ~52k entries, so the search runs in SQLite and only the best matches reach the
popup (a few milliseconds per keystroke). Both pickers accept a bare code too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import fiscal
from desktop.rules.taxes import (
    FACTORS,
    TAX_TYPES,
    TaxRow,
    rows_from_taxes,
    tax_row_problems,
    taxes_body,
)

SEPARATOR = " — "

# The unit keys a counter uses every day, first in the unit picker, with the word a cashier
# expects on the ticket (the SAT name of E48 is "Unidad de servicio").
COMMON_UNITS: tuple[tuple[str, str], ...] = (
    ("H87", "Pieza"),
    ("E48", "Servicio"),
    ("KGM", "Kilogramo"),
    ("LTR", "Litro"),
    ("XBX", "Caja"),
    ("XPK", "Paquete"),
    ("ACT", "Actividad"),
    ("MTR", "Metro"),
    ("MTK", "Metro cuadrado"),
    ("HUR", "Hora"),
    ("DAY", "Día"),
    ("MON", "Mes"),
)
COMMON_UNIT_NAMES = dict(COMMON_UNITS)


class CatalogPicker(QWidget):
    """A line edit that suggests catalog entries as you type (`code — description`).

    Signals:
        code_changed(str): the chosen code changed ("" when nothing valid is chosen).
    """

    code_changed = Signal(str)

    def __init__(
        self,
        search: Callable[[str], Sequence[tuple[str, str]]],
        lookup: Callable[[str], str | None],
        defaults: Callable[[], Sequence[tuple[str, str]]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._lookup = lookup
        self._defaults = defaults
        self._code = ""
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.completer.activated.connect(self.choose)
        # Enter with the list open and nothing highlighted takes the first match (the best
        # one: the search ranks them); QCompleter alone would just close the list.
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes its popup on first ask
        self._popup = popup
        popup.installEventFilter(self)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_finished)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._popup.currentIndex().isValid()
            and self.suggestions.rowCount()
        ):
            self._popup.hide()
            self.choose(self.suggestions.stringList()[0])
            return True
        return super().eventFilter(watched, event)

    def code(self) -> str:
        """The chosen code, or "" when the text is not a catalog entry."""
        return self._code

    def text(self) -> str:
        return self.edit.text().strip()

    def set_code(self, code: str | None) -> None:
        """Show `code` with its description (an unknown code stays as typed)."""
        code = (code or "").strip()
        description = self._lookup(code) if code else None
        self.edit.setText(f"{code}{SEPARATOR}{description}" if description else code)
        self._set(code if description else "")

    def choose(self, text: str) -> None:
        """Take a suggestion (`code — description`) or a bare code."""
        self.set_code(text.split(SEPARATOR, 1)[0].strip())

    def suggestions_for(self, text: str) -> list[str]:
        if not text.strip():
            entries = self._defaults() if self._defaults else []
        else:
            entries = self._search(text)
        return [f"{code}{SEPARATOR}{description}" for code, description in entries]

    def _on_edited(self, text: str) -> None:
        self.suggestions.setStringList(self.suggestions_for(text))
        first = text.split(SEPARATOR, 1)[0].strip()
        self._set(first if first and self._lookup(first) else "")
        if self.suggestions.rowCount():
            self.completer.complete()

    def _on_finished(self) -> None:
        first = self.text().split(SEPARATOR, 1)[0].strip()
        if first and self._lookup(first) and SEPARATOR not in self.text():
            self.set_code(first)

    def show_defaults(self) -> None:
        """Open the popup with the common entries (empty field)."""
        self.suggestions.setStringList(self.suggestions_for(self.edit.text()))
        if self.suggestions.rowCount():
            self.completer.complete()

    def _set(self, code: str) -> None:
        if code != self._code:
            self._code = code
            self.code_changed.emit(code)


def _product_lookup(code: str) -> str | None:
    if not (code.isdigit() and len(code) == 8):
        return None
    found = fiscal.product_key(code)
    return found.description if found else None


def _product_search(text: str) -> list[tuple[str, str]]:
    return [(k.code, k.description) for k in fiscal.search_product_keys(text, limit=40)]


class ProductKeyPicker(CatalogPicker):
    """The SAT product/service key (c_ClaveProdServ): type words ("café") or digits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_product_search, _product_lookup, None, parent)
        self.edit.setPlaceholderText(self.tr("Escribe qué vendes (p. ej. café) o la clave"))


def _unit_lookup(code: str) -> str | None:
    found = fiscal.unit_key(code) if code else None
    return found.name if found else None


def _unit_search(text: str) -> list[tuple[str, str]]:
    found = [(u.code, u.name) for u in fiscal.search_unit_keys(text, limit=40)]
    common = [entry for entry in found if entry[0] in COMMON_UNIT_NAMES]
    return common + [entry for entry in found if entry[0] not in COMMON_UNIT_NAMES]


def _unit_defaults() -> list[tuple[str, str]]:
    return [(code, _unit_lookup(code) or name) for code, name in COMMON_UNITS]


class UnitKeyPicker(CatalogPicker):
    """The SAT unit key (c_ClaveUnidad), common units first (H87 pieza, E48 servicio...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_unit_search, _unit_lookup, _unit_defaults, parent)
        self.edit.setPlaceholderText(self.tr("H87 pieza, E48 servicio, KGM kilogramo…"))

    def unit_name(self) -> str:
        """The name to print for the chosen unit ("Pieza", "Servicio"...)."""
        code = self.code()
        return COMMON_UNIT_NAMES.get(code) or _unit_lookup(code) or ""


# -- taxes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxPreset:
    name: str
    taxes: tuple[dict[str, Any], ...]


def _tax(kind: str, rate: str, factor: str = "Tasa", inclusive: bool = True) -> dict[str, Any]:
    return {
        "type": kind,
        "rate": rate,
        "factor": factor,
        "withholding": False,
        "inclusive": inclusive,
    }


def _iva(rate: str, inclusive: bool = True) -> dict[str, Any]:
    return _tax("IVA", rate, inclusive=inclusive)


PRESETS: tuple[TaxPreset, ...] = (
    TaxPreset("IVA 16 % incluido", (_iva("0.16"),)),
    TaxPreset("IVA 16 % más", (_iva("0.16", inclusive=False),)),
    TaxPreset("IVA 0 %", (_iva("0"),)),
    TaxPreset("Exento", (_tax("IVA", "0", "Exento"),)),
    TaxPreset("IEPS 8 %", (_tax("IEPS", "0.08"), _iva("0"))),
)

# Table columns of the taxes editor.
COL_TYPE, COL_RATE, COL_FACTOR, COL_WITHHOLD, COL_INCLUSIVE = range(5)


def tax_summary(taxes: Sequence[Mapping[str, Any]] | None) -> str:
    """`IVA 16 % incl.`, `IEPS 8 % incl. + IVA 0 % incl.`, `Exento`, `Sin impuestos`.

    The stored taxes are read through `rows_from_taxes` (the one lenient reader of tax rows:
    rates by the money parser, a Tasa as its percentage), never by `dict.get` chains here.
    """
    rows = rows_from_taxes(taxes)
    if not rows:
        return QCoreApplication.translate("TaxesEditor", "Sin impuestos")
    parts = []
    # All included (the usual counter price): say it once, "IEPS 8 % + IVA 0 % incl.".
    all_included = all(r.inclusive and not r.withholding for r in rows)
    for row in rows:
        if row.factor == "Exento":
            text = f"{row.type} " + QCoreApplication.translate("TaxesEditor", "exento")
        elif row.factor == "Cuota":
            text = f"{row.type} ${row.rate}/u"
        else:
            text = f"{row.type} {row.rate} %"
        if row.withholding:
            text += " " + QCoreApplication.translate("TaxesEditor", "ret.")
        elif row.inclusive and not all_included:
            text += " " + QCoreApplication.translate("TaxesEditor", "incl.")
        parts.append(text)
    summary = " + ".join(parts)
    if all_included:
        summary += " " + QCoreApplication.translate("TaxesEditor", "incl.")
    return summary


class TaxesEditor(QWidget):
    """Rows of taxes (type, rate, factor, retención, incluido en el precio) and presets.

    The rate is typed as a percentage for "Tasa" (16 → 0.16) and as pesos per unit for
    "Cuota"; "Exento" has no rate.

    Signals:
        changed(): any tax row changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("taxesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Impuesto"),
                self.tr("Tasa % / cuota $"),
                self.tr("Factor"),
                self.tr("Retención"),
                self.tr("Incluido en el precio"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(110)

        self.presets = QComboBox()
        self.presets.setObjectName("taxPresets")
        self.presets.setAccessibleName(self.tr("Impuestos predefinidos"))
        self.presets.addItem(self.tr("Aplicar impuestos predefinidos…"))
        labels = {  # the names are keys, stable for code and tests; the labels translate
            "IVA 16 % incluido": self.tr("IVA 16 % incluido"),
            "IVA 16 % más": self.tr("IVA 16 % más"),
            "IVA 0 %": self.tr("IVA 0 %"),
            "Exento": self.tr("Exento"),
            "IEPS 8 %": self.tr("IEPS 8 %"),
        }
        for preset in PRESETS:
            self.presets.addItem(labels.get(preset.name, preset.name))
        self.presets.activated.connect(self._on_preset)
        self.add_button = QPushButton(self.tr("Agregar impuesto"))
        self.add_button.setObjectName("addTax")
        self.add_button.clicked.connect(lambda: self.add_tax(_iva("0.16")))
        self.remove_button = QPushButton(self.tr("Quitar"))
        self.remove_button.setObjectName("removeTax")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter in the dialog saves; it never adds a tax

        buttons = QHBoxLayout()
        buttons.addWidget(self.presets, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    # -- content ------------------------------------------------------------------------------

    def apply_preset(self, name: str) -> None:
        for preset in PRESETS:
            if preset.name == name:
                self.set_taxes(list(preset.taxes))
                return
        raise KeyError(name)

    def _on_preset(self, index: int) -> None:
        if index > 0:
            self.apply_preset(PRESETS[index - 1].name)
        self.presets.setCurrentIndex(0)

    def set_taxes(self, taxes: Sequence[Mapping[str, Any]] | None) -> None:
        self.table.setRowCount(0)
        for tax in taxes or []:
            self.add_tax(tax, emit=False)
        self.changed.emit()

    def add_tax(self, tax: Mapping[str, Any], emit: bool = True) -> None:
        # Read through the one lenient tax-row reader (`rows_from_taxes`).
        (typed,) = rows_from_taxes([tax])
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        kind.addItems(TAX_TYPES)
        kind.setCurrentText(typed.type)
        kind.setAccessibleName(self.tr("Impuesto"))
        factor = QComboBox()
        factor.addItems(FACTORS)
        factor.setCurrentText(typed.factor)
        factor.setAccessibleName(self.tr("Factor"))
        rate = QLineEdit()
        rate.setAccessibleName(self.tr("Tasa o cuota"))
        # Shown as typed in the editor: a percentage for Tasa (stored 0.16 shows "16"), read
        # for the factor the combo ended on (an unknown factor falls back to its first item).
        if factor.currentText() != typed.factor:
            (typed,) = rows_from_taxes([{**tax, "factor": factor.currentText()}])
        rate.setText(typed.rate)
        withhold = QCheckBox()
        withhold.setAccessibleName(self.tr("Retención"))
        withhold.setChecked(typed.withholding)
        inclusive = QCheckBox()
        inclusive.setAccessibleName(self.tr("Incluido en el precio"))
        inclusive.setChecked(typed.inclusive)
        for widget, column in (
            (kind, COL_TYPE),
            (rate, COL_RATE),
            (factor, COL_FACTOR),
            (withhold, COL_WITHHOLD),
            (inclusive, COL_INCLUSIVE),
        ):
            self.table.setCellWidget(row, column, widget)
        kind.currentIndexChanged.connect(self.changed)
        factor.currentIndexChanged.connect(lambda _i, r=rate, f=factor: self._factor_changed(r, f))
        rate.textChanged.connect(self.changed)
        withhold.toggled.connect(self.changed)
        inclusive.toggled.connect(self.changed)
        rate.setEnabled(factor.currentText() != "Exento")
        if emit:
            self.changed.emit()

    def _factor_changed(self, rate: QLineEdit, factor: QComboBox) -> None:
        exempt = factor.currentText() == "Exento"
        rate.setEnabled(not exempt)
        if exempt:
            rate.setText("0")
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def row_widgets(self, row: int) -> tuple[QComboBox, QLineEdit, QComboBox, QCheckBox, QCheckBox]:
        def cell(column: int) -> Any:
            return self.table.cellWidget(row, column)

        return (
            cell(COL_TYPE),
            cell(COL_RATE),
            cell(COL_FACTOR),
            cell(COL_WITHHOLD),
            cell(COL_INCLUSIVE),
        )

    # -- result -------------------------------------------------------------------------------

    def rows(self) -> list[TaxRow]:
        """The rows as typed, for `desktop.rules.taxes`."""
        result: list[TaxRow] = []
        for row in range(self.table.rowCount()):
            kind, rate, factor, withhold, inclusive = self.row_widgets(row)
            result.append(
                TaxRow(
                    type=kind.currentText(),
                    rate=rate.text(),
                    factor=factor.currentText(),
                    withholding=withhold.isChecked(),
                    inclusive=inclusive.isChecked(),
                )
            )
        return result

    def errors(self) -> list[str]:
        """Spanish problems with the rows (empty when `taxes()` is usable).

        The rules live in `desktop.rules.taxes` (Qt-free, shared with every front end).
        """
        return [QCoreApplication.translate("Rules", p) for p in tax_row_problems(self.rows())]

    def taxes(self) -> list[dict[str, Any]]:
        """The taxes as the API takes them (rates as exact decimal strings)."""
        return taxes_body(self.rows())
