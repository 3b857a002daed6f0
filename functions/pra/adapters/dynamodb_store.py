"""RequestStore on one DynamoDB table: a single-table design (see dynamodb_items and infra/).

The request itself is stored as the JSON of `request_to_dict`, so a field added to PraRequest
later travels without a change here; beside it sit only the attributes keys and indexes need.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from pra.adapters.dynamodb_items import (
    BY_STATUS,
    CONTACTS_BY_CLOSING,
    KEPT,
    LOG_BY_ASSIGNEE,
    LOG_BY_STATUS,
    OPEN,
    OPEN_BY_DUE,
    PENDING,
    PENDING_EMAILS,
    PREFIX,
    assignee_partition,
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
    search_words,
    state_update,
    word_items,
)
from pra.adapters.records import assigned_as, contacts_key, log_key, utc_text
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest
from pra.ports import (
    UNASSIGNED,
    DuplicateRequest,
    DuplicateSubmission,
    LogPage,
    QueuedEmail,
    StaleRequest,
)

_ABSENT = "attribute_not_exists(pk)"
COUNT_PK = {"S": "COUNT"}


_REFUSED = "ConditionalCheckFailed"
# Idempotency keys live two days, then the table's time to live removes them.
KEEP_KEYS = timedelta(days=2)


def idempotency_key_item_key(idempotency_key: str) -> dict[str, Any]:
    return key(f"IDEMPOTENCY#{idempotency_key}", "IDEMPOTENCY")


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

    def reserve_tracking_sequences(self, year: int, count: int) -> int:
        answer = self._client.update_item(
            TableName=self._table,
            Key=key(f"COUNTER#{year}", "COUNTER"),
            UpdateExpression="ADD #value :count",
            ExpressionAttributeNames={"#value": "value"},
            ExpressionAttributeValues={":count": {"N": str(count)}},
            ReturnValues="UPDATED_NEW",
        )
        return int(answer["Attributes"]["value"]["N"]) - count + 1

    def add_many(self, requests: list[tuple[PraRequest, list[HistoryEvent]]]) -> None:
        """Batches of 25 puts (no conditions: numbers come from reserve_tracking_sequences,
        and an existing one is refused before anything is written), then the counters."""
        taken = self._get_requests([request.tracking_number for request, _ in requests])
        if taken:
            raise DuplicateRequest(taken[0].tracking_number)
        items = [
            item
            for request, events in requests
            for item in [
                request_item(request),
                *(event_item(request.tracking_number, e) for e in events),
            ]
        ]
        self._put_all(items)
        added = Counter(request.status for request, _ in requests)
        for status, count in added.items():
            self._client.update_item(**self._count(status, count)["Update"])

    def append_events(self, events: list[tuple[str, HistoryEvent]]) -> None:
        """Batches of 25 puts; each event has a key of its own, so none overwrites another."""
        self._put_all([event_item(number, event) for number, event in events])

    def _put_all(self, items: list[dict[str, Any]]) -> None:
        for start in range(0, len(items), 25):
            batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
            unprocessed: dict[str, Any] = {self._table: batch}
            while unprocessed:
                answer = self._client.batch_write_item(RequestItems=unprocessed)
                unprocessed = answer.get("UnprocessedItems") or {}

    def add(
        self,
        request: PraRequest,
        event: HistoryEvent,
        emails: list[QueuedEmail],
        idempotency_key: str | None = None,
    ) -> None:
        put = {
            "TableName": self._table,
            "Item": request_item(request),
            "ConditionExpression": _ABSENT,
        }
        items = [{"Put": put}, self._event_put(request.tracking_number, event)]
        items.append(self._count(request.status, 1))
        items += [{"Put": {"TableName": self._table, "Item": w}} for w in word_items(request)]
        if idempotency_key is not None:
            # Last, so a refusal's reasons say which condition failed: the number or the key.
            items.append(self._key_put(idempotency_key, request))
        try:
            self._transact(items, emails)
        except Cancelled as cancelled:
            reasons = cancelled.reasons
            number_taken = reasons[0] == _REFUSED
            key_refused = len(reasons) >= len(items) and reasons[len(items) - 1] == _REFUSED
            if number_taken and self.get(request.tracking_number) == request:
                return  # this very write, retried after its answer was lost: it is stored
            if idempotency_key is not None and key_refused:
                raise DuplicateSubmission(self._first_with(idempotency_key)) from None
            if number_taken:
                raise DuplicateRequest(request.tracking_number) from None
            raise

    def _key_put(self, key: str, request: PraRequest) -> dict[str, Any]:
        expires = request.received_at + KEEP_KEYS  # the table's time to live removes it
        item = {
            **idempotency_key_item_key(key),
            "tracking_number": {"S": request.tracking_number},
            "expires_at": {"N": str(int(expires.timestamp()))},
        }
        return {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": _ABSENT}}

    def submitted_with(self, idempotency_key: str) -> str | None:
        answer = self._client.get_item(
            TableName=self._table,
            Key=idempotency_key_item_key(idempotency_key),
            ConsistentRead=True,
        )
        item = answer.get("Item")
        return str(item["tracking_number"]["S"]) if item else None

    def _first_with(self, idempotency_key: str) -> str:
        number = self.submitted_with(idempotency_key)
        if number is None:  # removed between the refusal and this read: expired
            raise DuplicateRequest(idempotency_key)
        return number

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
        items = [{"Update": update}, self._event_put(number, event)]
        if request.status is not expected_status:
            items += [self._count(expected_status, -1), self._count(request.status, 1)]
        try:
            self._transact(items, emails)
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

    def log_page(
        self, status: Status | None, after: str | None, limit: int, assignee: str | None = None
    ) -> LogPage:
        """One query per status asked for, each at most `limit` + 1 items from the position
        after: the partitions of log_by_status (or, for one assignee or none, of
        log_by_assignee) merged, so a page reads at most 13 × (limit + 1) items however many
        requests are stored."""
        statuses = [status.value] if status else [one.value for one in Status]
        if assignee is None:
            index, attribute, partitions = LOG_BY_STATUS, "status", statuses
        else:
            who = None if assignee == UNASSIGNED else assignee
            partitions = [assignee_partition(who, one) for one in statuses]
            index, attribute = LOG_BY_ASSIGNEE, "assignee_pk"
        found: list[dict[str, Any]] = []
        for partition in partitions:
            condition = "#partition = :partition"
            values: dict[str, Any] = {":partition": {"S": partition}}
            if after:
                condition += " AND log_key > :after"
                values[":after"] = {"S": after}
            answer = self._client.query(
                TableName=self._table,
                IndexName=index,
                KeyConditionExpression=condition,
                ExpressionAttributeNames={"#partition": attribute},
                ExpressionAttributeValues=values,
                Limit=limit + 1,
            )
            found += answer["Items"]
        found.sort(key=lambda item: item["log_key"]["S"])
        page = found[:limit]
        more = len(found) > limit
        return LogPage(
            [request_from_item(item) for item in page],
            page[-1]["log_key"]["S"] if more else None,
        )

    def search(
        self,
        words: list[str],
        status: Status | None,
        after: str | None,
        limit: int,
        assignee: str | None = None,
    ) -> LogPage:
        """Each word of three letters or more is one range read of the word index (its
        partition is the word's first three letters, its sort key begins with the word); the
        numbers found in every range are read with BatchGetItem. The cost follows the matches,
        not the store; shorter words are not searched."""
        wanted = [w for word in words for w in search_words(word) if len(w) >= PREFIX]
        if not wanted:
            return LogPage([], None)
        numbers: set[str] | None = None
        for word in sorted(wanted, key=len, reverse=True):
            found = {
                item["sk"]["S"].rsplit("#", 1)[1]
                for item in self._query(
                    KeyConditionExpression="pk = :pk AND begins_with(sk, :word)",
                    ExpressionAttributeValues={
                        ":pk": {"S": f"WORD#{word[:PREFIX]}"},
                        ":word": {"S": word},
                    },
                    ProjectionExpression="sk",
                )
            }
            numbers = found if numbers is None else numbers & found
            if not numbers:
                return LogPage([], None)
        requests = [
            r
            for r in self._get_requests(sorted(numbers or ()))
            if status in {None, r.status} and assigned_as(r, assignee)
        ]
        ordered = sorted((key_, r) for r in requests if (key_ := log_key(r)) > (after or ""))
        page = [request for _, request in ordered[:limit]]
        return LogPage(page, ordered[limit - 1][0] if len(ordered) > limit else None)

    def get_many(self, tracking_numbers: Sequence[str]) -> list[PraRequest]:
        return self._get_requests(list(dict.fromkeys(tracking_numbers)))

    def last_sequences(self, years: Sequence[int]) -> dict[int, int]:
        """The years' counters, read with BatchGetItem (at most 100 years a call)."""
        keys = [key(f"COUNTER#{year}", "COUNTER") for year in dict.fromkeys(years)]
        found: dict[int, int] = {}
        for start in range(0, len(keys), 100):
            pending: dict[str, Any] = {self._table: {"Keys": keys[start : start + 100]}}
            while pending:
                answer = self._client.batch_get_item(RequestItems=pending)
                for item in answer["Responses"].get(self._table, []):
                    found[int(item["pk"]["S"].split("#", 1)[1])] = int(item["value"]["N"])
                pending = answer.get("UnprocessedKeys") or {}
        return found

    def _get_requests(self, numbers: list[str]) -> list[PraRequest]:
        found = []
        for start in range(0, len(numbers), 100):
            keys = [request_key(n) for n in numbers[start : start + 100]]
            pending: dict[str, Any] = {self._table: {"Keys": keys}}
            while pending:
                answer = self._client.batch_get_item(RequestItems=pending)
                found += [request_from_item(i) for i in answer["Responses"].get(self._table, [])]
                pending = answer.get("UnprocessedKeys") or {}
        return found

    def count(self, status: Status | None = None) -> int:
        counters = self._query(
            KeyConditionExpression="pk = :count", ExpressionAttributeValues={":count": COUNT_PK}
        )
        by_status = {item["sk"]["S"]: int(item["value"]["N"]) for item in counters}
        wanted = [status.value] if status else list(by_status)
        return max(0, sum(by_status.get(one, 0) for one in wanted))

    def rebuild_log(self) -> int:
        """Reads every request once (the by_status index): a one-off after an upgrade."""
        total = 0
        for status in Status:
            items = self._query(
                IndexName=BY_STATUS,
                KeyConditionExpression="#status = :status",
                ExpressionAttributeNames={"#status": "status"},
                ExpressionAttributeValues={":status": {"S": status.value}},
            )
            for item in items:
                request = request_from_item(item)
                self._put_all(word_items(request))  # the same keys again: safe to repeat
                closed = item.get("closed_key", {}).get("S")
                partition = assignee_partition(request.assignee, request.status.value)
                if (
                    item.get("log_key") != {"S": log_key(request)}
                    or closed != contacts_key(request)
                    or item.get("assignee_pk") != {"S": partition}
                ):
                    self._client.update_item(
                        TableName=self._table,
                        Key={"pk": item["pk"], "sk": item["sk"]},
                        **state_update(request),
                    )
            self._client.put_item(
                TableName=self._table,
                Item={"pk": COUNT_PK, "sk": {"S": status.value}, "value": {"N": str(len(items))}},
            )
            total += len(items)
        return total

    def _count(self, status: Status, change: int) -> dict[str, Any]:
        """The transaction item that moves the status's counter by `change`."""
        return {
            "Update": {
                "TableName": self._table,
                "Key": {"pk": COUNT_PK, "sk": {"S": status.value}},
                "UpdateExpression": "ADD #value :change",
                "ExpressionAttributeNames": {"#value": "value"},
                "ExpressionAttributeValues": {":change": {"N": str(change)}},
            }
        }

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

    def closed_with_contacts(self, closed_by: date, limit: int) -> list[PraRequest]:
        # closed_key is "<closing day>|<number>": "}" sorts after "|", so every key of that day.
        answer = self._client.query(
            TableName=self._table,
            IndexName=CONTACTS_BY_CLOSING,
            KeyConditionExpression="kept_pk = :kept AND closed_key < :after",
            ExpressionAttributeValues={
                ":kept": {"S": KEPT},
                ":after": {"S": f"{closed_by.isoformat()}}}"},
            },
            Limit=limit,
        )
        return [request_from_item(item) for item in answer["Items"]]

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

    def was_queued(self, email_id: str) -> bool:
        answer = self._client.get_item(
            TableName=self._table, Key=email_key(email_id), ProjectionExpression="pk"
        )
        return "Item" in answer

    def claim_email(self, email_id: str, claim: str, now: datetime, until: datetime) -> bool:
        # Only a pending email (in the sparse index) whose claim expired and whose retry is
        # due: DynamoDB checks the condition and writes in one step, so one claimant wins.
        return self._update_email(
            email_id,
            "SET claim = :claim, claimed_until = :until",
            {
                ":claim": {"S": claim},
                ":until": {"S": utc_text(until)},
                ":now": {"S": utc_text(now)},
            },
            "attribute_exists(pending_pk) "
            "AND (attribute_not_exists(claimed_until) OR claimed_until <= :now) "
            "AND (attribute_not_exists(retry_at) OR retry_at <= :now)",
        )

    def mark_email_sent(self, email_id: str, claim: str, at: datetime) -> bool:
        # Leaving the sparse index is what takes an email out of the pending ones.
        return self._update_email(
            email_id,
            "SET sent_at = :at ADD attempts :one "
            "REMOVE pending_pk, queued_key, claim, claimed_until, message",
            {":at": {"S": at.isoformat()}, ":one": {"N": "1"}, ":claim": {"S": claim}},
            "claim = :claim",
        )

    def mark_email_failed(
        self, email_id: str, claim: str, at: datetime, retry_at: datetime | None
    ) -> bool:
        if retry_at is None:  # given up: out of the sparse index, as a sent email
            update = (
                "SET gave_up_at = :at ADD attempts :one REMOVE pending_pk, queued_key, message, "
            )
            moment = at
        else:
            update = "SET retry_at = :at ADD attempts :one REMOVE "
            moment = retry_at
        return self._update_email(
            email_id,
            update + "claim, claimed_until",
            {":at": {"S": utc_text(moment)}, ":one": {"N": "1"}, ":claim": {"S": claim}},
            "claim = :claim",
        )

    def _update_email(
        self, email_id: str, expression: str, values: dict[str, Any], condition: str
    ) -> bool:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=email_key(email_id),
                UpdateExpression=expression,
                ExpressionAttributeValues=values,
                ConditionExpression=f"attribute_exists(pk) AND {condition}",
            )
        except ClientError as error:
            # Not ours (or no such email): nothing changed, as in the embedded store.
            if condition_failed(error):
                return False
            raise
        return True

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
