"""Marking a request as being about the requester's own patron records (Policy 4005 §III.B).

Such records go to that requester alone: the library refuses to publish anything of the
request, whatever the entry point. The desk suggests the mark when the description reads like
one; the coordinator confirms it, and the history keeps who did.
"""

from __future__ import annotations

import dataclasses

from pra.domain.request import HistoryEvent, PraRequest
from pra.services import Services

MARKED, UNMARKED = "marked_patron_records", "unmarked_patron_records"


def mark_patron_records(services: Services, number: str, marked: bool, actor: str) -> PraRequest:
    request = services.store.get(number)
    if request is None:
        raise KeyError(number)
    if request.patron_records == marked:
        return request
    after = dataclasses.replace(request, patron_records=marked)
    event = HistoryEvent(services.clock.now(), actor, MARKED if marked else UNMARKED)
    services.store.save(after, request.status, event, [])
    return after
