"""The deadline clock: Gov. Code § 7922.535 counted by CCP §§ 12, 12a, 12b (LEGAL-NOTES.md)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import (
    DeadlineError,
    Deadlines,
    ExtensionReason,
    ReceiptRules,
    RuleSet,
    deadlines_at,
    deadlines_for,
    received_date,
    rule_set_for,
)

CALENDAR = BusinessCalendar()
LA = ZoneInfo("America/Los_Angeles")
RULE_SET_2023 = "Gov. Code § 7922.535 (10 calendar days, extension up to 14)"
AFTER_HOURS = ReceiptRules(after_hours_next_day=True)


# The worked examples of LEGAL-NOTES.md "Counting time".


def test_a_request_received_the_monday_before_thanksgiving():
    assert deadlines_for(date(2026, 11, 16), CALENDAR) == Deadlines(
        received_date=date(2026, 11, 16),
        initial_response_target=date(2026, 11, 26),  # Thanksgiving
        initial_response_due=date(2026, 11, 30),  # past the day after and the weekend
        extended_target=date(2026, 12, 10),
        extended_due=date(2026, 12, 10),
        rule_set=RULE_SET_2023,
    )


def test_a_request_whose_tenth_day_is_a_saturday():
    assert deadlines_for(date(2026, 3, 4), CALENDAR) == Deadlines(
        received_date=date(2026, 3, 4),
        initial_response_target=date(2026, 3, 14),  # Saturday
        initial_response_due=date(2026, 3, 16),
        extended_target=date(2026, 3, 28),  # Saturday
        extended_due=date(2026, 3, 30),
        rule_set=RULE_SET_2023,
    )


def test_a_tenth_day_on_a_sunday_moves_to_monday():
    deadlines = deadlines_for(date(2026, 2, 12), CALENDAR)
    target_and_due = (deadlines.initial_response_target, deadlines.initial_response_due)
    assert target_and_due == (date(2026, 2, 22), date(2026, 2, 23))


@pytest.mark.parametrize(
    ("received", "target", "due"),
    [
        # Veterans Day, a Wednesday: one day on.
        (date(2026, 11, 1), date(2026, 11, 11), date(2026, 11, 12)),
        # Labor Day, a Monday: Tuesday.
        (date(2026, 8, 28), date(2026, 9, 7), date(2026, 9, 8)),
        # Martin Luther King, Jr. Day, a Monday: Tuesday.
        (date(2026, 1, 9), date(2026, 1, 19), date(2026, 1, 20)),
        # Presidents' Day, a Monday: Tuesday.
        (date(2026, 2, 6), date(2026, 2, 16), date(2026, 2, 17)),
        # Memorial Day, a Monday: Tuesday.
        (date(2026, 5, 15), date(2026, 5, 25), date(2026, 5, 26)),
        # Cesar Chavez Day, a Tuesday: Wednesday.
        (date(2026, 3, 21), date(2026, 3, 31), date(2026, 4, 1)),
        # Lincoln Day 2027, a Friday, then a weekend, then Presidents' Day: Tuesday.
        (date(2027, 2, 2), date(2027, 2, 12), date(2027, 2, 16)),
        # Native American Day, a Friday, then a weekend: Monday.
        (date(2026, 9, 15), date(2026, 9, 25), date(2026, 9, 28)),
        # Juneteenth, a Friday, then a weekend: Monday.
        (date(2026, 6, 9), date(2026, 6, 19), date(2026, 6, 22)),
        # Independence Day observed on Friday 3 July, then the weekend: Monday.
        (date(2026, 6, 23), date(2026, 7, 3), date(2026, 7, 6)),
        # Independence Day 2027 observed on Monday 5 July: Tuesday.
        (date(2027, 6, 25), date(2027, 7, 5), date(2027, 7, 6)),
        # The day after Thanksgiving, then the weekend: Monday.
        (date(2026, 11, 17), date(2026, 11, 27), date(2026, 11, 30)),
        # Christmas, a Friday, then the weekend: Monday.
        (date(2026, 12, 15), date(2026, 12, 25), date(2026, 12, 28)),
    ],
)
def test_a_tenth_day_on_a_judicial_holiday_moves_to_the_next_business_day(received, target, due):
    deadlines = deadlines_for(received, CALENDAR)
    assert (deadlines.initial_response_target, deadlines.initial_response_due) == (target, due)


def test_a_tenth_day_on_columbus_day_does_not_move():
    # Columbus Day is in Gov. Code § 6700 but CCP § 135 excludes it.
    deadlines = deadlines_for(date(2026, 10, 2), CALENDAR)
    target_and_due = (deadlines.initial_response_target, deadlines.initial_response_due)
    assert target_and_due == (date(2026, 10, 12), date(2026, 10, 12))


@pytest.mark.parametrize(
    ("received", "target", "due"),
    [
        # The 10th day is New Year's Day 2027, a Friday, then a weekend.
        (date(2026, 12, 22), date(2027, 1, 1), date(2027, 1, 4)),
        # New Year's Eve 2026 is an ordinary Thursday.
        (date(2026, 12, 21), date(2026, 12, 31), date(2026, 12, 31)),
        # Received during the holidays: the 10th day is a plain Thursday.
        (date(2026, 12, 28), date(2027, 1, 7), date(2027, 1, 7)),
        # A Sunday, then Martin Luther King, Jr. Day: Tuesday.
        (date(2027, 1, 7), date(2027, 1, 17), date(2027, 1, 19)),
        # New Year's Day 2028 is a Saturday, observed Friday 31 December 2027: Monday.
        (date(2027, 12, 21), date(2027, 12, 31), date(2028, 1, 3)),
    ],
)
def test_counting_runs_across_the_year_end(received, target, due):
    deadlines = deadlines_for(received, CALENDAR)
    assert (deadlines.initial_response_target, deadlines.initial_response_due) == (target, due)


def test_an_agency_closure_on_the_tenth_day_moves_the_due_date():
    closed = BusinessCalendar(closure_days=frozenset({date(2026, 12, 24)}))
    # 24 Dec is closed, 25 Dec is Christmas, then a weekend.
    assert deadlines_for(date(2026, 12, 14), closed).initial_response_due == date(2026, 12, 28)


def test_without_the_closure_the_same_request_is_due_on_christmas_eve():
    assert deadlines_for(date(2026, 12, 14), CALENDAR).initial_response_due == date(2026, 12, 24)


def test_an_agency_closure_moves_the_extended_due_date_too():
    closed = BusinessCalendar(closure_days=frozenset({date(2026, 12, 10)}))
    assert deadlines_for(date(2026, 11, 16), closed).extended_due == date(2026, 12, 11)


@pytest.mark.parametrize(
    ("received", "extended_target", "extended_due"),
    [
        # A Saturday: Monday.
        (date(2026, 3, 4), date(2026, 3, 28), date(2026, 3, 30)),
        # The 10th and the 24th day both fall on a Saturday.
        (date(2026, 11, 18), date(2026, 12, 12), date(2026, 12, 14)),
        # A Sunday: Monday.
        (date(2026, 12, 31), date(2027, 1, 24), date(2027, 1, 25)),
        # Thanksgiving, the day after, a weekend: Monday.
        (date(2026, 11, 2), date(2026, 11, 26), date(2026, 11, 30)),
        # Martin Luther King, Jr. Day 2027: Tuesday.
        (date(2026, 12, 25), date(2027, 1, 18), date(2027, 1, 19)),
    ],
)
def test_the_extended_due_date_moves_off_a_day_that_is_not_a_business_day(
    received, extended_target, extended_due
):
    deadlines = deadlines_for(received, CALENDAR)
    assert (deadlines.extended_target, deadlines.extended_due) == (extended_target, extended_due)


def test_the_fourteen_extension_days_run_from_the_nominal_tenth_day_not_the_moved_one():
    # Nominal 10th day 26 Nov + 14 = 10 Dec; from the moved day (30 Nov) it would be 14 Dec.
    assert deadlines_for(date(2026, 11, 16), CALENDAR).extended_due == date(2026, 12, 10)


# Receipt: the calendar date in America/Los_Angeles, and the after-hours setting.


@pytest.mark.parametrize(
    ("received_at", "day"),
    [
        # 23:30 Pacific Standard Time on the 16th.
        (datetime(2026, 11, 17, 7, 30, tzinfo=UTC), date(2026, 11, 16)),
        # Midnight Pacific Standard Time starts the 17th.
        (datetime(2026, 11, 17, 8, 0, tzinfo=UTC), date(2026, 11, 17)),
        # 23:59 Pacific Daylight Time on 30 June.
        (datetime(2026, 7, 1, 6, 59, tzinfo=UTC), date(2026, 6, 30)),
        # Already local.
        (datetime(2026, 11, 16, 9, 0, tzinfo=LA), date(2026, 11, 16)),
    ],
)
def test_the_received_date_is_taken_in_california(received_at, day):
    assert received_date(received_at, CALENDAR, ReceiptRules()) == day


def test_a_received_time_without_a_time_zone_is_refused():
    with pytest.raises(DeadlineError, match=r"^the received time must carry a time zone$"):
        received_date(datetime(2026, 11, 16, 9, 0), CALENDAR, ReceiptRules())


def test_the_receipt_rules_default_to_california_with_after_hours_off():
    assert ReceiptRules() == ReceiptRules(
        timezone="America/Los_Angeles", after_hours_next_day=False, office_closes_at=time(17, 0)
    )


@pytest.mark.parametrize(
    ("received_at", "day"),
    [
        (datetime(2026, 11, 18, 17, 30, tzinfo=LA), date(2026, 11, 18)),  # after closing
        (datetime(2026, 11, 21, 10, 0, tzinfo=LA), date(2026, 11, 21)),  # a Saturday
        (datetime(2026, 11, 26, 10, 0, tzinfo=LA), date(2026, 11, 26)),  # Thanksgiving
    ],
)
def test_by_default_a_receipt_out_of_office_hours_counts_the_same_day(received_at, day):
    assert received_date(received_at, CALENDAR, ReceiptRules()) == day


@pytest.mark.parametrize(
    ("received_at", "day"),
    [
        # Wednesday 16:59: still within office hours.
        (datetime(2026, 11, 18, 16, 59, tzinfo=LA), date(2026, 11, 18)),
        # Wednesday 17:00: the office has closed.
        (datetime(2026, 11, 18, 17, 0, tzinfo=LA), date(2026, 11, 19)),
        # Wednesday 17:30 (01:30 UTC on Thursday): Thursday.
        (datetime(2026, 11, 19, 1, 30, tzinfo=UTC), date(2026, 11, 19)),
        # Friday 17:30: Monday.
        (datetime(2026, 11, 20, 17, 30, tzinfo=LA), date(2026, 11, 23)),
        # Saturday morning: Monday.
        (datetime(2026, 11, 21, 10, 0, tzinfo=LA), date(2026, 11, 23)),
        # Wednesday 17:30 before Thanksgiving: past the holiday, the day after and the weekend.
        (datetime(2026, 11, 25, 17, 30, tzinfo=LA), date(2026, 11, 30)),
        # On Thanksgiving itself: Monday.
        (datetime(2026, 11, 26, 10, 0, tzinfo=LA), date(2026, 11, 30)),
    ],
)
def test_with_the_after_hours_setting_receipt_counts_from_the_next_business_day(received_at, day):
    assert received_date(received_at, CALENDAR, AFTER_HOURS) == day


def test_deadlines_at_counts_from_the_california_date_of_a_utc_timestamp():
    received_at = datetime(2026, 11, 17, 7, 30, tzinfo=UTC)
    assert deadlines_at(received_at, CALENDAR, ReceiptRules()) == Deadlines(
        received_date=date(2026, 11, 16),
        initial_response_target=date(2026, 11, 26),
        initial_response_due=date(2026, 11, 30),
        extended_target=date(2026, 12, 10),
        extended_due=date(2026, 12, 10),
        rule_set=RULE_SET_2023,
    )


def test_deadlines_at_with_the_after_hours_setting_counts_a_friday_evening_from_monday():
    received_at = datetime(2026, 11, 13, 18, 0, tzinfo=LA)
    deadlines = deadlines_at(received_at, CALENDAR, AFTER_HOURS)
    dates = (deadlines.received_date, deadlines.initial_response_due)
    assert dates == (date(2026, 11, 16), date(2026, 11, 30))


# Rule sets and extension reasons, chosen by date.


def test_the_rule_set_from_2023_counts_ten_calendar_days_and_fourteen_more():
    assert rule_set_for(date(2023, 1, 1)) == RuleSet(
        name=RULE_SET_2023,
        effective_from=date(2023, 1, 1),
        response_days=10,
        extension_days=14,
        counting="calendar",
    )


@pytest.mark.parametrize("received", [date(2022, 12, 31), date(1999, 6, 1)])
def test_no_rule_set_applies_before_the_2023_recodification(received):
    message = r"^deadlines are computed for requests received from 2023-01-01 on$"
    with pytest.raises(DeadlineError, match=message):
        rule_set_for(received)


def test_deadlines_for_a_request_received_before_2023_are_refused():
    with pytest.raises(DeadlineError, match=r"received from 2023-01-01 on$"):
        deadlines_for(date(2022, 12, 31), CALENDAR)


FOUR_ORIGINAL_REASONS = ["field_facilities", "voluminous", "consultation", "data_extraction"]


@pytest.mark.parametrize(
    ("day", "keys"),
    [
        # Before the emergency reason became law.
        (date(2024, 12, 31), FOUR_ORIGINAL_REASONS),
        # A Governor-proclaimed emergency, from 2025.
        (date(2025, 1, 1), [*FOUR_ORIGINAL_REASONS, "emergency"]),
        (date(2025, 12, 31), [*FOUR_ORIGINAL_REASONS, "emergency"]),
        # A cyberattack, from 2026.
        (date(2026, 1, 1), [*FOUR_ORIGINAL_REASONS, "emergency", "cyberattack"]),
    ],
)
def test_extension_reasons_are_available_from_the_day_they_became_law(day, keys):
    assert [reason.key for reason in ExtensionReason.available_on(day)] == keys
