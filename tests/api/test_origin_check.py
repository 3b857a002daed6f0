"""On AWS only CloudFront's requests are answered (PRA_ORIGIN_VERIFY); `pra serve` checks none."""

from __future__ import annotations

import dataclasses

import pytest

from pra.services import Services
from pra.web import create_app
from tests.conftest import VALID_REQUEST

SECRET = "6f1d2c3a-1b2c-11ef-9e2a-0a1b2c3d4e5f"


@pytest.fixture
def behind_cloudfront(services: Services):  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(services.settings, origin_verify=SECRET)
    return create_app(services=dataclasses.replace(services, settings=settings)).test_client()


@pytest.mark.parametrize("sent", [None, "", "wrong", SECRET[:-1]])
def test_a_request_that_did_not_come_through_cloudfront_is_refused(
    behind_cloudfront, services: Services, sent: str | None
) -> None:
    headers = {} if sent is None else {"X-Origin-Verify": sent}
    for path in ("/api/health", "/staff/sign-in"):
        refused = behind_cloudfront.get(path, headers=headers)
        assert refused.status_code == 403
        assert refused.get_data(as_text=True) == "Use the portal's own address.\n"
    posted = behind_cloudfront.post("/api/requests", json=VALID_REQUEST, headers=headers)
    assert posted.status_code == 403 and services.store.count() == 0


def test_cloudfronts_requests_are_answered(behind_cloudfront) -> None:
    headers = {"X-Origin-Verify": SECRET}
    assert behind_cloudfront.get("/api/health", headers=headers).status_code == 200
    made = behind_cloudfront.post("/api/requests", json=VALID_REQUEST, headers=headers)
    assert made.status_code == 201


def test_without_the_setting_nothing_is_checked(client) -> None:
    assert client.get("/api/health").status_code == 200
