"""Client and service dialogs: SAT rules inline, messages next to their field, data kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import fiscal
from desktop.ui.client_dialog import ClientDialog
from desktop.ui.sat_pickers import ProductKeyPicker, TaxesEditor, UnitKeyPicker, tax_summary
from desktop.ui.service_dialog import ServiceDialog, barcode_problem, parse_price
from tests.ui.keyboard import type_text


def client_dialog(qtbot: QtBot, saved: list[dict[str, Any]], **kwargs: Any) -> ClientDialog:
    dialog = ClientDialog(saved.append, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def visible_errors(dialog: Any) -> dict[str, str]:
    return {
        name: label.text() for name, label in dialog.errors.items() if label.isVisibleTo(dialog)
    }


# -- client dialog ------------------------------------------------------------------------------


def test_rfc_error_shows_next_to_the_rfc_and_keeps_what_was_typed(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved)
    qtbot.keyClicks(dialog.name, "Papeleria Lupita")
    qtbot.keyClicks(dialog.rfc, "PLU12")
    qtbot.keyClicks(dialog.email, "lupita@correo")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and saved == []
    errors = visible_errors(dialog)
    assert "12 caracteres" in errors["rfc"]
    assert "correo" in errors["email"]
    assert "name" not in errors
    label = dialog.findChild(type(dialog.errors["rfc"]), "rfcError")
    assert label is dialog.errors["rfc"]
    assert label.parentWidget() is dialog.rfc.parentWidget()  # right under the RFC field
    assert dialog.name.text() == "Papeleria Lupita"
    assert dialog.rfc.text() == "PLU12"
    assert dialog.email.text() == "lupita@correo"


def test_check_digit_mismatch_is_a_warning_with_explicit_override(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved)
    qtbot.keyClicks(dialog.name, "Juan")
    qtbot.keyClicks(dialog.legal_name, "juan hernandez  mendoza")
    qtbot.keyClicks(dialog.rfc, "HEMJ850714K21")  # the right check digit is 7
    dialog.regime.setCurrentIndex(dialog.regime.findData("612"))
    qtbot.keyClicks(dialog.zip, "06600")
    qtbot.keyClick(dialog.zip, Qt.Key.Key_Return)
    assert saved == []
    assert "dígito verificador" in dialog.errors["rfc"].text()
    assert dialog.rfc_override.isVisibleTo(dialog)
    assert dialog.rfc_override.text() == "Usar de todos modos"

    dialog.rfc_override.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved and saved[0]["tax_id"] == "HEMJ850714K21"
    assert saved[0]["tax_system"] == "612"
    assert saved[0]["address"] == {"zip": "06600"}
    assert saved[0]["legal_name"] == "JUAN HERNANDEZ MENDOZA"  # as the Constancia prints it
    assert saved[0]["name"] == "Juan"
    assert not dialog.isVisible()


def test_regimes_follow_the_kind_of_person_and_uses_follow_the_regime(qtbot: QtBot) -> None:
    dialog = client_dialog(qtbot, [])
    codes = lambda combo: [combo.itemData(i) for i in range(1, combo.count())]  # noqa: E731
    qtbot.keyClicks(dialog.rfc, "HEMJ850714K27")  # 13: persona física
    assert codes(dialog.regime) == [r.code for r in fiscal.tax_regimes(persona="fisica")]
    assert "601" not in codes(dialog.regime)
    dialog.rfc.clear()
    qtbot.keyClicks(dialog.rfc, "CVA120315R46")  # 12: persona moral
    assert codes(dialog.regime) == [r.code for r in fiscal.tax_regimes(persona="moral")]
    assert "612" not in codes(dialog.regime)
    dialog.regime.setCurrentIndex(dialog.regime.findData("601"))
    allowed = fiscal.cfdi_uses(regime="601", persona="moral")
    # SAT's list for the régimen, less the complement/payroll uses no sale's invoice takes.
    assert codes(dialog.use) == [u.code for u in allowed if u.code not in ("CP01", "CN01")]
    assert "CP01" in {u.code for u in allowed}  # the catalog has it; the dialog leaves it out
    dialog.rfc.clear()
    qtbot.keyClicks(dialog.rfc, "XAXX010101000")  # público en general
    assert codes(dialog.regime) == ["616"]
    assert dialog.regime_code() == "616"
    assert dialog.use_code() == "S01"


def test_postal_code_shows_where_it_is_or_an_error(qtbot: QtBot) -> None:
    dialog = client_dialog(qtbot, [])
    qtbot.keyClicks(dialog.zip, "06600")
    assert dialog.zip_info.text() == "Cuauhtémoc, Ciudad de México"
    dialog.zip.clear()
    qtbot.keyClicks(dialog.zip, "00999")
    assert "no está en el catálogo" in dialog.errors["zip"].text()
    assert dialog.zip_info.text() == ""


def test_failed_save_keeps_the_dialog_open_with_the_message(qtbot: QtBot) -> None:
    def save(_body: dict[str, Any]) -> None:
        raise RuntimeError("disco lleno")

    dialog = ClientDialog(save)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Mostrador")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "disco lleno" in dialog.errors["form"].text()
    assert dialog.name.text() == "Mostrador"


def test_counter_mode_requires_a_real_rfc_and_prefills_what_was_typed(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved, require_rfc=True, initial_text="  Papeleria Lupita ")
    assert dialog.name.text() == "Papeleria Lupita" and dialog.rfc.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [] and dialog.isVisible()
    assert "Escribe el RFC" in visible_errors(dialog)["rfc"]
    qtbot.keyClicks(dialog.rfc, "XAXX010101000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [] and "Público en general" in visible_errors(dialog)["rfc"]

    by_rfc = client_dialog(qtbot, [], require_rfc=True, initial_text="hemj850714k27")
    assert by_rfc.rfc.text() == "hemj850714k27" and by_rfc.name.text() == ""
    assert by_rfc.regime.findData("612") > 0  # régimen list already for a persona física

    # The Clientes page's form is unchanged: a client without RFC may be saved.
    plain = client_dialog(qtbot, saved)
    assert plain.save_button.text() == "Guardar"
    qtbot.keyClicks(plain.name, "Mostrador")
    qtbot.mouseClick(plain.save_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1 and saved[0]["name"] == "Mostrador"
    assert "tax_id" not in saved[0]


def test_edit_reports_only_changed_fields(qtbot: QtBot) -> None:
    record = {
        "id": "client_1",
        "name": "Ana",
        "legal_name": "ANA RAMOS TAPIA",
        "tax_id": "RATA920623QW5",
        "tax_system": "605",
        "use": "S01",
        "email": "ana@correo.mx",
        "address": {"zip": "06600", "country": "MEX", "street": "Reforma 1"},
    }
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved, record=record)
    dialog.zip.clear()
    qtbot.keyClicks(dialog.zip, "06700")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [{"address": {"zip": "06700", "country": "MEX", "street": "Reforma 1"}}]


def test_emptying_a_field_on_edit_is_named_not_silently_undone(qtbot: QtBot) -> None:
    """gigstack keeps a value an edit leaves out: the dialog says so beside each emptied field."""
    record = {
        "id": "client_2",
        "name": "Beto",
        "legal_name": "ALBERTO CRUZ LARA",
        "tax_id": "CULA850101AB1",
        "tax_system": "612",
        "use": "G03",
        "email": "beto@correo.mx",
        "phone": "5512345678",
        "address": {"zip": "06600"},
    }
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved, record=record)
    dialog.email.clear()
    dialog.phone.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert saved == []
    assert dialog.isVisible()
    errors = visible_errors(dialog)
    assert set(errors) == {"email", "phone"}
    assert "beto@correo.mx" in errors["email"] and "5512345678" in errors["phone"]
    assert dialog.email.text() == "" and dialog.name.text() == "Beto"  # nothing typed is lost

    qtbot.keyClicks(dialog.email, "beto.cruz@correo.mx")
    dialog.phone.setText("5512345678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [{"email": "beto.cruz@correo.mx"}]
    assert visible_errors(dialog) == {}


def test_a_new_client_may_leave_optional_fields_empty(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved)
    qtbot.keyClicks(dialog.name, "Mostrador dos")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1 and saved[0]["name"] == "Mostrador dos"
    assert not {"email", "phone", "tax_id", "address"} & set(saved[0])
    assert visible_errors(dialog) == {}


# -- SAT pickers and taxes ----------------------------------------------------------------------


def test_product_key_search_finds_cafe_as_you_type(qtbot: QtBot) -> None:
    picker = ProductKeyPicker()
    qtbot.addWidget(picker)
    picker.show()
    type_text(qtbot, "café", picker.edit)
    suggestions = picker.suggestions.stringList()
    assert suggestions[0] == "50201706 — Café"
    picker.choose(suggestions[0])
    assert picker.code() == "50201706"
    assert picker.edit.text() == "50201706 — Café"
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, "50201706")  # a bare code is accepted too
    assert picker.code() == "50201706"


def test_unit_key_picker_puts_common_units_first(qtbot: QtBot) -> None:
    picker = UnitKeyPicker()
    qtbot.addWidget(picker)
    picker.show_defaults()
    first = picker.suggestions.stringList()[:2]
    assert first == ["H87 — Pieza", "E48 — Unidad de servicio"]
    qtbot.keyClicks(picker.edit, "kilo")
    assert picker.suggestions.stringList()[0].startswith("KGM")
    picker.set_code("E48")
    assert picker.unit_name() == "Servicio"


def test_taxes_editor_presets_and_rows_produce_api_taxes(qtbot: QtBot) -> None:
    editor = TaxesEditor()
    qtbot.addWidget(editor)
    editor.apply_preset("IVA 16 % incluido")
    assert editor.taxes() == [
        {"type": "IVA", "rate": "0.16", "factor": "Tasa", "withholding": False, "inclusive": True}
    ]
    editor.apply_preset("IEPS 8 %")
    assert [(t["type"], t["rate"]) for t in editor.taxes()] == [("IEPS", "0.08"), ("IVA", "0")]
    editor.apply_preset("Exento")
    assert editor.taxes()[0]["factor"] == "Exento"

    # A 10 % ISR retención typed by hand.
    editor.set_taxes([])
    editor.add_tax({"type": "ISR", "rate": "0", "factor": "Tasa"})
    _kind, rate, _factor, withhold, inclusive = editor.row_widgets(0)
    rate.clear()
    qtbot.keyClicks(rate, "10")
    withhold.setChecked(True)
    assert editor.errors() == []
    assert editor.taxes() == [
        {"type": "ISR", "rate": "0.1", "factor": "Tasa", "withholding": True, "inclusive": False}
    ]
    inclusive.setChecked(True)
    assert "retención" in editor.errors()[0]
    assert tax_summary(editor.taxes()) == "ISR 10 % ret."

    # An IEPS per litre (cuota) is added to the price, never "included".
    editor.set_taxes([])
    editor.add_tax({"type": "IEPS", "rate": "1.5", "factor": "Cuota", "inclusive": True})
    assert "cuota" in editor.errors()[0]
    editor.row_widgets(0)[4].setChecked(False)
    assert editor.errors() == []


# -- service dialog -----------------------------------------------------------------------------


def test_price_and_barcode_rules() -> None:
    assert parse_price("1,234.50") == (parse_price("1234.5")[0], None)
    assert parse_price("-1")[1] == "El precio no puede ser negativo."
    assert "6 decimales" in str(parse_price("1.1234567")[1])
    assert parse_price("1.123456")[1] is None
    assert barcode_problem("7501000001019") is None
    assert "dígito verificador" in str(barcode_problem("7501000001018"))


def test_service_dialog_errors_next_to_fields_and_data_kept(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = ServiceDialog(saved.append, taken_skus=["PAP-001"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.description, "Cafe de olla")
    qtbot.keyClicks(dialog.sku, "pap-001")
    qtbot.keyClicks(dialog.barcode, "7501000001018")
    qtbot.keyClicks(dialog.price, "-12")
    qtbot.keyClicks(dialog.product_key.edit, "cafe de olla y mas")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert saved == [] and dialog.isVisible()
    errors = visible_errors(dialog)
    assert "ya lo usa otro servicio" in errors["sku"]
    assert "dígito verificador" in errors["barcode"]
    assert "negativo" in errors["price"]
    assert "catálogo del SAT" in errors["productKey"]
    assert dialog.description.text() == "Cafe de olla"
    assert dialog.price.text() == "-12"

    dialog.sku.clear()
    qtbot.keyClicks(dialog.sku, "CAF-010")
    dialog.barcode.clear()
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "38.5")
    dialog.product_key.set_code("50201706")
    dialog.taxes.apply_preset("IVA 0 %")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [
        {
            "description": "Cafe de olla",
            "sku": "CAF-010",
            "unit_price": "38.5",
            "product_key": "50201706",
            "unit_key": "H87",
            "unit_name": "Pieza",
            "taxes": [
                {
                    "type": "IVA",
                    "rate": "0",
                    "factor": "Tasa",
                    "withholding": False,
                    "inclusive": True,
                }
            ],
        }
    ]


def test_barcode_becomes_the_sku(qtbot: QtBot) -> None:
    dialog = ServiceDialog(lambda body: None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.barcode, "7501000009992")
    assert barcode_problem("7501000009992") is None
    assert dialog.sku.text() == "7501000009992"
    dialog.sku.setText("OTRO")
    dialog.sku.setProperty("mirrored", False)
    assert not dialog.check_barcode()
    assert "SKU" in dialog.errors["barcode"].text()


def test_a_decimal_comma_price_is_saved_as_typed_never_times_ten(qtbot: QtBot) -> None:
    """Issue 8: "12,5" typed as a service price saved 125. The dialog now reads numbers with
    `desktop.money`, like the counter and `queue add`."""
    saved: list[dict[str, Any]] = []
    dialog = ServiceDialog(saved.append)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.description, "Pan dulce")
    qtbot.keyClicks(dialog.sku, "PAN-001")
    qtbot.keyClicks(dialog.price, "12,5")
    dialog.product_key.set_code("50181900")
    dialog.taxes.apply_preset("IVA 0 %")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [body["unit_price"] for body in saved] == ["12.5"]


def test_the_service_dialog_refuses_what_the_cli_refuses_in_the_same_words(
    qtbot: QtBot,
) -> None:
    from desktop import money

    dialog = ServiceDialog(lambda body: None)
    qtbot.addWidget(dialog)
    for typed in ("1e30", "10,000,000.01", "1.1234567", "٥٨", "12,"):
        dialog.price.setText(typed)
        assert not dialog.check_price()
        try:
            money.parse_money(typed)
        except money.MoneyError as exc:
            assert dialog.errors["price"].text() == exc.message
        else:
            raise AssertionError(f"{typed!r} should be refused")


def test_a_tax_rate_with_a_decimal_comma(qtbot: QtBot) -> None:
    editor = TaxesEditor()
    qtbot.addWidget(editor)
    editor.set_taxes([{"type": "IEPS", "rate": "0.08", "factor": "Tasa", "inclusive": True}])
    assert editor.row_widgets(0)[1].text() == "8"
    editor.row_widgets(0)[1].setText("26,5")
    assert editor.errors() == []
    assert editor.taxes()[0]["rate"] == "0.265"
    editor.row_widgets(0)[1].setText("1e30")
    assert editor.errors() and "≥ 0" in editor.errors()[0]


# -- issue 10 §3: razón social, mnemonics, the SAT key finder's Enter --------------------------


def test_the_legal_name_is_asked_for_not_copied_from_the_name(qtbot: QtBot) -> None:
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved)
    qtbot.keyClicks(dialog.name, "Escuela Kemper")
    qtbot.keyClicks(dialog.rfc, "EKU9003173C9")
    dialog.regime.setCurrentIndex(dialog.regime.findData("601"))
    qtbot.keyClicks(dialog.zip, "06600")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [] and dialog.isVisible()
    errors = visible_errors(dialog)
    assert "Constancia" in errors["legal_name"]
    assert dialog.errors["legal_name"].parentWidget() is dialog.legal_name.parentWidget()
    assert dialog.legal_name.text() == ""  # not filled in from the name behind the person's back
    assert dialog.focusWidget() is dialog.legal_name

    dialog.legal_name.setText("ESCUELA KEMPER 🏫")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == []
    assert "emoji" in visible_errors(dialog)["legal_name"]
    assert dialog.legal_name.text() == "ESCUELA KEMPER 🏫"  # what was typed stays

    dialog.legal_name.clear()
    qtbot.keyClicks(dialog.legal_name, "escuela kemper  urgate")
    dialog.legal_name.editingFinished.emit()
    assert dialog.legal_name.text() == "ESCUELA KEMPER URGATE"  # as the Constancia prints it
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved and saved[0]["legal_name"] == "ESCUELA KEMPER URGATE"
    assert saved[0]["name"] == "Escuela Kemper"


def _mnemonics(dialog: ClientDialog) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        text = widget.text().replace("&&", "")
        if "&" in text and widget.isVisibleTo(dialog):
            letters.append(text[text.index("&") + 1].lower())
    return letters


def test_every_alt_key_of_the_client_dialog_is_its_own(qtbot: QtBot) -> None:
    """Alt+letter goes to one field only, in Spanish and in English (no Alt+U/Alt+G/Alt+P twice)."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.resources import resource

    spanish = _mnemonics(client_dialog(qtbot, []))
    assert len(spanish) >= 8 and len(spanish) == len(set(spanish)), spanish
    translator = QTranslator()
    assert translator.load(str(resource("i18n", "mostrador_en.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        english = _mnemonics(client_dialog(qtbot, []))
    finally:
        QCoreApplication.removeTranslator(translator)
    assert len(english) == len(spanish) and len(english) == len(set(english)), english


def test_enter_in_the_sat_key_finder_takes_the_first_match(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    picker = ProductKeyPicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.edit.setFocus()
    type_text(qtbot, "café", picker.edit)
    first = picker.suggestions.stringList()[0]
    assert picker.code() == ""  # a word, not a code yet
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Qt sends the keys to the open list
    assert picker.code() == first.split(" — ")[0]
    assert picker.edit.text() == first
    assert not popup.isVisible()


def test_a_message_goes_away_once_its_field_is_edited(qtbot: QtBot) -> None:
    """A message about text that is no longer there only confuses (a new user's trial)."""
    saved: list[dict[str, Any]] = []
    dialog = client_dialog(qtbot, saved)
    qtbot.keyClicks(dialog.name, "Chela")
    qtbot.keyClicks(dialog.email, "chela@")
    qtbot.keyClicks(dialog.phone, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    errors = visible_errors(dialog)
    assert "chela@" in errors["email"] and "abc" in errors["phone"]
    assert saved == []

    qtbot.keyClicks(dialog.email, "correo.mx")
    assert "email" not in visible_errors(dialog)  # gone while typing, not at the next save
    assert "phone" in visible_errors(dialog)  # the other field's message stays
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "55 1234 5678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved and saved[0]["phone"] == "55 1234 5678"


def test_a_cached_price_shows_with_its_cents(qtbot: QtBot) -> None:
    """gigstack may answer 18.0: the dialog shows "18.00", and saving unchanged changes nothing."""
    record = {
        "id": "service_1",
        "description": "Tamal",
        "sku": "TAM-1",
        "unit_price": 18.0,
        "product_key": "50192100",
        "unit_key": "H87",
        "taxes": [{"type": "IVA", "rate": 0.16, "factor": "Tasa", "inclusive": True}],
    }
    dialog = ServiceDialog(lambda body: None, record=record)
    qtbot.addWidget(dialog)
    assert dialog.price.text() == "18.00"
    assert "unit_price" not in dialog.changes()
    precise = ServiceDialog(lambda body: None, record={**record, "unit_price": "18.125"})
    qtbot.addWidget(precise)
    assert precise.price.text() == "18.125"  # more precision is kept as it is
