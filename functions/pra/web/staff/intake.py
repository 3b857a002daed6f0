"""Enter a request that came by email, post, phone or in person (Policy 1002 §IV.A)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, make_response, request

from pra.domain.request import Channel, InvalidSubmission, parse_submission
from pra.services.intake import STAFF_CHANNELS, Intake, IntakeRefused, enter_request
from pra.staff.roles import Permission
from pra.web.staff.gate import render_page, requires, services, signed_in_account

blueprint = Blueprint("staff_intake", __name__, url_prefix="/staff/requests/new")

# What each field's problem means, as a whole sentence that says what to do.
PROBLEMS = {
    ("description", "required"): "Describe the records asked for",
    (
        "description",
        "too_short",
    ): "Describe the records in a few more words (10 characters or more)",
    ("description", "too_long"): "Shorten the description to 10,000 characters or fewer",
    ("email", "required_for_delivery"): "Give the email address the records go to, or choose "
    "another delivery",
    ("email", "invalid"): "Give the email address as name@example.org",
    ("mailing_address", "required_for_delivery"): "Give the postal address the records go to, "
    "or choose another delivery",
    ("phone", "invalid"): "Give the phone number with digits, spaces, dashes or brackets only",
    ("delivery", "inspect_not_mailed"): "Records inspected in person are not mailed: choose "
    "pick-up, or another format",
}
FIELDS = (
    "channel",
    "received_on",
    "received_time",
    "description",
    "date_range",
    "name",
    "email",
    "phone",
    "mailing_address",
    "format",
    "delivery",
    "language",
)


@blueprint.get("")
@requires(Permission.ACT_ON_REQUESTS)
def form() -> Any:
    now = services().clock.now()
    values = {"received_on": now.date().isoformat(), "received_time": now.strftime("%H:%M")}
    return _form_page(values, [], 200)


@blueprint.post("")
@requires(Permission.ACT_ON_REQUESTS)
def enter() -> Any:
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    errors = _channel_errors(values)
    received = _received(values, errors)
    try:
        submission = parse_submission({k: v for k, v in values.items() if v})
    except InvalidSubmission as invalid:
        errors += [(e.field, _problem(e.field, e.code)) for e in invalid.errors]
        submission = None
    if errors or submission is None or received is None:
        return _form_page(values, errors, 400)
    intake = Intake(Channel(values["channel"]), received, submission)
    try:
        entered = enter_request(services(), intake, signed_in_account().email)
    except IntakeRefused as refused:
        field = "received_on" if refused.field == "received" else refused.field
        return _form_page(values, [(field, _sentence(str(refused)))], 400)
    page = render_page("staff/entered.html", 201, entered=entered, receipt=entered.receipt)
    # The access code is on this page only: no cache may keep it.
    page.headers["Cache-Control"] = "no-store"
    return page


def _channel_errors(values: dict[str, str]) -> list[tuple[str, str]]:
    if values["channel"] not in {c.value for c in STAFF_CHANNELS}:
        return [("channel", "Choose how the request reached the library")]
    return []


def _received(values: dict[str, str], errors: list[tuple[str, str]]) -> datetime | None:
    try:
        day = date.fromisoformat(values["received_on"])
        clock = time.fromisoformat(values["received_time"])
    except ValueError:
        errors.append(("received_on", "Give the date and time the request reached the library"))
        return None
    return datetime.combine(day, clock, tzinfo=ZoneInfo(services().settings.timezone))


def _problem(field: str, code: str) -> str:
    return PROBLEMS.get((field, code), f"Check the {field.replace('_', ' ')}")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _form_page(values: dict[str, str], errors: list[tuple[str, str]], status: int) -> Response:
    return make_response(
        render_page(
            "staff/intake.html",
            status,
            values=values,
            errors=errors,
            error_by_field=dict(errors),
        )
    )
