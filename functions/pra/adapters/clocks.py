"""Clocks: the system's, and a fixed one for tests and what-if runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


class SystemClock:
    def __init__(self, timezone: str = "America/Los_Angeles") -> None:
        self._zone = ZoneInfo(timezone)

    def now(self) -> datetime:
        return datetime.now(self._zone)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("a fixed clock needs a time zone")
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)
