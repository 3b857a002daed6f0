"""Serve the built MkDocs site, so one process gives the site and the API on one origin."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, redirect, send_from_directory
from werkzeug.wrappers import Response


def blueprint_for(site_dir: Path) -> Blueprint:
    blueprint = Blueprint("site", __name__)
    root = site_dir.resolve()

    @blueprint.get("/", defaults={"path": ""})
    @blueprint.get("/<path:path>")
    def page(path: str) -> Response:
        if path.startswith("api/"):
            abort(404)
        target = root / path
        if path and target.is_dir() and not path.endswith("/"):
            # Pages link relatively: /status must become /status/ for its links to work.
            return redirect(f"/{path}/", code=308)
        if path == "" or path.endswith("/"):
            path = f"{path.rstrip('/')}/index.html".lstrip("/")
        # send_from_directory refuses paths that leave the folder.
        return send_from_directory(root, path)

    return blueprint
