"""Written responses from a request's page: a form per response, a preview, then Send.

Every step re-reads the form and re-runs the service's checks, so what is sent is what was
previewed. Replies that came by email or post (a clarification answer, an appeal) are logged
here too, with the staff member as the actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.domain.lifecycle import IllegalTransition
from pra.domain.request import PraRequest
from pra.domain.responses import ResponseRefused
from pra.domain.tracking import normalize_tracking_number
from pra.ports import StaffAccount, StaleRequest
from pra.services import replies
from pra.services.respond import prepare_response, send_response
from pra.staff.guard import current_account, render_page, requires, services, short_date
from pra.staff.log import STATUS_LABELS, log_row, today
from pra.staff.roles import Permission
from pra.web.action_forms import FIELDS, Filled, empty_form, read_form
from pra.web.action_pages import (
    LABELS,
    REPLIES,
    exemption_choices,
    offered_forms,
    reason_choices,
    refusal_field,
    sentence,
)

blueprint = Blueprint("staff_actions", __name__, url_prefix="/staff/requests/<tracking_number>")
RESPONSE_FORMS = frozenset(LABELS) - {"appeal_decision", *REPLIES}


@dataclass(frozen=True)
class ActionLink:
    label: str
    url: str


def action_links(found: PraRequest, account: StaffAccount) -> list[ActionLink]:
    """The request page's Actions: a link to each form this account may use now."""
    forms = offered_forms(found, account, today(services()))
    return [ActionLink(LABELS[form], step_url(form, found.tracking_number)) for form in forms]


@blueprint.route("/respond/<form>", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def respond_form(tracking_number: str, form: str) -> Any:
    """The form (GET), or the form filled in again from the preview's Edit button (POST)."""
    return _form_step(tracking_number, form) if form in RESPONSE_FORMS else _not_found()


@blueprint.post("/respond/<form>/preview")
@requires(Permission.ACT_ON_REQUESTS)
def respond_preview(tracking_number: str, form: str) -> Any:
    return (
        _letter_step(tracking_number, form, send=False) if form in RESPONSE_FORMS else _not_found()
    )


@blueprint.post("/respond/<form>/send")
@requires(Permission.ACT_ON_REQUESTS)
def respond_send(tracking_number: str, form: str) -> Any:
    return (
        _letter_step(tracking_number, form, send=True) if form in RESPONSE_FORMS else _not_found()
    )


@blueprint.route("/appeal-decision", methods=["GET", "POST"])
@requires(Permission.DECIDE_APPEALS)
def appeal_decision_form(tracking_number: str) -> Any:
    return _form_step(tracking_number, "appeal_decision")


@blueprint.post("/appeal-decision/preview")
@requires(Permission.DECIDE_APPEALS)
def appeal_decision_preview(tracking_number: str) -> Any:
    return _letter_step(tracking_number, "appeal_decision", send=False)


@blueprint.post("/appeal-decision/send")
@requires(Permission.DECIDE_APPEALS)
def appeal_decision_send(tracking_number: str) -> Any:
    return _letter_step(tracking_number, "appeal_decision", send=True)


@blueprint.route("/log/<reply>", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def log_reply(tracking_number: str, reply: str) -> Any:
    """Log an answer or an appeal that came by email or post."""
    found = _load(tracking_number)
    if found is None or reply not in REPLIES:
        return _not_found()
    if reply not in offered_forms(found, _account(), today(services())):
        return _not_now(found, reply)
    text = request.form.get("text", "").strip()
    if request.method == "GET":
        return _reply_page(found, reply, text, [], 200)
    use_case = (
        replies.receive_clarification if reply == "log_clarification" else replies.submit_appeal
    )
    try:
        after = use_case(services(), found, text, actor=_account().email)
    except replies.ReplyRefused as refused:
        if refused.code == "not_appealable":
            return _conflict(found, str(refused))
        return _reply_page(found, reply, text, [("text", sentence(str(refused)))], 400)
    except (IllegalTransition, StaleRequest) as error:
        return _conflict(found, _conflict_message(error))
    flash(f"Logged. The request is now “{STATUS_LABELS[after.status]}”.")
    return redirect(_request_url(found), code=303)


def step_url(form: str, number: str, step: str = "") -> str:
    """The address of a form's page (step ""), its preview or its send."""
    suffix = f"_{step}" if step else "_form"
    if form == "appeal_decision":
        return url_for(f"staff_actions.appeal_decision{suffix}", tracking_number=number)
    if form in REPLIES:
        return url_for("staff_actions.log_reply", tracking_number=number, reply=form)
    return url_for(f"staff_actions.respond{suffix}", tracking_number=number, form=form)


def _form_step(number: str, form: str) -> Any:
    found = _load(number)
    if found is None:
        return _not_found()
    if form not in offered_forms(found, _account(), today(services())):
        return _not_now(found, form)
    if request.method == "GET":
        return _form_page(found, empty_form(form), 200)
    filled = _read(found, form)
    filled.errors = []  # back from the preview to edit: nothing to complain about yet
    return _form_page(found, filled, 200)


def _letter_step(number: str, form: str, *, send: bool) -> Any:
    """Check the form, then preview the letter or send it; refusals go back to the form."""
    found = _load(number)
    if found is None:
        return _not_found()
    filled = _read(found, form)
    if filled.errors:
        return _form_page(found, filled, 400)
    account = _account()
    try:
        if send:
            after = send_response(services(), found.tracking_number, account, filled.response())
        else:
            prepared = prepare_response(
                services(), found.tracking_number, account, filled.response()
            )
    except ResponseRefused as refused:
        filled.errors.append((refusal_field(form, str(refused)), sentence(str(refused))))
        return _form_page(found, filled, 400)
    except (IllegalTransition, StaleRequest) as error:
        return _conflict(found, _conflict_message(error))
    if send:
        flash(_sent_message(found, after))
        return redirect(_request_url(found), code=303)
    return _preview_page(found, filled, prepared.message, STATUS_LABELS[prepared.after.status])


def _read(found: PraRequest, form: str) -> Filled:
    reasons = [key for key, _, _ in reason_choices(found)]
    return read_form(form, request.form, today(services()), reasons)


def _form_page(found: PraRequest, filled: Filled, status: int) -> Any:
    return render_page(
        "staff/action_form.html",
        status,
        request=found,
        row=log_row(services(), found),
        form=filled.form,
        label=LABELS[filled.form],
        filled=filled,
        errors=filled.errors,
        error_by_field=filled.error_by_field,
        fields=FIELDS[filled.form],
        earliest_new_due=found.deadlines.initial_response_due + timedelta(days=1),
        reasons=reason_choices(found),
        exemptions=exemption_choices(),
        preview_url=step_url(filled.form, found.tracking_number, "preview"),
    )


def _preview_page(found: PraRequest, filled: Filled, message: Any, next_status: str) -> Any:
    body = message.get_body(("plain",))
    settings = services().settings
    return render_page(
        "staff/preview.html",
        request=found,
        label=LABELS[filled.form],
        subject=str(message["Subject"]),
        text=body.get_content() if body is not None else "",
        coordinator_email=settings.coordinator_email,
        next_status=next_status,
        hidden=filled.hidden_fields(),
        send_url=step_url(filled.form, found.tracking_number, "send"),
        edit_url=step_url(filled.form, found.tracking_number),
    )


def _reply_page(
    found: PraRequest, reply: str, text: str, errors: list[tuple[str, str]], status: int
) -> Any:
    return render_page(
        "staff/log_reply.html",
        status,
        request=found,
        row=log_row(services(), found),
        reply=reply,
        label=LABELS[reply],
        text=text,
        errors=errors,
        error_by_field=dict(errors),
    )


def _sent_message(found: PraRequest, after: PraRequest) -> str:
    email = found.submission.email
    where = (
        "It was emailed to the requester."
        if email
        else f"There is no email address: it went to {services().settings.coordinator_email} "
        "to post to the requester."
    )
    status = STATUS_LABELS[after.status]
    return f"Letter sent: {after.letters[-1].subject}. {where} The request is now “{status}”."


def _conflict_message(error: Exception) -> str:
    if isinstance(error, StaleRequest):
        return "Someone changed this request while you were working on it. Nothing was sent."
    return sentence(str(error)) + " Nothing was sent."


def _conflict(found: PraRequest, message: str) -> Any:
    return render_page(
        "staff/problem.html",
        409,
        title="This cannot be done now",
        message=message,
        back=_request_url(found),
    )


def _not_now(found: PraRequest, form: str) -> Any:
    status = STATUS_LABELS[found.status]
    message = f"{LABELS[form]}: not possible for this request now (status “{status}”)."
    due = found.deadlines.initial_response_due
    if form == "extension" and today(services()) > due:
        message = f"An extension had to be sent by the initial due date, {short_date(due)}."
    return _conflict(found, message)


def _load(number: str) -> PraRequest | None:
    return services().store.get(normalize_tracking_number(number))


def _account() -> StaffAccount:
    account = current_account()
    if account is None:  # requires() lets only signed-in accounts through
        raise RuntimeError("a staff view ran without a signed-in account")
    return account


def _request_url(found: PraRequest) -> str:
    return url_for("staff.request_page", tracking_number=found.tracking_number)


def _not_found() -> Any:
    message = "There is no such request, or no such action."
    return render_page("staff/problem.html", 404, title="Not found", message=message)
