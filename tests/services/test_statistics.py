"""The statistics kept up to date by runs that read only what changed (issue 16): after each
change, an incremental run leaves the same files as a full rebuild (SQLite and a folder; the
same scenario runs on DynamoDB and S3 under moto in tests/aws/test_statistics_on_aws.py)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from pra.domain.lifecycle import Status
from pra.domain.request import Appeal, DeliveryMethod, HistoryEvent, RecordsDelivery, Release
from pra.ports import RequestStore
from pra.services import Services
from pra.services.patron import mark_patron_records
from pra.services.statistics import (
    STATE_KEY,
    SUMMARY_KEY,
    month_key,
    rebuild_statistics,
    refresh_statistics,
    summary,
)
from pra.services.sweep import run_sweep
from tests.conftest import PACIFIC
from tests.services.sweep_support import on, submit_on

STAFF = "coordinator@library.example"


def at(day: date, hour: int = 11) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PACIFIC)


def change(services: Services, number: str, day: date, **values: Any) -> None:
    """The coordinator's action of `day`, as it leaves the stored request."""
    request = services.store.get(number)
    assert request is not None
    changed = dataclasses.replace(request, **values)
    event = HistoryEvent(at(day), STAFF, "changed")
    services.store.save(changed, request.status, event, [])


def determine(services: Services, number: str, day: date, status: Status) -> None:
    change(services, number, day, status=status, determined_on=day)


def files_of(services: Services) -> dict[str, Any]:
    """Every statistics file but the state (whose lists of what to read may differ)."""
    state = json.loads(services.files.get(STATE_KEY) or b"{}")
    keys = [SUMMARY_KEY, *(month_key(m) for m in state["months"])]
    return {key: json.loads(services.files.get(key) or b"null") for key in keys}


def same_as_a_rebuild(services: Services) -> dict[str, Any]:
    incremental = files_of(services)
    rebuild_statistics(services)
    assert files_of(services) == incremental
    return incremental


class CountingStore:
    """The store, counting the requests each method returned."""

    def __init__(self, store: RequestStore) -> None:
        self._store = store
        self.read: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._store, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            answer = method(*args, **kwargs)
            if isinstance(answer, list):
                self.read[name] += len(answer)
            elif hasattr(answer, "requests"):
                self.read[name] += len(answer.requests)
            return answer

        return counted


def test_incremental_runs_equal_a_full_rebuild_after_each_change(services: Services) -> None:
    nov2, nov16, nov23 = date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 23)
    a, b, c = (submit_on(services, day) for day in (nov2, nov2, nov16))
    patron = submit_on(services, nov16)
    mark_patron_records(on(services, nov16), patron, True, STAFF)
    first = refresh_statistics(on(services, nov16))
    assert first.rebuilt  # no state yet: everything read once
    assert first.requests_read == 4

    # A request closes (released, all delivered), another is denied.
    determine(services, a, nov23, Status.NO_RECORDS)
    determine(services, b, nov23, Status.DENIED)
    run = refresh_statistics(on(services, date(2026, 11, 24)))
    assert not run.rebuilt and run.requests_read == 4  # the four open at the last run
    figures = same_as_a_rebuild(on(services, date(2026, 11, 24)))[SUMMARY_KEY]
    november = figures["months"][0]
    assert november["outcomes"]["no_records"] == 1 and november["outcomes"]["denied"] == 1
    assert november["determinations"]["late"] == 2  # a and b: received 2 Nov, due 12 Nov
    assert november["patron_records"] == {"fewer_than": 5}

    # Between two runs: a new request comes and is withdrawn the same day, and the denial is
    # appealed and the appeal decided; c gets its records.
    dec1 = date(2026, 12, 1)
    d = submit_on(services, dec1)
    change(services, d, dec1, status=Status.WITHDRAWN)
    appeal = Appeal(at(dec1), "reasons", date(2026, 12, 3), False, date(2026, 12, 11))
    change(services, b, dec1, status=Status.APPEALED, appeal=appeal)
    decided = dataclasses.replace(appeal, outcome="upheld", decided_at=at(dec1, 15))
    change(services, b, dec1, status=Status.APPEAL_DECIDED, appeal=decided)
    change(
        services,
        c,
        dec1,
        status=Status.RELEASED,
        determined_on=dec1,
        release=Release(date(2026, 12, 4), "10:00", delivered_on=date(2026, 12, 2)),
        deliveries=(RecordsDelivery(at(date(2026, 12, 2)), DeliveryMethod.LINK),),
    )
    later = on(services, date(2026, 12, 2))
    refresh_statistics(later)
    figures = same_as_a_rebuild(later)[SUMMARY_KEY]
    by_period = {f["period"]: f for f in figures["months"]}
    assert by_period["2026-12"]["outcomes"]["withdrawn"] == 1  # d, never seen open
    assert by_period["2026-12"]["outcomes"]["released"] == 1  # c
    assert by_period["2026-12"]["outcomes"]["denied"] == 1  # b, upheld on 1 December
    assert by_period["2026-11"]["appeals"]["by_outcome"]["upheld"] == 1
    assert by_period["2026-12"]["received"]["total"] == 1
    assert figures["open"] == 0


def test_a_run_reads_the_open_and_the_new_not_every_request(services: Services) -> None:
    old = [submit_on(services, date(2026, 10, 5)) for _ in range(30)]
    for number in old:
        change(services, number, date(2026, 10, 8), status=Status.WITHDRAWN)
    refresh_statistics(on(services, date(2026, 11, 1)))
    open_one = submit_on(services, date(2026, 11, 2))
    counting = CountingStore(services.store)
    counted = dataclasses.replace(on(services, date(2026, 11, 3)), store=counting)
    run = refresh_statistics(counted)
    assert run.requests_read == 1
    assert counting.read["log_page"] == 0
    assert sum(counting.read.values()) == 1  # the new one, once
    assert summary(counted)["months"][0]["open"] == 1
    assert open_one


def test_an_overdue_request_is_counted_the_day_after_its_due_date(services: Services) -> None:
    submit_on(services, date(2026, 11, 16))  # due 30 November (Thanksgiving)
    refresh_statistics(on(services, date(2026, 11, 30)))
    assert summary(services)["overdue"] == 0
    refresh_statistics(on(services, date(2026, 12, 1)))
    assert summary(services)["overdue"] == 1
    assert summary(services)["months"][1]["overdue"] == 1  # November's, read in December


def test_the_sweep_keeps_the_statistics(services: Services) -> None:
    submit_on(services, date(2026, 11, 16))
    report = run_sweep(on(services, date(2026, 11, 17)))
    assert report.statistics == 1
    figures = summary(services)
    assert figures is not None and figures["months"][0]["received"]["total"] == 1
    assert figures["as_of"] == "2026-11-17"
    # The next day's sweep reads the one open request again, nothing else.
    assert run_sweep(on(services, date(2026, 11, 17) + timedelta(days=1))).statistics == 1


def test_no_personal_data_is_kept_in_the_statistics_files(services: Services) -> None:
    submit_on(services, date(2026, 11, 16))
    refresh_statistics(on(services, date(2026, 11, 17)))
    state = json.loads(services.files.get(STATE_KEY) or b"{}")
    stored = b"".join(
        services.files.get(key) or b"" for key in [SUMMARY_KEY, *map(month_key, state["months"])]
    ).decode()
    request = services.store.get("PRA-2026-00001")
    assert request is not None
    for private in (
        request.submission.description,
        request.submission.name,
        request.submission.email,
    ):
        assert not private or private not in stored
