"""End to end on an AWS emulator: moto's server, the template's table and buckets, real HTTP."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from pra.aws import api, wiring
from tests.aws.conftest import AWS_ENV, COORDINATOR
from tests.aws.resources import (
    RECORDS_BUCKET,
    TABLE,
    Aws,
    clients,
    fake_credentials,
    provision,
    sent_emails,
)
from tests.services.test_privacy import PERSONAL

pytestmark = pytest.mark.e2e
MANIFEST = {"records": [{"title": "Library commission minutes, 2026", "file": "minutes.pdf"}]}


@dataclass
class Stack:
    url: str  # the app, over HTTP
    emulator: str  # moto's server
    aws: Aws


class _OneCallAtATime:
    """moto's server app, answering one AWS call at a time.

    moto's backends are not safe under threads (dictionaries change size mid-call and raise),
    while DynamoDB applies each call whole. One call at a time gives moto that atomicity and
    no more: the app's own threads still race each other between calls, as on AWS.
    """

    def __init__(self) -> None:
        self._app = DomainDispatcherApplication(create_backend_app)
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        with self._lock:
            return list(self._app(environ, start_response))


@pytest.fixture
def emulator() -> Iterator[str]:
    server = make_server(
        "127.0.0.1", 0, _OneCallAtATime(), threaded=True, request_handler=MotoRequestHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    # moto's state outlives a server in the same process: start each test from nothing.
    requests.post(f"{url}/moto-api/reset", timeout=20).raise_for_status()
    try:
        yield url
    finally:
        requests.post(f"{url}/moto-api/reset", timeout=20)
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def stack(emulator: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    with fake_credentials():
        aws = clients(endpoint_url=emulator)
        provision(aws)
        body = json.dumps(MANIFEST).encode()
        aws.s3.put_object(Bucket=RECORDS_BUCKET, Key="public/manifest.json", Body=body)
        http = make_server("127.0.0.1", 0, _LazyApp(), threaded=True)
        url = f"http://127.0.0.1:{http.server_port}"
        for name, value in {**AWS_ENV, "PRA_AWS_ENDPOINT_URL": emulator}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("PRA_PUBLIC_URL", url)
        wiring.reset()
        thread = threading.Thread(target=http.serve_forever, daemon=True)
        thread.start()
        try:
            yield Stack(url, emulator, aws)
        finally:
            http.shutdown()
            thread.join(timeout=10)
            wiring.reset()


class _LazyApp:
    """The app as the Lambda module builds it, made on the first request like a container."""

    def __init__(self) -> None:
        self._app: Any = None
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        with self._lock:
            if self._app is None:
                self._app = api.build_app()
        return self._app(environ, start_response)


def test_a_form_post_is_stored_in_dynamodb_and_mailed_by_ses(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    browser = requests.Session()
    response = browser.post(f"{stack.url}/api/requests", data=PERSONAL, timeout=20)
    assert response.status_code == 200 and response.url.endswith("/api/requests/confirmation")
    number = _field(response.text, "pra-tracking-number")
    code = _field(response.text, "pra-access-code")

    item = _request_item(stack.aws, number)
    assert item["status"] == {"S": "received"} and item["open_pk"] == {"S": "OPEN"}
    body = json.loads(item["body"]["S"])
    assert body["submission"]["email"] == PERSONAL["email"]
    assert item["due_key"]["S"] == f"{body['deadlines']['initial_response_due']}#{number}"
    emails = _email_items(stack.aws, number)
    assert sorted(e["kind"]["S"] for e in emails) == ["acknowledgement", "coordinator_notice"]
    assert all("sent_at" in e and "pending_pk" not in e for e in emails)

    ack, notice = _sent_by_ses(stack.emulator)
    assert ack["destinations"] == [PERSONAL["email"]] and code in ack["raw_data"]
    assert f"{stack.url}/status/#{number}:{code}" in ack["raw_data"]
    assert notice["destinations"] == [COORDINATOR] and number in notice["raw_data"]

    status = requests.post(
        f"{stack.url}/api/requests/{number}/status", json={"code": code}, timeout=20
    )
    assert (status.status_code, status.json()["status"]) == (200, "received")
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in caplog.text


def test_released_records_are_read_from_the_public_bucket(stack: Stack) -> None:
    manifest = requests.get(f"{stack.url}/api/records/manifest.json", timeout=20)
    assert (manifest.status_code, manifest.json()) == (200, MANIFEST)
    listed = stack.aws.s3.list_objects_v2(Bucket=RECORDS_BUCKET)["Contents"]
    assert [o["Key"] for o in listed] == ["public/manifest.json"]


CLIENTS, EACH, SWEEPS = 8, 25, 5


def test_a_burst_beside_sweeps_stores_each_request_and_sends_each_email_once(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.config import Config

    from pra.aws import clients, sweep

    # One call at a time, moto's server can keep a call waiting longer than the app's 10 s
    # read timeout near the end of the burst; botocore would then send it again, and a send
    # whose answer was lost goes twice (at-least-once, folded by its Message-ID). That is the
    # emulator's slowness, not our senders: here the app waits as long as it takes.
    made = clients._config
    monkeypatch.setattr(clients, "_config", lambda s: made(s).merge(Config(read_timeout=300)))
    wiring.reset()

    def submit(_: int) -> list[str]:
        with requests.Session() as session:
            answers = [
                session.post(f"{stack.url}/api/requests", json=PERSONAL, timeout=60)
                for _ in range(EACH)
            ]
        assert [a.status_code for a in answers] == [201] * EACH, [a.text for a in answers]
        return [a.json()["tracking_number"] for a in answers]

    def sweep_again_and_again() -> None:
        for _ in range(SWEEPS):
            sweep.handler({}, None)

    sweeper = threading.Thread(target=sweep_again_and_again)
    sweeper.start()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        acknowledged = [number for batch in pool.map(submit, range(CLIENTS)) for number in batch]
    sweeper.join(timeout=300)
    sweep.handler({}, None)  # what a crash or a lost claim left is sent now

    assert len(acknowledged) == len(set(acknowledged)) == CLIENTS * EACH
    stored = _scan(stack.aws, "REQ#", "REQUEST")
    assert sorted(item["pk"]["S"].removeprefix("REQ#") for item in stored) == sorted(acknowledged)
    emails = _scan(stack.aws, "EMAIL#", "EMAIL")
    assert all("sent_at" in e and "pending_pk" not in e for e in emails)
    # moto's server runs in this process: its SES backend is read directly, as the API's
    # own dump of every service grows too slow to read after a burst.
    sent = Counter(
        (re.findall(r"PRA-\d{4}-\d{5}", m["raw"])[0], m["destinations"][0]) for m in sent_emails()
    )
    wanted = {(n, to) for n in acknowledged for to in (PERSONAL["email"], COORDINATOR)}
    assert set(sent) == wanted
    assert [pair for pair, times in sent.items() if times > 1] == []


def _scan(aws: Aws, prefix: str, sort_key: str) -> list[dict[str, Any]]:
    pages = aws.dynamodb.get_paginator("scan").paginate(
        TableName=TABLE,
        FilterExpression="begins_with(pk, :prefix) AND sk = :sk",
        ExpressionAttributeValues={":prefix": {"S": prefix}, ":sk": {"S": sort_key}},
    )
    return [item for page in pages for item in page["Items"]]


def _field(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">([^<]+)<', page)
    assert found is not None, element_id
    return found.group(1)


def _request_item(aws: Aws, number: str) -> dict[str, Any]:
    key = {"pk": {"S": f"REQ#{number}"}, "sk": {"S": "REQUEST"}}
    item: dict[str, Any] = aws.dynamodb.get_item(TableName=TABLE, Key=key)["Item"]
    return item


def _email_items(aws: Aws, number: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = aws.dynamodb.scan(
        TableName=TABLE,
        FilterExpression="begins_with(pk, :email) AND tracking_number = :number",
        ExpressionAttributeValues={":email": {"S": "EMAIL#"}, ":number": {"S": number}},
    )["Items"]
    return found


def _sent_by_ses(emulator: str) -> list[dict[str, Any]]:
    """What moto's SES recorded, read the way any client of the server would."""
    data = requests.get(f"{emulator}/moto-api/data.json", timeout=20).json()
    sent: list[dict[str, Any]] = data["ses"]["RawMessage"]
    return sent
