"""What every view reaches through the app: the Services that create_app gave it."""

from __future__ import annotations

from flask import Flask, current_app

from pra.services import Services

EXTENSION = "pra"


def attach(app: Flask, services: Services) -> None:
    app.extensions[EXTENSION] = services


def current_services() -> Services:
    """The Services create_app gave this app: the one way views reach the use cases' ports."""
    services: Services = current_app.extensions[EXTENSION]
    return services
