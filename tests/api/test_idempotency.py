"""The same submission sent twice (a retry after a lost answer, a double click) is stored
once: its Idempotency-Key (header or form field) returns the first answer, code withheld."""

from __future__ import annotations

import re
import threading

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pra.services import Services
from tests.conftest import VALID_REQUEST

KEY = "9f1c2e7a-4b7d-4c55-9a43-1d2e3f4a5b6c"


def test_a_repeated_key_answers_the_first_request_and_stores_nothing(
    client: FlaskClient, services: Services, outbox
) -> None:
    first = client.post("/api/requests", json=VALID_REQUEST, headers={"Idempotency-Key": KEY})
    again = client.post("/api/requests", json=VALID_REQUEST, headers={"Idempotency-Key": KEY})
    assert (first.status_code, again.status_code) == (201, 200)
    one, two = first.get_json(), again.get_json()
    assert two["tracking_number"] == one["tracking_number"] == "PRA-2026-00001"
    assert (two["received_at"], two["initial_response_due"]) == (
        one["received_at"],
        one["initial_response_due"],
    )
    assert two["access_code"] is None and two["repeated"] is True
    assert one["access_code"] not in again.get_data(as_text=True)
    assert [r.tracking_number for r in services.store.requests()] == ["PRA-2026-00001"]
    assert len(outbox()) == 2  # the acknowledgement and the coordinator's notice, once


def test_another_key_is_another_request(client: FlaskClient, services: Services) -> None:
    for key in (KEY, KEY.replace("9f", "8e")):
        client.post("/api/requests", json=VALID_REQUEST, headers={"Idempotency-Key": key})
    assert len(services.store.requests()) == 2


def test_the_same_key_at_the_same_instant_stores_one_request(
    app: Flask, services: Services
) -> None:
    answers: list[int] = []
    start = threading.Barrier(8)

    def post() -> None:
        client = app.test_client()
        start.wait()
        response = client.post(
            "/api/requests", json=VALID_REQUEST, headers={"Idempotency-Key": KEY}
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200] * 7 + [201]
    assert len(services.store.requests()) == 1


def test_a_form_sent_twice_shows_the_received_page_the_second_time(
    client: FlaskClient, services: Services
) -> None:
    form = {**VALID_REQUEST, "idempotency_key": KEY}
    client.post("/api/requests", data=form)
    client.get("/api/requests/confirmation")
    again = client.post("/api/requests", data=form)
    assert again.status_code == 303
    page = client.get("/api/requests/confirmation").get_data(as_text=True)
    assert "Request PRA-2026-00001 was received" in page
    assert len(services.store.requests()) == 1


def test_the_form_shown_again_with_errors_carries_a_key(client: FlaskClient) -> None:
    page = client.post("/api/requests", data={**VALID_REQUEST, "description": "short"})
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.get_data(as_text=True))
    assert page.status_code == 400 and key is not None and len(key.group(1)) >= 16
    kept = client.post(
        "/api/requests", data={**VALID_REQUEST, "description": "short", "idempotency_key": KEY}
    )
    assert f'name="idempotency_key" value="{KEY}"' in kept.get_data(as_text=True)


@pytest.mark.parametrize("key", ["short", "has spaces in it here", "x" * 101, "ключ" * 5])
def test_a_malformed_key_is_refused_and_nothing_stored(
    client: FlaskClient, services: Services, key: str
) -> None:
    response = client.post("/api/requests", json={**VALID_REQUEST, "idempotency_key": key})
    assert response.status_code == 400
    assert "Idempotency-Key must be" in response.get_json()["message"]
    assert services.store.requests() == []
