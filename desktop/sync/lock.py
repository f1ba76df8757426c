"""One sender per data directory, across processes.

`filelock` takes an OS-level lock (flock on Unix, LockFileEx on Windows): the OS drops it when
the process dies, even by SIGKILL, so a crash never leaves the queue locked forever.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import filelock

LOCK_FILENAME = "sender.lock"


class SenderLock:
    """Held by the one process allowed to send this data directory's outbox."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = filelock.FileLock(str(data_dir / LOCK_FILENAME))

    def try_acquire(self) -> bool:
        """Take the lock if it is free; never waits."""
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        return True

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> SenderLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
