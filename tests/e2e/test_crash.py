"""`pra serve` killed (SIGKILL) in the middle of a burst, then started again: every request
it acknowledged is there, and the sweep sends the emails it owed, none twice."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from pra.adapters.sqlite_store import SqliteRequestStore
from tests.conftest import VALID_REQUEST, read_outbox
from tests.e2e.test_serve import PRA, _wait_until_up
from tests.smtp_server import free_port

pytestmark = pytest.mark.e2e


def start(data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PRA_SITE_DIR": "", "PRA_RATE_LIMITS": "off"}
    command = [str(PRA), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("a") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    _wait_until_up(f"http://127.0.0.1:{port}", server)
    return server


def test_every_acknowledged_request_survives_a_kill_and_its_emails_go_once(
    tmp_path: Path,
) -> None:
    data_dir, port, log = tmp_path / "data", free_port(), tmp_path / "server.log"
    url = f"http://127.0.0.1:{port}"
    server = start(data_dir, port, log)
    acknowledged: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        with requests.Session() as session:
            while True:
                try:
                    answer = session.post(f"{url}/api/requests", json=VALID_REQUEST, timeout=10)
                except requests.RequestException:
                    return  # the server is gone
                if answer.status_code == 201:
                    with lock:
                        acknowledged.append(answer.json()["tracking_number"])

    clients = [threading.Thread(target=submit) for _ in range(8)]
    for client in clients:
        client.start()
    time.sleep(1.5)
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    for client in clients:
        client.join(timeout=30)
    assert len(acknowledged) > 20

    server = start(data_dir, port, log)  # the same folder: a restart after the crash
    try:
        assert requests.get(f"{url}/api/health", timeout=5).ok
    finally:
        server.terminate()
        server.wait(timeout=10)
    stored = {r.tracking_number for r in SqliteRequestStore(data_dir / "pra.sqlite3").requests()}
    assert set(acknowledged) <= stored

    env = {**os.environ, "PRA_RATE_LIMITS": "off"}
    swept = subprocess.run(
        [str(PRA), "sweep", "--data-dir", str(data_dir)], env=env, capture_output=True, timeout=60
    )
    assert swept.returncode == 0, swept.stderr
    mail = read_outbox(data_dir / "outbox")
    acks = Counter(
        str(m["Subject"]).split()[-3] for m in mail if str(m["To"]) == VALID_REQUEST["email"]
    )
    assert max(acks[number] for number in acknowledged) == 1
    # One the killed server had claimed at the instant it died waits out its claim (ten
    # minutes) and goes with a later sweep: still pending, never lost, never twice.
    unsent = {number for number in acknowledged if acks[number] == 0}
    pending = SqliteRequestStore(data_dir / "pra.sqlite3").pending_emails()
    assert unsent <= {e.tracking_number for e in pending if e.kind == "acknowledgement"}
    assert len(unsent) <= 2
    assert len({m["Message-ID"] for m in mail}) == len(mail)
