"""Internal notes: what staff write on a request for each other, kept in its history.

A note is an event of kind "note", never public: it appears on the desk's request page only,
never on the status page, in an email or letter, nor in a log line (it may quote the request).
"""

from __future__ import annotations

import logging

from pra.domain.request import HistoryEvent
from pra.domain.text import has_hidden_characters
from pra.logs import log_tag
from pra.services import Services

log = logging.getLogger(__name__)
NOTE = "note"
NOTE_MAX = 5000


class NoteRefused(ValueError):
    """The note cannot be kept as written; nothing was stored. The message says why."""


def add_note(services: Services, number: str, text: str, actor: str) -> HistoryEvent:
    """Append the note to the request's history; KeyError if there is no such request."""
    text = text.strip().replace("\r\n", "\n")
    if not text:
        raise NoteRefused("Write the note first.")
    if len(text) > NOTE_MAX:
        raise NoteRefused(f"A note holds at most {NOTE_MAX:,} characters.")
    if has_hidden_characters(text, lines=True):
        raise NoteRefused("Remove the hidden characters from the note.")
    event = HistoryEvent(services.clock.now(), actor, NOTE, text, public=False)
    services.store.append_event(number, event)
    log.info("note added to request %s by %s", number, log_tag(actor))  # never its text
    return event
