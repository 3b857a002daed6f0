"""Assigning a request from its page, the log's "Mine" and "Unassigned", and internal notes."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient

from pra.domain.lifecycle import Status
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.assignment import AssignmentRefused, assign
from tests.conftest import VALID_REQUEST, text_body
from tests.staff.conftest import EMAILS, csrf_token, store_request

NUMBER = "PRA-2026-00001"
PAGE = f"/staff/requests/{NUMBER}"
SECRET = "The payroll of Jane's neighbour"  # words of the request that never leave the desk


@pytest.fixture
def stored(services: Services) -> None:
    store_request(services, NUMBER, date(2026, 11, 16), description=f"{SECRET}, 2025")


def cells(html: str) -> list[str]:
    """The text of each table cell, whatever attributes the cell carries."""
    return re.findall(r"<td\b[^>]*>(.*?)</td>", html, re.DOTALL)


def pairs(html: str) -> list[list[str]]:
    """Each two cells side by side."""
    found = cells(html)
    return [found[n : n + 2] for n in range(len(found) - 1)]


def post(client: FlaskClient, path: str, **form: str):  # type: ignore[no-untyped-def]
    return client.post(path, data={"csrf_token": csrf_token(client, PAGE), **form})


def test_a_coordinator_assigns_a_request_and_the_assignee_is_emailed(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    stored: None,
    outbox: Callable[[], list],
) -> None:
    client = signed_in("coordinator")
    page = client.get(PAGE).get_data(as_text=True)
    # Every active account, by name, and Unassigned chosen.
    assert '<option value="" selected>Unassigned</option>' in page
    assert f'<option value="{EMAILS["staff"]}">Staff Person (Library staff)</option>' in page
    answer = post(client, f"{PAGE}/assignee", assignee=EMAILS["staff"])
    assert answer.status_code == 303 and answer.location.endswith(PAGE)
    assert services.store.get(NUMBER).assignee == EMAILS["staff"]  # type: ignore[union-attr]
    event = services.store.history(NUMBER)[-1]
    assert (event.actor, event.action, event.note, event.public) == (
        EMAILS["coordinator"],
        "assigned",
        EMAILS["staff"],
        False,
    )
    page = client.get(PAGE).get_data(as_text=True)
    assert "Assigned to Staff Person." in page
    assert '<dd id="pra-assignee-now">Staff Person</dd>' in page
    assert "assigned to Staff Person" in cells(page)
    [email] = outbox()
    assert email["To"] == EMAILS["staff"]
    assert email["Subject"] == f"Public records request {NUMBER} assigned to you"
    body = text_body(email)
    assert f"https://records.library.example/staff/requests/{NUMBER}" in body
    assert "Assigned by: Coordinator Person, Library staff" in body
    # The tracking number and the link only: nothing of the request nor of the requester.
    raw = email.as_string()
    for private in (SECRET, "Jane Requester", "jane.requester@example.org"):
        assert private not in raw


def test_unassigning_is_recorded_and_sends_nothing(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    stored: None,
    outbox: Callable[[], list],
) -> None:
    client = signed_in("coordinator")
    post(client, f"{PAGE}/assignee", assignee=EMAILS["director"])
    post(client, f"{PAGE}/assignee", assignee="")
    assert services.store.get(NUMBER).assignee is None  # type: ignore[union-attr]
    last = services.store.history(NUMBER)[-1]
    assert (last.action, last.note) == ("unassigned", EMAILS["director"])
    page = client.get(PAGE).get_data(as_text=True)
    assert ["unassigned", "was Director Person"] in pairs(page)
    assert [m["To"] for m in outbox()] == [EMAILS["director"]]


def test_assigning_oneself_emails_no_one(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    stored: None,
    outbox: Callable[[], list],
) -> None:
    client = signed_in("coordinator")
    post(client, f"{PAGE}/assignee", assignee=EMAILS["coordinator"].upper())
    assert services.store.get(NUMBER).assignee == EMAILS["coordinator"]  # type: ignore[union-attr]
    assert outbox() == []


def test_only_an_active_account_is_assigned(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    accounts: dict[str, StaffAccount],
    stored: None,
) -> None:
    client = signed_in("coordinator")
    services.staff.update_staff(dataclasses.replace(accounts["staff"], active=False))
    assert EMAILS["staff"] not in client.get(PAGE).get_data(as_text=True)
    for who in (EMAILS["staff"], "someone@else.example"):
        answer = post(client, f"{PAGE}/assignee", assignee=who)
        assert answer.status_code == 303
        assert services.store.get(NUMBER).assignee is None  # type: ignore[union-attr]
    page = client.get(PAGE).get_data(as_text=True)
    assert "Choose an active staff account, or Unassigned. The assignee was not changed." in page
    with pytest.raises(AssignmentRefused):
        assign(services, NUMBER, EMAILS["staff"], accounts["coordinator"])


def test_read_only_staff_neither_assign_nor_add_notes(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("staff")
    page = client.get(PAGE).get_data(as_text=True)
    assert 'id="pra-assign"' not in page and 'id="pra-note-form"' not in page
    assert post(client, f"{PAGE}/assignee", assignee=EMAILS["staff"]).status_code == 403
    assert post(client, f"{PAGE}/notes", note="A note").status_code == 403
    assert {e.action for e in services.store.history(NUMBER)} == {"received", "viewed"}


def test_the_forms_need_the_desks_token(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("coordinator")
    assert client.post(f"{PAGE}/assignee", data={"assignee": ""}).status_code == 400
    assert client.post(f"{PAGE}/notes", data={"note": "x"}).status_code == 400
    assert [e.action for e in services.store.history(NUMBER)] == ["received"]


def test_an_unknown_request_is_not_found(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    client = signed_in("coordinator")
    assert post(client, "/staff/requests/PRA-2026-09999/assignee", assignee="").status_code == 404
    assert post(client, "/staff/requests/PRA-2026-09999/notes", note="x").status_code == 404


# ---- the log's filters -------------------------------------------------------------------


@pytest.fixture
def many(services: Services, accounts: dict[str, StaffAccount]) -> None:
    """60 requests: every third the coordinator's, every third plus one the director's."""
    for n in range(1, 61):
        who = [EMAILS["coordinator"], EMAILS["director"], None][n % 3]
        store_request(
            services,
            f"PRA-2026-{n:05d}",
            date(2026, 11, 16) - timedelta(days=n),
            Status.NO_RECORDS if n > 40 else Status.RECEIVED,
            assignee=who,
        )


def numbers_on(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">(PRA-\d{4}-\d{5})</a></th>', html)


def test_mine_and_unassigned_filter_the_log_and_page_with_the_status(
    signed_in: Callable[[str], FlaskClient], many: None
) -> None:
    client = signed_in("coordinator")
    html = client.get("/staff/?assigned=mine").get_data(as_text=True)
    mine = numbers_on(html)
    assert len(mine) == 20 and all(int(n[-5:]) % 3 == 0 for n in mine)
    assert '<option value="mine" selected>Mine</option>' in html
    assert "20 requests, assigned to you; soonest due first" in html
    assert {"Coordinator Person", "Unassigned"} & set(cells(html)) == {"Coordinator Person"}
    html = client.get("/staff/?assigned=unassigned&status=received").get_data(as_text=True)
    assert sorted(numbers_on(html)) == [f"PRA-2026-{n:05d}" for n in range(2, 41, 3)]
    assert "status Received, assigned to no one" in html
    # Every link keeps the filters: the next page, the CSV.
    assert 'href="/staff/requests.csv?status=received&amp;assigned=unassigned"' in html


def test_the_filtered_log_pages_through_every_match_once(
    signed_in: Callable[[str], FlaskClient], services: Services, many: None
) -> None:
    from pra.staff import log

    client = signed_in("director")
    seen, url = [], "/staff/?assigned=mine"
    original, log.PAGE_SIZE = log.PAGE_SIZE, 7
    try:
        # log_view's default is bound at import: page through the store as the desk does.
        while url:
            html = client.get(url).get_data(as_text=True)
            seen += numbers_on(html)
            found = re.search(r'href="([^"]+)" rel="next"', html)
            url = found.group(1).replace("&amp;", "&") if found else ""
            assert not found or "assigned=mine" in url
    finally:
        log.PAGE_SIZE = original
    assert sorted(seen) == [f"PRA-2026-{n:05d}" for n in range(1, 61) if n % 3 == 1]


def test_the_csv_follows_the_assignee_filter(
    signed_in: Callable[[str], FlaskClient], many: None
) -> None:
    client = signed_in("coordinator")
    lines = client.get("/staff/requests.csv?assigned=mine").get_data(as_text=True).splitlines()
    assert len(lines) == 21 and all(line.endswith(EMAILS["coordinator"]) for line in lines[1:])


def test_a_tracking_number_searched_keeps_the_assignee_filter(
    signed_in: Callable[[str], FlaskClient], many: None
) -> None:
    client = signed_in("coordinator")
    assert numbers_on(client.get("/staff/?q=PRA-2026-00003&assigned=mine").get_data(as_text=True))
    assert not numbers_on(
        client.get("/staff/?q=PRA-2026-00003&assigned=unassigned").get_data(as_text=True)
    )


def test_the_log_shows_the_channel(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    from pra.domain.request import Channel

    request = services.store.get(NUMBER)
    assert request is not None
    by_phone = dataclasses.replace(request, channel=Channel.IN_PERSON)
    services.store.save(by_phone, request.status, services.store.history(NUMBER)[0], [])
    html = signed_in("staff").get("/staff/").get_data(as_text=True)
    assert '<th scope="col">Channel</th>' in html and "In person" in cells(html)


# ---- internal notes ----------------------------------------------------------------------


def test_a_note_joins_the_history_with_who_and_when(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("coordinator")
    note = "Called the branch: the files are in the basement.\nBack on Monday."
    answer = post(client, f"{PAGE}/notes", note=note)
    assert answer.status_code == 303 and answer.location.endswith(f"{PAGE}#pra-history")
    event = services.store.history(NUMBER)[-1]
    assert (event.actor, event.action, event.note, event.public) == (
        EMAILS["coordinator"],
        "note",
        note,
        False,
    )
    page = client.get(PAGE).get_data(as_text=True)
    assert '<tr class="pra-history-note">' in page
    assert ["Coordinator Person", "note"] in pairs(page)
    assert f'<div class="pra-description">{note}</div>' in page


def test_an_empty_or_too_long_note_is_refused_and_kept_to_correct(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("coordinator")
    answer = post(client, f"{PAGE}/notes", note="   ")
    assert answer.status_code == 400
    assert '<a href="#pra-note">Write the note first.</a>' in answer.get_data(as_text=True)
    long = "x" * 5001
    answer = post(client, f"{PAGE}/notes", note=long)
    assert answer.status_code == 400 and f">{long}</textarea>" in answer.get_data(as_text=True)
    assert "note" not in [e.action for e in services.store.history(NUMBER)]


def test_a_note_never_reaches_the_requester_nor_a_log_line(
    client: FlaskClient,
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    outbox: Callable[[], list],
    caplog: pytest.LogCaptureFixture,
) -> None:
    receipt = client.post("/api/requests", json=VALID_REQUEST).get_json()
    number, code = receipt["tracking_number"], receipt["access_code"]
    staff = signed_in("coordinator")
    note = "Internal: the requester sounded upset, check with legal"
    before = len(outbox())
    with caplog.at_level(logging.DEBUG):
        answer = staff.post(
            f"/staff/requests/{number}/notes",
            data={"note": note, "csrf_token": csrf_token(staff, f"/staff/requests/{number}")},
        )
    assert answer.status_code == 303
    assert note not in caplog.text and "legal" not in caplog.text
    assert len(outbox()) == before  # a note sends nothing
    status = client.post(f"/api/requests/{number}/status", json={"code": code})
    assert status.status_code == 200 and "legal" not in status.get_data(as_text=True)
    page = client.post("/api/status", data={"tracking_number": number, "code": code})
    assert page.status_code == 200 and "legal" not in page.get_data(as_text=True)
