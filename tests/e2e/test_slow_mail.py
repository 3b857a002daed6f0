"""A mail server that is slow, or hangs, never slows a submission to `pra serve`.

The emails are stored with the request, handed to a background sender and sent after the
response. One server below takes 3 s to accept each message; the other accepts connections
and never says a word.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
import requests
from aiosmtpd.controller import Controller

from tests.e2e.test_serve import PRA, ROOT, _wait_until_up
from tests.services.test_privacy import PERSONAL
from tests.smtp_server import Collector, free_port

pytestmark = pytest.mark.e2e
SLOW_SECONDS = 3


class SlowCollector(Collector):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(SLOW_SECONDS)
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def pra_serve_mailing_to(smtp_port: int, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "PRA_SITE_DIR": str(ROOT / "site"),
        "PRA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PRA_SMTP_HOST": "127.0.0.1",
        "PRA_SMTP_PORT": str(smtp_port),
        "PRA_RATE_LIMITS": "off",  # bursts from one address, on purpose
    }
    command = [str(PRA), "serve", "--port", str(port), "--data-dir", str(tmp_path / "data")]
    with (tmp_path / "server.log").open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def silent_mail_server() -> Iterator[int]:
    """Accepts every connection and never answers: the SMTP greeting never comes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with suppress(TimeoutError, OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def test_submissions_and_health_answer_at_once_while_the_mail_server_hangs(
    tmp_path: Path,
) -> None:
    with silent_mail_server() as smtp_port, pra_serve_mailing_to(smtp_port, tmp_path) as url:

        def submit(_: int) -> float:
            started = time.monotonic()
            response = requests.post(f"{url}/api/requests", data=PERSONAL, timeout=30)
            assert response.status_code == 200
            return time.monotonic() - started

        assert submit(0) < 1
        with ThreadPoolExecutor(max_workers=10) as pool:
            waits = list(pool.map(submit, range(10)))
        started = time.monotonic()
        assert requests.get(f"{url}/api/health", timeout=30).ok
        health = time.monotonic() - started
    assert max(waits) < 1, f"submissions waited up to {max(waits):.1f} s"
    assert health < 1, f"the health check waited {health:.1f} s"


def test_a_submission_answers_before_a_slow_mail_server_takes_its_emails(tmp_path: Path) -> None:
    collector, smtp_port = SlowCollector(), free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with pra_serve_mailing_to(smtp_port, tmp_path) as url:
            _submit_and_collect(url, collector)
    finally:
        controller.stop()


def _submit_and_collect(url: str, collector: SlowCollector) -> None:
    started = time.monotonic()
    response = requests.post(f"{url}/api/requests", data=PERSONAL, timeout=30)
    answered = time.monotonic() - started
    assert response.status_code == 200
    assert answered < SLOW_SECONDS, f"the submission waited {answered:.1f} s for the mail"
    deadline = time.monotonic() + 30
    while len(collector.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    subjects = sorted(str(m["Subject"]) for m in collector.messages)
    assert len(subjects) == 2, subjects  # the acknowledgement and the coordinator's notice
    assert any(s.endswith(" was received") for s in subjects), subjects
    # Our internal headers name the request and kind to the mailer; they never travel on.
    assert not [name for m in collector.messages for name in m if name.lower().startswith("x-pra")]
