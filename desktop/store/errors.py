"""Storage faults as typed errors with a Spanish message, so every front end can say them.

SQLite reports faults as `sqlite3.Error` with a numeric result code; `storage_error()` turns
the ones a person can act on (disk full, read-only file or folder, damaged file, locked) into
a `StorageError` subclass. Other sqlite3 errors (a constraint the code expects, a bug) are left
alone: they are not the cashier's to fix.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite primary result codes (https://sqlite.org/rescode.html); the extended code's low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StorageError(Exception):
    """The local database could not be used; `message` says why in Spanish, for the cashier.

    Attributes:
        message: What happened and what to do, in Spanish.
        path: The database file (or folder) involved.
    """

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None


class DiskFullError(StorageError):
    """No space left on the disk (or the database reached its size limit)."""


class ReadOnlyStorageError(StorageError):
    """The file or its folder cannot be written (permissions, read-only disk, opened read-only)."""


class CorruptDatabaseError(StorageError):
    """The file is damaged or is not a Mostrador database at all."""


class SchemaTooNewError(StorageError):
    """The file was written by a newer Mostrador; opening it could lose data.

    Attributes:
        found: The file's schema version.
        known: The newest version this code knows.
    """

    def __init__(
        self, message: str, path: Path | str | None = None, *, found: int = 0, known: int = 0
    ) -> None:
        super().__init__(message, path)
        self.found = found
        self.known = known


class DatabaseLockedError(StorageError):
    """Another program holds the database longer than we can wait."""


def _where(path: Path | str | None) -> str:
    return f" ({path})" if path else ""


def disk_full(path: Path | str | None) -> DiskFullError:
    return DiskFullError(
        "El disco está lleno: no se pudo guardar en la base de datos local"
        f"{_where(path)}. Libera espacio y vuelve a intentarlo.",
        path,
    )


def read_only(path: Path | str | None) -> ReadOnlyStorageError:
    return ReadOnlyStorageError(
        "La base de datos local es de solo lectura: se puede consultar pero no guardar"
        f"{_where(path)}. Revisa los permisos de la carpeta o del archivo.",
        path,
    )


def corrupt(path: Path | str | None) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        "La base de datos local está dañada o no es de Mostrador"
        f"{_where(path)}. No la borres: guarda una copia y pide ayuda a soporte.",
        path,
    )


def too_new(path: Path | str | None, found: int, known: int) -> SchemaTooNewError:
    return SchemaTooNewError(
        f"La base de datos local{_where(path)} es de una versión más nueva de Mostrador "
        f"(esquema {found}; esta versión conoce hasta el {known}). Actualiza Mostrador; "
        "abrirla con esta versión podría perder datos.",
        path,
        found=found,
        known=known,
    )


def locked(path: Path | str | None) -> DatabaseLockedError:
    return DatabaseLockedError(
        "Otro programa tiene ocupada la base de datos local"
        f"{_where(path)}. Espera un momento y vuelve a intentarlo.",
        path,
    )


def storage_error(exc: BaseException, path: Path | str | None) -> StorageError | None:
    """The `StorageError` for a sqlite3 or OS error a person can act on; None for the rest."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(exc).lower()
        if primary == SQLITE_FULL or "database or disk is full" in text:
            return disk_full(path)
        if primary in (SQLITE_READONLY, SQLITE_PERM) or "readonly" in text:
            return read_only(path)
        if (
            primary in (SQLITE_CORRUPT, SQLITE_NOTADB)
            or "malformed" in text
            or ("not a database" in text)
        ):
            return corrupt(path)
        if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
            return locked(path)
        if primary == SQLITE_IOERR and "disk i/o" in text:
            # An I/O error while writing is most often a full or vanished disk.
            return DiskFullError(
                "No se pudo escribir en el disco (error de entrada/salida)"
                f"{_where(path)}. Revisa que haya espacio y que el disco siga conectado.",
                path,
            )
        if primary == SQLITE_CANTOPEN or "unable to open" in text:
            return StorageError(
                f"No se pudo abrir la base de datos local{_where(path)}. Revisa que la carpeta "
                "exista y que Mostrador pueda escribir en ella.",
                path,
            )
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path)
    return None
