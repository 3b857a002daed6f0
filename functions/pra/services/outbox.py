"""Hand queued emails to the mailer. A failure leaves the email queued for the sweep."""

from __future__ import annotations

import logging
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from pra.emails.headers import KIND_HEADER, TRACKING_HEADER
from pra.ports import MailerError, QueuedEmail
from pra.services import Services

log = logging.getLogger(__name__)


def deliver(services: Services, emails: list[QueuedEmail]) -> tuple[int, int]:
    """Try each email once; return (sent, still pending)."""
    sent = 0
    for email in emails:
        message = message_from_bytes(email.message, _class=EmailMessage, policy=default)
        # Every email names its request and kind to the mailer (SES tags them, so a bounce
        # finds its request), whichever use case queued it.
        if TRACKING_HEADER not in message and email.tracking_number:
            message[TRACKING_HEADER] = email.tracking_number
        if KIND_HEADER not in message:
            message[KIND_HEADER] = email.kind
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
