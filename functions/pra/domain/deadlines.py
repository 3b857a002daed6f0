"""The statutory deadline clock: Gov. Code § 7922.535, counted by CCP §§ 12, 12a.

Counting rules are chosen by the received date, so a change in the law is a new rule set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from pra.domain.calendar import BusinessCalendar


class DeadlineError(ValueError):
    """A deadline cannot be computed for the given input."""


@dataclass(frozen=True)
class RuleSet:
    """How the determination and extension periods are counted for requests received from a date."""

    name: str
    effective_from: date
    response_days: int
    extension_days: int
    counting: str  # "calendar": every day counts; only the last day moves (CCP § 12a)


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        name="Gov. Code § 7922.535 (10 calendar days, extension up to 14)",
        effective_from=date(2023, 1, 1),
        response_days=10,
        extension_days=14,
        counting="calendar",
    ),
)


def rule_set_for(received: date) -> RuleSet:
    """The newest rule set in force on the received date."""
    in_force = [r for r in RULE_SETS if r.effective_from <= received]
    if not in_force:
        first = RULE_SETS[0].effective_from.isoformat()
        raise DeadlineError(f"deadlines are computed for requests received from {first} on")
    return max(in_force, key=lambda r: r.effective_from)


class ExtensionReason(Enum):
    """The unusual circumstances of § 7922.535(c), each with the date it became law."""

    FIELD_FACILITIES = ("field_facilities", date(1968, 1, 1))
    VOLUMINOUS = ("voluminous", date(1968, 1, 1))
    CONSULTATION = ("consultation", date(1968, 1, 1))
    DATA_EXTRACTION = ("data_extraction", date(1968, 1, 1))
    EMERGENCY = ("emergency", date(2025, 1, 1))
    CYBERATTACK = ("cyberattack", date(2026, 1, 1))

    def __init__(self, key: str, in_law_since: date) -> None:
        self.key = key
        self.in_law_since = in_law_since

    @classmethod
    def available_on(cls, day: date) -> list[ExtensionReason]:
        return [reason for reason in cls if reason.in_law_since <= day]


@dataclass(frozen=True)
class Deadlines:
    """The dates a request's clock gives: targets are nominal, due dates after § 12a moves."""

    received_date: date
    initial_response_target: date
    initial_response_due: date
    extended_target: date
    extended_due: date
    rule_set: str


@dataclass(frozen=True)
class ReceiptRules:
    """How a received timestamp becomes the day counting starts from."""

    timezone: str = "America/Los_Angeles"
    # Off by default: whether after-hours receipt counts the next business day is unsettled.
    after_hours_next_day: bool = False
    office_closes_at: time = time(17, 0)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def received_date(received_at: datetime, calendar: BusinessCalendar, rules: ReceiptRules) -> date:
    """The calendar date of receipt in the agency's time zone, moved only if the setting asks."""
    if received_at.tzinfo is None:
        raise DeadlineError("the received time must carry a time zone")
    local = received_at.astimezone(rules.zone)
    day = local.date()
    after_hours = local.time() >= rules.office_closes_at or not calendar.is_business_day(day)
    if rules.after_hours_next_day and after_hours:
        day = calendar.on_or_next_business_day(day + timedelta(days=1))
    return day


def deadlines_for(received: date, calendar: BusinessCalendar) -> Deadlines:
    """CCP § 12: exclude the day of receipt, include the last day; § 12a moves a holiday."""
    rules = rule_set_for(received)
    target = received + timedelta(days=rules.response_days)
    # The 14 days run from the nominal 10th day: the shorter, safer reading (LEGAL-NOTES.md).
    extended_target = target + timedelta(days=rules.extension_days)
    return Deadlines(
        received_date=received,
        initial_response_target=target,
        initial_response_due=calendar.on_or_next_business_day(target),
        extended_target=extended_target,
        extended_due=calendar.on_or_next_business_day(extended_target),
        rule_set=rules.name,
    )


def deadlines_at(
    received_at: datetime, calendar: BusinessCalendar, rules: ReceiptRules
) -> Deadlines:
    return deadlines_for(received_date(received_at, calendar, rules), calendar)
