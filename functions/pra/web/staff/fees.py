"""Fees on the desk: an estimate previewed as its letter and sent, and payments recorded.

Policy 1002 § III.E: the per-page fee is the deployment's setting (the site's fees page
prints the same); postage and storage devices are paid before records are sent; copies by
email are free. Programming or extraction (§ 7922.575) is a line of its own with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from pra.domain.fees import FeeRefused, cents, dollars
from pra.domain.request import Delivery, PraRequest
from pra.ports import StaleRequest
from pra.services.fees import FeeOrder, prepare_fee_estimate, record_payment, send_fee_estimate
from pra.staff.log import log_row
from pra.staff.roles import Permission
from pra.web.staff.choices import sentence
from pra.web.staff.gate import render_page, requires, services, signed_in_account
from pra.web.staff.pages import conflict, letter_preview, request_or_problem, request_url

blueprint = Blueprint("staff_fees", __name__, url_prefix="/staff/requests/<tracking_number>")
LABEL = "Estimate fees"
MONEY = ("postage", "device", "extraction")


@dataclass
class FeeForm:
    values: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    order: FeeOrder = field(default_factory=FeeOrder)

    @classmethod
    def read(cls, posted: MultiDict[str, str]) -> FeeForm:
        names = ("pages", *MONEY, "extraction_note")
        form = cls({name: posted.get(name, "").strip() for name in names})
        pages = form.values["pages"] or "0"
        if not pages.isdigit():
            form.errors.append(("pages", "Give the number of pages as a whole number, like 120"))
        amounts = {}
        for name in MONEY:
            try:
                amounts[name] = cents(form.values[name])
            except FeeRefused as refused:
                form.errors.append((name, sentence(str(refused))))
        if not form.errors:
            form.order = FeeOrder(
                int(pages), **amounts, extraction_note=form.values["extraction_note"]
            )
        return form


@blueprint.route("/fees", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def fee_form(tracking_number: str) -> Any:
    """The form (GET), or filled in again from the preview's Edit button (POST)."""
    found = request_or_problem(tracking_number, lambda r: r.may_estimate_fees)
    if not isinstance(found, PraRequest):
        return found
    values = _first_values(found) if request.method == "GET" else FeeForm.read(request.form).values
    return _form_page(found, FeeForm(values), 200)


def _first_values(found: PraRequest) -> dict[str, str]:
    """Copies to be mailed start from the agency's postage for one envelope (agency.toml)."""
    if found.submission.delivery is not Delivery.MAIL:
        return {}
    postage = services().settings.agency.fees.postage
    return {"postage": f"{postage // 100}.{postage % 100:02d}"}


@blueprint.post("/fees/preview")
@requires(Permission.ACT_ON_REQUESTS)
def fee_preview(tracking_number: str) -> Any:
    return _fee_step(tracking_number, send=False)


@blueprint.post("/fees/send")
@requires(Permission.ACT_ON_REQUESTS)
def fee_send(tracking_number: str) -> Any:
    return _fee_step(tracking_number, send=True)


def _fee_step(tracking_number: str, *, send: bool) -> Any:
    found = request_or_problem(tracking_number, lambda r: r.may_estimate_fees)
    if not isinstance(found, PraRequest):
        return found
    filled = FeeForm.read(request.form)
    if filled.errors:
        return _form_page(found, filled, 400)
    number, account = found.tracking_number, signed_in_account()
    try:
        if send:
            after = send_fee_estimate(services(), number, account, filled.order)
        else:
            prepared = prepare_fee_estimate(services(), number, account, filled.order)
    except FeeRefused as refused:
        text = str(refused)
        where = "extraction_note" if "extraction work" in text else ""
        filled.errors.append((where, sentence(text)))
        return _form_page(found, filled, 400)
    except StaleRequest:
        return conflict(found, "Someone changed this request meanwhile. Nothing was sent.")
    if send:
        owed = dollars(after.fee_owed)
        flash(f"Fee estimate sent: {owed} is owed before the records go out.")
        return redirect(request_url(found), code=303)
    return letter_preview(
        found,
        LABEL,
        prepared.message,
        prepared.after,
        hidden=list(filled.values.items()),
        send_url=url_for(".fee_send", tracking_number=number),
        edit_url=url_for(".fee_form", tracking_number=number),
        typed=[("What the extraction work is for", filled.order.extraction_note)],
    )


@blueprint.route("/payments", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def payment(tracking_number: str) -> Any:
    """Record a payment received (by check, cash or card at the desk)."""
    found = request_or_problem(tracking_number, lambda r: r.fee_owed > 0)
    if not isinstance(found, PraRequest):
        return found
    today = services().today()
    if request.method == "GET":
        values = {"amount": dollars(found.fee_owed)[1:], "received_on": today.isoformat()}
        return _payment_page(found, values, [], 200)
    values = {
        name: request.form.get(name, "").strip() for name in ("amount", "received_on", "note")
    }
    errors: list[tuple[str, str]] = []
    try:
        amount = cents(values["amount"])
    except FeeRefused as refused:
        errors.append(("amount", sentence(str(refused))))
    try:
        received_on = date.fromisoformat(values["received_on"])
    except ValueError:
        errors.append(("received_on", "Give the date it was paid as year-month-day"))
    if errors:
        return _payment_page(found, values, errors, 400)
    try:
        after = record_payment(
            services(),
            found.tracking_number,
            signed_in_account(),
            amount,
            received_on,
            values["note"],
        )
    except FeeRefused as refused:
        where = "received_on" if "future" in str(refused) else "amount"
        return _payment_page(found, values, [(where, sentence(str(refused)))], 400)
    except StaleRequest:
        return conflict(found, "Someone changed this request meanwhile. Nothing was recorded.")
    left = f"{dollars(after.fee_owed)} is still owed." if after.fee_owed else "Paid in full."
    flash(f"Payment of {dollars(amount)} recorded. {left}")
    return redirect(request_url(found), code=303)


def _form_page(found: PraRequest, filled: FeeForm, status: int) -> Any:
    return render_page(
        "staff/fee_form.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        values=filled.values,
        per_page=dollars(services().settings.copy_fee_per_page),
        errors=filled.errors,
        error_by_field=dict(filled.errors),
    )


def _payment_page(
    found: PraRequest, values: dict[str, str], errors: list[tuple[str, str]], status: int
) -> Any:
    return render_page(
        "staff/payment_form.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        values=values,
        owed=dollars(found.fee_owed),
        errors=errors,
        error_by_field=dict(errors),
    )
