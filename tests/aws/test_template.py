"""infra/template.yaml: cfn-lint clean, transformed by SAM offline, least privilege, encrypted."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from pra.adapters.dynamodb_items import (
    BY_STATUS,
    CONTACTS_BY_CLOSING,
    LOG_BY_ASSIGNEE,
    LOG_BY_STATUS,
    OPEN_BY_DUE,
    PENDING_EMAILS,
)
from pra.bootstrap import _aws_names
from pra.config import Settings
from tests.aws.resources import ROOT, TEMPLATE, fake_credentials, resource, template

REGIONS = ["us-west-2", "us-east-1"]
DATA_SERVICES = {"dynamodb", "s3", "ses", "sns", "sqs", "kms", "secretsmanager"}
LOGS_ONLY = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
# AWS managed policy ids, as in the template: https://docs.aws.amazon.com/AmazonCloudFront/
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"


def lint_errors(path: Path) -> list[str]:
    from cfnlint.api import ManualArgs, lint_file

    matches = lint_file(path, config=ManualArgs(regions=REGIONS))
    return [f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches if m.rule.id[0] == "E"]


class _NoManagedPolicies:
    """The translator's policy loader, offline: our template names none by its short name."""

    def load(self) -> dict[str, str]:
        return {}


@cache
def _translated() -> str:
    from samtranslator.translator.transform import transform

    source = template()
    source["Globals"]["Function"]["CodeUri"] = "s3://pra-deploy/functions.zip"  # as sam deploy
    with fake_credentials():
        return json.dumps(transform(source, {"AWS::Region": "us-west-2"}, _NoManagedPolicies()))


def translated() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_translated())
    return loaded


def of_type(kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in translated()["Resources"].items() if r["Type"] == kind}


def allow_statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        statement
        for policy in role["Properties"].get("Policies", [])
        for statement in policy["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Allow"
    ]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_cfn_lint_finds_no_errors_in_the_template() -> None:
    assert lint_errors(TEMPLATE) == []


def test_cfn_lint_finds_no_errors_in_the_translated_template(tmp_path: Path) -> None:
    # cfn-lint checks SnapStart against the runtime only on plain Lambda resources.
    path = tmp_path / "translated.json"
    path.write_text(_translated())
    assert lint_errors(path) == []


def test_cfn_lint_does_report_errors_here(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEMPLATE.read_text().replace("PAY_PER_REQUEST", "PAY_AS_YOU_GO"))
    assert any(error.startswith("E3030") for error in lint_errors(broken))


def test_the_sam_translator_transforms_it_offline() -> None:
    kinds = {r["Type"] for r in translated()["Resources"].values()}
    assert {
        "AWS::Lambda::Function",
        "AWS::ApiGatewayV2::Api",
        "AWS::Scheduler::Schedule",
        "AWS::SNS::Subscription",
        "AWS::CloudFront::Distribution",
        "AWS::DynamoDB::Table",
        "AWS::SES::EmailIdentity",
    } <= kinds


def test_functions_run_python_312_or_newer_and_the_api_restores_from_a_snapshot() -> None:
    functions = of_type("AWS::Lambda::Function")
    assert set(functions) == {"ApiFunction", "SweepFunction", "BounceFunction"}
    for function in functions.values():
        version = re.fullmatch(r"python3\.(\d+)", function["Properties"]["Runtime"])
        assert version and int(version.group(1)) >= 12
    api = functions["ApiFunction"]["Properties"]
    # A parameter, off by default: about $2 a month for half a second after a quiet spell.
    assert api["SnapStart"] == {
        "Fn::If": ["UseSnapStart", {"ApplyOn": "PublishedVersions"}, {"Ref": "AWS::NoValue"}]
    }
    assert template()["Parameters"]["SnapStart"]["Default"] == "off"
    assert "AWS::Lambda::Version" in {r["Type"] for r in translated()["Resources"].values()}


def test_the_http_api_calls_the_snapshotted_alias_with_payload_v2() -> None:
    [api] = of_type("AWS::ApiGatewayV2::Api").values()
    route = api["Properties"]["Body"]["paths"]["$default"]["x-amazon-apigateway-any-method"]
    integration = route["x-amazon-apigateway-integration"]
    assert integration["payloadFormatVersion"] == "2.0"
    # SnapStart applies to published versions only: an unqualified ARN would skip it.
    assert "${ApiFunctionAliaslive}" in integration["uri"]["Fn::Sub"]


def test_each_handler_named_in_the_template_exists() -> None:
    for function in of_type("AWS::Lambda::Function").values():
        module, name = function["Properties"]["Handler"].rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module), name))


def test_the_sweep_runs_daily_at_the_configured_hour_in_california() -> None:
    [schedule] = of_type("AWS::Scheduler::Schedule").values()
    props = schedule["Properties"]
    assert props["ScheduleExpression"] == {"Fn::Sub": "cron(0 ${SweepHour} * * ? *)"}
    assert props["ScheduleExpressionTimezone"] == {"Ref": "TimeZone"}
    assert props["Target"]["Arn"] == {"Fn::GetAtt": ["SweepFunction", "Arn"]}
    parameters = template()["Parameters"]
    assert parameters["TimeZone"]["Default"] == "America/Los_Angeles"
    assert (parameters["SweepHour"]["MinValue"], parameters["SweepHour"]["MaxValue"]) == (0, 23)


def test_the_http_api_is_throttled() -> None:
    [stage] = of_type("AWS::ApiGatewayV2::Stage").values()
    settings = stage["Properties"]["DefaultRouteSettings"]
    assert settings == {
        "ThrottlingRateLimit": {"Ref": "ApiRateLimit"},
        "ThrottlingBurstLimit": {"Ref": "ApiBurstLimit"},
    }


def test_submissions_look_ups_and_the_desk_each_have_a_throttle_of_their_own() -> None:
    [stage] = of_type("AWS::ApiGatewayV2::Stage").values()
    routes = stage["Properties"]["RouteSettings"]
    limits = {route: settings["ThrottlingRateLimit"]["Ref"] for route, settings in routes.items()}
    assert limits == {
        "POST /api/requests": "SubmitRateLimit",
        "POST /api/requests/{tracking_number}/status": "LookupRateLimit",
        "POST /api/status": "LookupRateLimit",
        "ANY /staff": "StaffRateLimit",
        "ANY /staff/{proxy+}": "StaffRateLimit",
    }
    # Each throttled route exists and reaches the same snapshotted alias as the rest.
    [api] = of_type("AWS::ApiGatewayV2::Api").values()
    paths = api["Properties"]["Body"]["paths"]
    for route in limits:
        method, path = route.split(" ")
        key = "x-amazon-apigateway-any-method" if method == "ANY" else method.lower()
        uri = paths[path][key]["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"]
        assert "${ApiFunctionAliaslive}" in uri


def test_the_optional_waf_limits_posts_per_client_and_only_in_us_east_1() -> None:
    acl = resource("WebAcl")
    assert acl["Condition"] == "HasWaf"
    [rule] = acl["Properties"]["Rules"]
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP" and rate["Limit"] == {"Ref": "WafRateLimit"}
    assert rate["ScopeDownStatement"]["ByteMatchStatement"]["SearchString"] == "POST"
    assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    body = acl["Properties"]["CustomResponseBodies"]["too-many"]["Content"]
    assert "Please wait five minutes" in body and "Espere cinco minutos" in body
    assert acl["Properties"]["VisibilityConfig"]["SampledRequestsEnabled"] is False
    config = resource("Distribution")["Properties"]["DistributionConfig"]
    assert config["WebACLId"] == {
        "Fn::If": ["HasWaf", {"Fn::GetAtt": ["WebAcl", "Arn"]}, {"Ref": "AWS::NoValue"}]
    }
    [assertion] = template()["Rules"]["WafLivesInUsEast1"]["Assertions"]
    assert assertion["Assert"] == {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}
    assert template()["Parameters"]["WafRateLimit"]["Default"] == 0


def test_every_behaviour_sends_the_security_headers_and_the_site_its_policy() -> None:
    config = resource("Distribution")["Properties"]["DistributionConfig"]
    policies = {
        behaviour.get("PathPattern", "default"): behaviour["ResponseHeadersPolicyId"]
        for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    }
    assert policies == {
        "default": {"Ref": "PortalHeaders"},
        "/api/*": {"Ref": "PortalHeaders"},
        "/staff*": {"Ref": "PortalHeaders"},
        "/public/*": {"Ref": "ReleasedFilesHeaders"},
    }
    headers = resource("PortalHeaders")["Properties"]["ResponseHeadersPolicyConfig"]
    security = headers["SecurityHeadersConfig"]
    # The app's own policy wins on its answers; S3's pages get the site's, hashes and all.
    assert security["ContentSecurityPolicy"] == {
        "ContentSecurityPolicy": {"Ref": "SiteContentSecurityPolicy"},
        "Override": False,
    }
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "same-origin"
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 31536000
    assert security["ContentTypeOptions"] == {"Override": True}


def test_the_site_policy_parameter_takes_what_pra_site_csp_prints(tmp_path: Path) -> None:
    from pra.web.security_headers import content_security_policy

    pattern = template()["Parameters"]["SiteContentSecurityPolicy"]["AllowedPattern"]
    policy = content_security_policy([f"sha256-{n:043d}=" for n in range(12)])  # 12 scripts
    assert re.fullmatch(pattern, policy) and len(policy) <= 1700
    assert not re.fullmatch(pattern, "script-src *")


def test_no_role_allows_every_action_or_data_actions_on_every_resource() -> None:
    for name, role in of_type("AWS::IAM::Role").items():
        assert set(role["Properties"].get("ManagedPolicyArns", [LOGS_ONLY])) <= {LOGS_ONLY}, name
        for statement in allow_statements(role):
            actions = as_list(statement["Action"])
            assert not any(a == "*" or a.endswith(":*") for a in actions), (name, actions)
            if {a.split(":")[0] for a in actions} & DATA_SERVICES:
                assert "*" not in as_list(statement["Resource"]), (name, statement)


def test_each_function_reaches_only_what_it_needs() -> None:
    roles = of_type("AWS::IAM::Role")
    reach = {
        name.removesuffix("FunctionRole"): {
            a.split(":")[0] for s in allow_statements(role) for a in as_list(s["Action"])
        }
        for name, role in roles.items()
        if name.endswith("FunctionRole")
    }
    assert reach == {
        "Api": {"dynamodb", "s3", "ses", "ssm"},
        # sqs: a run that failed after its retries goes to FailedRuns (SAM's grant).
        # s3: the public statistics' files only (statistics/*).
        "Sweep": {"dynamodb", "ses", "ssm", "sqs", "cloudwatch", "s3"},
        "Bounce": {"dynamodb", "ses", "ssm", "sqs"},
    }
    table = {"Fn::GetAtt": ["Table", "Arn"]}
    for role in roles.values():
        for statement in allow_statements(role):
            if as_list(statement["Action"])[0].startswith("dynamodb:"):
                for arn in as_list(statement["Resource"]):
                    assert arn == table or arn["Fn::Sub"].startswith("${Table.Arn}/index/")


def test_email_is_sent_only_as_the_configured_sender() -> None:
    for role in of_type("AWS::IAM::Role").values():
        for statement in allow_statements(role):
            if as_list(statement["Action"])[0].startswith("ses:"):
                # SES v2's SendEmail sends raw messages too; v1's SendRawEmail is not called.
                assert as_list(statement["Action"]) == ["ses:SendEmail"]
                assert statement["Condition"] == {
                    "StringEquals": {"ses:FromAddress": {"Ref": "FromAddress"}}
                }


def test_the_table_is_encrypted_recoverable_and_protected() -> None:
    table = resource("Table")
    props = table["Properties"]
    assert props["SSESpecification"] == {"SSEEnabled": True}
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["DeletionProtectionEnabled"] is True
    assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("Retain", "Retain")


def test_the_tables_indexes_are_the_ones_the_adapter_queries() -> None:
    indexes = resource("Table")["Properties"]["GlobalSecondaryIndexes"]
    names = {index["IndexName"] for index in indexes}
    assert names == {
        BY_STATUS,
        LOG_BY_STATUS,
        LOG_BY_ASSIGNEE,
        OPEN_BY_DUE,
        PENDING_EMAILS,
        CONTACTS_BY_CLOSING,
    }


@pytest.mark.parametrize("bucket", ["FilesBucket", "RecordsBucket", "SiteBucket"])
def test_every_bucket_is_encrypted_and_blocks_public_access(bucket: str) -> None:
    props = resource(bucket)["Properties"]
    [rule] = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    assert set(props["PublicAccessBlockConfiguration"].values()) == {True}
    assert len(props["PublicAccessBlockConfiguration"]) == 4


def test_the_private_bucket_keeps_versions() -> None:
    assert resource("FilesBucket")["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}


@pytest.mark.parametrize("bucket", ["FilesBucket", "RecordsBucket", "SiteBucket"])
def test_bucket_policies_allow_only_cloudfront_and_refuse_plain_http(bucket: str) -> None:
    [policy] = [
        r["Properties"]["PolicyDocument"]["Statement"]
        for r in of_type("AWS::S3::BucketPolicy").values()
        if r["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    for statement in policy:
        if statement["Effect"] == "Allow":
            assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
            assert "AWS:SourceArn" in statement["Condition"]["StringEquals"]
    assert {"Bool": {"aws:SecureTransport": "false"}} in [
        s.get("Condition") for s in policy if s["Effect"] == "Deny"
    ]
    if bucket == "FilesBucket":
        assert all(s["Effect"] == "Deny" for s in policy)


def test_one_distribution_serves_the_site_the_records_and_the_api() -> None:
    config = resource("Distribution")["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == "site"
    for s3 in ("site", "records"):
        assert origins[s3]["OriginAccessControlId"] == {"Fn::GetAtt": ["OriginAccessControl", "Id"]}
    assert origins["api"]["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert behaviours["/public/*"]["TargetOriginId"] == "records"
    for path in ("/api/*", "/staff*"):
        behaviour = behaviours[path]
        assert behaviour["TargetOriginId"] == "api"
        assert behaviour["CachePolicyId"] == CACHING_DISABLED
        assert behaviour["OriginRequestPolicyId"] == {"Ref": "ApiOriginRequests"}
        assert "POST" in behaviour["AllowedMethods"]


def test_the_api_hears_the_viewers_address_and_every_header_the_app_reads() -> None:
    config = resource("ApiOriginRequests")["Properties"]["OriginRequestPolicyConfig"]
    headers = config["HeadersConfig"]["Headers"]
    assert config["HeadersConfig"]["HeaderBehavior"] == "whitelist" and len(headers) <= 10
    assert "Host" not in headers  # API Gateway answers only to its own name
    read_by_the_app = {"Accept", "Accept-Language", "Content-Type", "Referer"}
    read_by_the_app |= {"Idempotency-Key", "X-CSRF-Token"}
    assert read_by_the_app | {"CloudFront-Viewer-Address"} == set(headers)
    assert config["CookiesConfig"] == {"CookieBehavior": "all"}
    assert config["QueryStringsConfig"] == {"QueryStringBehavior": "all"}
    env = template()["Globals"]["Function"]["Environment"]["Variables"]
    assert env["PRA_CLIENT_ADDRESS_HEADER"] == "CloudFront-Viewer-Address"


def test_ses_signs_with_dkim_and_reports_bounces_to_the_handler() -> None:
    identity = resource("EmailIdentity")["Properties"]
    assert identity["DkimSigningAttributes"] == {"NextSigningKeyLength": "RSA_2048_BIT"}
    destination = resource("FeedbackDestination")["Properties"]["EventDestination"]
    assert {"bounce", "complaint"} <= set(destination["MatchingEventTypes"])
    assert destination["SnsDestination"]["TopicARN"] == {"Ref": "FeedbackTopic"}
    subscription = of_type("AWS::SNS::Subscription")["BounceFunctionFeedback"]
    assert subscription["Properties"]["Endpoint"] == {"Fn::GetAtt": ["BounceFunction", "Arn"]}


def test_the_signing_key_lives_in_ssm_for_the_api_function_alone() -> None:
    assert "SecretKey" not in template()["Parameters"]  # no longer a plain variable
    assert "PRA_SECRET_KEY" not in template()["Globals"]["Function"]["Environment"]["Variables"]
    api = resource("ApiFunction")["Properties"]["Environment"]["Variables"]
    assert api["PRA_SECRET_KEY_PARAMETER"] == {"Fn::Sub": "/${AWS::StackName}/secret-key"}
    for name, role in of_type("AWS::IAM::Role").items():
        ssm = [s for s in allow_statements(role) if "secret-key" in json.dumps(s["Resource"])]
        if name != "ApiFunctionRole":
            assert ssm == [], name
            continue
        [statement] = ssm
        assert statement["Action"] == ["ssm:GetParameter", "ssm:PutParameter"]
        assert statement["Resource"]["Fn::Sub"].endswith(":parameter/${AWS::StackName}/secret-key")


def test_every_function_reads_the_address_the_stack_writes_and_nothing_else_of_ssm() -> None:
    env = template()["Globals"]["Function"]["Environment"]["Variables"]
    assert "PRA_PUBLIC_URL" not in env and "PublicUrl" not in template()["Parameters"]
    assert env["PRA_PUBLIC_URL_PARAMETER"] == {"Fn::Sub": "/${AWS::StackName}/public-url"}
    written = resource("PublicUrl")["Properties"]
    assert written["Name"] == env["PRA_PUBLIC_URL_PARAMETER"]
    assert written["Value"] == {
        "Fn::If": [
            "HasDomain",
            {"Fn::Sub": "https://${DomainName}"},
            {"Fn::Sub": "https://${Distribution.DomainName}"},
        ]
    }
    for name, role in of_type("AWS::IAM::Role").items():
        if not name.endswith("FunctionRole"):
            continue
        reads = [s for s in allow_statements(role) if "public-url" in json.dumps(s["Resource"])]
        assert [s["Action"] for s in reads] == ["ssm:GetParameter"], name


def test_lambda_logs_stop_at_info() -> None:
    # botocore's debug lines carry whole items (requester data): never let them out.
    for function in of_type("AWS::Lambda::Function").values():
        logging = function["Properties"]["LoggingConfig"]
        assert logging["ApplicationLogLevel"] in {"INFO", "WARN", "ERROR"}


def test_the_template_gives_the_functions_every_setting_bootstrap_aws_needs() -> None:
    names = template()["Globals"]["Function"]["Environment"]["Variables"]
    special = {
        "PRA_CLOSURE_DAYS": "2026-12-24",
        "PRA_SITE_DIR": "",
        "PRA_TIMEZONE": "UTC",
        "PRA_COPY_FEE_PER_PAGE": "0.15",
        "PRA_RATE_LIMITS": "off",
        "PRA_CONTACT_RETENTION_DAYS": "730",
        "PRA_OPEN_DATA_FILES": "true",
    }
    env = {name: special.get(name, f"value-of-{name.lower()}") for name in names}
    settings = Settings.from_env(env)
    _aws_names(settings)  # raises when one is missing
    assert settings.copy_fee_per_page == 15
    assert settings.contact_retention_days == 730
    assert settings.open_data_files
    for name, value in env.items():
        if value and name not in special:
            assert value in repr(settings), f"{name} is not read by Settings.from_env"


def test_the_lambda_requirements_follow_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    # The site build, and what only `pra serve` and the CLI use (Lambda logs JSON itself;
    # API Gateway limits rates there).
    site_only = {
        "mkdocs",
        "mkdocs-material",
        "mkdocs-static-i18n",
        "waitress",
        "python-json-logger",
        "limits",
    }
    in_the_runtime = {"boto3"}  # Lambda's Python runtime ships it
    wanted = {
        str(Requirement(line))
        for line in project["dependencies"] + project["optional-dependencies"]["aws"]
        if Requirement(line).name not in site_only | in_the_runtime
    }
    lines = (ROOT / "functions" / "requirements.txt").read_text().splitlines()
    assert {str(Requirement(line)) for line in lines if line and not line.startswith("#")} == wanted


def test_guardduty_scans_and_tags_every_upload_and_the_api_reads_the_tags() -> None:
    (plan,) = of_type("AWS::GuardDuty::MalwareProtectionPlan").values()
    properties = plan["Properties"]
    assert properties["ProtectedResource"]["S3Bucket"] == {
        "BucketName": {"Ref": "FilesBucket"},
        "ObjectPrefixes": ["requests/"],
    }
    assert properties["Actions"] == {"Tagging": {"Status": "ENABLED"}}
    api = of_type("AWS::IAM::Role")["ApiFunctionRole"]
    reads = [s for s in allow_statements(api) if "s3:GetObjectTagging" in as_list(s["Action"])]
    assert reads and all(
        s["Resource"] == {"Fn::Sub": "${FilesBucket.Arn}/requests/*"} for s in reads
    )


def test_released_files_are_served_sandboxed_and_never_sniffed() -> None:
    (distribution,) = of_type("AWS::CloudFront::Distribution").values()
    behaviours = distribution["Properties"]["DistributionConfig"]["CacheBehaviors"]
    (public,) = [b for b in behaviours if b["PathPattern"] == "/public/*"]
    assert public["ResponseHeadersPolicyId"] == {"Ref": "ReleasedFilesHeaders"}
    policy = of_type("AWS::CloudFront::ResponseHeadersPolicy")["ReleasedFilesHeaders"]
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert headers["ContentSecurityPolicy"] == {
        "ContentSecurityPolicy": "sandbox",
        "Override": True,
    }
    assert headers["ContentTypeOptions"] == {"Override": True}


@pytest.mark.parametrize(
    "uri",
    [
        "/assets/javascripts/bundle.a5f9d56c.min.js",
        "/assets/stylesheets/main.57a0d79d.min.css",
        "/assets/pra.js",
        "/assets/pra.css",
        "/request/index.html",
        "/sitemap.xml",
    ],
)
def test_cloudfront_caches_the_sites_files_as_pra_serve_does(uri: str) -> None:
    from pra.web.public.site import FINGERPRINTED

    code = resource("SiteCacheHeadersFunction")["Properties"]["FunctionCode"]
    event = {"request": {"uri": uri}, "response": {"statusCode": 200, "headers": {}}}
    run = f"{code}\nconsole.log(JSON.stringify(handler({json.dumps(event)})));"
    node = shutil.which("node")
    assert node, "the CloudFront function runs in Node here: apt-get install nodejs"
    done = subprocess.run([node, "-e", run], capture_output=True, text=True, check=True)
    headers = json.loads(done.stdout)["headers"]
    expected = "public, max-age=31536000, immutable" if FINGERPRINTED.search(uri) else "no-cache"
    assert headers["cache-control"]["value"] == expected
    behaviour = template()["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    associated = behaviour["DefaultCacheBehavior"]["FunctionAssociations"]
    assert {
        "EventType": "viewer-response",
        "FunctionARN": {"Fn::GetAtt": ["SiteCacheHeadersFunction", "FunctionMetadata.FunctionARN"]},
    } in associated


def test_the_roles_are_enforced_on_the_functions_calls_in_these_tests() -> None:
    # tests/aws/iam checks every call a function's code makes here against these roles.
    from tests.aws.iam import NAMES, allowed

    table = NAMES["Table.Arn"]
    assert allowed("ApiFunction", "dynamodb:Query", f"{table}/index/log_by_status")
    assert allowed("ApiFunction", "dynamodb:Query", f"{table}/index/log_by_assignee")
    assert allowed("ApiFunction", "dynamodb:BatchGetItem", table)
    assert not allowed("SweepFunction", "dynamodb:Query", f"{table}/index/log_by_status")
    assert allowed("SweepFunction", "dynamodb:Query", f"{table}/index/contacts_by_closing")
    assert not allowed("SweepFunction", "s3:PutObject", f"{NAMES['FilesBucket.Arn']}/x")
    assert allowed("SweepFunction", "s3:PutObject", f"{NAMES['FilesBucket.Arn']}/statistics/x")
    assert not allowed("BounceFunction", "dynamodb:Query", f"{table}/index/by_status")
    assert not allowed("ApiFunction", "dynamodb:DeleteItem", table)


def test_sam_builds_each_function_with_the_makefile_that_needs_no_docker() -> None:
    for name in ("ApiFunction", "SweepFunction", "BounceFunction"):
        assert resource(name)["Metadata"] == {"BuildMethod": "makefile"}
    makefile = (ROOT / "functions" / "Makefile").read_text()
    for name in ("ApiFunction", "SweepFunction", "BounceFunction"):
        assert f"build-{name}" in makefile
    assert "--platform $(PLATFORM)" in makefile and "PLATFORM ?= manylinux2014_aarch64" in makefile


def test_only_cloudfronts_requests_reach_the_app() -> None:
    config = resource("Distribution")["Properties"]["DistributionConfig"]
    [api] = [origin for origin in config["Origins"] if origin["Id"] == "api"]
    [header] = api["OriginCustomHeaders"]
    env = resource("ApiFunction")["Properties"]["Environment"]["Variables"]
    assert header["HeaderName"] == "X-Origin-Verify"
    assert header["HeaderValue"] == env["PRA_ORIGIN_VERIFY"]
    assert header["HeaderValue"] == {
        "Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]
    }


ALARMS = {
    "Api5xxAlarm": "5xx",
    "ApiErrorsAlarm": "Errors",
    "SweepErrorsAlarm": "Errors",
    "BounceErrorsAlarm": "Errors",
    "ThrottlesAlarm": "Throttles",
    "SweepMissedAlarm": "Invocations",
    "BounceRateAlarm": "Reputation.BounceRate",
    "ComplaintRateAlarm": "Reputation.ComplaintRate",
    "FailedRunsAlarm": "ApproximateNumberOfMessagesVisible",
    "OldestEmailAlarm": "OldestPendingEmailMinutes",
}


def _metric_names(alarm: dict[str, Any]) -> set[str]:
    properties = alarm["Properties"]
    if "MetricName" in properties:
        return {properties["MetricName"]}
    return {
        query["MetricStat"]["Metric"]["MetricName"]
        for query in properties["Metrics"]
        if "MetricStat" in query
    }


def test_every_alarm_watches_its_metric_and_tells_the_alarm_topic() -> None:
    alarms = {name: r for name, r in template()["Resources"].items() if name.endswith("Alarm")}
    assert set(alarms) == set(ALARMS)
    for name, alarm in alarms.items():
        assert ALARMS[name] in _metric_names(alarm), name
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}], name
        assert alarm["Properties"]["AlarmDescription"], name
    # Every function's errors and throttles are watched.
    for function in ("ApiFunction", "SweepFunction", "BounceFunction"):
        watched = json.dumps(alarms["ThrottlesAlarm"]["Properties"]["Metrics"])
        assert function in watched
    missed = alarms["SweepMissedAlarm"]["Properties"]
    assert missed["Period"] * missed["EvaluationPeriods"] == 26 * 3600
    assert missed["TreatMissingData"] == "breaching"  # no run at all is what it is for
    assert alarms["BounceRateAlarm"]["Properties"]["Threshold"] < 0.05
    assert alarms["ComplaintRateAlarm"]["Properties"]["Threshold"] < 0.001


def test_the_alarm_email_is_subscribed_only_when_given() -> None:
    subscription = resource("AlarmSubscription")
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"]["Endpoint"] == {"Ref": "AlarmEmail"}
    assert template()["Parameters"]["AlarmEmail"]["Default"] == ""
    statements = resource("AlarmTopicPolicy")["Properties"]["PolicyDocument"]["Statement"]
    principals = {s["Principal"]["Service"] for s in statements}
    assert principals == {"cloudwatch.amazonaws.com", "budgets.amazonaws.com"}


def test_a_failed_sweep_or_bounce_run_lands_in_a_queue() -> None:
    for function in ("SweepFunction", "BounceFunction"):
        config = resource(function)["Properties"]["EventInvokeConfig"]
        assert config["DestinationConfig"]["OnFailure"] == {
            "Type": "SQS",
            "Destination": {"Fn::GetAtt": ["FailedRuns", "Arn"]},
        }
    assert resource("FailedRuns")["Properties"]["SqsManagedSseEnabled"] is True


def test_the_budget_warns_on_actual_and_forecast_cost() -> None:
    budget = resource("MonthlyCost")["Properties"]
    assert budget["Budget"]["BudgetLimit"] == {"Amount": {"Ref": "MonthlyBudget"}, "Unit": "USD"}
    kinds = {n["Notification"]["NotificationType"] for n in budget["NotificationsWithSubscribers"]}
    assert kinds == {"ACTUAL", "FORECASTED"}
    assert template()["Parameters"]["MonthlyBudget"]["Default"] == 10


def test_the_http_api_logs_each_request_by_route_without_query_or_body() -> None:
    [stage] = of_type("AWS::ApiGatewayV2::Stage").values()
    settings = stage["Properties"]["AccessLogSettings"]
    assert settings["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    line = json.loads(settings["Format"])
    assert line["route"] == "$context.routeKey" and line["status"] == "$context.status"
    for private in ("$context.path", "querystring", "$context.identity.sourceIp", "body"):
        assert private not in settings["Format"]
    retention = resource("ApiAccessLogGroup")["Properties"]["RetentionInDays"]
    assert retention == {"Ref": "LogRetentionDays"}


def test_released_records_keep_old_versions_thirty_days() -> None:
    [rule] = resource("RecordsBucket")["Properties"]["LifecycleConfiguration"]["Rules"]
    assert rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 30}


def test_checkov_fails_a_finding_that_is_not_on_the_accepted_list(tmp_path: Path) -> None:
    checkov = ROOT / ".venv-checkov" / "bin" / "checkov"
    if not checkov.exists():
        pytest.fail("checkov is missing: `make checkov` installs it in .venv-checkov")
    broken = tmp_path / "template.yaml"
    # A table without point-in-time recovery: CKV_AWS_28 is not accepted.
    text = TEMPLATE.read_text()
    broken.write_text(
        text.replace("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false")
    )
    config = ROOT / "infra" / "checkov.yaml"
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}

    def scan(path: Path) -> subprocess.CompletedProcess[str]:
        command = [str(checkov), "-f", str(path), "--config-file", str(config)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)

    assert scan(TEMPLATE).returncode == 0
    failed = scan(broken)
    assert failed.returncode == 1 and "CKV_AWS_28" in failed.stdout


def test_cloudfront_logs_are_optional_and_expire() -> None:
    bucket = resource("CloudFrontLogs")
    assert bucket["Condition"] == "HasCloudFrontLogs"
    [rule] = bucket["Properties"]["LifecycleConfiguration"]["Rules"]
    assert rule["ExpirationInDays"] == {"Ref": "CloudFrontLogDays"}
    assert template()["Parameters"]["CloudFrontLogDays"]["Default"] == 0
    config = resource("Distribution")["Properties"]["DistributionConfig"]
    condition, logging, off = config["Logging"]["Fn::If"]
    assert condition == "HasCloudFrontLogs" and off == {"Ref": "AWS::NoValue"}
    assert logging["IncludeCookies"] is False
