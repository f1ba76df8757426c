"""Retry timing: exponential backoff with jitter, and the server's `Retry-After` first."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delay before retry number `attempt` (1-based): ~`first` s, doubling, capped at `cap`.

    Full jitter between 50 % and 100 % of the nominal delay spreads out terminals that lost the
    connection at the same moment, so they do not all come back in the same second.
    """

    first: float = 1.5
    cap: float = 300.0
    # A server may ask for a long pause (maintenance); honour it, but never beyond this.
    retry_after_cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None and retry_after >= 0:
            return min(retry_after, self.retry_after_cap)
        nominal = min(self.cap, self.first * 2 ** max(attempt - 1, 0))
        return nominal * self.rng.uniform(0.5, 1.0)
