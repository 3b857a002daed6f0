"""The services every handler of a container shares: built on the first event, then kept."""

from __future__ import annotations

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


def reset() -> None:
    """Forget the container's services and clients (tests, or new settings)."""
    from pra.aws.clients import aws_client

    services.cache_clear()
    aws_client.cache_clear()
