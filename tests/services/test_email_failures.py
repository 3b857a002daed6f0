"""A mail failure never loses a request: it stays stored, the email pending, the sweep retries.

Transient failures are retried with backoff and a cap; permanent refusals are not retried,
and the request's history and the coordinator hear of them. Two senders never send one email.
"""

from __future__ import annotations

import dataclasses
import threading
from email import message_from_bytes

from pra.adapters.clocks import FixedClock
from pra.adapters.mailers import OutboxMailer
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.ports import MailerError
from pra.services import Services
from pra.services.outbox import MAX_ATTEMPTS, retry_after, send_now
from pra.services.submit import submit_request
from pra.services.sweep import run_sweep
from tests.conftest import VALID_REQUEST


class DownMailer:
    """A mail server that refuses everything, as one does during an outage."""

    def __init__(self) -> None:
        self.attempts = 0

    def send(self, message: bytes) -> None:
        self.attempts += 1
        raise MailerError("ConnectionRefusedError")


class RefusingMailer:
    """A server that answers 550 for the requester's address and takes the rest."""

    def __init__(self, refused: str) -> None:
        self.refused, self.sent = refused, list[bytes]()

    def send(self, message: bytes) -> None:
        if f"To: {self.refused}".encode() in message:
            raise MailerError("SMTPRecipientsRefused 550", permanent=True)
        self.sent.append(message)


class SlowRecordingMailer:
    """Takes a while per message and remembers each, as a real server would deliver it."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self._lock = threading.Lock()

    def send(self, message: bytes) -> None:
        threading.Event().wait(0.01)
        with self._lock:
            self.sent.append(message)


def with_mailer(services: Services, mailer: object) -> Services:
    return dataclasses.replace(services, mailer=mailer)  # type: ignore[arg-type]


def test_a_failed_send_keeps_the_request_and_both_emails(services: Services) -> None:
    down = DownMailer()
    broken = with_mailer(services, down)
    receipt = submit_request(broken, parse_submission(VALID_REQUEST))
    assert broken.store.get(receipt.tracking_number) is not None
    pending = broken.store.pending_emails()
    assert [(e.kind, e.attempts) for e in pending] == [
        ("acknowledgement", 1),
        ("coordinator_notice", 1),
    ]
    assert down.attempts == 2


def test_the_sweep_sends_what_failed_before_once_its_retry_is_due(
    services: Services, settings: Settings, clock: FixedClock, outbox
) -> None:
    submit_request(with_mailer(services, DownMailer()), parse_submission(VALID_REQUEST))
    working = with_mailer(services, OutboxMailer(settings.outbox_dir))
    clock.advance(minutes=14)
    assert run_sweep(working).emails_sent == 0  # not yet: the first retry waits 15 minutes
    clock.advance(minutes=1)
    report = run_sweep(working)
    assert (report.emails_sent, report.emails_pending) == (2, 0)
    assert [m["To"] for m in outbox()] == ["jane.requester@example.org", settings.coordinator_email]
    assert working.store.pending_emails() == []


def test_retries_wait_longer_each_time_up_to_a_day() -> None:
    waits = [retry_after(n).total_seconds() / 60 for n in range(1, 9)]
    assert waits == [15, 30, 60, 120, 240, 480, 960, 1440]


def test_a_sweep_while_mail_is_still_down_keeps_them_pending(
    services: Services, clock: FixedClock
) -> None:
    broken = with_mailer(services, DownMailer())
    submit_request(broken, parse_submission(VALID_REQUEST))
    clock.advance(days=1)
    report = run_sweep(broken)
    assert (report.emails_sent, report.emails_pending) == (0, 2)
    assert [e.attempts for e in broken.store.pending_emails()] == [2, 2]


def test_after_the_last_try_an_email_is_given_up_and_the_coordinator_told(
    services: Services, clock: FixedClock, settings: Settings
) -> None:
    broken = with_mailer(services, DownMailer())
    number = submit_request(broken, parse_submission(VALID_REQUEST)).tracking_number
    for _ in range(MAX_ATTEMPTS - 1):
        clock.advance(days=1)
        run_sweep(broken)
    kinds = {e.kind for e in broken.store.pending_emails()}
    assert not kinds & {"acknowledgement", "coordinator_notice"}  # given up: not tried again
    actions = [e.action for e in services.store.history(number)]
    assert actions.count("email_not_sent") == 2
    # The notices to staff could not be sent either (the mail is down), but they wait.
    notices = [e for e in services.store.pending_emails() if e.kind == "undeliverable_notice"]
    assert sorted(message_from_bytes(e.message)["To"] for e in notices) == sorted(
        [settings.coordinator_email, settings.director_email]
    )


def test_a_permanent_refusal_is_not_retried_and_the_coordinator_is_told(
    services: Services, clock: FixedClock, settings: Settings
) -> None:
    mailer = RefusingMailer("jane.requester@example.org")
    refusing = with_mailer(services, mailer)
    number = submit_request(refusing, parse_submission(VALID_REQUEST)).tracking_number
    assert refusing.store.pending_emails() == []
    refused = [e for e in services.store.history(number) if e.action == "email_refused"]
    assert len(refused) == 1
    assert "acknowledgement email to the requester" in refused[0].note
    assert "550" in refused[0].note and "jane" not in refused[0].note
    told = [m for m in map(message_from_bytes, mailer.sent) if "not delivered" in m["Subject"]]
    assert len(told) == 1
    notice = told[0]
    assert notice["To"] == settings.coordinator_email
    assert notice["Subject"] == f"Email not delivered: {number}"
    clock.advance(days=1)
    assert run_sweep(refusing).emails_sent == 0
    assert len([m for m in mailer.sent if b"was not delivered" in m]) == 1  # told once


def test_two_senders_at_once_send_each_email_once(services: Services) -> None:
    stored = with_mailer(services, DownMailer())
    for _ in range(10):
        submit_request(stored, parse_submission(VALID_REQUEST))
    pending = services.store.pending_emails()
    assert len(pending) == 20
    mailer = SlowRecordingMailer()
    later = dataclasses.replace(
        with_mailer(services, mailer), clock=FixedClock(services.clock.now().replace(hour=12))
    )
    senders = [threading.Thread(target=send_now, args=(later, pending)) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(mailer.sent) == 20
    assert len({message_from_bytes(m)["Message-ID"] for m in mailer.sent}) == 20
    assert services.store.pending_emails() == []


def test_the_oldest_waiting_email_is_measured_from_its_date_header() -> None:
    from datetime import UTC, datetime

    from pra.ports import QueuedEmail
    from pra.services.sweep import oldest_wait

    def queued(date_header: str | None) -> QueuedEmail:
        head = f"Date: {date_header}\r\n" if date_header else ""
        return QueuedEmail(
            "e", "PRA-2026-00001", "acknowledgement", f"{head}To: a@b\r\n\r\nx".encode()
        )

    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert oldest_wait([], now) == 0
    waiting = [
        queued("Mon, 07 Dec 2026 11:30:00 +0000"),
        queued("Mon, 07 Dec 2026 02:00:00 -0800"),  # 10:00 UTC: two hours
        queued("Mon, 07 Dec 2026 11:00:00 -0000"),  # zone unknown: read as UTC
        queued(None),
        queued("not a date"),
    ]
    assert oldest_wait(waiting, now) == 120


def test_a_staff_email_that_bounces_is_not_said_to_be_the_requesters(services: Services) -> None:
    from pra.services.undeliverable import Feedback, record_feedback

    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    bounce = Feedback(
        "bounce",
        "report-1",
        number,
        "staff_notice",
        "Permanent/General",
        frozenset({"lee.assistant@library.example"}),
    )
    assert record_feedback(services, bounce)
    event = services.store.history(number)[-1]
    assert event.note.startswith("staff_notice email to a staff member:")
    notice = next(
        m
        for m in map(
            message_from_bytes, (p.read_bytes() for p in services.settings.outbox_dir.glob("*.eml"))
        )
        if m["Subject"] == f"Email not delivered: {number}"
    )
    text = notice.get_payload()[0].get_payload(decode=True).decode()
    assert "Sent to: a staff member" in text and "The requester has not received it" not in text
