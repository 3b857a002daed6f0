"""A request's history as the desk shows it: people by name, and staff views folded.

Every opening of a request is stored as its own event (Policy 4005: accountable access,
pra.staff.viewing); shown one a line they bury the events that matter. So consecutive views
by the same person show as one line with a count and the times of the first and last. This is
presentation only: the store keeps every event, and nothing here reads or writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from pra.domain.request import HistoryEvent
from pra.services.assignment import ASSIGNED, UNASSIGNED
from pra.services.notes import NOTE

VIEWED = "viewed"  # the event of each opening (pra.staff.viewing)


@dataclass(frozen=True)
class HistoryLine:
    """One line of the history table: one event, or several views folded together."""

    at: datetime  # when it happened; for folded views, the last of them
    actor: str  # as stored: a staff email, "system", "requester"…
    who: str  # the actor's name when a staff account has that email, else the actor
    action: str
    what: str  # the action in words, e.g. "viewed ×3", "assigned to Ana Ruiz"
    note: str
    public: bool = False
    count: int = 1  # how many events the line stands for
    first_at: datetime | None = None  # for folded views: the first of them

    @property
    def is_note(self) -> bool:
        return self.action == NOTE


def history_lines(events: Sequence[HistoryEvent], names: Mapping[str, str]) -> list[HistoryLine]:
    """The events oldest first, consecutive views by one person (and from one place: the desk
    or the command line) folded into one line; `names` maps staff emails to names."""
    lines: list[HistoryLine] = []
    run: list[HistoryEvent] = []
    for event in events:
        if run and not _same_viewing(run[-1], event):
            lines.append(_views(run, names))
            run = []
        if event.action == VIEWED:
            run.append(event)
        else:
            lines.append(_line(event, names))
    if run:
        lines.append(_views(run, names))
    return lines


def _same_viewing(last: HistoryEvent, event: HistoryEvent) -> bool:
    return event.action == VIEWED and (event.actor, event.note) == (last.actor, last.note)


def _views(run: list[HistoryEvent], names: Mapping[str, str]) -> HistoryLine:
    last = run[-1]
    if len(run) == 1:
        return _line(last, names)
    return HistoryLine(
        at=last.at,
        actor=last.actor,
        who=names.get(last.actor, last.actor),
        action=VIEWED,
        what=f"{VIEWED} ×{len(run)}",
        note=last.note,
        count=len(run),
        first_at=run[0].at,
    )


def _line(event: HistoryEvent, names: Mapping[str, str]) -> HistoryLine:
    what, note = event.action.replace("_", " "), event.note
    if event.action == ASSIGNED:
        what, note = f"assigned to {names.get(event.note, event.note)}", ""
    elif event.action == UNASSIGNED:
        was = names.get(event.note, event.note)
        what, note = "unassigned", f"was {was}" if was else ""
    if event.public:
        what += " (public)"
    return HistoryLine(
        at=event.at,
        actor=event.actor,
        who=names.get(event.actor, event.actor),
        action=event.action,
        what=what,
        note=note,
        public=event.public,
    )
