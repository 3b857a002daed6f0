"""The released-records library at the desk: listed for staff, unpublished with a reason."""

from __future__ import annotations

import io
from collections.abc import Callable

from flask.testing import FlaskClient

from pra.services import Services
from pra.services.files import LIBRARY_UPLOADS, Upload, upload_files
from pra.services.library import publish_record
from pra.services.manifest import MANIFEST_KEY
from tests.files.conftest import PDF
from tests.staff.conftest import FakeScanner, csrf_token

PAGE = "/staff/records/"


def published(services: Services) -> str:
    import dataclasses

    clean = dataclasses.replace(services, scanner=FakeScanner())
    (file,) = upload_files(clean, LIBRARY_UPLOADS, [Upload(io.BytesIO(PDF), "minutes.pdf")], "a")
    record = publish_record(clean, [file], title="Commission minutes", description="", actor="a")
    return record.id


def test_staff_see_every_record_and_a_coordinator_unpublishes_one_with_a_reason(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    record_id = published(services)
    client = signed_in("coordinator")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Commission minutes" in page and "<dd>Yes</dd>" in page
    url = f"/staff/records/{record_id}/unpublish"
    empty = client.post(url, data={"csrf_token": csrf_token(client, PAGE)})
    assert empty.status_code == 400
    assert "Give the reason for unpublishing." in empty.get_data(as_text=True)
    fields = {"csrf_token": csrf_token(client, PAGE), f"reason-{record_id}": "Wrong year"}
    assert client.post(url, data=fields).status_code == 303
    page = client.get(PAGE).get_data(as_text=True)
    assert "Unpublished: record" in page and ": Wrong year</dd>" in page
    assert b'"records":[]' in (services.files.get(MANIFEST_KEY) or b"")


def test_read_only_staff_see_the_library_but_cannot_unpublish(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    record_id = published(services)
    client = signed_in("staff")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Commission minutes" in page and "Unpublish</button>" not in page
    assert 'id="pra-publish"' not in page
    url = f"/staff/records/{record_id}/unpublish"
    fields = {"csrf_token": csrf_token(client, PAGE), f"reason-{record_id}": "x"}
    assert client.post(url, data=fields).status_code == 403


def test_a_coordinator_publishes_records_on_the_librarys_own_initiative(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    import dataclasses

    from pra.web import create_app
    from tests.files.pdfs import text_pdf

    app = create_app(services=dataclasses.replace(services, scanner=FakeScanner()))
    client = app.test_client()
    from tests.staff.conftest import sign_in

    assert sign_in(client, "ana.coordinator@library.example").status_code == 303

    def publish(name: str, data: bytes, **fields: str):  # type: ignore[no-untyped-def]
        form = {"csrf_token": csrf_token(client, PAGE), "title": "Roster", **fields}
        form["files"] = [(io.BytesIO(data), name)]  # type: ignore[assignment]
        return client.post("/staff/records/publish", data=form, content_type="multipart/form-data")

    exposed = text_pdf("Staff roster", "ana@library.example")
    refused = publish("roster.pdf", exposed)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "<li>roster.pdf: page 2: email address (a***@library.example)</li>" in page
    assert library_titles(services) == []
    assert publish("roster.pdf", exposed, confirm_findings="yes").status_code == 303
    assert publish("minutes.pdf", PDF, title="Minutes, 2025").status_code == 303
    assert library_titles(services) == ["Minutes, 2025", "Roster"]


def library_titles(services: Services) -> list[str]:
    from pra.services.records_kept import library

    return sorted(record.title for record in library(services))
