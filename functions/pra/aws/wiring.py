"""The services every handler of a container shares: built on the first event, then kept."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pra.config import Settings
    from pra.services import Services


@cache
def services() -> Services:
    """DynamoDB, S3 and SES as the environment (the template) names them."""
    from pra.bootstrap import bootstrap_aws
    from pra.config import Settings

    settings = Settings.from_env()
    if settings.public_url_parameter:
        from pra.aws.parameters import public_url

        address = public_url(_ssm(settings), settings.public_url_parameter)
        settings = settings.with_overrides(public_url=address)
    return bootstrap_aws(settings)


@cache
def web_services() -> Services:
    """The API function's services: the same, with the signing key it keeps in SSM (only the
    API signs; the sweep and bounce functions never read the key)."""
    from pra.config import SettingsError

    shared = services()
    settings = shared.settings
    if settings.secret_key:
        return shared  # set outright (an emulator, or a deployment that chose to)
    if not settings.secret_key_parameter:
        raise SettingsError("on AWS the API needs PRA_SECRET_KEY_PARAMETER (or PRA_SECRET_KEY)")
    from pra.aws.parameters import signing_key

    key = signing_key(_ssm(settings), settings.secret_key_parameter)
    return dataclasses.replace(shared, signing_key=key)


def _ssm(settings: Settings) -> Any:
    from pra.aws.clients import aws_client

    return aws_client("ssm", settings.aws_endpoint_url, settings.aws_region)


def reset() -> None:
    """Forget the container's services and clients (tests, or new settings)."""
    from pra.aws.clients import aws_client

    services.cache_clear()
    web_services.cache_clear()
    aws_client.cache_clear()
