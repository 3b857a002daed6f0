"""RequestStore on one DynamoDB table: a single-table design (see dynamodb_items and infra/).

The request itself is stored as the JSON of `request_to_dict`, so a field added to PraRequest
later travels without a change here; beside it sit only the attributes keys and indexes need.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from pra.adapters.dynamodb_items import (
    BY_STATUS,
    OPEN,
    OPEN_BY_DUE,
    PENDING,
    PENDING_EMAILS,
    condition_failed,
    email_from_item,
    email_item,
    email_key,
    event_from_item,
    event_item,
    key,
    query_items,
    request_from_item,
    request_item,
    request_key,
    state_update,
)
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest
from pra.ports import DuplicateRequest, QueuedEmail, StaleRequest

_ABSENT = "attribute_not_exists(pk)"


class Cancelled(Exception):
    """A transaction was refused; `reasons` holds one code per item, in order."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(", ".join(reasons))
        self.reasons = reasons


class DynamoRequestStore:
    def __init__(self, client: Any, table: str) -> None:
        self._client, self._table = client, table

    def allocate_tracking_sequence(self, year: int) -> int:
        # ADD is atomic on the server: two callers can never read the same value.
        answer = self._client.update_item(
            TableName=self._table,
            Key=key(f"COUNTER#{year}", "COUNTER"),
            UpdateExpression="ADD #value :one",
            ExpressionAttributeNames={"#value": "value"},
            ExpressionAttributeValues={":one": {"N": "1"}},
            ReturnValues="UPDATED_NEW",
        )
        return int(answer["Attributes"]["value"]["N"])

    def add(self, request: PraRequest, event: HistoryEvent, emails: list[QueuedEmail]) -> None:
        put = {
            "TableName": self._table,
            "Item": request_item(request),
            "ConditionExpression": _ABSENT,
        }
        try:
            self._transact([{"Put": put}, self._event_put(request.tracking_number, event)], emails)
        except Cancelled as cancelled:
            if cancelled.reasons[0] == "ConditionalCheckFailed":
                raise DuplicateRequest(request.tracking_number) from None
            raise

    def save(
        self,
        request: PraRequest,
        expected_status: Status,
        event: HistoryEvent,
        emails: list[QueuedEmail],
    ) -> None:
        number = request.tracking_number
        update = {
            "TableName": self._table,
            "Key": request_key(number),
            **state_update(request),
            "ConditionExpression": "attribute_exists(pk) AND #status = :expected",
        }
        update["ExpressionAttributeValues"][":expected"] = {"S": expected_status.value}
        try:
            self._transact([{"Update": update}, self._event_put(number, event)], emails)
        except Cancelled as cancelled:
            if cancelled.reasons[0] != "ConditionalCheckFailed":
                raise
            if self.get(number) is None:
                raise KeyError(number) from None
            raise StaleRequest(number) from None

    def get(self, tracking_number: str) -> PraRequest | None:
        answer = self._client.get_item(
            TableName=self._table, Key=request_key(tracking_number), ConsistentRead=True
        )
        item = answer.get("Item")
        return request_from_item(item) if item else None

    def requests(self, status: Status | None = None) -> list[PraRequest]:
        # One query per status: the index is partitioned by status, and there are few of them.
        items = [
            item
            for one in ([status] if status else list(Status))
            for item in self._query(
                IndexName=BY_STATUS,
                KeyConditionExpression="#status = :status",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={":status": {"S": one.value}},
            )
        ]
        items.sort(key=lambda item: item["received_key"]["S"])
        return [request_from_item(item) for item in items]

    def history(self, tracking_number: str) -> list[HistoryEvent]:
        items = self._query(
            KeyConditionExpression="pk = :pk AND begins_with(sk, :event)",
            ExpressionAttributeValues={
                ":pk": {"S": f"REQ#{tracking_number}"},
                ":event": {"S": "EVENT#"},
            },
            ConsistentRead=True,
        )
        return [event_from_item(item) for item in items]

    def append_event(self, tracking_number: str, event: HistoryEvent) -> None:
        exists = {
            "TableName": self._table,
            "Key": request_key(tracking_number),
            "ConditionExpression": "attribute_exists(pk)",
        }
        try:
            self._transact([{"ConditionCheck": exists}, self._event_put(tracking_number, event)])
        except Cancelled as cancelled:
            if cancelled.reasons[0] == "ConditionalCheckFailed":
                raise KeyError(tracking_number) from None
            raise

    def open_due_by(self, day: date) -> list[PraRequest]:
        # due_key is "<next due date>#<number>": everything before the next day is due by `day`.
        items = self._query(
            IndexName=OPEN_BY_DUE,
            KeyConditionExpression="open_pk = :open AND due_key < :after",
            ExpressionAttributeValues={
                ":open": {"S": OPEN},
                ":after": {"S": (day + timedelta(days=1)).isoformat()},
            },
        )
        return [request_from_item(item) for item in items]

    def pending_emails(self) -> list[QueuedEmail]:
        items = self._query(
            IndexName=PENDING_EMAILS,
            KeyConditionExpression="pending_pk = :pending",
            ExpressionAttributeValues={":pending": {"S": PENDING}},
        )
        return [email_from_item(item) for item in items]

    def queue_email(self, email: QueuedEmail) -> None:
        self._client.put_item(**self._email_put(email, 0)["Put"])

    def queue_email_once(self, email: QueuedEmail) -> bool:
        # The put is conditional on attribute_not_exists(pk): DynamoDB decides, atomically.
        try:
            self.queue_email(email)
        except ClientError as error:
            if condition_failed(error):
                return False
            raise
        return True

    def mark_email_sent(self, email_id: str, at: datetime) -> None:
        # Leaving the sparse index is what takes an email out of the pending ones.
        self._update_email(
            email_id,
            "SET sent_at = :at ADD attempts :one REMOVE pending_pk, queued_key",
            {":at": {"S": at.isoformat()}, ":one": {"N": "1"}},
        )

    def mark_email_failed(self, email_id: str, at: datetime) -> None:
        self._update_email(email_id, "ADD attempts :one", {":one": {"N": "1"}})

    def _update_email(self, email_id: str, expression: str, values: dict[str, Any]) -> None:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=email_key(email_id),
                UpdateExpression=expression,
                ExpressionAttributeValues=values,
                ConditionExpression="attribute_exists(pk)",
            )
        except ClientError as error:
            # An unknown id changes nothing, as in the embedded store; other errors travel on.
            if not condition_failed(error):
                raise

    def _transact(
        self, items: list[dict[str, Any]], emails: list[QueuedEmail] | None = None
    ) -> None:
        puts = [self._email_put(email, n) for n, email in enumerate(emails or [])]
        try:
            self._client.transact_write_items(TransactItems=[*items, *puts])
        except ClientError as error:
            if error.response["Error"]["Code"] != "TransactionCanceledException":
                raise
            reasons = error.response.get("CancellationReasons", [])
            raise Cancelled([reason.get("Code", "None") for reason in reasons]) from None

    def _event_put(self, number: str, event: HistoryEvent) -> dict[str, Any]:
        item = event_item(number, event)  # a new key each time: appended, never rewritten
        return {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": _ABSENT}}

    def _email_put(self, email: QueuedEmail, position: int) -> dict[str, Any]:
        item = email_item(email, position)
        return {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": _ABSENT}}

    def _query(self, **arguments: Any) -> list[dict[str, Any]]:
        return query_items(self._client, self._table, **arguments)
