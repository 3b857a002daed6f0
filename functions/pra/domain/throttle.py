"""Failed sign-ins slow the next attempts down: the rule, with the time passed in.

After `threshold` failures, each less than WINDOW after the previous one (or after the end of
the lock it caused), attempts are refused, right or wrong, for a delay that doubles with each
further failure, up to LONGEST_LOCK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
# Failures for one account from one client lock that pair; failures from one client across
# any accounts lock the client. A person mistyping meets neither; a guesser meets both.
ACCOUNT_THRESHOLD = 5
CLIENT_THRESHOLD = 20


@dataclass(frozen=True)
class Failures:
    count: int = 0
    last_at: datetime | None = None

    def lock(self, threshold: int = ACCOUNT_THRESHOLD) -> timedelta:
        if self.count < threshold:
            return timedelta(0)
        doublings = min(self.count - threshold, 12)  # past the longest lock already
        return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)

    def wait(self, now: datetime, threshold: int = ACCOUNT_THRESHOLD) -> timedelta:
        """How long attempts are still refused; zero when they are checked."""
        if self.last_at is None:
            return timedelta(0)
        return max(self.last_at + self.lock(threshold) - now, timedelta(0))

    def after_failure(self, now: datetime, threshold: int = ACCOUNT_THRESHOLD) -> Failures:
        if self.last_at is None or now - self.last_at > WINDOW + self.lock(threshold):
            return Failures(1, now)
        return Failures(self.count + 1, now)
