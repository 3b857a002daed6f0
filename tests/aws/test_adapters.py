"""What the AWS adapters do beyond their ports' contracts: tags, buckets, links, wiring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests

from pra.adapters.dynamodb_store import DynamoRequestStore
from pra.adapters.folder_files import UnsafeKey
from pra.adapters.s3_files import S3FileStore
from pra.adapters.ses_mailer import SesMailer
from pra.aws import wiring
from pra.bootstrap import bootstrap_aws
from pra.config import Settings, SettingsError
from pra.domain.lifecycle import Status
from pra.emails.headers import KIND_HEADER, TRACKING_HEADER
from pra.ports import MailerError
from tests.aws.resources import (
    CONFIGURATION_SET,
    FILES_BUCKET,
    FROM_ADDRESS,
    RECORDS_BUCKET,
    TABLE,
    Aws,
    ses_received,
)
from tests.contract.test_request_store import event, make_request


@pytest.fixture
def sent_parameters(aws: Aws) -> Iterator[list[dict[str, Any]]]:
    """The parameters of every SendEmail call, as botocore is about to send them."""
    calls: list[dict[str, Any]] = []

    def capture(params: dict[str, Any], **_: Any) -> None:
        calls.append(params)

    event = "provide-client-params.sesv2.SendEmail"
    aws.sesv2.meta.events.register(event, capture)
    yield calls
    aws.sesv2.meta.events.unregister(event, capture)


def message(subject: str, **headers: str) -> EmailMessage:
    email = EmailMessage()
    email["Subject"], email["From"], email["To"] = subject, FROM_ADDRESS, "a@example.org"
    for name, value in headers.items():
        email[name] = value
    email.set_content("hello\n")
    return email


def test_ses_tags_name_the_request_and_kind_from_our_headers(
    aws: Aws, sent_parameters: list[dict[str, Any]]
) -> None:
    headers = {TRACKING_HEADER: "PRA-2026-00007", KIND_HEADER: "acknowledgement"}
    SesMailer(aws.sesv2, FROM_ADDRESS, CONFIGURATION_SET).send(
        message("Hello", **headers).as_bytes()
    )
    [call] = sent_parameters
    assert call["EmailTags"] == [
        {"Name": "tracking_number", "Value": "PRA-2026-00007"},
        {"Name": "kind", "Value": "acknowledgement"},
    ]
    assert (call["ConfigurationSetName"], call["FromEmailAddress"]) == (
        CONFIGURATION_SET,
        FROM_ADDRESS,
    )
    [sent] = ses_received()
    assert TRACKING_HEADER not in sent and KIND_HEADER not in sent


def test_ses_tags_fall_back_to_the_number_in_the_subject(
    aws: Aws, sent_parameters: list[dict[str, Any]]
) -> None:
    mailer = SesMailer(aws.sesv2, FROM_ADDRESS, None)
    mailer.send(message("New public records request PRA-2026-00042").as_bytes())
    mailer.send(message("Hola").as_bytes())
    tags = [call["EmailTags"][0]["Value"] for call in sent_parameters]
    assert tags == ["PRA-2026-00042", "unknown"]
    assert "ConfigurationSetName" not in sent_parameters[0]


def test_the_callers_message_keeps_its_headers(aws: Aws) -> None:
    sent = message("Hello", **{TRACKING_HEADER: "PRA-2026-00007"})
    raw = sent.as_bytes()
    SesMailer(aws.sesv2, FROM_ADDRESS, None).send(raw)
    assert raw == sent.as_bytes() and sent[TRACKING_HEADER] == "PRA-2026-00007"


def test_an_unverified_sender_raises_mailer_error_with_the_code_only(aws: Aws) -> None:
    mailer = SesMailer(aws.sesv2, "pra@unverified.example", None)
    with pytest.raises(MailerError) as raised:
        mailer.send(message("Hello").as_bytes())
    assert str(raised.value) == "MessageRejected"


def test_public_keys_go_to_the_records_bucket_with_a_short_cache(aws: Aws) -> None:
    files = S3FileStore(aws.s3, FILES_BUCKET, RECORDS_BUCKET)
    files.put("public/manifest.json", b"{}", "application/json")
    files.put("private/submission.pdf", b"%PDF", "application/pdf")
    public = aws.s3.get_object(Bucket=RECORDS_BUCKET, Key="public/manifest.json")
    assert (public["ContentType"], public["CacheControl"]) == (
        "application/json",
        "public, max-age=60",
    )
    private = aws.s3.head_object(Bucket=FILES_BUCKET, Key="private/submission.pdf")
    assert "CacheControl" not in private
    assert files.keys("") == ["private/submission.pdf", "public/manifest.json"]


def test_a_download_is_a_short_presigned_get_named_for_the_browser(
    aws_env: dict[str, str],
) -> None:
    files = wiring.services().files
    assert isinstance(files, S3FileStore)
    files.put("private/PRA-2026-00001/records.pdf", b"%PDF-1.7", "application/pdf")
    url = files.download_url(
        "private/PRA-2026-00001/records.pdf", "records.pdf", timedelta(minutes=5)
    )
    assert url is not None
    assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url and "X-Amz-Expires=300" in url
    assert url.startswith(f"https://{FILES_BUCKET}.s3.amazonaws.com/private/PRA-2026-00001/")
    answer = requests.get(url, timeout=10)
    assert answer.content == b"%PDF-1.7"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="records.pdf"'


def test_the_folder_store_has_no_address_of_its_own(tmp_path: Path) -> None:
    from pra.adapters.folder_files import FolderFileStore

    assert FolderFileStore(tmp_path).download_url("a/b.pdf", "b.pdf", timedelta(minutes=5)) is None


@pytest.mark.parametrize("key", ["../escape.txt", "/etc/passwd", "public/../x", "a//b", ""])
def test_s3_refuses_the_keys_the_folder_refuses(aws: Aws, key: str) -> None:
    with pytest.raises(UnsafeKey):
        S3FileStore(aws.s3, FILES_BUCKET, RECORDS_BUCKET).put(key, b"x", "text/plain")


def test_one_bucket_may_hold_both_prefixes(aws: Aws) -> None:
    files = S3FileStore(aws.s3, FILES_BUCKET, FILES_BUCKET)
    files.put("public/a.pdf", b"a", "application/pdf")
    files.put("private/b.pdf", b"b", "application/pdf")
    assert files.keys("") == ["private/b.pdf", "public/a.pdf"]


def test_the_request_item_keeps_the_body_whole_and_the_due_index_only_while_open(
    aws: Aws,
) -> None:
    store = DynamoRequestStore(aws.dynamodb, TABLE)
    request = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(request, event("received"), [])
    key = {"pk": {"S": "REQ#PRA-2026-00001"}, "sk": {"S": "REQUEST"}}
    item = aws.dynamodb.get_item(TableName=TABLE, Key=key)["Item"]
    assert json.loads(item["body"]["S"])["submission"]["name"] == "Ana Núñez"
    assert item["due_key"] == {"S": "2026-11-30#PRA-2026-00001"}
    store.save(
        make_request("PRA-2026-00001", date(2026, 11, 16), Status.WITHDRAWN),
        Status.RECEIVED,
        event("withdrawn", 1),
        [],
    )
    item = aws.dynamodb.get_item(TableName=TABLE, Key=key)["Item"]
    assert "open_pk" not in item and "due_key" not in item
    assert item["status"] == {"S": "withdrawn"}


def test_bootstrap_aws_names_every_missing_setting() -> None:
    with pytest.raises(SettingsError) as raised:
        bootstrap_aws(Settings(table_name="pra"))
    assert str(raised.value) == ("on AWS these must be set: PRA_PRIVATE_BUCKET, PRA_PUBLIC_BUCKET")


def test_the_aws_settings_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "PRA_TABLE_NAME": "t",
            "PRA_PRIVATE_BUCKET": "p",
            "PRA_PUBLIC_BUCKET": "r",
            "PRA_SES_CONFIGURATION_SET": "c",
            "PRA_AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
        }
    )
    assert (
        settings.table_name,
        settings.private_bucket,
        settings.public_bucket,
        settings.ses_configuration_set,
        settings.aws_endpoint_url,
    ) == ("t", "p", "r", "c", "http://127.0.0.1:5000")
    assert Settings.from_env({}).aws_endpoint_url is None


def test_reindex_gives_requests_stored_before_the_log_paged_their_place(aws: Aws) -> None:
    """A table from before log_key: its requests are missing from the log until reindexed."""
    from datetime import date

    from pra.adapters.dynamodb_store import DynamoRequestStore
    from tests.aws.resources import TABLE
    from tests.contract.test_request_store import event, make_request

    store = DynamoRequestStore(aws.dynamodb, TABLE)
    old = make_request("PRA-2025-00007", date(2025, 3, 4))
    store.add(old, event("received"), [])
    # As an item written by the release before: no log_key, no counter.
    aws.dynamodb.update_item(
        TableName=TABLE,
        Key={"pk": {"S": "REQ#PRA-2025-00007"}, "sk": {"S": "REQUEST"}},
        UpdateExpression="REMOVE log_key",
    )
    aws.dynamodb.delete_item(TableName=TABLE, Key={"pk": {"S": "COUNT"}, "sk": {"S": "received"}})
    assert store.log_page(None, None, 10).requests == [] and store.count() == 0
    assert store.rebuild_log() == 1
    assert store.log_page(None, None, 10).requests == [old] and store.count() == 1
    assert store.rebuild_log() == 1 and store.count() == 1  # safe to repeat
    assert store.search(["commission"], None, None, 10).requests == [old]


def test_reindex_puts_requests_stored_before_assignment_in_the_unassigned_log(aws: Aws) -> None:
    """A table from before log_by_assignee: its requests join the index once reindexed."""
    from datetime import date

    from pra.adapters.dynamodb_store import DynamoRequestStore
    from pra.ports import UNASSIGNED
    from tests.aws.resources import TABLE
    from tests.contract.test_request_store import event, make_request

    store = DynamoRequestStore(aws.dynamodb, TABLE)
    old = make_request("PRA-2025-00007", date(2025, 3, 4))
    store.add(old, event("received"), [])
    aws.dynamodb.update_item(
        TableName=TABLE,
        Key={"pk": {"S": "REQ#PRA-2025-00007"}, "sk": {"S": "REQUEST"}},
        UpdateExpression="REMOVE assignee_pk",
    )
    assert store.log_page(None, None, 10, UNASSIGNED).requests == []
    assert store.rebuild_log() == 1
    assert store.log_page(None, None, 10, UNASSIGNED).requests == [old]


def test_word_search_reads_only_the_word_index_and_the_matching_requests(aws: Aws) -> None:
    """The cost follows the matches: one range read per word, then the matching requests."""
    import dataclasses
    from datetime import date, timedelta

    from pra.adapters.dynamodb_store import DynamoRequestStore
    from tests.aws.resources import TABLE
    from tests.contract.test_request_store import event, make_request

    calls: list[tuple[str, dict[str, Any]]] = []

    class Counting:
        """The client, noting each read: queries (through their paginator) and batch gets."""

        def __getattr__(self, name: str) -> Any:
            method = getattr(aws.dynamodb, name)

            def counted(**arguments: Any) -> Any:
                calls.append((name, arguments))
                return method(**arguments)

            return counted if name in {"query", "batch_get_item", "scan"} else method

        def get_paginator(self, operation: str) -> Any:
            paginator = aws.dynamodb.get_paginator(operation)

            class Noted:
                def paginate(self, **arguments: Any) -> Any:
                    calls.append((operation, arguments))
                    return paginator.paginate(**arguments)

            return Noted()

    store = DynamoRequestStore(Counting(), TABLE)
    for n in range(1, 31):
        request = make_request(f"PRA-2026-{n:05d}", date(2026, 11, 2) + timedelta(days=n % 9))
        words = "Bookmobile budget" if n % 10 == 0 else "Minutes of the commission"
        submission = request.submission.model_copy(update={"description": words})
        store.add(dataclasses.replace(request, submission=submission), event("received"), [])
    calls.clear()
    found = store.search(["bookmob", "budget"], None, None, 10).requests
    assert [r.tracking_number for r in found] == [
        "PRA-2026-00010",
        "PRA-2026-00020",
        "PRA-2026-00030",
    ]
    assert [name for name, _ in calls] == ["query", "query", "batch_get_item"]
    assert all(
        a["ExpressionAttributeValues"][":pk"]["S"].startswith("WORD#")
        for n, a in calls
        if n == "query"
    )
    [(_, batch)] = [c for c in calls if c[0] == "batch_get_item"]
    assert len(batch["RequestItems"][TABLE]["Keys"]) == 3
