"""Every RequestStore adapter passes these. Add an adapter to ADAPTERS to hold it to them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pra.adapters.sqlite_store import SCHEMA_VERSION, SqliteRequestStore
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.domain.fees import FeeEstimate, Payment
from pra.domain.lifecycle import Status
from pra.domain.patron import Identity, PatronCase, PatronCheck
from pra.domain.request import (
    Appeal,
    Delivery,
    Extension,
    HistoryEvent,
    PraRequest,
    PublicListing,
    RecordFormat,
    SentLetter,
    Submission,
)
from pra.ports import (
    UNASSIGNED,
    DuplicateRequest,
    DuplicateSubmission,
    QueuedEmail,
    RequestStore,
    StaleRequest,
)

PACIFIC = ZoneInfo("America/Los_Angeles")
CALENDAR = BusinessCalendar()


def _sqlite(tmp_path: Path) -> Iterator[RequestStore]:
    yield SqliteRequestStore(tmp_path / "store.sqlite3")


def _dynamodb(tmp_path: Path) -> Iterator[RequestStore]:
    from pra.adapters.dynamodb_store import DynamoRequestStore
    from tests.aws.resources import TABLE, OneCallAtATime, mocked_aws

    with mocked_aws() as aws:
        yield DynamoRequestStore(OneCallAtATime(aws.dynamodb), TABLE)


ADAPTERS: dict[str, Callable[[Path], Iterator[RequestStore]]] = {
    "sqlite": _sqlite,
    "dynamodb": _dynamodb,
}


@pytest.fixture(params=sorted(ADAPTERS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RequestStore]:
    yield from ADAPTERS[request.param](tmp_path)


def make_request(number: str, received: date, status: Status = Status.RECEIVED) -> PraRequest:
    return PraRequest(
        tracking_number=number,
        access_code_digest="d" * 64,
        received_at=datetime(received.year, received.month, received.day, 9, 30, tzinfo=PACIFIC),
        deadlines=deadlines_for(received, CALENDAR),
        submission=Submission(
            description="Minutes of the library commission, 2026",
            email="someone@example.org",
            name="Ana Núñez",
        ),
        status=status,
    )


def event(action: str, minute: int = 0) -> HistoryEvent:
    at = datetime(2026, 11, 16, 9, minute, tzinfo=PACIFIC)
    return HistoryEvent(at=at, actor="requester", action=action, note="", public=True)


def email(number: str, kind: str = "acknowledgement") -> QueuedEmail:
    return QueuedEmail(
        id=f"{number}-{kind}", tracking_number=number, kind=kind, message=b"X: 1\n\nhi"
    )


def test_a_stored_request_reads_back_equal(store: RequestStore) -> None:
    stored = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(stored, event("received"), [])
    assert store.get("PRA-2026-00001") == stored


def test_an_unknown_number_reads_as_none(store: RequestStore) -> None:
    assert store.get("PRA-2026-99999") is None


def test_a_number_is_stored_once(store: RequestStore) -> None:
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    with pytest.raises(DuplicateRequest):
        store.add(make_request("PRA-2026-00001", date(2026, 11, 17)), event("received"), [])
    assert store.get("PRA-2026-00001").deadlines.received_date == date(2026, 11, 16)  # type: ignore[union-attr]


def test_a_failed_add_stores_nothing_of_it(store: RequestStore) -> None:
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    with pytest.raises(DuplicateRequest):
        store.add(
            make_request("PRA-2026-00001", date(2026, 11, 17)),
            event("received", 5),
            [email("PRA-2026-00001")],
        )
    assert store.history("PRA-2026-00001") == [event("received")]
    assert store.pending_emails() == []


def test_sequences_count_up_per_year(store: RequestStore) -> None:
    assert [store.allocate_tracking_sequence(2026) for _ in range(3)] == [1, 2, 3]
    assert store.allocate_tracking_sequence(2027) == 1


def test_sequences_are_unique_under_concurrency(store: RequestStore) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda _: store.allocate_tracking_sequence(2026), range(64)))
    assert sorted(numbers) == list(range(1, 65))


def test_history_is_appended_in_order(store: RequestStore) -> None:
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    store.append_event("PRA-2026-00001", event("viewed", 1))
    store.append_event("PRA-2026-00001", event("viewed", 2))
    assert [(e.action, e.at.minute) for e in store.history("PRA-2026-00001")] == [
        ("received", 0),
        ("viewed", 1),
        ("viewed", 2),
    ]


def test_an_event_for_an_unknown_request_is_refused(store: RequestStore) -> None:
    with pytest.raises(KeyError):
        store.append_event("PRA-2026-00404", event("viewed"))


def test_list_filters_by_status_in_received_order(store: RequestStore) -> None:
    store.add(make_request("PRA-2026-00002", date(2026, 11, 17)), event("received"), [])
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    closed = make_request("PRA-2026-00003", date(2026, 11, 18), Status.DENIED)
    store.add(closed, event("received"), [])
    assert [r.tracking_number for r in store.requests()] == [
        "PRA-2026-00001",
        "PRA-2026-00002",
        "PRA-2026-00003",
    ]
    assert [r.tracking_number for r in store.requests(Status.DENIED)] == ["PRA-2026-00003"]


def test_open_due_by_finds_only_open_requests_due_by_the_day(store: RequestStore) -> None:
    # Received 2026-11-16: due 2026-11-30. Received 2026-11-20: due 2026-11-30 as well.
    # Received 2026-11-23: due 2026-12-03. The denied one is closed whatever its dates, and the
    # answered one (initial response sent) owes no determination any more.
    for number, received, status in [
        ("PRA-2026-00001", date(2026, 11, 16), Status.RECEIVED),
        ("PRA-2026-00002", date(2026, 11, 20), Status.AWAITING_REQUESTER),
        ("PRA-2026-00003", date(2026, 11, 23), Status.RECEIVED),
        ("PRA-2026-00004", date(2026, 11, 16), Status.DENIED),
        ("PRA-2026-00005", date(2026, 11, 16), Status.INITIAL_RESPONSE_SENT),
    ]:
        store.add(make_request(number, received, status), event("received"), [])
    due = store.open_due_by(date(2026, 11, 30))
    assert [r.tracking_number for r in due] == ["PRA-2026-00001", "PRA-2026-00002"]
    assert store.open_due_by(date(2026, 11, 29)) == []


NOW = datetime(2026, 11, 16, 10, tzinfo=PACIFIC)


def claimed(store: RequestStore, email_id: str, claim: str = "c1", now: datetime = NOW) -> bool:
    return store.claim_email(email_id, claim, now, now + timedelta(minutes=10))


def test_emails_stay_pending_until_sent(store: RequestStore) -> None:
    ack, notice = email("PRA-2026-00001"), email("PRA-2026-00001", "coordinator_notice")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack, notice])
    assert claimed(store, ack.id) and claimed(store, notice.id)
    assert store.mark_email_failed(ack.id, "c1", NOW, NOW + timedelta(minutes=15))
    assert store.mark_email_sent(notice.id, "c1", NOW)
    assert store.pending_emails() == [
        QueuedEmail(ack.id, "PRA-2026-00001", "acknowledgement", ack.message, attempts=1)
    ]
    tomorrow = NOW + timedelta(days=1)
    assert claimed(store, ack.id, "c2", tomorrow)
    assert store.mark_email_sent(ack.id, "c2", tomorrow)
    assert store.pending_emails() == []


def test_an_email_is_claimed_by_one_sender_at_a_time(store: RequestStore) -> None:
    ack = email("PRA-2026-00001")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack])
    assert claimed(store, ack.id, "server")
    assert not claimed(store, ack.id, "sweep", NOW + timedelta(minutes=9))
    # Only the claimant marks it: a sender whose claim was lost changes nothing.
    assert not store.mark_email_sent(ack.id, "sweep", NOW)
    assert not store.mark_email_failed(ack.id, "sweep", NOW, None)
    assert store.pending_emails() == [ack]
    assert store.mark_email_sent(ack.id, "server", NOW)
    assert not claimed(store, ack.id, "sweep", NOW + timedelta(days=1))  # sent: never again


def test_a_claim_that_expired_can_be_taken_over(store: RequestStore) -> None:
    ack = email("PRA-2026-00001")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack])
    assert claimed(store, ack.id, "died")
    assert claimed(store, ack.id, "sweep", NOW + timedelta(minutes=10))
    assert not store.mark_email_sent(ack.id, "died", NOW)
    assert store.mark_email_sent(ack.id, "sweep", NOW + timedelta(minutes=10))


def test_a_failed_email_is_not_claimed_before_its_retry(store: RequestStore) -> None:
    ack = email("PRA-2026-00001")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack])
    claimed(store, ack.id)
    retry = NOW + timedelta(minutes=15)
    store.mark_email_failed(ack.id, "c1", NOW, retry)
    assert not claimed(store, ack.id, "c2", retry - timedelta(seconds=1))
    # Claims compare instants, whatever time zone the caller's clock is in.
    assert claimed(store, ack.id, "c2", retry.astimezone(ZoneInfo("Asia/Tokyo")))


def test_an_email_given_up_leaves_the_pending_ones_for_good(store: RequestStore) -> None:
    ack, notice = email("PRA-2026-00001"), email("PRA-2026-00001", "coordinator_notice")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack, notice])
    claimed(store, ack.id)
    assert store.mark_email_failed(ack.id, "c1", NOW, None)
    assert store.pending_emails() == [notice]
    assert not claimed(store, ack.id, "c2", NOW + timedelta(days=30))
    assert store.was_queued(ack.id)


def test_of_senders_racing_for_one_email_exactly_one_claims_it(store: RequestStore) -> None:
    ack = email("PRA-2026-00001")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack])
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda n: claimed(store, ack.id, f"sender{n}"), range(16)))
    assert sorted(answers) == [False] * 15 + [True]


def test_queued_email_joins_the_pending_ones(store: RequestStore) -> None:
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    store.queue_email(email("PRA-2026-00001", "deadline_reminder"))
    assert [e.kind for e in store.pending_emails()] == ["deadline_reminder"]


def test_an_email_id_is_queued_once(store: RequestStore) -> None:
    first = email("PRA-2026-00001", "deadline_reminder")
    assert store.queue_email_once(first) is True
    again = dataclasses.replace(first, message=b"X: 2\n\nsecond rendering")
    assert store.queue_email_once(again) is False
    assert store.pending_emails() == [first]


def test_an_email_id_stays_taken_after_it_was_sent(store: RequestStore) -> None:
    first = email("PRA-2026-00001", "deadline_reminder")
    store.queue_email_once(first)
    claimed(store, first.id)
    store.mark_email_sent(first.id, "c1", NOW)
    assert store.queue_email_once(first) is False
    assert store.pending_emails() == []


def test_of_callers_racing_with_one_email_id_exactly_one_queues_it(store: RequestStore) -> None:
    digest = QueuedEmail(id="digest:2026-11-24", tracking_number="", kind="d", message=b"X: 1")
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: store.queue_email_once(digest), range(16)))
    assert sorted(answers) == [False] * 15 + [True]
    assert store.pending_emails() == [digest]


def test_a_saved_state_reads_back_with_its_event_and_emails(store: RequestStore) -> None:
    stored = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(stored, event("received"), [])
    letter = SentLetter(
        "extension", datetime(2026, 11, 20, 9, tzinfo=PACIFIC), "en", "Extension", "Text", "A, B"
    )
    extension = Extension("voluminous", date(2026, 12, 7), date(2026, 11, 20))
    moved = dataclasses.replace(
        stored, status=Status.EXTENDED, letters=(letter,), extension=extension
    )
    store.save(moved, Status.RECEIVED, event("extended", 3), [email("PRA-2026-00001", "x")])
    assert store.get("PRA-2026-00001") == moved
    assert [e.action for e in store.history("PRA-2026-00001")] == ["received", "extended"]
    assert [e.kind for e in store.pending_emails()] == ["x"]
    # The sparse due index follows the new state: extended requests are due on the new date.
    assert store.open_due_by(stored.deadlines.initial_response_due) == []
    assert store.open_due_by(date(2026, 12, 7)) == [moved]


def test_an_appeal_reads_back_and_is_due_on_its_decision_date(store: RequestStore) -> None:
    denied = make_request("PRA-2026-00001", date(2026, 11, 16), Status.DENIED)
    store.add(dataclasses.replace(denied, determined_on=date(2026, 11, 20)), event("received"), [])
    appeal = Appeal(
        received_at=datetime(2026, 12, 4, 16, 59, tzinfo=PACIFIC),
        reasons="The minutes are public.",
        window_closed=date(2026, 11, 30),
        late=True,
        decision_due=date(2026, 12, 14),
    )
    appealed = dataclasses.replace(
        denied, status=Status.APPEALED, determined_on=date(2026, 11, 20), appeal=appeal
    )
    store.save(appealed, Status.DENIED, event("appealed", 4), [])
    assert store.get("PRA-2026-00001") == appealed
    assert store.open_due_by(date(2026, 12, 13)) == []
    assert store.open_due_by(date(2026, 12, 14)) == [appealed]


def test_a_patron_check_fees_and_payments_read_back_equal(store: RequestStore) -> None:
    received = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(received, event("received"), [])
    check = PatronCheck(
        PatronCase.CHILD_13_TO_17,
        Identity.LIBRARY_CARD,
        datetime(2026, 11, 17, 10, 5, tzinfo=PACIFIC),
        "ana@library.example",
        card_last_four="0427",
    )
    fees = FeeEstimate(date(2026, 11, 18), 120, 10, 350, 0, 2500, "Report of 2025 loans")
    payment = Payment(date(2026, 11, 19), 4050, "check 1024")
    changed = dataclasses.replace(
        received, patron_check=check, fees=fees, payments=(payment,), patron_records=True
    )
    store.save(changed, Status.RECEIVED, event("fee_estimate", 5), [])
    assert store.get("PRA-2026-00001") == changed
    assert changed.fee_owed == 0 and received.fee_owed == 0


def test_the_public_listing_and_the_grounds_cited_read_back_equal(store: RequestStore) -> None:
    received = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(received, event("received"), [])
    assert store.get("PRA-2026-00001") == received  # listed, summary pending, nothing cited
    changed = dataclasses.replace(
        received,
        public_listing=PublicListing(summary="Board minutes, 2025", kept_off="Names a minor"),
        exemptions_cited=("personnel", "deliberative"),
    )
    store.save(changed, Status.RECEIVED, event("summary", 5), [])
    assert store.get("PRA-2026-00001") == changed


def test_several_requests_are_read_at_once_by_number(store: RequestStore) -> None:
    for sequence in range(1, 131):  # more than one batch of DynamoDB's BatchGetItem
        number = f"PRA-2026-{sequence:05d}"
        store.add(make_request(number, date(2026, 11, 16)), event("received"), [])
    wanted = [f"PRA-2026-{n:05d}" for n in (130, 2, 77, 2)] + ["PRA-2026-99999"]
    found = store.get_many(wanted)
    assert sorted(r.tracking_number for r in found) == [
        "PRA-2026-00002",
        "PRA-2026-00077",
        "PRA-2026-00130",
    ]
    assert len(store.get_many([f"PRA-2026-{n:05d}" for n in range(1, 131)])) == 130
    assert store.get_many([]) == []


def test_the_last_sequence_of_each_year_is_read_without_taking_one(store: RequestStore) -> None:
    for _ in range(3):
        store.allocate_tracking_sequence(2026)
    store.reserve_tracking_sequences(2025, 40)
    assert store.last_sequences([2024, 2025, 2026]) == {2025: 40, 2026: 3}
    assert store.last_sequences([2026]) == {2026: 3}  # reading took none
    assert store.allocate_tracking_sequence(2026) == 4


def test_a_save_from_a_stale_status_stores_nothing(store: RequestStore) -> None:
    stored = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(stored, event("received"), [])
    closed = dataclasses.replace(stored, status=Status.WITHDRAWN)
    with pytest.raises(StaleRequest):
        store.save(closed, Status.EXTENDED, event("withdrawn", 3), [email("PRA-2026-00001")])
    assert store.get("PRA-2026-00001") == stored
    assert [e.action for e in store.history("PRA-2026-00001")] == ["received"]
    assert store.pending_emails() == []


def test_saving_an_unknown_request_is_refused(store: RequestStore) -> None:
    unknown = make_request("PRA-2026-00404", date(2026, 11, 16))
    with pytest.raises(KeyError):
        store.save(unknown, Status.RECEIVED, event("x"), [])
    assert store.get("PRA-2026-00404") is None


def test_sqlite_schema_is_created_once_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    first = SqliteRequestStore(path)
    first.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    again = SqliteRequestStore(path)
    assert again.schema_version() == SCHEMA_VERSION
    assert again.get("PRA-2026-00001") is not None


def test_sqlite_uses_write_ahead_logging(tmp_path: Path) -> None:
    import sqlite3

    SqliteRequestStore(tmp_path / "store.sqlite3")
    connection = sqlite3.connect(tmp_path / "store.sqlite3")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def _log_requests(store: RequestStore) -> list[PraRequest]:
    """Eleven requests: four open with due dates (two on the same day), seven closed."""
    made = []
    for n in range(1, 12):
        request = make_request(f"PRA-2026-{n:05d}", date(2026, 11, 2) + timedelta(days=n))
        if n > 4:
            request = dataclasses.replace(request, status=Status.NO_RECORDS)
        elif n in {2, 3}:
            request = dataclasses.replace(request, received_at=request.received_at.replace(day=9))
        store.add(request, event("received"), [])
        made.append(request)
    return made


def _log_order(requests: list[PraRequest]) -> list[str]:
    def order(request: PraRequest) -> tuple[bool, date, date, str]:
        due = request.next_due
        received = request.deadlines.received_date
        return (due is None, due or date.max, received, request.tracking_number)

    return [r.tracking_number for r in sorted(requests, key=order)]


@pytest.mark.parametrize("limit", [1, 3, 4, 50])
def test_the_log_pages_through_every_request_once_in_due_order(
    store: RequestStore, limit: int
) -> None:
    made = _log_requests(store)
    seen, after = [], None
    while True:
        page = store.log_page(None, after, limit)
        assert len(page.requests) <= limit
        seen += [r.tracking_number for r in page.requests]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == _log_order(made)
    assert store.count() == 11


def test_a_log_page_filters_by_status_and_counts_it(store: RequestStore) -> None:
    made = _log_requests(store)
    page = store.log_page(Status.NO_RECORDS, None, 5)
    closed = [r for r in made if r.status is Status.NO_RECORDS]
    assert [r.tracking_number for r in page.requests] == _log_order(closed)[:5]
    rest = store.log_page(Status.NO_RECORDS, page.next_after, 5)
    assert [r.tracking_number for r in rest.requests] == _log_order(closed)[5:]
    assert rest.next_after is None
    assert (store.count(Status.NO_RECORDS), store.count(Status.RECEIVED)) == (7, 4)


def test_a_request_moves_in_the_log_and_its_counts_when_it_changes(store: RequestStore) -> None:
    made = _log_requests(store)
    first = made[0]
    closed = dataclasses.replace(first, status=Status.NO_RECORDS)
    store.save(closed, Status.RECEIVED, event("no_records", 5), [])
    assert (store.count(Status.RECEIVED), store.count(Status.NO_RECORDS)) == (3, 8)
    order = [r.tracking_number for r in store.log_page(None, None, 50).requests]
    assert order == _log_order([closed, *made[1:]])
    received = store.log_page(Status.RECEIVED, None, 50).requests
    assert [r.tracking_number for r in received] == _log_order(made[1:4])


def test_a_version_one_database_gets_its_indexes_and_keeps_every_request(
    tmp_path: Path,
) -> None:
    import sqlite3

    from pra.adapters.records import dumps, request_to_dict
    from pra.adapters.sqlite_store import _SCHEMA_V1

    path = tmp_path / "old.sqlite3"
    old = make_request("PRA-2025-00007", date(2025, 3, 4))
    closed = make_request("PRA-2025-00008", date(2025, 3, 5), Status.NO_RECORDS)
    with sqlite3.connect(path) as connection:
        connection.executescript(_SCHEMA_V1)
        for request in (old, closed):
            data = request_to_dict(request)
            connection.execute(
                "INSERT INTO requests VALUES (?, ?, ?, ?, ?)",
                (
                    request.tracking_number,
                    data["status"],
                    data["received_at"],
                    data["next_due"],
                    dumps(data),
                ),
            )
        connection.execute(
            "INSERT INTO emails (id, tracking_number, kind, message, attempts, sent_at) "
            "VALUES ('sent', 'PRA-2025-00007', 'acknowledgement', x'41', 1, '2025-03-04')"
        )
        connection.execute("PRAGMA user_version = 1")
    connection.close()
    store = SqliteRequestStore(path)
    assert store.schema_version() == SCHEMA_VERSION == 7
    assert store.search(["library"], None, None, 10).requests == [old, closed]
    assert store.log_page(None, None, 10).requests == [old, closed]
    assert store.count() == 2
    assert store.closed_with_contacts(date(2025, 3, 5), 10) == [closed]
    assert _stored_message(store, "sent") == b""


def test_reserved_sequences_are_never_given_again(store: RequestStore) -> None:
    assert store.allocate_tracking_sequence(2026) == 1
    assert store.reserve_tracking_sequences(2026, 100) == 2
    assert store.allocate_tracking_sequence(2026) == 102
    assert store.reserve_tracking_sequences(2025, 3) == 1


def test_many_requests_are_stored_with_their_history_and_counted(store: RequestStore) -> None:
    made = [
        dataclasses.replace(
            make_request(f"PRA-2026-{n:05d}", date(2026, 11, 2) + timedelta(days=n)),
            status=Status.NO_RECORDS if n % 2 else Status.RECEIVED,
        )
        for n in range(1, 31)
    ]
    store.add_many([(r, [event("received"), event("no_records", 3)]) for r in made])
    assert store.get("PRA-2026-00017") == made[16]
    assert [e.action for e in store.history("PRA-2026-00017")] == ["received", "no_records"]
    assert (store.count(), store.count(Status.NO_RECORDS)) == (30, 15)
    assert len(store.log_page(None, None, 100).requests) == 30
    with pytest.raises(DuplicateRequest):
        store.add_many([(made[0], [event("received")])])
    assert store.count() == 30


def test_events_appended_together_join_each_requests_history(store: RequestStore) -> None:
    for n in (1, 2):
        store.add(make_request(f"PRA-2026-0000{n}", date(2026, 11, 16)), event("received"), [])
    exported = event("exported_contacts", 9)
    store.append_events([("PRA-2026-00001", exported), ("PRA-2026-00002", exported)])
    for n in (1, 2):
        assert [e.action for e in store.history(f"PRA-2026-0000{n}")] == [
            "received",
            "exported_contacts",
        ]


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["minutes"], ["PRA-2026-00001", "PRA-2026-00003"]),
        (["Commission", "MIN"], ["PRA-2026-00001"]),
        (["minutes", "bookmobile"], []),
        (["00002"], ["PRA-2026-00002"]),
        (['"quoted*'], []),
    ],
)
def test_word_search_finds_each_word_as_a_prefix_in_log_order(
    store: RequestStore, words: list[str], found: list[str]
) -> None:
    descriptions = [
        "Minutes of the library commission",
        "Budget of the bookmobile",
        "Facilities minutes, 2025",
    ]
    for n, description in enumerate(descriptions, start=1):
        request = make_request(f"PRA-2026-0000{n}", date(2026, 11, 16))
        request = dataclasses.replace(
            request, submission=request.submission.model_copy(update={"description": description})
        )
        store.add(request, event("received"), [])
    page = store.search(words, None, None, 10)
    assert [r.tracking_number for r in page.requests] == found


def test_word_search_pages_and_filters_by_status(store: RequestStore) -> None:
    made = _log_requests(store)
    first = store.search(["library"], None, None, 4)
    rest = store.search(["library"], None, first.next_after, 20)
    assert [r.tracking_number for r in first.requests + rest.requests] == _log_order(made)
    assert rest.next_after is None
    closed = store.search(["commission"], Status.NO_RECORDS, None, 20)
    assert len(closed.requests) == 7


def test_an_email_id_once_queued_is_known_queued_even_after_it_is_sent(
    store: RequestStore,
) -> None:
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    assert not store.was_queued("PRA-2026-00001-reminder")
    store.queue_email(email("PRA-2026-00001", "reminder"))
    assert store.was_queued("PRA-2026-00001-reminder")
    assert claimed(store, "PRA-2026-00001-reminder")
    assert store.mark_email_sent("PRA-2026-00001-reminder", "c1", NOW)
    assert store.was_queued("PRA-2026-00001-reminder")


def test_an_idempotency_key_stores_one_request(store: RequestStore) -> None:
    first = make_request("PRA-2026-00001", date(2026, 11, 16))
    assert store.submitted_with("key-0123456789abcdef") is None
    store.add(first, event("received"), [email("PRA-2026-00001")], "key-0123456789abcdef")
    assert store.submitted_with("key-0123456789abcdef") == "PRA-2026-00001"
    second = make_request("PRA-2026-00002", date(2026, 11, 16))
    with pytest.raises(DuplicateSubmission) as refused:
        store.add(second, event("received"), [email("PRA-2026-00002")], "key-0123456789abcdef")
    assert refused.value.tracking_number == "PRA-2026-00001"
    assert store.get("PRA-2026-00002") is None
    assert [e.tracking_number for e in store.pending_emails()] == ["PRA-2026-00001"]
    store.add(second, event("received"), [], "another-key-0123456789")
    assert store.get("PRA-2026-00002") == second


def test_of_requests_racing_with_one_key_exactly_one_is_stored(store: RequestStore) -> None:
    def add(n: int) -> bool:
        request = make_request(f"PRA-2026-{n:05d}", date(2026, 11, 16))
        try:
            store.add(request, event("received"), [], "the-same-key-0123456789")
        except DuplicateSubmission:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        stored = list(pool.map(add, range(1, 17)))
    assert stored.count(True) == 1
    assert store.count() == 1


def test_a_write_that_fails_midway_leaves_no_half_request(store: RequestStore) -> None:
    # The request's last part (an email whose id is taken) is refused: nothing of it stays.
    taken = email("PRA-2026-00001", "coordinator_notice")
    store.queue_email(taken)
    request = make_request("PRA-2026-00002", date(2026, 11, 16))
    with pytest.raises(Exception):  # noqa: B017 - each store names its refusal its own way
        store.add(request, event("received"), [email("PRA-2026-00002"), taken])
    assert store.get("PRA-2026-00002") is None
    assert store.history("PRA-2026-00002") == []
    assert store.count() == 0
    assert [e.id for e in store.pending_emails()] == [taken.id]


def test_closed_requests_holding_contacts_are_found_by_closing_day(store: RequestStore) -> None:
    # Without letters a closed request closed the day it was received.
    for number, received, status in [
        ("PRA-2026-00001", date(2026, 11, 20), Status.DENIED),
        ("PRA-2026-00002", date(2026, 11, 16), Status.RECEIVED),  # open
        ("PRA-2026-00003", date(2026, 11, 25), Status.NO_RECORDS),
        ("PRA-2026-00004", date(2026, 11, 18), Status.APPEALED),  # open: a decision is owed
        ("PRA-2026-00005", date(2026, 11, 19), Status.WITHDRAWN),
    ]:
        store.add(make_request(number, received, status), event("received"), [])

    def found(closed_by: date, limit: int = 10) -> list[str]:
        return [r.tracking_number for r in store.closed_with_contacts(closed_by, limit)]

    assert found(date(2026, 11, 18)) == []
    assert found(date(2026, 11, 20)) == ["PRA-2026-00005", "PRA-2026-00001"]
    assert found(date(2026, 11, 30)) == ["PRA-2026-00005", "PRA-2026-00001", "PRA-2026-00003"]
    assert found(date(2026, 11, 30), 1) == ["PRA-2026-00005"]


def test_a_request_whose_contacts_were_erased_leaves_that_index_and_reads_back(
    store: RequestStore,
) -> None:
    from pra.domain.retention import without_contacts

    denied = make_request("PRA-2026-00001", date(2026, 11, 20), Status.DENIED)
    store.add(denied, event("received"), [])
    erased = without_contacts(denied, date(2028, 11, 21))
    store.save(erased, Status.DENIED, event("contacts_erased", 5), [])
    assert store.closed_with_contacts(date(2028, 11, 21), 10) == []
    # The form asked for email delivery and no email is left: it still reads back.
    assert store.get("PRA-2026-00001") == erased
    assert erased.submission.email is None and erased.submission.name is None


def test_a_request_that_reopens_leaves_the_closed_ones_and_returns_when_it_closes(
    store: RequestStore,
) -> None:
    denied = make_request("PRA-2026-00001", date(2026, 11, 20), Status.DENIED)
    store.add(denied, event("received"), [])
    appealed = dataclasses.replace(denied, status=Status.APPEALED)
    store.save(appealed, Status.DENIED, event("appealed", 1), [])
    assert store.closed_with_contacts(date(2026, 12, 31), 10) == []
    upheld = dataclasses.replace(appealed, status=Status.APPEAL_DECIDED)
    store.save(upheld, Status.APPEALED, event("appeal_decided", 2), [])
    assert store.closed_with_contacts(date(2026, 12, 31), 10) == [upheld]


def _stored_message(store: RequestStore, email_id: str) -> bytes:
    """What the store still keeps of an email's message (adapter by adapter: the port never
    reads a sent email back)."""
    from pra.adapters.dynamodb_store import DynamoRequestStore

    if isinstance(store, DynamoRequestStore):
        from pra.adapters.dynamodb_items import email_key

        item = store._client.get_item(TableName=store._table, Key=email_key(email_id))["Item"]
        return bytes(item["message"]["B"]) if "message" in item else b""
    assert isinstance(store, SqliteRequestStore)
    with store._connect() as connection:
        row = connection.execute("SELECT message FROM emails WHERE id = ?", (email_id,))
        return bytes(row.fetchone()[0])


def test_an_email_sent_or_given_up_is_no_longer_kept_addressed(store: RequestStore) -> None:
    ack, notice = email("PRA-2026-00001"), email("PRA-2026-00001", "coordinator_notice")
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [ack, notice])
    assert claimed(store, ack.id) and claimed(store, notice.id)
    assert store.mark_email_failed(notice.id, "c1", NOW, NOW + timedelta(minutes=15))
    assert _stored_message(store, notice.id) == notice.message  # kept to try again
    assert store.mark_email_sent(ack.id, "c1", NOW)
    assert _stored_message(store, ack.id) == b""
    assert claimed(store, notice.id, "c2", NOW + timedelta(hours=1))
    assert store.mark_email_failed(notice.id, "c2", NOW + timedelta(hours=1), None)
    assert _stored_message(store, notice.id) == b""
    assert store.was_queued(ack.id) and store.was_queued(notice.id)


def test_the_same_write_retried_after_a_lost_answer_is_stored_once(store: RequestStore) -> None:
    # DynamoDB may commit a write whose answer never arrives; the client then sends it again.
    request = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(request, event("received"), [email("PRA-2026-00001")], "key-0123456789abcdef")
    store.add(request, event("received"), [email("PRA-2026-00001")], "key-0123456789abcdef")
    assert store.get("PRA-2026-00001") == request
    assert store.history("PRA-2026-00001") == [event("received")]
    assert len(store.pending_emails()) == 1
    assert store.count() == 1


def test_a_request_stored_under_older_rules_still_reads_back(store: RequestStore) -> None:
    # Inspecting in person by mail was taken before the rule that now refuses it.
    older = make_request("PRA-2026-00001", date(2026, 11, 16))
    submission = older.submission.model_copy(
        update={"format": RecordFormat.INSPECT, "delivery": Delivery.MAIL}
    )
    stored = dataclasses.replace(older, submission=submission)
    store.add(stored, event("received"), [])
    assert store.get("PRA-2026-00001") == stored


ANA, LEE = "ana.ruiz@library.example", "lee.wong@library.example"


def _assigned_requests(store: RequestStore) -> list[PraRequest]:
    """The eleven of _log_requests, assigned: 1, 4, 6, 8, 10 to Ana, 2 and 9 to Lee."""
    made = []
    for request in _log_requests(store):
        n = int(request.tracking_number[-2:])
        who = ANA if n in {1, 4, 6, 8, 10} else LEE if n in {2, 9} else None
        if who is not None:
            assigned = dataclasses.replace(request, assignee=who)
            store.save(assigned, request.status, event("assigned", n), [])
            request = assigned
        made.append(request)
    return made


def _pages(store: RequestStore, limit: int, **filters: object) -> list[str]:
    seen, after = [], None
    while True:
        page = store.log_page(filters.get("status"), after, limit, filters.get("assignee"))  # type: ignore[arg-type]
        assert len(page.requests) <= limit
        seen += [r.tracking_number for r in page.requests]
        if page.next_after is None:
            return seen
        after = page.next_after


@pytest.mark.parametrize("limit", [1, 2, 50])
def test_the_log_filters_by_assignee_and_pages_in_due_order(
    store: RequestStore, limit: int
) -> None:
    made = _assigned_requests(store)
    anas = [r for r in made if r.assignee == ANA]
    assert _pages(store, limit, assignee=ANA) == _log_order(anas)
    assert _pages(store, limit, assignee=LEE) == ["PRA-2026-00002", "PRA-2026-00009"]
    nobodys = [r for r in made if r.assignee is None]
    assert _pages(store, limit, assignee=UNASSIGNED) == _log_order(nobodys)
    assert _pages(store, limit, assignee="no.one@library.example") == []
    assert _pages(store, limit) == _log_order(made)  # no filter: every request still


def test_the_assignee_filter_combines_with_the_status(store: RequestStore) -> None:
    made = _assigned_requests(store)
    closed_anas = [r for r in made if r.assignee == ANA and r.status is Status.NO_RECORDS]
    assert _pages(store, 1, status=Status.NO_RECORDS, assignee=ANA) == _log_order(closed_anas)
    assert _pages(store, 2, status=Status.RECEIVED, assignee=ANA) == [
        "PRA-2026-00001",
        "PRA-2026-00004",
    ]
    assert _pages(store, 2, status=Status.RECEIVED, assignee=UNASSIGNED) == ["PRA-2026-00003"]
    found = store.search(["commission"], Status.NO_RECORDS, None, 20, UNASSIGNED).requests
    assert [r.tracking_number for r in found] == [
        "PRA-2026-00005",
        "PRA-2026-00007",
        "PRA-2026-00011",
    ]
    assert [r.tracking_number for r in store.search(["library"], None, None, 20, LEE).requests] == [
        "PRA-2026-00002",
        "PRA-2026-00009",
    ]


def test_a_request_moves_between_assignees_and_back_to_no_one(store: RequestStore) -> None:
    request = make_request("PRA-2026-00001", date(2026, 11, 16))
    store.add(request, event("received"), [])
    to_ana = dataclasses.replace(request, assignee=ANA)
    store.save(to_ana, Status.RECEIVED, event("assigned", 1), [])
    to_lee = dataclasses.replace(request, assignee=LEE)
    store.save(to_lee, Status.RECEIVED, event("assigned", 2), [])
    assert store.get("PRA-2026-00001") == to_lee
    assert (_pages(store, 5, assignee=ANA), _pages(store, 5, assignee=LEE)) == (
        [],
        ["PRA-2026-00001"],
    )
    assert _pages(store, 5, assignee=UNASSIGNED) == []
    # A status change keeps the request in its assignee's log, under its new status.
    closed = dataclasses.replace(to_lee, status=Status.NO_RECORDS)
    store.save(closed, Status.RECEIVED, event("no_records", 3), [])
    assert _pages(store, 5, status=Status.NO_RECORDS, assignee=LEE) == ["PRA-2026-00001"]
    assert _pages(store, 5, status=Status.RECEIVED, assignee=LEE) == []
    store.save(dataclasses.replace(closed, assignee=None), Status.NO_RECORDS, event("x", 4), [])
    assert _pages(store, 5, assignee=LEE) == []
    assert _pages(store, 5, assignee=UNASSIGNED) == ["PRA-2026-00001"]


def test_requests_added_many_at_once_are_in_their_assignees_log(store: RequestStore) -> None:
    made = [
        dataclasses.replace(
            make_request(f"PRA-2026-{n:05d}", date(2026, 11, 2) + timedelta(days=n)),
            assignee=ANA if n % 3 == 0 else None,
        )
        for n in range(1, 10)
    ]
    store.add_many([(r, [event("received")]) for r in made])
    assert _pages(store, 2, assignee=ANA) == ["PRA-2026-00003", "PRA-2026-00006", "PRA-2026-00009"]
    assert len(_pages(store, 2, assignee=UNASSIGNED)) == 6


def test_a_version_six_database_learns_who_each_request_is_assigned_to(tmp_path: Path) -> None:
    import sqlite3

    from pra.adapters.records import contacts_key, dumps, log_key, request_to_dict
    from pra.adapters.sqlite_store import _MIGRATIONS

    path = tmp_path / "v6.sqlite3"
    assigned = dataclasses.replace(make_request("PRA-2026-00001", date(2026, 11, 16)), assignee=ANA)
    unassigned = make_request("PRA-2026-00002", date(2026, 11, 17))
    # A database as version 6 made it: no assignee column nor its indexes (the JSON has it).
    with sqlite3.connect(path) as connection:
        for number in range(1, 7):
            connection.executescript(_MIGRATIONS[number])
        for request in (assigned, unassigned):
            data = request_to_dict(request)
            connection.execute(
                "INSERT INTO requests (tracking_number, status, received_at, next_due, body, "
                "log_key, contacts_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    request.tracking_number,
                    data["status"],
                    data["received_at"],
                    data["next_due"],
                    dumps(data),
                    log_key(request),
                    contacts_key(request),
                ),
            )
        connection.execute("PRAGMA user_version = 6")
    connection.close()
    store = SqliteRequestStore(path)
    assert store.schema_version() == 7
    assert _pages(store, 1, assignee=ANA) == ["PRA-2026-00001"]
    assert _pages(store, 1, assignee=UNASSIGNED) == ["PRA-2026-00002"]
    assert store.get("PRA-2026-00001") == assigned


def test_sqlite_reads_an_assignees_page_from_its_index(tmp_path: Path) -> None:
    store = SqliteRequestStore(tmp_path / "store.sqlite3")
    with store._connect() as connection:
        for status, assignee in [(None, ANA), ("received", ANA), (None, None), ("denied", None)]:
            where = "log_key > ?" + (" AND status = ?" if status else "")
            where += " AND assignee = ?" if assignee else " AND assignee IS NULL"
            params = [""] + ([status] if status else []) + ([assignee] if assignee else [])
            plan = connection.execute(
                f"EXPLAIN QUERY PLAN SELECT body FROM requests WHERE {where} "
                "ORDER BY log_key LIMIT 51",
                params,
            ).fetchall()
            text = " ".join(str(row[-1]) for row in plan)
            assert "requests_assignee" in text and "TEMP B-TREE" not in text, text
