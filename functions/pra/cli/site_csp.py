"""`pra site-csp`: the Content Security Policy for the built site, as CloudFront must send it.

`pra serve` reads the site's inline-script hashes itself; on AWS the site is served from S3
by CloudFront, which takes the policy as the stack's SiteContentSecurityPolicy parameter:
`sam deploy --parameter-overrides SiteContentSecurityPolicy="$(pra site-csp)"` after
`make site` (a theme upgrade can change the hashes: deploy the site and the policy together).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pra.cli.errors import CliError
from pra.config import Settings


def add_parser(commands: Any) -> None:
    """The `site-csp` subcommand of `pra` (commands: the parser's subparsers)."""
    command = commands.add_parser(
        "site-csp", help="print the site's Content Security Policy (for CloudFront)"
    )
    command.add_argument("--site-dir", type=Path, help="the built site (default: PRA_SITE_DIR)")
    command.set_defaults(run=_print_policy)


def _print_policy(args: argparse.Namespace, settings: Settings) -> int:
    from pra.web.security_headers import content_security_policy, inline_script_hashes

    site = args.site_dir or settings.site_dir
    if site is None or not (site / "index.html").is_file():
        raise CliError(f"no built site at {site}: run `make site` first")
    print(content_security_policy(inline_script_hashes(site)))
    return 0
