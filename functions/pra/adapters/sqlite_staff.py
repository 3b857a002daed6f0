"""StaffStore on SQLite: a table of its own in the request store's database file.

It versions its own schema (a row in `schema_versions`), so the request store's migrations
(PRAGMA user_version) and these never have to agree on a number.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from pathlib import Path

from pra.adapters.records import utc_text
from pra.adapters.sqlite_db import connect, transaction, use_write_ahead_log
from pra.domain.throttle import Failures
from pra.ports import DuplicateStaff, StaffAccount

COMPONENT = "staff"
SCHEMA_VERSION = 4

_MIGRATIONS = {
    1: """
CREATE TABLE staff (
    email TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    failed_signins INTEGER NOT NULL DEFAULT 0,
    last_failed_at TEXT,
    active INTEGER NOT NULL DEFAULT 1
)
""",
    # Letters in Spanish print the Spanish title (blank: the English one).
    2: "ALTER TABLE staff ADD COLUMN title_es TEXT NOT NULL DEFAULT ''",
    # Revocable sessions: a session names the version it began under.
    3: "ALTER TABLE staff ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0",
    # Failed sign-ins per account and client, under digests (the staff columns failed_signins
    # and last_failed_at of versions 1-3 are no longer read).
    4: "CREATE TABLE sign_in_failures "
    "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at TEXT NOT NULL)",
}

_COLUMNS = "email, name, title, role, password_hash, phone, active, title_es, session_version"
# Counts untouched this long are dropped as others are written: their locks ended long before.
_FORGET_AFTER = timedelta(days=1)


class SqliteStaffStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._path)

    def _migrate(self) -> None:
        use_write_ahead_log(self._path)
        with self._transaction() as connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_versions "
                "(component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
            )
            version = self._version(connection)
            for number in range(version + 1, SCHEMA_VERSION + 1):
                connection.execute(_MIGRATIONS[number])
                connection.execute(
                    "INSERT INTO schema_versions VALUES (?, ?) "
                    "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                    (COMPONENT, number),
                )

    @staticmethod
    def _version(connection: sqlite3.Connection) -> int:
        row = connection.execute(
            "SELECT version FROM schema_versions WHERE component = ?", (COMPONENT,)
        ).fetchone()
        return int(row[0]) if row else 0

    def schema_version(self) -> int:
        with connect(self._path) as connection:
            return self._version(connection)

    def add_staff(self, account: StaffAccount) -> None:
        try:
            with self._transaction() as connection:
                connection.execute(
                    f"INSERT INTO staff ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _row(account),
                )
        except sqlite3.IntegrityError:
            raise DuplicateStaff(account.email) from None

    def staff(self, email: str) -> StaffAccount | None:
        # Read on every staff page: no write lock, as the request store's reads.
        with connect(self._path) as connection:
            row = connection.execute(
                f"SELECT {_COLUMNS} FROM staff WHERE email = ?", (email.strip().lower(),)
            ).fetchone()
        return _account(row) if row else None

    def all_staff(self) -> list[StaffAccount]:
        with connect(self._path) as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM staff ORDER BY email").fetchall()
        return [_account(row) for row in rows]

    def update_staff(self, account: StaffAccount) -> None:
        with self._transaction() as connection:
            changed = connection.execute(
                "UPDATE staff SET name = ?, title = ?, role = ?, password_hash = ?, phone = ?, "
                "active = ?, title_es = ? WHERE email = ?",
                (*_row(account)[1:-1], account.email),
            ).rowcount
        if changed == 0:
            raise KeyError(account.email)

    def sign_in_failures(self, key: str) -> Failures:
        with connect(self._path) as connection:
            row = connection.execute(
                "SELECT count, last_at FROM sign_in_failures WHERE key = ?", (key,)
            ).fetchone()
        return Failures(int(row[0]), datetime.fromisoformat(row[1])) if row else Failures()

    def record_sign_in_failures(self, key: str, failures: Failures) -> None:
        with self._transaction() as connection:
            if failures.last_at is None:
                connection.execute("DELETE FROM sign_in_failures WHERE key = ?", (key,))
                return
            connection.execute(
                "INSERT INTO sign_in_failures VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET count = excluded.count, last_at = excluded.last_at",
                (key, failures.count, utc_text(failures.last_at)),
            )
            connection.execute(
                "DELETE FROM sign_in_failures WHERE last_at < ?",
                (utc_text(failures.last_at - _FORGET_AFTER),),
            )

    def end_sessions(self, email: str) -> None:
        with self._transaction() as connection:
            changed = connection.execute(
                "UPDATE staff SET session_version = session_version + 1 WHERE email = ?",
                (email.strip().lower(),),
            ).rowcount
        if changed == 0:
            raise KeyError(email)


def _row(account: StaffAccount) -> tuple[object, ...]:
    return (
        account.email,
        account.name,
        account.title,
        account.role,
        account.password_hash,
        account.phone,
        int(account.active),
        account.title_es,
        account.session_version,
    )


def _account(row: tuple[object, ...]) -> StaffAccount:
    email, name, title, role, password_hash, phone, active, title_es, version = row
    return StaffAccount(
        email=str(email),
        name=str(name),
        title=str(title),
        role=str(role),
        password_hash=str(password_hash),
        phone=str(phone),
        active=bool(active),
        title_es=str(title_es),
        session_version=int(str(version)),
    )
