"""The released-records library: publish on delivery, the privacy guard, unpublish, manifest."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask.testing import FlaskClient

from pra.domain.files import Visibility
from pra.domain.records import reads_like_own_patron_records
from pra.domain.request import DeliveryMethod
from pra.services import Services
from pra.services.deliver import DeliveryOrder, DeliveryRefused, deliver_records
from pra.services.files import upload_files
from pra.services.library import (
    PublishRefused,
    publish_record,
    publish_request_files,
    unpublish,
)
from pra.services.manifest import FEED_KEY, MANIFEST_KEY, page_key
from pra.services.patron import mark_patron_records
from pra.services.records_kept import library
from pra.web import create_app
from tests.files.conftest import PDF, upload
from tests.files.test_deliver import released
from tests.services.test_respond import COORDINATOR

ATOM = "{http://www.w3.org/2005/Atom}"
ORDER = DeliveryOrder(
    DeliveryMethod.LINK,
    (),
    record_title="Library Commission minutes, 2025",
    record_description="Approved minutes of the 2025 meetings.",
)


def stored_manifest(services: Services) -> dict:  # type: ignore[type-arg]
    data = services.files.get(MANIFEST_KEY)
    assert data is not None
    return dict(json.loads(data))


def deliver_both(services: Services) -> tuple[str, list[str]]:
    number, ids = released(services)
    order = DeliveryOrder(**{**ORDER.__dict__, "file_ids": tuple(ids)})
    deliver_records(services, number, COORDINATOR, order)
    return number, ids


def test_delivered_public_files_are_published_and_private_ones_are_not(
    scanning: Services,
) -> None:
    number, _ = deliver_both(scanning)
    (record,) = stored_manifest(scanning)["records"]
    assert record == {
        "id": record["id"],
        "title": "Library Commission minutes, 2025",
        "description": "Approved minutes of the 2025 meetings.",
        "request": number,
        "released_on": "2026-11-16",
        "files": [
            {
                "name": "minutes.pdf",
                "url": f"https://records.library.example/public/records/{record['id']}/minutes.pdf",
                "size": len(PDF),
                "sha256": __import__("hashlib").sha256(PDF).hexdigest(),
                "type": "application/pdf",
            }
        ],
    }
    client = create_app(services=scanning).test_client()
    served = client.get(f"/public/records/{record['id']}/minutes.pdf")
    assert served.get_data() == PDF
    assert client.get("/api/records/manifest.json").get_json() == {
        "years": [
            {
                "year": 2026,
                "count": 1,
                "url": "https://records.library.example/public/records-2026.json",
            }
        ],
        "records": [record],
    }
    assert json.loads(scanning.files.get(page_key(2026)) or b"{}") == {
        "year": 2026,
        "records": [record],
    }
    atom = client.get("/api/records/feed.atom")
    assert atom.content_type == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(atom.get_data())
    assert feed.tag == f"{ATOM}feed"
    # What Atom 1.0 (RFC 4287) requires of a feed and of each entry.
    assert all(feed.findtext(f"{ATOM}{name}") for name in ("id", "title", "updated"))
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Sonoma County Library"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert all(entry.findtext(f"{ATOM}{name}") for name in ("id", "title", "updated"))
    assert entry.findtext(f"{ATOM}title") == "Library Commission minutes, 2025"
    links = entry.findall(f"{ATOM}link")
    enclosure = next(link for link in links if link.get("rel") == "enclosure")
    assert enclosure.get("href", "").endswith("/minutes.pdf")
    assert "payroll" not in json.dumps(stored_manifest(scanning))


def test_patron_records_are_refused_at_every_entry_point(
    scanning: Services, signed_in_scanning: Callable[[str], FlaskClient]
) -> None:
    number, ids = released(scanning)
    mark_patron_records(scanning, number, True, COORDINATOR.email)
    public_pdf = ids[0]
    # The service call.
    with pytest.raises(PublishRefused, match="own patron records: nothing of it is ever published"):
        publish_request_files(scanning, number, [public_pdf], title="x", description="", actor="a")
    # The delivery use case.
    order = DeliveryOrder(**{**ORDER.__dict__, "file_ids": (public_pdf,)})
    with pytest.raises(DeliveryRefused, match="never published \\(Policy 4005\\)"):
        deliver_records(scanning, number, COORDINATOR, order)
    # The desk, with a crafted post straight to Send.
    client = signed_in_scanning("coordinator")
    from tests.staff.conftest import csrf_token

    page = f"/staff/requests/{number}"
    crafted = client.post(
        f"{page}/deliver/send",
        data={
            "csrf_token": csrf_token(client, page),
            "method": "link",
            "file": public_pdf,
            "final": "yes",
            "record_title": "Circulation history",
        },
    )
    assert crafted.status_code == 400
    assert "never published (Policy 4005)" in crafted.get_data(as_text=True)
    assert scanning.files.get(MANIFEST_KEY) is None and library(scanning) == []


def test_a_private_file_never_reaches_the_library(scanning: Services) -> None:
    number, ids = released(scanning)
    private_csv = ids[1]
    with pytest.raises(PublishRefused, match=r"payroll\.csv is private to the requester"):
        publish_request_files(
            scanning, number, [private_csv], title="Payroll", description="", actor="a"
        )
    assert library(scanning) == []


def test_unpublishing_takes_the_record_off_the_list_and_keeps_why_for_staff(
    scanning: Services,
) -> None:
    number, _ = deliver_both(scanning)
    (record,) = library(scanning)
    withdrawn = unpublish(scanning, record.id, "Published by mistake", COORDINATOR.email)
    assert stored_manifest(scanning) == {"years": [], "records": []}
    assert json.loads(scanning.files.get(page_key(2026)) or b"{}") == {"year": 2026, "records": []}
    assert scanning.files.get(record.file_key("minutes.pdf")) is None
    assert library(scanning) == [withdrawn]
    assert withdrawn.withdrawn is not None and withdrawn.withdrawn.reason == "Published by mistake"
    event = scanning.store.history(number)[-1]
    assert (event.action, event.note) == (
        "unpublished",
        f"record {record.id} unpublished: Published by mistake",
    )
    with pytest.raises(PublishRefused, match="already unpublished"):
        unpublish(scanning, record.id, "again", COORDINATOR.email)


def test_concurrent_publishes_lose_none(scanning: Services) -> None:
    files = upload_files(
        scanning,
        released(scanning)[0],
        [upload(f"minutes-{n}.pdf", PDF, visibility=Visibility.PUBLIC) for n in range(8)],
        COORDINATOR.email,
    )

    def publish(n: int) -> str:
        record = publish_record(
            scanning, [files[n]], title=f"Minutes {n}", description="", actor="a"
        )
        return record.id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(publish, range(8)))
    assert {r["id"] for r in stored_manifest(scanning)["records"]} == ids
    feed = ElementTree.fromstring(scanning.files.get(FEED_KEY) or b"")
    assert len(feed.findall(f"{ATOM}entry")) == 8


@pytest.mark.parametrize(
    ("description", "patron"),
    [
        ("My checkout history for 2025", True),
        ("Records of my library card account and fines", True),
        ("Circulation statistics for all branches in 2025", False),
        ("Contracts with the security firm", False),
    ],
)
def test_a_request_for_ones_own_library_records_is_recognised(
    description: str, patron: bool
) -> None:
    assert reads_like_own_patron_records(description) is patron
