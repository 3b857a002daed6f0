"""Staff accounts at the desk: your own password, the coordinator's and Director's list of
accounts, and the page a password-reset link opens.

Every account change goes through pra.staff.accounts (it ends the account's sessions and
records who changed what, when); the reset link through pra.staff.reset. The reset page is open
without a sign-in (the gate lets its endpoints through: its token is the credential), as the
sign-in form is, and its form carries the CSRF token the same way.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.ports import StaffAccount
from pra.staff import accounts
from pra.staff.passwords import WeakPassword, check_strength
from pra.staff.reset import AccountInactive, ResetRefused, check_link, reset_password
from pra.staff.reset import send_reset_link as send_link
from pra.staff.roles import ROLE_LABELS, ROLES, Permission, may
from pra.staff.signin import SignInFailed, SignInThrottled, sign_in
from pra.web.staff import sessions
from pra.web.staff.choices import sentence
from pra.web.staff.gate import render_page, requires, services, signed_in_account

blueprint = Blueprint("staff_accounts", __name__, url_prefix="/staff")

NEW_PASSWORD_FIELDS = ("new_password", "new_password_again")


@blueprint.get("/account")
@requires()
def account_page() -> Any:
    return _account_page([], 200)


@blueprint.post("/account/password")
@requires()
def change_own_password() -> Any:
    me = signed_in_account()
    current = request.form.get("current_password", "")
    errors = [] if current else [("current_password", "Enter your current password.")]
    errors += _new_password_errors()
    if errors:
        return _account_page(errors, 400)
    try:
        # Checked as a sign-in is, so guesses from a session left open are slowed down too.
        sign_in(services(), me.email, current, request.remote_addr or "unknown")
    except SignInThrottled:
        message = "Too many wrong passwords. Wait a few minutes, then try again."
        return _account_page([("current_password", message)], 429)
    except SignInFailed:
        return _account_page([("current_password", "Your current password is wrong.")], 400)
    new = request.form["new_password"]
    accounts.change_password(services(), me.email, new, by=me.email, what="password changed")
    _stay_signed_in(me.email)
    flash("Your new password is set. Every other session of your account has ended.")
    return redirect(url_for(".account_page"), code=303)


@blueprint.get("/accounts")
@requires(Permission.MANAGE_ACCOUNTS)
def accounts_page() -> Any:
    return _accounts_page([], 200)


@blueprint.post("/accounts/reset")
@requires(Permission.MANAGE_ACCOUNTS)
def send_reset_link() -> Any:
    target, number = _target()
    if target is None:
        return _accounts_page([("", "Choose an account from the list.")], 400)
    try:
        send_link(services(), target.email, by=signed_in_account().email)
    except AccountInactive:
        message = f"Activate {target.name}'s account before sending a password-reset link."
        return _accounts_page([(f"reset-{number}", message)], 400)
    flash(f"A password-reset link was emailed to {target.email}. It works once, for an hour.")
    return redirect(url_for(".accounts_page"), code=303)


@blueprint.post("/accounts/active")
@requires(Permission.MANAGE_ACCOUNTS)
def set_active() -> Any:
    target, number = _target()
    active = request.form.get("active")
    if target is None or active not in ("yes", "no"):
        return _accounts_page([("", "Choose an account from the list.")], 400)
    me = signed_in_account()
    if target.email == me.email and active == "no":
        message = (
            "You cannot deactivate your own account: ask another coordinator or the Library "
            "Director."
        )
        return _accounts_page([(f"active-{number}", message)], 400)
    accounts.set_active(services(), target.email, active == "yes", by=me.email)
    if active == "yes":
        flash(f"{target.name}'s account is active: they can sign in again.")
    else:
        flash(f"{target.name}'s account is deactivated: they are signed out and cannot sign in.")
    return redirect(url_for(".accounts_page"), code=303)


@blueprint.post("/accounts/role")
@requires(Permission.MANAGE_ACCOUNTS)
def change_role() -> Any:
    target, number = _target()
    if target is None:
        return _accounts_page([("", "Choose an account from the list.")], 400)
    role = request.form.get("role", "")
    me = signed_in_account()
    if role not in ROLES:
        return _accounts_page([(f"role-{number}", "Choose a role from the list.")], 400)
    if target.email == me.email:
        message = (
            "You cannot change your own role: ask another coordinator or the Library Director."
        )
        return _accounts_page([(f"role-{number}", message)], 400)
    if role == target.role:
        flash(f"{target.name} already has that role: nothing changed.")
    else:
        accounts.change_role(services(), target.email, role, by=me.email)
        flash(f"{target.name} is now {ROLE_LABELS[role]}; their sessions have ended.")
    return redirect(url_for(".accounts_page"), code=303)


@blueprint.get("/reset/<token>")
def reset_form(token: str) -> Any:
    try:
        check_link(services(), token)
    except ResetRefused as refused:
        return _refused(refused)
    return render_page("staff/reset.html", token=token, errors=[], error_by_field={})


@blueprint.post("/reset/<token>")
def reset(token: str) -> Any:
    errors = _new_password_errors()
    try:
        check_link(services(), token)
        if errors:
            return render_page(
                "staff/reset.html", 400, token=token, errors=errors, error_by_field=dict(errors)
            )
        account = reset_password(services(), token, request.form["new_password"])
    except ResetRefused as refused:
        return _refused(refused)
    _stay_signed_in(account.email)
    flash("Your new password is set and you are signed in. Every other session has ended.")
    return redirect(url_for(".account_page"), code=303)


def _new_password_errors() -> list[tuple[str, str]]:
    new, again = (request.form.get(name, "") for name in NEW_PASSWORD_FIELDS)
    if not new:
        return [("new_password", "Enter a new password.")]
    try:
        check_strength(new)
    except WeakPassword as weak:
        return [("new_password", sentence(str(weak)))]
    if new != again:
        return [("new_password_again", "The two new passwords differ: type the same one twice.")]
    return []


def _stay_signed_in(email: str) -> None:
    """Sign this browser in again, under the account's new session version (as sign-in does)."""
    account = services().staff.staff(email)
    if account is None or not account.active:
        sessions.end()
        return
    sessions.start(account, services().clock.now())


def _target() -> tuple[StaffAccount | None, int]:
    """The account the form names, and its place in the list (the ids of its fields)."""
    email = request.form.get("account", "").strip().lower()
    for number, account in enumerate(services().staff.all_staff(), start=1):
        if account.email == email:
            return account, number
    return None, 0


def _refused(refused: ResetRefused) -> Any:
    if refused.reason == "unknown":
        title, status = "This password-reset link is not valid", 404
        why = "It may have been copied incompletely from the email."
    elif refused.reason == "expired":
        title, status = "This password-reset link has expired", 410
        why = "A link works for one hour after it is sent."
    else:
        title, status = "This password-reset link has already been used", 410
        why = "A link works once, and no longer once the account's password or role has changed."
    return render_page("staff/reset_refused.html", status, title=title, why=why)


def _account_page(errors: list[tuple[str, str]], status: int) -> Any:
    me = signed_in_account()
    return render_page(
        "staff/account.html",
        status,
        me=me,
        errors=errors,
        error_by_field=dict(errors),
        may_manage=may(me.role, Permission.MANAGE_ACCOUNTS),
        last_change=accounts.last_change(services(), me.email),
    )


def _accounts_page(errors: list[tuple[str, str]], status: int) -> Any:
    found = services()
    rows = [
        (number, account, accounts.last_change(found, account.email))
        for number, account in enumerate(found.staff.all_staff(), start=1)
    ]
    return render_page(
        "staff/accounts.html",
        status,
        active_rows=[row for row in rows if row[1].active],
        inactive_rows=[row for row in rows if not row[1].active],
        changes=accounts.recent_changes(found),
        roles=[(role, ROLE_LABELS[role]) for role in ROLES],
        role_labels=ROLE_LABELS,
        me=signed_in_account(),
        errors=errors,
        error_by_field=dict(errors),
    )
