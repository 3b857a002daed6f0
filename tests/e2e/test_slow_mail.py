"""A mail server that takes seconds to answer never slows a submission to `pra serve`.

The emails are stored with the request, handed to a background sender and sent after the
response; the server below takes 3 s to accept each message.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
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


def test_a_submission_answers_before_a_slow_mail_server_takes_its_emails(tmp_path: Path) -> None:
    collector, smtp_port = SlowCollector(), free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    port = free_port()
    env = {
        **os.environ,
        "PRA_SITE_DIR": str(ROOT / "site"),
        "PRA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PRA_SMTP_HOST": "127.0.0.1",
        "PRA_SMTP_PORT": str(smtp_port),
    }
    command = [str(PRA), "serve", "--port", str(port), "--data-dir", str(tmp_path / "data")]
    with (tmp_path / "server.log").open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process)
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
    finally:
        process.terminate()
        process.wait(timeout=10)
        controller.stop()
