"""Only one process sends a data directory's outbox; a killed holder frees the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.sync.lock import SenderLock

HOLDER = """
import sys
from pathlib import Path
from desktop.sync.lock import SenderLock
lock = SenderLock(Path(sys.argv[1]))
assert lock.try_acquire()
print("held", flush=True)
sys.stdin.read()  # hold the lock until killed (or the test closes our stdin)
"""


def test_second_process_cannot_take_the_lock_until_the_first_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        mine = SenderLock(tmp_path)
        assert not mine.try_acquire()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        assert mine.try_acquire()
        assert mine.held
        mine.release()
        assert not mine.held
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_lock_is_reentrant_free_after_release(tmp_path: Path) -> None:
    with SenderLock(tmp_path) as first:
        assert first.try_acquire()
    second = SenderLock(tmp_path)
    assert second.try_acquire()
    second.release()
