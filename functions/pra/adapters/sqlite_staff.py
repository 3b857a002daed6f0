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
from pra.ports import AccountChange, DuplicateStaff, PasswordReset, StaffAccount

COMPONENT = "staff"
SCHEMA_VERSION = 5

_MIGRATIONS: dict[int, str | tuple[str, ...]] = {
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
    # Who changed which account, what and when; one-time password-reset links by digest.
    5: (
        "CREATE TABLE account_changes (at TEXT NOT NULL, changed_by TEXT NOT NULL, "
        "account TEXT NOT NULL, what TEXT NOT NULL)",
        "CREATE INDEX account_changes_by_account ON account_changes (account, at)",
        "CREATE TABLE password_resets (digest TEXT PRIMARY KEY, email TEXT NOT NULL, "
        "expires_at TEXT NOT NULL, session_version INTEGER NOT NULL, used_at TEXT)",
    ),
}

_COLUMNS = "email, name, title, role, password_hash, phone, active, title_es, session_version"
# Counts untouched this long are dropped as others are written: their locks ended long before.
# Reset links expired this long are dropped as others are added, like DynamoDB's time to live.
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
                migration = _MIGRATIONS[number]
                for statement in (migration,) if isinstance(migration, str) else migration:
                    connection.execute(statement)
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

    def record_account_change(self, change: AccountChange) -> None:
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO account_changes VALUES (?, ?, ?, ?)",
                (utc_text(change.at), change.by, change.account.strip().lower(), change.what),
            )

    def account_changes(self, limit: int, account: str | None = None) -> list[AccountChange]:
        where, arguments = ("WHERE account = ?", [account.strip().lower()]) if account else ("", [])
        with connect(self._path) as connection:
            rows = connection.execute(
                f"SELECT at, changed_by, account, what FROM account_changes {where} "
                "ORDER BY at DESC, rowid DESC LIMIT ?",
                (*arguments, limit),
            ).fetchall()
        return [AccountChange(datetime.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows]

    def add_password_reset(self, reset: PasswordReset) -> None:
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM password_resets WHERE expires_at < ?",
                (utc_text(reset.expires_at - _FORGET_AFTER),),
            )
            connection.execute(
                "INSERT INTO password_resets VALUES (?, ?, ?, ?, NULL)",
                (
                    reset.digest,
                    reset.email.strip().lower(),
                    utc_text(reset.expires_at),
                    reset.session_version,
                ),
            )

    def password_reset(self, digest: str) -> PasswordReset | None:
        with connect(self._path) as connection:
            row = connection.execute(
                "SELECT digest, email, expires_at, session_version, used_at "
                "FROM password_resets WHERE digest = ?",
                (digest,),
            ).fetchone()
        if row is None:
            return None
        used_at = datetime.fromisoformat(row[4]) if row[4] else None
        return PasswordReset(row[0], row[1], datetime.fromisoformat(row[2]), int(row[3]), used_at)

    def use_password_reset(self, digest: str, at: datetime) -> bool:
        with self._transaction() as connection:
            changed = connection.execute(
                "UPDATE password_resets SET used_at = ? "
                "WHERE digest = ? AND used_at IS NULL AND expires_at > ?",
                (utc_text(at), digest, utc_text(at)),
            ).rowcount
        return bool(changed)


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
