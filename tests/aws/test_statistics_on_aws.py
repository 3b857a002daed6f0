"""The statistics on DynamoDB and S3 (moto), under the template's roles: the sweep's Lambda
keeps them, an incremental run equals a rebuild, and the API serves them (issue 16)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pra.aws import sweep, wiring
from pra.domain.lifecycle import Status
from pra.services.statistics import STATE_KEY, SUMMARY_KEY, rebuild_statistics
from tests.contract.test_request_store import event, make_request


def test_the_sweep_keeps_the_statistics_on_aws(aws_env: dict[str, str]) -> None:
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    services = wiring.services()
    store = services.store
    for n in range(1, 4):
        assert store.allocate_tracking_sequence(2026) == n
        store.add(make_request(f"PRA-2026-0000{n}", today - timedelta(days=3)), event("r"), [])
    first = sweep.handler({}, None)
    assert first["statistics"] == 3  # the first run reads every request
    closed = store.get("PRA-2026-00001")
    assert closed is not None
    store.save(
        dataclasses.replace(closed, status=Status.WITHDRAWN),
        closed.status,
        event("withdrawn"),
        [],
    )
    assert store.allocate_tracking_sequence(2026) == 4
    store.add(make_request("PRA-2026-00004", today), event("received"), [])
    assert sweep.handler({}, None)["statistics"] == 4  # three open last time, one new
    incremental = json.loads(services.files.get(SUMMARY_KEY) or b"{}")
    assert incremental["open"] == 3
    assert sum(m["outcomes"]["withdrawn"] for m in incremental["months"]) == 1
    assert json.loads(services.files.get(STATE_KEY) or b"{}")["watch"] == [
        "PRA-2026-00002",
        "PRA-2026-00003",
        "PRA-2026-00004",
    ]
    rebuild_statistics(services)
    assert json.loads(services.files.get(SUMMARY_KEY) or b"{}") == incremental


def test_the_api_serves_the_figures_from_s3(aws_env: dict[str, str]) -> None:
    from pra.aws import api

    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    store = wiring.services().store
    store.allocate_tracking_sequence(2026)
    store.add(make_request("PRA-2026-00001", today), event("r"), [])
    sweep.handler({}, None)
    answer = api.build_app().test_client().get("/api/statistics.json")
    assert answer.status_code == 200
    assert answer.get_json()["open"] == 1
