"""What must never appear in the public request log, its pages, its open data or its feed:
requesters' names, emails, phones and addresses, descriptions the coordinator did not approve,
and any trace of a patron-record request or one kept off the log. A seeded data set, read
through every public address of the log."""

from __future__ import annotations

import pytest

from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.patron import mark_patron_records
from pra.services.public_log import approve_summary, keep_off_log
from pra.services.submit import submit_request
from pra.web import create_app

COORDINATOR = "ana.coordinator@library.example"
PEOPLE = [
    {
        "name": f"Requester Number{i}",
        "email": f"person{i}@example.org",
        "phone": f"707-555-01{i:02d}",
        "mailing_address": f"{i} Secret Lane\nSanta Rosa CA 95404",
        "description": f"Private words number {i} about the Roseland branch budget drafts",
    }
    for i in range(12)
]
APPROVED = "Budget drafts of the Roseland branch, 2026"


@pytest.fixture
def seeded(services: Services) -> tuple[list[str], str, str]:
    numbers = []
    for person in PEOPLE:
        body = {**person, "format": "paper", "delivery": "mail"}
        numbers.append(submit_request(services, parse_submission(body)).tracking_number)
    approve_summary(services, numbers[0], APPROVED, COORDINATOR)
    patron, kept_off = numbers[5], numbers[6]
    mark_patron_records(services, patron, True, COORDINATOR)
    keep_off_log(services, kept_off, "Names a child", COORDINATOR)
    return numbers, patron, kept_off


def test_no_public_address_of_the_log_shows_what_it_must_not(
    services: Services, seeded: tuple[list[str], str, str]
) -> None:
    numbers, patron, kept_off = seeded
    client = create_app(services=services).test_client()
    bodies = []
    page: str | None = "/api/log.json?limit=5&lang=en"
    while page:
        answer = client.get(page)
        bodies.append(answer.get_data(as_text=True))
        page = answer.get_json()["next"]
    assert len(bodies) == 2  # 10 listed: two pages of five
    for address in (
        "/api/log?lang=en",
        "/api/log?lang=es",
        "/api/open-data/requests.csv",
        "/api/open-data/requests.json",
        "/api/log/feed.atom",
        "/api/log/feed.atom?lang=es",
        *(f"/api/log/{n}" for n in numbers),
    ):
        answer = client.get(address)
        assert answer.status_code in (200, 404), address
        bodies.append(answer.get_data(as_text=True))
    public = "\n".join(bodies)
    for person in PEOPLE:
        for field, value in person.items():
            for part in value.splitlines():
                assert part not in public, (field, part)
    assert "Secret Lane" not in public and "Private words" not in public
    assert patron not in public and kept_off not in public
    assert "Names a child" not in public  # the reason is for staff only
    assert APPROVED in public
    assert client.get(f"/api/log/{patron}").status_code == 404
    assert sum(n in public for n in numbers) == 10
