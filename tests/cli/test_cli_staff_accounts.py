"""`pra staff reset` emails a one-time link; `pra staff list` sets deactivated accounts apart;
every change made on the command line is in the desk's change log as cli:<OS user>."""

from __future__ import annotations

import dataclasses
import re

import pytest

from pra.adapters.clocks import SystemClock
from pra.cli.main import main
from pra.config import Settings
from pra.services import Services
from pra.staff.reset import check_link
from tests.conftest import read_outbox, text_body
from tests.staff.conftest import EMAILS, account_for

SAM, ANA = EMAILS["staff"], EMAILS["coordinator"]


@pytest.fixture
def stored(services: Services) -> None:
    services.staff.add_staff(account_for("coordinator"))
    services.staff.add_staff(account_for("staff", name="Sam Staff"))


def pra(settings: Settings, *argv: str) -> int:
    return main(["staff", *argv, "--data-dir", str(settings.data_dir)])


def test_reset_emails_a_link_that_works_and_records_who_sent_it(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    services: Services,
    stored: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("USER", "itadmin")
    monkeypatch.setenv("LOGNAME", "itadmin")
    assert pra(settings, "reset", "Sam.Staff@Library.example") == 0
    assert capsys.readouterr().out == (
        f"a password-reset link was emailed to {SAM}; it works once, for an hour\n"
    )
    (message,) = read_outbox(settings.outbox_dir)
    assert message["To"] == SAM
    found = re.search(r"/staff/reset/([A-Za-z0-9_-]+)", text_body(message))
    assert found is not None
    # The CLI ran on the real clock; the link is checked against it too.
    on_time = dataclasses.replace(services, clock=SystemClock())
    assert check_link(on_time, found.group(1)).email == SAM
    (change,) = services.staff.account_changes(5)
    assert (change.by, change.account, change.what) == (
        "cli:itadmin",
        SAM,
        "password-reset link sent",
    )


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@library.example", "pra: no staff account for nobody@library.example\n"),
        ("not an email", "pra: not an email address: 'not an email'\n"),
    ],
)
def test_reset_of_an_unknown_email_is_one_line_and_exit_two(
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    stored: None,
    email: str,
    message: str,
) -> None:
    assert pra(settings, "reset", email) == 2
    assert capsys.readouterr().err == message
    assert read_outbox(settings.outbox_dir) == []


def test_reset_of_a_deactivated_account_says_to_activate_it_first(
    capsys: pytest.CaptureFixture[str], settings: Settings, stored: None
) -> None:
    assert pra(settings, "deactivate", SAM) == 0
    capsys.readouterr()
    assert pra(settings, "reset", SAM) == 2
    assert capsys.readouterr().err == (
        f"pra: {SAM} is deactivated: `pra staff activate` it first\n"
    )
    assert read_outbox(settings.outbox_dir) == []


def test_list_sets_deactivated_accounts_apart(
    capsys: pytest.CaptureFixture[str], settings: Settings, stored: None
) -> None:
    assert pra(settings, "deactivate", SAM) == 0
    capsys.readouterr()
    assert pra(settings, "list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "EMAIL                            ROLE         STATE     NAME, TITLE",
        f"{ANA}  coordinator  active    Coordinator Person, Library staff",
        "",
        "deactivated: 1 (sign-in refused; `pra staff activate EMAIL`)",
        f"{SAM}        staff        inactive  Sam Staff, Library staff",
    ]
    assert pra(settings, "deactivate", ANA) == 0
    capsys.readouterr()
    assert pra(settings, "list") == 0
    assert capsys.readouterr().out.splitlines()[1] == "(no active account)"


def test_every_cli_change_is_in_the_change_log(
    settings: Settings, services: Services, stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "itadmin")
    for argv in (["role", SAM, "coordinator"], ["deactivate", SAM], ["activate", SAM]):
        assert pra(settings, *argv) == 0
    assert pra(settings, "sign-out", SAM) == 0
    assert pra(settings, "edit", SAM, "--phone", "707-555-0199") == 0
    changes = services.staff.account_changes(10, SAM)
    assert {change.by for change in changes} == {"cli:itadmin"}
    assert sorted(change.what for change in changes) == sorted(
        [
            "role changed from staff to coordinator",
            "deactivated",
            "activated",
            "signed out on every device",
            "phone changed",
        ]
    )
