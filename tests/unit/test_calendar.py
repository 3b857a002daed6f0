"""The business-day calendar: CCP § 135 judicial holidays, rule 1.11 observance, § 12b closures."""

from datetime import date

import holidays
import pytest

from pra.domain.calendar import BusinessCalendar

CALENDAR = BusinessCalendar()

JUDICIAL_HOLIDAYS_2026 = {
    date(2026, 1, 1): "New Year's Day",  # Thursday
    date(2026, 1, 19): "Martin Luther King, Jr. Day",  # 3rd Monday of January
    date(2026, 2, 12): "Lincoln Day",  # Thursday
    date(2026, 2, 16): "Presidents' Day",  # 3rd Monday of February
    date(2026, 3, 31): "Cesar Chavez Day",  # Tuesday
    date(2026, 5, 25): "Memorial Day",  # last Monday of May
    date(2026, 6, 19): "Juneteenth",  # Friday
    date(2026, 7, 3): "Independence Day (observed)",  # July 4 is a Saturday
    date(2026, 7, 4): "Independence Day",
    date(2026, 9, 7): "Labor Day",  # 1st Monday of September
    date(2026, 9, 25): "Native American Day",  # 4th Friday of September
    date(2026, 11, 11): "Veterans Day",  # Wednesday
    date(2026, 11, 26): "Thanksgiving Day",  # 4th Thursday of November
    date(2026, 11, 27): "Day after Thanksgiving",
    date(2026, 12, 25): "Christmas Day",  # Friday
}

JUDICIAL_HOLIDAYS_2027 = {
    date(2027, 1, 1): "New Year's Day",  # Friday
    date(2027, 1, 18): "Martin Luther King, Jr. Day",
    date(2027, 2, 12): "Lincoln Day",  # Friday
    date(2027, 2, 15): "Presidents' Day",
    date(2027, 3, 31): "Cesar Chavez Day",  # Wednesday
    date(2027, 5, 31): "Memorial Day",
    date(2027, 6, 18): "Juneteenth (observed)",  # June 19 is a Saturday
    date(2027, 6, 19): "Juneteenth",
    date(2027, 7, 4): "Independence Day",  # a Sunday
    date(2027, 7, 5): "Independence Day (observed)",
    date(2027, 9, 6): "Labor Day",
    date(2027, 9, 24): "Native American Day",
    date(2027, 11, 11): "Veterans Day",  # Thursday
    date(2027, 11, 25): "Thanksgiving Day",
    date(2027, 11, 26): "Day after Thanksgiving",
    date(2027, 12, 24): "Christmas Day (observed)",  # December 25 is a Saturday
    date(2027, 12, 25): "Christmas Day",
    date(2027, 12, 31): "New Year's Day (observed)",  # 1 January 2028 is a Saturday
}


def test_the_judicial_holidays_of_2026_are_the_ccp_135_list():
    assert CALENDAR.holidays_in([2026]) == JUDICIAL_HOLIDAYS_2026


def test_the_judicial_holidays_of_2027_are_the_ccp_135_list():
    assert CALENDAR.holidays_in([2027]) == JUDICIAL_HOLIDAYS_2027


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "New Year's Day"),  # fixed date
        (date(2026, 1, 19), "Martin Luther King, Jr. Day"),  # 3rd Monday of January
        (date(2027, 2, 12), "Lincoln Day"),  # fixed date, a Friday in 2027
        (date(2027, 2, 15), "Presidents' Day"),  # 3rd Monday of February
        (date(2027, 3, 31), "Cesar Chavez Day"),  # fixed date
        (date(2026, 5, 25), "Memorial Day"),  # last Monday of May
        (date(2026, 6, 19), "Juneteenth"),  # fixed date
        (date(2026, 9, 7), "Labor Day"),  # 1st Monday of September
        (date(2026, 9, 25), "Native American Day"),  # 4th Friday of September
        (date(2028, 9, 22), "Native American Day"),  # 4th Friday, not the last: Sep 2028 has 5
        (date(2027, 11, 11), "Veterans Day"),  # fixed date
        (date(2027, 11, 25), "Thanksgiving Day"),  # 4th Thursday of November
        (date(2027, 11, 26), "Day after Thanksgiving"),  # the Friday after
        (date(2026, 12, 25), "Christmas Day"),  # fixed date
    ],
)
def test_each_kind_of_judicial_holiday_is_not_a_business_day(day, name):
    assert (CALENDAR.holiday_name(day), CALENDAR.is_business_day(day)) == (name, False)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 7, 3), "Independence Day (observed)"),  # July 4 2026 is a Saturday
        (date(2027, 6, 18), "Juneteenth (observed)"),  # June 19 2027 is a Saturday
        (date(2027, 7, 5), "Independence Day (observed)"),  # July 4 2027 is a Sunday
        (date(2027, 12, 24), "Christmas Day (observed)"),  # December 25 2027 is a Saturday
        (date(2027, 12, 31), "New Year's Day (observed)"),  # 1 January 2028 is a Saturday
        (date(2028, 2, 11), "Lincoln Day (observed)"),  # February 12 2028 is a Saturday
        (date(2028, 11, 10), "Veterans Day (observed)"),  # November 11 2028 is a Saturday
    ],
)
def test_a_weekend_holiday_is_observed_on_the_nearest_weekday_per_rule_1_11(day, name):
    assert (CALENDAR.holiday_name(day), CALENDAR.is_business_day(day)) == (name, False)


def test_new_years_eve_2027_is_a_holiday_even_when_asked_about_first():
    # A fresh calendar has loaded no year yet: the observed day comes from next year's holiday.
    assert BusinessCalendar().is_business_day(date(2027, 12, 31)) is False


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 7, 6),  # the Monday after a Saturday July 4: the Friday before was observed
        date(2027, 7, 2),  # the Friday before a Sunday July 4: the Monday after is observed
        date(2026, 12, 31),  # 1 January 2027 is a Friday, so nothing moves into 2026
        date(2026, 12, 24),  # Christmas Eve is not a judicial holiday
        date(2028, 9, 29),  # the 5th Friday of September 2028: Native American Day was the 4th
    ],
)
def test_a_weekday_that_only_looks_like_a_holiday_is_a_business_day(day):
    assert CALENDAR.is_business_day(day) is True


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 10, 12),  # Columbus Day (2nd Monday of October), in § 6700 only
        date(2027, 10, 11),  # Columbus Day 2027
        date(2026, 9, 9),  # Admission Day, a Wednesday
        date(2027, 9, 9),  # Admission Day, a Thursday
        date(2026, 2, 17),  # Lunar New Year, a Tuesday
        date(2026, 4, 24),  # Genocide Remembrance Day, a Friday
        date(2026, 4, 3),  # Good Friday (§ 6700 has the afternoon only)
        date(2027, 10, 29),  # Diwali 2027, a Friday
    ],
)
def test_a_section_6700_day_that_is_not_a_judicial_holiday_is_a_business_day(day):
    assert (CALENDAR.holiday_name(day), CALENDAR.is_business_day(day)) == (None, True)


def test_diwali_2026_is_a_weekend_day_not_a_holiday():
    # 8 November 2026 is a Sunday: not a business day, but not because it is Diwali.
    sunday = date(2026, 11, 8)
    assert (CALENDAR.holiday_name(sunday), CALENDAR.is_business_day(sunday)) == (None, False)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 11, 14),  # a Saturday
        date(2026, 11, 15),  # a Sunday
    ],
)
def test_a_weekend_day_is_not_a_business_day(day):
    assert CALENDAR.is_business_day(day) is False


def test_an_agency_closure_day_is_not_a_business_day():
    closed = BusinessCalendar(closure_days=frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    assert [closed.is_business_day(d) for d in (date(2026, 12, 24), date(2026, 12, 31))] == [
        False,
        False,
    ]


def test_an_agency_closure_day_is_named_after_ccp_12b():
    closed = BusinessCalendar(closure_days=frozenset({date(2026, 12, 24)}))
    assert closed.holiday_name(date(2026, 12, 24)) == "Agency closed (CCP § 12b)"


def test_a_closure_on_a_judicial_holiday_keeps_the_holiday_name():
    closed = BusinessCalendar(closure_days=frozenset({date(2026, 12, 25)}))
    assert closed.holiday_name(date(2026, 12, 25)) == "Christmas Day"


def test_a_closure_day_configured_for_one_agency_leaves_the_default_calendar_open():
    BusinessCalendar(closure_days=frozenset({date(2026, 12, 24)}))
    assert CALENDAR.is_business_day(date(2026, 12, 24)) is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 18), date(2026, 11, 18)),  # a Wednesday stays put
        (date(2026, 3, 14), date(2026, 3, 16)),  # Saturday → Monday
        (date(2026, 11, 26), date(2026, 11, 30)),  # Thanksgiving, the day after, a weekend
        (date(2027, 1, 17), date(2027, 1, 19)),  # Sunday, then Martin Luther King, Jr. Day
    ],
)
def test_on_or_next_business_day_moves_only_a_day_that_is_not_one(day, expected):
    assert CALENDAR.on_or_next_business_day(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        # Nov 17-20, 23-25 and 30: Thanksgiving, the day after and two weekends drop out.
        (date(2026, 11, 16), date(2026, 11, 30), 8),
        (date(2026, 11, 16), date(2026, 11, 17), 1),  # the start day itself is excluded
        (date(2026, 11, 16), date(2026, 11, 16), 0),  # same day
        (date(2026, 11, 30), date(2026, 11, 16), 0),  # end before start
    ],
)
def test_business_days_between_excludes_the_start_and_includes_the_end(start, end, count):
    assert CALENDAR.business_days_between(start, end) == count


def test_our_calendar_differs_from_the_stock_california_one_exactly_here():
    ours = CALENDAR.holidays_in([2026])
    stock = holidays.country_holidays("US", subdiv="CA", years=2026)
    differences = {
        "only ours": {day: ours[day] for day in ours.keys() - stock.keys()},
        "only stock": {day: stock[day] for day in stock.keys() - ours.keys()},
    }
    assert differences == {
        # CCP § 135 keeps both; the stock calendar follows state-employee holidays.
        "only ours": {
            date(2026, 2, 12): "Lincoln Day",
            date(2026, 9, 25): "Native American Day",
        },
        # Commemorative days that are not judicial holidays.
        "only stock": {
            date(2026, 2, 15): "Susan B. Anthony Day",
            date(2026, 11, 8): "Diwali",
        },
    }
