"""The API's contract (functions/pra/web/public/openapi.json): valid OpenAPI 3.1, the same
routes as the app in both directions, and the JSON the app answers fits it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from pra.services import Services
from tests.conftest import VALID_REQUEST

SPEC: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "functions/pra/web/public/openapi.json").read_text()
)
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def test_the_document_is_valid_openapi_3_1() -> None:
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


# The staff addresses that answer data rather than pages: the desk's script and exports use
# them. A new .csv or .json staff address fails the test below until it is documented.
STAFF_DATA = {
    ("/staff/requests.csv", "get"),
    ("/staff/requests/{tracking_number}/files/direct-form", "get"),
    ("/staff/requests/{tracking_number}/files/arrived/{token}", "get"),
}


def test_every_api_route_is_documented_and_every_documented_one_exists(app: Flask) -> None:
    every = {
        (re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - IGNORED_METHODS
    }
    routes = {(path, method) for path, method in every if path.startswith("/api/")}
    data = {(path, method) for path, method in every if path.endswith((".csv", ".json"))}
    routes |= STAFF_DATA
    documented = {(path, method) for path, item in SPEC["paths"].items() for method in item}
    assert routes - documented == set(), "routes missing from openapi.json"
    assert documented - every == set(), "documented routes the app does not have"
    assert data - documented == set(), "data routes missing from openapi.json"


def test_staff_addresses_need_the_staff_session_and_public_ones_do_not() -> None:
    for path, item in SPEC["paths"].items():
        for operation in item.values():
            wanted = [{"staffSession": []}] if path.startswith("/staff/") else None
            assert operation.get("security") == wanted, path


def test_the_app_serves_the_document(client: FlaskClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.get_json() == SPEC


def fits(response: Any, path: str, method: str = "post") -> None:
    """The response's JSON fits what the document says of its status."""
    answer = SPEC["paths"][path][method]["responses"][str(response.status_code)]
    schema = answer["content"]["application/json"]["schema"]
    jsonschema.validate(response.get_json(), {**schema, "components": SPEC["components"]})


def test_the_json_answers_fit_the_document(client: FlaskClient, services: Services) -> None:
    fits(client.get("/api/health"), "/api/health", "get")
    key = {"Idempotency-Key": "0123456789abcdef0123"}
    first = client.post("/api/requests", json=VALID_REQUEST, headers=key)
    fits(first, "/api/requests")
    fits(client.post("/api/requests", json=VALID_REQUEST, headers=key), "/api/requests")
    fits(client.post("/api/requests", json={"description": "short"}), "/api/requests")
    number, code = first.get_json()["tracking_number"], first.get_json()["access_code"]
    status = f"/api/requests/{number}/status"
    fits(client.post(status, json={"code": code}), "/api/requests/{tracking_number}/status")
    fits(client.post(status, json={"code": "WRONG"}), "/api/requests/{tracking_number}/status")
    fits(client.get("/api/records/manifest.json"), "/api/records/manifest.json", "get")
    reply = f"/api/requests/{number}/clarification"
    path = "/api/requests/{tracking_number}/clarification"
    fits(client.post(reply, json={"code": "WRONG", "answer": "x"}), path)
    fits(client.post(reply, json={"code": code, "answer": "March only"}), path)  # 409
    withdrawal = f"/api/requests/{number}/withdrawal"
    fits(client.post(withdrawal, json={"code": code}), "/api/requests/{tracking_number}/withdrawal")


@pytest.mark.parametrize("broken", [{"answer": None}, {"status": "x"}])
def test_a_response_that_breaks_the_contract_is_caught(broken: dict[str, Any]) -> None:
    class Answer:
        status_code = 201

        @staticmethod
        def get_json() -> dict[str, Any]:
            return {"tracking_number": 42, **broken}

    with pytest.raises(jsonschema.ValidationError):
        fits(Answer(), "/api/requests/{tracking_number}/appeal")
