"""`pra backup DEST` and `pra restore SRC`: the embedded default's data folder, copied while
the server runs and put back after a check (pra.adapters.data_folder)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pra.cli.errors import CliError
from pra.config import Settings


def add_parser(commands: Any) -> None:
    """The `backup` and `restore` subcommands of `pra` (commands: the parser's subparsers)."""
    made = commands.add_parser(
        "backup", help="copy the data folder (database, files, outbox, key) while pra serves"
    )
    made.add_argument("destination", type=Path, help="a new or empty folder")
    made.add_argument("--data-dir", type=Path)
    made.set_defaults(run=_backup)
    back = commands.add_parser("restore", help="check a backup and put it back as the data folder")
    back.add_argument("source", type=Path, help="a folder `pra backup` made")
    back.add_argument(
        "--replace", action="store_true", help="move the current data folder aside first"
    )
    back.add_argument("--data-dir", type=Path)
    back.set_defaults(run=_restore)


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from pra.adapters.data_folder import BackupError, backup

    _embedded_only(settings)
    try:
        report = backup(settings.data_dir, args.destination, datetime.now(UTC))
    except BackupError as error:
        raise CliError(str(error)) from None
    print(f"backed up {report.requests} requests and {report.files} files to {args.destination}")
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from pra.adapters.data_folder import BackupError, restore

    _embedded_only(settings)
    try:
        report, aside = restore(
            args.source, settings.data_dir, datetime.now(UTC), replace=args.replace
        )
    except BackupError as error:
        raise CliError(str(error)) from None
    print(f"restored {report.requests} requests into {settings.data_dir}")
    if aside:
        print(f"the data folder it replaced is kept as {aside}")
    return 0


def _embedded_only(settings: Settings) -> None:
    if settings.table_name:
        raise CliError(
            "on AWS, DynamoDB point-in-time recovery and S3 versioning keep the data: "
            "see infra/README.md"
        )
