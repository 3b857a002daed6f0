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
from pra.web.context import current_services
from pra.web.public.fields import language_or_default
from pra.web.public.pages import render_page

MANIFEST_KEY = "public/manifest.json"
RECORDS_PREFIX = "public/records/"

blueprint = Blueprint("records", __name__, url_prefix="/api/records")


def _manifest() -> dict[str, Any]:
    stored = current_services().files.get(MANIFEST_KEY)
    body: dict[str, Any] = json.loads(stored) if stored else {"records": []}
    return body


@blueprint.get("/")
def record_list() -> str:
    """The records page's list for browsers without JavaScript: every record and its files."""
    language = language_or_default(request.args.get("lang"))
    records = [
        {**record, "released": _released(record.get("released_on"), language)}
        for record in _manifest().get("records", [])
    ]
    return render_page("released_records.html", language, records=records)


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


@blueprint.get("/files/<path:name>")
def record_file(name: str) -> Response:
    if ".." in name.split("/"):
        abort(404)
    data = current_services().files.get(RECORDS_PREFIX + name)
    if data is None:
        abort(404)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(data, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
