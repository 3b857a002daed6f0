"""A burst of submissions to `pra serve` while `pra sweep` runs again and again.

Both send to a real SMTP server (aiosmtpd), which keeps every copy it is given: each request
must be stored once and each of its two emails delivered once, never by both senders.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from pra.adapters.sqlite_store import SqliteRequestStore
from tests.e2e.test_serve import PRA
from tests.e2e.test_slow_mail import pra_serve_mailing_to
from tests.smtp_server import smtp_server

pytestmark = pytest.mark.e2e
CLIENTS, EACH = 16, 12

FORM = {
    "description": "Minutes of the library commission, 2026",
    "name": "Load Tester",
    "email": "load.tester@example.org",
}


def test_a_burst_beside_repeated_sweeps_stores_each_request_and_sends_each_email_once(
    tmp_path: Path,
) -> None:
    with smtp_server() as (collector, smtp_port), pra_serve_mailing_to(smtp_port, tmp_path) as url:
        env = {**os.environ, "PRA_SMTP_HOST": "127.0.0.1", "PRA_SMTP_PORT": str(smtp_port)}
        env["PRA_RATE_LIMITS"] = "off"  # the sweep's settings, as the server's
        sweep = [str(PRA), "sweep", "--data-dir", str(tmp_path / "data")]
        bursting, sweeps = threading.Event(), []

        def sweep_while_bursting() -> None:
            while bursting.is_set():
                done = subprocess.run(sweep, env=env, capture_output=True, text=True, timeout=60)
                sweeps.append(done.returncode)

        def client(_: int) -> list[str]:
            with requests.Session() as session:
                return [
                    session.post(f"{url}/api/requests", json=FORM, timeout=30).json()[
                        "tracking_number"
                    ]
                    for _ in range(EACH)
                ]

        bursting.set()
        sweeper = threading.Thread(target=sweep_while_bursting)
        sweeper.start()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            numbers = [number for batch in pool.map(client, range(CLIENTS)) for number in batch]
        bursting.clear()
        sweeper.join()
        subprocess.run(sweep, env=env, check=True, capture_output=True, timeout=60)
        deadline = time.monotonic() + 60
        while len(collector.messages) < 2 * len(numbers) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)  # a duplicate would arrive after the last expected message
        listed = requests.get(f"{url}/api/health", timeout=5)
    assert listed.ok
    assert sweeps and set(sweeps) == {0}, sweeps
    assert len(set(numbers)) == len(numbers) == CLIENTS * EACH
    assert SqliteRequestStore(tmp_path / "data" / "pra.sqlite3").count() == len(numbers)
    copies = Counter(str(message["Message-ID"]) for message in collector.messages)
    assert [m for m, n in copies.items() if n > 1] == [], "emails sent twice"
    assert len(copies) == 2 * len(numbers)
