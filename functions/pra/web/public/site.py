"""Serve the built MkDocs site, so one process gives the site and the API on one origin."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, abort, redirect, send_from_directory
from werkzeug.wrappers import Response

# Material's bundles carry a hash of their content in the name: bundle.a5f9d56c.min.js.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")


def blueprint_for(site_dir: Path) -> Blueprint:
    blueprint = Blueprint("site", __name__)
    root = site_dir.resolve()

    @blueprint.get("/", defaults={"path": ""})
    @blueprint.get("/<path:path>")
    def page(path: str) -> Response:
        if path.startswith("api/"):
            abort(404)
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            abort(404)  # outside the site answers as anything missing does
        if path and target.is_dir() and not path.endswith("/"):
            # Pages link relatively: /status must become /status/ for its links to work.
            return redirect(f"/{path}/", code=308)
        if path == "" or path.endswith("/"):
            path = f"{path.rstrip('/')}/index.html".lstrip("/")
        # send_from_directory refuses paths that leave the folder.
        response = send_from_directory(root, path)
        if FINGERPRINTED.search(path):
            # The name changes with the content: a browser may keep it for a year.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    return blueprint
