"""The released-records library at the desk: every record, unpublished ones with their reason."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

from pra.domain.files import Visibility
from pra.services.files import FileRefused, Upload
from pra.services.library import FindingsToConfirm, PublishRefused, publish_uploads, unpublish
from pra.services.records_kept import find_record, library
from pra.staff.roles import Permission, may
from pra.web.staff.choices import sentence
from pra.web.staff.gate import (
    MAX_FILES_PER_UPLOAD,
    render_page,
    requires,
    services,
    signed_in_account,
)
from pra.web.staff.pages import not_found

blueprint = Blueprint("staff_library", __name__, url_prefix="/staff/records")


@blueprint.get("/")
@requires(Permission.READ_LOG)
def records() -> Any:
    return _page([], 200, "")


@blueprint.post("/publish")
@requires(Permission.ACT_ON_REQUESTS)
def publish() -> Any:
    """Proactive disclosure: files published on the Library's own initiative, no request."""
    chosen = [f for f in request.files.getlist("files") if f.filename][:MAX_FILES_PER_UPLOAD]
    title = request.form.get("title", "")
    if not chosen:
        return _page([("files", "Choose the files to publish")], 400, title)
    uploads = [Upload(f.stream, f.filename or "", "", Visibility.PUBLIC) for f in chosen]  # type: ignore[arg-type]
    try:
        record = publish_uploads(
            services(),
            uploads,
            title=title,
            description=request.form.get("description", ""),
            actor=signed_in_account().email,
            confirmed=request.form.get("confirm_findings") == "yes",
        )
    except FindingsToConfirm as findings:
        listed = [(name, finding.label) for name, finding in findings.findings]
        message = "Check the files; tick the box and choose them again to publish them as they are"
        return _page([("files", message)], 400, title, listed)
    except (PublishRefused, FileRefused) as refused:
        return _page([("files", sentence(str(refused)))], 400, title)
    flash(f"Published: {record.title} ({record.id}) is in the public library.")
    return redirect(url_for(".records"), code=303)


@blueprint.post("/<record_id>/unpublish")
@requires(Permission.ACT_ON_REQUESTS)
def take_down(record_id: str) -> Any:
    if find_record(services(), record_id) is None:
        return not_found()
    reason = request.form.get(f"reason-{record_id}", "")
    try:
        unpublish(services(), record_id, reason, signed_in_account().email)
    except PublishRefused as refused:
        return _page([(f"reason-{record_id}", sentence(str(refused)))], 400, "")
    flash(f"Unpublished: record {record_id} is no longer in the public library.")
    return redirect(url_for(".records"), code=303)


def _page(
    errors: list[tuple[str, str]],
    status: int,
    title: str,
    findings: list[tuple[str, str]] | None = None,
) -> Any:
    return render_page(
        "staff/library.html",
        status,
        title=title,
        findings=findings or [],
        max_upload_mb=services().settings.max_upload_mb,
        records=library(services()),
        may_act=may(signed_in_account().role, Permission.ACT_ON_REQUESTS),
        errors=errors,
        error_by_field=dict(errors),
    )
