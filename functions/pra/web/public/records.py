"""The public library of released records: a JSON manifest and the files it lists.

Published records live under the file store's public prefix, so publishing one needs no
rebuild of the site: the records page reads this manifest when it loads.
"""

from __future__ import annotations

import json
import mimetypes
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request

from pra.emails.words import long_date
from pra.services.feed import atom_feed
from pra.services.manifest import FEED_KEY, MANIFEST_KEY, page_key
from pra.services.records_kept import RECORD_ID
from pra.web.context import current_services
from pra.web.public.fields import language_or_default
from pra.web.public.pages import render_page

KINDS = ("pdf", "spreadsheet", "document", "image", "other")
ACTIVE = ("text/html", "image/svg+xml", "text/xml", "application/xml", "text/javascript")

blueprint = Blueprint("records", __name__, url_prefix="/api/records")


def _manifest() -> dict[str, Any]:
    stored = current_services().files.get(MANIFEST_KEY)
    body: dict[str, Any] = json.loads(stored) if stored else {"years": [], "records": []}
    return body


def _year_records(year: int) -> list[dict[str, Any]]:
    stored = current_services().files.get(page_key(year))
    records: list[dict[str, Any]] = json.loads(stored)["records"] if stored else []
    return records


@blueprint.get("/")
def record_list() -> str:
    """The records page for browsers without JavaScript: a year's records, searchable."""
    language = language_or_default(request.args.get("lang"))
    index = _manifest()
    years = [item["year"] for item in index.get("years", [])]
    asked = request.args.get("year", "")
    # ASCII digits only: str.isdigit() takes "²", which int() refuses.
    chosen = int(asked) if asked.isascii() and asked.isdigit() else None
    year = chosen if chosen in years else (years[0] if years else None)
    found = index.get("records", []) if year == (years[0] if years else None) else []
    found = found or (_year_records(year) if year else [])
    words = request.args.get("q", "").lower().split()
    kind = request.args.get("type", "")
    records = [
        {**record, "released": _released(record.get("released_on"), language)}
        for record in found
        if all(w in _searchable(record) for w in words)
        and (kind not in KINDS or kind in _kinds(record))
    ]
    return render_page(
        "released_records.html",
        language,
        records=records,
        years=years,
        year=year,
        query=request.args.get("q", ""),
        kind=kind,
        kinds=KINDS,
    )


def _kinds(record: dict[str, Any]) -> set[str]:
    """The kinds of file a record holds, as the type filter names them."""
    return {_kind(str(file.get("type", ""))) for file in record.get("files", [])}


def _kind(content_type: str) -> str:
    if content_type == "application/pdf":
        return "pdf"
    if content_type.startswith("image/"):
        return "image"
    if "spreadsheet" in content_type or content_type in ("text/csv", "application/vnd.ms-excel"):
        return "spreadsheet"
    if (
        "word" in content_type
        or "opendocument.text" in content_type
        or content_type == "text/plain"
    ):
        return "document"
    return "other"


def _searchable(record: dict[str, Any]) -> str:
    return " ".join(str(record.get(k) or "") for k in ("title", "description", "request")).lower()


def _released(value: object, language: str) -> str | None:
    try:
        return long_date(date.fromisoformat(str(value)), language) if value else None
    except ValueError:
        return None


@blueprint.get("/manifest.json")
def manifest() -> Any:
    response = jsonify(_manifest())
    # Short, so a newly published record shows within a minute.
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@blueprint.get("/feed.atom")
def feed() -> Response:
    services = current_services()
    # Before the first publication the feed is empty, not missing: readers can subscribe.
    data = services.files.get(FEED_KEY) or atom_feed(services, [])
    response = Response(data, content_type="application/atom+xml; charset=utf-8")
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


public_files = Blueprint("public_files", __name__)


@public_files.get("/public/records/<record_id>/<name>")
def record_file(record_id: str, name: str) -> Response:
    """A released record's file (on AWS, CloudFront serves these from S3 itself)."""
    if not RECORD_ID.fullmatch(record_id) or name in {"", ".", ".."} or "/" in name:
        abort(404)
    stream = current_services().files.open(f"public/records/{record_id}/{name}")
    if stream is None:
        abort(404)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(stream, content_type=content_type, direct_passthrough=True)
    response.call_on_close(stream.close)
    # No uploaded file may run script on the site's origin.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    if content_type.startswith(ACTIVE) or not content_type.startswith(
        ("application/pdf", "image/", "text/plain", "text/csv")
    ):
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
