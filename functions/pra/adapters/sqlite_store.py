"""RequestStore on SQLite: the embedded default. One connection per call, WAL mode."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from pathlib import Path

from pra.adapters.records import (
    contacts_key,
    dumps,
    event_from_dict,
    event_to_dict,
    log_key,
    request_from_dict,
    request_to_dict,
    utc_text,
)
from pra.adapters.sqlite_db import connect, transaction, use_write_ahead_log
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest
from pra.ports import (
    UNASSIGNED,
    DuplicateRequest,
    DuplicateSubmission,
    LogPage,
    QueuedEmail,
    StaleRequest,
)

SCHEMA_VERSION = 7

_SCHEMA_V1 = """
CREATE TABLE counters (year INTEGER PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE requests (
    tracking_number TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    received_at TEXT NOT NULL,
    next_due TEXT,
    body TEXT NOT NULL
);
-- Only open requests carry next_due, so the sweep reads them and nothing else.
CREATE INDEX requests_open_by_due ON requests (next_due) WHERE next_due IS NOT NULL;
CREATE INDEX requests_by_status ON requests (status, received_at);
CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_number TEXT NOT NULL REFERENCES requests (tracking_number),
    body TEXT NOT NULL
);
CREATE INDEX history_by_request ON history (tracking_number, id);
CREATE TABLE emails (
    id TEXT PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    message BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at TEXT
);
CREATE INDEX emails_pending ON emails (id) WHERE sent_at IS NULL;
"""

# The log's order as one indexed column, so a page is an index range (see records.log_key).
_SCHEMA_V2 = """
ALTER TABLE requests ADD COLUMN log_key TEXT;
CREATE INDEX requests_log ON requests (log_key);
CREATE INDEX requests_status_log ON requests (status, log_key)
"""

# Word search: the tracking number and description of each request, by the request's rowid;
# contentless (the text stays in the requests table), filled as requests are added.
_SCHEMA_V3 = """
CREATE VIRTUAL TABLE requests_words USING fts5(tracking_number, description, content='');
INSERT INTO requests_words (rowid, tracking_number, description)
    SELECT rowid, tracking_number, json_extract(body, '$.submission.description') FROM requests
"""

# Sending claims (one sender at a time), retries with backoff, and emails given up on, which
# leave the pending ones. Times here are UTC ISO strings, so they compare as text.
_SCHEMA_V4 = """
ALTER TABLE emails ADD COLUMN claim TEXT;
ALTER TABLE emails ADD COLUMN claimed_until TEXT;
ALTER TABLE emails ADD COLUMN retry_at TEXT;
ALTER TABLE emails ADD COLUMN gave_up_at TEXT;
DROP INDEX emails_pending;
CREATE INDEX emails_pending ON emails (id) WHERE sent_at IS NULL AND gave_up_at IS NULL
"""

# Idempotency keys of submissions: a key is unique, written with its request.
_SCHEMA_V5 = """
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""

# Closed requests still holding contacts, by closing day (for the retention schedule); and a
# sent email's addressed message is no longer kept (it was needed only to send it).
_SCHEMA_V6 = """
ALTER TABLE requests ADD COLUMN contacts_key TEXT;
CREATE INDEX requests_contacts_kept ON requests (contacts_key) WHERE contacts_key IS NOT NULL;
UPDATE emails SET message = x'' WHERE sent_at IS NOT NULL OR gave_up_at IS NOT NULL
"""

# Who a request is assigned to, for the log's "Mine" and "Unassigned": each a range of one
# index in the log's order (NULL, assigned to no one, is a value of the index like any other),
# with the status when one is chosen too. Requests stored before come from their JSON.
_SCHEMA_V7 = """
ALTER TABLE requests ADD COLUMN assignee TEXT;
UPDATE requests SET assignee = json_extract(body, '$.assignee');
CREATE INDEX requests_assignee_log ON requests (assignee, log_key);
CREATE INDEX requests_assignee_status_log ON requests (assignee, status, log_key)
"""

_MIGRATIONS = {
    1: _SCHEMA_V1,
    2: _SCHEMA_V2,
    3: _SCHEMA_V3,
    4: _SCHEMA_V4,
    5: _SCHEMA_V5,
    6: _SCHEMA_V6,
    7: _SCHEMA_V7,
}
# Keys older than this are dropped as new ones are written.
KEEP_KEYS = timedelta(days=2)


def _after_day(day: date) -> str:
    """A key just past every contacts_key of `day` ("2026-12-07|…" < "2026-12-07}")."""
    return f"{day.isoformat()}}}"


def _where_assignee(
    where: list[str], params: list[str], assignee: str | None, table: str = ""
) -> None:
    """The condition for the log's assignee filter (None: anyone's, UNASSIGNED: no one's)."""
    if assignee == UNASSIGNED:
        where.append(f"{table}assignee IS NULL")
    elif assignee is not None:
        where.append(f"{table}assignee = ?")
        params.append(assignee)


class SqliteRequestStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self._path)

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._path)

    def _migrate(self) -> None:
        use_write_ahead_log(self._path)
        with self._transaction() as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[number].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                if number in (2, 6):
                    self._fill_keys(connection, with_contacts=number == 6)
                connection.execute(f"PRAGMA user_version = {number}")

    @staticmethod
    def _fill_keys(connection: sqlite3.Connection, *, with_contacts: bool = True) -> None:
        """Requests stored before an index had its column get their place in it."""
        rows = connection.execute("SELECT tracking_number, body FROM requests").fetchall()
        requests = [(request_from_dict(json.loads(body)), number) for number, body in rows]
        connection.executemany(
            "UPDATE requests SET log_key = ? WHERE tracking_number = ?",
            [(log_key(request), number) for request, number in requests],
        )
        if with_contacts:
            connection.executemany(
                "UPDATE requests SET contacts_key = ? WHERE tracking_number = ?",
                [(contacts_key(request), number) for request, number in requests],
            )

    def schema_version(self) -> int:
        with self._connect() as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def allocate_tracking_sequence(self, year: int) -> int:
        with self._transaction() as connection:
            row = connection.execute(
                "INSERT INTO counters (year, value) VALUES (?, 1) "
                "ON CONFLICT (year) DO UPDATE SET value = value + 1 RETURNING value",
                (year,),
            ).fetchone()
        return int(row[0])

    def last_sequences(self, years: Sequence[int]) -> dict[int, int]:
        wanted = list(dict.fromkeys(years))
        marks = ", ".join("?" * len(wanted))
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT year, value FROM counters WHERE year IN ({marks})", wanted
            ).fetchall()
        return {int(year): int(value) for year, value in rows}

    def get_many(self, tracking_numbers: Sequence[str]) -> list[PraRequest]:
        wanted = list(dict.fromkeys(tracking_numbers))
        found: list[PraRequest] = []
        for start in range(0, len(wanted), 500):  # under SQLite's limit of bound values
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            with self._connect() as connection:
                rows = connection.execute(
                    f"SELECT body FROM requests WHERE tracking_number IN ({marks})", chunk
                ).fetchall()
            found += [request_from_dict(json.loads(row[0])) for row in rows]
        return found

    def reserve_tracking_sequences(self, year: int, count: int) -> int:
        with self._transaction() as connection:
            row = connection.execute(
                "INSERT INTO counters (year, value) VALUES (?, ?) "
                "ON CONFLICT (year) DO UPDATE SET value = value + ? RETURNING value",
                (year, count, count),
            ).fetchone()
        return int(row[0]) - count + 1

    def add(
        self,
        request: PraRequest,
        event: HistoryEvent,
        emails: list[QueuedEmail],
        idempotency_key: str | None = None,
    ) -> None:
        try:
            with self._transaction() as connection:
                if idempotency_key is not None:
                    self._insert_key(connection, idempotency_key, request)
                self._insert_request(connection, request)
                self._insert_event(connection, request.tracking_number, event)
                for email in emails:
                    self._insert_email(connection, email)
        except DuplicateSubmission as repeated:
            if repeated.tracking_number != request.tracking_number or not self._holds(request):
                raise
        except sqlite3.IntegrityError:
            if not self._holds(request):
                raise DuplicateRequest(request.tracking_number) from None

    def _holds(self, request: PraRequest) -> bool:
        """Whether `request` is stored as it is: then writing it again (a retry after a lost
        answer) has nothing left to do."""
        return self.get(request.tracking_number) == request

    @staticmethod
    def _insert_key(connection: sqlite3.Connection, key: str, request: PraRequest) -> None:
        received = request.received_at
        connection.execute(
            "DELETE FROM idempotency_keys WHERE created_at < ?", (utc_text(received - KEEP_KEYS),)
        )
        stored = connection.execute(
            "INSERT INTO idempotency_keys VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING "
            "RETURNING tracking_number",
            (key, request.tracking_number, utc_text(received)),
        ).fetchone()
        if stored is None:
            first = connection.execute(
                "SELECT tracking_number FROM idempotency_keys WHERE key = ?", (key,)
            ).fetchone()
            raise DuplicateSubmission(str(first[0]))

    def submitted_with(self, idempotency_key: str) -> str | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT tracking_number FROM idempotency_keys WHERE key = ?", (idempotency_key,)
            ).fetchone()
        return str(row[0]) if row else None

    def add_many(self, requests: list[tuple[PraRequest, list[HistoryEvent]]]) -> None:
        number = ""
        try:
            with self._transaction() as connection:
                for request, events in requests:
                    number = request.tracking_number
                    self._insert_request(connection, request)
                    for event in events:
                        self._insert_event(connection, number, event)
        except sqlite3.IntegrityError:
            raise DuplicateRequest(number) from None

    @staticmethod
    def _insert_request(connection: sqlite3.Connection, request: PraRequest) -> None:
        data = request_to_dict(request)
        cursor = connection.execute(
            "INSERT INTO requests (tracking_number, status, received_at, next_due, body, "
            "log_key, contacts_key, assignee) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                request.tracking_number,
                data["status"],
                data["received_at"],
                data["next_due"],
                dumps(data),
                log_key(request),
                contacts_key(request),
                request.assignee,
            ),
        )
        # The description never changes, so the words are written once, with the request.
        connection.execute(
            "INSERT INTO requests_words (rowid, tracking_number, description) VALUES (?, ?, ?)",
            (cursor.lastrowid, request.tracking_number, request.submission.description),
        )

    def save(
        self,
        request: PraRequest,
        expected_status: Status,
        event: HistoryEvent,
        emails: list[QueuedEmail],
    ) -> None:
        data = request_to_dict(request)
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT status FROM requests WHERE tracking_number = ?", (request.tracking_number,)
            ).fetchone()
            if row is None:
                raise KeyError(request.tracking_number)
            if row[0] != expected_status.value:
                raise StaleRequest(request.tracking_number)
            connection.execute(
                "UPDATE requests SET status = ?, next_due = ?, body = ?, log_key = ?, "
                "contacts_key = ?, assignee = ? WHERE tracking_number = ?",
                (
                    data["status"],
                    data["next_due"],
                    dumps(data),
                    log_key(request),
                    contacts_key(request),
                    request.assignee,
                    request.tracking_number,
                ),
            )
            self._insert_event(connection, request.tracking_number, event)
            for email in emails:
                self._insert_email(connection, email)

    def get(self, tracking_number: str) -> PraRequest | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT body FROM requests WHERE tracking_number = ?", (tracking_number,)
            ).fetchone()
        return request_from_dict(json.loads(row[0])) if row else None

    def requests(self, status: Status | None = None) -> list[PraRequest]:
        query = "SELECT body FROM requests"
        params: tuple[str, ...] = ()
        if status is not None:
            query, params = query + " WHERE status = ?", (status.value,)
        with self._connect() as connection:
            rows = connection.execute(query + " ORDER BY received_at, tracking_number", params)
            return [request_from_dict(json.loads(row[0])) for row in rows]

    def log_page(
        self, status: Status | None, after: str | None, limit: int, assignee: str | None = None
    ) -> LogPage:
        where, params = ["log_key > ?"], [after or ""]
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        _where_assignee(where, params, assignee)
        query = (
            f"SELECT body, log_key FROM requests WHERE {' AND '.join(where)} "
            "ORDER BY log_key LIMIT ?"
        )
        with self._connect() as connection:
            rows = connection.execute(query, (*params, limit + 1)).fetchall()
        page = [request_from_dict(json.loads(row[0])) for row in rows[:limit]]
        return LogPage(page, rows[limit - 1][1] if len(rows) > limit else None)

    def search(
        self,
        words: list[str],
        status: Status | None,
        after: str | None,
        limit: int,
        assignee: str | None = None,
    ) -> LogPage:
        # Each word as a prefix, all required; only the matches are read and sorted.
        terms = [re.sub(r"\W+", " ", word).strip() for word in words]
        query = " AND ".join('"' + term.replace('"', "") + '"*' for term in terms if term)
        if not query:
            return LogPage([], None)
        where, params = ["requests_words MATCH ?", "r.log_key > ?"], [query, after or ""]
        if status is not None:
            where.append("r.status = ?")
            params.append(status.value)
        _where_assignee(where, params, assignee, "r.")
        sql = (
            "SELECT r.body, r.log_key FROM requests_words "
            "JOIN requests r ON r.rowid = requests_words.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY r.log_key LIMIT ?"
        )
        with self._connect() as connection:
            rows = connection.execute(sql, (*params, limit + 1)).fetchall()
        page = [request_from_dict(json.loads(row[0])) for row in rows[:limit]]
        return LogPage(page, rows[limit - 1][1] if len(rows) > limit else None)

    def count(self, status: Status | None = None) -> int:
        query, params = "SELECT count(*) FROM requests", [status.value] if status else []
        if status is not None:
            query += " WHERE status = ?"
        with self._connect() as connection:
            return int(connection.execute(query, params).fetchone()[0])

    def rebuild_log(self) -> int:
        with self._transaction() as connection:
            self._fill_keys(connection)
            connection.execute("UPDATE requests SET assignee = json_extract(body, '$.assignee')")
            return int(connection.execute("SELECT count(*) FROM requests").fetchone()[0])

    def history(self, tracking_number: str) -> list[HistoryEvent]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT body FROM history WHERE tracking_number = ? ORDER BY id",
                (tracking_number,),
            )
            return [event_from_dict(json.loads(row[0])) for row in rows]

    def append_event(self, tracking_number: str, event: HistoryEvent) -> None:
        try:
            with self._transaction() as connection:
                self._insert_event(connection, tracking_number, event)
        except sqlite3.IntegrityError:
            raise KeyError(tracking_number) from None

    def append_events(self, events: list[tuple[str, HistoryEvent]]) -> None:
        number = ""
        try:
            with self._transaction() as connection:
                for number, event in events:
                    self._insert_event(connection, number, event)
        except sqlite3.IntegrityError:
            raise KeyError(number) from None

    def open_due_by(self, day: date) -> list[PraRequest]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT body FROM requests WHERE next_due IS NOT NULL AND next_due <= ? "
                "ORDER BY next_due, tracking_number",
                (day.isoformat(),),
            )
            return [request_from_dict(json.loads(row[0])) for row in rows]

    def closed_with_contacts(self, closed_by: date, limit: int) -> list[PraRequest]:
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT body FROM requests WHERE contacts_key IS NOT NULL AND contacts_key < ? "
                "ORDER BY contacts_key LIMIT ?",
                (_after_day(closed_by), limit),
            )
            return [request_from_dict(json.loads(row[0])) for row in rows]

    def pending_emails(self) -> list[QueuedEmail]:
        with self._connect() as connection:
            # The partial index holds pending emails only; ORDER BY rowid in SQL would make
            # SQLite scan every email ever sent, so the few pending ones are sorted here.
            rows = connection.execute(
                "SELECT rowid, id, tracking_number, kind, message, attempts "
                "FROM emails INDEXED BY emails_pending WHERE sent_at IS NULL AND gave_up_at IS NULL"
            ).fetchall()
        rows.sort(key=lambda row: row[0])
        return [QueuedEmail(r[1], r[2], r[3], bytes(r[4]), r[5]) for r in rows]

    def queue_email(self, email: QueuedEmail) -> None:
        with self._transaction() as connection:
            self._insert_email(connection, email)

    def queue_email_once(self, email: QueuedEmail) -> bool:
        with self._transaction() as connection:
            return self._insert_email(connection, email, once=True)

    def was_queued(self, email_id: str) -> bool:
        with self._connect() as connection:
            row = connection.execute("SELECT 1 FROM emails WHERE id = ?", (email_id,)).fetchone()
        return row is not None

    def claim_email(self, email_id: str, claim: str, now: datetime, until: datetime) -> bool:
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE emails SET claim = ?, claimed_until = ? WHERE id = ? "
                "AND sent_at IS NULL AND gave_up_at IS NULL "
                "AND (claimed_until IS NULL OR claimed_until <= ?) "
                "AND (retry_at IS NULL OR retry_at <= ?)",
                (claim, utc_text(until), email_id, utc_text(now), utc_text(now)),
            )
        return cursor.rowcount == 1

    def mark_email_sent(self, email_id: str, claim: str, at: datetime) -> bool:
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE emails SET sent_at = ?, attempts = attempts + 1, claim = NULL, "
                "claimed_until = NULL, message = x'' WHERE id = ? AND claim = ?",
                (at.isoformat(), email_id, claim),
            )
        return cursor.rowcount == 1

    def mark_email_failed(
        self, email_id: str, claim: str, at: datetime, retry_at: datetime | None
    ) -> bool:
        retry, gave_up = (utc_text(retry_at), None) if retry_at else (None, utc_text(at))
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE emails SET attempts = attempts + 1, claim = NULL, claimed_until = NULL, "
                "retry_at = ?, gave_up_at = ?, "
                "message = CASE WHEN ? IS NULL THEN message ELSE x'' END "
                "WHERE id = ? AND claim = ?",
                (retry, gave_up, gave_up, email_id, claim),
            )
        return cursor.rowcount == 1

    @staticmethod
    def _insert_event(connection: sqlite3.Connection, number: str, event: HistoryEvent) -> None:
        connection.execute(
            "INSERT INTO history (tracking_number, body) VALUES (?, ?)",
            (number, dumps(event_to_dict(event))),
        )

    @staticmethod
    def _insert_email(
        connection: sqlite3.Connection, email: QueuedEmail, *, once: bool = False
    ) -> bool:
        conflict = " ON CONFLICT (id) DO NOTHING" if once else ""
        cursor = connection.execute(
            "INSERT INTO emails (id, tracking_number, kind, message, attempts) "
            "VALUES (?, ?, ?, ?, ?)" + conflict,
            (email.id, email.tracking_number, email.kind, email.message, email.attempts),
        )
        return cursor.rowcount == 1
