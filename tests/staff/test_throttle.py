"""Repeated failed sign-ins slow down, the same way for known and unknown emails, per account
and client and per client: a guesser never locks a colleague out from another computer."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.domain.throttle import CLIENT_THRESHOLD, Failures
from pra.ports import StaffAccount
from pra.services import Services
from pra.web import create_app
from pra.web.viewer_address import viewer_address
from tests.conftest import PACIFIC
from tests.staff.conftest import EMAILS, PASSWORD, sign_in

T0 = datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC)
LOCKED = "Too many failed sign-ins. Wait 1 minute, then try again."


def failures(count: int, minutes_ago: float = 0) -> Failures:
    return Failures(count, T0 - timedelta(minutes=minutes_ago))


@pytest.mark.parametrize(
    ("count", "lock"),
    [(0, 0), (4, 0), (5, 1), (6, 2), (7, 4), (10, 32), (11, 60), (40, 60), (10_000, 60)],
)
def test_the_lock_doubles_from_the_fifth_failure_up_to_an_hour(count: int, lock: int) -> None:
    assert failures(count).lock() == timedelta(minutes=lock)


def test_a_failure_soon_after_the_last_counts_on() -> None:
    assert failures(3, minutes_ago=14).after_failure(T0) == Failures(4, T0)


def test_a_failure_long_after_the_last_starts_the_count_again() -> None:
    assert failures(3, minutes_ago=16).after_failure(T0) == Failures(1, T0)


def test_the_window_runs_from_the_end_of_a_lock() -> None:
    # Locked 16 minutes at the 9th failure: a failure 30 minutes later still counts on.
    assert failures(9, minutes_ago=30).after_failure(T0) == Failures(10, T0)
    assert failures(9, minutes_ago=32).after_failure(T0) == Failures(1, T0)


def test_the_wait_is_what_is_left_of_the_lock() -> None:
    assert failures(6, minutes_ago=0.5).wait(T0) == timedelta(minutes=1, seconds=30)
    assert failures(6, minutes_ago=3).wait(T0) == timedelta(0)
    assert Failures().wait(T0) == timedelta(0)


def fail(client: FlaskClient, email: str, times: int) -> list[int]:
    return [sign_in(client, email, "wrong password!").status_code for _ in range(times)]


def from_address(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.mark.parametrize(
    "email", [EMAILS["coordinator"], "nobody@library.example"], ids=["known", "unknown"]
)
def test_the_fifth_failure_locks_for_a_minute(
    client: FlaskClient, accounts: dict[str, StaffAccount], email: str
) -> None:
    assert fail(client, email, 4) == [401] * 4
    fifth = sign_in(client, email, "wrong password!")
    assert fifth.status_code == 429
    assert fifth.headers["Retry-After"] == "60"
    assert LOCKED in fifth.get_data(as_text=True)


def test_a_locked_account_refuses_even_the_right_password(
    client: FlaskClient, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    fail(client, EMAILS["coordinator"], 5)
    clock.advance(seconds=59)
    refused = sign_in(client, EMAILS["coordinator"], PASSWORD)
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")
    assert client.get("/staff/").status_code == 303


def test_after_the_lock_the_right_password_works_and_clears_the_count(
    app: Flask, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    client = from_address(app, "192.0.2.1")
    fail(client, EMAILS["coordinator"], 5)
    clock.advance(minutes=1)
    assert sign_in(client, EMAILS["coordinator"], PASSWORD).status_code == 303
    again = from_address(app, "192.0.2.1")  # the same computer, signed out
    assert fail(again, EMAILS["coordinator"], 4) == [401] * 4  # counting from zero again


def test_each_failure_after_a_lock_doubles_the_next(
    client: FlaskClient, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    fail(client, EMAILS["coordinator"], 5)
    clock.advance(minutes=1)
    sixth = sign_in(client, EMAILS["coordinator"], "wrong again!!")
    assert (sixth.status_code, sixth.headers["Retry-After"]) == (429, "120")
    assert "Wait 2 minutes" in sixth.get_data(as_text=True)


def test_a_guesser_cannot_lock_a_colleague_out_from_another_computer(
    app: Flask, accounts: dict[str, StaffAccount]
) -> None:
    guesser = from_address(app, "198.51.100.66")
    assert fail(guesser, EMAILS["coordinator"], 6)[-1] == 429
    assert sign_in(guesser, EMAILS["coordinator"], PASSWORD).status_code == 429
    desk = from_address(app, "192.0.2.10")
    assert sign_in(desk, EMAILS["coordinator"], PASSWORD).status_code == 303


def test_a_client_guessing_across_accounts_is_locked_whatever_the_account(
    app: Flask, accounts: dict[str, StaffAccount]
) -> None:
    guesser = from_address(app, "198.51.100.67")
    tries = [
        sign_in(guesser, f"guess{n}@library.example", "wrong password!").status_code
        for n in range(CLIENT_THRESHOLD)
    ]
    assert tries[: CLIENT_THRESHOLD - 1] == [401] * (CLIENT_THRESHOLD - 1)
    assert tries[-1] == 429
    assert sign_in(guesser, EMAILS["director"], PASSWORD).status_code == 429
    assert sign_in(from_address(app, "192.0.2.11"), EMAILS["director"], PASSWORD).status_code == 303


def test_failures_spread_out_never_lock(
    client: FlaskClient, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    for _ in range(8):
        assert fail(client, EMAILS["staff"], 1) == [401]
        clock.advance(minutes=16)
    assert sign_in(client, EMAILS["staff"], PASSWORD).status_code == 303


def test_one_locked_account_leaves_the_others_alone(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    fail(client, EMAILS["coordinator"], 5)
    assert sign_in(client, EMAILS["director"], PASSWORD).status_code == 303


def test_an_unknown_email_costs_one_password_check_like_a_known_one(
    client: FlaskClient, accounts: dict[str, StaffAccount], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pra.staff import passwords

    checks: list[str] = []
    real = passwords.check_password_hash

    def counting(password_hash: str, password: str) -> bool:
        checks.append(password_hash.split(":")[0])
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    sign_in(client, EMAILS["coordinator"], "wrong password!")
    sign_in(client, "nobody@library.example", "wrong password!")
    assert checks == ["scrypt", "scrypt"]


def test_behind_cloudfront_each_viewer_counts_alone_though_all_arrive_from_one_edge(
    services: Services, accounts: dict[str, StaffAccount]
) -> None:
    settings = dataclasses.replace(
        services.settings, client_address_header="CloudFront-Viewer-Address"
    )
    app = create_app(services=dataclasses.replace(services, settings=settings))

    def viewer(address: str) -> FlaskClient:
        client = from_address(app, "130.176.1.1")  # a CloudFront edge
        client.environ_base["HTTP_CLOUDFRONT_VIEWER_ADDRESS"] = address
        return client

    guesser = viewer("198.51.100.66:51234")
    assert fail(guesser, EMAILS["coordinator"], 6)[-1] == 429
    desk = viewer("2001:db8::10:443")
    assert sign_in(desk, EMAILS["coordinator"], PASSWORD).status_code == 303


def test_without_the_setting_the_header_is_not_believed(
    app: Flask, accounts: dict[str, StaffAccount]
) -> None:
    guesser = from_address(app, "198.51.100.66")
    assert fail(guesser, EMAILS["coordinator"], 6)[-1] == 429
    forged = from_address(app, "198.51.100.66")
    forged.environ_base["HTTP_CLOUDFRONT_VIEWER_ADDRESS"] = "192.0.2.10:443"
    assert sign_in(forged, EMAILS["coordinator"], PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("header", "address"),
    [
        ("198.51.100.10:46532", "198.51.100.10"),
        ("2001:db8::1:46532", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("192.0.2.7", "192.0.2.7"),
        ("not an address", None),
        ("999.1.1.1:80", None),
        ("", None),
    ],
)
def test_the_viewer_address_is_read_as_cloudfront_writes_it(
    header: str, address: str | None
) -> None:
    assert viewer_address(header) == address
