"""The public face of the library: a page of records per year, an index, and the Atom feed.

`public/records-YYYY.json` lists a year's public records, newest first; `public/manifest.json`
lists the years (count and address of each page) and, inline, the newest year's records, so
the records page shows the latest releases with one fetch and loads an older year on demand.
Publishing touches only its own year: its cost follows the year's releases, not the library's.

Every file is written whole (a reader never sees half of one). After writing, a rebuild
checks that what it wrote is still there and still complete, and builds again if another
publish slipped in, so two publishes at once lose neither.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pra.domain.records import ReleasedRecord
from pra.services import Services
from pra.services.feed import atom_feed
from pra.services.records_kept import find_record, public_ids

log = logging.getLogger(__name__)
MANIFEST_KEY = "public/manifest.json"
FEED_KEY = "public/feed.atom"
REBUILDS = 5


def page_key(year: int) -> str:
    return f"public/records-{year}.json"


def rebuild(services: Services, change: ReleasedRecord) -> None:
    """Bring the year of `change` (a record published or withdrawn) and the index up to date."""
    year = change.released_on.year
    entries = _rebuild_page(services, year, change)
    for _ in range(REBUILDS):
        stored = services.files.get(MANIFEST_KEY)
        index = _index(services, stored, year, entries)
        data, feed = _dump(index), atom_feed(services, index["records"])
        # The feed is checked on its own: another publish may have written its older feed
        # after this one's, even when the index it left is already complete.
        if services.files.get(FEED_KEY) != feed:
            services.files.put(FEED_KEY, feed, "application/atom+xml")
        if data != stored:
            services.files.put(MANIFEST_KEY, data, "application/json")
        # Done when what this wrote is still there and the year's page it was built from has
        # not grown meanwhile (a publish that finished first would be lost otherwise).
        fresh = _read_page(services, year)
        written = services.files.get(MANIFEST_KEY) == data and services.files.get(FEED_KEY) == feed
        if written and fresh == entries:
            return
        entries = fresh
    log.warning("the index changed during %d rebuilds; the next publish settles it", REBUILDS)


def _rebuild_page(
    services: Services, year: int, change: ReleasedRecord | None
) -> list[dict[str, Any]]:
    for _ in range(REBUILDS):
        stored = services.files.get(page_key(year))
        entries = {entry["id"]: entry for entry in _records_of(stored)}
        if change is not None:
            entries.pop(change.id, None)
            if change.public:
                entries[change.id] = entry_of(services, change)
        public = public_ids(services, year)
        for record_id in public - entries.keys():
            record = find_record(services, record_id)
            if record is not None and record.public:
                entries[record_id] = entry_of(services, record)
        for record_id in entries.keys() - public:
            del entries[record_id]
        ordered = sorted(entries.values(), key=lambda e: (e["released_on"], e["id"]), reverse=True)
        data = _dump({"year": year, "records": ordered})
        if data != stored:
            services.files.put(page_key(year), data, "application/json")
        if (
            public_ids(services, year) == entries.keys()
            and services.files.get(page_key(year)) == data
        ):
            return ordered
        change = None
    log.warning("the %d page changed during %d rebuilds", year, REBUILDS)
    return _read_page(services, year)


def _index(
    services: Services, stored: bytes | None, year: int, entries: list[dict[str, Any]]
) -> dict[str, Any]:
    """The years (this one counted afresh, the others as the index had them) and the newest
    year's records inline."""
    counts = {
        item["year"]: item["count"] for item in (json.loads(stored)["years"] if stored else [])
    }
    counts[year] = len(entries)
    years = sorted((y for y, count in counts.items() if count), reverse=True)
    newest = years[0] if years else year
    url = services.settings.public_url
    return {
        "years": [{"year": y, "count": counts[y], "url": f"{url}/{page_key(y)}"} for y in years],
        "records": entries if newest == year else _read_page(services, newest),
    }


def _read_page(services: Services, year: int) -> list[dict[str, Any]]:
    return _records_of(services.files.get(page_key(year)))


def _records_of(stored: bytes | None) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(stored)["records"] if stored else []
    return records


def _dump(value: dict[str, Any]) -> bytes:
    # Compact: json's C encoder writes it, and readers download fewer bytes.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def entry_of(services: Services, record: ReleasedRecord) -> dict[str, Any]:
    """A record as the manifest lists it."""
    url = services.settings.public_url
    return {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "request": record.request,
        "released_on": record.released_on.isoformat(),
        "files": [
            {
                "name": file.name,
                "url": f"{url}/{record.file_key(file.name)}",
                "size": file.size,
                "sha256": file.sha256,
                "type": file.content_type,
            }
            for file in record.files
        ],
    }
