"""Hand queued emails to the mailer: once each, retried when it may help, and told of.

Every email is stored in the outbox before anyone sends it, in the same write as what
caused it; so an email handed to the background sender and lost with the process is still
pending in the store, and the next sweep sends it. A sender claims each email in the store
before sending it, so the sweep and the server never both send one. A transient failure is
retried later, less often each time; a permanent refusal, or the last try, gives the email
up, and the request's history and the coordinator hear of it (pra.services.undeliverable).
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from datetime import timedelta

from pra.emails.headers import with_our_headers
from pra.ports import MailerError, QueuedEmail
from pra.services import Services

log = logging.getLogger(__name__)


def deliver(services: Services, emails: list[QueuedEmail]) -> None:
    """Send the emails a use case just stored: after the response when a background sender
    is wired (`pra serve`), else now (the Lambda functions, the CLI, tests)."""
    if services.send_later is not None:
        services.send_later(emails)
    else:
        send_now(services, emails)


# A claim outlives any one send (SMTP times out after 10 s): long enough that no second sender
# takes an email mid-send, short enough that a sender that died frees its emails the same day.
CLAIM = timedelta(minutes=10)
# A transient failure is retried after 15 minutes, then 30, 60… at most a day apart; after
# MAX_ATTEMPTS tries (about a week of daily sweeps) it is given up and staff are told.
FIRST_RETRY, LONGEST_WAIT, MAX_ATTEMPTS = timedelta(minutes=15), timedelta(days=1), 8


def retry_after(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try before the next one."""
    wait: timedelta = FIRST_RETRY * 2 ** max(attempts - 1, 0)
    return min(wait, LONGEST_WAIT)


def send_now(services: Services, emails: list[QueuedEmail]) -> tuple[int, int]:
    """Try each email once that no other sender holds; return (sent, not sent by this call).

    Each email is claimed in the store before it is sent and only the claimant marks it, so
    the sweep and a server thread never both send one (SMTP itself can only be at least once:
    the stored bytes keep one Message-ID, so a repeat after a crash folds into the first).
    """
    claim, sent = uuid.uuid4().hex, 0
    for email in emails:
        now = services.clock.now()
        if not services.store.claim_email(email.id, claim, now, now + CLAIM):
            continue
        # Every email names its request and kind to the mailer (SES tags them, so a bounce
        # finds its request), whichever use case queued it; the bytes go on as rendered.
        message = with_our_headers(email.message, email.tracking_number, email.kind)
        try:
            services.mailer.send(message)
        except MailerError as error:
            _failed(services, email, claim, error)
            continue
        services.store.mark_email_sent(email.id, claim, services.clock.now())
        log.info("%s email for %s sent", email.kind, email.tracking_number)
        sent += 1
    return sent, len(emails) - sent


def _failed(services: Services, email: QueuedEmail, claim: str, error: MailerError) -> None:
    now, tries = services.clock.now(), email.attempts + 1
    if not error.permanent and tries < MAX_ATTEMPTS:
        services.store.mark_email_failed(email.id, claim, now, now + retry_after(tries))
        # Only the number, the kind and the error's class: never an address.
        log.warning("%s email for %s kept for retry (%s)", email.kind, email.tracking_number, error)
        return
    if services.store.mark_email_failed(email.id, claim, now, None):
        # Imported here: telling staff queues and delivers a notice through this module.
        from pra.services.undeliverable import record_refusal

        record_refusal(services, email, error, tries)


class BackgroundSender:
    """One thread that sends what requests hand it, in order, after their responses."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._queue: queue.Queue[list[QueuedEmail]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="pra-email", daemon=True)
        self._thread.start()

    def put(self, emails: list[QueuedEmail]) -> None:
        self._queue.put(list(emails))

    def _run(self) -> None:
        while True:
            emails = self._queue.get()
            try:
                send_now(self._services, emails)
            except Exception:
                log.exception("background sending failed; the emails stay queued")
            finally:
                self._queue.task_done()

    def wait(self) -> None:
        """Until everything handed over was tried (tests, and a graceful stop)."""
        self._queue.join()
