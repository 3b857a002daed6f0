"""The items of the one DynamoDB table, in the attribute-value form the low-level client takes.

The layout (infra/README.md has it as a table):
  REQ#<number> / REQUEST          the request: body (JSON) + status, received_key, log_key (the
                                  log_by_status index), assignee_pk = <assignee or UNASSIGNED>
                                  |<status> (with log_key, the log_by_assignee index); while
                                  open also open_pk, due_key (the sparse open_by_due index);
                                  closed with contacts kept, kept_pk, closed_key (the sparse
                                  contacts_by_closing index)
  COUNT / <status>                how many requests have that status (the log's "about N")
  WORD#<3 letters> / <word>#<number>  one word of a request's description or number: the
                                  desk's word search reads only the words that match
  REQ#<number> / EVENT#<at>#...   one history event: body (JSON); added, never rewritten
  EMAIL#<id> / EMAIL              a queued email; pending_pk, queued_key and its message until
                                  sent or given up
  COUNTER#<year> / COUNTER        the year's tracking sequence
  STAFF / <email>                 a staff account: body (JSON)
"""

from __future__ import annotations

import json
import re
import secrets
import time
from datetime import UTC
from typing import Any

from pra.adapters.records import (
    contacts_key,
    dumps,
    event_from_dict,
    event_to_dict,
    log_key,
    request_from_dict,
    request_to_dict,
)
from pra.domain.request import HistoryEvent, PraRequest
from pra.ports import QueuedEmail

# Index names: the template defines the same ones (tests build the table from the template).
BY_STATUS = "by_status"
LOG_BY_STATUS = "log_by_status"
OPEN_BY_DUE = "open_by_due"
PENDING_EMAILS = "pending_emails"
CONTACTS_BY_CLOSING = "contacts_by_closing"
LOG_BY_ASSIGNEE = "log_by_assignee"
# The partition of the sparse indexes: only items carrying it are in the index at all.
OPEN, PENDING, KEPT = "OPEN", "PENDING", "KEPT"
# log_by_assignee's partition of requests assigned to no one (no email is without an @).
NOBODY = "UNASSIGNED"


def assignee_partition(assignee: str | None, status: str) -> str:
    """A request's partition of log_by_assignee: who it is assigned to (NOBODY: no one) and
    its status, so every filter of the log is one range per status, as on log_by_status."""
    return f"{assignee or NOBODY}|{status}"


def condition_failed(error: Any) -> bool:
    """Whether a botocore ClientError says a put's or update's condition did not hold."""
    return bool(error.response["Error"]["Code"] == "ConditionalCheckFailedException")


def query_items(client: Any, table: str, **arguments: Any) -> list[dict[str, Any]]:
    """Every item a query finds, across its pages."""
    pages = client.get_paginator("query").paginate(TableName=table, **arguments)
    return [item for page in pages for item in page["Items"]]


def key(pk: str, sk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def request_key(number: str) -> dict[str, Any]:
    return key(f"REQ#{number}", "REQUEST")


def email_key(email_id: str) -> dict[str, Any]:
    return key(f"EMAIL#{email_id}", "EMAIL")


def text(value: Any) -> dict[str, str]:
    return {"S": dumps(value)}


def body(item: dict[str, Any]) -> Any:
    return json.loads(item["body"]["S"])


def request_item(request: PraRequest) -> dict[str, Any]:
    data = request_to_dict(request)
    received = request.received_at.astimezone(UTC).isoformat(timespec="microseconds")
    item = {
        **request_key(request.tracking_number),
        "body": text(data),
        "status": {"S": data["status"]},
        "received_key": {"S": f"{received}#{request.tracking_number}"},
        "log_key": {"S": log_key(request)},
        "assignee_pk": {"S": assignee_partition(request.assignee, data["status"])},
    }
    if request.next_due is not None:
        item |= _open_attributes(request)
    if (closed := contacts_key(request)) is not None:
        item |= {"kept_pk": {"S": KEPT}, "closed_key": {"S": closed}}
    return item


def request_from_item(item: dict[str, Any]) -> PraRequest:
    return request_from_dict(body(item))


def state_update(request: PraRequest) -> dict[str, Any]:
    """The UpdateItem arguments that store a request's new state (its keys stay)."""
    data = request_to_dict(request)
    values = {
        ":body": text(data),
        ":status": {"S": data["status"]},
        ":log": {"S": log_key(request)},
        ":assignee": {"S": assignee_partition(request.assignee, data["status"])},
    }
    sets = ["body = :body", "#status = :status", "log_key = :log", "assignee_pk = :assignee"]
    removes: list[str] = []
    if request.next_due is None:
        removes += ["open_pk", "due_key"]  # nothing due: out of the due index
    else:
        opened = _open_attributes(request)
        values |= {":open": opened["open_pk"], ":due": opened["due_key"]}
        sets += ["open_pk = :open", "due_key = :due"]
    if (closed := contacts_key(request)) is None:
        removes += ["kept_pk", "closed_key"]  # open, or its contacts erased
    else:
        values |= {":kept": {"S": KEPT}, ":closed": {"S": closed}}
        sets += ["kept_pk = :kept", "closed_key = :closed"]
    expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
    return {
        "UpdateExpression": expression,
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": values,
    }


def _open_attributes(request: PraRequest) -> dict[str, Any]:
    """Only open requests carry these, so the due index holds open requests and nothing else."""
    return {
        "open_pk": {"S": OPEN},
        "due_key": {"S": f"{request.next_due}#{request.tracking_number}"},
    }


WORDS_MAX = 40  # words of a description indexed, first come; a transaction holds 100 items
PREFIX = 3  # a word's partition: its first letters, so a prefix of them is one range read
_SKIPPED = {"pra"}  # in every tracking number: finds everything, says nothing


def search_words(text: str) -> list[str]:
    """The words of a text as the index keeps them: lower case, at least two characters."""
    return [w for w in dict.fromkeys(re.findall(r"\w+", text.lower())) if len(w) >= 2]


def word_items(request: PraRequest) -> list[dict[str, Any]]:
    """The word index items of a request (its description never changes)."""
    number = request.tracking_number
    words = search_words(f"{number} {request.submission.description}")
    return [
        key(f"WORD#{word[:PREFIX]}", f"{word}#{number}")
        for word in [w for w in words if w not in _SKIPPED][:WORDS_MAX]
    ]


def event_item(number: str, event: HistoryEvent) -> dict[str, Any]:
    return {**key(f"REQ#{number}", event_sort_key(event)), "body": text(event_to_dict(event))}


def event_from_item(item: dict[str, Any]) -> HistoryEvent:
    return event_from_dict(body(item))


def event_sort_key(event: HistoryEvent) -> str:
    """Ordered by when it happened, then when it was written; the random tail keeps it unique."""
    at = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    return f"EVENT#{at}#{time.time_ns():020d}{secrets.token_hex(4)}"


def email_item(email: QueuedEmail, position: int) -> dict[str, Any]:
    return {
        **email_key(email.id),
        "tracking_number": {"S": email.tracking_number},
        "kind": {"S": email.kind},
        "message": {"B": email.message},
        "attempts": {"N": str(email.attempts)},
        "pending_pk": {"S": PENDING},
        # Queue order: the time of queueing, then the position within one write.
        "queued_key": {"S": f"{time.time_ns():020d}#{position:03d}"},
    }


def email_from_item(item: dict[str, Any]) -> QueuedEmail:
    return QueuedEmail(
        id=item["pk"]["S"].removeprefix("EMAIL#"),
        tracking_number=item["tracking_number"]["S"],
        kind=item["kind"]["S"],
        message=bytes(item["message"]["B"]) if "message" in item else b"",
        attempts=int(item["attempts"]["N"]),
    )
