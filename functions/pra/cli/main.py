"""The `pra` command: serve, sweep, look up requests, and answer "when is this due?"."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pra import logs
from pra.cli import (
    backup,
    demo,
    due,
    records,
    requests,
    serve,
    site_csp,
    staff,
    statistics,
    sweep,
)
from pra.cli.errors import CliError
from pra.config import Settings, SettingsError
from pra.domain.deadlines import DeadlineError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logs.configure()
    try:
        settings = Settings.from_env().with_overrides(
            data_dir=getattr(args, "data_dir", None), stack_name=args.stack, aws_region=args.region
        )
        if settings.stack_name:
            from pra.aws.stack import stack_settings  # boto3 only for a stack

            settings = stack_settings(settings)
        return int(args.run(args, settings))
    except (CliError, SettingsError, DeadlineError) as error:
        print(f"pra: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pra", description="Public Records Act requests.")
    parser.add_argument(
        "--stack",
        metavar="NAME",
        help="act on this deployed AWS stack (its outputs name the table, buckets and region); "
        "or PRA_STACK",
    )
    parser.add_argument("--region", help="the stack's AWS region (default: AWS_REGION)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (serve, sweep, statistics, requests, records, staff, due, demo, backup, site_csp):
        group.add_parser(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
