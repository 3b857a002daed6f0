"""AWS resources for the tests, built from infra/template.yaml itself so the two cannot drift."""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
REGION = "us-east-1"
TABLE = "pra-test"
FILES_BUCKET, RECORDS_BUCKET = "pra-test-files", "pra-test-records"
SES_DOMAIN, FROM_ADDRESS = "library.example", "pra@library.example"
CONFIGURATION_SET = "pra-test"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
}


@cache
def _template() -> dict[str, Any]:
    from samtranslator.yaml_helper import yaml_parse

    parsed: dict[str, Any] = yaml_parse(TEMPLATE.read_text())
    return parsed


def template() -> dict[str, Any]:
    """The parsed template (intrinsics as dicts); a copy, so a test may change it."""
    return copy.deepcopy(_template())


def resource(name: str) -> dict[str, Any]:
    found: dict[str, Any] = template()["Resources"][name]
    return found


def create_table(client: Any, name: str = TABLE) -> None:
    """The table exactly as the template declares its keys and indexes."""
    props = resource("Table")["Properties"]
    client.create_table(
        TableName=name,
        BillingMode=props["BillingMode"],
        AttributeDefinitions=props["AttributeDefinitions"],
        KeySchema=props["KeySchema"],
        GlobalSecondaryIndexes=props["GlobalSecondaryIndexes"],
        SSESpecification={"Enabled": props["SSESpecification"]["SSEEnabled"]},
    )


def create_bucket(client: Any, name: str, logical_id: str) -> None:
    """A bucket with the template's encryption, versioning and public access block."""
    props = resource(logical_id)["Properties"]
    client.create_bucket(Bucket=name)
    # CloudFormation and the S3 API name the same settings differently.
    rules = [
        {
            "ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"],
            "BucketKeyEnabled": rule["BucketKeyEnabled"],
        }
        for rule in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    ]
    client.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": rules})
    client.put_public_access_block(
        Bucket=name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
    )
    if "CorsConfiguration" in props:
        rules = [
            {
                "AllowedMethods": rule["AllowedMethods"],
                "AllowedOrigins": [_without_domain(o) for o in rule["AllowedOrigins"]],
                "MaxAgeSeconds": rule["MaxAge"],
            }
            for rule in props["CorsConfiguration"]["CorsRules"]
        ]
        client.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})
    if "VersioningConfiguration" in props:
        client.put_bucket_versioning(
            Bucket=name, VersioningConfiguration=props["VersioningConfiguration"]
        )


def _without_domain(value: Any) -> Any:
    """A template value as deployed without a domain (the tests' case): Fn::If's else."""
    if isinstance(value, dict) and "Fn::If" in value:
        return value["Fn::If"][2]
    return value


def create_email_sender(client: Any) -> None:
    """SES accepts mail only from a verified identity, sent with an existing configuration set."""
    client.create_email_identity(EmailIdentity=SES_DOMAIN)
    client.create_configuration_set(ConfigurationSetName=CONFIGURATION_SET)


@dataclass
class Aws:
    """Clients against one emulated account, with the template's resources in place."""

    dynamodb: Any
    s3: Any
    sesv2: Any


@cache
def clients(endpoint_url: str | None = None) -> Aws:
    """Made once per endpoint: moto 5 intercepts clients made before a mock starts as well."""
    import boto3

    def client(service: str) -> Any:
        return boto3.client(service, region_name=REGION, endpoint_url=endpoint_url)

    return Aws(client("dynamodb"), client("s3"), client("sesv2"))


def provision(aws: Aws) -> None:
    create_table(aws.dynamodb)
    create_bucket(aws.s3, FILES_BUCKET, "FilesBucket")
    create_bucket(aws.s3, RECORDS_BUCKET, "RecordsBucket")
    create_email_sender(aws.sesv2)


@contextmanager
def fake_credentials() -> Iterator[None]:
    """Fake credentials and region for the length of a test; the real ones are never read."""
    saved = {name: os.environ.get(name) for name in FAKE_CREDENTIALS}
    os.environ.update(FAKE_CREDENTIALS)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class OneCallAtATime:
    """A client whose calls moto handles one at a time, as DynamoDB handles each request whole.

    moto applies an update without the server's per-request atomicity, so under threads two
    ADDs can read the same value. A lock around each call gives that atomicity back and no
    more: an adapter that needed two calls (read, then write) would still race, and fail.
    """

    def __init__(self, client: Any) -> None:
        self._client = client
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def one_at_a_time(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attribute(*args, **kwargs)

        return one_at_a_time


@contextmanager
def mocked_aws() -> Iterator[Aws]:
    """moto in-process, started before any client exists, with the template's resources."""
    from moto import mock_aws

    with fake_credentials(), mock_aws():
        aws = clients()
        provision(aws)
        yield aws


def sent_emails() -> list[dict[str, Any]]:
    """What moto's SES recorded in-process: sesv2 raw sends land among the v1 raw messages."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]
    return [
        {"source": m.source, "destinations": m.destinations, "raw": m.raw_data}
        for m in backend.sent_messages
    ]


def ses_received() -> list[EmailMessage]:
    """The messages moto's SES accepted in-process, oldest first."""
    return [
        # moto keeps the raw bytes decoded as UTF-8: encode them back to parse them as sent.
        message_from_bytes(sent["raw"].encode(), _class=EmailMessage, policy=default)  # type: ignore[arg-type]
        for sent in sent_emails()
    ]
