"""`pra --stack NAME`: the CLI finds the table, buckets and region in the stack's outputs,
so nobody copies a name by hand (or writes to another region's table)."""

from __future__ import annotations

import io
import json

import pytest

from pra.aws import wiring
from pra.cli.main import main
from tests.aws.resources import (
    CONFIGURATION_SET,
    FILES_BUCKET,
    FROM_ADDRESS,
    RECORDS_BUCKET,
    REGION,
    TABLE,
    Aws,
)
from tests.aws.test_template import template

STACK = "pra-portal"
OUTPUTS = {
    "TableName": TABLE,
    "FilesBucketName": FILES_BUCKET,
    "RecordsBucketName": RECORDS_BUCKET,
    "SiteUrl": "https://records.library.example",
    "ConfigurationSetName": CONFIGURATION_SET,
    "FromAddress": FROM_ADDRESS,
}


def deploy(aws: Aws, outputs: dict[str, str]) -> None:
    """A stack with the template's outputs (moto runs no real resources of ours)."""
    import boto3

    body = {
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    cloudformation.create_stack(StackName=STACK, TemplateBody=json.dumps(body))


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PRA_TABLE_NAME", "PRA_PRIVATE_BUCKET", "PRA_PUBLIC_BUCKET", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    wiring.reset()


def test_the_template_has_every_output_the_cli_reads() -> None:
    from pra.aws.stack import OUTPUTS as READ

    assert set(READ) <= set(template()["Outputs"])
    assert set(READ) == set(OUTPUTS)


def test_a_staff_account_is_added_to_the_stacks_table(
    aws: Aws, clean_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deploy(aws, OUTPUTS)
    monkeypatch.setattr("sys.stdin", io.StringIO("a long coordinator passphrase\n"))
    account = ["--role", "coordinator", "--name", "Ana Ruiz", "--title", "PRA Coordinator"]
    added = main(
        ["--stack", STACK, "--region", REGION, "staff", "add", "ana@library.example", *account]
    )
    assert added == 0, capsys.readouterr().err
    item = aws.dynamodb.get_item(
        TableName=TABLE, Key={"pk": {"S": "STAFF"}, "sk": {"S": "ana@library.example"}}
    )
    assert "Item" in item
    capsys.readouterr()
    monkeypatch.setenv("PRA_STACK", STACK)
    monkeypatch.setenv("AWS_REGION", REGION)  # read as boto3 alone would not
    assert main(["staff", "list"]) == 0
    assert "ana@library.example" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--stack", "no-such-stack", "--region", REGION], "no stack no-such-stack in us-east-1"),
        (["--stack", STACK], "which region is stack pra-portal in? Pass --region"),
    ],
)
def test_a_stack_that_cannot_be_found_is_one_line_and_exit_2(
    aws: Aws,
    clean_env: None,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    deploy(aws, OUTPUTS)
    assert main([*arguments, "staff", "list"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"pra: {message}") and error.count("\n") == 1


def test_a_stack_of_something_else_is_named_as_such(
    aws: Aws, clean_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    deploy(aws, {"TableName": TABLE})
    assert main(["--stack", STACK, "--region", REGION, "staff", "list"]) == 2
    assert capsys.readouterr().err.startswith(
        "pra: stack pra-portal has no output FilesBucketName: is it a stack of this portal"
    )
