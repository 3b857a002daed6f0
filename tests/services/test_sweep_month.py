"""A simulated month of the daily sweep, 2026-11-01 to 2026-12-31, on the embedded default.

The sweep runs each morning at 07:00 (twice: the second run must send nothing); the desk acts
at 10:00. It covers Veterans Day, Thanksgiving and the day after, Christmas, and a two-day
outage over Christmas. The table of what went out each day is the expectation below, and is
written to test-artifacts/sweep-month.txt (run with -s to see it printed too).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pra.domain.lifecycle import Action
from pra.services import Services
from tests.services.sweep_support import Sent, act_on, submit_on, sweep_on

ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "sweep-month.txt"
START, END = date(2026, 11, 1), date(2026, 12, 31)
OUTAGE = frozenset({date(2026, 12, 25), date(2026, 12, 26)})  # the sweep did not run

RECEIVED = {
    "PRA-2026-00001": date(2026, 11, 2),
    "PRA-2026-00002": date(2026, 11, 5),
    "PRA-2026-00003": date(2026, 11, 16),
    "PRA-2026-00004": date(2026, 11, 19),
    "PRA-2026-00005": date(2026, 11, 25),
    "PRA-2026-00006": date(2026, 12, 15),
    "PRA-2026-00007": date(2026, 12, 21),
}
DESK = {
    date(2026, 11, 13): ("PRA-2026-00002", Action.SEND_INITIAL_RESPONSE),
    date(2026, 11, 16): ("PRA-2026-00001", Action.RELEASE),
    date(2026, 11, 24): ("PRA-2026-00004", Action.EXTEND),
    date(2026, 11, 30): ("PRA-2026-00003", Action.SEND_INITIAL_RESPONSE),
    date(2026, 12, 7): ("PRA-2026-00005", Action.DENY),
    date(2026, 12, 17): ("PRA-2026-00004", Action.RELEASE),
}
DONE = {
    Action.SEND_INITIAL_RESPONSE: "initial response sent",
    Action.EXTEND: "extended",
    Action.RELEASE: "released",
    Action.DENY: "denied",
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

EXPECTED = """\
The sweep each morning at 07:00; the desk acts at 10:00 (days are America/Los_Angeles).
Requests (reminders 3 and 1 calendar days before the due date):
  PRA-2026-00001  received Mon 2026-11-02, due Thu 2026-11-12
                  released Mon 2026-11-16
  PRA-2026-00002  received Thu 2026-11-05, due Mon 2026-11-16
                  initial response sent Fri 2026-11-13
  PRA-2026-00003  received Mon 2026-11-16, due Mon 2026-11-30
                  initial response sent Mon 2026-11-30
  PRA-2026-00004  received Thu 2026-11-19, due Mon 2026-11-30
                  extended Tue 2026-11-24 (now due Mon 2026-12-14)
                  released Thu 2026-12-17
  PRA-2026-00005  received Wed 2026-11-25, due Mon 2026-12-07
                  denied Mon 2026-12-07
  PRA-2026-00006  received Tue 2026-12-15, due Mon 2026-12-28
  PRA-2026-00007  received Mon 2026-12-21, due Thu 2026-12-31

day             holiday                 emails the sweep sent
Sun 2026-11-01                          -
Mon 2026-11-02                          -
Tue 2026-11-03                          -
Wed 2026-11-04                          -
Thu 2026-11-05                          digest → coordinator: PRA-2026-00001
Fri 2026-11-06                          digest → coordinator: PRA-2026-00001
Sat 2026-11-07                          digest → coordinator: PRA-2026-00001
Sun 2026-11-08                          digest → coordinator: PRA-2026-00001
Mon 2026-11-09                          reminder (3 days left) → coordinator: PRA-2026-00001
                                        digest → coordinator: PRA-2026-00001, PRA-2026-00002
Tue 2026-11-10                          digest → coordinator: PRA-2026-00001, PRA-2026-00002
Wed 2026-11-11  Veterans Day            reminder (1 day left) → coordinator: PRA-2026-00001
                                        digest → coordinator: PRA-2026-00001, PRA-2026-00002
Thu 2026-11-12                          digest → coordinator: PRA-2026-00001, PRA-2026-00002
Fri 2026-11-13                          escalation → director: PRA-2026-00001
                                        reminder (3 days left) → coordinator: PRA-2026-00002
                                        digest → coordinator: PRA-2026-00001, PRA-2026-00002
Sat 2026-11-14                          digest → coordinator: PRA-2026-00001
Sun 2026-11-15                          digest → coordinator: PRA-2026-00001
Mon 2026-11-16                          digest → coordinator: PRA-2026-00001
Tue 2026-11-17                          -
Wed 2026-11-18                          -
Thu 2026-11-19                          -
Fri 2026-11-20                          -
Sat 2026-11-21                          -
Sun 2026-11-22                          -
Mon 2026-11-23                          digest → coordinator: PRA-2026-00003, PRA-2026-00004
Tue 2026-11-24                          digest → coordinator: PRA-2026-00003, PRA-2026-00004
Wed 2026-11-25                          digest → coordinator: PRA-2026-00003
Thu 2026-11-26  Thanksgiving Day        digest → coordinator: PRA-2026-00003
Fri 2026-11-27  Day after Thanksgiving  reminder (3 days left) → coordinator: PRA-2026-00003
                                        digest → coordinator: PRA-2026-00003
Sat 2026-11-28                          digest → coordinator: PRA-2026-00003
Sun 2026-11-29                          reminder (1 day left) → coordinator: PRA-2026-00003
                                        digest → coordinator: PRA-2026-00003
Mon 2026-11-30                          digest → coordinator: PRA-2026-00003, PRA-2026-00005
Tue 2026-12-01                          digest → coordinator: PRA-2026-00005
Wed 2026-12-02                          digest → coordinator: PRA-2026-00005
Thu 2026-12-03                          digest → coordinator: PRA-2026-00005
Fri 2026-12-04                          reminder (3 days left) → coordinator: PRA-2026-00005
                                        digest → coordinator: PRA-2026-00005
Sat 2026-12-05                          digest → coordinator: PRA-2026-00005
Sun 2026-12-06                          reminder (1 day left) → coordinator: PRA-2026-00005
                                        digest → coordinator: PRA-2026-00005
Mon 2026-12-07                          digest → coordinator: PRA-2026-00005, PRA-2026-00004
Tue 2026-12-08                          digest → coordinator: PRA-2026-00004
Wed 2026-12-09                          digest → coordinator: PRA-2026-00004
Thu 2026-12-10                          digest → coordinator: PRA-2026-00004
Fri 2026-12-11                          reminder (3 days left) → coordinator: PRA-2026-00004
                                        digest → coordinator: PRA-2026-00004
Sat 2026-12-12                          digest → coordinator: PRA-2026-00004
Sun 2026-12-13                          reminder (1 day left) → coordinator: PRA-2026-00004
                                        digest → coordinator: PRA-2026-00004
Mon 2026-12-14                          digest → coordinator: PRA-2026-00004
Tue 2026-12-15                          escalation → director: PRA-2026-00004
                                        digest → coordinator: PRA-2026-00004
Wed 2026-12-16                          digest → coordinator: PRA-2026-00004
Thu 2026-12-17                          digest → coordinator: PRA-2026-00004
Fri 2026-12-18                          -
Sat 2026-12-19                          -
Sun 2026-12-20                          -
Mon 2026-12-21                          digest → coordinator: PRA-2026-00006
Tue 2026-12-22                          digest → coordinator: PRA-2026-00006
Wed 2026-12-23                          digest → coordinator: PRA-2026-00006
Thu 2026-12-24                          digest → coordinator: PRA-2026-00006, PRA-2026-00007
Fri 2026-12-25  Christmas Day           (no sweep: outage)
Sat 2026-12-26                          (no sweep: outage)
Sun 2026-12-27                          reminder (1 day left) → coordinator: PRA-2026-00006
                                        digest → coordinator: PRA-2026-00006, PRA-2026-00007
Mon 2026-12-28                          reminder (3 days left) → coordinator: PRA-2026-00007
                                        digest → coordinator: PRA-2026-00006, PRA-2026-00007
Tue 2026-12-29                          escalation → director: PRA-2026-00006
                                        digest → coordinator: PRA-2026-00006, PRA-2026-00007
Wed 2026-12-30                          reminder (1 day left) → coordinator: PRA-2026-00007
                                        digest → coordinator: PRA-2026-00006, PRA-2026-00007
Thu 2026-12-31                          digest → coordinator: PRA-2026-00006, PRA-2026-00007
"""


def simulate(services: Services) -> tuple[dict[date, list[Sent] | None], str]:
    """Each day: the sweep (unless out), then the desk. Returns the emails by day, and a key."""
    by_day: dict[date, list[Sent] | None] = {}
    key: dict[str, list[str]] = {}
    for day in (START + timedelta(days=n) for n in range((END - START).days + 1)):
        by_day[day] = None if day in OUTAGE else _sweep_twice(services, day)
        for number, received in RECEIVED.items():
            if received == day:
                assert submit_on(services, day) == number
                key[number] = [_received(services, number)]
        if day in DESK:
            number, action = DESK[day]
            act_on(services, day, number, action)
            key[number].append(_acted(services, number, action, day))
    return by_day, "\n".join(
        f"  {number if n == 0 else '':<14}  {line}"
        for number, lines in sorted(key.items())
        for n, line in enumerate(lines)
    )


def render(by_day: dict[date, list[Sent] | None], key: str, services: Services) -> str:
    offsets = " and ".join(str(days) for days in services.settings.reminder_days)
    lines = [
        "The sweep each morning at 07:00; the desk acts at 10:00 (days are America/Los_Angeles).",
        f"Requests (reminders {offsets} calendar days before the due date):",
        key,
        "",
        f"{'day':<14}  {'holiday':<22}  emails the sweep sent",
    ]
    for day, sent in by_day.items():
        label = f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"
        holiday = services.calendar.holiday_name(day) or ""
        texts = ["(no sweep: outage)"] if sent is None else [str(s) for s in sent] or ["-"]
        for n, text in enumerate(texts):
            head = f"{label:<14}  {holiday:<22}" if n == 0 else " " * 38
            lines.append(f"{head}  {text}")
    return "\n".join(lines) + "\n"


def test_a_simulated_month_sends_exactly_these_emails(services: Services) -> None:
    by_day, key = simulate(services)
    table = render(by_day, key, services)
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(table, encoding="utf-8")
    print(table)
    assert table == EXPECTED


def test_the_month_leaves_one_history_event_per_reminder_and_escalation(services: Services) -> None:
    simulate(services)
    sweep = {
        number: [e.note for e in services.store.history(number) if e.actor == "system"]
        for number in RECEIVED
    }
    assert sweep == {
        "PRA-2026-00001": [
            "due 2026-11-12, 3-day reminder",
            "due 2026-11-12, 1-day reminder",
            "due 2026-11-12",
        ],
        "PRA-2026-00002": ["due 2026-11-16, 3-day reminder"],
        "PRA-2026-00003": ["due 2026-11-30, 3-day reminder", "due 2026-11-30, 1-day reminder"],
        "PRA-2026-00004": [
            "due 2026-12-14, 3-day reminder",
            "due 2026-12-14, 1-day reminder",
            "due 2026-12-14",
        ],
        "PRA-2026-00005": ["due 2026-12-07, 3-day reminder", "due 2026-12-07, 1-day reminder"],
        # Its 3-day reminder fell in the outage: only the 1-day one went, on the 27th.
        "PRA-2026-00006": ["due 2026-12-28, 1-day reminder", "due 2026-12-28"],
        "PRA-2026-00007": ["due 2026-12-31, 3-day reminder", "due 2026-12-31, 1-day reminder"],
    }


def _sweep_twice(services: Services, day: date) -> list[Sent]:
    sent = sweep_on(services, day)[1]
    again = sweep_on(services, day)[1]
    assert again == [], f"the second sweep on {day} sent {again}"
    return sent


def _received(services: Services, number: str) -> str:
    request = services.store.get(number)
    assert request is not None and request.next_due is not None
    return f"received {_day(RECEIVED[number])}, due {_day(request.next_due)}"


def _acted(services: Services, number: str, action: Action, day: date) -> str:
    request = services.store.get(number)
    assert request is not None
    moved = f" (now due {_day(request.next_due)})" if request.next_due else ""
    return f"{DONE[action]} {_day(day)}{moved}"


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"
