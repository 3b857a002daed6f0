"""On AWS the scan is GuardDuty's: its tag on the object decides whether a file is usable."""

from __future__ import annotations

import io
from datetime import date

import pytest

from pra.adapters.guardduty import STATUS_TAG, GuardDutyScanResults
from pra.bootstrap import bootstrap_aws
from pra.config import Settings
from pra.domain.files import ScanState
from pra.domain.request import parse_submission
from pra.services.files import FileNotUsable, Upload, open_file, request_files, upload_files
from pra.services.submit import submit_request
from tests.aws.resources import FILES_BUCKET, Aws
from tests.conftest import VALID_REQUEST

KEY = "requests/PRA-2026-00001/files/0123456789abcdef/a.pdf"


def tag(aws: Aws, key: str, status: str) -> None:
    aws.s3.put_object_tagging(
        Bucket=FILES_BUCKET, Key=key, Tagging={"TagSet": [{"Key": STATUS_TAG, "Value": status}]}
    )


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (None, ScanState.PENDING),
        ("NO_THREATS_FOUND", ScanState.CLEAN),
        ("THREATS_FOUND", ScanState.INFECTED),
        ("UNSUPPORTED", ScanState.FAILED),
        ("FAILED", ScanState.FAILED),
    ],
)
def test_the_scan_result_tag_is_the_verdict(aws: Aws, status: str | None, state: ScanState) -> None:
    aws.s3.put_object(Bucket=FILES_BUCKET, Key=KEY, Body=b"%PDF-1.7\n")
    if status:
        tag(aws, KEY, status)
    assert GuardDutyScanResults(aws.s3, FILES_BUCKET).scan(KEY).state is state


def test_an_upload_on_aws_waits_for_guardduty_before_anyone_can_use_it(
    aws: Aws, aws_settings: Settings
) -> None:
    services = bootstrap_aws(aws_settings)
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    (pdf,) = upload_files(
        services, number, [Upload(io.BytesIO(b"%PDF-1.7\n"), "a.pdf")], "ana@library.example"
    )
    assert pdf.scan.state is ScanState.PENDING
    with pytest.raises(FileNotUsable, match="is still being scanned for malware"):
        open_file(services, number, pdf.id, "ana@library.example")
    tag(aws, pdf.key, "NO_THREATS_FOUND")
    (listed,) = request_files(services, number)
    assert listed.scan.state is ScanState.CLEAN
    opened = open_file(services, number, pdf.id, "ana@library.example")
    assert opened is not None and opened[1].read() == b"%PDF-1.7\n"


def test_on_aws_a_delivered_file_is_a_redirect_to_a_short_presigned_get(
    aws: Aws, aws_settings: Settings
) -> None:
    import requests

    from pra.domain.request import DeliveryMethod
    from pra.services.deliver import DeliveryOrder, deliver_records
    from pra.services.links import link_url
    from pra.services.respond import Response, send_response
    from pra.web import create_app
    from tests.services.test_respond import COORDINATOR

    services = bootstrap_aws(aws_settings)
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    (pdf,) = upload_files(services, number, [Upload(io.BytesIO(b"%PDF-1.7\n"), "a.pdf")], "ana")
    tag(aws, pdf.key, "NO_THREATS_FOUND")
    released = Response("released", available_on=date(2026, 12, 31), available_at="10:00")
    send_response(services, number, COORDINATOR, released)
    deliver_records(services, number, COORDINATOR, DeliveryOrder(DeliveryMethod.LINK, (pdf.id,)))
    client = create_app(services=services).test_client()
    path = link_url(services, number, pdf.id).removeprefix(aws_settings.public_url)
    answer = client.get(path)
    assert answer.status_code == 303
    assert "X-Amz-Expires=300" in answer.location
    fetched = requests.get(answer.location, timeout=10)
    assert fetched.content == b"%PDF-1.7\n"
    assert fetched.headers["Content-Disposition"] == 'attachment; filename="a.pdf"'


def test_on_aws_public_files_are_published_to_the_records_bucket(
    aws: Aws, aws_settings: Settings
) -> None:
    import json

    from pra.domain.files import Visibility
    from pra.domain.request import DeliveryMethod
    from pra.services.deliver import DeliveryOrder, deliver_records
    from pra.services.library import unpublish
    from pra.services.manifest import MANIFEST_KEY
    from pra.services.respond import Response, send_response
    from tests.aws.resources import RECORDS_BUCKET
    from tests.files.conftest import PDF
    from tests.services.test_respond import COORDINATOR

    services = bootstrap_aws(aws_settings)
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    upload = Upload(io.BytesIO(PDF), "minutes.pdf", "Minutes", Visibility.PUBLIC)
    (pdf,) = upload_files(services, number, [upload], "ana")
    tag(aws, pdf.key, "NO_THREATS_FOUND")
    released = Response("released", available_on=date(2026, 12, 31), available_at="10:00")
    send_response(services, number, COORDINATOR, released)
    order = DeliveryOrder(DeliveryMethod.LINK, (pdf.id,), record_title="Minutes, 2025")
    deliver_records(services, number, COORDINATOR, order)
    index = json.loads(aws.s3.get_object(Bucket=RECORDS_BUCKET, Key=MANIFEST_KEY)["Body"].read())
    (record,) = index["records"]
    key = f"public/records/{record['id']}/minutes.pdf"
    assert aws.s3.get_object(Bucket=RECORDS_BUCKET, Key=key)["Body"].read() == PDF
    assert record["files"][0]["url"] == f"https://records.library.example/{key}"
    unpublish(services, record["id"], "Wrong file", COORDINATOR.email)
    listed = aws.s3.list_objects_v2(Bucket=RECORDS_BUCKET, Prefix="public/records/")
    assert listed.get("Contents", []) == []
    index = json.loads(aws.s3.get_object(Bucket=RECORDS_BUCKET, Key=MANIFEST_KEY)["Body"].read())
    assert index == {"years": [], "records": []}


def test_publishing_from_the_command_line_on_aws_waits_for_guardduty(
    aws: Aws, aws_settings: Settings
) -> None:
    import dataclasses
    import threading
    import time

    from pra.services.library import PublishRefused, publish_uploads
    from pra.services.records_kept import library
    from tests.files.conftest import PDF

    def guardduty() -> None:
        """Tags the staged file a moment after it lands, as GuardDuty does."""
        for _ in range(50):
            listed = aws.s3.list_objects_v2(Bucket=FILES_BUCKET, Prefix="requests/library/files/")
            for item in listed.get("Contents", []):
                tag(aws, item["Key"], "NO_THREATS_FOUND")
                return
            time.sleep(0.1)

    patient = bootstrap_aws(dataclasses.replace(aws_settings, scan_wait_seconds=10))
    scanner = threading.Thread(target=guardduty)
    scanner.start()
    record = publish_uploads(
        patient,
        [Upload(io.BytesIO(PDF), "minutes.pdf")],
        title="Minutes",
        description="",
        actor="a",
    )
    scanner.join()
    assert [r.id for r in library(patient)] == [record.id]
    impatient = bootstrap_aws(dataclasses.replace(aws_settings, scan_wait_seconds=0))
    with pytest.raises(PublishRefused, match=r"has not been scanned clean \(pending\)"):
        publish_uploads(
            impatient, [Upload(io.BytesIO(PDF), "b.pdf")], title="B", description="", actor="a"
        )
    left = aws.s3.list_objects_v2(Bucket=FILES_BUCKET, Prefix="requests/library/")
    assert [o["Key"] for o in left.get("Contents", [])] == []
