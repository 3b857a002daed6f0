"""Per-client limits: a flood from one address is answered 429 with Retry-After and words
for a person, stores nothing, and leaves other addresses alone."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pra.config import RATE_LIMITS, Settings, SettingsError
from pra.services import Services
from pra.web import create_app
from tests.conftest import VALID_REQUEST


@pytest.fixture
def limited(services: Services) -> Flask:
    return create_app(
        services=dataclasses.replace(
            services, settings=dataclasses.replace(services.settings, rate_limits=RATE_LIMITS)
        )
    )


def from_address(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_the_sixth_submission_in_a_minute_is_refused_and_stores_nothing(
    limited: Flask, services: Services
) -> None:
    client = from_address(limited, "203.0.113.7")
    answers = [client.post("/api/requests", json=VALID_REQUEST) for _ in range(6)]
    assert [a.status_code for a in answers] == [201] * 5 + [429]
    refused = answers[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["error"] == "too_many_requests"
    assert "Wait a minute and send it again" in refused.get_json()["message"]
    assert len(services.store.requests()) == 5
    other = from_address(limited, "198.51.100.4")
    assert other.post("/api/requests", json=VALID_REQUEST).status_code == 201


def test_a_refused_form_gets_a_page_in_its_language(limited: Flask) -> None:
    client = from_address(limited, "203.0.113.8")
    for _ in range(5):
        client.post("/api/requests", data={**VALID_REQUEST, "language": "es"})
    page = client.post(
        "/api/requests",
        data={**VALID_REQUEST, "language": "es"},
        headers={"Referer": "https://records.library.example/es/request/"},
    )
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "Espere un minuto" in page.get_data(as_text=True)


def test_wrong_access_codes_are_slowed_per_address(limited: Flask) -> None:
    client = from_address(limited, "203.0.113.9")
    codes = [
        client.post("/api/requests/PRA-2026-00001/status", json={"code": f"WRONG{n}"}).status_code
        for n in range(25)
    ]
    assert codes[:20] == [404] * 20 and set(codes[20:]) == {429}


def test_sign_in_attempts_are_limited_per_address(limited: Flask) -> None:
    client = from_address(limited, "203.0.113.10")
    codes = [
        client.post(
            "/staff/sign-in", data={"email": "x@library.example", "password": "p"}
        ).status_code
        for _ in range(11)
    ]
    assert codes[-1] == 429 and 429 not in codes[:10]


def test_reading_pages_is_never_limited(limited: Flask) -> None:
    client = from_address(limited, "203.0.113.11")
    assert {client.get("/api/health").status_code for _ in range(50)} == {200}


def test_limits_are_set_per_group_and_refused_when_unreadable() -> None:
    chosen = Settings.from_env({"PRA_RATE_LIMIT_SUBMISSIONS": "2 per minute"})
    assert dict(chosen.rate_limits)["submissions"] == "2 per minute"
    assert dict(chosen.rate_limits)["status"] == dict(RATE_LIMITS)["status"]
    assert Settings.from_env({"PRA_RATE_LIMITS": "off"}).rate_limits == ()
    with pytest.raises(SettingsError, match="PRA_RATE_LIMIT_STATUS must be limits such as"):
        Settings.from_env({"PRA_RATE_LIMIT_STATUS": "lots"})
