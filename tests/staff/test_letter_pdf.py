"""A letter sent, printed again as a PDF from the desk and from the command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.cli.main import main
from pra.config import Settings
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.respond import send_response
from pra.services.submit import submit_request
from tests.letters.test_pdf import PARTIAL, POSTED, pdf_text
from tests.services.test_respond import COORDINATOR, _on


def test_the_desk_and_the_cli_print_a_letter_again_and_record_it(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    clock: FixedClock,
    settings: Settings,
    tmp_path: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    number = submit_request(services, parse_submission(POSTED)).tracking_number
    _on(clock, date(2026, 11, 20))
    send_response(services, number, COORDINATOR, PARTIAL)
    client = signed_in("coordinator")
    assert f"/staff/requests/{number}/letters/1.pdf" in client.get(
        f"/staff/requests/{number}"
    ).get_data(as_text=True)
    answer = client.get(f"/staff/requests/{number}/letters/1.pdf")
    assert (answer.status_code, answer.mimetype) == (200, "application/pdf")
    assert "Pat Caller 12 Oak Street" in pdf_text(answer.data)
    assert client.get(f"/staff/requests/{number}/letters/2.pdf").status_code == 404

    out = tmp_path / "letter.pdf"
    argv = [
        "requests",
        "letter",
        number,
        "1",
        "--pdf",
        str(out),
        "--data-dir",
        str(settings.data_dir),
    ]
    assert main(argv) == 0
    assert "Ana Coordinator, PRA Coordinator" in pdf_text(out.read_bytes())
    argv[3] = "9"
    assert main(argv) == 2
    assert capsys.readouterr().err == f"pra: no letter 9 on request {number}\n"
    printed = [e for e in services.store.history(number) if e.action == "letter_printed"]
    assert [e.note for e in printed] == ["letter 1 (partly_released) as PDF"] * 2
