"""The sweep's Lambda handler runs the daily sweep on DynamoDB and SES."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest

from pra.aws import sweep, wiring
from pra.ports import QueuedEmail
from tests.aws.conftest import DIRECTOR
from tests.aws.resources import FROM_ADDRESS, ses_received
from tests.contract.test_request_store import event, make_request


def test_the_sweep_retries_email_and_escalates_an_overdue_request(
    aws_env: dict[str, str],
) -> None:
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    store.add(make_request("PRA-2026-00001", today - timedelta(days=40)), event("received"), [])
    store.queue_email(retry("PRA-2026-00001"))

    report = sweep.handler({"source": "aws.scheduler"}, None)
    assert (report["escalations"], report["emails_pending"]) == (1, 0)
    sent = {message["Subject"]: message for message in ses_received()}
    assert report["emails_sent"] == len(sent)
    assert "Retried: PRA-2026-00001" in sent
    [escalation] = [
        m for subject, m in sent.items() if subject.startswith("Overdue: PRA-2026-00001")
    ]
    assert escalation["To"] == DIRECTOR
    assert [e.action for e in store.history("PRA-2026-00001")][-1] == "deadline_escalation"
    assert store.pending_emails() == []


def test_a_second_run_the_same_day_sends_nothing_new(aws_env: dict[str, str]) -> None:
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    store.add(make_request("PRA-2026-00001", today - timedelta(days=40)), event("received"), [])
    sweep.handler({}, None)
    sent = len(ses_received())
    again = sweep.handler({}, None)
    assert (again["emails_sent"], again["escalations"]) == (0, 0)
    assert len(ses_received()) == sent


def retry(number: str) -> QueuedEmail:
    message = EmailMessage()
    message["Subject"], message["From"] = f"Retried: {number}", FROM_ADDRESS
    message["To"] = "coordinator@library.example"
    message.set_content("kept for retry\n")
    return QueuedEmail("retry-1", number, "coordinator_notice", message.as_bytes(), attempts=1)


def test_the_sweep_erases_contacts_past_the_retention_period(
    aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pra.domain.lifecycle import Status

    monkeypatch.setenv("PRA_CONTACT_RETENTION_DAYS", "30")
    wiring.reset()
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    old = make_request("PRA-2026-00001", today - timedelta(days=40), Status.NO_RECORDS)
    recent = make_request("PRA-2026-00002", today - timedelta(days=10), Status.NO_RECORDS)
    for request in (old, recent):
        store.add(request, event("received"), [])
    assert sweep.handler({}, None)["contacts_erased"] == 1
    assert store.get("PRA-2026-00001").submission.email is None  # type: ignore[union-attr]
    assert store.get("PRA-2026-00002").submission.email == "someone@example.org"  # type: ignore[union-attr]


def test_the_sweep_publishes_the_figures_the_alarms_watch(
    aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3

    monkeypatch.setenv("PRA_METRICS_NAMESPACE", "PRA/pra-test")
    wiring.reset()
    store = wiring.services().store
    stuck = EmailMessage()
    stuck["Subject"], stuck["From"], stuck["To"] = "Stuck", FROM_ADDRESS, "x@example.org"
    written = datetime.now(ZoneInfo("UTC")) - timedelta(hours=3)
    stuck["Date"] = written.strftime("%a, %d %b %Y %H:%M:%S -0000")
    stuck.set_content("waits for its retry")
    store.queue_email(QueuedEmail("stuck", "PRA-2026-00001", "acknowledgement", stuck.as_bytes()))
    # It failed a minute ago and is not due again for an hour: the sweep leaves it waiting.
    now = datetime.now(ZoneInfo("UTC"))
    assert store.claim_email("stuck", "c1", now, now + timedelta(minutes=10))
    assert store.mark_email_failed("stuck", "c1", now, now + timedelta(hours=1))
    store.queue_email(retry("PRA-2026-00002"))
    report = sweep.handler({}, None)
    cloudwatch = boto3.client("cloudwatch", region_name="us-east-1")
    names = {m["MetricName"] for m in cloudwatch.list_metrics(Namespace="PRA/pra-test")["Metrics"]}
    assert names == {"SweepCompleted", "EmailsPending", "OldestPendingEmailMinutes"}
    assert report["emails_pending"] == 1
    assert 179 <= report["oldest_pending_minutes"] <= 181


def test_the_sweep_publishes_the_open_data_the_api_sends_readers_to(
    aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv
    import io

    import boto3

    from pra.web import create_app
    from tests.aws.resources import RECORDS_BUCKET

    monkeypatch.setenv("PRA_OPEN_DATA_FILES", "true")  # as the template sets it
    wiring.reset()
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    store.reserve_tracking_sequences(today.year, 205)  # more than one batch of 200
    received = today - timedelta(days=2)
    store.add_many(
        [
            (make_request(f"PRA-{today.year}-{n:05d}", received), [event("received")])
            for n in range(1, 206)
        ]
    )
    assert sweep.handler({}, None)["open_data"] == 205
    s3 = boto3.client("s3", region_name="us-east-1")
    published = s3.get_object(Bucket=RECORDS_BUCKET, Key="public/open-data/requests.csv")
    assert published["ContentType"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(published["Body"].read().decode())))
    assert len(rows) == 205 and rows[0]["tracking_number"] == f"PRA-{today.year}-00205"
    json_copy = s3.get_object(Bucket=RECORDS_BUCKET, Key="public/open-data/requests.json")
    assert b'"licence"' in json_copy["Body"].read()
    client = create_app(services=wiring.services()).test_client()
    answer = client.get("/api/open-data/requests.csv")
    assert (answer.status_code, answer.headers["Location"]) == (
        302,
        "/public/open-data/requests.csv",
    )
