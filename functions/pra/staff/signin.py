"""Sign-in, slowed down after repeated failures.

After THRESHOLD failures, each less than WINDOW after the previous one (or after the end of
the lock it caused), the account refuses every attempt, right or wrong, for a delay that
doubles with each further failure, up to LONGEST_LOCK. A success clears the count.

Unknown emails are answered exactly as known ones: the same hashing time, the same message,
the same lock after the same failures (remembered in this process only: no account row to
keep them in). So a caller cannot learn which emails have accounts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pra.logs import log_tag
from pra.ports import StaffAccount
from pra.services import Services
from pra.staff.passwords import spend_verification_time, verify_password

THRESHOLD = 5
WINDOW = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)

log = logging.getLogger(__name__)


class SignInFailed(Exception):
    """Wrong email or password: the caller cannot tell which."""


class SignInThrottled(Exception):
    """Too many failures: no attempt is checked until `retry_after` has passed."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(f"retry after {retry_after}")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Failures:
    count: int = 0
    last_at: datetime | None = None

    def lock(self) -> timedelta:
        if self.count < THRESHOLD:
            return timedelta(0)
        doublings = min(self.count - THRESHOLD, 12)  # past the longest lock already
        return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)

    def wait(self, now: datetime) -> timedelta:
        """How long attempts are still refused; zero when they are checked."""
        if self.last_at is None:
            return timedelta(0)
        return max(self.last_at + self.lock() - now, timedelta(0))

    def after_failure(self, now: datetime) -> Failures:
        if self.last_at is None or now - self.last_at > WINDOW + self.lock():
            return Failures(1, now)
        return Failures(self.count + 1, now)


class UnknownEmailFailures:
    """Failures against emails without an account, by digest, the oldest forgotten first."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._failures: OrderedDict[str, Failures] = OrderedDict()

    def get(self, email: str) -> Failures:
        return self._failures.get(_digest(email), Failures())

    def record(self, email: str, failures: Failures) -> None:
        key = _digest(email)
        self._failures[key] = failures
        self._failures.move_to_end(key)
        while len(self._failures) > self._capacity:
            self._failures.popitem(last=False)


def sign_in(
    services: Services, email: str, password: str, unknown: UnknownEmailFailures
) -> StaffAccount:
    """The account, or SignInFailed / SignInThrottled."""
    now = services.clock.now()
    email = normalize_email(email)
    account = services.staff.staff(email) if email else None
    if account is not None and not account.active:
        account = None
    failures = _failures_of(account) if account else unknown.get(email)
    wait = failures.wait(now)
    if wait:
        log.info("staff sign-in refused while locked for account %s", log_tag(email))
        raise SignInThrottled(wait)
    if account is None:
        spend_verification_time(password)
        return _fail(unknown.get(email).after_failure(now), now, email, unknown.record)
    if not verify_password(account.password_hash, password):
        return _fail(failures.after_failure(now), now, email, _store_failures(services, account))
    if account.failed_signins or account.last_failed_at:
        account = dataclasses.replace(account, failed_signins=0, last_failed_at=None)
        services.staff.update_staff(account)
    log.info("staff sign-in for account %s (%s)", log_tag(email), account.role)
    return account


Keep = Callable[[str, Failures], None]


def _fail(failures: Failures, now: datetime, email: str, keep: Keep) -> StaffAccount:
    keep(email, failures)
    log.info("staff sign-in failed for account %s (%d in a row)", log_tag(email), failures.count)
    wait = failures.wait(now)
    if wait:
        raise SignInThrottled(wait)
    raise SignInFailed


def _store_failures(services: Services, account: StaffAccount) -> Keep:
    def keep(_: str, failures: Failures) -> None:
        changed = dataclasses.replace(
            account, failed_signins=failures.count, last_failed_at=failures.last_at
        )
        services.staff.update_staff(changed)

    return keep


def _failures_of(account: StaffAccount) -> Failures:
    return Failures(account.failed_signins, account.last_failed_at)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _digest(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()
