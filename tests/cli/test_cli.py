"""The `pra` command: plain lines out, one-line errors, exit codes that scripts can trust."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pra.cli.main import main
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST

PRA = Path(sys.executable).parent / "pra"


@pytest.mark.parametrize(
    ("received", "initial", "extended"),
    [
        # LEGAL-NOTES.md's examples: Thanksgiving then a weekend; a 10th day on a Saturday.
        ("2026-11-16", "2026-11-30", "2026-12-10"),
        ("2026-03-04", "2026-03-16", "2026-03-30"),
    ],
)
def test_due_prints_both_dates(capsys, received: str, initial: str, extended: str) -> None:
    assert main(["due", received]) == 0
    assert capsys.readouterr().out == f"initial_response_due: {initial}\nextended_due: {extended}\n"


def test_due_counts_agency_closures(capsys, monkeypatch) -> None:
    # Received Monday 2026-06-01: 10th day Thursday 2026-06-11, a closure day → Friday.
    monkeypatch.setenv("PRA_CLOSURE_DAYS", "2026-06-11")
    assert main(["due", "2026-06-01"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "initial_response_due: 2026-06-12"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "2026-13-01"], "pra: not a date: '2026-13-01' (expected YYYY-MM-DD)\n"),
        (
            ["due", "2019-05-01"],
            "pra: deadlines are computed for requests received from 2023-01-01 on\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_two(capsys, argv: list[str], message: str) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err == message


def test_a_bad_setting_is_one_line(capsys, monkeypatch) -> None:
    monkeypatch.setenv("PRA_CLOSURE_DAYS", "next tuesday")
    assert main(["due", "2026-06-01"]) == 2
    assert capsys.readouterr().err.startswith("pra: PRA_CLOSURE_DAYS must list dates")


def test_the_installed_command_prints_no_traceback() -> None:
    result = subprocess.run([str(PRA), "due", "yesterday"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "pra: not a date: 'yesterday' (expected YYYY-MM-DD)\n"


def test_requests_list_shows_the_log(capsys, services: Services, settings: Settings) -> None:
    submit_request(services, parse_submission(VALID_REQUEST))
    assert main(["requests", "list", "--data-dir", str(settings.data_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["PRA-2026-00001", "received", "2026-11-16", "2026-11-30"]


def test_requests_list_on_an_empty_log(capsys, settings: Settings) -> None:
    assert main(["requests", "list", "--data-dir", str(settings.data_dir)]) == 0
    assert capsys.readouterr().out == "no requests\n"


def test_requests_show_gives_details_and_records_the_view(
    capsys, services: Services, settings: Settings
) -> None:
    submit_request(services, parse_submission(VALID_REQUEST))
    assert main(["requests", "show", "pra-2026-00001", "--data-dir", str(settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "email: jane.requester@example.org" in out
    assert "initial_response_due: 2026-11-30" in out
    assert [e.action for e in services.store.history("PRA-2026-00001")] == ["received", "viewed"]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("PRA-2026-00404", "pra: no request PRA-2026-00404\n"),
        ("42", "pra: not a tracking number: '42' (expected e.g. PRA-2026-00042)\n"),
    ],
)
def test_requests_show_of_a_missing_request_fails_cleanly(
    capsys, settings: Settings, number: str, message: str
) -> None:
    assert main(["requests", "show", number, "--data-dir", str(settings.data_dir)]) == 2
    assert capsys.readouterr().err == message


def test_sweep_reports_what_it_did(capsys, settings: Settings) -> None:
    assert main(["sweep", "--data-dir", str(settings.data_dir)]) == 0
    assert capsys.readouterr().out == (
        "emails sent: 0; still pending: 0; reminders: 0; escalations: 0; digests: 0; "
        "contacts erased: 0; statistics: 0 requests read\n"
    )


def test_serve_without_a_built_site_explains(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PRA_SITE_DIR", str(tmp_path / "no-site"))
    assert main(["serve", "--data-dir", str(tmp_path / "data"), "--port", "1"]) == 2
    assert "no built site" in capsys.readouterr().err


def test_requests_show_lists_the_extension_and_the_letters(
    capsys, services: Services, settings: Settings
) -> None:
    from pra.ports import StaffAccount
    from pra.services.respond import Response, send_response

    ana = StaffAccount("ana@library.example", "Ana Pérez", "PRA Coordinator", "coordinator", "x")
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    extension = Response("extension", reason="voluminous", new_due=date(2026, 12, 8))
    send_response(services, number, ana, extension)
    assert main(["requests", "show", number, "--data-dir", str(settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "extension: voluminous, sent 2026-11-16, determination due 2026-12-08" in out
    assert "extension                  en  Ana Pérez, PRA Coordinator" in out
    history = out.split("history:\n")[1].splitlines()
    assert history[1].split()[1:4] == ["ana@library.example", "extension", "due"]


def test_requests_show_lists_the_promised_release(
    capsys, services: Services, settings: Settings
) -> None:
    from pra.ports import StaffAccount
    from pra.services.respond import Response, send_response

    ana = StaffAccount("ana@library.example", "Ana Pérez", "PRA Coordinator", "coordinator", "x")
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    released = Response("released", available_on=date(2026, 12, 4), available_at="10:00")
    send_response(services, number, ana, released)
    assert main(["requests", "show", number, "--data-dir", str(settings.data_dir)]) == 0
    assert "release: due 2026-12-04 10:00, delivered not yet\n" in capsys.readouterr().out


def test_site_csp_prints_the_policy_the_app_sends_for_that_site(capsys, tmp_path: Path) -> None:
    from pra.web.security_headers import content_security_policy
    from tests.api.test_security_headers import sha256

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<script>var a=1</script><script src=x.js></script>")
    assert main(["site-csp", "--site-dir", str(site)]) == 0
    printed = capsys.readouterr().out
    assert printed == content_security_policy([sha256("var a=1")]) + "\n"
    assert f"script-src 'self' '{sha256('var a=1')}';" in printed


def test_site_csp_without_a_built_site_says_what_to_do(capsys, tmp_path: Path) -> None:
    assert main(["site-csp", "--site-dir", str(tmp_path / "nothing")]) == 2
    assert capsys.readouterr().err == (
        f"pra: no built site at {tmp_path / 'nothing'}: run `make site` first\n"
    )
