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
    url = f"/staff/records/{record_id}/unpublish"
    fields = {"csrf_token": csrf_token(client, PAGE), f"reason-{record_id}": "x"}
    assert client.post(url, data=fields).status_code == 403
