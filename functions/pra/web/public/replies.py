"""What requesters send with their access code: a clarification answer, an appeal, a withdrawal.

JSON for scripts; plain form posts answer with a page, so both work with JavaScript off.
A wrong code and an unknown number get the same answer, as on the status page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from pra.domain.lifecycle import IllegalTransition
from pra.emails.words import long_date
from pra.ports import StaleRequest
from pra.services.replies import ReplyRefused, receive_clarification, submit_appeal, withdraw
from pra.services.status import find_with_code
from pra.web.context import current_services
from pra.web.public.api import json_or_form
from pra.web.public.fields import language_or_default
from pra.web.public.pages import render_page
from pra.web.public.words import PAGE_TEXT

blueprint = Blueprint("replies", __name__, url_prefix="/api")

# The field that carries the requester's words, per kind of reply.
TEXT_FIELD = {"appeal": "reasons", "clarification": "answer", "withdrawal": "reason"}


def _data() -> dict[str, Any]:
    return json_or_form() or {}


@blueprint.post("/requests/<tracking_number>/appeal")
def appeal(tracking_number: str) -> Any:
    return _reply("appeal", tracking_number, _data())


@blueprint.post("/appeal")
def appeal_form() -> Any:
    data = _data()
    return _reply("appeal", str(data.get("tracking_number") or ""), data)


@blueprint.post("/requests/<tracking_number>/clarification")
def clarification(tracking_number: str) -> Any:
    return _reply("clarification", tracking_number, _data())


@blueprint.post("/clarification")
def clarification_form() -> Any:
    data = _data()
    return _reply("clarification", str(data.get("tracking_number") or ""), data)


@blueprint.post("/requests/<tracking_number>/withdrawal")
def withdrawal(tracking_number: str) -> Any:
    return _reply("withdrawal", tracking_number, _data())


@blueprint.post("/withdrawal")
def withdrawal_form() -> Any:
    data = _data()
    return _reply("withdrawal", str(data.get("tracking_number") or ""), data)


def _reply(kind: str, number: str, data: dict[str, Any]) -> Any:
    language = language_or_default(data.get("language"))
    words = PAGE_TEXT[language]
    text = str(data.get(TEXT_FIELD[kind]) or "")
    services = current_services()
    found = find_with_code(services, number.strip(), str(data.get("code") or "").strip())
    if found is None:
        return _refused(kind, data, language, 404, {"code": words["reply_not_found"]})
    try:
        if kind == "appeal":
            after = submit_appeal(services, found, text)
        elif kind == "withdrawal":
            after = withdraw(services, found, text)
        else:
            after = receive_clarification(services, found, text)
    except ReplyRefused as refused:
        message = words[f"{kind}_{refused.code}"]
        return _refused(kind, data, language, 400, {TEXT_FIELD[kind]: message})
    except (IllegalTransition, StaleRequest):
        return _refused(kind, data, language, 409, {"form": words[f"{kind}_not_open"]})
    if request.is_json:
        return _json(kind, after), 201
    return render_page(
        f"{kind}_received.html", language, request=after, dates=_dates(after, language)
    )


def _json(kind: str, after: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"tracking_number": after.tracking_number, "status": after.status.value}
    if kind == "appeal" and after.appeal is not None:
        body["appeal"] = {
            "late": after.appeal.late,
            "window_closed": after.appeal.window_closed.isoformat(),
            "decision_due": after.appeal.decision_due.isoformat(),
        }
    return body


def _dates(after: Any, language: str) -> dict[str, str]:
    if after.appeal is None:
        return {}
    return {
        "decision_due": long_date(after.appeal.decision_due, language),
        "window_closed": long_date(after.appeal.window_closed, language),
    }


def _refused(
    kind: str, data: dict[str, Any], language: str, status: int, errors: dict[str, str]
) -> Any:
    if request.is_json:
        return {"errors": errors}, status
    values = {k: str(v) for k, v in data.items()}
    page = render_page(f"{kind}_form.html", language, errors=errors, values=values)
    return page, status
