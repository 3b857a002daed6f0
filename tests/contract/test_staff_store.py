"""Every StaffStore adapter passes these. Add an adapter to ADAPTERS to hold it to them."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pra.adapters.sqlite_staff import SCHEMA_VERSION, SqliteStaffStore
from pra.adapters.sqlite_store import SqliteRequestStore
from pra.domain.throttle import Failures
from pra.ports import AccountChange, DuplicateStaff, PasswordReset, StaffAccount, StaffStore
from tests.contract.test_request_store import event, make_request

PACIFIC = ZoneInfo("America/Los_Angeles")


def _sqlite(tmp_path: Path) -> Iterator[StaffStore]:
    yield SqliteStaffStore(tmp_path / "store.sqlite3")


def _dynamodb(tmp_path: Path) -> Iterator[StaffStore]:
    from pra.adapters.dynamodb_staff import DynamoStaffStore
    from tests.aws.resources import TABLE, mocked_aws

    with mocked_aws() as aws:
        yield DynamoStaffStore(aws.dynamodb, TABLE)


ADAPTERS: dict[str, Callable[[Path], Iterator[StaffStore]]] = {
    "sqlite": _sqlite,
    "dynamodb": _dynamodb,
}


@pytest.fixture(params=sorted(ADAPTERS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StaffStore]:
    yield from ADAPTERS[request.param](tmp_path)


def account(email: str = "ana.coordinator@library.example", **changes: object) -> StaffAccount:
    base = StaffAccount(
        email=email,
        name="Ana Coordinator",
        title="Public Records Coordinator",
        role="coordinator",
        password_hash="scrypt:32768:8:1$salt$" + "ab" * 32,
        phone="707-555-0100",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_stored_account_reads_back_equal(store: StaffStore) -> None:
    store.add_staff(account())
    assert store.staff("ana.coordinator@library.example") == account()


def test_an_account_without_a_phone_reads_back_equal(store: StaffStore) -> None:
    store.add_staff(account(phone=""))
    assert store.staff("ana.coordinator@library.example") == account(phone="")


def test_a_spanish_title_reads_back_and_spanish_letters_print_it(store: StaffStore) -> None:
    store.add_staff(account(title_es="Coordinadora de Registros Públicos"))
    stored = store.staff("ana.coordinator@library.example")
    assert stored is not None
    assert stored.title_in("es") == "Coordinadora de Registros Públicos"
    assert stored.title_in("en") == "Public Records Coordinator"


def test_without_a_spanish_title_spanish_letters_print_the_english_one(store: StaffStore) -> None:
    store.add_staff(account())
    stored = store.staff("ana.coordinator@library.example")
    assert stored is not None and stored.title_in("es") == "Public Records Coordinator"


def test_an_unknown_email_reads_as_none(store: StaffStore) -> None:
    assert store.staff("nobody@library.example") is None


def test_lookups_ignore_case_and_spaces(store: StaffStore) -> None:
    store.add_staff(account())
    assert store.staff("  Ana.Coordinator@Library.Example ") == account()


def test_an_email_is_stored_once(store: StaffStore) -> None:
    store.add_staff(account())
    with pytest.raises(DuplicateStaff):
        store.add_staff(account(name="Someone Else", role="staff"))
    assert store.staff("ana.coordinator@library.example") == account()


def test_all_staff_are_ordered_by_email(store: StaffStore) -> None:
    for email in ["zoe@library.example", "ana@library.example", "mo@library.example"]:
        store.add_staff(account(email))
    assert [a.email for a in store.all_staff()] == [
        "ana@library.example",
        "mo@library.example",
        "zoe@library.example",
    ]


def test_no_staff_is_an_empty_list(store: StaffStore) -> None:
    assert store.all_staff() == []


def test_an_update_replaces_every_field_but_the_email(store: StaffStore) -> None:
    store.add_staff(account())
    changed = account(
        name="Ana B. Coordinator",
        title="Library Director",
        role="director",
        password_hash="scrypt:32768:8:1$other$" + "cd" * 32,
        phone="",
        active=False,
        title_es="Directora de la Biblioteca",
    )
    store.update_staff(changed)
    assert store.staff("ana.coordinator@library.example") == changed


def test_failed_sign_ins_are_kept_by_key_with_their_instant(store: StaffStore) -> None:
    failed_at = datetime(2026, 11, 16, 10, 5, 7, 250, tzinfo=PACIFIC)
    assert store.sign_in_failures("a" * 64) == Failures()
    store.record_sign_in_failures("a" * 64, Failures(3, failed_at))
    store.record_sign_in_failures("b" * 64, Failures(1, failed_at))
    assert store.sign_in_failures("a" * 64) == Failures(3, failed_at)
    assert store.sign_in_failures("b" * 64) == Failures(1, failed_at)
    store.record_sign_in_failures("a" * 64, Failures())
    assert store.sign_in_failures("a" * 64) == Failures()
    assert store.sign_in_failures("b" * 64) == Failures(1, failed_at)


def test_failed_sign_ins_untouched_for_a_day_are_forgotten_by_the_next(
    tmp_path: Path,
) -> None:
    # DynamoDB does the same with the table's time to live (expires_at), which moto does not.
    store = SqliteStaffStore(tmp_path / "pra.sqlite3")
    old = datetime(2026, 11, 14, 10, tzinfo=PACIFIC)
    store.record_sign_in_failures("old", Failures(4, old))
    store.record_sign_in_failures("new", Failures(1, old + timedelta(days=1, minutes=1)))
    assert store.sign_in_failures("old") == Failures()


def test_updating_an_unknown_account_is_refused(store: StaffStore) -> None:
    with pytest.raises(KeyError):
        store.update_staff(account("nobody@library.example"))
    assert store.staff("nobody@library.example") is None


def test_sqlite_staff_share_the_request_database_without_touching_its_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pra.sqlite3"
    requests = SqliteRequestStore(path)
    requests.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    staff = SqliteStaffStore(path)
    staff.add_staff(account())
    again_requests, again_staff = SqliteRequestStore(path), SqliteStaffStore(path)
    assert again_requests.schema_version() == requests.schema_version()
    assert again_requests.get("PRA-2026-00001") is not None
    assert again_staff.schema_version() == SCHEMA_VERSION
    assert again_staff.staff("ana.coordinator@library.example") == account()


def test_sqlite_staff_first_then_requests_still_uses_write_ahead_logging(tmp_path: Path) -> None:
    path = tmp_path / "pra.sqlite3"
    SqliteStaffStore(path)
    SqliteRequestStore(path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = connection.execute("SELECT component, version FROM schema_versions")
        assert versions.fetchall() == [("staff", SCHEMA_VERSION)]
    finally:
        connection.close()


def test_a_staff_table_of_version_one_gains_the_spanish_title_and_keeps_its_accounts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pra.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
        )
        connection.execute("INSERT INTO schema_versions VALUES ('staff', 1)")
        connection.execute(
            "CREATE TABLE staff (email TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT NULL,"
            " role TEXT NOT NULL, password_hash TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '',"
            " failed_signins INTEGER NOT NULL DEFAULT 0, last_failed_at TEXT,"
            " active INTEGER NOT NULL DEFAULT 1)"
        )
        connection.execute(
            "INSERT INTO staff (email, name, title, role, password_hash) VALUES (?, ?, ?, ?, ?)",
            ("old@library.example", "Old Hand", "Branch Manager", "staff", "h"),
        )
    connection.close()
    staff = SqliteStaffStore(path)
    assert staff.schema_version() == SCHEMA_VERSION
    old = staff.staff("old@library.example")
    assert old is not None and (old.title, old.title_es) == ("Branch Manager", "")
    assert old.session_version == 0


def test_ending_sessions_raises_the_version_and_updates_never_lower_it(store: StaffStore) -> None:
    store.add_staff(account())
    read_before = store.staff("ana.coordinator@library.example")
    assert read_before is not None and read_before.session_version == 0
    store.end_sessions("Ana.Coordinator@Library.example")
    store.end_sessions("ana.coordinator@library.example")
    # A sign-in that read the account before and writes its failed count after must not
    # bring a revoked session back.
    store.update_staff(dataclasses.replace(read_before, name="Ana C."))
    stored = store.staff("ana.coordinator@library.example")
    assert stored is not None and (stored.session_version, stored.name) == (2, "Ana C.")


def test_ending_the_sessions_of_an_unknown_account_is_a_key_error(store: StaffStore) -> None:
    with pytest.raises(KeyError):
        store.end_sessions("nobody@library.example")
    assert store.staff("nobody@library.example") is None


def change(
    minutes: int, account: str = "ana@library.example", what: str = "deactivated"
) -> AccountChange:
    at = datetime(2026, 11, 16, 10, tzinfo=PACIFIC) + timedelta(minutes=minutes)
    return AccountChange(at, "dee.director@library.example", account, what)


def test_account_changes_read_back_newest_first_up_to_the_limit(store: StaffStore) -> None:
    assert store.account_changes(10) == []
    for minutes in (0, 5, 2):
        store.record_account_change(change(minutes, what=f"change at {minutes}"))
    assert store.account_changes(10) == [
        change(5, what="change at 5"),
        change(2, what="change at 2"),
        change(0, what="change at 0"),
    ]
    assert store.account_changes(1) == [change(5, what="change at 5")]


def test_account_changes_of_one_account_and_two_at_one_instant(store: StaffStore) -> None:
    store.record_account_change(change(0, "ana@library.example", "role changed"))
    store.record_account_change(change(1, "sam@library.example", "deactivated"))
    store.record_account_change(change(1, "sam@library.example", "activated"))
    store.record_account_change(change(2, "ana@library.example", "activated"))
    # Two at one instant: both, in either order (the log's order is by time only).
    sams = store.account_changes(5, "Sam@Library.example ")
    assert sorted(c.what for c in sams) == ["activated", "deactivated"]
    assert {c.account for c in sams} == {"sam@library.example"}
    assert store.account_changes(1, "ana@library.example") == [
        change(2, "ana@library.example", "activated")
    ]
    assert store.account_changes(5, "nobody@library.example") == []
    assert len(store.account_changes(10)) == 4


def reset(minutes: int = 60, digest: str = "f" * 64) -> PasswordReset:
    expires = datetime(2026, 11, 16, 10, tzinfo=PACIFIC) + timedelta(minutes=minutes)
    return PasswordReset(digest, "ana@library.example", expires, session_version=3)


def test_a_reset_link_reads_back_by_its_digest_and_is_used_once(store: StaffStore) -> None:
    assert store.password_reset("f" * 64) is None
    store.add_password_reset(reset())
    assert store.password_reset("f" * 64) == reset()
    used_at = datetime(2026, 11, 16, 10, 30, 5, 250, tzinfo=PACIFIC)
    assert store.use_password_reset("f" * 64, used_at) is True
    assert store.use_password_reset("f" * 64, used_at) is False
    stored = store.password_reset("f" * 64)
    assert stored == dataclasses.replace(reset(), used_at=used_at)


def test_a_reset_link_is_refused_from_the_instant_it_expires(store: StaffStore) -> None:
    store.add_password_reset(reset(minutes=60))
    expiry = datetime(2026, 11, 16, 11, tzinfo=PACIFIC)
    assert store.use_password_reset("f" * 64, expiry) is False
    assert store.use_password_reset("e" * 64, expiry - timedelta(hours=1)) is False  # unknown
    assert store.use_password_reset("f" * 64, expiry - timedelta(microseconds=1)) is True


def test_two_reset_links_are_kept_apart(store: StaffStore) -> None:
    store.add_password_reset(reset(digest="a" * 64))
    store.add_password_reset(reset(digest="b" * 64))
    assert store.use_password_reset("a" * 64, datetime(2026, 11, 16, 10, 1, tzinfo=PACIFIC))
    still = store.password_reset("b" * 64)
    assert still is not None and still.used_at is None


def test_a_staff_table_of_version_four_gains_the_change_log_and_reset_links(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pra.sqlite3"
    old = SqliteStaffStore(path)
    old.add_staff(account())
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE account_changes")
        connection.execute("DROP TABLE password_resets")
        connection.execute("UPDATE schema_versions SET version = 4 WHERE component = 'staff'")
    connection.close()
    again = SqliteStaffStore(path)
    assert again.schema_version() == SCHEMA_VERSION == 5
    assert again.staff("ana.coordinator@library.example") == account()
    again.record_account_change(change(0))
    again.add_password_reset(reset())
    assert again.account_changes(1) == [change(0)]
