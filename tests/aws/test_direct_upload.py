"""On AWS a file goes from the browser straight to S3 (presigned POST), then back to the desk."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
import requests
from flask.testing import FlaskClient

from pra.bootstrap import bootstrap_aws
from pra.config import Settings
from pra.domain.files import ScanState, Visibility
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.files import request_files
from pra.services.submit import submit_request
from pra.web import create_app
from tests.aws.resources import FILES_BUCKET, Aws
from tests.conftest import VALID_REQUEST
from tests.files.conftest import PDF
from tests.staff.conftest import account_for, sign_in


@pytest.fixture
def desk(aws: Aws, aws_settings: Settings) -> tuple[Services, FlaskClient, str]:
    services = bootstrap_aws(aws_settings)
    services.staff.add_staff(account_for("coordinator"))
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    client = create_app(services=services).test_client()
    assert sign_in(client, account_for("coordinator").email).status_code == 303
    return services, client, number


def upload_through_s3(
    client: FlaskClient, number: str, name: str, data: bytes, **meta: str
) -> requests.Response:
    page = client.get(f"/staff/requests/{number}").get_data(as_text=True)
    form = page[
        page.index('id="pra-upload"') - 200 : page.index("</form>", page.index('id="pra-upload"'))
    ]
    action = html.unescape(re.search(r'action="([^"]+)"', form).group(1))  # type: ignore[union-attr]
    fields = {
        html.unescape(k): html.unescape(v)
        for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }
    assert action == f"https://{FILES_BUCKET}.s3.amazonaws.com/"
    assert "csrf_token" not in fields  # S3's own fields only
    data_fields = {**fields, **{f"x-amz-meta-{k}": v for k, v in meta.items()}}
    return requests.post(
        action, data=data_fields, files={"file": (name, data)}, allow_redirects=False, timeout=10
    )


def back_at_the_desk(client: FlaskClient, answer: requests.Response):  # type: ignore[no-untyped-def]
    assert answer.status_code == 303
    location = urlsplit(answer.headers["Location"])
    return client.get(f"{location.path}?{location.query}")


def test_a_file_goes_straight_to_s3_and_is_taken_back_at_the_desk(
    aws: Aws, desk: tuple[Services, FlaskClient, str]
) -> None:
    services, client, number = desk
    answer = upload_through_s3(
        client, number, "minutes 2025.pdf", PDF, title="Minutes", visibility="public"
    )
    taken = back_at_the_desk(client, answer)
    assert taken.status_code == 303
    (file,) = request_files(services, number)
    assert (file.name, file.title, file.visibility, file.scan.state) == (
        "minutes_2025.pdf",
        "Minutes",
        Visibility.PUBLIC,
        ScanState.PENDING,  # until GuardDuty tags it
    )
    listed = aws.s3.list_objects_v2(Bucket=FILES_BUCKET, Prefix=f"requests/{number}/incoming/")
    assert listed.get("Contents", []) == []  # the incoming copy is gone


def test_a_refused_file_is_said_at_the_desk_and_not_kept(
    aws: Aws, desk: tuple[Services, FlaskClient, str]
) -> None:
    services, client, number = desk
    answer = upload_through_s3(client, number, "tool.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    refused = back_at_the_desk(client, answer)
    assert refused.status_code == 400
    assert "Tool.pdf: this kind of file is not accepted" in refused.get_data(as_text=True)
    assert request_files(services, number) == []
    listed = aws.s3.list_objects_v2(Bucket=FILES_BUCKET, Prefix=f"requests/{number}/")
    assert [o["Key"] for o in listed.get("Contents", [])] == []


@pytest.mark.parametrize("tamper", ["token", "key"])
def test_a_way_back_that_was_not_signed_for_this_upload_is_refused(
    desk: tuple[Services, FlaskClient, str], tamper: str
) -> None:
    services, client, number = desk
    answer = upload_through_s3(client, number, "a.pdf", PDF)
    location = urlsplit(answer.headers["Location"])
    path, query = location.path, location.query
    if tamper == "token":
        path = path[:-4] + "AAAA"
    else:
        query = f"key=requests/{number}/incoming/0000000000000000/a.pdf"
    refused = client.get(f"{path}?{query}")
    assert refused.status_code == 400
    assert request_files(services, number) == []


def post_from_script(
    client: FlaskClient, number: str, name: str, data: bytes, **meta: str
) -> dict[str, object]:
    """What the desk's script does for one file: a fresh form, S3, then back at the desk."""
    made = client.get(
        f"/staff/requests/{number}/files/direct-form", headers={"Accept": "application/json"}
    ).get_json()
    assert made["fields"]["success_action_status"] == "201"
    assert "success_action_redirect" not in made["fields"]
    fields = {**made["fields"], **{f"x-amz-meta-{k}": v for k, v in meta.items()}}
    stored = requests.post(made["url"], data=fields, files={"file": (name, data)}, timeout=10)
    assert int(stored.status_code) == 201  # moto's in-process mock hands back the field as text
    key = made["fields"]["key"].replace("${filename}", name)
    arrival = urlsplit(made["arrival"])
    taken = client.get(f"{arrival.path}?key={key}", headers={"Accept": "application/json"})
    answer: dict[str, object] = {"status": taken.status_code, **taken.get_json()}
    return answer


def test_the_desk_script_sends_files_one_after_another_and_hears_each_answer(
    aws: Aws, desk: tuple[Services, FlaskClient, str]
) -> None:
    services, client, number = desk
    first = post_from_script(client, number, "minutes.pdf", PDF, visibility="public")
    second = post_from_script(client, number, "tool.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    third = post_from_script(client, number, "agenda.pdf", PDF, visibility="private")
    assert first == {"status": 200, "added": ["minutes.pdf"]}
    assert second["status"] == 400
    assert second["error"] == "refused"
    assert str(second["message"]).startswith("Tool.pdf: this kind of file is not accepted;")
    assert third == {"status": 200, "added": ["agenda.pdf"]}
    assert sorted((f.name, f.visibility) for f in request_files(services, number)) == [
        ("agenda.pdf", Visibility.PRIVATE),
        ("minutes.pdf", Visibility.PUBLIC),
    ]
    page = client.get(f"/staff/requests/{number}").get_data(as_text=True)
    assert page.count('class="pra-banner"') == 2  # what each said waits for the page
    assert 'class="pra-banner pra-banner--error" role="alert">Tool.pdf' in page
    listed = aws.s3.list_objects_v2(Bucket=FILES_BUCKET, Prefix=f"requests/{number}/incoming/")
    assert listed.get("Contents", []) == []
