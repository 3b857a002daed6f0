"""`pra statistics` and `pra statistics rebuild` (issue 16)."""

from __future__ import annotations

import json
from datetime import date

from pra.cli.main import main
from pra.config import Settings
from pra.services import Services
from pra.services.statistics import SUMMARY_KEY
from tests.services.sweep_support import submit_on


def test_statistics_update_then_rebuild(capsys, services: Services, settings: Settings) -> None:
    submit_on(services, date(2026, 11, 16))
    data_dir = ["--data-dir", str(settings.data_dir)]
    assert main(["statistics", *data_dir]) == 0
    # The first run has no state to start from: it reads every request.
    assert capsys.readouterr().out == "statistics rebuilt: 1 requests read, 1 months written\n"
    assert main(["statistics", "update", *data_dir]) == 0
    assert capsys.readouterr().out == "statistics updated: 1 requests read, 1 months written\n"
    assert main(["statistics", "rebuild", *data_dir]) == 0
    assert capsys.readouterr().out == "statistics rebuilt: 1 requests read, 1 months written\n"
    figures = json.loads(services.files.get(SUMMARY_KEY) or b"{}")
    assert [m["received"]["total"] for m in figures["months"] if m["period"] == "2026-11"] == [1]
