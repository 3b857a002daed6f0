"""The template's IAM policies, enforced on the functions' own AWS calls in the tests.

moto allows every call, so a function whose role lacks an action it uses would pass here and
fail on AWS with AccessDenied. Every call a botocore client makes goes through `check_call`
first (a before-parameter-build hook): it finds which function is making it (the handler on
the stack: the sweep, the bounce handler, or the web app) and refuses the call, failing the
test, unless that function's role in the translated template allows the action on that
resource. Calls made by the tests themselves, or by the CLI, are not checked.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any

from tests.aws.resources import (
    CONFIGURATION_SET,
    FILES_BUCKET,
    RECORDS_BUCKET,
    REGION,
    SES_DOMAIN,
    TABLE,
)

ACCOUNT = "123456789012"
# What the template's references stand for in the tests' emulated account.
NAMES = {
    "AWS::Partition": "aws",
    "AWS::Region": REGION,
    "AWS::AccountId": ACCOUNT,
    "AWS::StackName": "pra-test",
    "Table.Arn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{TABLE}",
    "FilesBucket.Arn": f"arn:aws:s3:::{FILES_BUCKET}",
    "RecordsBucket.Arn": f"arn:aws:s3:::{RECORDS_BUCKET}",
    "FailedRuns.Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:pra-test-failed-runs",
    "SesIdentity": SES_DOMAIN,
    "ConfigurationSet": CONFIGURATION_SET,
    "FromAddress": "pra@" + SES_DOMAIN,
}
# The handler whose module on the stack says which function is calling.
CALLERS = (
    ("pra/aws/sweep.py", "SweepFunction"),
    ("pra/aws/bounces.py", "BounceFunction"),
    ("pra/aws/api.py", "ApiFunction"),
    ("pra/web/", "ApiFunction"),
)
# Operations whose IAM action has another name.
ACTIONS = {
    "s3:ListObjectsV2": "s3:ListBucket",
    "s3:HeadObject": "s3:GetObject",
    "s3:HeadBucket": "s3:ListBucket",
}
SERVICE_PREFIX = {"sesv2": "ses"}


class AccessDenied(AssertionError):
    """The function's role in the template does not allow this call."""


# Refusals, kept as well as raised: the app turns an exception into a 500 page, and the
# tests' fixture reports what was refused after each test.
DENIED: list[str] = []


def check_call(model: Any, params: dict[str, Any], **_: Any) -> None:
    """botocore's before-parameter-build hook: AccessDenied for a call the role would refuse."""
    function = calling_function()
    if function is None:
        return
    service = model.service_model.service_name
    for action, resource in needed(service, model.name, params):
        if not allowed(function, action, resource):
            DENIED.append(f"{function} may not {action} on {resource}")
            raise AccessDenied(DENIED[-1])


def calling_function() -> str | None:
    for path in _stack_files():
        for marker, function in CALLERS:
            if marker in path:
                return function
    return None


def _stack_files() -> Iterator[str]:
    """The file of each frame on the stack, innermost first (cheap: no source is read)."""
    frame = sys._getframe(1)
    while frame is not None:
        yield frame.f_code.co_filename.replace("\\", "/")
        frame = frame.f_back  # type: ignore[assignment]


def needed(service: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """The (IAM action, resource ARN) pairs a call needs."""
    prefix = SERVICE_PREFIX.get(service, service)
    action = ACTIONS.get(f"{prefix}:{operation}", f"{prefix}:{operation}")
    if service == "dynamodb":
        return _dynamodb(action, operation, params)
    if service == "s3":
        bucket = f"arn:aws:s3:::{params['Bucket']}"
        if operation == "CreateBucket" and _presigning():
            # generate_presigned_post builds its URL on this operation without calling it;
            # the browser's POST then puts objects under the function's credentials.
            return [("s3:PutObject", f"{bucket}/requests/")]
        if "Key" in params:
            return [(action, f"{bucket}/{params['Key']}")]
        return [(action, bucket)]
    if service == "ssm":
        return [(action, f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{params['Name']}")]
    if service == "sesv2":
        identity = f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{SES_DOMAIN}"
        configuration = f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/{CONFIGURATION_SET}"
        return [(action, identity), (action, configuration)]
    return [(action, "*")]


def _presigning() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "generate_presigned_post":
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _dynamodb(action: str, operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    def table(name: str, index: str | None = None) -> str:
        arn = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"
        return f"{arn}/index/{index}" if index else arn

    if operation == "TransactWriteItems":
        kinds = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem"}
        kinds["ConditionCheck"] = "ConditionCheckItem"
        return [
            (f"dynamodb:{kinds[kind]}", table(part["TableName"]))
            for item in params["TransactItems"]
            for kind, part in item.items()
        ]
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [(action, table(name)) for name in params["RequestItems"]]
    return [(action, table(params["TableName"], params.get("IndexName")))]


def allowed(function: str, action: str, resource: str) -> bool:
    return any(
        any(fnmatch.fnmatchcase(action, pattern) for pattern in _list(s["Action"]))
        and any(fnmatch.fnmatchcase(resource, arn) for arn in s["Resources"])
        for s in statements(function)
    )


@cache
def statements(function: str) -> tuple[dict[str, Any], ...]:
    """The function's Allow statements, their resources resolved to the tests' names."""
    from tests.aws.test_template import allow_statements, translated

    role = translated()["Resources"][f"{function}Role"]
    return tuple(
        {**statement, "Resources": [_resolve(arn) for arn in _list(statement["Resource"])]}
        for statement in allow_statements(role)
    )


def _resolve(value: Any) -> str:
    if isinstance(value, str):
        return value
    if "Fn::GetAtt" in value:
        return NAMES[".".join(value["Fn::GetAtt"])]
    if "Ref" in value:
        return NAMES[value["Ref"]]
    text = value["Fn::Sub"]
    for name, replacement in NAMES.items():
        text = text.replace("${" + name + "}", replacement)
    assert "${" not in text, f"unresolved reference in {text}"
    return text


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
