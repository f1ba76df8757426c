"""Driving a real `Sender` in tests: a fast backoff and a drain that follows its schedule."""

from __future__ import annotations

import threading

from desktop.sync.backoff import Backoff
from desktop.sync.sender import Sender

#: Retries within a test's patience (the sender's real backoff starts at seconds).
FAST = Backoff(first=0.05, cap=0.2)


def drain(sender: Sender, rounds: int = 300) -> None:
    """Run the sender until nothing is pending, waiting on its own schedule between rounds."""
    stop, ticker = threading.Event(), threading.Event()
    for _ in range(rounds):
        sender.run(stop, until_idle=True)
        wait = sender.wait_time()
        if wait is None:
            return
        ticker.wait(min(wait, 0.2))
    raise AssertionError("the queue did not drain")
