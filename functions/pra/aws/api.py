"""Lambda entry point for the HTTP API (payload v2): the Flask app through apig-wsgi.

Importing this module is cheap: Flask, boto3 and the app are loaded on the first event (or,
with SnapStart, before the snapshot is taken) and kept for the container's life.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return _container_handler()(event, context)


def build_app() -> Flask:
    from pra.aws.wiring import web_services
    from pra.web import create_app

    return create_app(services=web_services())


def lambda_handler_for(app: Flask) -> LambdaHandler:
    from apig_wsgi import make_lambda_handler

    # binary_support: form posts arrive base64-encoded, and files leave that way.
    made: LambdaHandler = make_lambda_handler(app, binary_support=True)
    return made


@cache  # once per container, as wiring.services
def _container_handler() -> LambdaHandler:
    return lambda_handler_for(build_app())


def reset() -> None:
    """Forget the container's app (tests)."""
    _container_handler.cache_clear()


def build_for_snapshot() -> None:
    """The app and every client, which a cold container otherwise makes on first use: in a
    snapshot they cost nothing at restore."""
    from pra.aws.clients import SERVICES, aws_client
    from pra.aws.wiring import services

    _container_handler()
    settings = services().settings
    for service in SERVICES:
        aws_client(service, settings.aws_endpoint_url, settings.aws_region)


def _prime_before_snapshot() -> None:
    """With SnapStart the runtime offers this hook: build the app into the snapshot."""
    try:
        from snapshot_restore_py import register_before_snapshot  # only in Lambda's runtime
    except ImportError:
        return
    register_before_snapshot(build_for_snapshot)


_prime_before_snapshot()
