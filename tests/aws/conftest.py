"""Fixtures for the AWS side: moto in-process, the template's resources, the handlers' env."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pra.aws import api, wiring
from pra.config import Settings
from tests.aws.resources import (
    CONFIGURATION_SET,
    FILES_BUCKET,
    FROM_ADDRESS,
    RECORDS_BUCKET,
    TABLE,
    Aws,
    mocked_aws,
)

COORDINATOR, DIRECTOR = "coordinator@library.example", "director@library.example"

# What the template's Globals hand every function, with test values.
AWS_ENV = {
    "PRA_TABLE_NAME": TABLE,
    "PRA_PRIVATE_BUCKET": FILES_BUCKET,
    "PRA_PUBLIC_BUCKET": RECORDS_BUCKET,
    "PRA_SES_CONFIGURATION_SET": CONFIGURATION_SET,
    "PRA_FROM_ADDRESS": FROM_ADDRESS,
    "PRA_COORDINATOR_EMAIL": COORDINATOR,
    "PRA_DIRECTOR_EMAIL": DIRECTOR,
    "PRA_AGENCY_NAME": "Sonoma County Library",
    "PRA_TIMEZONE": "America/Los_Angeles",
    "PRA_CLOSURE_DAYS": "",
    "PRA_PUBLIC_URL": "https://records.library.example",
    # The API function's only: its signing key in SSM, made by the first container.
    "PRA_SECRET_KEY_PARAMETER": "/pra-test/secret-key",
    "PRA_SITE_DIR": "",
    "PRA_RATE_LIMITS": "off",  # as the template sets it: API Gateway throttles instead
}


@pytest.fixture(scope="session", autouse=True)
def roles_enforced() -> None:
    """Every AWS call a function's code makes here must be one its role allows (tests/aws/iam).

    The hook joins botocore's built-in handlers, as moto's own does, so every session made
    from now on has it (making the app's session here, before a mock starts, would leave it
    without moto's); a session the app already made gets it too.
    """
    from botocore.handlers import BUILTIN_HANDLERS

    from pra.aws.clients import _session
    from tests.aws.iam import check_call

    BUILTIN_HANDLERS.append(("before-parameter-build", check_call))
    if _session.cache_info().currsize:
        _session().events.register("before-parameter-build", check_call)


@pytest.fixture(autouse=True)
def nothing_denied() -> Iterator[None]:
    from tests.aws.iam import DENIED

    DENIED.clear()
    yield
    assert DENIED == [], "the template's roles refuse calls the code makes"


@pytest.fixture
def aws() -> Iterator[Aws]:
    with mocked_aws() as clients:
        yield clients


@pytest.fixture
def aws_env(aws: Aws, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The handlers' environment as on Lambda; each test starts with a fresh container."""
    for name, value in AWS_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PRA_AWS_ENDPOINT_URL", raising=False)
    wiring.reset()
    api.reset()
    yield AWS_ENV
    wiring.reset()
    api.reset()


@pytest.fixture
def aws_settings(aws_env: dict[str, str]) -> Settings:
    return Settings.from_env()
