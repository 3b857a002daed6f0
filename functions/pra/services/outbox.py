"""Hand queued emails to the mailer. A failure leaves the email queued for the sweep.

Every email is stored in the outbox before anyone sends it, in the same write as what
caused it; so an email handed to the background sender and lost with the process is still
pending in the store, and the next sweep sends it.
"""

from __future__ import annotations

import logging
import queue
import threading

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


def send_now(services: Services, emails: list[QueuedEmail]) -> tuple[int, int]:
    """Try each email once; return (sent, still pending)."""
    sent = 0
    for email in emails:
        # Every email names its request and kind to the mailer (SES tags them, so a bounce
        # finds its request), whichever use case queued it; the bytes go on as rendered.
        message = with_our_headers(email.message, email.tracking_number, email.kind)
        try:
            services.mailer.send(message)
        except MailerError as error:
            services.store.mark_email_failed(email.id, services.clock.now())
            # Only the number, the kind and the error's class: never an address.
            log.warning(
                "%s email for %s kept for retry (%s)", email.kind, email.tracking_number, error
            )
            continue
        services.store.mark_email_sent(email.id, services.clock.now())
        log.info("%s email for %s sent", email.kind, email.tracking_number)
        sent += 1
    return sent, len(emails) - sent


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
