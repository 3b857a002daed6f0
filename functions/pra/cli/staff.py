"""`pra staff add|edit|password|reset|role|deactivate|activate|sign-out|list`: the desk's accounts.

A new password, a new role, deactivation and `sign-out` end the account's sessions on every
device (pra.staff.accounts). `reset` emails the account a one-time link to choose a password
itself (pra.staff.reset). Each change is recorded in the accounts' change log the desk shows,
made by "cli:<OS user>" (pra.staff.accounts.cli_actor).

The password is never an argument (it would sit in the shell history and the process list):
it is asked for twice on a terminal, or read as the first line of stdin otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from pra.bootstrap import services_for
from pra.cli.errors import CliError
from pra.config import Settings
from pra.ports import DuplicateStaff, StaffAccount
from pra.services import Services
from pra.staff import accounts
from pra.staff.accounts import cli_actor
from pra.staff.passwords import WeakPassword, check_strength, hash_password
from pra.staff.reset import AccountInactive, send_reset_link
from pra.staff.roles import ROLES, UnknownRole, check_role


def add_parser(commands: Any) -> None:
    """The `staff` subcommand of `pra` (commands: the parser's subparsers)."""
    staff = commands.add_parser("staff", help="staff accounts for the /staff pages")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser("add", help="create an account (asks for its password)")
    add.add_argument("email")
    add.add_argument("--role", required=True, help=f"one of: {', '.join(ROLES)}")
    add.add_argument("--name", required=True, help="printed on letters as the person responsible")
    add.add_argument("--title", required=True, help="printed on letters under the name")
    add.add_argument("--title-es", default="", help="the title Spanish letters print")
    add.add_argument("--phone", default="", help="printed on letters as the contact")
    add.add_argument("--data-dir", type=Path)
    add.set_defaults(run=_add)
    edit = staff_commands.add_parser("edit", help="change what letters print of an account")
    edit.add_argument("email")
    edit.add_argument("--name")
    edit.add_argument("--title")
    edit.add_argument("--title-es", help="the title Spanish letters print ('' for the English)")
    edit.add_argument("--phone")
    edit.add_argument("--data-dir", type=Path)
    edit.set_defaults(run=_edit)
    password = staff_commands.add_parser(
        "password", help="set a new password (asks for it) and end the account's sessions"
    )
    password.add_argument("email")
    password.add_argument("--data-dir", type=Path)
    password.set_defaults(run=_password)
    reset = staff_commands.add_parser(
        "reset", help="email the account a one-time link to choose a new password (an hour)"
    )
    reset.add_argument("email")
    reset.add_argument("--data-dir", type=Path)
    reset.set_defaults(run=_reset)
    role = staff_commands.add_parser("role", help="change the role and end the sessions")
    role.add_argument("email")
    role.add_argument("role", help=f"one of: {', '.join(ROLES)}")
    role.add_argument("--data-dir", type=Path)
    role.set_defaults(run=_role)
    for name, active, words in [
        ("deactivate", False, "refuse its sign-in and end its sessions (kept for the history)"),
        ("activate", True, "allow its sign-in again"),
        ("sign-out", None, "end the account's sessions on every device"),
    ]:
        command = staff_commands.add_parser(name, help=words)
        command.add_argument("email")
        command.add_argument("--data-dir", type=Path)
        command.set_defaults(run=_state, active=active)
    listing = staff_commands.add_parser("list", help="list accounts")
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(run=_list)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    try:
        role = check_role(args.role)
    except UnknownRole as error:
        raise CliError(str(error)) from None
    email = _valid_email(args.email)
    services = services_for(settings)
    if services.staff.staff(email) is not None:
        raise CliError(f"a staff account for {email} already exists")
    account = StaffAccount(
        email=email,
        name=_required(args.name, "--name"),
        title=_required(args.title, "--title"),
        title_es=args.title_es.strip(),
        role=role,
        password_hash=hash_password(_read_password()),
        phone=args.phone.strip(),
    )
    try:
        services.staff.add_staff(account)
    except DuplicateStaff:
        raise CliError(f"a staff account for {email} already exists") from None
    accounts.record(services, cli_actor(), email, f"added as {role}")
    print(f"added {email} ({role})")
    return 0


def _edit(args: argparse.Namespace, settings: Settings) -> int:
    services = services_for(settings)
    email = _valid_email(args.email)
    account = services.staff.staff(email)
    if account is None:
        raise CliError(f"no staff account for {email}")
    changes: dict[str, Any] = {}
    for option, field in [("--name", "name"), ("--title", "title")]:
        if getattr(args, field) is not None:
            changes[field] = _required(getattr(args, field), option)
    for field in ("title_es", "phone"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field).strip()
    if not changes:
        raise CliError("say what to change: --name, --title, --title-es or --phone")
    services.staff.update_staff(dataclasses.replace(account, **changes))
    accounts.record(services, cli_actor(), email, f"{', '.join(sorted(changes))} changed")
    print(f"changed {', '.join(sorted(changes))} of {email}")
    return 0


def _password(args: argparse.Namespace, settings: Settings) -> int:
    services, email = _existing(args, settings)
    try:
        accounts.change_password(services, email, _read_password(), by=cli_actor())
    except WeakPassword as error:
        raise CliError(str(error)) from None
    print(f"new password for {email}; its sessions have ended")
    return 0


def _role(args: argparse.Namespace, settings: Settings) -> int:
    services, email = _existing(args, settings)
    try:
        changed = accounts.change_role(services, email, args.role, by=cli_actor())
    except UnknownRole as error:
        raise CliError(str(error)) from None
    print(f"{email} is now {changed.role}; its sessions have ended")
    return 0


def _state(args: argparse.Namespace, settings: Settings) -> int:
    services, email = _existing(args, settings)
    if args.active is None:
        accounts.sign_out_everywhere(services, email, by=cli_actor())
        print(f"the sessions of {email} have ended")
    else:
        accounts.set_active(services, email, args.active, by=cli_actor())
        state = "active" if args.active else "inactive; its sessions have ended"
        print(f"{email} is {state}")
    return 0


def _reset(args: argparse.Namespace, settings: Settings) -> int:
    services, email = _existing(args, settings)
    try:
        send_reset_link(services, email, by=cli_actor())
    except AccountInactive:
        raise CliError(f"{email} is deactivated: `pra staff activate` it first") from None
    print(f"a password-reset link was emailed to {email}; it works once, for an hour")
    return 0


def _existing(args: argparse.Namespace, settings: Settings) -> tuple[Services, str]:
    services = services_for(settings)
    email = _valid_email(args.email)
    if services.staff.staff(email) is None:
        raise CliError(f"no staff account for {email}")
    return services, email


def _list(args: argparse.Namespace, settings: Settings) -> int:
    """Active accounts, then the deactivated ones under a heading of their own."""
    everyone = services_for(settings).staff.all_staff()
    if not everyone:
        print("no staff accounts")
        return 0
    active = [account for account in everyone if account.active]
    inactive = [account for account in everyone if not account.active]
    print(f"{'EMAIL':<32} {'ROLE':<12} {'STATE':<9} NAME, TITLE")
    for account in active:
        _list_line(account, "active")
    if not active:
        print("(no active account)")
    if inactive:
        print()
        print(f"deactivated: {len(inactive)} (sign-in refused; `pra staff activate EMAIL`)")
        for account in inactive:
            _list_line(account, "inactive")
    return 0


def _list_line(account: StaffAccount, state: str) -> None:
    titles = " / ".join(filter(None, [account.title, account.title_es]))
    print(f"{account.email:<32} {account.role:<12} {state:<9} {account.name}, {titles}")


def _valid_email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise CliError(f"not an email address: {raw!r}") from None


def _required(value: str, option: str) -> str:
    if not value.strip():
        raise CliError(f"{option} must not be empty")
    return value.strip()


def _read_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise CliError("the two passwords differ; nothing was stored")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        check_strength(password)
    except WeakPassword as error:
        raise CliError(f"{error}; nothing was stored") from None
    return password
