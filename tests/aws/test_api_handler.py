"""The Lambda handler, given recorded HTTP API (payload v2) events, answers as Flask does."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from flask.testing import FlaskClient

from pra.aws import api, wiring
from tests.aws.resources import RECORDS_BUCKET, Aws

EVENTS = Path(__file__).parent / "events"
MANIFEST = {"records": [{"title": "Commission minutes, March 2026", "file": "minutes.pdf"}]}


def recorded(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EVENTS / f"http_api_v2_{name}.json").read_text())
    return loaded


def body_of(event: dict[str, Any]) -> bytes:
    raw = event.get("body") or ""
    return base64.b64decode(raw) if event["isBase64Encoded"] else raw.encode()


def through_test_client(client: FlaskClient, event: dict[str, Any]) -> dict[str, Any]:
    """The same request through Flask's test client, shaped like a Lambda answer."""
    response = client.open(
        event["rawPath"],
        method=event["requestContext"]["http"]["method"],
        headers=event["headers"],
        data=body_of(event),
        query_string=event["rawQueryString"],
    )
    return {
        "statusCode": response.status_code,
        "content-type": response.headers["Content-Type"],
        "body": response.get_data(),
    }


def through_lambda(event: dict[str, Any]) -> dict[str, Any]:
    answer = api.handler(event, None)
    body = answer["body"]
    return {
        "statusCode": answer["statusCode"],
        "content-type": answer["headers"]["content-type"],
        "body": base64.b64decode(body) if answer["isBase64Encoded"] else body.encode(),
    }


@pytest.fixture
def client(aws_env: dict[str, str]) -> FlaskClient:
    return api.build_app().test_client()


@pytest.mark.parametrize("name", ["invalid_form", "status_unknown", "manifest"])
def test_a_recorded_event_gets_the_test_clients_response(
    name: str, client: FlaskClient, aws: Aws
) -> None:
    aws.s3.put_object(
        Bucket=RECORDS_BUCKET, Key="public/manifest.json", Body=json.dumps(MANIFEST).encode()
    )
    event = recorded(name)
    assert same_key(through_lambda(event)) == same_key(through_test_client(client, event))


def same_key(answer: dict[str, Any]) -> dict[str, Any]:
    """The form shown again carries a fresh idempotency key each time: compare the rest."""
    body = re.sub(
        rb'name="idempotency_key" value="[^"]+"', b'name="idempotency_key"', answer["body"]
    )
    return {**answer, "body": body}


def test_the_recorded_events_are_what_they_claim(client: FlaskClient) -> None:
    assert through_lambda(recorded("invalid_form"))["statusCode"] == 400
    assert through_lambda(recorded("status_unknown"))["statusCode"] == 404
    assert json.loads(through_lambda(recorded("manifest"))["body"]) == {"years": [], "records": []}


def test_an_answer_names_api_gateways_request_id(aws_env: dict[str, str]) -> None:
    # The same id as the HTTP API's access log, so a reported problem finds both.
    event = recorded("manifest")
    answer = api.handler(event, None)
    assert answer["headers"]["x-request-id"] == event["requestContext"]["requestId"]


def test_a_form_post_through_lambda_stores_the_request_and_redirects(
    client: FlaskClient, aws: Aws
) -> None:
    event = recorded("submit_form")
    answer = api.handler(event, None)
    assert answer["statusCode"] == 303
    assert answer["headers"]["location"] == "/api/requests/confirmation"
    [cookie] = answer["cookies"]
    assert cookie.startswith("session=") and "HttpOnly" in cookie and "Secure" in cookie

    page = api.handler(confirmation_event(event, cookie.split(";")[0]), None)
    assert page["statusCode"] == 200
    stored = wiring.services().store.requests()
    assert [r.submission.description for r in stored] == [
        parse_qs(body_of(event).decode())["description"][0]
    ]
    assert stored[0].tracking_number in page["body"]
    assert not page["isBase64Encoded"], "text answers travel as text"


def test_the_app_is_built_once_per_container(aws_env: dict[str, str]) -> None:
    api.handler(recorded("manifest"), None)
    first = api._container_handler()
    api.handler(recorded("manifest"), None)
    assert api._container_handler() is first


def confirmation_event(post: dict[str, Any], cookie: str) -> dict[str, Any]:
    """The browser following the redirect: a GET with the session cookie."""
    event = json.loads(json.dumps(post))
    event.update(rawPath="/api/requests/confirmation", cookies=[cookie], isBase64Encoded=False)
    event["requestContext"]["http"].update(method="GET", path="/api/requests/confirmation")
    event.pop("body")
    for header in ("content-type", "content-length"):
        event["headers"].pop(header)
    return event


def test_a_container_makes_only_the_clients_its_events_call(
    aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3.session

    made: list[str] = []
    make = boto3.session.Session.client

    def recording(session: Any, service: str, *args: Any, **kwargs: Any) -> Any:
        made.append(service)
        return make(session, service, *args, **kwargs)

    monkeypatch.setattr(boto3.session.Session, "client", recording)
    health = recorded("manifest")
    health["rawPath"] = health["requestContext"]["http"]["path"] = "/api/health"
    assert api.handler(health, None)["statusCode"] == 200
    # The app is built with its signing key (SSM, read once) and no other client: each costs
    # its service's model.
    assert made == ["ssm"]
    assert api.handler(recorded("status_unknown"), None)["statusCode"] == 404
    assert made == ["ssm", "dynamodb"]
    api.handler(recorded("manifest"), None)
    api.handler(recorded("status_unknown"), None)
    assert made == ["ssm", "dynamodb", "s3"]  # each made once, then kept


def test_a_snapshot_holds_the_app_and_every_client(aws_env: dict[str, str]) -> None:
    from pra.aws.clients import SERVICES, aws_client

    aws_client.cache_clear()
    api.build_for_snapshot()
    # Every client, and the one the signing key was read with.
    assert aws_client.cache_info().currsize == len(SERVICES) + 1 == 4
    handler = api._container_handler()
    assert api.handler(recorded("status_unknown"), None)["statusCode"] == 404
    assert api._container_handler() is handler and aws_client.cache_info().currsize == 4
