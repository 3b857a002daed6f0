"""The desk's public-log controls on a request's page, through the Flask client: a summary
approved, refused with the text kept, a request kept off and listed again; read-only staff
see the state but no forms."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from pra.services import Services
from tests.staff.test_actions import NUMBER, PAGE, current, post, stored, text

LOG = f"{PAGE}/public-log"


def test_a_coordinator_approves_a_summary_that_the_public_entry_shows(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    page = text(client.get(PAGE))
    assert "no summary is approved yet" in page and 'id="pra-summary"' in page
    saved = post(client, f"{LOG}/summary", {"summary": "Board minutes of 2025"})
    assert saved.status_code == 303 and saved.headers["Location"].endswith("#pra-public-log")
    assert current(services).public_listing.summary == "Board minutes of 2025"
    assert "Listed as: “Board minutes of 2025”" in text(client.get(PAGE))
    public = text(client.get(f"/api/log/{NUMBER}"))
    assert "Board minutes of 2025" in public and "Request received — summary pending" not in public


def test_a_refused_summary_comes_back_with_the_error_and_the_text(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    refused = post(client, f"{LOG}/summary", {"summary": "x" * 501})
    assert refused.status_code == 400
    page = text(refused)
    assert "A summary holds at most 500 characters." in page and "x" * 501 in page
    assert current(services).public_listing.summary is None


def test_a_request_kept_off_leaves_the_public_log_and_comes_back(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    assert client.get(f"/api/log/{NUMBER}").status_code == 200
    post(client, f"{LOG}/keep-off", {"reason": "The description names a child."})
    assert client.get(f"/api/log/{NUMBER}").status_code == 404
    assert NUMBER not in text(client.get("/api/log.json"))
    assert "Kept off the public log: The description names a child." in text(client.get(PAGE))
    post(client, f"{LOG}/list", {})
    assert client.get(f"/api/log/{NUMBER}").status_code == 200


def test_read_only_staff_see_the_state_but_cannot_change_it(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("staff")
    page = text(client.get(PAGE))
    assert 'id="pra-public-log"' in page and 'id="pra-summary"' not in page
    assert post(client, f"{LOG}/summary", {"summary": "Board minutes"}).status_code == 403
