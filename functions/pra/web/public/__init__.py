"""Public web: API, form pages, replies, records, built site. Imports: services; never web.staff."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from pra.web.public import api, files, log, pages, records, replies, site, statistics


def register(app: Flask) -> None:
    """The API and the pages it answers forms with, under /api."""
    blueprints = (api, pages, records, replies, files, log, statistics)
    for blueprint in (module.blueprint for module in blueprints):
        app.register_blueprint(blueprint)
    app.register_blueprint(records.public_files)


def register_site(app: Flask, site_dir: Path) -> None:
    """The built site, last: its catch-all path serves whatever the API does not."""
    app.register_blueprint(site.blueprint_for(site_dir))
