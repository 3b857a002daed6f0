"""Emails from Jinja templates, English and Spanish, text plus HTML. Imports: no pra layer."""

from __future__ import annotations

import time
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

SUBJECTS = {
    ("acknowledgement", "en"): "Your public records request {tracking_number} was received",
    ("acknowledgement", "es"): "Recibimos su solicitud de registros públicos {tracking_number}",
    ("appeal_received", "en"): "We received your appeal on request {tracking_number}",
    ("withdrawal_confirmed", "en"): "Your request {tracking_number} is withdrawn",
    ("withdrawal_confirmed", "es"): "Su solicitud {tracking_number} está retirada",
    ("appeal_received", "es"): "Recibimos su apelación sobre la solicitud {tracking_number}",
    ("coordinator_notice", "en"): "New public records request {tracking_number}",
    ("deadline_reminder", "en"): "Reminder: {tracking_number} response due {due}",
    ("deadline_escalation", "en"): "Overdue: {tracking_number} response was due {due}",
}


def template_environment(*packages: str) -> Environment:
    """Templates of `packages` first (each from its `templates` folder), then the emails' own."""
    folders = [PackageLoader(package, "templates") for package in (*packages, "pra.emails")]
    return Environment(
        loader=ChoiceLoader(folders),
        # HTML parts escape whatever the requester typed; text parts are not HTML.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


EMAILS = template_environment()


def render_email(
    kind: str,
    language: str,
    context: dict[str, Any],
    *,
    sender: tuple[str, str],
    to: str,
    templates: Environment = EMAILS,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = context.get("subject") or SUBJECTS[(kind, language)].format(**context)
    message["From"] = formataddr(sender)
    message["To"] = to
    message["Date"] = format_datetime(context["now"])
    message["Message-ID"] = f"<{time.time_ns()}.{uuid.uuid4().hex}@pra-portal>"
    message.set_content(templates.get_template(f"{kind}.{language}.txt").render(context))
    html = templates.get_template(f"{kind}.{language}.html").render(context)
    message.add_alternative(html, subtype="html")
    # After the body: set_content drops any Content-* header set before it.
    message["Content-Language"] = language
    return message
