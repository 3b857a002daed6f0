"""Requests for patron information on the desk (Policy 4005 § III.B–C).

Staff record who is asking and what they checked. A request the policy allows is marked and
kept; one it does not allow is referred to the Branch Manager, with a letter to the
requester that is previewed before it goes.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.domain.patron import MAY_HAVE, Identity, PatronCase, PatronRefused
from pra.domain.request import PraRequest
from pra.ports import StaleRequest
from pra.services.patron import PatronAnswers, prepare_patron_check, record_patron_check
from pra.staff.log import log_row
from pra.staff.roles import Permission
from pra.web.staff.choices import sentence
from pra.web.staff.gate import render_page, requires, services, signed_in_account
from pra.web.staff.pages import conflict, letter_preview, request_or_problem, request_url

blueprint = Blueprint(
    "staff_patron", __name__, url_prefix="/staff/requests/<tracking_number>/patron-check"
)
CASES = {
    PatronCase.PATRON.value: ("The patron, about their own records", ""),
    PatronCase.AUTHORISED.value: (
        "A person the patron authorised in writing",
        "Only with the patron's written authorisation, which you saw. Keep a copy as a "
        "private file on the request.",
    ),
    PatronCase.CHILD_UNDER_13.value: (
        "A parent, guardian or caretaker of a child under 13",
        "With the child's library card or number: circulation records only.",
    ),
    PatronCase.CHILD_13_TO_17.value: (
        "A parent, guardian or caretaker of a child aged 13 to 17",
        "With the child's library card or number: only whether items are overdue, and the "
        "fees owed.",
    ),
    PatronCase.NOT_QUALIFIED.value: (
        "Someone else, or none of these could be confirmed",
        "The request is referred to the Branch Manager, and a letter explains the policy.",
    ),
}
IDENTITIES = {
    Identity.PHOTO_ID.value: "Photo ID",
    Identity.LIBRARY_CARD.value: "The library card, presented",
    Identity.CARD_NUMBER.value: "The card number, matched to the account",
    Identity.NONE.value: "Nothing could be checked",
}
FIELDS = ("case", "identity", "card_last_four", "authorisation_seen")


@blueprint.route("", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def form(tracking_number: str) -> Any:
    """The form (GET), or filled in again from the referral preview's Edit button (POST)."""
    found = request_or_problem(tracking_number)
    if not isinstance(found, PraRequest):
        return found
    values = _values() if request.method == "POST" else {}
    return _form_page(found, values, [], 200)


@blueprint.post("/check")
@requires(Permission.ACT_ON_REQUESTS)
def check(tracking_number: str) -> Any:
    """Record a check the policy allows; preview the referral of one it does not."""
    return _step(tracking_number, send=False)


@blueprint.post("/send")
@requires(Permission.ACT_ON_REQUESTS)
def send(tracking_number: str) -> Any:
    return _step(tracking_number, send=True)


def _step(tracking_number: str, *, send: bool) -> Any:
    found = request_or_problem(tracking_number)
    if not isinstance(found, PraRequest):
        return found
    values = _values()
    errors = _choice_errors(values)
    if errors:
        return _form_page(found, values, errors, 400)
    answers = PatronAnswers(
        PatronCase(values["case"]),
        Identity(values["identity"]),
        values["card_last_four"],
        values["authorisation_seen"] == "yes",
    )
    number, account = found.tracking_number, signed_in_account()
    try:
        prepared = None if send else prepare_patron_check(services(), number, account, answers)
        if prepared is not None:
            return letter_preview(
                found,
                "Refer to the Branch Manager",
                prepared.message,
                prepared.after,
                hidden=list(values.items()),
                send_url=url_for(".send", tracking_number=number),
                edit_url=url_for(".form", tracking_number=number),
            )
        after = record_patron_check(services(), number, account, answers)
    except PatronRefused as refused:
        return _form_page(found, values, [(_field_of(str(refused)), sentence(str(refused)))], 400)
    except StaleRequest:
        return conflict(found, "Someone changed this request meanwhile. Nothing was recorded.")
    check_kept = after.patron_check
    assert check_kept is not None
    if check_kept.referred:
        flash("Referred to the Branch Manager; the letter explaining the policy was sent.")
    else:
        flash(f"Recorded. The requester may have {MAY_HAVE[check_kept.case]}.")
    return redirect(request_url(found), code=303)


def _values() -> dict[str, str]:
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    values["authorisation_seen"] = "yes" if values["authorisation_seen"] == "yes" else ""
    return values


def _choice_errors(values: dict[str, str]) -> list[tuple[str, str]]:
    errors = []
    if values["case"] not in CASES:
        errors.append(("case", "Choose who is asking"))
    if values["identity"] not in IDENTITIES:
        errors.append(("identity", "Choose what identity you checked"))
    return errors


def _field_of(message: str) -> str:
    if "digits" in message or "card" in message:
        return "card_last_four"
    if "authorisation" in message:
        return "authorisation_seen"
    return "identity"


def _form_page(
    found: PraRequest, values: dict[str, str], errors: list[tuple[str, str]], status: int
) -> Any:
    return render_page(
        "staff/patron_check.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        values=values,
        cases=[(value, label, hint) for value, (label, hint) in CASES.items()],
        identities=[(value, label, "") for value, label in IDENTITIES.items()],
        errors=errors,
        error_by_field=dict(errors),
    )
