"""`pra requests add` and `pra requests show --json`: a request that came by phone, on the record.

The command line runs on the real clock, so the received time is two days before today and
the deadlines are compared with the calendar's own answer for that day.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pra.cli.main import main
from pra.config import Settings
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.services import Services
from pra.services.status import find_with_code
from tests.conftest import read_outbox

ZONE = ZoneInfo("America/Los_Angeles")
RECEIVED = (datetime.now(ZONE) - timedelta(days=2)).replace(
    hour=10, minute=15, second=0, microsecond=0
)
PHONED = [
    "requests",
    "add",
    "--received",
    RECEIVED.strftime("%Y-%m-%dT%H:%M"),
    "--channel",
    "phone",
    "--description",
    "Board minutes for March 2026, all branches",
    "--name",
    "Pat Caller",
    "--mailing-address",
    "12 Oak Street, Santa Rosa",
]


def run(settings: Settings, *argv: str) -> int:
    return main([*argv, "--data-dir", str(settings.data_dir)])


def printed(capsys: pytest.CaptureFixture[str], label: str) -> str:
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith(f"{label}: "))
    return line.removeprefix(f"{label}: ").split("  ")[0]


def test_a_phoned_request_is_entered_with_its_deadlines_from_when_it_came(
    capsys: pytest.CaptureFixture[str], services: Services, settings: Settings
) -> None:
    assert run(settings, *PHONED) == 0
    out = capsys.readouterr().out
    number = out.splitlines()[0].removeprefix("tracking number: ")
    code = out.splitlines()[1].removeprefix("access code: ").split("  ")[0]
    assert "acknowledgement (no email given: print it or read it to the requester):" in out
    assert f"Access code:     {code}" in out and "Questions: write to" in out

    request = find_with_code(services, number, code)  # the code works; only its digest is kept
    assert request is not None and request.channel.value == "phone"
    assert request.received_at == RECEIVED
    assert request.deadlines == deadlines_for(RECEIVED.date(), BusinessCalendar())
    assert request.submission.delivery.value == "mail"
    assert request.submission.format.value == "paper"
    sent = read_outbox(settings.outbox_dir)
    (notice,) = sent  # the coordinator's notice: no email to acknowledge to
    assert number in notice["Subject"] and notice["To"] == Settings.from_env().coordinator_email


def test_show_json_gives_status_channel_dues_letters_and_history(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    assert run(settings, *PHONED) == 0
    number = capsys.readouterr().out.splitlines()[0].removeprefix("tracking number: ")
    assert run(settings, "requests", "show", number, "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    due = deadlines_for(RECEIVED.date(), BusinessCalendar()).initial_response_due
    assert (shown["status"], shown["channel"]) == ("received", "phone")
    assert shown["received_at"] == RECEIVED.isoformat()
    assert shown["due"] == [{"kind": "determination", "on": due.isoformat()}]
    assert shown["letters"] == []
    entered, viewed = shown["history"]
    assert entered["action"] == "received"
    assert entered["note"] == (
        f"by phone, received {RECEIVED.strftime('%Y-%m-%d %H:%M')}; entered by staff"
    )
    assert (viewed["action"], viewed["note"]) == ("viewed", "cli")  # Policy 4005: views recorded


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (
            (datetime.now(ZONE) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "pra: --received: the received time is in the future",
        ),
        (
            (datetime.now(ZONE) - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M"),
            "pra: --received: the received date is more than a year ago",
        ),
        ("last Tuesday", "pra: --received: not a date and time: 'last Tuesday'"),
    ],
)
def test_a_wrong_received_time_is_one_line_exit_2_and_nothing_stored(
    capsys: pytest.CaptureFixture[str],
    services: Services,
    settings: Settings,
    received: str,
    message: str,
) -> None:
    argv = [*PHONED]
    argv[argv.index("--received") + 1] = received
    assert run(settings, *argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert services.store.requests(None) == []


def test_a_request_without_what_it_needs_is_refused_field_by_field(
    capsys: pytest.CaptureFixture[str], services: Services, settings: Settings
) -> None:
    argv = [*PHONED, "--delivery", "email"]
    argv[argv.index("--description") + 1] = "minutes"
    assert run(settings, *argv) == 2
    assert capsys.readouterr().err == (
        "pra: the request was not entered: --description is too short: describe the records "
        "in a few words or more; --email is needed for that delivery\n"
    )
    assert services.store.requests(None) == []
