"""Files at the desk: the upload form, the list with each scan's verdict, download, scan again."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.domain.files import ScanState, ScanVerdict, Visibility
from pra.services import Services
from pra.services.files import request_files
from tests.clamav import EICAR, SIGNATURE
from tests.files.conftest import CSV, PDF
from tests.staff.conftest import add_file, csrf_token, store_request

NUMBER = "PRA-2026-00003"
PAGE = f"/staff/requests/{NUMBER}"
UPLOAD = f"{PAGE}/files"


@pytest.fixture
def services(settings: Settings, clock: FixedClock, clamav_db: Path) -> Services:
    """The embedded default with ClamAV reading our EICAR-only database."""
    return bootstrap(dataclasses.replace(settings, clamav_db=clamav_db), clock=clock)


@pytest.fixture
def stored(services: Services) -> None:
    store_request(services, NUMBER, date(2026, 11, 10))


def post_files(client: FlaskClient, files: list[tuple[str, bytes]], **fields: str):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "csrf_token": csrf_token(client, PAGE),
        "visibility": "private",
        **fields,
        "files": [(io.BytesIO(content), name) for name, content in files],
    }
    return client.post(UPLOAD, data=data, content_type="multipart/form-data")


def html(response) -> str:  # type: ignore[no-untyped-def]
    return str(response.get_data(as_text=True))


def test_a_coordinator_uploads_files_and_sees_them_clean(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("coordinator")
    big = PDF + b"0" * (2 * 1024 * 1024)  # far over the 64 KB other forms may send
    response = post_files(client, [("minutes.pdf", big), ("payroll.csv", CSV)], visibility="public")
    assert response.status_code == 303
    assert response.location.endswith(f"{PAGE}#pra-files-heading")
    page = html(client.get(PAGE))
    assert "Uploaded 2 files: minutes.pdf, payroll.csv." in page
    files = request_files(services, NUMBER)
    assert [(f.name, f.visibility, f.scan.state) for f in files] == [
        ("minutes.pdf", Visibility.PUBLIC, ScanState.CLEAN),
        ("payroll.csv", Visibility.PUBLIC, ScanState.CLEAN),
    ]
    assert f'href="{UPLOAD}/{files[0].id}" download>minutes.pdf</a>' in page
    assert "<td>2.0 MB</td>" in page and "<td>Clean</td>" in page


def test_one_file_takes_the_title_typed(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    post_files(signed_in("coordinator"), [("m.pdf", PDF)], title="Board minutes, 2025")
    assert [f.title for f in request_files(services, NUMBER)] == ["Board minutes, 2025"]


@pytest.mark.parametrize(
    ("files", "fields", "message"),
    [
        (
            [("test.txt", EICAR)],
            {},
            f"Test.txt contains malware ({SIGNATURE}); nothing was stored.",
        ),
        (
            [("tool.pdf", b"MZ\x90\x00" + b"\x00" * 64)],
            {},
            "Tool.pdf: this kind of file is not accepted",
        ),
        ([], {}, "Choose one or more files to upload"),
        ([("a.pdf", PDF)], {"visibility": "everyone"}, "Choose who may see the files"),
    ],
)
def test_a_refused_upload_answers_400_with_the_reason_and_stores_nothing(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    stored: None,
    files: list[tuple[str, bytes]],
    fields: dict[str, str],
    message: str,
) -> None:
    response = post_files(signed_in("coordinator"), files, **fields)
    assert response.status_code == 400
    page = html(response)
    assert 'id="pra-error-summary"' in page and message in page
    assert page.startswith("<!doctype html>") and "<title>Error: Request" in page
    assert request_files(services, NUMBER) == []


def test_read_only_staff_may_not_upload_and_a_form_needs_its_token(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    client = signed_in("staff")
    assert 'id="pra-upload"' not in html(client.get(PAGE))
    assert post_files(client, [("a.pdf", PDF)]).status_code == 403
    forged = client.post(
        UPLOAD,
        data={"visibility": "private", "files": [(io.BytesIO(PDF), "a.pdf")]},
        content_type="multipart/form-data",
    )
    assert forged.status_code == 400
    assert request_files(services, NUMBER) == []


def test_an_unscanned_file_cannot_be_downloaded_and_can_be_scanned_again(
    signed_in: Callable[[str], FlaskClient], services: Services, stored: None
) -> None:
    failed = ScanVerdict(ScanState.FAILED, "ClamAV (clamscan) is not installed here")
    file = add_file(services, NUMBER, "a.pdf", PDF, verdict=failed)
    client = signed_in("coordinator")
    page = html(client.get(PAGE))
    assert "Not scanned: ClamAV (clamscan) is not installed here." in page
    assert f'href="{UPLOAD}/{file.id}"' not in page
    refused = client.get(f"{UPLOAD}/{file.id}")
    assert refused.status_code == 409
    assert "a.pdf could not be scanned for malware" in html(refused)
    again = client.post(f"{UPLOAD}/{file.id}/scan", data={"csrf_token": csrf_token(client, PAGE)})
    assert again.status_code == 303
    assert "Scanned again: a.pdf is clean." in html(client.get(PAGE))
    assert client.get(f"{UPLOAD}/{file.id}").get_data() == PDF


def test_on_one_machine_the_desk_takes_several_files_itself_with_no_script(
    signed_in: Callable[[str], FlaskClient], stored: None
) -> None:
    client = signed_in("coordinator")
    page = html(client.get(PAGE))
    assert 'name="files" type="file" multiple' in page
    assert "direct-upload.js" not in page  # S3's form only: nothing to post elsewhere
    answer = client.get(f"{UPLOAD}/direct-form")
    assert answer.status_code == 404
    assert answer.get_json() == {
        "error": "not_direct",
        "message": "This store takes uploads through the desk's own form.",
    }
