"""Create or edit a service (what the counter sells), with SAT keys and taxes.

gigstack's service body has no barcode or metadata field (REFERENCE §4; `ServiceInput` refuses
unknown fields), and what the API accepts is the SKU. So a barcode typed here becomes the SKU
(the counter finds services by SKU when a barcode is scanned); a barcode that differs from the
SKU is refused with that explanation instead of being silently lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import money
from desktop.records.services import ServiceView
from desktop.rules import services
from desktop.rules.taxes import TaxRow, rows_from_taxes
from desktop.store.cache import fold
from desktop.ui.client_dialog import add_form_rows
from desktop.ui.field_errors import error_label, field_with_error, show_error
from desktop.ui.sat_pickers import ProductKeyPicker, TaxesEditor, UnitKeyPicker

MAX_PRICE_DECIMALS = money.PRICE_DECIMALS
SaveFn = Callable[[dict[str, Any]], None]


def _rules_text(message: str) -> str:
    """A message from `desktop.rules` (Spanish source), through Qt's translations."""
    return QCoreApplication.translate("Rules", message)


def barcode_problem(code: str) -> str | None:
    """Why `code` is not a valid EAN-13 / EAN-8 / UPC-A barcode (None when it is)."""
    problem = services.barcode_problem(code)
    return _rules_text(problem) if problem else None


def parse_price(text: str) -> tuple[Decimal | None, str | None]:
    """(price, problem) from what was typed, by `desktop.money`'s rules and limits ("12,5" is
    12.50): the dialog refuses what `python -m desktop queue add` refuses, in the same words."""
    value, problem = services.parse_price(text)
    return value, _rules_text(problem) if problem else None


class ServiceDialog(QDialog):
    """The service form. `record` is the service to edit (a typed view, or a record read
    through one), or None to create one.

    Args:
        save: Called with the create body or the changed fields (edit); raise to keep the
            dialog open with a message.
        taken_skus: SKUs already used by other cached services (the outbox finds created
            services by SKU, so they must be unique).
    """

    def __init__(
        self,
        save: SaveFn,
        record: ServiceView | Mapping[str, Any] | None = None,
        taken_skus: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serviceDialog")
        self._save = save
        self._service = (
            record if isinstance(record, ServiceView) else ServiceView.from_record(record or {})
        )
        self.editing = record is not None
        self._server_barcode = False
        own = fold(self._service.sku)
        self._taken = {fold(s) for s in taken_skus if s} - ({own} if own else set())
        self.setWindowTitle(
            self.tr("Editar servicio") if self.editing else self.tr("Nuevo servicio")
        )
        self.setMinimumWidth(680)

        self.description = self._line("description", self.tr("Descripción"), "")
        self.description.setPlaceholderText(self.tr("Como aparece en el ticket y la factura"))
        self.sku = self._line("sku", self.tr("SKU"), self.tr("Clave interna única, p. ej. PAP-001"))
        self.barcode = self._line(
            "barcode", self.tr("Código de barras"), self.tr("EAN-13 (opcional; se usa como SKU)")
        )
        self.barcode.setMaxLength(13)
        self.price = self._line("price", self.tr("Precio"), self.tr("0.00"))
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.price.setToolTip(
            self.tr("Precio por unidad; si los impuestos están incluidos, es el precio final")
        )
        self.product_key = ProductKeyPicker()
        self.product_key.setObjectName("productKeyPicker")
        self.product_key.edit.setObjectName("productKeyEdit")
        self.product_key.edit.setAccessibleName(self.tr("Clave de producto o servicio SAT"))
        self.unit_key = UnitKeyPicker()
        self.unit_key.setObjectName("unitKeyPicker")
        self.unit_key.edit.setObjectName("unitKeyEdit")
        self.unit_key.edit.setAccessibleName(self.tr("Clave de unidad SAT"))
        self.taxes = TaxesEditor()
        self.taxes.setObjectName("taxesEditor")

        self.errors = {
            name: error_label(f"{name}Error")
            for name in (
                "description",
                "sku",
                "barcode",
                "price",
                "productKey",
                "unitKey",
                "taxes",
                "form",
            )
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_form_rows(
            form,
            [
                (
                    self.tr("&Descripción"),
                    self.description,
                    self._with_error(self.description, "description"),
                ),
                (self.tr("&SKU"), self.sku, self._with_error(self.sku, "sku")),
                (
                    self.tr("Código de &barras"),
                    self.barcode,
                    self._with_error(self.barcode, "barcode"),
                ),
                (self.tr("&Precio"), self.price, self._with_error(self.price, "price")),
                (
                    self.tr("Clave SAT de pr&oducto"),
                    self.product_key.edit,
                    self._with_error(self.product_key, "productKey"),
                ),
                (
                    self.tr("Clave SAT de &unidad"),
                    self.unit_key.edit,
                    self._with_error(self.unit_key, "unitKey"),
                ),
                (self.tr("&Impuestos"), self.taxes, self._with_error(self.taxes, "taxes")),
            ],
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Guardar"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Guardar (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancelar"))
        cancel.setToolTip(self.tr("Cerrar sin guardar (Esc)"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # again, now that the button is in the dialog

        self.barcode.textEdited.connect(self._on_barcode_edited)
        self.barcode.editingFinished.connect(self.check_barcode)
        self.price.editingFinished.connect(self.check_price)
        self.sku.editingFinished.connect(self.check_sku)
        self.product_key.code_changed.connect(
            lambda _c: show_error(self.errors["productKey"], None)
        )
        self.unit_key.code_changed.connect(lambda _c: show_error(self.errors["unitKey"], None))
        self.taxes.changed.connect(lambda: show_error(self.errors["taxes"], None))

        self._fill(self._service)
        for first, second in (
            (self.description, self.sku),
            (self.sku, self.barcode),
            (self.barcode, self.price),
            (self.price, self.product_key.edit),
            (self.product_key.edit, self.unit_key.edit),
            (self.unit_key.edit, self.taxes.presets),
        ):
            QWidget.setTabOrder(first, second)
        self.description.setFocus()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{name}Edit")
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        return field_with_error(field, self.errors[name])

    def _fill(self, service: ServiceView) -> None:
        self.description.setText(service.description)
        self.sku.setText(service.sku)
        self.barcode.setText(service.shown_barcode)
        # A barcode the server already keeps (outside the documented API) is shown, not edited.
        self._server_barcode = service.server_barcode
        if service.server_barcode:
            self.barcode.setReadOnly(True)
            self.barcode.setToolTip(
                self.tr("Código guardado en gigstack; la API no permite cambiarlo desde aquí")
            )
        # The cached price as the one money reader took it (a price that is not a number
        # shows empty, and "Guardar" then asks for one).
        price = service.unit_price
        if price is not None and price == price.quantize(Decimal("0.01")):
            price = price.quantize(Decimal("0.01"))  # "18.00", as money reads; never "18.0"
        self.price.setText(f"{price:f}" if price is not None else "")
        self.product_key.set_code(service.product_key)
        self.unit_key.set_code(service.unit_key or ("" if self.editing else "H87"))
        if self.editing:
            self.taxes.set_taxes([dict(t) for t in service.taxes])
        else:
            self.taxes.apply_preset("IVA 16 % incluido")

    # -- live rules ---------------------------------------------------------------------------

    def _on_barcode_edited(self, text: str) -> None:
        if self._server_barcode:
            return
        show_error(self.errors["barcode"], None)
        # Mirror into an empty SKU (or one that was mirrored before): the API keeps the SKU.
        if not self.sku.text().strip() or self.sku.property("mirrored"):
            self.sku.setText(text.strip())
            self.sku.setProperty("mirrored", bool(text.strip()))

    def check_barcode(self) -> bool:
        code = self.barcode.text().strip()
        if self._server_barcode:
            return True
        problem = barcode_problem(code) if code else None
        if problem is None and code and code != self.sku.text().strip():
            problem = self.tr(
                "gigstack no guarda el código de barras aparte: se usa como SKU. Deja el SKU "
                "igual al código de barras o borra el código de barras."
            )
        show_error(self.errors["barcode"], problem)
        return problem is None

    def check_price(self) -> bool:
        _value, problem = parse_price(self.price.text())
        show_error(self.errors["price"], problem)
        return problem is None

    def check_sku(self) -> bool:
        sku = self.sku.text().strip()
        self.sku.setProperty("mirrored", sku == self.barcode.text().strip() and bool(sku))
        problem = None
        if not sku:
            problem = self.tr("Escribe un SKU (con él se identifica el servicio al enviarlo).")
        elif fold(sku) in self._taken:
            problem = self.tr("El SKU «{0}» ya lo usa otro servicio.").format(sku)
        show_error(self.errors["sku"], problem)
        return problem is None

    def validate(self) -> bool:
        ok = True
        if not self.description.text().strip():
            show_error(self.errors["description"], self.tr("Escribe la descripción."))
            ok = False
        else:
            show_error(self.errors["description"], None)
        ok = self.check_sku() and ok
        ok = self.check_barcode() and ok
        ok = self.check_price() and ok
        if not self.product_key.code():
            text = self.product_key.text()
            show_error(
                self.errors["productKey"],
                self.tr("Elige una clave del catálogo del SAT (escribe y elige de la lista).")
                if not text
                else self.tr(
                    "«{0}» no es una clave del catálogo del SAT; elige una de la lista."
                ).format(text),
            )
            ok = False
        if not self.unit_key.code():
            show_error(
                self.errors["unitKey"],
                self.tr("Elige la unidad (H87 pieza, E48 servicio…)."),
            )
            ok = False
        problems = self.taxes.errors()
        show_error(self.errors["taxes"], " ".join(problems) if problems else None)
        ok = ok and not problems
        self.adjustSize()
        return ok

    # -- result -------------------------------------------------------------------------------

    def body(self) -> dict[str, Any]:
        price, _problem = parse_price(self.price.text())
        return {
            "description": self.description.text().strip(),
            "sku": self.sku.text().strip(),
            "unit_price": f"{price:f}" if price is not None else "",
            "product_key": self.product_key.code(),
            "unit_key": self.unit_key.code(),
            "unit_name": self.unit_key.unit_name(),
            "taxes": self.taxes.taxes(),
        }

    def changes(self) -> dict[str, Any]:
        """Only the fields that differ from the service being edited."""
        service = self._service
        before = {
            "description": service.description,
            "sku": service.sku,
            "product_key": service.product_key,
            "unit_key": service.unit_key,
            "unit_name": service.unit_name,
        }
        changed: dict[str, Any] = {}
        for key, value in self.body().items():
            if key == "unit_price":
                price, _problem = parse_price(str(value))
                same = service.unit_price is not None and service.unit_price == price
            elif key == "taxes":
                same = _taxes_key(service.taxes) == _taxes_key(value)
            else:
                same = before.get(key, "") == str(value)
            if not same:
                changed[key] = value
        return changed

    def try_save(self) -> None:
        show_error(self.errors["form"], None)
        if not self.validate():
            return
        data = self.changes() if self.editing else self.body()
        if self.editing and not data:
            self.accept()
            return
        try:
            self._save(data)
        except Exception as exc:  # any failure is shown; the form stays
            show_error(
                self.errors["form"],
                self.tr("No se pudo guardar: {0}").format(str(exc) or type(exc).__name__),
            )
            return
        self.accept()


def _taxes_key(taxes: Sequence[Mapping[str, Any]]) -> list[TaxRow]:
    """Taxes compared by meaning ("0.160" and "0.16" are the same rate): the editor's rows,
    whose rates `rows_from_taxes` reads with the one money parser and normalises."""
    return rows_from_taxes(taxes)
