"""The manager PIN: hashed on disk, checked in constant time, locked after wrong attempts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from desktop.pin import LOCKOUT_SECONDS, MAX_ATTEMPTS, ManagerPin, PinLockedError, pin_problem


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_no_pin_lets_everything_through(tmp_path: Path) -> None:
    pin = ManagerPin(tmp_path)
    assert not pin.is_set()
    assert pin.verify("")
    assert pin.verify("1234")


def test_pin_is_stored_hashed_and_private(tmp_path: Path) -> None:
    pin = ManagerPin(tmp_path)
    pin.set("4821")
    assert pin.is_set()
    text = pin.path.read_text(encoding="utf-8")
    assert "4821" not in text
    record = json.loads(text)
    assert record["algorithm"] == "scrypt"
    assert len(bytes.fromhex(record["salt"])) == 16
    assert stat.S_IMODE(pin.path.stat().st_mode) == 0o600
    # A second folder with the same PIN gets a different salt and hash.
    other = ManagerPin(tmp_path / "other")
    other.set("4821")
    assert json.loads(other.path.read_text())["hash"] != record["hash"]


def test_verify_right_and_wrong(tmp_path: Path) -> None:
    ManagerPin(tmp_path).set("4821")
    pin = ManagerPin(tmp_path)  # a fresh object reads the file
    assert pin.verify("4821")
    assert not pin.verify("4822")
    assert not pin.verify("")


def test_lockout_after_wrong_attempts(tmp_path: Path) -> None:
    clock = Clock()
    pin = ManagerPin(tmp_path, clock=clock)
    pin.set("4821")
    for _ in range(MAX_ATTEMPTS):
        assert not pin.verify("0000")
    with pytest.raises(PinLockedError) as locked:
        pin.verify("4821")  # even the right PIN waits
    assert locked.value.seconds_left == pytest.approx(LOCKOUT_SECONDS)
    clock.now += LOCKOUT_SECONDS + 1
    assert pin.verify("4821")


def test_clear_removes_the_pin(tmp_path: Path) -> None:
    pin = ManagerPin(tmp_path)
    pin.set("4821")
    pin.clear()
    assert not pin.is_set()
    assert not (tmp_path / "manager_pin.json").exists()


def test_damaged_file_does_not_open_the_door(tmp_path: Path) -> None:
    pin = ManagerPin(tmp_path)
    pin.path.write_text("{not json", encoding="utf-8")
    assert pin.is_set()
    assert not pin.verify("4821")
    pin.path.write_text(json.dumps({"algorithm": "scrypt"}), encoding="utf-8")
    assert not pin.verify("4821")


@pytest.mark.parametrize(
    ("candidate", "fit"),
    [
        ("4821", True),
        ("12345678", True),
        ("123", False),
        ("123456789", False),
        ("12a4", False),
        ("1111", False),
        ("١٢٣٤", False),
    ],
)
def test_pin_rules(candidate: str, fit: bool) -> None:
    assert (pin_problem(candidate) is None) is fit
    if not fit:
        with pytest.raises(ValueError):
            ManagerPin(Path("/nonexistent")).set(candidate)
