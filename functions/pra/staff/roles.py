"""Roles and what each may do: the one table routes consult through `requires`."""

from __future__ import annotations

from enum import StrEnum

from pra.glossary import TERMS


class Permission(StrEnum):
    READ_LOG = "read_log"  # the log, request pages without contact data, the CSV without it
    READ_CONTACTS = "read_contacts"  # requester contact data, files, the CSV with contacts
    ACT_ON_REQUESTS = "act_on_requests"  # the written responses of the lifecycle
    DECIDE_APPEALS = "decide_appeals"
    HANDLE_ESCALATIONS = "handle_escalations"  # overdue requests escalated to the Director
    MANAGE_ACCOUNTS = "manage_accounts"  # other staff's accounts: reset links, roles, activity


_COORDINATOR = frozenset(
    {
        Permission.READ_LOG,
        Permission.READ_CONTACTS,
        Permission.ACT_ON_REQUESTS,
        Permission.MANAGE_ACCOUNTS,
    }
)

PERMISSIONS: dict[str, frozenset[Permission]] = {
    "coordinator": _COORDINATOR,
    # The Director (or designee) decides appeals and can act as the coordinator.
    "director": _COORDINATOR | {Permission.DECIDE_APPEALS, Permission.HANDLE_ESCALATIONS},
    # Read-only: Policy 4005 gives access within duties, and reading the log needs no contacts.
    "staff": frozenset({Permission.READ_LOG}),
}

ROLES = tuple(PERMISSIONS)

ROLE_LABELS = {
    "coordinator": TERMS["en"]["coordinator"],
    "director": TERMS["en"]["director"],
    "staff": "Staff (read only)",
}


class UnknownRole(ValueError):
    def __init__(self, role: str) -> None:
        super().__init__(f"unknown role {role!r}: choose {', '.join(ROLES[:-1])} or {ROLES[-1]}")


def check_role(role: str) -> str:
    if role not in PERMISSIONS:
        raise UnknownRole(role)
    return role


def may(role: str, permission: Permission) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())
