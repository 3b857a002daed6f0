"""The sweep's reminders go to the person assigned a request as well as to the coordinator.

Received Monday 2026-11-16: due Monday 2026-11-30; the 3-day reminder goes Friday 27 (see
test_sweep.py). Escalations stay the Director's; no one gets the same reminder twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from email.message import EmailMessage

from pra.ports import StaffAccount
from pra.services import Services
from pra.services.assignment import assign
from tests.conftest import VALID_REQUEST, html_body, text_body
from tests.services.sweep_support import on, submit_on, sweep_on
from tests.staff.conftest import account_for

RECEIVED, REMINDER_DAY = date(2026, 11, 16), date(2026, 11, 27)
COORDINATOR = "coordinator@library.example"  # the settings fixture's


def staff(services: Services) -> dict[str, StaffAccount]:
    made = {role: account_for(role) for role in ("coordinator", "staff")}
    for account in made.values():
        services.staff.add_staff(account)
    return made


def test_the_assignee_gets_the_reminder_beside_the_coordinator_once(
    services: Services, outbox: Callable[[], list[EmailMessage]]
) -> None:
    accounts = staff(services)
    number = submit_on(services, RECEIVED)
    assign(on(services, RECEIVED), number, accounts["staff"].email, accounts["coordinator"])
    before = len(outbox())
    report, _ = sweep_on(services, REMINDER_DAY)
    sent = outbox()[before:]
    reminders = [m for m in sent if "Reminder" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reminders) == sorted([COORDINATOR, accounts["staff"].email])
    assert report.reminders == 2
    for message in reminders:  # the same reminder: the tracking number and the desk's link
        body = text_body(message) + html_body(message)
        assert f"/staff/requests/{number}" in body
        assert VALID_REQUEST["name"] not in body and VALID_REQUEST["email"] not in body
        assert VALID_REQUEST["description"] not in body
    notes = [e.note for e in services.store.history(number) if e.action == "deadline_reminder"]
    assert notes == [
        "due 2026-11-30, 3-day reminder",
        f"due 2026-11-30, 3-day reminder, to {accounts['staff'].email}",
    ]
    # Again the same day, or the next: nothing new for anyone.
    assert sweep_on(services, REMINDER_DAY)[0].reminders == 0
    assert sweep_on(services, date(2026, 11, 28))[0].reminders == 0


def test_a_coordinator_assigned_gets_the_reminder_once(
    services: Services, outbox: Callable[[], list[EmailMessage]]
) -> None:
    accounts = staff(services)
    settings = dataclasses.replace(
        services.settings, coordinator_email=accounts["coordinator"].email
    )
    services = dataclasses.replace(services, settings=settings)
    number = submit_on(services, RECEIVED)
    assign(on(services, RECEIVED), number, accounts["coordinator"].email, accounts["staff"])
    report, _ = sweep_on(services, REMINDER_DAY)
    assert report.reminders == 1


def test_someone_assigned_after_the_reminder_went_gets_theirs_on_the_next_run(
    services: Services, outbox: Callable[[], list[EmailMessage]]
) -> None:
    accounts = staff(services)
    number = submit_on(services, RECEIVED)
    assert sweep_on(services, REMINDER_DAY)[0].reminders == 1  # the coordinator's
    assign(on(services, REMINDER_DAY, 10), number, accounts["staff"].email, accounts["coordinator"])
    before = len(outbox())
    assert sweep_on(services, REMINDER_DAY, 11)[0].reminders == 1
    assert [str(m["To"]) for m in outbox()[before:]] == [accounts["staff"].email]


def test_escalations_stay_the_directors_and_an_inactive_assignee_gets_nothing(
    services: Services, outbox: Callable[[], list[EmailMessage]]
) -> None:
    accounts = staff(services)
    number = submit_on(services, RECEIVED)
    assign(on(services, RECEIVED), number, accounts["staff"].email, accounts["coordinator"])
    services.staff.update_staff(dataclasses.replace(accounts["staff"], active=False))
    assert sweep_on(services, REMINDER_DAY)[0].reminders == 1  # the coordinator's alone
    before = len(outbox())
    services.staff.update_staff(accounts["staff"])
    report, _ = sweep_on(services, date(2026, 12, 1))  # overdue
    assert (report.escalations, report.reminders) == (1, 0)
    assert accounts["staff"].email not in [str(m["To"]) for m in outbox()[before:]]
