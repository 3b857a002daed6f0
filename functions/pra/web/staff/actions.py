"""Written responses from a request's page: a form per response, a preview, then Send.

Every step re-reads the form and re-runs the service's checks, so what is sent is what was
previewed. Replies that came by email or post (a clarification answer, an appeal) are logged
here too, with the staff member as the actor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.domain.lifecycle import IllegalTransition
from pra.domain.request import PraRequest
from pra.domain.responses import ResponseRefused
from pra.domain.tracking import normalize_tracking_number
from pra.ports import StaffAccount, StaleRequest
from pra.services import replies
from pra.services.respond import Prepared, prepare_response, send_response
from pra.staff.log import status_label
from pra.staff.roles import Permission, may
from pra.web.staff.choices import (
    LABELS,
    REPLIES,
    offered_forms,
    reason_choices,
    refusal_field,
    sentence,
)
from pra.web.staff.forms import Filled, empty_form, read_form
from pra.web.staff.gate import requires, services, signed_in_account
from pra.web.staff.pages import (
    conflict,
    conflict_message,
    form_page,
    not_found,
    not_now,
    preview_page,
    reply_page,
    request_url,
    sent_message,
    step_url,
)

blueprint = Blueprint("staff_actions", __name__, url_prefix="/staff/requests/<tracking_number>")
RESPONSE_FORMS = frozenset(LABELS) - {"appeal_decision", *REPLIES}


@dataclass(frozen=True)
class ActionLink:
    label: str
    url: str


def action_links(found: PraRequest, account: StaffAccount) -> list[ActionLink]:
    """The request page's Actions: a link to each form this account may use now."""
    forms = offered_forms(found, account, services().today())
    links = [ActionLink(LABELS[form], step_url(form, found.tracking_number)) for form in forms]
    if not may(account.role, Permission.ACT_ON_REQUESTS):
        return links
    number = found.tracking_number
    if found.may_deliver:
        links.insert(
            0, ActionLink("Deliver records", url_for("staff_delivery.form", tracking_number=number))
        )
    if found.may_estimate_fees:
        links.append(
            ActionLink("Estimate fees", url_for("staff_fees.fee_form", tracking_number=number))
        )
    if found.fee_owed:
        links.append(
            ActionLink("Record a payment", url_for("staff_fees.payment", tracking_number=number))
        )
    return links


@blueprint.route("/respond/<form>", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def respond_form(tracking_number: str, form: str) -> Any:
    """The form (GET), or the form filled in again from the preview's Edit button (POST)."""
    return _form_step(tracking_number, form) if form in RESPONSE_FORMS else not_found()


@blueprint.post("/respond/<form>/preview")
@requires(Permission.ACT_ON_REQUESTS)
def respond_preview(tracking_number: str, form: str) -> Any:
    return (
        _letter_step(tracking_number, form, send=False) if form in RESPONSE_FORMS else not_found()
    )


@blueprint.post("/respond/<form>/send")
@requires(Permission.ACT_ON_REQUESTS)
def respond_send(tracking_number: str, form: str) -> Any:
    return _letter_step(tracking_number, form, send=True) if form in RESPONSE_FORMS else not_found()


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
        return not_found()
    if reply not in offered_forms(found, signed_in_account(), services().today()):
        return not_now(found, reply)
    text = request.form.get("text", "").strip()
    if request.method == "GET":
        return reply_page(found, reply, text, [], 200)
    use_case = (
        replies.receive_clarification if reply == "log_clarification" else replies.submit_appeal
    )
    try:
        after = use_case(services(), found, text, actor=signed_in_account().email)
    except replies.ReplyRefused as refused:
        return reply_page(found, reply, text, [("text", sentence(str(refused)))], 400)
    except (IllegalTransition, StaleRequest) as error:
        return conflict(found, conflict_message(error))
    flash(f"Logged. The request is now “{status_label(after)}”.")
    return redirect(request_url(found), code=303)


def _form_step(number: str, form: str) -> Any:
    found = _load(number)
    if found is None:
        return not_found()
    if form not in offered_forms(found, signed_in_account(), services().today()):
        return not_now(found, form)
    if request.method == "GET":
        return form_page(found, empty_form(form), 200)
    filled = _read(found, form)
    filled.errors = []  # back from the preview to edit: nothing to complain about yet
    return form_page(found, filled, 200)


def _letter_step(number: str, form: str, *, send: bool) -> Any:
    """Check the form, then preview the letter or send it; refusals go back to the form."""
    found = _load(number)
    if found is None:
        return not_found()
    filled = _read(found, form)
    if filled.errors:
        return form_page(found, filled, 400)
    use_case: Callable[..., PraRequest | Prepared] = send_response if send else prepare_response
    try:
        done = use_case(services(), found.tracking_number, signed_in_account(), filled.response())
    except ResponseRefused as refused:
        filled.errors.append((refusal_field(form, str(refused)), sentence(str(refused))))
        return form_page(found, filled, 400)
    except (IllegalTransition, StaleRequest) as error:
        return conflict(found, conflict_message(error))
    if isinstance(done, Prepared):
        return preview_page(found, filled, done)
    flash(sent_message(found, done))
    return redirect(request_url(found), code=303)


def _read(found: PraRequest, form: str) -> Filled:
    reasons = [key for key, _, _ in reason_choices(services().today())]
    return read_form(form, request.form, services().today(), reasons)


def _load(number: str) -> PraRequest | None:
    return services().store.get(normalize_tracking_number(number))
