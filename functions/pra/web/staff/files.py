"""Files on a request at the desk: upload, download (clean files only), scan again."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, request, url_for

from pra.domain.files import Visibility
from pra.domain.tracking import normalize_tracking_number
from pra.services.direct_upload import ArrivalRefused, register_arrival
from pra.services.files import (
    FileNotUsable,
    FileRefused,
    Upload,
    open_file,
    scan_again,
    upload_files,
)
from pra.staff.roles import Permission
from pra.web.staff.desk import not_found, request_page_response
from pra.web.staff.gate import (
    MAX_FILES_PER_UPLOAD as MAX_FILES,
)
from pra.web.staff.gate import (
    render_page,
    requires,
    services,
    signed_in_account,
)

blueprint = Blueprint("staff_files", __name__, url_prefix="/staff/requests/<tracking_number>/files")


@blueprint.post("")
@requires(Permission.ACT_ON_REQUESTS)
def upload(tracking_number: str) -> Any:
    chosen = [f for f in request.files.getlist("files") if f.filename]
    visibility = request.form.get("visibility", "")
    errors = []
    if not chosen:
        errors.append(("files", "Choose one or more files to upload"))
    if len(chosen) > MAX_FILES:
        errors.append(("files", f"Upload at most {MAX_FILES} files at once"))
    if visibility not in {v.value for v in Visibility}:
        errors.append(("visibility", "Choose who may see the files"))
    if errors:
        return request_page_response(tracking_number, errors, 400)
    title = request.form.get("title", "") if len(chosen) == 1 else ""
    uploads = [
        Upload(f.stream, f.filename or "", title, Visibility(visibility))  # type: ignore[arg-type]
        for f in chosen
    ]
    try:
        added = upload_files(services(), tracking_number, uploads, signed_in_account().email)
    except FileRefused as refused:
        return request_page_response(tracking_number, [("files", _sentence(str(refused)))], 400)
    except KeyError:
        return not_found(tracking_number)
    flash(_added_message(added))
    return _back(tracking_number)


@blueprint.get("/arrived/<token>")
@requires(Permission.ACT_ON_REQUESTS)
def arrived(tracking_number: str, token: str) -> Any:
    """Back from S3 after a direct upload: take the file as an upload to the request."""
    number = normalize_tracking_number(tracking_number)
    key = request.args.get("key", "")
    try:
        added = register_arrival(services(), number, token, key, signed_in_account().email)
    except ArrivalRefused as refused:
        return render_page(
            "staff/problem.html",
            400,
            title="This upload was not taken",
            message=_sentence(str(refused)),
        )
    except FileRefused as refused:
        return request_page_response(tracking_number, [("files", _sentence(str(refused)))], 400)
    flash(_added_message(added))
    return _back(tracking_number)


@blueprint.get("/<file_id>")
@requires(Permission.READ_CONTACTS)
def download(tracking_number: str, file_id: str) -> Any:
    try:
        found = open_file(services(), tracking_number, file_id, signed_in_account().email)
    except FileNotUsable as refused:
        return render_page(
            "staff/problem.html", 409, title="This file cannot be used yet", message=str(refused)
        )
    if found is None:
        return not_found(tracking_number)
    file, stream = found
    # Always a download, never rendered in the portal's origin.
    response = Response(stream, mimetype=file.content_type, direct_passthrough=True)
    response.headers["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response.headers["Content-Length"] = str(file.size)
    response.call_on_close(stream.close)
    return response


@blueprint.post("/<file_id>/scan")
@requires(Permission.ACT_ON_REQUESTS)
def scan(tracking_number: str, file_id: str) -> Any:
    file = scan_again(services(), tracking_number, file_id, signed_in_account().email)
    if file is None:
        return not_found(tracking_number)
    words = {"clean": "is clean", "infected": "contains malware", "pending": "is being scanned"}
    flash(f"Scanned again: {file.name} {words.get(file.scan.state.value, 'could not be scanned')}.")
    return _back(tracking_number)


def _back(tracking_number: str) -> Response:
    number = normalize_tracking_number(tracking_number)
    target = url_for("staff.request_page", tracking_number=number) + "#pra-files-heading"
    return redirect(target, code=303)  # type: ignore[return-value]


def _added_message(added: list[Any]) -> str:
    names = ", ".join(file.name for file in added)
    unscanned = [file.name for file in added if not file.usable]
    note = f" Not usable until scanned clean: {', '.join(unscanned)}." if unscanned else ""
    return f"Uploaded {len(added)} file{'s' if len(added) != 1 else ''}: {names}.{note}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
