"""The retention schedule: the sweep erases a closed request's contacts a set number of days
after it closed (PRA_CONTACT_RETENTION_DAYS), and keeps the request, letters and history.

A request for paper copies by mail is received Monday 2026-11-16 and answered "no records"
on Wednesday 2026-11-18: it closed that day. With 730 days kept (2028 has a 29 February),
the sweep of 2028-11-16 leaves it, and the sweep of 2028-11-17 erases it.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date

import pytest

from pra.config import Settings, SettingsError
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.respond import Response, send_response
from pra.services.submit import submit_request
from pra.services.sweep import run_sweep
from tests.services.sweep_support import on
from tests.services.test_privacy import PERSONAL
from tests.services.test_respond import COORDINATOR

KEEP = 730
POSTED = {**PERSONAL, "email": ""}  # letters go by post: the envelope carries the address


@pytest.fixture
def keeping(services: Services) -> Services:
    return dataclasses.replace(
        services, settings=dataclasses.replace(services.settings, contact_retention_days=KEEP)
    )


def _closed_request(services: Services, form: dict[str, str] = PERSONAL) -> str:
    number = submit_request(services, parse_submission(form)).tracking_number
    answer = Response("no_records", explanation="We searched the branch's files.")
    send_response(on(services, date(2026, 11, 18), 11), number, COORDINATOR, answer)
    return number


def _open_request(services: Services) -> str:
    return submit_request(services, parse_submission(PERSONAL)).tracking_number


def test_contacts_are_kept_until_the_period_has_passed_then_erased_everywhere(
    keeping: Services,
) -> None:
    closed, still_open = _closed_request(keeping, POSTED), _open_request(keeping)
    emailed = _closed_request(keeping)
    before = keeping.store.get(closed)
    assert before is not None and before.closed_on == date(2026, 11, 18)
    letter = before.letters[0]
    assert "Zyxwv Quillfeather" in letter.text and letter.address[0] == "Zyxwv Quillfeather"

    assert run_sweep(on(keeping, date(2028, 11, 16))).contacts_erased == 0
    assert keeping.store.get(closed) == before

    assert run_sweep(on(keeping, date(2028, 11, 17))).contacts_erased == 2
    after = keeping.store.get(closed)
    assert after is not None and after.contacts_erased_on == date(2028, 11, 17)
    kept = after.submission
    assert (kept.name, kept.email, kept.phone, kept.mailing_address) == (None,) * 4
    assert kept.description == PERSONAL["description"]  # what was asked stays
    assert after.letters[0].address == ("Requester",)
    assert "Dear Requester," in after.letters[0].text
    # The description is what was asked, and stays: here it names the requester too.
    stored = repr([after, keeping.store.get(emailed)]).replace(PERSONAL["description"], "")
    for contact in ("name", "email", "phone", "mailing_address"):
        assert str(PERSONAL[contact]) not in stored
    assert "1234 Unlikely Lane" not in stored
    event = keeping.store.history(closed)[-1]
    assert event.action == "contacts_erased" and not event.public
    assert event.note == (
        "name, phone number, postal address erased: the request closed on "
        "2026-11-18, over 730 days ago (the retention schedule)"
    )
    assert keeping.store.history(emailed)[-1].note.startswith(
        "name, email address, phone number, postal address erased"
    )
    assert keeping.store.get(still_open).submission.name == PERSONAL["name"]  # type: ignore[union-attr]


def test_a_second_sweep_erases_nothing_again(keeping: Services) -> None:
    closed = _closed_request(keeping)
    assert run_sweep(on(keeping, date(2029, 1, 5))).contacts_erased == 1
    assert run_sweep(on(keeping, date(2029, 1, 6))).contacts_erased == 0
    actions = [e.action for e in keeping.store.history(closed)]
    assert actions.count("contacts_erased") == 1


def test_without_a_retention_period_nothing_is_erased(services: Services) -> None:
    closed = _closed_request(services)
    assert services.settings.contact_retention_days is None
    assert run_sweep(on(services, date(2036, 1, 5))).contacts_erased == 0
    assert services.store.get(closed).submission.email == PERSONAL["email"]  # type: ignore[union-attr]


def test_more_than_a_batch_is_erased_in_one_run(keeping: Services) -> None:
    from pra.services import retention

    numbers = [_closed_request(keeping) for _ in range(retention.BATCH + 3)]
    assert run_sweep(on(keeping, date(2029, 1, 5))).contacts_erased == len(numbers)
    assert keeping.store.closed_with_contacts(date(2029, 1, 5), 10) == []


def test_erasure_logs_a_count_and_no_contact(
    keeping: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _closed_request(keeping)
    run_sweep(on(keeping, date(2029, 1, 5)))
    assert "contacts erased from 1 closed requests" in caplog.text
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in caplog.text


@pytest.mark.parametrize(
    ("raw", "days"), [("", None), ("off", None), ("OFF", None), ("730", 730), (" 1 ", 1)]
)
def test_the_retention_period_is_days_or_off(raw: str, days: int | None) -> None:
    assert Settings.from_env({"PRA_CONTACT_RETENTION_DAYS": raw}).contact_retention_days == days


@pytest.mark.parametrize("raw", ["0", "-5", "two years", "7²", "1.5"])
def test_an_unusable_retention_period_is_refused(raw: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"PRA_CONTACT_RETENTION_DAYS": raw})
    assert str(refused.value) == (
        f"PRA_CONTACT_RETENTION_DAYS must be a number of days such as 730, or off, not {raw!r}"
    )
