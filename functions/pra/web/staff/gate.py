"""The gate in front of every staff address, and the `requires` decorator routes carry.

The gate runs before every request whose path is under /staff or /api/staff, whatever
blueprint serves it: without a live sign-in a page answers a redirect to the sign-in form
and data (JSON, CSV) answers 401, so a route added later is closed until it says who may
use it. `requires` then checks the role against the table in pra.staff.roles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Response,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from pra.domain.fees import dollars
from pra.ports import StaffAccount
from pra.staff.roles import ROLE_LABELS, Permission, may
from pra.web.context import current_services
from pra.web.shell import shell_for
from pra.web.staff import sessions

PROTECTED_PREFIXES = ("/staff", "/api/staff")
# Open without a sign-in: the sign-in form, and the page a password-reset link opens (its
# one-time token is the credential: pra.staff.reset). Their POSTs still need the CSRF token.
SIGN_IN_ENDPOINTS = frozenset(
    {"staff.sign_in_form", "staff.sign_in", "staff_accounts.reset_form", "staff_accounts.reset"}
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The forms that carry files: a request's upload, and a record published on its own.
UPLOAD_ENDPOINTS = frozenset({"staff_files.upload", "staff_library.publish"})
MAX_FILES_PER_UPLOAD = 20

View = TypeVar("View", bound=Callable[..., Any])


services = current_services  # the name staff modules call it by


def protects(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in PROTECTED_PREFIXES)


def current_account() -> StaffAccount | None:
    account: StaffAccount | None = g.get("staff_account")
    return account


def signed_in_account() -> StaffAccount:
    """The account of a view behind requires(), which lets only signed-in accounts through."""
    account = current_account()
    if account is None:
        raise RuntimeError("a staff view ran without a signed-in account")
    return account


def gate() -> Any:
    """Before each request: who is signed in, and refuse what needs a sign-in or a token."""
    if not protects(request.path):
        return None
    had_sign_in = sessions.has_sign_in()
    g.staff_account = _signed_in_account()
    if request.endpoint in SIGN_IN_ENDPOINTS:
        return None if request.method in SAFE_METHODS or sessions.csrf_ok() else csrf_refused()
    if g.staff_account is None:
        return unauthenticated(expired=had_sign_in)
    if request.endpoint in UPLOAD_ENDPOINTS:
        # Only now, signed in: the upload form may carry files up to the configured limit.
        request.max_content_length = _upload_limit()
    if request.method not in SAFE_METHODS and not sessions.csrf_ok():
        return csrf_refused()
    return None


def _upload_limit() -> int:
    per_file = services().settings.max_upload_mb * 1024 * 1024
    return per_file * MAX_FILES_PER_UPLOAD + 64 * 1024  # and the form's other fields


def _signed_in_account() -> StaffAccount | None:
    found = services()
    lifetime = timedelta(hours=found.settings.staff_session_hours)
    email = sessions.signed_in_email(found.clock.now(), lifetime)
    account = found.staff.staff(email) if email else None
    if email and (account is None or not account.active or not sessions.current_version(account)):
        sessions.end()  # removed, deactivated, or its sessions ended since signing in
        return None
    return account


def no_store(response: Response) -> Response:
    """After each staff response: never cached (framing and sniffing: pra.web.security_headers)."""
    if protects(request.path):
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"  # the desk is never indexed
        response.vary.add("Cookie")
    return response


def requires(*permissions: Permission) -> Callable[[View], View]:
    """Only a signed-in account whose role has every one of `permissions` reaches the view."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            account = current_account()
            if account is None:
                return unauthenticated()
            if not all(may(account.role, permission) for permission in permissions):
                return forbidden()
            return view(*args, **kwargs)

        guarded.staff_permissions = frozenset(permissions)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def wants_data() -> bool:
    """JSON or CSV callers get status codes; browsers get pages."""
    if request.path.startswith("/api/") or request.path.endswith((".csv", ".json")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/csv"])
    return best in ("application/json", "text/csv")


def unauthenticated(*, expired: bool = False) -> Any:
    if wants_data():
        return _data_error(401, "unauthorized", "Sign in to the staff pages first.")
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    arguments: dict[str, Any] = {"next": target} if target and safe_next(target) else {}
    if expired:
        arguments["expired"] = 1
    return redirect(url_for("staff.sign_in_form", **arguments), code=303)


def forbidden() -> Any:
    message = "Your role does not allow this. Ask the PRA Coordinator if you need it."
    if wants_data():
        return _data_error(403, "forbidden", message)
    return render_page("staff/problem.html", 403, title="Not allowed", message=message)


def csrf_refused() -> Any:
    message = (
        "This form has expired or did not come from this site. Go back, reload the page "
        "and send it again."
    )
    if wants_data():
        return _data_error(400, "csrf", message)
    return render_page(
        "staff/problem.html", 400, title="The form could not be accepted", message=message
    )


def _data_error(code: int, error: str, message: str) -> Response:
    if request.path.endswith(".csv"):
        return Response(message + "\n", status=code, mimetype="text/plain")
    return make_response({"error": error, "message": message}, code)


def safe_next(target: str | None) -> bool:
    """Only a path of the staff pages themselves, never another site."""
    if not target:
        return False
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False  # a backslash some browsers read as /, a line break that splits headers
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and protects(parts.path)


def render_page(template: str, http_status: int = 200, **context: Any) -> Response:
    account = current_account()
    body = render_template(
        template,
        account=account,
        role_label=ROLE_LABELS.get(account.role, account.role) if account else "",
        csrf_token=sessions.csrf_token,
        agency_name=services().settings.agency_name,
        shell=shell_for("en"),
        short_date=short_date,
        event_time=local_time,
        money=dollars,
        **context,
    )
    return make_response(body, http_status)


def local_time(at: datetime) -> str:
    """A moment as the agency's clock showed it."""
    local = at.astimezone(services().receipt_rules.zone)
    return f"{short_date(local.date())}, {local:%H:%M}"


def short_date(day: date | None) -> str:
    return f"{day:%a} {day:%b} {day.day}, {day.year}" if day else ""
