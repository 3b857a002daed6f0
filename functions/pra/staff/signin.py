"""Sign-in, slowed down after repeated failures (the rule: pra.domain.throttle).

Failures are counted per account and client (its address), and per client across accounts,
in the staff store under digests of those, so neither an email nor an address is kept. A
guesser locks only the pairs and the client it guesses from: the right password from another
client still works, so nobody can lock a colleague out. A success clears its pair's count.

Unknown emails are answered exactly as known ones: the same hashing time, the same message,
the same lock after the same failures. So a caller cannot learn which emails have accounts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import datetime, timedelta

from pra.domain.throttle import ACCOUNT_THRESHOLD, CLIENT_THRESHOLD, Failures
from pra.logs import log_tag
from pra.ports import StaffAccount
from pra.services import Services
from pra.staff.passwords import spend_verification_time, verify_password

log = logging.getLogger(__name__)


class SignInFailed(Exception):
    """Wrong email or password: the caller cannot tell which."""


class SignInThrottled(Exception):
    """Too many failures: no attempt is checked until `retry_after` has passed."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(f"retry after {retry_after}")
        self.retry_after = retry_after


@dataclasses.dataclass(frozen=True)
class _Counts:
    pair_key: str
    client_key: str
    pair: Failures
    client: Failures

    def wait(self, now: datetime) -> timedelta:
        return max(self.pair.wait(now, ACCOUNT_THRESHOLD), self.client.wait(now, CLIENT_THRESHOLD))


def sign_in(services: Services, email: str, password: str, client: str) -> StaffAccount:
    """The account, or SignInFailed / SignInThrottled. `client` is the caller's address."""
    now = services.clock.now()
    email = normalize_email(email)
    counts = _counts(services, email, client)
    wait = counts.wait(now)
    if wait:
        log.info("staff sign-in refused while locked for account %s", log_tag(email))
        raise SignInThrottled(wait)
    account = services.staff.staff(email) if email else None
    if account is not None and not account.active:
        account = None
    if account is None:
        spend_verification_time(password)
    if account is None or not verify_password(account.password_hash, password):
        return _fail(services, counts, now, email)
    if counts.pair.count:
        services.staff.record_sign_in_failures(counts.pair_key, Failures())
    log.info("staff sign-in for account %s (%s)", log_tag(email), account.role)
    return account


def _counts(services: Services, email: str, client: str) -> _Counts:
    pair_key, client_key = _key("account", email, client), _key("client", client)
    return _Counts(
        pair_key,
        client_key,
        services.staff.sign_in_failures(pair_key),
        services.staff.sign_in_failures(client_key),
    )


def _fail(services: Services, counts: _Counts, now: datetime, email: str) -> StaffAccount:
    pair = counts.pair.after_failure(now, ACCOUNT_THRESHOLD)
    client = counts.client.after_failure(now, CLIENT_THRESHOLD)
    services.staff.record_sign_in_failures(counts.pair_key, pair)
    services.staff.record_sign_in_failures(counts.client_key, client)
    log.info("staff sign-in failed for account %s (%d in a row)", log_tag(email), pair.count)
    wait = dataclasses.replace(counts, pair=pair, client=client).wait(now)
    if wait:
        raise SignInThrottled(wait)
    raise SignInFailed


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _key(*parts: str) -> str:
    """A digest of what the failures are counted under: never an email or an address."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
