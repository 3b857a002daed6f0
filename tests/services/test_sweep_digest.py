"""The coordinator's daily digest: what is due within the week and what is overdue, by number."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from email.message import EmailMessage

import pytest

from pra.domain.lifecycle import Action
from pra.ports import MailerError
from pra.services import Services
from pra.services.sweep import run_sweep
from tests.conftest import VALID_REQUEST, html_body, text_body
from tests.services.sweep_support import (
    SWEEP_HOUR,
    Outbox,
    Sent,
    act_on,
    on,
    submit_on,
    sweep_on,
)

LINK = "https://records.library.example/staff/requests/"


def digests(services: Services, day: date) -> list[Sent]:
    return [s for s in sweep_on(services, day)[1] if s.kind == "digest"]


def last_digest(outbox: Outbox) -> EmailMessage:
    return [m for m in outbox() if str(m["Subject"]).startswith("Due this week")][-1]


def plain(message: EmailMessage) -> str:
    return text_body(message).replace("\r\n", "\n")  # the outbox keeps SMTP line ends


def three_requests(services: Services) -> None:
    """00001 due Mon Nov 30; 00002 due Thu Dec 3; 00003 (received Dec 1) due Fri Dec 11."""
    for received in (date(2026, 11, 16), date(2026, 11, 23), date(2026, 12, 1)):
        submit_on(services, received)


def test_no_digest_when_nothing_is_open(services: Services, outbox: Outbox) -> None:
    report, sent = sweep_on(services, date(2026, 11, 24))
    assert (report.digests, sent, outbox()) == (0, [], [])


def test_no_digest_while_nothing_open_is_due_within_the_week(services: Services) -> None:
    submit_on(services, date(2026, 11, 16))  # due Nov 30: in the digest from Nov 23 on
    days = [date(2026, 11, day) for day in (16, 20, 22, 23)]
    assert [digests(services, day) for day in days] == [
        [],
        [],
        [],
        [Sent("digest", "coordinator", ("PRA-2026-00001",))],
    ]


def test_the_digest_lists_due_and_overdue_requests_soonest_first(
    services: Services, outbox: Outbox
) -> None:
    three_requests(services)
    assert digests(services, date(2026, 12, 2)) == [
        Sent("digest", "coordinator", ("PRA-2026-00001", "PRA-2026-00002"))
    ]
    digest = last_digest(outbox)
    assert digest["To"] == "coordinator@library.example"
    assert digest["Subject"] == "Due this week: 2 public records requests, 1 overdue"
    assert plain(digest) == (
        "Public records requests due by Wednesday, December 9, 2026, and 1 overdue, "
        "as of Wednesday, December 2, 2026:\n"
        "\n"
        "PRA-2026-00001: response due Monday, November 30, 2026, 2 days overdue (received)\n"
        f"  {LINK}PRA-2026-00001\n"
        "\n"
        "PRA-2026-00002: response due Thursday, December 3, 2026, 1 day left (received)\n"
        f"  {LINK}PRA-2026-00002\n"
        "\n"
        "Only tracking numbers here: names and requests are in the staff log.\n"
    )


def test_the_digest_shows_the_status_and_the_extended_date(
    services: Services, outbox: Outbox
) -> None:
    three_requests(services)
    act_on(services, date(2026, 11, 24), "PRA-2026-00001", Action.EXTEND)  # due Dec 10
    digests(services, date(2026, 12, 4))
    lines = plain(last_digest(outbox)).splitlines()
    assert [line for line in lines if line.startswith("PRA-")] == [
        "PRA-2026-00002: response due Thursday, December 3, 2026, 1 day overdue (received)",
        "PRA-2026-00001: response due Thursday, December 10, 2026, 6 days left (extended)",
        # Due Dec 11, a week from today: still in.
        "PRA-2026-00003: response due Friday, December 11, 2026, 7 days left (received)",
    ]


def test_the_html_digest_is_a_table_linking_the_staff_log(
    services: Services, outbox: Outbox
) -> None:
    three_requests(services)
    digests(services, date(2026, 12, 2))
    html = html_body(last_digest(outbox))
    assert '<th scope="col" style="text-align: left; padding-right: 1em;">Due</th>' in html
    assert f'<a href="{LINK}PRA-2026-00002">PRA-2026-00002</a>' in html
    assert "<strong>2 days overdue</strong>" in html
    assert "<td>received</td>" in html


def test_the_digest_names_no_requester_and_quotes_no_request(
    services: Services, outbox: Outbox
) -> None:
    three_requests(services)
    digests(services, date(2026, 12, 2))
    digest = last_digest(outbox)
    whole = digest.as_string()
    for value in (VALID_REQUEST["name"], VALID_REQUEST["email"], VALID_REQUEST["description"]):
        assert value not in whole
    assert "Jane" not in whole and "minutes" not in whole


def test_one_digest_a_day_however_often_the_sweep_runs(services: Services) -> None:
    three_requests(services)
    days = [date(2026, 12, 2), date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 3)]
    assert [len(digests(services, day)) for day in days] == [1, 0, 1, 0]


def test_closed_requests_leave_the_digest(services: Services) -> None:
    three_requests(services)
    act_on(services, date(2026, 12, 2), "PRA-2026-00001", Action.RELEASE)
    act_on(services, date(2026, 12, 2), "PRA-2026-00002", Action.SEND_INITIAL_RESPONSE)
    # 00003 is due Dec 11: in the digest from Dec 4, until it is withdrawn that day.
    assert digests(services, date(2026, 12, 3)) == []
    assert digests(services, date(2026, 12, 4)) == [
        Sent("digest", "coordinator", ("PRA-2026-00003",))
    ]
    act_on(services, date(2026, 12, 4), "PRA-2026-00003", Action.WITHDRAW)
    assert digests(services, date(2026, 12, 5)) == []


class DownMailer:
    def send(self, message: bytes) -> None:
        raise MailerError("ConnectionRefusedError")


def test_emails_that_could_not_be_sent_are_retried_not_made_again(services: Services) -> None:
    submit_on(services, date(2026, 11, 16))
    down = dataclasses.replace(on(services, date(2026, 11, 27)), mailer=DownMailer())
    failed = run_sweep(down)
    assert (failed.reminders, failed.digests, failed.emails_pending) == (1, 1, 2)
    # A run an hour later, when their first retry is due, sends them and makes none again.
    report, sent = sweep_on(services, date(2026, 11, 27), SWEEP_HOUR + 1)
    assert (report.emails_sent, report.reminders, report.digests) == (2, 0, 0)
    assert [s.kind for s in sent] == ["reminder", "digest"]
    assert services.store.pending_emails() == []


def test_the_sweep_logs_numbers_and_counts_never_requester_data(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    three_requests(services)
    caplog.set_level(logging.DEBUG)
    for day in (date(2026, 11, 27), date(2026, 12, 1), date(2026, 12, 2)):
        sweep_on(services, day)
    # Dec 1: 00001 (due Nov 30) escalated; 00002 (due Dec 3) gets its 3-day reminder late.
    assert "sweep 2026-12-01: 1 reminders, 1 escalations, 1 digests" in caplog.text
    assert "deadline_escalation email for PRA-2026-00001 sent" in caplog.text
    for value in (VALID_REQUEST["name"], VALID_REQUEST["email"], VALID_REQUEST["description"]):
        assert value not in caplog.text
