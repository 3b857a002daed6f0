"""Fixtures: settings → services → app → client, on the embedded default in a temp folder."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pra.adapters.clocks import FixedClock
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.services import Services
from pra.web import create_app

PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        site_dir=None,
        public_url="https://records.library.example",
        coordinator_email="coordinator@library.example",
        director_email="director@library.example",
        from_address="pra@library.example",
        secret_key="test-secret",
        # Tests post far faster than people: tests/api/test_rate_limits.py turns them on.
        rate_limits=(),
    )


@pytest.fixture(scope="session")
def clamav_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ClamAV signature database that knows EICAR only (tests/clamav.py)."""
    from tests.clamav import write_database

    return write_database(tmp_path_factory.mktemp("clamav"))


@pytest.fixture
def clock() -> FixedClock:
    # Monday 16 November 2026, 10:00 in California: LEGAL-NOTES.md's first example.
    return FixedClock(datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC))


@pytest.fixture
def services(settings: Settings, clock: FixedClock) -> Services:
    return bootstrap(settings, clock=clock)


@pytest.fixture
def app(services: Services):
    return create_app(services=services)


@pytest.fixture
def client(app):
    return app.test_client()


def read_outbox(folder: Path) -> list[EmailMessage]:
    """Messages in the outbox folder, oldest first."""
    return [
        message_from_bytes(path.read_bytes(), _class=EmailMessage, policy=default)  # type: ignore[misc]
        for path in written_in_order(folder.glob("*.eml"))
    ]


def written_in_order(paths: Iterable[Path]) -> list[Path]:
    """Outbox files in the order they were written (names sort by the second only)."""
    return sorted(paths, key=lambda path: (path.stat().st_mtime_ns, path.name))


def outbox_when(
    folder: Path, ready: Callable[[list[EmailMessage]], bool], timeout: float = 10
) -> list[EmailMessage]:
    """The outbox once `ready` says so: `pra serve` sends after the response, from a thread."""
    deadline = time.monotonic() + timeout
    mail = read_outbox(folder)
    while not ready(mail) and time.monotonic() < deadline:
        time.sleep(0.05)
        mail = read_outbox(folder)
    return mail


@pytest.fixture
def outbox(settings: Settings):
    return lambda: read_outbox(settings.outbox_dir)


def text_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


VALID_REQUEST = {
    "description": "Board of commissioners meeting minutes for March 2026",
    "format": "electronic",
    "delivery": "email",
    "email": "jane.requester@example.org",
    "name": "Jane Requester",
}
