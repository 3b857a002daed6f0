"""Properties of the statutory clock over many dates (Hypothesis), not only the ones we chose.

For any receipt day from 2023 (when the rule set starts) to 2035 and any agency closures:
the initial response is due no sooner than ten days after receipt and on a business day; the
extended date is the 24th day moved the same way, never later; and a due date differs from
its nominal day only across days that are not business days (CCP §§ 12, 12a, 12b).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import ReceiptRules, deadlines_for, received_date

DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2035, 12, 31))
CLOSURES = st.frozensets(DAYS, max_size=6)
PLAIN = BusinessCalendar()
EXAMPLES = settings(max_examples=300, deadline=None)


def calendar_with(closures: frozenset[date]) -> BusinessCalendar:
    return BusinessCalendar(closure_days=closures) if closures else PLAIN


@EXAMPLES
@given(received=DAYS, closures=CLOSURES)
def test_the_initial_response_is_due_on_a_business_day_ten_or_more_days_on(
    received: date, closures: frozenset[date]
) -> None:
    calendar = calendar_with(closures)
    due = deadlines_for(received, calendar)
    assert due.initial_response_due >= received + timedelta(days=10)
    assert calendar.is_business_day(due.initial_response_due)


@EXAMPLES
@given(received=DAYS, closures=CLOSURES)
def test_an_extension_never_passes_the_24th_day_moved(
    received: date, closures: frozenset[date]
) -> None:
    calendar = calendar_with(closures)
    due = deadlines_for(received, calendar)
    last = received + timedelta(days=24)
    assert due.extended_target == last
    assert due.extended_due == calendar.on_or_next_business_day(last)
    assert calendar.is_business_day(due.extended_due)
    assert due.extended_due > due.initial_response_due


@EXAMPLES
@given(received=DAYS, closures=CLOSURES)
def test_a_due_date_moves_only_across_days_that_are_not_business_days(
    received: date, closures: frozenset[date]
) -> None:
    calendar = calendar_with(closures)
    due = deadlines_for(received, calendar)
    for nominal, moved in [
        (due.initial_response_target, due.initial_response_due),
        (due.extended_target, due.extended_due),
    ]:
        skipped = [nominal + timedelta(days=n) for n in range((moved - nominal).days)]
        assert not any(calendar.is_business_day(day) for day in skipped)


@EXAMPLES
@given(
    day=DAYS,
    minutes=st.integers(min_value=0, max_value=24 * 60 - 1),
    next_day=st.booleans(),
)
def test_the_received_day_is_the_local_day_or_the_next_business_day_after_hours(
    day: date, minutes: int, next_day: bool
) -> None:
    zone = ZoneInfo("America/Los_Angeles")
    at = datetime.combine(day, time(minutes // 60, minutes % 60), zone)
    rules = ReceiptRules(after_hours_next_day=next_day)
    counted = received_date(at.astimezone(ZoneInfo("UTC")), PLAIN, rules)
    if not next_day:
        assert counted == day
    else:
        assert counted >= day and (counted == day or PLAIN.is_business_day(counted))
        assert counted - day <= timedelta(days=7)
