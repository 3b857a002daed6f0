"""The history as the desk shows it: consecutive views by one person fold into one line."""

from __future__ import annotations

from datetime import datetime, timedelta

from pra.domain.request import HistoryEvent
from pra.staff.history import history_lines
from tests.conftest import PACIFIC

ANA, LEE = "ana.ruiz@library.example", "lee.wong@library.example"
NAMES = {ANA: "Ana Ruiz", LEE: "Lee Wong"}
START = datetime(2026, 11, 16, 10, 30, tzinfo=PACIFIC)


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def viewed(actor: str, minutes: int, note: str = "") -> HistoryEvent:
    return HistoryEvent(at(minutes), actor, "viewed", note)


def shown(events: list[HistoryEvent]) -> list[tuple[str, str, str, int]]:
    return [(line.who, line.what, line.note, line.count) for line in history_lines(events, NAMES)]


def test_consecutive_views_by_one_person_are_one_line_with_a_count() -> None:
    events = [viewed(ANA, 0), viewed(ANA, 5), viewed(ANA, 12)]
    [line] = history_lines(events, NAMES)
    assert (line.who, line.what, line.count) == ("Ana Ruiz", "viewed ×3", 3)
    assert (line.first_at, line.at) == (at(0), at(12))  # shown as first … and last …


def test_a_single_view_is_a_line_of_its_own() -> None:
    [line] = history_lines([viewed(ANA, 0)], NAMES)
    assert (line.what, line.count, line.first_at, line.at) == ("viewed", 1, None, at(0))


def test_another_person_or_another_event_between_views_breaks_the_run() -> None:
    events = [
        HistoryEvent(at(-60), "requester", "received", "online form", public=True),
        viewed(ANA, 0),
        viewed(ANA, 1),
        viewed(LEE, 2),
        viewed(ANA, 3),
        HistoryEvent(at(4), ANA, "note", "Asked the branch."),
        viewed(ANA, 5),
        viewed(ANA, 6),
    ]
    assert shown(events) == [
        ("requester", "received (public)", "online form", 1),
        ("Ana Ruiz", "viewed ×2", "", 2),
        ("Lee Wong", "viewed", "", 1),
        ("Ana Ruiz", "viewed", "", 1),
        ("Ana Ruiz", "note", "Asked the branch.", 1),
        ("Ana Ruiz", "viewed ×2", "", 2),
    ]


def test_views_from_the_command_line_fold_apart_from_the_desks() -> None:
    events = [viewed(ANA, 0), viewed(ANA, 1, "cli"), viewed(ANA, 2, "cli")]
    assert shown(events) == [("Ana Ruiz", "viewed", "", 1), ("Ana Ruiz", "viewed ×2", "cli", 2)]


def test_every_event_is_kept_and_none_is_lost_by_folding() -> None:
    events = [viewed(ANA if n % 4 else LEE, n) for n in range(20)]
    assert sum(line.count for line in history_lines(events, NAMES)) == 20


def test_assignments_name_who_assigned_whom() -> None:
    events = [
        HistoryEvent(at(0), LEE, "assigned", ANA),
        HistoryEvent(at(1), ANA, "unassigned", ANA),
        HistoryEvent(at(2), "system", "deadline_reminder", "due 2026-11-30, 3-day reminder"),
    ]
    assert shown(events) == [
        ("Lee Wong", "assigned to Ana Ruiz", "", 1),
        ("Ana Ruiz", "unassigned", "was Ana Ruiz", 1),
        ("system", "deadline reminder", "due 2026-11-30, 3-day reminder", 1),
    ]


def test_people_without_an_account_any_more_are_shown_by_their_address() -> None:
    gone = "former.staff@library.example"
    assert shown([viewed(gone, 0), viewed(gone, 1)]) == [(gone, "viewed ×2", "", 2)]
    assert history_lines([], NAMES) == []
