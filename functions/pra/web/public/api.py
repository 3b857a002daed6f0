"""JSON and form endpoints under /api. Thin: parse, call one use case, respond."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, redirect, request, session, url_for

from pra.domain.request import InvalidSubmission, parse_submission
from pra.emails.words import status_label
from pra.services.status import PublicStatus, public_status
from pra.services.submit import Receipt, submit_request
from pra.web.context import current_services
from pra.web.public import pages
from pra.web.public.fields import error_message, language_or_default

blueprint = Blueprint("api", __name__, url_prefix="/api")


class BadBody(Exception):
    """The body is not a JSON object or a form."""


def _body() -> dict[str, Any]:
    data = json_or_form()
    if data is None:
        raise BadBody
    return data


def json_or_form() -> dict[str, Any] | None:
    """The body as a dict: a JSON object or a form; None for JSON that is not an object or
    cannot be read (nested past Python's recursion limit included)."""
    if not request.is_json:
        return request.form.to_dict()
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        return None
    return data if isinstance(data, dict) else None


@blueprint.get("/health")
def health() -> Response:
    return jsonify(status="ok")


@blueprint.post("/requests")
def submit() -> Any:
    data = _body()
    language = language_or_default(data.get("language"))
    try:
        submission = parse_submission(data)
    except InvalidSubmission as invalid:
        if request.is_json:
            return {"errors": _messages(invalid, language)}, 400
        return pages.request_form(data, invalid.errors, language), 400
    receipt = submit_request(current_services(), submission)
    if request.is_json:
        return receipt_json(receipt), 201
    session["receipt"] = pages.receipt_for_session(receipt)
    # Redirect after post: a reload shows the confirmation again and submits nothing.
    return redirect(url_for("pages.confirmation"), code=303)


@blueprint.post("/requests/<tracking_number>/status")
def status(tracking_number: str) -> Any:
    data = _body()
    found = public_status(current_services(), tracking_number, str(data.get("code") or ""))
    if not request.is_json:
        return pages.status_result(found, tracking_number, data)
    if found is None:
        return not_found_json(), 404
    return status_json(found, language_or_default(data.get("language") or found.language))


def receipt_json(receipt: Receipt) -> dict[str, Any]:
    return {
        "tracking_number": receipt.tracking_number,
        "access_code": receipt.access_code,
        "received_at": receipt.received_at.isoformat(),
        "initial_response_due": receipt.deadlines.initial_response_due.isoformat(),
        "status_url": receipt.status_url,
    }


def status_json(found: PublicStatus, language: str) -> dict[str, Any]:
    """The label in the asking page's language, else the requester's."""
    return {
        "tracking_number": found.tracking_number,
        "status": found.status.value,
        "status_label": status_label(found.status.value, found.records_owed, language),
        "awaiting_answer": found.awaiting_answer,
        "may_appeal": found.may_appeal,
        "may_withdraw": found.may_withdraw,
        "received_date": found.received_date.isoformat(),
        "initial_response_target": found.initial_response_target.isoformat(),
        "initial_response_due": found.initial_response_due.isoformat(),
        "extended_due": found.extended_due.isoformat() if found.extended_due else None,
        "letters": [
            {
                "kind": letter.kind,
                "sent_on": letter.sent_at.date().isoformat(),
                "subject": letter.subject,
                "text": letter.text,
            }
            for letter in found.letters
        ],
        "appeal": _appeal_json(found),
        "release": _release_json(found),
        "files": [
            {
                "title": file.title,
                "name": file.name,
                "type": file.content_type,
                "size": file.size,
                "sha256": file.sha256,
                "url": url,
            }
            for file, url in found.files
        ],
        "download_all": found.download_all,
    }


def _release_json(found: PublicStatus) -> dict[str, Any] | None:
    """When the records were promised for, and when the last of them was delivered."""
    release = found.release
    if release is None:
        return None
    return {
        "due_on": release.due_on.isoformat(),
        "due_at": release.due_at,
        "delivered_on": release.delivered_on.isoformat() if release.delivered_on else None,
    }


def _appeal_json(found: PublicStatus) -> dict[str, Any] | None:
    """What the requester may know of their appeal: dates, lateness, outcome; not staff notes."""
    appeal = found.appeal
    if appeal is None:
        return None
    return {
        "received_on": appeal.received_at.date().isoformat(),
        "late": appeal.late,
        "window_closed": appeal.window_closed.isoformat(),
        "decision_due": appeal.decision_due.isoformat(),
        "outcome": appeal.outcome,
    }


def not_found_json() -> dict[str, str]:
    return {
        "error": "not_found",
        "message": "No request matches that tracking number and access code.",
    }


def _messages(invalid: InvalidSubmission, language: str) -> dict[str, str]:
    return {e.field: error_message(e.field, e.code, language) for e in invalid.errors}
