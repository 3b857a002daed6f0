"""A letter already sent, as a PDF to print or post again (its place in the request's list)."""

from __future__ import annotations

from pra.domain.request import HistoryEvent
from pra.letters.pdf import letter_pdf
from pra.services import Services


def letter_as_pdf(
    services: Services, tracking_number: str, position: int, actor: str
) -> tuple[str, bytes] | None:
    """(file name, PDF) of the request's `position`-th letter (from 1), or None. The PDF may
    carry the requester's postal address, so the copy is recorded like any view (Policy 4005)."""
    request = services.store.get(tracking_number)
    if request is None or not 1 <= position <= len(request.letters):
        return None
    letter = request.letters[position - 1]
    settings = services.settings
    pdf = letter_pdf(letter, settings.agency)
    note = f"letter {position} ({letter.kind}) as PDF"
    services.store.append_event(
        tracking_number, HistoryEvent(services.clock.now(), actor, "letter_printed", note)
    )
    return f"{tracking_number}-{position}-{letter.kind}.pdf", pdf
