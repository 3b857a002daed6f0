"""Fixtures for files: ClamAV with a signature database of our own, and sample records."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.domain.files import Visibility
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.files import Upload
from pra.services.submit import submit_request
from pra.web import create_app
from tests.conftest import VALID_REQUEST
from tests.files.pdfs import text_pdf

# A record with a text layer and nothing personal in it: it publishes without a finding.
PDF = text_pdf("Library Commission minutes, 2025", "Approved unanimously.")
CSV = b"date,amount\n2026-01-05,120.00\n"


@pytest.fixture
def scanning(settings: Settings, clock: FixedClock, clamav_db: Path) -> Services:
    """The embedded default, with ClamAV reading our database."""
    return bootstrap(dataclasses.replace(settings, clamav_db=clamav_db), clock=clock)


@pytest.fixture
def number(scanning: Services) -> str:
    return submit_request(scanning, parse_submission(VALID_REQUEST)).tracking_number


def upload(
    name: str, data: bytes, title: str = "", visibility: Visibility = Visibility.PRIVATE
) -> Upload:
    return Upload(io.BytesIO(data), name, title, visibility)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def signed_in_scanning(scanning: Services) -> Callable[[str], FlaskClient]:
    """signed_in("coordinator") on an app over the scanning services."""
    from tests.staff.conftest import account_for, sign_in

    client = create_app(services=scanning).test_client()

    def as_role(role: str) -> FlaskClient:
        account = account_for(role)
        if scanning.staff.staff(account.email) is None:
            scanning.staff.add_staff(account)
        assert sign_in(client, account.email).status_code == 303
        return client

    return as_role
