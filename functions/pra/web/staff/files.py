"""Files on a request at the desk: upload, download (clean files only), scan again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    request,
    send_from_directory,
    url_for,
)

from pra.domain.files import Visibility
from pra.domain.tracking import normalize_tracking_number
from pra.services.direct_upload import ArrivalRefused, direct_upload_form, register_arrival
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
scripts = Blueprint("staff_scripts", __name__)
STATIC = Path(__file__).parent / "static"


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


@scripts.get("/staff/direct-upload.js")
@requires(Permission.ACT_ON_REQUESTS)
def direct_upload_script() -> Any:
    """The desk's script for several files straight to S3 (only people who upload need it)."""
    return send_from_directory(STATIC, "direct-upload.js", mimetype="text/javascript")


@blueprint.get("/direct-form")
@requires(Permission.ACT_ON_REQUESTS)
def direct_form(tracking_number: str) -> Any:
    """A fresh form for the desk's script, which posts several files straight to S3."""
    number = normalize_tracking_number(tracking_number)
    made = direct_upload_form(services(), number, signed_in_account().email, for_script=True)
    if made is None:
        message = "This store takes uploads through the desk's own form."
        return jsonify(error="not_direct", message=message), 404
    return jsonify(url=made.form.url, fields=made.form.fields, arrival=made.arrival)


@blueprint.get("/arrived/<token>")
@requires(Permission.ACT_ON_REQUESTS)
def arrived(tracking_number: str, token: str) -> Any:
    """Back from S3 after a direct upload: take the file as an upload to the request.

    The browser comes back here by S3's redirect (one file, no script) and answers a page;
    the desk's script comes back itself after each file and answers JSON, and what it says
    waits as a banner for the request page the script opens at the end.
    """
    number = normalize_tracking_number(tracking_number)
    key = request.args.get("key", "")
    from_script = request.accept_mimetypes.best == "application/json"
    try:
        added = register_arrival(services(), number, token, key, signed_in_account().email)
    except (ArrivalRefused, FileRefused) as refused:
        if from_script:
            flash(_sentence(str(refused)), "error")
            return jsonify(error="refused", message=_sentence(str(refused))), 400
        if isinstance(refused, FileRefused):
            problem = [("files", _sentence(str(refused)))]
            return request_page_response(tracking_number, problem, 400)
        return render_page(
            "staff/problem.html",
            400,
            title="This upload was not taken",
            message=_sentence(str(refused)),
        )
    flash(_added_message(added))
    if from_script:
        return jsonify(added=[file.name for file in added])
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
