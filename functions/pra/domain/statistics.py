"""Public statistics of the library's requests, per month and per year (issue 16).

Built from RequestFacts (pra.domain.public_log) alone, so they hold no name, contact or
description. Plain Python; the day the figures are "as of" is passed in.

Which month a figure belongs to (each figure is counted in the month of its own event):
- received, by channel: the month the request was received;
- determinations on time and late, days to determination: the month of the determination;
- releases on time and late, days to release: the month the last records were handed over;
- outcomes: the month the request closed (a request that is not closed has no outcome yet);
- extensions and their reasons, appeals and their outcomes, open and overdue now: the month
  the request was received (of the requests received that month, how many were extended,
  appealed, are open or overdue today). A year is the sum of its months.

Percentiles are by nearest rank: the p-th percentile of n values is the value at rank
ceil(p/100 * n) once they are sorted, so every figure is a number of days some request took.
The median is the 50th percentile by that rule: with an even count, the lower middle value.

Small counts (Policy 4005: statistics identify no one). Requests for a requester's own
patron records are counted in one figure of their own, shown as "fewer than 5" when it is
1 to 4, and left out of every other figure: were they in any total, that total minus the
same total without them would give their number back. Every other cell is shown as it is,
also when it is small: a channel, an outcome or a number of days says how the library
worked, not who asked, the requests behind them are in the public log (pra.domain.public_log)
with the same facts, and hiding one small cell of a row whose total is shown protects
nothing, since subtraction recovers it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pra.domain.deadlines import ExtensionReason
from pra.domain.lifecycle import Status
from pra.domain.public_log import RequestFacts
from pra.domain.request import Channel

SUPPRESS_BELOW = 5  # counts from 1 to 4 of a sensitive cell are shown as "fewer than 5"
CHANNELS = tuple(channel.value for channel in Channel)
OUTCOMES = ("released", "partly_released", "no_records", "denied", "withdrawn")
EXTENSION_REASONS = tuple(reason.key for reason in ExtensionReason)
APPEAL_OUTCOMES = ("upheld", "overturned", "overturned_in_part", "pending")


@dataclass(frozen=True)
class FewerThan:
    """A count from 1 to `limit` - 1 that is not shown."""

    limit: int = SUPPRESS_BELOW


Cell = int | FewerThan


def sensitive_count(value: int) -> Cell:
    """A count that could single out a person: 0 and 5 or more as they are, 1 to 4 hidden."""
    return FewerThan() if 0 < value < SUPPRESS_BELOW else value


def percentile(values: Iterable[int], p: int) -> int | None:
    """The p-th percentile by nearest rank (see the module's docstring); None of no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-p * len(ordered) // 100))  # ceil(p * n / 100), at least the first
    return ordered[rank - 1]


@dataclass(frozen=True)
class Days:
    """Calendar days taken, over `count` requests: the median and the 90th percentile."""

    count: int
    median: int | None
    p90: int | None

    @classmethod
    def of(cls, values: list[int]) -> Days:
        return cls(len(values), percentile(values, 50), percentile(values, 90))


@dataclass(frozen=True)
class Figures:
    """One month ("2026-11") or year ("2026") of figures; patron-record requests only in
    `patron_records`."""

    period: str
    received: int
    by_channel: dict[str, int]
    patron_records: Cell
    determinations_on_time: int
    determinations_late: int
    days_to_determination: Days
    releases_on_time: int
    releases_late: int
    days_to_release: Days
    extensions: int
    extension_reasons: dict[str, int]
    outcomes: dict[str, int]
    appeals: int
    appeal_outcomes: dict[str, int]
    open: int
    overdue: int


@dataclass(frozen=True)
class Statistics:
    as_of: date
    open: int  # requests open today (patron-record requests left out, as everywhere)
    overdue: int
    months: tuple[Figures, ...]  # every month from the first request's to as_of's, in order
    years: tuple[Figures, ...]


@dataclass
class _Tally:
    channels: Counter[str] = field(default_factory=Counter)
    patron_records: int = 0
    determined: list[tuple[int, bool]] = field(default_factory=list)  # (days, on time)
    released: list[tuple[int, bool]] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    appeals: Counter[str] = field(default_factory=Counter)
    open: int = 0
    overdue: int = 0

    def figures(self, period: str) -> Figures:
        return Figures(
            period=period,
            received=sum(self.channels.values()),
            by_channel={channel: self.channels[channel] for channel in CHANNELS},
            patron_records=sensitive_count(self.patron_records),
            determinations_on_time=sum(1 for _, on_time in self.determined if on_time),
            determinations_late=sum(1 for _, on_time in self.determined if not on_time),
            days_to_determination=Days.of([days for days, _ in self.determined]),
            releases_on_time=sum(1 for _, on_time in self.released if on_time),
            releases_late=sum(1 for _, on_time in self.released if not on_time),
            days_to_release=Days.of([days for days, _ in self.released]),
            extensions=sum(self.reasons.values()),
            extension_reasons=_keyed(self.reasons, EXTENSION_REASONS),
            outcomes=_keyed(self.outcomes, OUTCOMES),
            appeals=sum(self.appeals.values()),
            appeal_outcomes=_keyed(self.appeals, APPEAL_OUTCOMES),
            open=self.open,
            overdue=self.overdue,
        )


def _keyed(counts: Counter[str], keys: tuple[str, ...]) -> dict[str, int]:
    """Every known key (0 if none), then any other the data holds (a reason added later)."""
    return {**{key: counts[key] for key in keys}, **{k: n for k, n in counts.items() if n}}


def final_outcome(facts: RequestFacts) -> str | None:
    """The outcome a closed request counts under; None until it closes. A denial upheld on
    appeal counts as what was upheld: in part when records were promised, else denied."""
    if facts.closed_on is None:
        return None
    if facts.status is Status.APPEAL_DECIDED:
        partly = facts.release_due is not None or facts.released_on is not None
        return "partly_released" if partly else "denied"
    return facts.status.value if facts.status.value in OUTCOMES else None


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def compute(all_facts: Iterable[RequestFacts], as_of: date) -> Statistics:
    """The figures of every month and year from the facts of every request (as of `as_of`)."""
    tallies: dict[str, _Tally] = {}

    def tally(day: date) -> list[_Tally]:
        month = _month(day)
        return [tallies.setdefault(month, _Tally()), tallies.setdefault(month[:4], _Tally())]

    for facts in all_facts:
        if facts.patron_records:
            for t in tally(facts.received_on):
                t.patron_records += 1
            continue
        received = tally(facts.received_on)
        for t in received:
            t.channels[facts.channel.value] += 1
            if facts.extension_reason is not None:
                t.reasons[facts.extension_reason] += 1
            if facts.appealed_on is not None:
                t.appeals[facts.appeal_outcome or "pending"] += 1
            if facts.closed_on is None:
                t.open += 1
                t.overdue += facts.overdue
        if facts.determined_on is not None and facts.days_to_determination is not None:
            on_time = bool(facts.determination_on_time)
            for t in tally(facts.determined_on):
                t.determined.append((facts.days_to_determination, on_time))
        if facts.released_on is not None and facts.days_to_release is not None:
            # Records handed over with no promised date (never in practice) count as on time.
            on_time = facts.release_on_time is not False
            for t in tally(facts.released_on):
                t.released.append((facts.days_to_release, on_time))
        if (result := final_outcome(facts)) is not None and facts.closed_on is not None:
            for t in tally(facts.closed_on):
                t.outcomes[result] += 1
    months = _months_through(sorted(k for k in tallies if len(k) == 7), as_of)
    years = sorted({month[:4] for month in months})
    month_figures = tuple(tallies.get(m, _Tally()).figures(m) for m in months)
    year_figures = tuple(tallies.get(y, _Tally()).figures(y) for y in years)
    return Statistics(
        as_of=as_of,
        open=sum(f.open for f in year_figures),
        overdue=sum(f.overdue for f in year_figures),
        months=month_figures,
        years=year_figures,
    )


def _months_through(months: list[str], as_of: date) -> list[str]:
    """Every month from the first of `months` to as_of's (none missing, for the charts)."""
    last = _month(as_of)
    if not months:
        return [last]
    year, month = int(months[0][:4]), int(months[0][5:])
    end = max(last, months[-1])
    found = []
    while (current := f"{year:04d}-{month:02d}") <= end:
        found.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def cell_json(cell: Cell) -> int | dict[str, int]:
    return {"fewer_than": cell.limit} if isinstance(cell, FewerThan) else cell


def figures_json(figures: Figures) -> dict[str, Any]:
    def days(value: Days) -> dict[str, int | None]:
        return {"count": value.count, "median": value.median, "p90": value.p90}

    return {
        "period": figures.period,
        "received": {"total": figures.received, "by_channel": figures.by_channel},
        "patron_records": cell_json(figures.patron_records),
        "determinations": {
            "on_time": figures.determinations_on_time,
            "late": figures.determinations_late,
            "days": days(figures.days_to_determination),
        },
        "releases": {
            "on_time": figures.releases_on_time,
            "late": figures.releases_late,
            "days": days(figures.days_to_release),
        },
        "extensions": {"total": figures.extensions, "by_reason": figures.extension_reasons},
        "outcomes": figures.outcomes,
        "appeals": {"total": figures.appeals, "by_outcome": figures.appeal_outcomes},
        "open": figures.open,
        "overdue": figures.overdue,
    }


def statistics_json(statistics: Statistics) -> dict[str, Any]:
    """The figures as /api/statistics.json serves them (documented in openapi.json)."""
    return {
        "as_of": statistics.as_of.isoformat(),
        "percentiles": "nearest-rank",
        "suppressed_below": SUPPRESS_BELOW,
        "open": statistics.open,
        "overdue": statistics.overdue,
        "years": [figures_json(f) for f in reversed(statistics.years)],
        "months": [figures_json(f) for f in reversed(statistics.months)],
    }
