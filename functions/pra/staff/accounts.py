"""Changes to a staff account that end its sessions: a new password, a new role, deactivation,
and signing out (on every device at once).

Each is one update of the account and then one raise of its session version in the store, so a
cookie copied before the change is refused by the gate on the next request (pra.web.staff.gate).
Each is also recorded in the accounts' change log (StaffStore.record_account_change): `by` is
who made it, a staff account's email at the desk or CLI_ACTOR ("cli:<OS user>") on the command
line. A person's own sign-out at the desk is not a change of the account and is not recorded.
"""

from __future__ import annotations

import dataclasses
import getpass
import logging
from typing import Any

from pra.logs import log_tag
from pra.ports import AccountChange, StaffAccount
from pra.services import Services
from pra.staff.passwords import hash_password
from pra.staff.roles import check_role
from pra.staff.signin import normalize_email

log = logging.getLogger(__name__)


RECENT_CHANGES = 20  # how many the desk's accounts page lists


class NoSuchAccount(LookupError):
    """No staff account has that email."""


def cli_actor() -> str:
    """Who the change log names for a change made with `pra staff`: the OS user, when known."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no such user in the passwd file, no LOGNAME or USER
        return "cli"
    return f"cli:{user}" if user else "cli"


def sign_out_everywhere(services: Services, email: str, *, by: str | None = None) -> None:
    """End the account's sessions; recorded as a change when someone else (`by`) did it."""
    services.staff.end_sessions(normalize_email(email))
    if by is not None:
        record(services, by, email, "signed out on every device")
    log.info("staff sessions ended for account %s", log_tag(email))


def change_password(
    services: Services, email: str, password: str, *, by: str, what: str = "password changed"
) -> StaffAccount:
    """A new password (WeakPassword if refused)."""
    return _change(services, email, by, what, password_hash=hash_password(password))


def change_role(services: Services, email: str, role: str, *, by: str) -> StaffAccount:
    """UnknownRole if `role` is not one of pra.staff.roles.ROLES."""
    account = _account(services, email)
    what = f"role changed from {account.role} to {check_role(role)}"
    return _change(services, email, by, what, role=role)


def set_active(services: Services, email: str, active: bool, *, by: str) -> StaffAccount:
    return _change(services, email, by, "activated" if active else "deactivated", active=active)


def record(services: Services, by: str, email: str, what: str) -> None:
    """Add a line to the accounts' change log, at the services' clock."""
    change = AccountChange(services.clock.now(), by, normalize_email(email), what)
    services.staff.record_account_change(change)


def recent_changes(services: Services, limit: int = RECENT_CHANGES) -> list[AccountChange]:
    return services.staff.account_changes(limit)


def last_change(services: Services, email: str) -> AccountChange | None:
    found = services.staff.account_changes(1, normalize_email(email))
    return found[0] if found else None


def _account(services: Services, email: str) -> StaffAccount:
    account = services.staff.staff(normalize_email(email))
    if account is None:
        raise NoSuchAccount(email)
    return account


def _change(services: Services, email: str, by: str, what: str, **changes: Any) -> StaffAccount:
    changed = dataclasses.replace(_account(services, email), **changes)
    services.staff.update_staff(changed)
    services.staff.end_sessions(changed.email)
    record(services, by, changed.email, what)
    log.info("staff account %s: %s, its sessions ended", log_tag(changed.email), what)
    return changed
