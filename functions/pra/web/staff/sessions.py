"""The staff session: who signed in, when, and the CSRF token every staff form carries.

Flask keeps the session in a signed cookie. Signing in drops whatever the cookie held and
starts afresh with a new CSRF token, so nothing from before sign-in survives it. The sign-in
time is checked against the services' clock, so a session ends after its lifetime however
often the cookie is refreshed. The cookie also names the account's session version when it
signed in: signing out, a new password, a new role or deactivation raise the version in the
store, so a copy of the cookie kept from before is refused on the server, not just forgotten
by the browser.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from flask import request, session

from pra.ports import StaffAccount

SIGNED_IN_AS = "staff_email"
SIGNED_IN_AT = "staff_since"
SESSION_VERSION = "staff_version"
CSRF_KEY = "staff_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def start(account: StaffAccount, now: datetime) -> None:
    session.clear()
    session.permanent = True  # the cookie expires after PERMANENT_SESSION_LIFETIME
    session[SIGNED_IN_AS] = account.email
    session[SIGNED_IN_AT] = now.isoformat()
    session[SESSION_VERSION] = account.session_version
    session[CSRF_KEY] = secrets.token_urlsafe(32)


def end() -> None:
    session.clear()


def has_sign_in() -> bool:
    return SIGNED_IN_AS in session


def signed_in_email(now: datetime, lifetime: timedelta) -> str | None:
    """The email of a sign-in younger than `lifetime`; an older one is forgotten."""
    email, since = session.get(SIGNED_IN_AS), session.get(SIGNED_IN_AT)
    if not isinstance(email, str) or not isinstance(since, str):
        return None
    try:
        started = datetime.fromisoformat(since)
    except ValueError:
        started = None
    if started is None or now - started >= lifetime:
        end()
        return None
    return email


def current_version(account: StaffAccount) -> bool:
    """Whether the session began under the account's present session version."""
    return session.get(SESSION_VERSION) == account.session_version


def csrf_token() -> str:
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_ok() -> bool:
    """The form field or header matches the session's token."""
    expected = session.get(CSRF_KEY)
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not isinstance(expected, str) or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())
