"""The sweep reminds before a due date and escalates to the Director after it, once each.

Received Monday 2026-11-16: due Monday 2026-11-30 (Thanksgiving and the day after, then a
weekend, move the 10th day, Nov 26, to the 30th). Reminders count calendar days: 3 days
before is Friday 27 (a holiday: the sweep runs every day), 1 day before is Sunday 29.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from pra.config import Settings, SettingsError
from pra.domain.lifecycle import Action, Status
from pra.domain.request import Appeal, HistoryEvent
from pra.services import Services
from pra.services.notices import deadline_email
from pra.services.sweep import reminder_offset
from tests.conftest import text_body
from tests.services.sweep_support import Outbox, Sent, act_on, on, submit_on, sweep_on

NUMBER = "PRA-2026-00001"
RECEIVED = date(2026, 11, 16)


def reminder(days_left: str) -> Sent:
    return Sent("reminder", "coordinator", (NUMBER,), days_left)


ESCALATION = Sent("escalation", "director", (NUMBER,))


def deadline_emails(services: Services, day: date) -> list[Sent]:
    return [s for s in sweep_on(services, day)[1] if s.kind != "digest"]


def notes(services: Services) -> list[tuple[str, str]]:
    return [(e.action, e.note) for e in services.store.history(NUMBER)][1:]


@pytest.mark.parametrize(
    ("days_left", "offsets", "expected"),
    [
        (4, (3, 1), None),
        (3, (3, 1), 3),
        (2, (3, 1), 3),
        (1, (3, 1), 1),
        (0, (3, 1), 1),
        (0, (3, 1, 0), 0),
        (6, (7,), 7),
        (1, (), None),
        (-1, (3, 1), None),
    ],
)
def test_the_nearest_reached_offset_is_the_one_due(
    days_left: int, offsets: tuple[int, ...], expected: int | None
) -> None:
    assert reminder_offset(days_left, offsets) == expected


def test_reminders_go_three_days_and_one_day_before(services: Services) -> None:
    submit_on(services, RECEIVED)
    sent = {day: deadline_emails(services, date(2026, 11, day)) for day in range(16, 31)}
    assert {day: emails for day, emails in sent.items() if emails} == {
        27: [reminder("3 days left")],
        29: [reminder("1 day left")],
    }
    assert notes(services) == [
        ("deadline_reminder", "due 2026-11-30, 3-day reminder"),
        ("deadline_reminder", "due 2026-11-30, 1-day reminder"),
    ]


def test_a_reminder_says_what_is_due_and_links_the_staff_log(
    services: Services, outbox: Outbox
) -> None:
    submit_on(services, RECEIVED)
    sweep_on(services, date(2026, 11, 27))
    message = outbox()[-2]  # the digest follows it
    assert message["To"] == "coordinator@library.example"
    assert message["Subject"] == f"Reminder: {NUMBER} response due Monday, November 30, 2026"
    body = text_body(message)
    assert body.startswith(
        f"Reminder: the written response to {NUMBER} is due Monday, November 30, 2026 "
        "(3 days left)."
    )
    assert "An extension notice (up to Thursday, December 10, 2026)" in body
    assert f"https://records.library.example/staff/requests/{NUMBER}" in body
    assert "Jane Requester" not in body and "jane.requester" not in body


def test_running_the_sweep_again_the_same_day_sends_nothing_new(services: Services) -> None:
    submit_on(services, RECEIVED)
    runs = [sweep_on(services, date(2026, 11, 27)) for _ in range(3)]
    assert [(r.reminders, r.digests, len(emails)) for r, emails in runs] == [
        (1, 1, 2),
        (0, 0, 0),
        (0, 0, 0),
    ]
    assert notes(services) == [("deadline_reminder", "due 2026-11-30, 3-day reminder")]


@pytest.mark.parametrize(
    ("first_run", "expected"),
    [
        (date(2026, 11, 28), [reminder("2 days left")]),  # the 3-day one, a day late
        (date(2026, 11, 29), [reminder("1 day left")]),  # only the nearest: the 1-day one
        (date(2026, 11, 30), [reminder("due today")]),
        (date(2026, 12, 3), [ESCALATION]),  # too late to remind: escalated, once
    ],
)
def test_after_days_without_a_sweep_only_the_nearest_email_goes_once(
    services: Services, first_run: date, expected: list[Sent]
) -> None:
    submit_on(services, RECEIVED)
    assert deadline_emails(services, first_run) == expected
    assert deadline_emails(services, first_run) == []


def test_after_a_missed_day_the_nearest_reminder_is_not_sent_again_later(
    services: Services,
) -> None:
    submit_on(services, RECEIVED)
    sent = [deadline_emails(services, date(2026, 11, day)) for day in (29, 30)]
    assert sent == [[reminder("1 day left")], []]
    assert notes(services) == [("deadline_reminder", "due 2026-11-30, 1-day reminder")]


def test_a_passed_due_date_escalates_to_the_director_once(
    services: Services, outbox: Outbox
) -> None:
    submit_on(services, RECEIVED)
    sent = [deadline_emails(services, date(2026, 12, day)) for day in (1, 1, 2, 3)]
    assert sent == [[ESCALATION], [], [], []]
    escalation = next(m for m in outbox() if m["To"] == "director@library.example")
    assert escalation["Subject"] == f"Overdue: {NUMBER} response was due Monday, November 30, 2026"
    assert notes(services) == [("deadline_escalation", "due 2026-11-30")]


@pytest.mark.parametrize(
    "action", [Action.SEND_INITIAL_RESPONSE, Action.RELEASE, Action.DENY, Action.WITHDRAW]
)
def test_an_answered_request_gets_no_more_reminders_nor_an_escalation(
    services: Services, action: Action
) -> None:
    submit_on(services, RECEIVED)
    assert deadline_emails(services, date(2026, 11, 27)) == [reminder("3 days left")]
    act_on(services, date(2026, 11, 27), NUMBER, action)
    later = [date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 8)]
    assert [sweep_on(services, day)[1] for day in later] == [[], [], [], []]


def test_an_extended_request_is_reminded_about_its_extended_date(
    services: Services, outbox: Outbox
) -> None:
    # The extension, sent Tuesday 24 (before the 3-day reminder), moves the date to Dec 10.
    submit_on(services, RECEIVED)
    act_on(services, date(2026, 11, 24), NUMBER, Action.EXTEND)
    assert services.store.get(NUMBER).next_due == date(2026, 12, 10)  # type: ignore[union-attr]
    sent = {
        day: emails
        for day in (date(2026, 11, 24) + timedelta(days=n) for n in range(20))
        if (emails := deadline_emails(services, day))
    }
    assert sent == {
        date(2026, 12, 7): [reminder("3 days left")],
        date(2026, 12, 9): [reminder("1 day left")],
        date(2026, 12, 11): [ESCALATION],
    }
    extended = next(m for m in outbox() if "Reminder" in str(m["Subject"]))
    assert extended["Subject"] == f"Reminder: {NUMBER} response due Thursday, December 10, 2026"
    assert "An extension notice" not in text_body(extended)


def test_an_extension_after_a_reminder_starts_the_reminders_of_the_new_date(
    services: Services,
) -> None:
    submit_on(services, RECEIVED)
    assert deadline_emails(services, date(2026, 11, 27)) == [reminder("3 days left")]
    act_on(services, date(2026, 11, 27), NUMBER, Action.EXTEND)
    days = [date(2026, 11, 29), date(2026, 12, 1), date(2026, 12, 7)]
    assert [deadline_emails(services, day) for day in days] == [
        [],
        [],
        [reminder("3 days left")],
    ]


def test_reminder_offsets_come_from_the_settings(services: Services) -> None:
    custom = dataclasses.replace(
        services, settings=services.settings.with_overrides(reminder_days=(5, 0))
    )
    submit_on(custom, RECEIVED)
    days = [date(2026, 11, day) for day in range(20, 31)]
    sent = {day.day: emails for day in days if (emails := deadline_emails(custom, day))}
    assert sent == {25: [reminder("5 days left")], 30: [reminder("due today")]}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, (3, 1)),
        ({"PRA_REMINDER_DAYS": ""}, (3, 1)),
        ({"PRA_REMINDER_DAYS": "1,3,3"}, (3, 1)),
        ({"PRA_REMINDER_DAYS": " 7, 2 ,0"}, (7, 2, 0)),
    ],
)
def test_reminder_days_are_read_farthest_first(
    environ: dict[str, str], expected: tuple[int, ...]
) -> None:
    assert Settings.from_env(environ).reminder_days == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"PRA_REMINDER_DAYS": "three"},
            "PRA_REMINDER_DAYS must list whole numbers of days like 3,1, not 'three'",
        ),
        (
            {"PRA_REMINDER_DAYS": "3,-1"},
            "PRA_REMINDER_DAYS must list whole numbers of days like 3,1, not '3,-1'",
        ),
        (
            {"PRA_REMINDER_DAYS": ","},
            "PRA_REMINDER_DAYS must list whole numbers of days like 3,1, not ','",
        ),
        (
            {"PRA_REMINDER_DAYS_BEFORE": "2"},
            "PRA_REMINDER_DAYS_BEFORE is replaced by PRA_REMINDER_DAYS, e.g. 3,1",
        ),
    ],
)
def test_unusable_reminder_days_are_refused(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(environ)
    assert str(refused.value) == message


def test_an_appeal_decision_is_reminded_to_and_escalated_to_the_director(
    services: Services, outbox: Outbox
) -> None:
    # Denied Dec 1; appealed Dec 4: the Director's decision is due Dec 14 (10 calendar days).
    submit_on(services, RECEIVED)
    act_on(services, date(2026, 12, 1), NUMBER, Action.DENY)
    denied = services.store.get(NUMBER)
    assert denied is not None
    received = on(services, date(2026, 12, 4), 10).clock.now()
    appeal = Appeal(received, "reasons", date(2026, 12, 11), False, date(2026, 12, 14))
    appealed = dataclasses.replace(denied, status=Status.APPEALED, appeal=appeal)
    services.store.save(appealed, Status.DENIED, HistoryEvent(received, "requester", "appeal"), [])
    days = [date(2026, 12, day) for day in range(4, 17)]
    sent = {day.day: emails for day in days if (emails := deadline_emails(services, day))}
    director = ("director", (NUMBER,))
    assert {day: [(s.kind, s.to, s.about) for s in emails] for day, emails in sent.items()} == {
        11: [("reminder", *director)],
        13: [("reminder", *director)],
        15: [("escalation", *director)],
    }
    row = f"{NUMBER}: appeal decision due Monday, December 14, 2026, 2 days overdue (appealed)"
    assert row in text_body(outbox()[-1])  # the digest of Dec 16


def test_an_appeal_reminder_names_the_decision(services: Services) -> None:
    submit_on(services, RECEIVED)
    request = services.store.get(NUMBER)
    assert request is not None
    now = on(services, date(2026, 12, 11)).clock.now()
    appeal = Appeal(now, "reasons", date(2026, 12, 11), False, date(2026, 12, 14))
    appealed = dataclasses.replace(request, status=Status.APPEALED, appeal=appeal)
    due, today = date(2026, 12, 14), date(2026, 12, 11)
    email = deadline_email(
        "deadline_reminder", appealed, services.settings, now, today=today, due=due, email_id="x"
    )
    message = email.message.decode()
    assert "To: director@library.example" in message
    assert f"Subject: Appeal decision on {NUMBER} is due Monday, December 14, 2026" in message
    assert f"Reminder: the decision on the appeal of {NUMBER} is due" in message
    assert "An extension notice" not in message


def test_a_repeat_sweep_builds_no_email_it_will_not_send(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pra.services.sweep as sweep

    submit_on(services, RECEIVED)
    sweep_on(services, date(2026, 11, 27))
    built: list[str] = []
    for name in ("deadline_email", "digest_email"):
        real = getattr(sweep, name)
        monkeypatch.setattr(
            sweep,
            name,
            lambda *a, _real=real, _name=name, **k: built.append(_name) or _real(*a, **k),
        )
    report, emails = sweep_on(services, date(2026, 11, 27))
    assert (report.reminders, report.digests, emails, built) == (0, 0, [], [])
