"""Back up and restore the embedded default's data folder: the SQLite database, the files,
the outbox and the secret key, while the server runs.

The database is copied with SQLite's online backup API, which reads one consistent state
even while requests are written (a plain file copy of a database in WAL mode can catch it
half-written). The files are copied after it: a file is stored before the row that names it,
so every file the copied database names is in the copy. On AWS, DynamoDB's point-in-time
recovery and S3 versioning do this instead (infra/README.md).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pra.adapters.sqlite_staff import SCHEMA_VERSION as STAFF_SCHEMA
from pra.adapters.sqlite_store import SCHEMA_VERSION as REQUEST_SCHEMA

DATABASE = "pra.sqlite3"
MANIFEST = "backup.json"
# The database's own files: copied through the backup API, never as files.
_DATABASE_FILES = {DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", f"{DATABASE}-journal"}


class BackupError(Exception):
    """The backup or restore cannot be made as asked; nothing was changed."""


@dataclass(frozen=True)
class BackupReport:
    requests: int
    files: int
    schema: int


def backup(data_dir: Path, destination: Path, now: datetime) -> BackupReport:
    """A consistent copy of `data_dir` in `destination`, a folder that must not exist yet (or be
    empty)."""
    database = data_dir / DATABASE
    if not database.is_file():
        raise BackupError(f"there is no database to back up in {data_dir}")
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: back up into a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    _copy_database(database, destination / DATABASE)
    files = _copy_tree(data_dir, destination)
    report = _describe(destination / DATABASE, files)
    manifest = {"made_at": now.isoformat(), "requests": report.requests, "schema": report.schema}
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return report


def restore(
    source: Path, data_dir: Path, now: datetime, *, replace: bool = False
) -> tuple[BackupReport, Path | None]:
    """Put the backup in `source` back as `data_dir`, after checking it: what it held, and the
    new name of the data folder it replaced (moved aside only when `replace` says so)."""
    report = check(source)
    aside = None
    if data_dir.exists() and any(data_dir.iterdir()):
        if not replace:
            raise BackupError(
                f"{data_dir} already holds data: stop the server and add --replace to move it aside"
            )
        aside = data_dir.with_name(f"{data_dir.name}.before-restore-{now:%Y%m%dT%H%M%S}")
        data_dir.rename(aside)
    data_dir.mkdir(parents=True, exist_ok=True)
    _copy_database(source / DATABASE, data_dir / DATABASE)
    _copy_tree(source, data_dir, skip={MANIFEST})
    return report, aside


def check(source: Path) -> BackupReport:
    """What the backup in `source` holds; BackupError if it is not one this version can use."""
    database = source / DATABASE
    if not database.is_file():
        raise BackupError(f"{source} holds no {DATABASE}: not a backup")
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
            staff = connection.execute(
                "SELECT version FROM schema_versions WHERE component = 'staff'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{database} cannot be read as a database ({error})") from None
    if verdict != "ok":
        raise BackupError(f"{database} is damaged: {verdict}")
    if schema > REQUEST_SCHEMA or (staff and int(staff[0]) > STAFF_SCHEMA):
        raise BackupError(f"{database} comes from a newer version of pra: upgrade pra first")
    return _describe(database, sum(1 for p in source.rglob("*") if p.is_file()))


def _copy_database(source: Path, target: Path) -> None:
    origin = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(target)
    try:
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()


def _copy_tree(source: Path, target: Path, skip: frozenset[str] | set[str] = frozenset()) -> int:
    copied = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if relative.parts[0] in _DATABASE_FILES | set(skip) or path.name.startswith(".tmp-"):
            continue
        if path.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
            copied += 1
    return copied


def _describe(database: Path, files: int) -> BackupReport:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        requests = int(connection.execute("SELECT count(*) FROM requests").fetchone()[0])
        schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()
    return BackupReport(requests, files, schema)
