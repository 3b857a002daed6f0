"""`pra seed-demo`: fictional requests through the store port, on both stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.domain.lifecycle import Status
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.demo import SEED_DIGEST, SeedRefused, seed_demo
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST


@pytest.fixture(params=["sqlite", "dynamodb"])
def any_store(request: pytest.FixtureRequest, services: Services) -> Iterator[Services]:
    if request.param == "sqlite":
        yield services
        return
    import dataclasses

    from pra.adapters.dynamodb_store import DynamoRequestStore
    from tests.aws.resources import TABLE, mocked_aws

    with mocked_aws() as aws:
        yield dataclasses.replace(services, store=DynamoRequestStore(aws.dynamodb, TABLE))


def test_the_seed_makes_open_and_closed_fictional_requests(any_store: Services) -> None:
    seeded = seed_demo(any_store, 120, 20)
    store = any_store.store
    assert (seeded.requests, seeded.open, store.count()) == (120, 20, 120)
    page = store.log_page(None, None, 120).requests
    assert len(page) == 120 and all(r.access_code_digest == SEED_DIGEST for r in page)
    open_ones = [r for r in page if r.next_due is not None]
    assert len(open_ones) == 20
    assert page[: len(open_ones)] == open_ones  # the log shows the open ones first
    assert {r.status for r in page} >= {Status.RELEASED, Status.RECEIVED}
    assert any(r.submission.language.value == "es" for r in page)
    assert all(r.submission.email and r.submission.email.endswith("@example.org") for r in page)
    years = {r.received_at.year for r in page}
    assert min(years) == 2023 and max(years) == any_store.today().year
    assert len({r.tracking_number for r in page}) == 120
    # A second seed adds to its own requests, numbers continuing.
    seed_demo(any_store, 30, 0)
    assert store.count() == 150


def test_the_seed_refuses_a_store_with_real_requests(services: Services) -> None:
    submit_request(services, parse_submission(VALID_REQUEST))
    with pytest.raises(SeedRefused, match="real requests"):
        seed_demo(services, 10, 2)
    assert services.store.count() == 1


def test_the_command_prints_what_it_seeded_and_refuses_bad_numbers(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pra.cli.main import main

    data = str(settings.data_dir)
    assert main(["seed-demo", "--requests", "50", "--open", "5", "--data-dir", data]) == 0
    assert "seeded 50 fictional requests (5 open)" in capsys.readouterr().out
    assert main(["seed-demo", "--requests", "5", "--open", "9", "--data-dir", data]) == 2
    assert "at most that many open" in capsys.readouterr().err
    assert bootstrap(settings).store.count() == 50
