"""boto3 clients: made on first use, then kept for the container's life."""

from __future__ import annotations

from functools import cache
from typing import Any

# What the functions call: the request store and staff (DynamoDB), files (S3), email (SES);
# the API function also reads its signing key from SSM, once, as its app is made.
SERVICES = ("dynamodb", "s3", "sesv2")


@cache
def aws_client(service: str, endpoint_url: str | None = None, region: str | None = None) -> Any:
    """One client per service (and endpoint and region) per container; boto3 is imported only
    here. Without a region, boto3's own configuration decides (on Lambda, the function's)."""
    return _session().client(
        service, endpoint_url=endpoint_url, region_name=region, config=_config(service)
    )


class LazyClient:
    """A client made on its first call: a route that never calls a service never pays for it.

    Making a client loads the service's model (tens of milliseconds each), and a container's
    first event waits for whatever the app built; most routes call one service or none.
    """

    def __init__(
        self, service: str, endpoint_url: str | None = None, region: str | None = None
    ) -> None:
        self._service, self._endpoint_url, self._region = service, endpoint_url, region

    def __getattr__(self, name: str) -> Any:
        return getattr(aws_client(self._service, self._endpoint_url, self._region), name)


@cache
def _session() -> Any:
    # A session of our own: the default one is shared module state we do not control.
    import boto3

    return boto3.session.Session()


def _config(service: str) -> Any:
    from botocore.config import Config

    # Fail fast and retry a little: a request waits on these calls, and the sweep retries email.
    config = Config(connect_timeout=3, read_timeout=10, retries={"mode": "standard"})
    # Presigned links signed with SigV4, the only signature newer regions accept.
    return config.merge(Config(signature_version="s3v4")) if service == "s3" else config
