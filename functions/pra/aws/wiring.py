"""The services every handler of a container shares: built on the first event, then kept."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pra.services import Services


@cache
def services() -> Services:
    """DynamoDB, S3 and SES as the environment (the template) names them."""
    from pra.bootstrap import bootstrap_aws
    from pra.config import Settings

    return bootstrap_aws(Settings.from_env())


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
    from pra.aws.clients import aws_client
    from pra.aws.secret import signing_key

    ssm = aws_client("ssm", settings.aws_endpoint_url)
    key = signing_key(ssm, settings.secret_key_parameter)
    return dataclasses.replace(shared, signing_key=key)


def reset() -> None:
    """Forget the container's services and clients (tests, or new settings)."""
    from pra.aws.clients import aws_client

    services.cache_clear()
    web_services.cache_clear()
    aws_client.cache_clear()
