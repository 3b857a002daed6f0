"""One-time password-reset links, emailed to the account's own address.

The token is 32 random bytes (base64url) and rides in the link; the store keeps only its
SHA-256 digest, as a request keeps only the digest of its access code, so a copy of the store
opens nothing. A link works for an hour, once, and only while the account is active and nothing
has ended its sessions since the link was made (using another link, a new password, a new role,
deactivation). Using it sets the new password and ends every session of the account.

The email is queued in the outbox and sent like every other email (pra.services.outbox).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import uuid
from datetime import datetime, timedelta

from pra.emails import email_bytes
from pra.emails.words import long_date
from pra.logs import log_tag
from pra.ports import PasswordReset, QueuedEmail, StaffAccount
from pra.services import Services
from pra.services.outbox import deliver
from pra.staff.accounts import NoSuchAccount, change_password, record
from pra.staff.passwords import check_strength
from pra.staff.signin import normalize_email

log = logging.getLogger(__name__)

KIND = "password_reset"
LIFETIME = timedelta(hours=1)
TOKEN_BYTES = 32
RESET_PATH = "/staff/reset/"


class AccountInactive(Exception):
    """A deactivated account gets no reset link: it cannot sign in until it is activated."""


class ResetRefused(Exception):
    """The link does not work: `reason` is unknown, expired or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def token_digest(token: str) -> str:
    """What the store keeps of a token."""
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def send_reset_link(services: Services, email: str, *, by: str) -> StaffAccount:
    """Make a link for the account, queue the email that carries it and send it; record it."""
    account = services.staff.staff(normalize_email(email))
    if account is None:
        raise NoSuchAccount(email)
    if not account.active:
        raise AccountInactive(email)
    token = base64.urlsafe_b64encode(services.random_bytes(TOKEN_BYTES)).rstrip(b"=").decode()
    now = services.clock.now()
    reset = PasswordReset(
        token_digest(token), account.email, now + LIFETIME, account.session_version
    )
    services.staff.add_password_reset(reset)
    message = _email(services, account, token, reset.expires_at, now)
    services.store.queue_email(message)  # queued first: the sweep retries it if sending fails
    record(services, by, account.email, "password-reset link sent")
    log.info("password-reset link sent to account %s", log_tag(account.email))
    deliver(services, [message])
    return account


def check_link(services: Services, token: str) -> PasswordReset:
    """The stored link if it still works; ResetRefused saying why if not."""
    reset = services.staff.password_reset(token_digest(token)) if token else None
    if reset is None:
        raise ResetRefused("unknown")
    if reset.used_at is not None:
        raise ResetRefused("used")
    if services.clock.now() >= reset.expires_at:
        raise ResetRefused("expired")
    account = services.staff.staff(reset.email)
    if account is None or not account.active or account.session_version != reset.session_version:
        raise ResetRefused("used")  # the account changed since: a newer password, role…
    return reset


def reset_password(services: Services, token: str, password: str) -> StaffAccount:
    """Set the new password through the link: WeakPassword (the link stays usable) or
    ResetRefused; the account, its sessions ended, once it is set."""
    check_strength(password)
    reset = check_link(services, token)
    if not services.staff.use_password_reset(reset.digest, services.clock.now()):
        raise ResetRefused("used")  # another use of the same link got there first
    change_password(
        services, reset.email, password, by=reset.email, what="password set with a reset link"
    )
    log.info("password reset with a link for account %s", log_tag(reset.email))
    changed = services.staff.staff(reset.email)  # read again: its sessions ended since
    if changed is None:
        raise ResetRefused("used")
    return changed


def _email(
    services: Services, account: StaffAccount, token: str, expires_at: datetime, now: datetime
) -> QueuedEmail:
    settings = services.settings
    local = expires_at.astimezone(services.receipt_rules.zone)
    context = {
        "now": now,
        "language": "en",
        "title": settings.agency_name,
        "agency_name": settings.agency_name,
        "subject": f"Choose a new password for the public records desk ({settings.agency_name})",
        "name": account.name,
        "reset_url": f"{settings.public_url}{RESET_PATH}{token}",
        "expires": f"{local:%H:%M} ({local:%Z}) on {long_date(local.date(), 'en')}",
        "coordinator_email": settings.coordinator_email,
    }
    sender = (settings.agency_name, settings.from_address)
    message = email_bytes(KIND, "en", context, sender=sender, to=account.email)
    # About no request: the tracking number stays empty, as for other staff emails.
    return QueuedEmail(
        id=f"reset:{uuid.uuid4().hex}", tracking_number="", kind=KIND, message=message
    )
