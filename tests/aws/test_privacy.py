"""Policy 4005 on Lambda: no requester data in any log line the three handlers write."""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import urlencode

import pytest

from pra.aws import api, bounces, sweep
from tests.aws.test_api_handler import recorded
from tests.aws.test_bounces import bounce_to, sns_event
from tests.services.test_privacy import PERSONAL


def form_event() -> dict[str, object]:
    event = recorded("submit_form")
    body = urlencode(PERSONAL).encode()
    event.update(body=base64.b64encode(body).decode(), isBase64Encoded=True)
    event["headers"]["content-length"] = str(len(body))
    return event


def json_event() -> dict[str, object]:
    event = recorded("submit_form")
    event.update(body=json.dumps(PERSONAL), isBase64Encoded=False)
    event["headers"].update({"content-type": "application/json", "accept": "application/json"})
    return event


def test_the_handlers_log_no_requester_data(
    aws_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    # As on Lambda: the template's ApplicationLogLevel (INFO); our own loggers at DEBUG.
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="pra")
    assert api.handler(form_event(), None)["statusCode"] == 303
    answer = api.handler(json_event(), None)
    assert answer["statusCode"] == 201
    number = json.loads(answer["body"])["tracking_number"]
    sweep.handler({}, None)
    feedback = json.loads(sns_event()["Records"][0]["Sns"]["Message"])
    feedback["mail"]["tags"]["tracking_number"] = [number]
    feedback["bounce"] = bounce_to(PERSONAL["email"])
    bounced = sns_event(mail=feedback["mail"], bounce=feedback["bounce"])
    assert bounces.handler(bounced, None) == {"reports": 1, "recorded": 1}

    assert number in caplog.text, "the log should say what happened, by number"
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in caplog.text
    assert "Quillfeather" not in caplog.text and "quillfeather" not in caplog.text
