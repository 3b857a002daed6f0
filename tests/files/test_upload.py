"""Uploading files to a request: type by content, size limit, ClamAV, all or nothing."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from pra.adapters.clamav import ClamAvScanner
from pra.domain.files import ScanState, Visibility
from pra.services import Services
from pra.services.files import (
    FileNotUsable,
    FileRefused,
    open_file,
    request_files,
    safe_name,
    scan_again,
    upload_files,
)
from tests.clamav import EICAR, SIGNATURE
from tests.files.conftest import CSV, PDF, docx, upload

COORDINATOR = "ana.coordinator@library.example"


def stored_keys(services: Services, number: str) -> list[str]:
    return services.files.keys(f"requests/{number}/")


def test_files_are_stored_scanned_clean_and_listed(scanning: Services, number: str) -> None:
    added = upload_files(
        scanning,
        number,
        [
            upload("Board minutes 2025.pdf", PDF, "Board minutes, 2025", Visibility.PUBLIC),
            upload("payroll.csv", CSV),
            upload("memo.docx", docx()),
        ],
        COORDINATOR,
    )
    listed = request_files(scanning, number)
    assert listed == added
    assert [
        (f.name, f.title, f.visibility, f.content_type, f.size, f.scan.state) for f in listed
    ] == [
        (
            "Board_minutes_2025.pdf",
            "Board minutes, 2025",
            Visibility.PUBLIC,
            "application/pdf",
            len(PDF),
            ScanState.CLEAN,
        ),
        ("payroll.csv", "payroll", Visibility.PRIVATE, "text/csv", len(CSV), ScanState.CLEAN),
        (
            "memo.docx",
            "memo",
            Visibility.PRIVATE,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            len(docx()),
            ScanState.CLEAN,
        ),
    ]
    assert listed[0].sha256 == hashlib.sha256(PDF).hexdigest()
    events = [(e.action, e.note.split(" ", 1)[1]) for e in scanning.store.history(number)[1:]]
    assert events == [
        ("file_added", "Board_minutes_2025.pdf (public); scan: clean"),
        ("file_added", "payroll.csv (private); scan: clean"),
        ("file_added", "memo.docx (private); scan: clean"),
    ]


def test_a_download_streams_the_bytes_and_is_recorded(scanning: Services, number: str) -> None:
    (pdf,) = upload_files(scanning, number, [upload("a.pdf", PDF)], COORDINATOR)
    opened = open_file(scanning, number, pdf.id, COORDINATOR)
    assert opened is not None
    file, stream = opened
    assert file.id == pdf.id
    with stream:
        assert stream.read() == PDF
    assert scanning.store.history(number)[-1].action == "downloaded_file"


def test_malware_is_refused_and_nothing_of_the_upload_is_stored(
    scanning: Services, number: str
) -> None:
    with pytest.raises(FileRefused) as refused:
        upload_files(
            scanning, number, [upload("fine.pdf", PDF), upload("test.txt", EICAR)], COORDINATOR
        )
    assert str(refused.value) == f"test.txt contains malware ({SIGNATURE}); nothing was stored"
    assert stored_keys(scanning, number) == []
    assert request_files(scanning, number) == []
    assert scanning.store.history(number)[-1].action == "file_refused"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00" + b"\x00" * 200,
            "report.pdf: this kind of file is not accepted",
        ),
        ("page.html", b"<!DOCTYPE html><html><script>x()</script>", "page.html: this kind"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "run.txt: web pages, SVG, XML and scripts"),
        ("empty.pdf", b"", "empty.pdf: the file is empty"),
    ],
)
def test_the_type_is_read_from_the_content_not_the_name(
    scanning: Services, number: str, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(FileRefused) as refused:
        upload_files(scanning, number, [upload("ok.pdf", PDF), upload(name, data)], COORDINATOR)
    assert str(refused.value).startswith(message)
    assert str(refused.value).endswith("nothing was stored")
    assert stored_keys(scanning, number) == []


def test_a_file_over_the_size_limit_is_refused(scanning: Services, number: str) -> None:
    small = dataclasses.replace(
        scanning, settings=dataclasses.replace(scanning.settings, max_upload_mb=1)
    )
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(FileRefused, match=r"^big.pdf is larger than the 1 MB limit"):
        upload_files(small, number, [upload("big.pdf", big)], COORDINATOR)
    assert stored_keys(small, number) == []


def test_without_working_signatures_a_file_is_kept_but_unusable_until_scanned(
    scanning: Services, number: str, tmp_path: Path, clamav_db: Path
) -> None:
    empty = tmp_path / "no-signatures"
    empty.mkdir()
    files = scanning.files
    blind = dataclasses.replace(scanning, scanner=ClamAvScanner(files.path_of, empty))  # type: ignore[attr-defined]
    (pdf,) = upload_files(blind, number, [upload("a.pdf", PDF)], COORDINATOR)
    assert pdf.scan.state is ScanState.FAILED
    assert "No supported database files found" in pdf.scan.note
    with pytest.raises(FileNotUsable, match=r"^a.pdf could not be scanned for malware"):
        open_file(blind, number, pdf.id, COORDINATOR)
    rescanned = scan_again(scanning, number, pdf.id, COORDINATOR)
    assert rescanned is not None and rescanned.scan.state is ScanState.CLEAN
    assert open_file(scanning, number, pdf.id, COORDINATOR) is not None


def test_a_machine_without_clamav_says_so(scanning: Services, number: str) -> None:
    files = scanning.files
    missing = ClamAvScanner(files.path_of, command="no-such-clamscan")  # type: ignore[attr-defined]
    blind = dataclasses.replace(scanning, scanner=missing)
    (pdf,) = upload_files(blind, number, [upload("a.pdf", PDF)], COORDINATOR)
    assert (pdf.scan.state, pdf.scan.note) == (
        ScanState.FAILED,
        "ClamAV (clamscan) is not installed here",
    )


def test_an_unknown_request_or_file_is_none(scanning: Services, number: str) -> None:
    with pytest.raises(KeyError):
        upload_files(scanning, "PRA-2026-09999", [upload("a.pdf", PDF)], COORDINATOR)
    assert open_file(scanning, number, "0123456789abcdef", COORDINATOR) is None
    assert open_file(scanning, number, "../../secret_key", COORDINATOR) is None


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("C:\\Users\\ana\\Minutes 2025.pdf", "Minutes_2025.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..", "file"),
        ("informe año.pdf", "informe_a_o.pdf"),
    ],
)
def test_file_names_are_made_safe(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe
