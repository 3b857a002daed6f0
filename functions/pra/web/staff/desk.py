"""The coordinator's desk under /staff: sign-in, the request log, its CSV, a request's page.

Thin like the API: parse, call one use case of pra.staff, render. The gate (gate.py) runs
before every /staff request; each route says who may use it.
"""

from __future__ import annotations

from datetime import timedelta
from math import ceil
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    request,
    stream_with_context,
    url_for,
)

from pra.domain.lifecycle import Status
from pra.domain.patron import MAY_HAVE
from pra.domain.public_log import SUMMARY_MAX
from pra.domain.records import reads_like_own_patron_records
from pra.domain.tracking import normalize_tracking_number
from pra.ports import StaleRequest
from pra.services.assignment import AssignmentRefused, assign, assignable_staff
from pra.services.direct_upload import DirectUpload, direct_upload_form
from pra.services.letter_copies import letter_as_pdf
from pra.services.notes import NOTE_MAX, NoteRefused, add_note
from pra.services.patron import mark_patron_records
from pra.staff import signin
from pra.staff.accounts import sign_out_everywhere
from pra.staff.export import export_csv
from pra.staff.log import ASSIGNED_LABELS, STATUS_LABELS, Assigned, assignee_filter, log_view
from pra.staff.roles import Permission, may
from pra.staff.signin import SignInFailed, SignInThrottled
from pra.staff.viewing import open_request
from pra.web.security_headers import allow_uploads_to
from pra.web.staff import sessions
from pra.web.staff.actions import action_links
from pra.web.staff.choices import extension_reason_label
from pra.web.staff.gate import (
    current_account,
    forbidden,
    gate,
    no_store,
    render_page,
    requires,
    safe_next,
    services,
    signed_in_account,
)
from pra.web.staff.patron import CASES as PATRON_CASES
from pra.web.staff.patron import IDENTITIES

# The staff templates live beside this package and are found through this blueprint.
blueprint = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")
blueprint.before_app_request(gate)
blueprint.after_app_request(no_store)


@blueprint.get("/sign-in")
def sign_in_form() -> Any:
    if current_account() is not None:
        return redirect(url_for(".request_log"), code=303)
    return _sign_in_page({}, [], 200)


@blueprint.post("/sign-in")
def sign_in() -> Any:
    form = {key: request.form.get(key, "") for key in ("email", "password", "next")}
    errors = [(f, m) for f, m in _MISSING if not form[f].strip()]
    if errors:
        return _sign_in_page(form, errors, 400)
    client = request.remote_addr or "unknown"
    try:
        account = signin.sign_in(services(), form["email"], form["password"], client)
    except SignInThrottled as throttled:
        response = _sign_in_page(form, [("email", _throttled_message(throttled))], 429)
        response.headers["Retry-After"] = str(ceil(throttled.retry_after.total_seconds()))
        return response
    except SignInFailed:
        return _sign_in_page(form, [("email", "The email address or password is wrong.")], 401)
    sessions.start(account, services().clock.now())
    target = form["next"] if safe_next(form["next"]) else url_for(".request_log")
    return redirect(target, code=303)


_MISSING = [("email", "Enter your email address."), ("password", "Enter your password.")]


def _throttled_message(throttled: SignInThrottled) -> str:
    minutes = max(1, ceil(throttled.retry_after / timedelta(minutes=1)))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-ins. Wait {minutes} {unit}, then try again."


def _sign_in_page(form: dict[str, str], errors: list[tuple[str, str]], status: int) -> Response:
    next_target = form.get("next") or request.args.get("next", "")
    return render_page(
        "staff/sign_in.html",
        status,
        email=form.get("email", ""),
        next=next_target if safe_next(next_target) else "",
        errors=errors,
        expired=request.args.get("expired") == "1",
        signed_out=request.args.get("signed_out") == "1",
    )


@blueprint.post("/sign-out")
@requires()
def sign_out() -> Any:
    sign_out_everywhere(services(), signed_in_account().email)
    sessions.end()
    return redirect(url_for(".sign_in_form", signed_out=1), code=303)


def _filter() -> tuple[Status | None, str, Assigned | None]:
    raw = request.args.get("status", "")
    status = Status(raw) if raw in {s.value for s in Status} else None  # unknown: all
    who = request.args.get("assigned", "")
    assigned = Assigned(who) if who in {a.value for a in Assigned} else None  # unknown: anyone's
    return status, request.args.get("q", "").strip(), assigned


@blueprint.get("/", endpoint="request_log")
@requires(Permission.READ_LOG)
def request_log_page() -> Any:
    status, search, assigned = _filter()
    after = request.args.get("after") or None
    assignee = assignee_filter(assigned, signed_in_account().email)
    view = log_view(services(), status, search, after, assignee=assignee)
    return render_page(
        "staff/log.html",
        rows=view.rows,
        about=view.about,
        next_after=view.next_after,
        first_page=after is None,
        status=status,
        search=search,
        assigned=assigned,
        assigned_labels=ASSIGNED_LABELS,
        statuses=STATUS_LABELS,
        today=services().today(),
        may_export_contacts=may(signed_in_account().role, Permission.READ_CONTACTS),
        may_enter=may(signed_in_account().role, Permission.ACT_ON_REQUESTS),
    )


@blueprint.get("/requests.csv")
@requires(Permission.READ_LOG)
def request_log_csv() -> Any:
    contacts = request.args.get("contacts") == "1"
    if contacts and not may(signed_in_account().role, Permission.READ_CONTACTS):
        return forbidden()
    status, search, assigned = _filter()
    actor = signed_in_account().email
    assignee = assignee_filter(assigned, actor)
    lines = export_csv(
        services(), status, search, contacts=contacts, actor=actor, assignee=assignee
    )
    name = f"requests-{services().today().isoformat()}{'-contacts' if contacts else ''}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(stream_with_context(lines), mimetype="text/csv", headers=headers)


@blueprint.get("/requests/<tracking_number>")
@requires(Permission.READ_LOG)
def request_page(tracking_number: str) -> Any:
    return request_page_response(tracking_number)


def request_page_response(
    tracking_number: str,
    upload_errors: list[tuple[str, str]] | None = None,
    status: int = 200,
    *,
    note: str = "",
    typed: dict[str, str] | None = None,
) -> Response:
    """The request's page; with a form's errors when an upload, a note or a public-log change
    was refused (what was typed, to correct it)."""
    opened = open_request(services(), tracking_number, signed_in_account().email)
    if opened is None:
        return not_found(tracking_number)
    direct_upload = _direct_upload(opened.row.request.tracking_number)
    may_act = may(signed_in_account().role, Permission.ACT_ON_REQUESTS)
    page = render_page(
        "staff/request.html",
        status,
        errors=upload_errors or [],
        direct_upload=direct_upload,
        error_by_field=dict(upload_errors or []),
        note=note,
        note_max=NOTE_MAX,
        typed=typed or {},
        public_log_on=services().settings.public_log,
        summary_max=SUMMARY_MAX,
        assignable=assignable_staff(services()) if may_act else [],
        max_upload_mb=services().settings.max_upload_mb,
        opened=opened,
        request=opened.row.request,
        show_contacts=may(signed_in_account().role, Permission.READ_CONTACTS),
        actions=action_links(opened.row.request, signed_in_account()),
        may_act=may_act,
        reason_label=extension_reason_label,
        reads_like_patron_records=reads_like_own_patron_records(
            opened.row.request.submission.description
        ),
        patron_cases={value: label for value, (label, _) in PATRON_CASES.items()},
        identities=IDENTITIES,
        may_have=MAY_HAVE,
    )
    return allow_uploads_to(page, direct_upload.form.url) if direct_upload else page


@blueprint.post("/requests/<tracking_number>/patron-records")
@requires(Permission.ACT_ON_REQUESTS)
def patron_records(tracking_number: str) -> Any:
    """Mark (or unmark) the request as the requester's own patron records: never published."""
    marked = request.form.get("patron_records") == "yes"
    number = normalize_tracking_number(tracking_number)
    try:
        mark_patron_records(services(), number, marked, signed_in_account().email)
    except KeyError:
        return not_found(tracking_number)
    flash(
        "Marked as the requester's own patron records: nothing of it will be published."
        if marked
        else "No longer marked as patron records."
    )
    return redirect(url_for(".request_page", tracking_number=number), code=303)


@blueprint.post("/requests/<tracking_number>/assignee")
@requires(Permission.ACT_ON_REQUESTS)
def assignee(tracking_number: str) -> Any:
    """Assign the request to an active staff account, or to no one ("")."""
    chosen = request.form.get("assignee", "").strip() or None
    number = normalize_tracking_number(tracking_number)
    back = redirect(url_for(".request_page", tracking_number=number), code=303)
    try:
        after = assign(services(), number, chosen, signed_in_account())
    except KeyError:
        return not_found(tracking_number)
    except (AssignmentRefused, StaleRequest) as refused:
        message = str(refused) if isinstance(refused, AssignmentRefused) else _CHANGED
        flash(message + " The assignee was not changed.", "error")
        return back
    names = {account.email: account.name for account in assignable_staff(services())}
    who = names.get(after.assignee, after.assignee) if after.assignee else None
    flash(f"Assigned to {who}." if who else "No one is assigned now.")
    return back


_CHANGED = "Someone changed this request while you were choosing."


@blueprint.post("/requests/<tracking_number>/notes")
@requires(Permission.ACT_ON_REQUESTS)
def note(tracking_number: str) -> Any:
    """An internal note on the request: kept in its history, for staff only."""
    text = request.form.get("note", "")
    number = normalize_tracking_number(tracking_number)
    try:
        add_note(services(), number, text, signed_in_account().email)
    except KeyError:
        return not_found(tracking_number)
    except NoteRefused as refused:
        return request_page_response(number, [("note", str(refused))], 400, note=text)
    flash("Note added to the history.")
    return redirect(
        url_for(".request_page", tracking_number=number, _anchor="pra-history"), code=303
    )


@blueprint.get("/requests/<tracking_number>/letters/<int:position>.pdf")
@requires(Permission.READ_CONTACTS)
def letter_pdf(tracking_number: str, position: int) -> Response:
    """A letter sent, as a PDF for a window envelope (it may show the postal address)."""
    number = normalize_tracking_number(tracking_number)
    found = letter_as_pdf(services(), number, position, signed_in_account().email)
    if found is None:
        return not_found(tracking_number)
    name, pdf = found
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _direct_upload(number: str) -> DirectUpload | None:
    """On AWS, the upload form posts straight to S3; on one machine, to the app."""
    account = signed_in_account()
    if not may(account.role, Permission.ACT_ON_REQUESTS):
        return None
    return direct_upload_form(services(), number, account.email)


def not_found(tracking_number: str) -> Response:
    message = f"There is no request {tracking_number} or no such file of it."
    return render_page("staff/problem.html", 404, title="Not found", message=message)
