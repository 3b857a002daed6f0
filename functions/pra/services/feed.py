"""The Atom 1.0 feed of releases, newest first: what feed readers and other sites follow.

feedgen 1.0 drops the rel, type and length of an entry's links, which the enclosures need, so
the feed is one small Jinja template; every value is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from jinja2 import Environment

from pra.domain.records import ReleasedRecord
from pra.services import Services

FEED_SIZE = 50
_TEMPLATE = Environment(autoescape=True, keep_trailing_newline=True).from_string(
    """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>{{ url }}/records/</id>
  <title>{{ agency }}: released records</title>
  <updated>{{ updated }}</updated>
  <author><name>{{ agency }}</name></author>
  <link rel="alternate" type="text/html" href="{{ url }}/records/"/>
  <link rel="self" type="application/atom+xml" href="{{ url }}/api/records/feed.atom"/>
{%- for entry in entries %}
  <entry>
    <id>{{ url }}/records/#{{ entry.record.id }}</id>
    <title>{{ entry.record.title }}</title>
    <updated>{{ entry.updated }}</updated>
    <summary>{{ entry.record.description or entry.record.title }}</summary>
    <link rel="alternate" type="text/html" href="{{ url }}/records/#{{ entry.record.id }}"/>
{%- for file in entry.record.files %}
    <link rel="enclosure" type="{{ file.content_type }}" length="{{ file.size }}" \
href="{{ url }}/{{ entry.record.file_key(file.name) }}" title="{{ file.name }}"/>
{%- endfor %}
  </entry>
{%- endfor %}
</feed>
"""
)


def atom_feed(services: Services, records: Sequence[ReleasedRecord]) -> bytes:
    zone = services.receipt_rules.zone

    def stamp(record: ReleasedRecord) -> str:
        return datetime.combine(record.released_on, time(0), zone).isoformat()

    entries = [{"record": record, "updated": stamp(record)} for record in records[:FEED_SIZE]]
    newest = entries[0]["updated"] if entries else services.clock.now().isoformat()
    return _TEMPLATE.render(
        url=services.settings.public_url,
        agency=services.settings.agency_name,
        updated=newest,
        entries=entries,
    ).encode()
