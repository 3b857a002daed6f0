"""Extensions, appeal windows and the responsible person (Gov. Code § 7922.535; Policy 1002)."""

from datetime import date

import pytest

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import ExtensionReason, deadlines_for
from pra.domain.responses import (
    ResponseRefused,
    ResponsiblePerson,
    answer_by,
    appeal_decision_due,
    appeal_is_late,
    appeal_window_closes,
    check_extension,
)

CALENDAR = BusinessCalendar()
# Received Monday 2026-11-16: initial response due 2026-11-30, extension limit 2026-12-10.
NOV_16 = deadlines_for(date(2026, 11, 16), CALENDAR)
# Received 2025-06-02: before the cyberattack reason became law (2026-01-01).
JUNE_2025 = deadlines_for(date(2025, 6, 2), CALENDAR)


def test_an_extension_sent_in_time_moves_the_due_date() -> None:
    new_due = check_extension(
        NOV_16, ExtensionReason.VOLUMINOUS, date(2026, 12, 10), date(2026, 11, 25), CALENDAR
    )
    assert new_due == date(2026, 12, 10)


def test_an_extension_may_be_sent_on_the_due_date_itself() -> None:
    sent = NOV_16.initial_response_due
    assert check_extension(
        NOV_16, ExtensionReason.CONSULTATION, date(2026, 12, 4), sent, CALENDAR
    ) == date(2026, 12, 4)


def test_a_new_date_on_a_weekend_moves_to_the_next_business_day() -> None:
    # Saturday 2026-12-05 → Monday 2026-12-07.
    assert check_extension(
        NOV_16, ExtensionReason.FIELD_FACILITIES, date(2026, 12, 5), date(2026, 11, 20), CALENDAR
    ) == date(2026, 12, 7)


@pytest.mark.parametrize(
    ("deadlines", "reason", "new_due", "sent", "message"),
    [
        # Sent the day after the initial due date: too late.
        (
            NOV_16,
            ExtensionReason.VOLUMINOUS,
            date(2026, 12, 10),
            date(2026, 12, 1),
            "an extension must be sent by the initial due date, 2026-11-30",
        ),
        # Past the 14-day limit.
        (
            NOV_16,
            ExtensionReason.VOLUMINOUS,
            date(2026, 12, 11),
            date(2026, 11, 20),
            "an extension may reach 2026-12-10 at the latest",
        ),
        # Not later than the date it extends.
        (
            NOV_16,
            ExtensionReason.VOLUMINOUS,
            date(2026, 11, 30),
            date(2026, 11, 20),
            "the new date must come after the initial due date",
        ),
        # A cyberattack became a reason on 2026-01-01 (AB 370); this notice goes in 2025.
        (
            JUNE_2025,
            ExtensionReason.CYBERATTACK,
            date(2025, 6, 20),
            date(2025, 6, 5),
            "the reason 'cyberattack' is not law on 2025-06-05, the day the notice is sent",
        ),
    ],
)
def test_an_extension_is_refused_with_the_reason(deadlines, reason, new_due, sent, message) -> None:
    with pytest.raises(ResponseRefused) as refused:
        check_extension(deadlines, reason, new_due, sent, CALENDAR)
    assert str(refused.value) == message


def test_the_law_on_the_day_the_notice_is_sent_decides_not_the_received_day() -> None:
    """A request of Wednesday 2025-12-24 (due Monday 2026-01-05): a notice sent on Friday
    2026-01-02 may cite a cyberattack, in law since the day before; one on 2025-12-31 not."""
    late_2025 = deadlines_for(date(2025, 12, 24), CALENDAR)
    assert late_2025.initial_response_due == date(2026, 1, 5)
    assert check_extension(
        late_2025, ExtensionReason.CYBERATTACK, date(2026, 1, 9), date(2026, 1, 2), CALENDAR
    ) == date(2026, 1, 9)
    with pytest.raises(ResponseRefused, match="not law on 2025-12-31"):
        check_extension(
            late_2025, ExtensionReason.CYBERATTACK, date(2026, 1, 9), date(2025, 12, 31), CALENDAR
        )


def test_the_emergency_reason_is_available_for_a_2025_request() -> None:
    assert check_extension(
        JUNE_2025, ExtensionReason.EMERGENCY, date(2025, 6, 20), date(2025, 6, 5), CALENDAR
    ) == date(2025, 6, 20)


@pytest.mark.parametrize(
    ("sent", "closes"),
    [
        # Letter sent Tuesday 2026-12-01: the 10th day is Friday 2026-12-11.
        (date(2026, 12, 1), date(2026, 12, 11)),
        # Letter sent Wednesday 2026-12-16: the 10th day is Saturday 12-26 → Monday 12-28.
        (date(2026, 12, 16), date(2026, 12, 28)),
        # Letter sent 2026-11-01: the 10th day is Veterans Day (Wed 11-11) → Thursday 11-12.
        (date(2026, 11, 1), date(2026, 11, 12)),
    ],
)
def test_the_appeal_window_is_ten_calendar_days(sent: date, closes: date) -> None:
    assert appeal_window_closes(sent, CALENDAR) == closes


def test_an_appeal_after_the_window_is_late_but_on_the_last_day_is_not() -> None:
    sent = date(2026, 12, 1)
    assert not appeal_is_late(date(2026, 12, 11), sent, CALENDAR)
    assert appeal_is_late(date(2026, 12, 12), sent, CALENDAR)


def test_the_directors_answer_is_due_ten_days_after_the_appeal_arrives() -> None:
    # Appeal received Monday 2026-12-14: 10th day Thursday 12-24 is a business day.
    assert appeal_decision_due(date(2026, 12, 14), CALENDAR) == date(2026, 12, 24)


def test_a_responsible_person_needs_name_title_and_contact() -> None:
    with pytest.raises(ResponseRefused) as refused:
        ResponsiblePerson(name="Ana Núñez", title=" ", email="ana@library.example")
    assert str(refused.value) == "a letter needs the responsible person's name, title and contact"


@pytest.mark.parametrize(
    ("asked", "due", "answer"),
    [
        (date(2026, 11, 17), date(2026, 11, 30), date(2026, 11, 27)),  # three days before
        (date(2026, 11, 26), date(2026, 11, 30), date(2026, 11, 28)),  # two days after asking
        (date(2026, 11, 29), date(2026, 11, 30), date(2026, 11, 30)),  # never after the due day
    ],
)
def test_a_question_asks_its_answer_in_time_to_use_it(asked: date, due: date, answer: date) -> None:
    assert answer_by(asked, due) == answer
