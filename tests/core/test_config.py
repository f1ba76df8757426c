"""The terminal's configuration: typed keys, validation, atomic file, precedence, migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.config import (
    CONFIG_FILENAME,
    CONFIG_VARS,
    DEFAULT_API_URL,
    AppConfig,
    ConfigError,
    ConfigFileError,
    TerminalConfig,
    check_value,
)


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = TerminalConfig.load(tmp_path)
    assert config.api_url == DEFAULT_API_URL
    assert config.team is None
    assert config.ticket_width == 80
    assert config.get("shop.default_payment_form") == "01"
    assert not (tmp_path / CONFIG_FILENAME).exists()  # loading never writes defaults


def test_set_validates_and_save_round_trips(tmp_path: Path) -> None:
    config = TerminalConfig.load(tmp_path)
    assert config.set("ticket.width", "58 mm") == 58
    assert config.set("terminal.series", " caja2 ") == "CAJA2"
    assert config.set("business.rfc", "eku9003173c9") == "EKU9003173C9"
    assert config.set("ticket.auto_print", "sí") is True
    assert config.set("shop.default_payment_form", "4") == "04"
    config.save()
    again = TerminalConfig.load(tmp_path)
    assert again.as_dict() == config.as_dict()
    stored = json.loads((tmp_path / CONFIG_FILENAME).read_text(encoding="utf-8"))
    assert stored["values"]["ticket.width"] == 58
    assert "connection.api_url" not in stored["values"]  # defaults are not frozen into the file
    assert list(tmp_path.glob(".config-*")) == []  # no temporary file left behind


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("ticket.width", "70", "58 u 80"),
        ("terminal.series", "CAJA-1", "letras"),
        ("terminal.series", "ÑANDÚ", "letras"),
        ("terminal.series", "", "vacía"),
        ("business.rfc", "XYZ", "RFC"),
        ("connection.api_url", "ftp://x", "http"),
        ("connection.team", "team x", "letras"),
        ("shop.default_payment_form", "77", "forma de pago"),
        ("ticket.auto_print", "quizá", "sí o no"),
        ("ui.language", "fr", "es o en"),
        ("business.name", "x" * 500, "hasta 120"),
        ("business.name", "bad\ud800", "no se pueden guardar"),
    ],
)
def test_bad_values_are_refused_in_spanish(key: str, value: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_value(key, value)
    assert caught.value.message.startswith(key + ":")
    assert words.lower() in caught.value.message.lower()


def test_unknown_key() -> None:
    with pytest.raises(ConfigError, match="no es una clave"):
        check_value("ticket.colour", "red")


def test_a_bad_value_in_the_file_falls_back_to_its_default(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILENAME).write_text(
        json.dumps({"format": 1, "values": {"ticket.width": 33, "business.name": "La Tiendita"}}),
        encoding="utf-8",
    )
    config = TerminalConfig.load(tmp_path)
    assert config.ticket_width == 80
    assert config.get("business.name") == "La Tiendita"
    assert any("ticket.width" in p for p in config.problems)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"values": 3}', "[" * 100_000])
def test_a_damaged_file_is_a_clear_error(tmp_path: Path, text: str) -> None:
    (tmp_path / CONFIG_FILENAME).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError) as caught:
        TerminalConfig.load(tmp_path)
    assert str(tmp_path) in caught.value.message


def test_precedence_flags_then_env_then_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MOSTRADOR_API_URL", raising=False)
    monkeypatch.delenv("MOSTRADOR_TEAM", raising=False)
    config = TerminalConfig.load(tmp_path)
    config.set("connection.api_url", "http://127.0.0.1:9/v2")
    config.set("connection.team", "team_file")
    config.save()
    from_file = AppConfig.from_env(data_dir=tmp_path)
    assert (from_file.api_url, from_file.team) == ("http://127.0.0.1:9/v2", "team_file")
    monkeypatch.setenv("MOSTRADOR_TEAM", "team_env")
    assert AppConfig.from_env(data_dir=tmp_path).team == "team_env"
    assert AppConfig.from_env(data_dir=tmp_path, team="team_flag").team == "team_flag"
    monkeypatch.setenv("MOSTRADOR_DATA_DIR", str(tmp_path))
    assert AppConfig.from_env().api_url == "http://127.0.0.1:9/v2"


def test_imports_the_apps_old_settings_once(tmp_path: Path) -> None:
    # As QSettings' IniFormat writes it (a real file from the first release's settings page).
    (tmp_path / "settings.ini").write_text(
        "[business]\nname=Abarrotes Lupita\nrfc=EKU9003173C9\n"
        "[connection]\napi_url=http://127.0.0.1:7/v2\nteam=team_sur\n"
        "[ticket]\nwidth=58\nauto_print=true\n[terminal]\nseries=CAJA3\n"
        "[ui]\nlanguage=en\n[MainWindow]\ngeometry=@ByteArray(abc)\n",
        encoding="utf-8",
    )
    config = TerminalConfig.load(tmp_path)
    assert config.get("business.name") == "Abarrotes Lupita"
    assert config.team == "team_sur"
    assert config.ticket_width == 58
    assert config.get("ticket.auto_print") is True
    assert config.terminal_series == "CAJA3"
    assert config.get("ui.language") == "en"
    assert (tmp_path / CONFIG_FILENAME).exists()
    # From now on config.json is the truth; the INI keeps window state only.
    (tmp_path / "settings.ini").write_text("[connection]\nteam=team_otro\n", encoding="utf-8")
    assert TerminalConfig.load(tmp_path).team == "team_sur"


@given(st.sampled_from([v.key for v in CONFIG_VARS]), st.text(max_size=40) | st.integers())
def test_any_value_is_taken_typed_or_refused_in_words(key: str, value: object) -> None:
    try:
        typed = check_value(key, value)
    except ConfigError as exc:
        assert exc.message.startswith(key + ":")
    else:
        assert check_value(key, typed) == typed  # a stored value reads back the same
