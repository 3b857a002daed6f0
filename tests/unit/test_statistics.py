"""Public statistics (issue 16) against a small data set checked by hand.

The data set, as of Tuesday 15 December 2026 (real dates; Thanksgiving is Thursday 26 and
Friday 27 November 2026, judicial holidays, so a request received Monday 16 November has its
10th day on Thanksgiving and is due Monday 30 November):

    A  5 Oct online     due 15 Oct, determined 14 Oct (9 days), released 19 Oct (14 days,
                        promised 20 Oct): released in full, closed 19 Oct
    B 13 Oct email      extended (voluminous) to 6 Nov, determined 5 Nov (23 days, on time),
                        released 13 Nov (31 days, promised 12 Nov: late): in part, closed 13 Nov
    C 20 Oct in person  the requester's own patron records
    D 26 Oct phone      withdrawn 28 Oct
    E  2 Nov online     due 12 Nov, determined 16 Nov (14 days, late): denied; appealed 20 Nov,
                        upheld 30 Nov (closed that day)
    F 16 Nov online     due 30 Nov (Thanksgiving), determined 30 Nov (14 days, on time): no
                        records, closed 30 Nov
    G 16 Nov email      due 30 Nov, determined 24 Nov (8 days): denied; appealed 1 Dec, decision
                        due 11 Dec and not made: open, overdue
    H 23 Nov online     due 3 Dec, nothing sent: open, overdue
    I 25 Nov mail       the requester's own patron records
    J  7 Dec online     due 17 Dec: open
    K  8 Dec online     determined 9 Dec (1 day): released, promised 14 Dec, not handed over:
                        open, overdue
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from pra.domain.lifecycle import Status
from pra.domain.public_log import RequestFacts
from pra.domain.request import Channel
from pra.domain.statistics import (
    Days,
    FewerThan,
    compute,
    final_outcome,
    percentile,
    sensitive_count,
    statistics_json,
)

AS_OF = date(2026, 12, 15)


def facts(
    number: str,
    received: date,
    channel: Channel,
    status: Status,
    due: date,
    **more: object,
) -> RequestFacts:
    values: dict[str, object] = {
        "tracking_number": number,
        "received_on": received,
        "channel": channel,
        "status": status,
        "records_owed": False,
        "patron_records": False,
        "determination_due": due,
        "determined_on": None,
        "extended_to": None,
        "extension_reason": None,
        "release_due": None,
        "released_on": None,
        "appealed_on": None,
        "appeal_outcome": None,
        "closed_on": None,
        "overdue": False,
        "exemptions": (),
    }
    values.update(more)
    return RequestFacts(**values)  # type: ignore[arg-type]


def d(month: int, day: int) -> date:
    return date(2026, month, day)


ONLINE, EMAIL, MAIL, PHONE, IN_PERSON = (
    Channel.ONLINE,
    Channel.EMAIL,
    Channel.MAIL,
    Channel.PHONE,
    Channel.IN_PERSON,
)

DATA = [
    facts("A", d(10, 5), ONLINE, Status.RELEASED, d(10, 15), determined_on=d(10, 14),
          release_due=d(10, 20), released_on=d(10, 19), closed_on=d(10, 19)),
    facts("B", d(10, 13), EMAIL, Status.PARTLY_RELEASED, d(11, 6), determined_on=d(11, 5),
          extended_to=d(11, 6), extension_reason="voluminous", release_due=d(11, 12),
          released_on=d(11, 13), closed_on=d(11, 13)),
    facts("C", d(10, 20), IN_PERSON, Status.RELEASED, d(10, 30), patron_records=True,
          determined_on=d(10, 21), closed_on=d(10, 21)),
    facts("D", d(10, 26), PHONE, Status.WITHDRAWN, d(11, 5), closed_on=d(10, 28)),
    facts("E", d(11, 2), ONLINE, Status.APPEAL_DECIDED, d(11, 12), determined_on=d(11, 16),
          appealed_on=d(11, 20), appeal_outcome="upheld", closed_on=d(11, 30)),
    facts("F", d(11, 16), ONLINE, Status.NO_RECORDS, d(11, 30), determined_on=d(11, 30),
          closed_on=d(11, 30)),
    facts("G", d(11, 16), EMAIL, Status.APPEALED, d(11, 30), determined_on=d(11, 24),
          appealed_on=d(12, 1), overdue=True),
    facts("H", d(11, 23), ONLINE, Status.RECEIVED, d(12, 3), overdue=True),
    facts("I", d(11, 25), MAIL, Status.RECEIVED, d(12, 7), patron_records=True, overdue=True),
    facts("J", d(12, 7), ONLINE, Status.RECEIVED, d(12, 17)),
    facts("K", d(12, 8), ONLINE, Status.RELEASED, d(12, 18), determined_on=d(12, 9),
          release_due=d(12, 14), records_owed=True, overdue=True),
]  # fmt: skip


def by_period() -> dict[str, dict[str, object]]:
    body = statistics_json(compute(DATA, AS_OF))
    return {f["period"]: f for f in body["years"] + body["months"]}


def test_percentiles_are_by_nearest_rank() -> None:
    assert percentile(range(1, 11), 50) == 5  # rank ceil(5.0) = 5: the lower middle value
    assert percentile(range(1, 11), 90) == 9  # rank ceil(9.0) = 9
    assert percentile(range(1, 12), 90) == 10  # rank ceil(9.9) = 10
    assert percentile([14, 8, 23, 14], 50) == 14  # sorted 8 14 14 23: rank 2
    assert percentile([14, 8, 23, 14], 90) == 23  # rank ceil(3.6) = 4
    assert percentile([7], 90) == 7 and percentile([7], 50) == 7
    assert percentile([], 50) is None
    assert Days.of([31, 14]) == Days(2, 14, 31)


def test_october_by_hand() -> None:
    october = by_period()["2026-10"]
    # A, B and D; C (own patron records) only in its own figure.
    assert october["received"] == {
        "total": 3,
        "by_channel": {"online": 1, "email": 1, "mail": 0, "phone": 1, "in_person": 0},
    }
    assert october["patron_records"] == {"fewer_than": 5}
    assert october["determinations"] == {
        "on_time": 1,
        "late": 0,
        "days": {"count": 1, "median": 9, "p90": 9},
    }  # A
    assert october["releases"] == {
        "on_time": 1,
        "late": 0,
        "days": {"count": 1, "median": 14, "p90": 14},
    }  # A
    assert october["extensions"]["total"] == 1  # B, received in October, extended in October
    assert october["extensions"]["by_reason"]["voluminous"] == 1
    assert october["outcomes"] == {
        "released": 1,  # A
        "partly_released": 0,  # B closed in November
        "no_records": 0,
        "denied": 0,
        "withdrawn": 1,  # D
    }
    assert october["appeals"]["total"] == 0
    assert (october["open"], october["overdue"]) == (0, 0)


def test_november_by_hand() -> None:
    november = by_period()["2026-11"]
    assert november["received"] == {
        "total": 4,  # E F G H (I is patron records)
        "by_channel": {"online": 3, "email": 1, "mail": 0, "phone": 0, "in_person": 0},
    }
    assert november["patron_records"] == {"fewer_than": 5}
    # Determined in November: B 23 days (on time, extended), E 14 (late: due 12 Nov),
    # F 14 (on time: due 30 Nov after Thanksgiving), G 8 (on time). Sorted 8 14 14 23.
    assert november["determinations"] == {
        "on_time": 3,
        "late": 1,
        "days": {"count": 4, "median": 14, "p90": 23},
    }
    assert november["releases"] == {
        "on_time": 0,
        "late": 1,
        "days": {"count": 1, "median": 31, "p90": 31},
    }  # B: 13 Oct to 13 Nov, a day after the promise
    assert november["extensions"]["total"] == 0
    assert november["outcomes"] == {
        "released": 0,
        "partly_released": 1,  # B
        "no_records": 1,  # F
        "denied": 1,  # E, upheld on appeal 30 Nov
        "withdrawn": 0,
    }
    assert november["appeals"] == {
        "total": 2,
        "by_outcome": {"upheld": 1, "overturned": 0, "overturned_in_part": 0, "pending": 1},
    }  # E upheld, G pending
    assert (november["open"], november["overdue"]) == (2, 2)  # G and H


def test_december_by_hand() -> None:
    december = by_period()["2026-12"]
    assert december["received"]["total"] == 2  # J and K
    assert december["patron_records"] == 0
    assert december["determinations"] == {
        "on_time": 1,
        "late": 0,
        "days": {"count": 1, "median": 1, "p90": 1},
    }  # K
    assert december["releases"] == {
        "on_time": 0,
        "late": 0,
        "days": {"count": 0, "median": None, "p90": None},
    }
    assert sum(december["outcomes"].values()) == 0
    assert (december["open"], december["overdue"]) == (2, 1)  # J and K; K's records are late


def test_the_year_by_hand() -> None:
    body = statistics_json(compute(DATA, AS_OF))
    year = by_period()["2026"]
    assert year["received"]["total"] == 9
    assert year["received"]["by_channel"] == {
        "online": 6,
        "email": 2,
        "mail": 0,
        "phone": 1,
        "in_person": 0,
    }
    assert year["patron_records"] == {"fewer_than": 5}  # C and I
    # A 9, B 23, E 14, F 14, G 8, K 1: sorted 1 8 9 14 14 23; median rank 3, p90 rank 6.
    assert year["determinations"] == {
        "on_time": 5,
        "late": 1,
        "days": {"count": 6, "median": 9, "p90": 23},
    }
    assert year["releases"] == {
        "on_time": 1,
        "late": 1,
        "days": {"count": 2, "median": 14, "p90": 31},
    }
    assert year["outcomes"] == {
        "released": 1,
        "partly_released": 1,
        "no_records": 1,
        "denied": 1,
        "withdrawn": 1,
    }
    assert year["appeals"]["total"] == 2
    assert (year["open"], year["overdue"]) == (4, 3)  # G H J K; G H K
    assert (body["open"], body["overdue"]) == (4, 3)
    assert [m["period"] for m in body["months"]] == ["2026-12", "2026-11", "2026-10"]
    assert body["percentiles"] == "nearest-rank" and body["as_of"] == "2026-12-15"


def test_no_month_is_missing_between_the_first_request_and_today() -> None:
    body = statistics_json(compute(DATA[:1], date(2027, 2, 3)))
    assert [m["period"] for m in body["months"]] == [
        "2027-02",
        "2027-01",
        "2026-12",
        "2026-11",
        "2026-10",
    ]
    assert [y["period"] for y in body["years"]] == ["2027", "2026"]
    assert statistics_json(compute([], AS_OF))["months"][0]["received"]["total"] == 0


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, FewerThan()), (4, FewerThan()), (5, 5), (12, 12)],
)
def test_patron_record_counts_below_5_are_not_shown(count: int, shown: object) -> None:
    assert sensitive_count(count) == shown
    patron = [
        dataclasses.replace(DATA[2], tracking_number=f"C{n}", received_on=d(9, 1 + n))
        for n in range(count)
    ]
    august = dataclasses.replace(DATA[0], tracking_number="Z", received_on=d(8, 3))
    months = statistics_json(compute([august, *patron, *DATA], AS_OF))["months"]
    september = {f["period"]: f for f in months}["2026-09"]
    assert september["patron_records"] == ({"fewer_than": 5} if shown != count else count)
    # Never in any other figure, where a difference would give their number back.
    assert september["received"]["total"] == 0
    assert sum(september["outcomes"].values()) == 0
    assert september["determinations"]["days"]["count"] == 0


def test_other_small_cells_are_shown_as_they_are() -> None:
    """A channel, an outcome or an appeal says how the library worked, not who asked: 1 is 1."""
    october = by_period()["2026-10"]
    assert october["received"]["by_channel"]["phone"] == 1
    assert october["outcomes"]["withdrawn"] == 1


def test_the_outcome_of_an_upheld_appeal_is_what_was_upheld() -> None:
    upheld = DATA[4]
    assert final_outcome(upheld) == "denied"
    in_part = dataclasses.replace(upheld, release_due=d(11, 20))
    assert final_outcome(in_part) == "partly_released"
    assert final_outcome(DATA[6]) is None  # appealed, not decided: not closed
    assert final_outcome(DATA[10]) is None  # released, records still owed
