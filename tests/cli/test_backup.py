"""`pra backup` and `pra restore`: a consistent copy while the server writes, checked before
it is put back, refusing what would lose data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from pra.adapters.sqlite_store import SCHEMA_VERSION, SqliteRequestStore
from pra.cli.main import main
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST
from tests.e2e.test_serve import PRA
from tests.e2e.test_slow_mail import pra_serve_mailing_to
from tests.smtp_server import smtp_server


def stored(services: Services, count: int) -> list[str]:
    return [
        submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
        for _ in range(count)
    ]


def test_a_backup_restores_requests_files_outbox_and_key(
    services: Services, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbers = stored(services, 3)
    (settings.files_dir / "requests" / numbers[0]).mkdir(parents=True)
    (settings.files_dir / "requests" / numbers[0] / "minutes.pdf").write_bytes(b"%PDF-1.7 x")
    key = "made on the first start of pra serve"  # (these tests' settings give the key)
    (settings.data_dir / "secret_key").write_text(key)
    backup_dir, restored = tmp_path / "backup", tmp_path / "restored"
    assert main(["backup", str(backup_dir), "--data-dir", str(settings.data_dir)]) == 0
    assert "backed up 3 requests" in capsys.readouterr().out
    assert main(["restore", str(backup_dir), "--data-dir", str(restored)]) == 0
    assert "restored 3 requests" in capsys.readouterr().out
    again = SqliteRequestStore(restored / "pra.sqlite3")
    assert [r.tracking_number for r in again.requests()] == sorted(numbers)
    assert (restored / "files" / "requests" / numbers[0] / "minutes.pdf").read_bytes() == (
        b"%PDF-1.7 x"
    )
    assert (restored / "secret_key").read_text() == key
    assert len(list((restored / "outbox").glob("*.eml"))) == 6
    assert not (restored / "backup.json").exists()


def test_a_backup_goes_to_a_new_folder_only(
    services: Services, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored(services, 1)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    assert main(["backup", str(taken), "--data-dir", str(settings.data_dir)]) == 2
    assert capsys.readouterr().err == f"pra: {taken} is not empty: back up into a new folder\n"
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]


def test_restore_refuses_what_is_not_a_sound_backup_and_changes_nothing(
    services: Services, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored(services, 1)
    backup_dir = tmp_path / "backup"
    main(["backup", str(backup_dir), "--data-dir", str(settings.data_dir)])
    capsys.readouterr()
    target = ["--data-dir", str(tmp_path / "restored")]
    assert main(["restore", str(tmp_path / "nothing"), *target]) == 2
    assert "holds no pra.sqlite3: not a backup" in capsys.readouterr().err
    newer = tmp_path / "newer"
    main(["backup", str(newer), "--data-dir", str(settings.data_dir)])
    with sqlite3.connect(newer / "pra.sqlite3") as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    capsys.readouterr()
    assert main(["restore", str(newer), *target]) == 2
    assert "comes from a newer version of pra" in capsys.readouterr().err
    damaged = tmp_path / "damaged"
    main(["backup", str(damaged), "--data-dir", str(settings.data_dir)])
    (damaged / "pra.sqlite3").write_bytes(b"not a database at all" * 100)
    capsys.readouterr()
    assert main(["restore", str(damaged), *target]) == 2
    assert "cannot be read as a database" in capsys.readouterr().err
    assert not (tmp_path / "restored").exists()
    # Over a data folder in use: refused, unless --replace, which keeps the old one aside.
    assert main(["restore", str(backup_dir), "--data-dir", str(settings.data_dir)]) == 2
    assert "already holds data" in capsys.readouterr().err
    assert main(["restore", str(backup_dir), "--replace", "--data-dir", str(tmp_path / "d")]) == 0


@pytest.mark.e2e
def test_a_backup_during_a_burst_keeps_every_request_acknowledged_before_it(
    tmp_path: Path,
) -> None:
    with smtp_server() as (_, smtp_port), pra_serve_mailing_to(smtp_port, tmp_path) as url:
        acknowledged: list[str] = []
        lock, stop = threading.Lock(), threading.Event()

        def submit() -> None:
            with requests.Session() as session:
                while not stop.is_set():
                    answer = session.post(f"{url}/api/requests", json=VALID_REQUEST, timeout=30)
                    assert answer.status_code == 201
                    with lock:
                        acknowledged.append(answer.json()["tracking_number"])

        clients = [threading.Thread(target=submit) for _ in range(8)]
        for client in clients:
            client.start()
        time.sleep(1.5)
        with lock:
            before = list(acknowledged)
        made = subprocess.run(
            [str(PRA), "backup", str(tmp_path / "backup"), "--data-dir", str(tmp_path / "data")],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ},
        )
        time.sleep(0.5)
        stop.set()
        for client in clients:
            client.join()
    assert made.returncode == 0, made.stderr
    assert len(before) > 20 and len(acknowledged) > len(before)
    back = subprocess.run(
        [str(PRA), "restore", str(tmp_path / "backup"), "--data-dir", str(tmp_path / "back")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert back.returncode == 0, back.stderr
    restored = {
        r.tracking_number for r in SqliteRequestStore(tmp_path / "back" / "pra.sqlite3").requests()
    }
    assert set(before) <= restored
