"""Rules a mutant changed without any test failing (mutmut): each now has its test."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from pra.domain import deadlines
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import DeadlineError, RuleSet, deadlines_for, rule_set_for
from pra.domain.lifecycle import Status
from pra.domain.request import (
    Appeal,
    HistoryEvent,
    InvalidSubmission,
    PraRequest,
    Submission,
    parse_submission,
)

CALENDAR = BusinessCalendar()
PACIFIC = ZoneInfo("America/Los_Angeles")
OLD = RuleSet("old", date(2023, 1, 1), 10, 14, "calendar")
NEW = RuleSet("new", date(2027, 7, 1), 5, 7, "calendar")


def test_the_newest_rule_set_in_force_on_the_received_day_applies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for order in [(OLD, NEW), (NEW, OLD)]:  # whatever order the table lists them in
        monkeypatch.setattr(deadlines, "RULE_SETS", order)
        assert rule_set_for(date(2027, 6, 30)) is OLD
        assert rule_set_for(date(2027, 7, 1)) is NEW
        assert rule_set_for(date(2030, 1, 1)) is NEW
        with pytest.raises(DeadlineError, match="from 20"):
            rule_set_for(date(2022, 12, 31))
    monkeypatch.setattr(deadlines, "RULE_SETS", (OLD, NEW))
    assert deadlines_for(date(2027, 7, 1), CALENDAR).rule_set == "new"


def test_the_2023_court_calendar_moves_a_christmas_due_date() -> None:
    # Received Friday 2023-12-15: the tenth day is Monday 2023-12-25, Christmas Day.
    due = deadlines_for(date(2023, 12, 15), CALENDAR)
    assert (due.initial_response_target, due.initial_response_due) == (
        date(2023, 12, 25),
        date(2023, 12, 26),
    )


def _request(status: Status) -> PraRequest:
    received = datetime(2026, 11, 16, 10, tzinfo=PACIFIC)
    return PraRequest(
        "PRA-2026-00001",
        "d" * 64,
        received,
        deadlines_for(received.date(), CALENDAR),
        Submission(description="Minutes of the library commission", email="a@example.org"),
        status=status,
    )


@pytest.mark.parametrize("status", [Status.APPEAL_DECIDED, Status.REOPENED])
def test_a_decided_appeal_or_a_reopened_request_is_not_due_the_old_initial_date(
    status: Status,
) -> None:
    appeal = Appeal(
        received_at=datetime(2026, 12, 4, 9, tzinfo=PACIFIC),
        reasons="The minutes are public.",
        window_closed=date(2026, 12, 30),
        late=False,
        decision_due=date(2026, 12, 14),
    )
    request = dataclasses.replace(_request(status), appeal=appeal)
    assert request.next_due != request.deadlines.initial_response_due
    assert request.next_due is None


LIMITS = {
    "name": 200,
    "phone": 40,
    "mailing_address": 1000,
    "date_range": 200,
    "website": 2000,
}


@pytest.mark.parametrize(("field", "limit"), sorted(LIMITS.items()))
def test_each_field_takes_its_limit_and_refuses_one_more(field: str, limit: int) -> None:
    fill = "5" if field == "phone" else "a"
    base = {"description": "Minutes of the library commission", "delivery": "pickup"}
    parse_submission({**base, field: fill * limit})
    with pytest.raises(InvalidSubmission) as refused:
        parse_submission({**base, field: fill * (limit + 1)})
    assert [(e.field, e.code) for e in refused.value.errors] == [(field, "too_long")]


def test_an_email_of_254_characters_is_taken_and_255_refused() -> None:
    def address(last_label: int) -> str:
        return f"{'a' * 64}@{'e' * 63}.{'f' * 63}.{'h' * last_label}.org"

    assert (len(address(57)), len(address(58))) == (254, 255)
    description = "Minutes of the library commission"
    parse_submission({"description": description, "email": address(57)})
    with pytest.raises(InvalidSubmission) as refused:
        parse_submission({"description": description, "email": address(58)})
    assert [e.field for e in refused.value.errors] == ["email"]


def test_value_objects_stay_frozen() -> None:
    due = deadlines_for(date(2026, 11, 16), CALENDAR)
    with pytest.raises(dataclasses.FrozenInstanceError):
        due.initial_response_due = date(2030, 1, 1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        OLD.response_days = 30  # type: ignore[misc]
    event = HistoryEvent(datetime(2026, 11, 16, tzinfo=PACIFIC), "someone", "received")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.note = "changed"  # type: ignore[misc]
    request = _request(Status.RECEIVED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.status = Status.DENIED  # type: ignore[misc]
    submission = request.submission
    with pytest.raises(ValidationError):
        submission.description = "Something else entirely"  # type: ignore[misc]
