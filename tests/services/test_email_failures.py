"""A mail failure never loses a request: it stays stored, the email pending, the sweep retries."""

from __future__ import annotations

from pra.adapters.mailers import OutboxMailer
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.ports import MailerError
from pra.services import Services
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


def test_a_failed_send_keeps_the_request_and_both_emails(services: Services) -> None:
    down = DownMailer()
    broken = Services(**{**services.__dict__, "mailer": down})
    receipt = submit_request(broken, parse_submission(VALID_REQUEST))
    assert broken.store.get(receipt.tracking_number) is not None
    pending = broken.store.pending_emails()
    assert [(e.kind, e.attempts) for e in pending] == [
        ("acknowledgement", 1),
        ("coordinator_notice", 1),
    ]
    assert down.attempts == 2


def test_the_sweep_sends_what_failed_before(services: Services, settings: Settings, outbox) -> None:
    broken = Services(**{**services.__dict__, "mailer": DownMailer()})
    submit_request(broken, parse_submission(VALID_REQUEST))
    working = Services(**{**services.__dict__, "mailer": OutboxMailer(settings.outbox_dir)})
    report = run_sweep(working)
    assert (report.emails_sent, report.emails_pending) == (2, 0)
    assert [m["To"] for m in outbox()] == ["jane.requester@example.org", settings.coordinator_email]
    assert working.store.pending_emails() == []


def test_a_sweep_while_mail_is_still_down_keeps_them_pending(services: Services) -> None:
    broken = Services(**{**services.__dict__, "mailer": DownMailer()})
    submit_request(broken, parse_submission(VALID_REQUEST))
    report = run_sweep(broken)
    assert (report.emails_sent, report.emails_pending) == (0, 2)
    assert [e.attempts for e in broken.store.pending_emails()] == [2, 2]
