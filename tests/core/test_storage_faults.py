"""Storage faults are typed errors with Spanish words, made with real files.

What is real here and what is not (tests run as root in CI, and root ignores file modes):
- damaged file, schema too new, locked (another connection holds BEGIN EXCLUSIVE): real.
- full database: SQLite's own `max_page_count` limit gives the real SQLITE_FULL; a full
  tmpfs (a real ENOSPC from the kernel) is also tried when this machine lets us mount one.
- read-only: a tmpfs remounted read-only (EROFS, which binds root too) when mounting is
  allowed; `chmod` only when not running as root. Otherwise those cases are skipped, saying why.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyStorageError,
    SchemaTooNewError,
    StorageError,
    open_database,
)
from desktop.store.db import DB_FILENAME, Database
from desktop.store.outbox import Outbox, OutboxKind

BODY = {"amount": "10.00", "payment_form": "01"}


def _fill(data_dir: Path) -> None:
    db = open_database(data_dir)
    Outbox(db).enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
    db.close()


def test_damaged_file(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(tmp_path)
    assert "dañada" in caught.value.message
    assert str(tmp_path / DB_FILENAME) in caught.value.message


def test_damaged_pages_inside_a_real_database(tmp_path: Path) -> None:
    _fill(tmp_path)
    path = tmp_path / DB_FILENAME
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree header and cells
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        db = open_database(tmp_path)
        try:
            Outbox(db).rows()
        finally:
            db.close()


def test_schema_too_new(tmp_path: Path) -> None:
    _fill(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError) as caught:
        open_database(tmp_path)
    assert caught.value.found == 999
    assert "versión más nueva" in caught.value.message
    assert caught.value.path == tmp_path / DB_FILENAME


def test_locked_by_another_program(tmp_path: Path) -> None:
    _fill(tmp_path)
    db = open_database(tmp_path, busy_timeout_ms=50)
    holder = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            Outbox(db).enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
        assert "ocupada" in caught.value.message
        with pytest.raises(DatabaseLockedError):
            open_database(tmp_path, busy_timeout_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Once the other program lets go, the same connection writes again.
    Outbox(db).enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
    assert len(Outbox(db).rows()) == 2
    db.close()


def test_full_database_keeps_nothing_half_written(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    outbox = Outbox(db)
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
    pages = db.pragma("page_count")
    with db.read() as conn:
        conn.execute(f"PRAGMA max_page_count = {pages}")
    big = {**BODY, "metadata": {"note": "x" * 200_000}}
    with pytest.raises(DiskFullError) as caught:
        outbox.enqueue(OutboxKind.REGISTER_PAYMENT, big)
    assert "lleno" in caught.value.message
    assert len(outbox.rows()) == 1  # the failed sale left no trace
    with db.read() as conn:
        conn.execute("PRAGMA max_page_count = 1073741823")
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, BODY)  # space again: writing works, no restart
    assert len(outbox.rows()) == 2
    db.close()


def test_opened_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    _fill(tmp_path)
    db = Database(tmp_path / DB_FILENAME, read_only=True)
    try:
        assert len(Outbox(db).rows()) == 1
        with pytest.raises(ReadOnlyStorageError) as caught:
            Outbox(db).enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
        assert "solo lectura" in caught.value.message
    finally:
        db.close()


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as caught:
        open_database(blocker / "data")
    assert caught.value.message


# -- real read-only and full file systems (tmpfs), where this machine allows mounting ------


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the chmod tests cover this user")
    result = subprocess.run(
        # Room for a freshly migrated database and its WAL (schema 4 added the shift tables),
        # small enough to fill in a moment.
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _remount_read_only(mount_point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)


def test_read_only_disk_still_shows_the_queue(small_tmpfs: Path) -> None:
    data_dir = small_tmpfs / "data"
    _fill(data_dir)
    _remount_read_only(small_tmpfs)
    db = open_database(data_dir)
    try:
        assert db.read_only
        assert [r.payload["amount"] for r in Outbox(db).rows()] == ["10.00"]
        with pytest.raises(ReadOnlyStorageError):
            Outbox(db).enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
    finally:
        db.close()
    with pytest.raises(ReadOnlyStorageError):
        open_database(data_dir, allow_read_only=False)


def test_read_only_disk_without_a_database(small_tmpfs: Path) -> None:
    _remount_read_only(small_tmpfs)
    with pytest.raises(ReadOnlyStorageError):
        open_database(small_tmpfs / "data")


def test_disk_really_full(small_tmpfs: Path) -> None:
    data_dir = small_tmpfs / "data"
    db = open_database(data_dir)
    outbox = Outbox(db)
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, BODY)
    (small_tmpfs / "ballast").write_bytes(b"\0" * (os.statvfs(small_tmpfs).f_bavail * 4096))
    try:
        with pytest.raises(DiskFullError):
            for _ in range(200):
                outbox.enqueue(
                    OutboxKind.REGISTER_PAYMENT, {**BODY, "metadata": {"note": "x" * 20_000}}
                )
    finally:
        (small_tmpfs / "ballast").unlink()
    count = len(outbox.rows())
    outbox.enqueue(OutboxKind.REGISTER_PAYMENT, BODY)  # space again: works without reopening
    assert len(outbox.rows()) == count + 1
    db.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_folder_by_permissions(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _fill(data_dir)
    data_dir.chmod(0o555)
    (data_dir / DB_FILENAME).chmod(0o444)
    try:
        db = open_database(data_dir)
        try:
            assert db.read_only
            assert len(Outbox(db).rows()) == 1
        finally:
            db.close()
    finally:
        data_dir.chmod(0o755)


def test_cli_on_a_read_only_disk_lists_the_queue_and_refuses_new_sales(
    small_tmpfs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop import cli

    data_dir = small_tmpfs / "data"
    _fill(data_dir)
    _remount_read_only(small_tmpfs)
    base = ["--data-dir", str(data_dir)]
    assert cli.main([*base, "queue", "list", "--json"]) == 0
    assert [row["state"] for row in json.loads(capsys.readouterr().out)] == ["pending"]
    sale = {
        "client": {"id": "client_demo_publico"},
        "automation_type": "pue_invoice",
        "payment_form": "01",
        "items": [{"description": "Café", "quantity": 1, "unit_price": "35"}],
    }
    source = small_tmpfs.parent / "sale.json"
    source.write_text(json.dumps(sale), encoding="utf-8")
    assert cli.main([*base, "queue", "add", str(source)]) == cli.EXIT_READ_ONLY
    err = capsys.readouterr().err
    assert "solo lectura" in err and "Traceback" not in err
    assert cli.main([*base, "config", "set", "ticket.width", "58"]) == cli.EXIT_READ_ONLY
    assert "No se pudo guardar la configuración" in capsys.readouterr().err
