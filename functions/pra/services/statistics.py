"""The public statistics, kept up to date at the cost of what changed (issue 16).

The file store keeps, under `statistics/`:
- `months/YYYY-MM.json`: the RequestFacts (pra.domain.public_log: dates, statuses, reasons;
  no name, contact or description) of every request received that month;
- `state.json`: the months kept, the requests to read again next run (those open, and denials
  that may still be appealed), and the last tracking sequence of each year already read;
- `summary.json`: the figures (pra.domain.statistics), which /api/statistics.json serves.

A run (`refresh_statistics`: the daily sweep, `pra statistics`) reads from the request store
only the requests open now (the sparse due-date index: `open_due_by`), those it was told to
read again, and those numbered since the last run (`last_sequences`, then `get_many`), so a
request received and closed between two runs is counted too. It rewrites the months those
requests were received in, then the summary from the month files (one small file a month):
store reads follow the open and changed requests, never every request ever received.

What a run cannot see: a closed request changed other than through its open life (a denial
appealed and decided between two runs more than APPEAL_WATCH_DAYS after it closed, a
received date corrected). `rebuild_statistics` (`pra statistics rebuild`; the first run
does it) reads every request again by number and writes every file afresh.

Two runs at once read the same requests and write the same files; the last one's stand.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import Any

from pra.domain.lifecycle import Status
from pra.domain.public_log import RequestFacts, request_facts
from pra.domain.request import Channel, PraRequest
from pra.domain.statistics import compute, statistics_json
from pra.domain.tracking import tracking_number
from pra.services import Services

log = logging.getLogger(__name__)

PREFIX = "statistics/"
STATE_KEY = f"{PREFIX}state.json"
SUMMARY_KEY = f"{PREFIX}summary.json"
# A denial is read again this long after it closed: an appeal filed and decided between two
# runs (it has a due date only while it waits) is still seen. Appeals are due within 10 days.
APPEAL_WATCH_DAYS = 30
EVERYTHING_DUE = date(9999, 12, 30)  # open_due_by this day: every request with a due date
PAGE = 500  # requests read at once by a rebuild
FIRST_YEAR = 2000  # a rebuild reads the counters of every year from this one to today's
RECHECK_LAST = 20  # a rebuild looks again next run for the last numbers it did not find
_DATES = {f.name for f in fields(RequestFacts) if "date" in str(f.type)}


@dataclass(frozen=True)
class StatisticsRun:
    requests_read: int  # requests read from the request store
    months_written: int
    rebuilt: bool


def month_key(month: str) -> str:
    return f"{PREFIX}months/{month}.json"


def refresh_statistics(services: Services) -> StatisticsRun:
    """Bring the statistics up to date, reading only what may have changed since the last run
    (everything, the first time)."""
    state = _read(services, STATE_KEY)
    if state is None:
        return rebuild_statistics(services)
    today = services.today()
    seen: dict[str, int] = {year: int(n) for year, n in state["sequences"].items()}
    years = sorted({today.year - 1, today.year, *(int(year) for year in seen)})
    last = services.store.last_sequences(years)
    new = [
        tracking_number(year, sequence)
        for year in years
        for sequence in range(seen.get(str(year), 0) + 1, last.get(year, 0) + 1)
    ]
    open_now = services.store.open_due_by(EVERYTHING_DUE)
    known = {request.tracking_number for request in open_now}
    again = {*state["watch"], *state.get("recheck", []), *new} - known
    found = services.store.get_many(sorted(again))
    # A number given out but not stored yet (a submission under way), or never (the honeypot's,
    # a repeated submission's): looked for once more next run.
    recheck = sorted(set(new) - {request.tracking_number for request in found} - known)
    changed = [request_facts(request, today) for request in [*open_now, *found]]
    by_month = _by_month(changed)
    months = sorted({*state["months"], *by_month})
    for month, facts in by_month.items():
        stored = {f.tracking_number: f for f in _month_facts(services, month)}
        stored.update({f.tracking_number: f for f in facts})
        _write_month(services, month, stored.values())
    watch = sorted(f.tracking_number for f in changed if _watched(f, today))
    sequences = {str(year): max(last.get(year, 0), seen.get(str(year), 0)) for year in years}
    _write_summary(services, months, today)
    _write_state(services, months, watch, sequences, recheck)
    log.info("statistics: %d requests read, %d months written", len(changed), len(by_month))
    return StatisticsRun(len(changed), len(by_month), rebuilt=False)


def rebuild_statistics(services: Services) -> StatisticsRun:
    """Every request read again and every statistics file written afresh (the first run;
    after a correction). Requests are read by number, every number each year's counter gave
    out (`last_sequences`, then `get_many` a batch at a time): no index, and no request missed
    while others change."""
    today = services.today()
    state = _read(services, STATE_KEY)
    last = services.store.last_sequences(range(FIRST_YEAR, today.year + 1))
    facts: dict[str, RequestFacts] = {}
    for year, highest in sorted(last.items()):
        for start in range(1, highest + 1, PAGE):
            numbers = [
                tracking_number(year, n) for n in range(start, min(start + PAGE, highest + 1))
            ]
            facts.update(_facts_of(services.store.get_many(numbers), today))
    by_month = _by_month(facts.values())
    for month, month_facts in by_month.items():
        _write_month(services, month, month_facts)
    for month in set(state["months"] if state else []) - by_month.keys():
        services.files.delete(month_key(month))
    months = sorted(by_month)
    watch = sorted(f.tracking_number for f in facts.values() if _watched(f, today))
    # Numbers given out but not stored yet (a submission under way) are looked for next run.
    recheck = sorted(
        tracking_number(year, n)
        for year, highest in last.items()
        for n in range(max(1, highest - RECHECK_LAST + 1), highest + 1)
        if tracking_number(year, n) not in facts
    )
    _write_summary(services, months, today)
    _write_state(services, months, watch, {str(y): n for y, n in last.items()}, recheck)
    log.info("statistics rebuilt: %d requests, %d months", len(facts), len(by_month))
    return StatisticsRun(len(facts), len(by_month), rebuilt=True)


def summary(services: Services) -> dict[str, Any] | None:
    """The figures as last written, for the API; None before the first run."""
    return _read(services, SUMMARY_KEY)


def summary_or_empty(services: Services) -> dict[str, Any]:
    """The figures as last written, or figures of no requests before the first run."""
    return summary(services) or statistics_json(compute([], services.today()))


def _facts_of(requests: Iterable[PraRequest], today: date) -> dict[str, RequestFacts]:
    return {r.tracking_number: request_facts(r, today) for r in requests}


def _watched(facts: RequestFacts, today: date) -> bool:
    """Read again next run: open, or a denial that may be appealed and decided meanwhile."""
    if facts.closed_on is None:
        return True
    appealable = facts.status in {Status.DENIED, Status.PARTLY_RELEASED}
    recent = facts.closed_on >= today - timedelta(days=APPEAL_WATCH_DAYS)
    return appealable and facts.appealed_on is None and recent


def _by_month(facts: Iterable[RequestFacts]) -> dict[str, list[RequestFacts]]:
    months: dict[str, list[RequestFacts]] = defaultdict(list)
    for f in facts:
        months[f"{f.received_on.year:04d}-{f.received_on.month:02d}"].append(f)
    return dict(months)


def _write_summary(services: Services, months: list[str], today: date) -> None:
    every = (f for month in months for f in _month_facts(services, month))
    body = statistics_json(compute(every, today))
    _write(services, SUMMARY_KEY, body)


def _write_state(
    services: Services,
    months: list[str],
    watch: list[str],
    sequences: dict[str, int],
    recheck: list[str],
) -> None:
    state = {
        "version": 1,
        "months": months,
        "watch": watch,
        "recheck": recheck,
        "sequences": sequences,
    }
    _write(services, STATE_KEY, state)


def _month_facts(services: Services, month: str) -> list[RequestFacts]:
    stored = _read(services, month_key(month))
    return [facts_from_json(item) for item in (stored or {}).get("facts", [])]


def _write_month(services: Services, month: str, facts: Iterable[RequestFacts]) -> None:
    ordered = sorted(facts, key=lambda f: f.tracking_number)
    _write(services, month_key(month), {"month": month, "facts": [facts_json(f) for f in ordered]})


def facts_json(facts: RequestFacts) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in asdict(facts).items()
    }


def facts_from_json(item: dict[str, Any]) -> RequestFacts:
    values: dict[str, Any] = {
        key: date.fromisoformat(value) if key in _DATES and value else value
        for key, value in item.items()
    }
    values["channel"] = Channel(values["channel"])
    values["status"] = Status(values["status"])
    values["exemptions"] = tuple(values["exemptions"])
    return RequestFacts(**values)


def _read(services: Services, key: str) -> dict[str, Any] | None:
    stored = services.files.get(key)
    body: dict[str, Any] | None = json.loads(stored) if stored else None
    return body


def _write(services: Services, key: str, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    services.files.put(key, data, "application/json")
