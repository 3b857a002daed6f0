"""A request's page: everything about it, and every opening recorded in its history."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.adapters.records import request_from_dict, request_to_dict
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, SentLetter
from pra.services import Services
from tests.conftest import PACIFIC
from tests.staff.conftest import EMAILS, add_file, store_request

NUMBER = "PRA-2026-00003"
LETTER = SentLetter(
    kind="initial_response",
    sent_at=datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC),
    language="en",
    subject="Your request PRA-2026-00003: our response",
    text="Hello,\n\nThis letter answers…",
    signed_by="Ana Coordinator, PRA Coordinator",
)


@pytest.fixture
def stored(services: Services) -> None:
    store_request(
        services,
        NUMBER,
        date(2026, 11, 8),
        description="Emails about the Roseland branch\nfrom March 2026",
        name="Jane Requester",
        email="jane.requester@example.org",
    )


def page(client: FlaskClient, number: str = NUMBER) -> str:
    response = client.get(f"/staff/requests/{number}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_shows_the_request_and_its_contacts(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    html = page(signed_in("coordinator"))
    assert "<h1>Request PRA-2026-00003</h1>" in html
    assert "Emails about the Roseland branch\nfrom March 2026" in html
    assert "<dt>Format</dt><dd>Electronic</dd>" in html
    assert "<dt>Delivery</dt><dd>Email</dd>" in html
    assert "<dt>Name</dt><dd>Jane Requester</dd>" in html
    assert '<a href="mailto:jane.requester@example.org">jane.requester@example.org</a>' in html
    assert "<dt>Initial response due</dt><dd>Wed Nov 18, 2026</dd>" in html
    assert '<span aria-hidden="true">⏰ </span>2 days left</span>' in html


def test_read_only_staff_see_the_request_but_not_the_contacts(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    html = page(signed_in("staff"))
    assert "Emails about the Roseland branch" in html
    assert "jane.requester@example.org" not in html
    assert "Jane Requester" not in html
    assert "Contact data is shown to the PRA Coordinator and the Library Director only." in html


def test_each_opening_is_recorded_in_the_history(
    signed_in: Callable[[str], FlaskClient], services: Services, clock: FixedClock, stored: None
) -> None:
    client = signed_in("director")
    page(client)
    clock.advance(minutes=5)
    html = page(client)
    history = services.store.history(NUMBER)
    assert [(e.actor, e.action, e.public) for e in history] == [
        ("requester", "received", True),
        (EMAILS["director"], "viewed", False),
        (EMAILS["director"], "viewed", False),
    ]
    assert history[-1].at == clock.now()
    # Both views are kept; the history shows them as one line, by name, with the count.
    cells = re.findall(r"<td\b[^>]*>(.*?)</td>", html, re.DOTALL)
    assert cells.count("Director Person") == 1
    assert "viewed ×2" in cells
    assert "<td>Mon Nov 16, 2026, 10:05</td>" not in html  # times are in <time>
    assert 'last <time datetime="2026-11-16T10:05:00-08:00">Mon Nov 16, 2026, 10:05</time>' in html
    assert 'first <time datetime="2026-11-16T10:00:00-08:00">Mon Nov 16, 2026, 10:00</time>' in html


def test_the_history_shows_time_who_what_and_note(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    at = services.clock.now()
    services.store.append_event(
        NUMBER, HistoryEvent(at, "system", "deadline_reminder", "2026-11-18")
    )
    html = page(signed_in("coordinator"))
    assert '<th scope="col">Time</th><th scope="col">Who</th>' in html
    assert "<td>system</td>\n      <td>deadline reminder</td>\n      <td>2026-11-18</td>" in html
    assert "<td>received (public)</td>" in html


def test_the_page_lists_letters_and_files(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    request = services.store.get(NUMBER)
    assert request is not None
    services.store.save(
        dataclasses.replace(request, letters=(LETTER,)),
        request.status,
        HistoryEvent(services.clock.now(), EMAILS["coordinator"], "noted"),
        [],
    )
    initial = add_file(services, NUMBER, "initial.pdf", b"%PDF-1.7")
    store_request(services, "PRA-2026-00030", date(2026, 11, 8))
    add_file(services, "PRA-2026-00030", "other.pdf", b"%PDF-1.7")
    html = page(signed_in("coordinator"))
    assert (
        "<summary>Your request PRA-2026-00003: our response · sent "
        '<time datetime="2026-11-16T10:00:00-08:00">Mon Nov 16, 2026, 10:00</time>'
        " · signed by Ana Coordinator, PRA Coordinator</summary>"
    ) in html
    assert '<div class="pra-letter">Hello,\n\nThis letter answers…</div>' in html
    assert f'<a href="/staff/requests/{NUMBER}/files/{initial.id}" download>initial.pdf</a>' in html
    assert "other.pdf" not in html


def test_a_request_without_letters_or_files_says_so(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    html = page(signed_in("coordinator"))
    assert "<p>No letters have been sent.</p>" in html
    assert "<p>No files are stored with this request.</p>" in html


def test_read_only_staff_are_offered_no_actions(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    html = page(signed_in("staff"))
    actions = html[html.index("<h2>Actions</h2>") : html.index("<h2>Letters</h2>")]
    assert "Your role can read requests but not act on them." in actions
    assert "<button" not in actions and "<a " not in actions


def test_a_closed_request_offers_nothing_that_cannot_be_done(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    store_request(services, NUMBER, date(2026, 11, 8), Status.NO_RECORDS)
    html = page(signed_in("director"))
    actions = html[html.index("<h2>Actions</h2>") : html.index("<h2>Letters</h2>")]
    assert "No actions are available for a request in this state." in actions
    assert "<button" not in actions and "<a " not in actions


def test_headings_are_in_order(signed_in: Callable[[str], FlaskClient], stored: None) -> None:
    html = page(signed_in("coordinator"))
    assert html.count("<h1>") == 1
    assert "<h3" not in html


def test_a_file_download_is_recorded(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    scan = add_file(services, NUMBER, "scan 1.pdf", b"%PDF-1.7")
    response = signed_in("coordinator").get(f"/staff/requests/{NUMBER}/files/{scan.id}")
    assert response.get_data() == b"%PDF-1.7"
    assert response.headers["Content-Disposition"] == 'attachment; filename="scan_1.pdf"'
    assert response.headers["Content-Type"] == "application/pdf"
    event = services.store.history(NUMBER)[-1]
    assert (event.actor, event.action, event.note) == (
        EMAILS["coordinator"],
        "downloaded_file",
        f"{scan.id} scan_1.pdf",
    )


@pytest.mark.parametrize("file_id", ["missing", "0123456789abcdef", "..%2Fother", "x" * 16])
def test_no_file_outside_the_request_is_served(
    signed_in: Callable[[str], FlaskClient], stored: None, file_id: str
) -> None:
    response = signed_in("coordinator").get(f"/staff/requests/{NUMBER}/files/{file_id}")
    assert response.status_code == 404


def test_an_unknown_request_is_a_404_and_records_nothing(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    response = signed_in("coordinator").get("/staff/requests/PRA-2026-00404")
    assert response.status_code == 404
    assert "There is no request PRA-2026-00404" in response.get_data(as_text=True)


def test_a_lower_case_number_opens_the_request(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    assert "<h1>Request PRA-2026-00003</h1>" in page(signed_in("staff"), NUMBER.lower())


def test_a_request_stored_before_assignees_existed_still_loads(services: Services) -> None:
    request = store_request(services, "PRA-2026-00010", date(2026, 11, 16), assignee="a@b.example")
    data = request_to_dict(request)
    assert data["assignee"] == "a@b.example"
    del data["assignee"]
    assert request_from_dict(data) == dataclasses.replace(request, assignee=None)


def test_a_request_whose_contacts_were_erased_says_so_instead(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    from pra.domain.retention import without_contacts

    closed = store_request(services, NUMBER, date(2024, 3, 4), Status.NO_RECORDS)
    erased = without_contacts(closed, date(2026, 3, 4))
    event = HistoryEvent(datetime(2026, 3, 4, 7, tzinfo=PACIFIC), "system", "contacts_erased")
    services.store.save(erased, Status.NO_RECORDS, event, [])
    html = page(signed_in("coordinator"))
    assert "Jane Requester" not in html and "jane.requester@example.org" not in html
    assert (
        "The requester's name and contacts were erased on "
        '<time datetime="2026-03-04">Wed Mar 4, 2026</time> under the retention schedule' in html
    )


# A valid global date and time string: seconds may carry at most three decimals.
VALID_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z))?$"
)


def test_every_time_on_the_staff_request_page_is_a_valid_datetime(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    store_request(services, "PRA-2026-00003", date(2026, 11, 16))
    # Times as the clock gives them, to the microsecond.
    at = datetime(2026, 11, 16, 10, 1, 2, 345678, tzinfo=PACIFIC)
    services.store.append_event("PRA-2026-00003", HistoryEvent(at, "system", "noted"))
    html = signed_in("coordinator").get("/staff/requests/PRA-2026-00003").get_data(as_text=True)
    found = re.findall(r'<time datetime="([^"]+)"', html)
    assert found
    assert [value for value in found if not VALID_DATETIME.match(value)] == []
