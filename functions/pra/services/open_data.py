"""The public request log as open data: one row per listed request, streamed a page at a
time (pra.services.public_log), so the first rows leave at once however many there are.

The columns are facts that identify no one (pra.domain.public_log.RequestFacts) and the
approved summary; site_docs/open-data.md is their data dictionary.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pra.domain.public_log import outcome
from pra.services import Services
from pra.services.public_log import PublicEntry, public_log_page

BATCH = 200  # requests read at once: one BatchGetItem of 100 keys twice on DynamoDB

COLUMNS = (
    "tracking_number",
    "received",
    "acknowledged",
    "channel",
    "summary",
    "status",
    "determination_due",
    "determined",
    "determination_on_time",
    "days_to_determination",
    "extended",
    "extended_to",
    "extension_reason",
    "records_due",
    "records_delivered",
    "records_on_time",
    "days_to_release",
    "appealed",
    "appeal_outcome",
    "closed",
    "outcome",
    "exemptions",
)


def open_data_row(entry: PublicEntry) -> dict[str, Any]:
    """One request as a row: dates as ISO strings, booleans as true/false, None as empty."""
    facts = entry.facts
    return {
        "tracking_number": facts.tracking_number,
        "received": _iso(facts.received_on),
        # The acknowledgement goes out (or is handed over) the day a request is received.
        "acknowledged": _iso(facts.received_on),
        "channel": facts.channel.value,
        "summary": entry.summary,
        "status": facts.status.value,
        "determination_due": _iso(facts.determination_due),
        "determined": _iso(facts.determined_on),
        "determination_on_time": facts.determination_on_time,
        "days_to_determination": facts.days_to_determination,
        "extended": facts.extended_to is not None,
        "extended_to": _iso(facts.extended_to),
        "extension_reason": facts.extension_reason,
        "records_due": _iso(facts.release_due),
        "records_delivered": _iso(facts.released_on),
        "records_on_time": facts.release_on_time,
        "days_to_release": facts.days_to_release,
        "appealed": _iso(facts.appealed_on),
        "appeal_outcome": facts.appeal_outcome,
        "closed": _iso(facts.closed_on),
        "outcome": outcome(facts),
        "exemptions": list(facts.exemptions),
    }


def entries(services: Services) -> Iterator[PublicEntry]:
    """Every listed request, newest first, read a batch at a time as the caller goes on."""
    before: str | None = None
    while True:
        page = public_log_page(services, before, BATCH)
        yield from page.entries
        if page.next_before is None:
            return
        before = page.next_before


def csv_lines(services: Services) -> Iterator[str]:
    """The CSV: its header, then a line a request (RFC 4180, CRLF line ends)."""
    yield _csv_line(COLUMNS)
    for entry in entries(services):
        row = open_data_row(entry)
        yield _csv_line(_csv_value(row[column]) for column in COLUMNS)


def json_chunks(services: Services, licence: dict[str, str], dictionary: str) -> Iterator[str]:
    """The JSON: the licence and the data dictionary's address, then the requests, one array
    element a chunk, so a reader may stream it too."""
    head = {"licence": licence, "data_dictionary": dictionary}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "requests": ['
    first = True
    for entry in entries(services):
        yield ("\n" if first else ",\n") + json.dumps(open_data_row(entry), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _csv_line(values: Any) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(list(values))
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    text = str(value)
    # A cell a spreadsheet would run as a formula is kept as text (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# Where the published copies live: under public/, which CloudFront serves from S3 itself.
CSV_KEY = "public/open-data/requests.csv"
JSON_KEY = "public/open-data/requests.json"


def licence_and_dictionary(services: Services) -> tuple[dict[str, str], str]:
    """The licence (agency.toml's [open_data]) and the data dictionary's address."""
    settings = services.settings
    licence = {
        "name": settings.agency.open_data.licence,
        "url": settings.agency.open_data.licence_url,
    }
    return licence, f"{settings.public_url}/open-data/"


def publish_open_data(services: Services) -> int:
    """Write both files to the file store, streamed in parts (memory stays flat); the number
    of requests written. On AWS a function's answer may not exceed 6 MB and is not streamed,
    so the daily sweep publishes the files and the API sends readers to them."""
    counted = _Counting(csv_lines(services))
    services.files.put_stream(CSV_KEY, _readable(counted), "text/csv; charset=utf-8")
    chunks = json_chunks(services, *licence_and_dictionary(services))
    services.files.put_stream(JSON_KEY, _readable(chunks), "application/json")
    return counted.lines - 1  # less the header


class _Counting:
    def __init__(self, lines: Iterator[str]) -> None:
        self._lines, self.lines = lines, 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.lines += 1
            yield line


def _readable(chunks: Iterable[str]) -> io.BufferedReader:
    return io.BufferedReader(_Reader(chunks), buffer_size=1024 * 1024)


class _Reader(io.RawIOBase):
    """A file to read from a stream of text chunks, encoded as UTF-8 as it is read."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size
