"""The pages of the staff actions: forms, previews, and the messages for what cannot be done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from flask import url_for

from pra.domain.request import Language, PraRequest
from pra.domain.responses import extension_open
from pra.domain.tracking import normalize_tracking_number
from pra.letters.language import looks_english
from pra.ports import StaleRequest
from pra.services.respond import Prepared
from pra.staff.log import log_row, status_label
from pra.web.staff.choices import (
    LABELS,
    REPLIES,
    exemption_choices,
    reason_choices,
    responsible_choices,
    sentence,
)
from pra.web.staff.forms import FIELDS, Filled
from pra.web.staff.gate import render_page, services, short_date, signed_in_account


def step_url(form: str, number: str, step: str = "") -> str:
    """The address of a form's page (step ""), its preview or its send."""
    suffix = f"_{step}" if step else "_form"
    if form == "appeal_decision":
        return url_for(f"staff_actions.appeal_decision{suffix}", tracking_number=number)
    if form in REPLIES:
        return url_for("staff_actions.log_reply", tracking_number=number, reply=form)
    return url_for(f"staff_actions.respond{suffix}", tracking_number=number, form=form)


def form_page(found: PraRequest, filled: Filled, status: int) -> Any:
    return render_page(
        "staff/action_form.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        form=filled.form,
        label=LABELS[filled.form],
        filled=filled,
        errors=filled.errors,
        error_by_field=filled.error_by_field,
        fields=FIELDS[filled.form],
        earliest_new_due=found.deadlines.initial_response_due + timedelta(days=1),
        reasons=reason_choices(services().today()),
        exemptions=exemption_choices(),
        responsible=responsible_choices(
            services().staff.all_staff(), signed_in_account(), found.submission.language.value
        ),
        preview_url=step_url(filled.form, found.tracking_number, "preview"),
    )


def preview_page(found: PraRequest, filled: Filled, prepared: Prepared) -> Any:
    return letter_preview(
        found,
        LABELS[filled.form],
        prepared.message,
        prepared.after,
        hidden=filled.hidden_fields(),
        typed=filled.typed(),
        send_url=step_url(filled.form, found.tracking_number, "send"),
        edit_url=step_url(filled.form, found.tracking_number),
    )


def letter_preview(
    found: PraRequest,
    label: str,
    message: EmailMessage,
    after: PraRequest,
    *,
    hidden: list[tuple[str, str]],
    send_url: str,
    edit_url: str,
    findings: list[tuple[str, str]] | None = None,
    typed: list[tuple[str, str]] | None = None,
) -> Any:
    """A letter as it will go out, with Send and Edit posting the form's fields again.

    `typed` is what staff wrote into it, by label: a Spanish letter warns of what reads
    as English.
    """
    spanish = found.submission.language is Language.ES
    english = [label for label, words in typed or [] if spanish and looks_english(words)]
    body = message.get_body(("plain",))
    return render_page(
        "staff/preview.html",
        request=found,
        label=label,
        subject=str(message["Subject"]),
        text=body.get_content() if body is not None else "",
        coordinator_email=services().settings.coordinator_email,
        next_status=status_label(after),
        hidden=hidden,
        send_url=send_url,
        edit_url=edit_url,
        findings=findings or [],
        english=english,
    )


def reply_page(
    found: PraRequest, reply: str, text: str, errors: list[tuple[str, str]], status: int
) -> Any:
    return render_page(
        "staff/log_reply.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        reply=reply,
        label=LABELS[reply],
        text=text,
        errors=errors,
        error_by_field=dict(errors),
    )


def sent_message(found: PraRequest, after: PraRequest) -> str:
    email = found.submission.email
    where = (
        "It was emailed to the requester."
        if email
        else f"There is no email address: it went to {services().settings.coordinator_email} "
        "to post to the requester."
    )
    status = status_label(after)
    return f"Letter sent: {after.letters[-1].subject}. {where} The request is now “{status}”."


def conflict_message(error: Exception) -> str:
    if isinstance(error, StaleRequest):
        return "Someone changed this request while you were working on it. Nothing was sent."
    return sentence(str(error)) + " Nothing was sent."


def conflict(found: PraRequest, message: str) -> Any:
    return render_page(
        "staff/problem.html",
        409,
        title="This cannot be done now",
        message=message,
        back=request_url(found),
    )


def not_now(found: PraRequest, form: str) -> Any:
    status = status_label(found)
    message = f"{LABELS[form]}: not possible for this request now (status “{status}”)."
    due = found.deadlines.initial_response_due
    if form == "extension" and not extension_open(found.deadlines, services().today()):
        message = f"An extension had to be sent by the initial due date, {short_date(due)}."
    return conflict(found, message)


def request_url(found: PraRequest) -> str:
    return url_for("staff.request_page", tracking_number=found.tracking_number)


def request_or_problem(
    tracking_number: str, allowed: Callable[[PraRequest], bool] | None = None
) -> PraRequest | Any:
    """The request named in the address, or the page saying why the form cannot be used:
    not found, or (when `allowed` says no) not possible in the request's state."""
    found = services().store.get(normalize_tracking_number(tracking_number))
    if found is None:
        return not_found()
    if allowed is not None and not allowed(found):
        return conflict(found, "This cannot be done on this request now.")
    return found


def not_found() -> Any:
    message = "There is no such request, or no such action."
    return render_page("staff/problem.html", 404, title="Not found", message=message)
