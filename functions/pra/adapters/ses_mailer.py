"""Mailer on Amazon SES (sesv2 send_email, raw content): the message goes out as rendered.

Every message carries SES tags naming its request and kind, so a bounce or complaint that
SES reports later (through SNS to pra.aws.bounces) can be tied back to the request.
"""

from __future__ import annotations

import re
from email.message import Message
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from pra.emails.headers import (
    KIND_HEADER,
    KIND_TAG,
    TRACKING_HEADER,
    TRACKING_TAG,
    UNKNOWN,
    header_block,
    wire_bytes,
    without_our_headers,
)
from pra.ports import MailerError

# SES refusals that the same message would meet again; throttling, a paused or suspended
# account and service errors pass, so those are retried.
PERMANENT = frozenset(
    {
        "MessageRejected",
        "MailFromDomainNotVerifiedException",
        "BadRequestException",
        "NotFoundException",
    }
)
_TRACKING_NUMBER = re.compile(r"\bPRA-\d{4}-\d{5,}\b")
_NOT_TAG_SAFE = re.compile(r"[^A-Za-z0-9_-]")


class SesMailer:
    def __init__(self, client: Any, from_address: str, configuration_set: str | None) -> None:
        self._client = client
        self._from, self._configuration_set = from_address, configuration_set

    def send(self, message: bytes) -> None:
        tags = email_tags(header_block(message))
        outgoing = wire_bytes(without_our_headers(message))
        extra = {"ConfigurationSetName": self._configuration_set} if self._configuration_set else {}
        try:
            self._client.send_email(
                FromEmailAddress=self._from,
                Content={"Raw": {"Data": outgoing}},
                EmailTags=[{"Name": name, "Value": value} for name, value in tags.items()],
                **extra,
            )
        except ClientError as error:
            # The code only (MessageRejected, Throttling...): SES's text can quote addresses.
            code = error.response["Error"]["Code"]
            raise MailerError(code, permanent=code in PERMANENT) from error
        except BotoCoreError as error:
            raise MailerError(type(error).__name__) from error


def email_tags(message: Message) -> dict[str, str]:
    """The request and kind of a message: from our headers, else the number in the subject."""
    number = message.get(TRACKING_HEADER) or _number_in(str(message.get("Subject", "")))
    kind = message.get(KIND_HEADER) or UNKNOWN
    return {TRACKING_TAG: _tag_safe(str(number)), KIND_TAG: _tag_safe(str(kind))}


def _number_in(subject: str) -> str:
    found = _TRACKING_NUMBER.search(subject)
    return found.group(0) if found else UNKNOWN


def _tag_safe(value: str) -> str:
    """SES tag values allow letters, digits, _ and - only, up to 256 characters."""
    return _NOT_TAG_SAFE.sub("_", value)[:256] or UNKNOWN
