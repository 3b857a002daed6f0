"""The sweep reminds the coordinator before a due date and escalates to the Director after."""

from __future__ import annotations

from datetime import datetime

from pra.adapters.clocks import FixedClock
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.submit import submit_request
from pra.services.sweep import run_sweep
from tests.conftest import PACIFIC, VALID_REQUEST, text_body


def _at(services: Services, when: datetime) -> Services:
    return Services(**{**services.__dict__, "clock": FixedClock(when)})


def _submit(services: Services) -> str:
    return submit_request(services, parse_submission(VALID_REQUEST)).tracking_number


def test_nothing_is_due_soon_right_after_receipt(services: Services) -> None:
    _submit(services)
    assert run_sweep(services).reminders == 0


def test_two_business_days_before_the_due_date_the_coordinator_is_reminded(
    services: Services, outbox
) -> None:
    # Received 2026-11-16, due Monday 2026-11-30. Business days before it: Wednesday 25
    # (one), Tuesday 24 (two); Thursday and Friday are the Thanksgiving holidays.
    number = _submit(services)
    monday = run_sweep(_at(services, datetime(2026, 11, 23, 6, tzinfo=PACIFIC)))
    tuesday = run_sweep(_at(services, datetime(2026, 11, 24, 6, tzinfo=PACIFIC)))
    assert (monday.reminders, tuesday.reminders) == (0, 1)
    reminder = outbox()[-1]
    assert reminder["To"] == "coordinator@library.example"
    assert reminder["Subject"] == f"Reminder: {number} response due Monday, November 30, 2026"
    assert "An extension notice (up to Thursday, December 10, 2026)" in text_body(reminder)


def test_a_reminder_is_sent_once_however_often_the_sweep_runs(services: Services) -> None:
    _submit(services)
    later = _at(services, datetime(2026, 11, 24, 6, tzinfo=PACIFIC))
    assert [run_sweep(later).reminders for _ in range(3)] == [1, 0, 0]


def test_a_passed_due_date_escalates_to_the_director_once(services: Services, outbox) -> None:
    number = _submit(services)
    overdue = _at(services, datetime(2026, 12, 1, 6, tzinfo=PACIFIC))
    assert [run_sweep(overdue).escalations for _ in range(2)] == [1, 0]
    escalation = outbox()[-1]
    assert escalation["To"] == "director@library.example"
    assert escalation["Subject"] == f"Overdue: {number} response was due Monday, November 30, 2026"
    history = [e.action for e in overdue.store.history(number)]
    assert history == ["received", "deadline_escalation"]
