"""The desk at /staff: gate, sessions, routes, action forms. Imports: staff, services; no public."""

from __future__ import annotations

from flask import Flask

from pra.web.staff import (
    accounts,
    actions,
    delivery,
    desk,
    fees,
    files,
    intake,
    library,
    patron,
    public_log,
)


def register(app: Flask) -> None:
    """The desk (sign-in, log, request page) with the gate before every request, then actions."""
    app.register_blueprint(desk.blueprint)
    app.register_blueprint(actions.blueprint)
    app.register_blueprint(files.blueprint)
    app.register_blueprint(files.scripts)
    app.register_blueprint(intake.blueprint)
    app.register_blueprint(delivery.blueprint)
    app.register_blueprint(library.blueprint)
    app.register_blueprint(fees.blueprint)
    app.register_blueprint(patron.blueprint)
    app.register_blueprint(accounts.blueprint)
    app.register_blueprint(public_log.blueprint)
