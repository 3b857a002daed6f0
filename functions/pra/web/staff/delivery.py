"""Delivering released records from the desk: a form, a preview of the letter, then Send."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from pra.domain.request import DeliveryMethod, PraRequest
from pra.domain.tracking import normalize_tracking_number
from pra.ports import StaleRequest
from pra.services.deliver import (
    DeliveryOrder,
    DeliveryRefused,
    PreparedDelivery,
    deliver_records,
    prepare_delivery,
)
from pra.services.files import request_files
from pra.staff.log import log_row, status_label
from pra.staff.roles import Permission
from pra.web.staff.choices import sentence
from pra.web.staff.gate import render_page, requires, services, signed_in_account
from pra.web.staff.pages import conflict, letter_preview, not_found, request_url

blueprint = Blueprint(
    "staff_delivery", __name__, url_prefix="/staff/requests/<tracking_number>/deliver"
)
METHODS = {
    DeliveryMethod.LINK: ("By email, with private download links", "Also on the status page."),
    DeliveryMethod.INSPECTION: ("Available for inspection at the Library", ""),
    DeliveryMethod.MAIL: ("Mailed to the requester", "Postage is paid before mailing."),
    DeliveryMethod.PICKUP: ("Ready to pick up at the Library", ""),
}
LABEL = "Deliver records"


@dataclass
class DeliveryForm:
    method: str = ""
    files: list[str] = field(default_factory=list)
    holds: str = ""
    final: str = "yes"
    record_title: str = ""
    record_description: str = ""
    confirm_findings: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def read(cls, posted: MultiDict[str, str]) -> DeliveryForm:
        form = cls(
            method=posted.get("method", ""),
            files=posted.getlist("file"),
            holds=posted.get("holds", "").strip(),
            final=posted.get("final", ""),
            record_title=posted.get("record_title", "").strip(),
            record_description=posted.get("record_description", "").strip(),
            confirm_findings=posted.get("confirm_findings", ""),
        )
        if form.method not in {m.value for m in DeliveryMethod}:
            form.errors.append(("method", "Choose how the records reach the requester"))
        if form.final not in {"yes", "no"}:
            form.errors.append(("final", "Say whether this is the last delivery"))
        return form

    def order(self) -> DeliveryOrder:
        return DeliveryOrder(
            DeliveryMethod(self.method),
            tuple(self.files),
            self.final == "yes",
            self.holds,
            self.record_title,
            self.record_description,
            self.confirm_findings == "yes",
        )

    def hidden(self) -> list[tuple[str, str]]:
        fields = [("method", self.method), ("holds", self.holds), ("final", self.final)]
        fields += [("record_title", self.record_title)]
        fields += [("record_description", self.record_description)]
        return fields + [("file", file_id) for file_id in self.files]


@blueprint.route("", methods=["GET", "POST"])
@requires(Permission.ACT_ON_REQUESTS)
def form(tracking_number: str) -> Any:
    """The form (GET), or filled in again from the preview's Edit button (POST)."""
    found = _deliverable(tracking_number)
    if not isinstance(found, PraRequest):
        return found
    if request.method == "GET":
        return _form_page(found, DeliveryForm(method=found.usual_delivery().value), 200)
    filled = DeliveryForm.read(request.form)
    filled.errors = []
    return _form_page(found, filled, 200)


@blueprint.post("/preview")
@requires(Permission.ACT_ON_REQUESTS)
def preview(tracking_number: str) -> Any:
    return _step(tracking_number, send=False)


@blueprint.post("/send")
@requires(Permission.ACT_ON_REQUESTS)
def send(tracking_number: str) -> Any:
    return _step(tracking_number, send=True)


def _step(tracking_number: str, *, send: bool) -> Any:
    found = _deliverable(tracking_number)
    if not isinstance(found, PraRequest):
        return found
    filled = DeliveryForm.read(request.form)
    if filled.errors:
        return _form_page(found, filled, 400)
    number, account = found.tracking_number, signed_in_account()
    try:
        if send:
            after = deliver_records(services(), number, account, filled.order())
        else:
            prepared = prepare_delivery(services(), number, account, filled.order())
    except DeliveryRefused as refused:
        text = str(refused)
        where = "record_title" if "title" in text else ("file" if "file" in text else "")
        filled.errors.append((where, sentence(text)))
        return _form_page(found, filled, 400)
    except StaleRequest:
        return conflict(found, "Someone changed this request meanwhile. Nothing was sent.")
    if not send:
        return _preview_page(found, filled, prepared)
    flash(f"Delivered: {after.letters[-1].subject}. The request is now “{status_label(after)}”.")
    return redirect(request_url(found), code=303)


def _deliverable(tracking_number: str) -> PraRequest | Any:
    found = services().store.get(normalize_tracking_number(tracking_number))
    if found is None:
        return not_found()
    if not found.may_deliver:
        message = f"{LABEL}: not possible now (status “{status_label(found)}”)."
        return conflict(found, message)
    return found


def _form_page(found: PraRequest, filled: DeliveryForm, status: int) -> Any:
    files = [
        (file.id, f"{file.title} ({file.name})", _visibility(file.visibility.value))
        for file in request_files(services(), found.tracking_number)
        if file.usable
    ]
    methods = [(method.value, label, hint) for method, (label, hint) in METHODS.items()]
    return render_page(
        "staff/deliver_form.html",
        status,
        request=found,
        row=log_row(found, services().today()),
        values=filled,
        files=files,
        methods=methods,
        usual_label=METHODS[found.usual_delivery()][0].lower(),
        errors=filled.errors,
        error_by_field=dict(filled.errors),
    )


def _preview_page(found: PraRequest, filled: DeliveryForm, prepared: PreparedDelivery) -> Any:
    number = found.tracking_number
    return letter_preview(
        found,
        LABEL,
        prepared.message,
        prepared.after,
        hidden=filled.hidden(),
        send_url=url_for("staff_delivery.send", tracking_number=number),
        edit_url=url_for("staff_delivery.form", tracking_number=number),
        findings=[(name, finding.label) for name, finding in prepared.findings],
        typed=[("What this delivery holds", filled.holds)],
    )


def _visibility(value: str) -> str:
    return {"public": "Public: also released to all", "private": "Private to the requester"}[value]
