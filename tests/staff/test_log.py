"""The request log: due dates with days left on real dates, filters, search, sort, CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, Release
from pra.services import Services
from pra.staff.log import DueMark, LogRow, log_view, status_label
from tests.staff.conftest import EMAILS, store_request

# The clock fixture reads Monday 16 November 2026, 10:00 in California.
LOG = [
    # number, received, status, description; due dates by CCP § 12 and the court calendar.
    ("PRA-2026-00001", date(2026, 11, 2), Status.RECEIVED, "Overtime payroll for branch staff"),
    ("PRA-2026-00002", date(2026, 11, 6), Status.RECEIVED, "Minutes of the library commission"),
    ("PRA-2026-00003", date(2026, 11, 8), Status.RECEIVED, "Emails about the Roseland branch"),
    ("PRA-2026-00004", date(2026, 11, 16), Status.RECEIVED, "Contracts with the security firm"),
    ("PRA-2026-00005", date(2026, 11, 3), Status.DENIED, "Minutes of the facilities committee"),
    ("PRA-2026-00006", date(2026, 10, 30), Status.EXTENDED, "Commission minutes for September"),
    ("PRA-2026-00007", date(2026, 11, 5), Status.INITIAL_RESPONSE_SENT, "Budget of the bookmobile"),
]


@pytest.fixture
def log(services: Services) -> None:
    for number, received, status, description in LOG:
        assignee = EMAILS["coordinator"] if number == "PRA-2026-00004" else None
        store_request(
            services,
            number,
            received,
            status,
            description=description,
            name=f"Requester {number[-1]}",
            email=f"requester{number[-1]}@example.org",
            assignee=assignee,
        )


def request_log(services: Services, status: Status | None = None, search: str = "") -> list[LogRow]:
    """The log's first page, as the desk shows it."""
    return log_view(services, status, search).rows


def numbers(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.tracking_number for row in rows]


def test_the_log_is_sorted_by_next_due_date_with_undated_last(
    services: Services, log: None
) -> None:
    rows = request_log(services)
    assert [(r.tracking_number, r.next_due, r.days_left, r.mark, r.due_text) for r in rows] == [
        ("PRA-2026-00001", date(2026, 11, 12), -4, DueMark.OVERDUE, "Overdue by 4 days"),
        ("PRA-2026-00002", date(2026, 11, 16), 0, DueMark.DUE_SOON, "Due today"),
        ("PRA-2026-00003", date(2026, 11, 18), 2, DueMark.DUE_SOON, "2 days left"),
        # Extended: due on the extended date, 2026-10-30 + 24 days.
        ("PRA-2026-00006", date(2026, 11, 23), 7, None, "7 days left"),
        # Tenth day Thanksgiving, then the day after, then the weekend: Monday the 30th.
        ("PRA-2026-00004", date(2026, 11, 30), 14, None, "14 days left"),
        ("PRA-2026-00005", None, None, None, "No due date"),
        ("PRA-2026-00007", None, None, None, "No due date"),
    ]


@pytest.mark.parametrize(
    ("now", "days_left", "text"),
    [
        # 23:30 in California is already the 17th in UTC: the agency's day counts.
        (datetime(2026, 11, 17, 7, 30, tzinfo=ZoneInfo("UTC")), 2, "2 days left"),
        (datetime(2026, 11, 17, 8, 0, tzinfo=ZoneInfo("UTC")), 1, "Due tomorrow"),
        (
            datetime(2026, 11, 19, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
            -1,
            "Overdue by 1 day",
        ),
    ],
)
def test_days_left_count_in_the_agency_time_zone(
    services: Services, clock: FixedClock, log: None, now: datetime, days_left: int, text: str
) -> None:
    clock.advance(seconds=(now - clock.now()).total_seconds())
    row = next(r for r in request_log(services) if r.tracking_number == "PRA-2026-00003")
    assert (row.days_left, row.due_text) == (days_left, text)


def test_the_log_filters_by_status(services: Services, log: None) -> None:
    assert numbers(request_log(services, Status.RECEIVED)) == [
        "PRA-2026-00001",
        "PRA-2026-00002",
        "PRA-2026-00003",
        "PRA-2026-00004",
    ]
    assert numbers(request_log(services, Status.EXTENDED)) == ["PRA-2026-00006"]
    assert request_log(services, Status.WITHDRAWN) == []


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("minutes", ["PRA-2026-00002", "PRA-2026-00006", "PRA-2026-00005"]),
        ("COMMISSION minutes", ["PRA-2026-00002", "PRA-2026-00006"]),
        ("minutes bookmobile", []),
        ("pra-2026-00003", ["PRA-2026-00003"]),
        ("00004", ["PRA-2026-00004"]),
    ],
)
def test_the_log_searches_tracking_numbers_and_description_words(
    services: Services, log: None, search: str, found: list[str]
) -> None:
    assert numbers(request_log(services, search=search)) == found


def test_a_blank_search_finds_everything(services: Services, log: None) -> None:
    assert len(request_log(services, search="   ")) == len(LOG)


def test_search_and_status_combine(services: Services, log: None) -> None:
    assert numbers(request_log(services, Status.DENIED, "minutes")) == ["PRA-2026-00005"]


@pytest.fixture
def coordinator(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("coordinator")


def test_the_log_page_marks_due_dates_in_words(coordinator: FlaskClient, log: None) -> None:
    html = coordinator.get("/staff/").get_data(as_text=True)
    assert '<th scope="col">Next due</th>' in html
    assert (
        '<th scope="row"><a href="/staff/requests/PRA-2026-00001">PRA-2026-00001</a></th>' in html
    )
    assert (
        '<span class="pra-due pra-due--overdue"><span aria-hidden="true">⚠ </span>'
        "Overdue by 4 days</span>"
    ) in html
    assert (
        '<span class="pra-due pra-due--due_soon"><span aria-hidden="true">⏰ </span>'
        "Due today</span>"
    ) in html
    assert '<span class="pra-due">14 days left</span>' in html
    assert "7 requests; soonest due first; today is Mon Nov 16, 2026" in html
    cells = re.findall(r"<td\b[^>]*>(.*?)</td>", html, re.DOTALL)
    assert "Coordinator Person" in cells  # the assignee by name
    assert cells.count("Unassigned") == 6
    assert (
        html.index("PRA-2026-00001") < html.index("PRA-2026-00004") < html.index("PRA-2026-00007")
    )


def test_the_log_page_shows_no_contact_data_and_only_the_start_of_descriptions(
    coordinator: FlaskClient, services: Services, log: None
) -> None:
    long = "Emails between the director and the commission about the Roseland branch " * 3
    store_request(services, "PRA-2026-00008", date(2026, 11, 9), description=long)
    html = coordinator.get("/staff/").get_data(as_text=True)
    assert "requester1@example.org" not in html and "Requester 1" not in html
    cells = re.findall(r"<td\b[^>]*>(.*?)</td>", html, re.DOTALL)
    assert "Overtime payroll for branch staff" in cells
    # Cut at a word within 80 characters: the whole text is on the request's page.
    assert (
        "Emails between the director and the commission about the Roseland branch Emails…"
    ) in cells


def test_the_log_page_filters_from_its_get_form(coordinator: FlaskClient, log: None) -> None:
    html = coordinator.get("/staff/?status=extended&q=").get_data(as_text=True)
    assert '<option value="extended" selected>Extended</option>' in html
    assert "PRA-2026-00006" in html and "PRA-2026-00001" not in html
    assert "1 request, status Extended; soonest due first" in html
    assert 'href="/staff/requests.csv?status=extended"' in html


def test_the_log_page_searches(coordinator: FlaskClient, log: None) -> None:
    html = coordinator.get("/staff/?q=roseland").get_data(as_text=True)
    assert "PRA-2026-00003" in html and "PRA-2026-00002" not in html
    assert 'value="roseland"' in html


def test_an_unknown_status_shows_everything(coordinator: FlaskClient, log: None) -> None:
    html = coordinator.get("/staff/?status=lost").get_data(as_text=True)
    assert "7 requests" in html


def test_an_empty_log_says_so(coordinator: FlaskClient) -> None:
    assert "No requests match." in coordinator.get("/staff/").get_data(as_text=True)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_the_log_without_contacts(
    coordinator: FlaskClient, services: Services, log: None
) -> None:
    response = coordinator.get("/staff/requests.csv?status=received")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="requests-2026-11-16.csv"'
    )
    rows = read_csv(response.get_data(as_text=True))
    assert rows[0] == {
        "tracking_number": "PRA-2026-00001",
        "received_date": "2026-11-02",
        "status": "received",
        "status_label": "Received",
        "next_due": "2026-11-12",
        "days_left": "-4",
        "due": "Overdue by 4 days",
        "assignee": "",
    }
    assert [r["tracking_number"] for r in rows] == [
        "PRA-2026-00001",
        "PRA-2026-00002",
        "PRA-2026-00003",
        "PRA-2026-00004",
    ]
    assert rows[3]["assignee"] == EMAILS["coordinator"]
    assert "example.org" not in response.get_data(as_text=True)
    # Nothing personal left the portal, so nothing is recorded.
    assert [e.action for e in services.store.history("PRA-2026-00001")] == ["received"]


def test_the_csv_with_contacts_is_recorded_on_each_request_in_it(
    coordinator: FlaskClient, services: Services, clock: FixedClock, log: None
) -> None:
    response = coordinator.get("/staff/requests.csv?contacts=1&q=minutes")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="requests-2026-11-16-contacts.csv"'
    )
    rows = read_csv(response.get_data(as_text=True))
    assert [(r["tracking_number"], r["requester_name"], r["requester_email"]) for r in rows] == [
        ("PRA-2026-00002", "Requester 2", "requester2@example.org"),
        ("PRA-2026-00006", "Requester 6", "requester6@example.org"),
        ("PRA-2026-00005", "Requester 5", "requester5@example.org"),
    ]
    assert set(rows[0]) >= {"requester_phone", "mailing_address"}
    for number in ("PRA-2026-00002", "PRA-2026-00005", "PRA-2026-00006"):
        event = services.store.history(number)[-1]
        assert (event.at, event.actor, event.action, event.note, event.public) == (
            clock.now(),
            EMAILS["coordinator"],
            "exported_contacts",
            "exported contact data (CSV)",
            False,
        )
    assert [e.action for e in services.store.history("PRA-2026-00001")] == ["received"]


def test_the_csv_keeps_a_spreadsheet_from_running_formulas(
    coordinator: FlaskClient, services: Services
) -> None:
    store_request(services, "PRA-2026-00009", date(2026, 11, 16), name='=HYPERLINK("http://x","y")')
    rows = read_csv(coordinator.get("/staff/requests.csv?contacts=1").get_data(as_text=True))
    assert rows[0]["requester_name"] == '\'=HYPERLINK("http://x","y")'


def test_promised_records_are_a_due_date_in_the_log(
    services: Services, coordinator: FlaskClient, log: None
) -> None:
    # PRA-2026-00007's initial response promised the records for Nov 20: now they are due.
    request = services.store.get("PRA-2026-00007")
    assert request is not None
    promised = replace(request, release=Release(date(2026, 11, 20), "10:00"))
    services.store.save(promised, request.status, HistoryEvent(request.received_at, "t", "t"), [])
    rows = {row.tracking_number: row for row in request_log(services)}
    row = rows["PRA-2026-00007"]
    assert (row.next_due, row.due_kind_label, row.due_text) == (
        date(2026, 11, 20),
        "Records",
        "4 days left",
    )
    assert rows["PRA-2026-00001"].due_kind_label == "Response"
    html = coordinator.get("/staff/").get_data(as_text=True)
    assert 'Records: <time datetime="2026-11-20">Fri Nov 20, 2026</time>' in html
    assert 'Response: <time datetime="2026-11-12">Thu Nov 12, 2026</time>' in html


def test_a_release_with_records_owed_is_not_called_closed() -> None:
    from tests.unit.test_request import NEW_REQUEST

    owed = replace(NEW_REQUEST, status=Status.RELEASED, release=Release(date(2026, 12, 4), "10:00"))
    assert status_label(owed) == "Released: records due"
    assert status_label(replace(owed, release=None)) == "Closed: records released"


def test_the_log_pages_fifty_at_a_time_in_due_order(
    coordinator: FlaskClient, services: Services
) -> None:
    from datetime import timedelta
    from html import unescape

    for n in range(1, 61):
        received = date(2026, 9, 1) + timedelta(days=n)
        store_request(services, f"PRA-2026-{n:05d}", received, Status.NO_RECORDS)
    first = unescape(coordinator.get("/staff/").get_data(as_text=True))
    assert "About 60 requests, 50 on this page" in first
    assert first.count('<th scope="row">') == 50
    assert "PRA-2026-00050" in first and "PRA-2026-00051" not in first
    next_link = first.split('id="pra-next-page"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = unescape(coordinator.get(unescape(next_link)).get_data(as_text=True))
    assert second.count('<th scope="row">') == 10
    assert "PRA-2026-00051" in second and "PRA-2026-00060" in second
    assert "First page" in second and 'id="pra-next-page"' not in second


def test_a_whole_tracking_number_is_found_by_its_key(
    coordinator: FlaskClient, services: Services, log: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A key lookup never reads the whole store.
    monkeypatch.setattr(services.store, "requests", lambda status=None: pytest.fail("read all"))
    page = coordinator.get("/staff/?q=pra-2026-00003").get_data(as_text=True)
    assert page.count('<th scope="row">') == 1 and "PRA-2026-00003" in page
    filtered = coordinator.get("/staff/?q=PRA-2026-00003&status=denied").get_data(as_text=True)
    assert "No requests match." in filtered


def test_the_csv_streams_every_page_and_records_each_contact_export_once(
    coordinator: FlaskClient, services: Services
) -> None:
    from pra.services.demo import seed_demo

    seed_demo(services, 1100, 30)
    response = coordinator.get("/staff/requests.csv?contacts=1")
    assert response.is_streamed
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 1101 and lines[0].startswith("tracking_number,")
    numbers = [line.split(",")[0] for line in lines[1:]]
    assert len(set(numbers)) == 1100
    for number in (numbers[0], numbers[600], numbers[-1]):
        actions = [e.action for e in services.store.history(number)]
        assert actions.count("exported_contacts") == 1
