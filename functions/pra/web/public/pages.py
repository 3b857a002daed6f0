"""HTML pages the API answers with, so every form works with JavaScript off."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import Blueprint, render_template, request, session

from pra.domain.fees import dollars
from pra.domain.request import FieldError
from pra.emails.words import long_date, status_label
from pra.letters.words import clock_time
from pra.services.status import PublicStatus, public_status
from pra.services.submit import Receipt
from pra.web.context import current_services
from pra.web.public.fields import FIELD_LABELS, error_message, language_or_default
from pra.web.public.request_form import form_context
from pra.web.public.words import PAGE_TEXT
from pra.web.shell import shell_for

# The public templates live beside this package and are found through this blueprint.
blueprint = Blueprint("pages", __name__, url_prefix="/api", template_folder="templates")


def render_page(template: str, language: str, **context: Any) -> str:
    services = current_services()
    return render_template(
        template,
        language=language,
        t=PAGE_TEXT[language],
        labels=FIELD_LABELS[language],
        agency_name=services.settings.agency_name,
        home=("/es/" if language == "es" else "/"),
        shell=shell_for(language),
        **context,
    )


RECEIPT_SHOWN = "receipt_shown"
NOT_STORED = {"Cache-Control": "no-store"}  # never kept by the browser or a shared cache


def mark_receipt_shown(tracking_number: str, language: str) -> None:
    """From now on the confirmation says the request was received, without its code."""
    session[RECEIPT_SHOWN] = {"tracking_number": tracking_number, "language": language}


def receipt_for_session(receipt: Receipt) -> dict[str, str]:
    return {
        "tracking_number": receipt.tracking_number,
        "access_code": receipt.access_code,
        "initial_response_due": receipt.deadlines.initial_response_due.isoformat(),
        "status_url": receipt.status_url,
        "language": receipt.language,
    }


@blueprint.get("/requests/confirmation")
def confirmation() -> Any:
    """The receipt, once: the cookie carries it from the form's post to this page only, and
    keeps the tracking number alone after, so a reload (or the next person at a library
    computer) never shows the access code again."""
    receipt = session.pop("receipt", None)
    if receipt:
        mark_receipt_shown(receipt["tracking_number"], receipt["language"])
        language = receipt["language"]
        due = long_date(date.fromisoformat(receipt["initial_response_due"]), language)
        page = render_page("confirmation.html", language, receipt=receipt, due=due)
        return page, 200, NOT_STORED
    shown = session.get(RECEIPT_SHOWN)
    if shown:
        page = render_page("receipt_shown.html", shown["language"], number=shown["tracking_number"])
        return page, 200, NOT_STORED
    language = language_or_default(request.args.get("lang"))
    return render_page("no_receipt.html", language), 404, NOT_STORED


@blueprint.post("/status")
def status_form() -> Any:
    """The status page's plain form: the number travels in the body, not the path."""
    data = request.form.to_dict()
    number = str(data.get("tracking_number") or "")
    services = current_services()
    return status_result(public_status(services, number, str(data.get("code") or "")), number, data)


def status_result(found: PublicStatus | None, number: str, data: Mapping[str, Any]) -> Any:
    language = language_or_default(data.get("language") or (found and found.language))
    if found is None:
        return render_page("status_not_found.html", language, number=number), 404
    dates = {
        "received": long_date(found.received_date, language),
        "target": long_date(found.initial_response_target, language),
        "due": long_date(found.initial_response_due, language),
        "extended": long_date(found.extended_due, language) if found.extended_due else None,
        "records": _records_available(found, language),
    }
    label = status_label(found.status.value, found.records_owed, language)
    letters = [
        {
            "subject": letter.subject,
            "sent": long_date(letter.sent_at.date(), language),
            "text": letter.text,
        }
        for letter in found.letters
    ]
    appeal = found.appeal and {
        "received": long_date(found.appeal.received_at.date(), language),
        "decision_due": long_date(found.appeal.decision_due, language),
        "late": found.appeal.late,
        "window_closed": long_date(found.appeal.window_closed, language),
    }
    return render_page(
        "status.html",
        language,
        found=found,
        dates=dates,
        status_label=label,
        letters=letters,
        appeal=appeal,
        link_days=current_services().settings.link_days,
        # The requester's own page, answered to their POST: forms on it carry the code on.
        code=str(data.get("code") or "").strip(),
    )


def _records_available(found: PublicStatus, language: str) -> str | None:
    """The date and time the records were promised for, while they are owed."""
    if found.release is None or not found.records_owed:
        return None
    due_at = clock_time(found.release.due_at, language)  # "10:00 a.m."; "10:00" in Spanish
    return f"{long_date(found.release.due_on, language)}, {due_at}"


def request_form(data: Mapping[str, Any], errors: list[FieldError], language: str) -> str:
    messages = [(e.field, error_message(e.field, e.code, language)) for e in errors]
    values = {k: str(v) for k, v in data.items() if k != "website"}
    # The form shown again carries a key, so sending it twice stores it once.
    values.setdefault("idempotency_key", uuid.uuid4().hex)
    form = form_context(language, dollars(current_services().settings.copy_fee_per_page))
    return render_page(
        "request_form.html",
        language,
        errors=messages,
        error_by_field=dict(messages),
        values=values,
        **form,
    )


def problem(code: int, message: str, language: str = "en") -> str:
    return render_page("problem.html", language, code=code, message=message)
