"""The released-records library at the desk: every record, unpublished ones with their reason."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.services.library import PublishRefused, unpublish
from pra.services.records_kept import find_record, library
from pra.staff.roles import Permission, may
from pra.web.staff.choices import sentence
from pra.web.staff.gate import render_page, requires, services, signed_in_account
from pra.web.staff.pages import not_found

blueprint = Blueprint("staff_library", __name__, url_prefix="/staff/records")


@blueprint.get("/")
@requires(Permission.READ_LOG)
def records() -> Any:
    return _page([], 200)


@blueprint.post("/<record_id>/unpublish")
@requires(Permission.ACT_ON_REQUESTS)
def take_down(record_id: str) -> Any:
    if find_record(services(), record_id) is None:
        return not_found()
    reason = request.form.get(f"reason-{record_id}", "")
    try:
        unpublish(services(), record_id, reason, signed_in_account().email)
    except PublishRefused as refused:
        return _page([(f"reason-{record_id}", sentence(str(refused)))], 400)
    flash(f"Unpublished: record {record_id} is no longer in the public library.")
    return redirect(url_for(".records"), code=303)


def _page(errors: list[tuple[str, str]], status: int) -> Any:
    return render_page(
        "staff/library.html",
        status,
        records=library(services()),
        may_act=may(signed_in_account().role, Permission.ACT_ON_REQUESTS),
        errors=errors,
        error_by_field=dict(errors),
    )
