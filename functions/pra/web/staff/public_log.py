"""The desk's controls for the public request log, on a request's page: the public summary
the coordinator writes or approves, keeping a request off the log (with a reason, kept in the
history) and listing it again. Handlers parse, call pra.services.public_log, answer."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.domain.tracking import normalize_tracking_number
from pra.services.public_log import ListingRefused, approve_summary, keep_off_log, list_again
from pra.staff.roles import Permission
from pra.web.staff.desk import not_found, request_page_response
from pra.web.staff.gate import requires, services, signed_in_account

blueprint = Blueprint(
    "staff_public_log", __name__, url_prefix="/staff/requests/<tracking_number>/public-log"
)
ANCHOR = "pra-public-log"


@blueprint.post("/summary")
@requires(Permission.ACT_ON_REQUESTS)
def summary(tracking_number: str) -> Any:
    text = request.form.get("summary", "")
    return _change(tracking_number, "summary", text, approve_summary, "Public summary saved.")


@blueprint.post("/keep-off")
@requires(Permission.ACT_ON_REQUESTS)
def keep_off(tracking_number: str) -> Any:
    text = request.form.get("reason", "")
    message = "Kept off the public log: it is still counted in the statistics."
    return _change(tracking_number, "reason", text, keep_off_log, message)


@blueprint.post("/list")
@requires(Permission.ACT_ON_REQUESTS)
def list_on_log(tracking_number: str) -> Any:
    number = normalize_tracking_number(tracking_number)
    try:
        list_again(services(), number, signed_in_account().email)
    except KeyError:
        return not_found(tracking_number)
    flash("Listed on the public log again.")
    return _back(number)


def _change(tracking_number: str, field: str, text: str, change: Any, message: str) -> Any:
    number = normalize_tracking_number(tracking_number)
    try:
        change(services(), number, text, signed_in_account().email)
    except KeyError:
        return not_found(tracking_number)
    except ListingRefused as refused:
        return request_page_response(number, [(field, str(refused))], 400, typed={field: text})
    flash(message)
    return _back(number)


def _back(number: str) -> Any:
    page = url_for("staff.request_page", tracking_number=number, _anchor=ANCHOR)
    return redirect(page, code=303)
