"""The API function's signing key in SSM: made once, read by every container, never by the
sweep or bounce functions (tests/aws/iam refuses their SSM calls)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pra.aws import api, sweep, wiring
from pra.aws.parameters import signing_key
from pra.config import SettingsError
from tests.aws.resources import Aws
from tests.contract.test_request_store import event, make_request

NAME = "/pra-test/secret-key"


def test_the_first_container_makes_the_key_and_the_next_reads_it(
    aws: Aws, aws_env: dict[str, str]
) -> None:
    import boto3

    ssm = boto3.client("ssm", region_name="us-east-1")
    first = api.build_app()
    stored = ssm.get_parameter(Name=NAME, WithDecryption=True)["Parameter"]
    assert stored["Type"] == "SecureString" and len(stored["Value"]) == 64
    assert first.secret_key == stored["Value"]
    wiring.reset()  # a new container
    assert api.build_app().secret_key == stored["Value"]


def test_of_two_containers_racing_both_keep_the_key_that_was_stored(
    aws: Aws, aws_env: dict[str, str]
) -> None:
    import boto3

    ssm = boto3.client("ssm", region_name="us-east-1")

    class Late:
        """A container whose look-up came before the other's write."""

        exceptions = ssm.exceptions

        def __init__(self) -> None:
            self.asked = 0

        def get_parameter(self, **arguments: object) -> object:
            self.asked += 1
            if self.asked == 1:
                raise ssm.exceptions.ParameterNotFound({"Error": {}}, "GetParameter")
            return ssm.get_parameter(**arguments)

        def put_parameter(self, **arguments: object) -> object:
            ssm.put_parameter(Name=NAME, Value="b" * 64, Type="SecureString")  # the other
            return ssm.put_parameter(**arguments)

    assert signing_key(Late(), NAME) == "b" * 64


def test_the_api_refuses_to_start_without_a_key(
    aws: Aws, aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PRA_SECRET_KEY_PARAMETER")
    wiring.reset()
    with pytest.raises(SettingsError, match="PRA_SECRET_KEY_PARAMETER"):
        api.build_app()


def test_the_sweep_runs_without_reading_the_key(aws: Aws, aws_env: dict[str, str]) -> None:
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    store.add(make_request("PRA-2026-00001", today - timedelta(days=40)), event("received"), [])
    assert sweep.handler({}, None)["escalations"] == 1
    import boto3

    ssm = boto3.client("ssm", region_name="us-east-1")
    assert ssm.describe_parameters()["Parameters"] == []


def test_without_a_domain_the_functions_use_the_address_the_stack_wrote(
    aws: Aws, aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3

    ssm = boto3.client("ssm", region_name="us-east-1")
    address = "https://d111111abcdef8.cloudfront.net"
    ssm.put_parameter(Name="/pra-test/public-url", Value=address + "/", Type="String")
    monkeypatch.delenv("PRA_PUBLIC_URL")
    monkeypatch.setenv("PRA_PUBLIC_URL_PARAMETER", "/pra-test/public-url")
    wiring.reset()
    assert wiring.services().settings.public_url == address
    assert api.build_app().config["SESSION_COOKIE_SECURE"] is True  # https: cookies Secure
