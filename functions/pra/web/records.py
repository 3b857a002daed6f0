"""The public library of released records: a JSON manifest and the files it lists.

Published records live under the file store's public prefix, so publishing one needs no
rebuild of the site: the records page reads this manifest when it loads.
"""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify

from pra.services import Services

MANIFEST_KEY = "public/manifest.json"
RECORDS_PREFIX = "public/records/"

blueprint = Blueprint("records", __name__, url_prefix="/api/records")


def _services() -> Services:
    services: Services = current_app.extensions["pra"]
    return services


@blueprint.get("/manifest.json")
def manifest() -> Any:
    stored = _services().files.get(MANIFEST_KEY)
    body: dict[str, Any] = json.loads(stored) if stored else {"records": []}
    response = jsonify(body)
    # Short, so a newly published record shows within a minute.
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@blueprint.get("/files/<path:name>")
def record_file(name: str) -> Response:
    if ".." in name.split("/"):
        abort(404)
    data = _services().files.get(RECORDS_PREFIX + name)
    if data is None:
        abort(404)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(data, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
