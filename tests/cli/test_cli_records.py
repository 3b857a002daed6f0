"""`pra requests attach|mark` and `pra records publish|list|unpublish`: refusals store nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pra.cli.main import main
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.files import request_files
from pra.services.manifest import MANIFEST_KEY
from pra.services.records_kept import library
from pra.services.submit import submit_request
from tests.clamav import EICAR, SIGNATURE
from tests.conftest import VALID_REQUEST
from tests.files.conftest import PDF


@pytest.fixture(autouse=True)
def scanning(monkeypatch: pytest.MonkeyPatch, clamav_db: Path) -> None:
    monkeypatch.setenv("PRA_CLAMAV_DB", str(clamav_db))


@pytest.fixture
def number(services: Services) -> str:
    return submit_request(services, parse_submission(VALID_REQUEST)).tracking_number


def run(settings: Settings, *argv: str) -> int:
    return main([*argv, "--data-dir", str(settings.data_dir)])


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


def test_attach_adds_files_scanned_clean(
    capsys, services: Services, settings: Settings, number: str, tmp_path: Path
) -> None:
    pdf = write(tmp_path, "minutes.pdf", PDF)
    assert run(settings, "requests", "attach", number, pdf, "--title", "Minutes") == 0
    (file,) = request_files(services, number)
    assert capsys.readouterr().out == f"{file.id}  minutes.pdf  public  scan: clean\n"
    assert (file.title, file.visibility.value) == ("Minutes", "public")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("test.txt", EICAR, f"pra: test.txt contains malware ({SIGNATURE}); nothing was stored\n"),
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 64, "pra: tool.pdf: this kind of file is not"),
    ],
)
def test_a_refused_attachment_is_one_line_and_stores_nothing(
    capsys,
    services: Services,
    settings: Settings,
    number: str,
    tmp_path: Path,
    name: str,
    data: bytes,
    message: str,
) -> None:
    good, bad = write(tmp_path, "ok.pdf", PDF), write(tmp_path, name, data)
    assert run(settings, "requests", "attach", number, good, bad) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert request_files(services, number) == []


def test_a_file_over_the_limit_is_refused(
    capsys, services: Services, settings: Settings, number: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PRA_MAX_UPLOAD_MB", "1")
    big = write(tmp_path, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert run(settings, "requests", "attach", number, big) == 2
    assert capsys.readouterr().err == (
        "pra: big.pdf is larger than the 1 MB limit; nothing was stored\n"
    )


def test_patron_records_are_never_published_from_the_command_line(
    capsys, services: Services, settings: Settings, number: str, tmp_path: Path
) -> None:
    assert run(settings, "requests", "mark", number, "--patron-records") == 0
    pdf = write(tmp_path, "history.pdf", PDF)
    code = run(settings, "records", "publish", pdf, "--title", "Loans", "--request", number)
    assert code == 2
    assert capsys.readouterr().err == (
        f"pra: {number} is about the requester's own patron records: nothing of it is ever "
        "published (Policy 4005)\n"
    )
    assert request_files(services, number) == [] and library(services) == []
    assert services.files.get(MANIFEST_KEY) is None


def test_a_record_is_published_listed_and_unpublished(
    capsys, services: Services, settings: Settings, tmp_path: Path
) -> None:
    pdf = write(tmp_path, "board-minutes-2025.pdf", PDF)
    title = "Library Commission minutes, 2025"
    assert run(settings, "records", "publish", pdf, "--title", title) == 0
    record_id = capsys.readouterr().out.strip()
    assert [r.id for r in library(services)] == [record_id]
    assert run(settings, "records", "list") == 0
    assert f"{record_id}  2026-" in capsys.readouterr().out
    assert run(settings, "records", "unpublish", record_id, "--reason", "Draft posted") == 0
    assert capsys.readouterr().out == f"unpublished {record_id}\n"
    assert run(settings, "records", "list") == 0
    assert "(unpublished: Draft posted)" in capsys.readouterr().out
    assert run(settings, "records", "unpublish", "nope", "--reason", "x") == 2
    assert capsys.readouterr().err == "pra: no record nope\n"


def test_personal_data_stops_a_publication_until_confirmed(
    capsys, services: Services, settings: Settings, tmp_path: Path
) -> None:
    from tests.files.pdfs import text_pdf

    pdf = write(tmp_path, "roster.pdf", text_pdf("Staff roster", "Call (707) 555-0142"))
    assert run(settings, "records", "publish", pdf, "--title", "Roster") == 2
    assert capsys.readouterr().err == (
        "pra: check before publishing: roster.pdf: page 2: phone number ((***) ***-**42). "
        "Confirm that they may be published, or redact the file and upload it again\n"
    )
    assert library(services) == [] and services.files.keys("requests/library/") == []
    confirmed = ("--title", "Roster", "--confirm-findings")
    assert run(settings, "records", "publish", pdf, *confirmed) == 0
    assert len(library(services)) == 1


def test_without_a_working_scanner_nothing_is_published_nor_kept(
    capsys, services: Services, settings: Settings, tmp_path: Path, monkeypatch
) -> None:
    empty = tmp_path / "no-signatures"
    empty.mkdir()
    monkeypatch.setenv("PRA_CLAMAV_DB", str(empty))
    pdf = write(tmp_path, "minutes.pdf", PDF)
    assert run(settings, "records", "publish", pdf, "--title", "Minutes") == 2
    err = capsys.readouterr().err
    assert err.startswith("pra: minutes.pdf has not been scanned clean (ClamAV could not scan it:")
    assert err.endswith("; nothing was published\n")
    assert services.files.keys("requests/library/") == [] and library(services) == []


def test_a_record_published_for_a_request_is_attached_to_it_as_a_public_file(
    capsys, services: Services, settings: Settings, number: str, tmp_path: Path
) -> None:
    pdf = write(tmp_path, "minutes.pdf", PDF)
    code = run(settings, "records", "publish", pdf, "--title", "Minutes", "--request", number)
    assert code == 0
    (record,) = library(services)
    (file,) = request_files(services, number)
    assert (record.request, file.name, file.visibility.value, file.usable) == (
        number,
        "minutes.pdf",
        "public",
        True,
    )
    assert services.files.keys("requests/library/") == []
    assert [e.action for e in services.store.history(number)][-2:] == ["file_added", "published"]
