"""`pra serve`: the site and the API on one port, with the embedded default."""

from __future__ import annotations

import argparse
import dataclasses
import logging
from pathlib import Path
from typing import Any

from pra.cli.errors import CliError
from pra.config import Settings

log = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    """The `serve` subcommand of `pra` (commands: the parser's subparsers)."""
    serve = commands.add_parser("serve", help="serve the site and the API on this machine")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", type=Path, help="where the database, files and outbox live")
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    return serve(settings, args.host, args.port)


# Eight threads run the app; waitress keeps connections apart from them. Its default of 100
# open connections stalled new visitors once about 17 browsers held their six keep-alive
# connections each. 500 stays well under the usual limit of 1,024 open files; idle connections
# are closed after 30 s rather than 120 s.
CONNECTIONS = {"threads": 8, "connection_limit": 500, "channel_timeout": 30}


def serve(settings: Settings, host: str, port: int) -> int:
    import waitress

    from pra.bootstrap import services_for
    from pra.services.outbox import BackgroundSender
    from pra.web import create_app
    from pra.web.compression import compress_text_responses

    if settings.site_dir is not None and not (settings.site_dir / "index.html").exists():
        raise CliError(
            f"no built site in {settings.site_dir}/: run `make site` (or set PRA_SITE_DIR='' "
            "to serve the API alone)"
        )
    services = services_for(settings)
    # Emails go after the response, to SMTP or the outbox folder alike: a mail server that
    # hangs must not hang submissions, and the sending is not the requester's to wait for.
    sender = BackgroundSender(services)
    services = dataclasses.replace(services, send_later=sender.put)
    app = create_app(services=services)
    compress_text_responses(app)  # on AWS, CloudFront compresses instead
    url = f"http://{host}:{port}"
    print(f"PRA portal on {url}/  (API: {url}/api/health)", flush=True)
    print(f"data folder: {settings.data_dir.resolve()}", flush=True)
    if settings.smtp_host:
        print(f"emails sent by SMTP to {settings.smtp_host}:{settings.smtp_port}", flush=True)
    else:
        print(f"emails written to the outbox: {settings.outbox_dir.resolve()}", flush=True)
    try:
        waitress.serve(app, host=host, port=port, ident="pra", **CONNECTIONS)
    except OSError as error:
        raise CliError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    return 0
