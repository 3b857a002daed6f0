"""Business days for counting PRA time: CCP §§ 12a, 12b, 135.

The `holidays` package's stock California calendar is a state-employee calendar. The
deadline rules need the judicial one, so we build it on the same machinery from the list
of CCP § 135 (DESIGN.md), observed as California Rules of Court rule 1.11 says: a judicial
holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from holidays.groups.christian import ChristianHolidays
from holidays.groups.international import InternationalHolidays
from holidays.observed_holiday_base import (
    SAT_TO_PREV_FRI,
    SUN_TO_NEXT_MON,
    ObservedHolidayBase,
)


class CaliforniaJudicialHolidays(ObservedHolidayBase, ChristianHolidays, InternationalHolidays):
    """Judicial holidays of CCP § 135 (not the § 6700 days it excludes)."""

    country = "US"
    subdivisions = ("CA",)
    observed_label = "%s (observed)"
    # The portal counts from the recodified Act (2023); earlier years are out of scope.
    start_year = 2023

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        ChristianHolidays.__init__(self)
        InternationalHolidays.__init__(self)
        kwargs.setdefault("observed_rule", SAT_TO_PREV_FRI + SUN_TO_NEXT_MON)
        super().__init__(*args, **kwargs)

    def _populate(self, year: int) -> None:
        super()._populate(year)
        fixed = self._add_observed
        fixed(self._add_new_years_day("New Year's Day"))
        # New Year's Day of next year on a Saturday is observed on 31 December of this one.
        fixed(self._next_year_new_years_day, name="New Year's Day")
        self._add_holiday_3rd_mon_of_jan("Martin Luther King, Jr. Day")
        fixed(self._add_holiday_feb_12("Lincoln Day"))
        self._add_holiday_3rd_mon_of_feb("Presidents' Day")
        fixed(self._add_holiday_mar_31("Cesar Chavez Day"))
        self._add_holiday_last_mon_of_may("Memorial Day")
        fixed(self._add_holiday_jun_19("Juneteenth"))
        fixed(self._add_holiday_jul_4("Independence Day"))
        self._add_holiday_1st_mon_of_sep("Labor Day")
        self._add_holiday_4th_fri_of_sep("Native American Day")
        fixed(self._add_holiday_nov_11("Veterans Day"))
        self._add_holiday_4th_thu_of_nov("Thanksgiving Day")
        self._add_holiday_1_day_past_4th_thu_of_nov("Day after Thanksgiving")
        fixed(self._add_christmas_day("Christmas Day"))


@dataclass(frozen=True)
class BusinessCalendar:
    """A business day is a weekday that is neither a judicial holiday nor an agency closure."""

    closure_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_holidays", CaliforniaJudicialHolidays())

    def holiday_name(self, day: date) -> str | None:
        name: str | None = self._judicial().get(day)
        if name is None and day in self.closure_days:
            return "Agency closed (CCP § 12b)"
        return name

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and self.holiday_name(day) is None

    def on_or_next_business_day(self, day: date) -> date:
        """CCP § 12a: a last day that is a holiday moves to the next day that is not."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days after `start` up to and including `end` (0 when end <= start)."""
        days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_business_day(day))

    def holidays_in(self, years: Iterable[int]) -> dict[date, str]:
        judicial = CaliforniaJudicialHolidays(years=list(years))
        return {day: str(name) for day, name in sorted(judicial.items())}

    def _judicial(self) -> CaliforniaJudicialHolidays:
        holidays: CaliforniaJudicialHolidays = object.__getattribute__(self, "_holidays")
        return holidays
