"""`pra --stack NAME`: a deployed stack's settings, read from its outputs.

The commands that act on AWS (`pra staff add`, `pra requests show`, …) need the table's and
buckets' names and their region. Copied by hand they go wrong (a name mistyped, another
region's table); the stack says them itself. The region is where the stack was found.
"""

from __future__ import annotations

from typing import Any

from pra.config import Settings, SettingsError

# Each output of infra/template.yaml and the setting it gives.
OUTPUTS = {
    "TableName": "table_name",
    "FilesBucketName": "private_bucket",
    "RecordsBucketName": "public_bucket",
    "SiteUrl": "public_url",
    "ConfigurationSetName": "ses_configuration_set",
    "FromAddress": "from_address",
}


def stack_settings(settings: Settings) -> Settings:
    """`settings` with the names and region of the stack `settings.stack_name`."""
    name = str(settings.stack_name)
    outputs = _outputs(name, settings)
    missing = [output for output in OUTPUTS if output not in outputs]
    if missing:
        raise SettingsError(
            f"stack {name} has no output {missing[0]}: is it a stack of this portal, "
            "deployed from this version of infra/template.yaml?"
        )
    found = {setting: outputs[output] for output, setting in OUTPUTS.items()}
    return settings.with_overrides(**found, aws_region=outputs["region"])


def _outputs(name: str, settings: Settings) -> dict[str, str]:
    from botocore.exceptions import ClientError, NoCredentialsError, NoRegionError

    from pra.aws.clients import aws_client

    try:
        cloudformation = aws_client(
            "cloudformation", settings.aws_endpoint_url, settings.aws_region
        )
        [stack] = cloudformation.describe_stacks(StackName=name)["Stacks"]
        region = cloudformation.meta.region_name
    except NoRegionError:
        raise SettingsError(
            f"which region is stack {name} in? Pass --region (or set AWS_REGION)"
        ) from None
    except NoCredentialsError:
        raise SettingsError(
            "no AWS credentials: sign in first (aws configure or aws sso login)"
        ) from None
    except ClientError as error:
        raise SettingsError(_refusal(name, settings, error)) from None
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    return {**outputs, "region": region}


def _refusal(name: str, settings: Settings, error: Any) -> str:
    code = error.response["Error"]["Code"]
    if code == "ValidationError":
        where = settings.aws_region or "your default region"
        return f"no stack {name} in {where}: check the name, or pass --region"
    return f"AWS refused to describe stack {name} ({code})"
