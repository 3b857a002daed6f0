"""The Atom 1.0 feed of releases, newest first: what feed readers and other sites follow.

feedgen 1.0 drops the rel, type and length of an entry's links, which the enclosures need, so
the feed is one small Jinja template; every value is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from jinja2 import Environment

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
    <link rel="enclosure" type="{{ file.type }}" length="{{ file.size }}" \
href="{{ file.url }}" title="{{ file.name }}"/>
{%- endfor %}
  </entry>
{%- endfor %}
</feed>
"""
)


def atom_feed(services: Services, records: Sequence[dict[str, Any]]) -> bytes:
    """The newest records of the manifest (its entries, newest first) as Atom."""
    zone = services.receipt_rules.zone

    def stamp(record: dict[str, Any]) -> str:
        day = date.fromisoformat(record["released_on"])
        return datetime.combine(day, time(0), zone).isoformat()

    entries = [{"record": record, "updated": stamp(record)} for record in records[:FEED_SIZE]]
    newest = entries[0]["updated"] if entries else services.clock.now().isoformat()
    return _TEMPLATE.render(
        url=services.settings.public_url,
        agency=services.settings.agency_name,
        updated=newest,
        entries=entries,
    ).encode()
