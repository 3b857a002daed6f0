"""The promised release is a deadline: reminded before, escalated after, until delivered."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from pra.domain.request import DueKind, Release
from pra.services import Services
from pra.services.respond import Response, send_response
from tests.conftest import text_body
from tests.services.sweep_support import Outbox, on, submit_on, sweep_on
from tests.services.test_respond import COORDINATOR
from tests.services.test_sweep import NUMBER, RECEIVED, deadline_emails

PROMISED = date(2026, 12, 4)  # a Friday


def released(services: Services, day: date = date(2026, 11, 20)) -> None:
    """The coordinator releases the records in full, available Dec 4 at 10:00."""
    submit_on(services, RECEIVED)
    response = Response("released", available_on=PROMISED, available_at="10:00")
    send_response(on(services, day, 10), NUMBER, COORDINATOR, response)


def test_the_release_letter_makes_the_promised_date_the_next_due_date(services: Services) -> None:
    released(services)
    request = services.store.get(NUMBER)
    assert request is not None
    assert request.release == Release(PROMISED, "10:00")
    assert (request.next_due, request.next_due_kind) == (PROMISED, DueKind.RELEASE)
    # The sparse index the sweep reads holds it: it is open until the records are delivered.
    assert [r.tracking_number for r in services.store.open_due_by(PROMISED)] == [NUMBER]


def test_the_coordinator_is_reminded_and_the_director_told_when_it_passes(
    services: Services, outbox: Outbox
) -> None:
    released(services)
    days = [date(2026, 11, 30) + timedelta(days=n) for n in range(8)]
    sent = {day.day: deadline_emails(services, day) for day in days}
    assert {day: [(s.kind, s.to, s.days_left) for s in e] for day, e in sent.items() if e} == {
        1: [("reminder", "coordinator", "3 days left")],
        3: [("reminder", "coordinator", "1 day left")],
        5: [("escalation", "director", "")],
    }
    first, second, escalation = (m for m in outbox() if "records for" in str(m["Subject"]))
    assert first["Subject"] == f"Reminder: records for {NUMBER} due Friday, December 4, 2026"
    body = text_body(second)
    assert (
        f"Reminder: the records promised for {NUMBER} are due Friday, December 4, 2026 "
        "(1 day left)." in body
    )
    assert "Status: Records released: being made available" in body
    assert "An extension notice" not in body
    assert escalation["Subject"] == (
        f"Overdue: records for {NUMBER} were due Friday, December 4, 2026"
    )
    assert (
        f"Overdue: the records promised for {NUMBER} were due Friday, December 4, 2026 and "
        "have not been recorded as delivered." in text_body(escalation)
    )


def test_a_second_sweep_the_same_day_sends_nothing_and_the_history_names_the_records(
    services: Services,
) -> None:
    released(services)
    assert len(deadline_emails(services, date(2026, 12, 1))) == 1
    assert deadline_emails(services, date(2026, 12, 1)) == []
    notes = [(e.action, e.note) for e in services.store.history(NUMBER)]
    assert notes[-1] == ("deadline_reminder", "records due 2026-12-04, 3-day reminder")


def test_the_digest_says_records_are_due(services: Services, outbox: Outbox) -> None:
    released(services)
    sweep_on(services, date(2026, 12, 2))
    digest = next(m for m in outbox() if str(m["Subject"]).startswith("Due this week"))
    row = f"{NUMBER}: records due Friday, December 4, 2026, 2 days left (released)"
    assert row in text_body(digest)


def test_delivered_records_are_no_longer_watched(services: Services) -> None:
    released(services)
    request = services.store.get(NUMBER)
    assert request is not None and request.release is not None
    delivered = dataclasses.replace(
        request, release=dataclasses.replace(request.release, delivered_on=date(2026, 12, 3))
    )
    assert (delivered.next_due, delivered.records_owed) == (None, False)
