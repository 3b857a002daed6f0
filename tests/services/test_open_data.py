"""The request log's open data: the columns of the data dictionary, every listed request once,
formulas kept as text, streamed a batch at a time (SQLite; clock Monday 16 November 2026)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.open_data import COLUMNS, csv_lines, json_chunks
from pra.services.patron import mark_patron_records
from pra.services.public_log import approve_summary
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST

COORDINATOR = "ana.coordinator@library.example"
DICTIONARY = Path(__file__).resolve().parents[2] / "site_docs" / "open-data.md"


def _submit(services: Services, count: int) -> list[str]:
    return [
        submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
        for _ in range(count)
    ]


def test_the_csv_has_the_dictionarys_columns_and_every_listed_request(services: Services) -> None:
    numbers = _submit(services, 450)  # three batches of 200
    mark_patron_records(services, numbers[10], True, COORDINATOR)
    approve_summary(services, numbers[0], '=HYPERLINK("http://x") minutes', COORDINATOR)
    rows = list(csv.DictReader(io.StringIO("".join(csv_lines(services)))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["tracking_number"] for r in rows] == [
        n for n in reversed(numbers) if n != numbers[10]
    ]
    first = rows[-1]
    assert first["summary"] == '\'=HYPERLINK("http://x") minutes'  # never run as a formula
    assert (first["received"], first["determination_due"], first["extended"]) == (
        "2026-11-16",
        "2026-11-30",
        "false",
    )
    documented = set(re.findall(r"^\| `(\w+)` \|", DICTIONARY.read_text(), re.M))
    assert documented == set(COLUMNS)


def test_the_rows_are_read_as_they_are_sent(services: Services) -> None:
    _submit(services, 3)
    reads: list[int] = []
    store_get_many = services.store.get_many

    def counting(numbers: list[str]) -> list:  # type: ignore[type-arg]
        reads.append(len(numbers))
        return store_get_many(numbers)

    object.__setattr__(services.store, "get_many", counting)
    lines = csv_lines(services)
    assert next(lines).startswith("tracking_number,") and reads == []  # the header: no read
    next(lines)
    assert reads == [3]


def test_the_json_carries_the_licence_and_the_same_rows(services: Services) -> None:
    _submit(services, 2)
    body = json.loads(
        "".join(json_chunks(services, {"name": "CC0", "url": "https://x.example"}, "/open-data/"))
    )
    assert body["licence"] == {"name": "CC0", "url": "https://x.example"}
    assert [r["tracking_number"] for r in body["requests"]] == ["PRA-2026-00002", "PRA-2026-00001"]
    assert set(body["requests"][0]) == set(COLUMNS)


def test_where_answers_cannot_stream_the_sweep_publishes_copies_the_api_links_to(
    services: Services,
) -> None:
    from dataclasses import replace

    from pra.services.sweep import run_sweep
    from pra.web import create_app

    files = replace(services, settings=services.settings.with_overrides(open_data_files=True))
    _submit(files, 3)
    assert run_sweep(files).open_data == 3
    client = create_app(services=files).test_client()
    answer = client.get("/api/open-data/requests.json")
    assert (answer.status_code, answer.headers["Location"]) == (
        302,
        "/public/open-data/requests.json",
    )
    published = client.get("/public/open-data/requests.csv")
    assert published.status_code == 200 and published.mimetype == "text/csv"
    assert published.get_data(as_text=True) == "".join(csv_lines(files))
    assert client.get("/public/open-data/other.csv").status_code == 404
    assert run_sweep(services).open_data == 0  # streamed live: nothing to publish
