"""Changes to a staff account that end its sessions: a new password, a new role, deactivation,
and signing out (on every device at once).

Each is one update of the account and then one raise of its session version in the store, so a
cookie copied before the change is refused by the gate on the next request (pra.web.staff.gate).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from pra.logs import log_tag
from pra.ports import StaffAccount
from pra.services import Services
from pra.staff.passwords import hash_password
from pra.staff.roles import check_role
from pra.staff.signin import normalize_email

log = logging.getLogger(__name__)


class NoSuchAccount(LookupError):
    """No staff account has that email."""


def sign_out_everywhere(services: Services, email: str) -> None:
    services.staff.end_sessions(normalize_email(email))
    log.info("staff sessions ended for account %s", log_tag(email))


def change_password(services: Services, email: str, password: str) -> StaffAccount:
    """A new password (WeakPassword if refused)."""
    return _change(services, email, "password changed", password_hash=hash_password(password))


def change_role(services: Services, email: str, role: str) -> StaffAccount:
    """UnknownRole if `role` is not one of pra.staff.roles.ROLES."""
    return _change(services, email, "role changed", role=check_role(role))


def set_active(services: Services, email: str, active: bool) -> StaffAccount:
    return _change(services, email, "activated" if active else "deactivated", active=active)


def _change(services: Services, email: str, what: str, **changes: Any) -> StaffAccount:
    account = services.staff.staff(normalize_email(email))
    if account is None:
        raise NoSuchAccount(email)
    changed = dataclasses.replace(account, **changes)
    services.staff.update_staff(changed)
    services.staff.end_sessions(changed.email)
    log.info("staff account %s: %s, its sessions ended", log_tag(changed.email), what)
    return changed
