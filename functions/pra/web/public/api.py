"""JSON and form endpoints under /api. Thin: parse, call one use case, respond."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    jsonify,
    redirect,
    request,
    send_from_directory,
    session,
    url_for,
)

from pra.domain.request import InvalidSubmission, parse_submission
from pra.emails.words import status_label
from pra.services.status import PublicStatus, public_status
from pra.services.submit import Receipt, submit_request
from pra.web.context import current_services
from pra.web.public import pages
from pra.web.public.fields import error_message, language_or_default
from pra.web.public.words import PAGE_TEXT

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


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The API's contract (OpenAPI 3.1), kept beside this module and tested against the routes."""
    return send_from_directory(Path(__file__).parent, "openapi.json", mimetype="application/json")


@blueprint.post("/requests")
def submit() -> Any:
    data = _body()
    language = language_or_default(data.get("language"))
    try:
        submission = parse_submission(data, choices_required=not request.is_json)
    except InvalidSubmission as invalid:
        if request.is_json:
            return {"errors": _messages(invalid, language)}, 400
        return pages.request_form(data, invalid.errors, language), 400
    key = idempotency_key(data)
    if key is None:
        return _bad_key(language)
    receipt = submit_request(current_services(), submission, key or None)
    if request.is_json:
        return receipt_json(receipt), 200 if receipt.repeated else 201
    if receipt.repeated:
        # The code was shown the first time: the confirmation says where to find it.
        pages.mark_receipt_shown(receipt.tracking_number, receipt.language)
        return redirect(url_for("pages.confirmation"), code=303)
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


# A key per form view (the site's script makes one; the form re-shown with errors carries
# one): letters, digits, - and _, as a UUID is written.
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,100}$")


def idempotency_key(data: Mapping[str, Any]) -> str | None:
    """The submission's key from the Idempotency-Key header or the form's field: "" when none
    was sent, None when the one sent is malformed."""
    key = request.headers.get("Idempotency-Key") or str(data.get("idempotency_key") or "")
    if not key:
        return ""
    return key if _KEY.match(key) else None


def _bad_key(language: str) -> Any:
    message = PAGE_TEXT[language]["bad_idempotency_key"]
    return {"error": "bad_request", "message": message}, 400


def receipt_json(receipt: Receipt) -> dict[str, Any]:
    """A repeat of a stored submission answers the same, without the access code (null)."""
    return {
        "tracking_number": receipt.tracking_number,
        "access_code": receipt.access_code or None,
        "repeated": receipt.repeated,
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
        "description": found.description,
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
