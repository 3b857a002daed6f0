"""StaffStore on the request table: one partition, STAFF, sorted by email.

A library has a handful of staff accounts, so one partition holds them all and a single
query lists them in email order. The session version is an attribute of its own beside the
account's body, so updating the account never moves it back (only end_sessions adds to it).
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from pra.adapters.dynamodb_items import body, condition_failed, key, query_items, text
from pra.domain.throttle import Failures
from pra.ports import DuplicateStaff, StaffAccount

STAFF = "STAFF"
FORGET_AFTER = timedelta(days=1)


class DynamoStaffStore:
    def __init__(self, client: Any, table: str) -> None:
        self._client, self._table = client, table

    def add_staff(self, account: StaffAccount) -> None:
        if not self._put(account, "attribute_not_exists(pk)"):
            raise DuplicateStaff(account.email)

    def staff(self, email: str) -> StaffAccount | None:
        answer = self._client.get_item(
            TableName=self._table, Key=key(STAFF, email.strip().lower()), ConsistentRead=True
        )
        item = answer.get("Item")
        return _account(item) if item else None

    def all_staff(self) -> list[StaffAccount]:
        items = query_items(
            self._client,
            self._table,
            KeyConditionExpression="pk = :staff",
            ExpressionAttributeValues={":staff": {"S": STAFF}},
            ConsistentRead=True,
        )
        return [_account(item) for item in items]

    def update_staff(self, account: StaffAccount) -> None:
        if not self._update(account.email, "SET body = :body", {":body": _body(account)}):
            raise KeyError(account.email)

    def sign_in_failures(self, key: str) -> Failures:
        answer = self._client.get_item(
            TableName=self._table, Key=_failures_key(key), ConsistentRead=True
        )
        item = answer.get("Item")
        if not item:
            return Failures()
        return Failures(int(item["count"]["N"]), datetime.fromisoformat(item["last_at"]["S"]))

    def record_sign_in_failures(self, key: str, failures: Failures) -> None:
        if failures.last_at is None:
            self._client.delete_item(TableName=self._table, Key=_failures_key(key))
            return
        forget_at = failures.last_at + FORGET_AFTER
        item = {
            **_failures_key(key),
            "count": {"N": str(failures.count)},
            "last_at": {"S": failures.last_at.isoformat()},
            # The table's time to live removes the count a day after its last failure.
            "expires_at": {"N": str(int(forget_at.timestamp()))},
        }
        self._client.put_item(TableName=self._table, Item=item)

    def end_sessions(self, email: str) -> None:
        if not self._update(email, "ADD session_version :one", {":one": {"N": "1"}}):
            raise KeyError(email)

    def _put(self, account: StaffAccount, condition: str) -> bool:
        """False when the condition failed; any other error travels on."""
        item = {
            **key(STAFF, account.email),
            "body": _body(account),
            "session_version": {"N": str(account.session_version)},
        }
        try:
            self._client.put_item(TableName=self._table, Item=item, ConditionExpression=condition)
        except ClientError as error:
            if not condition_failed(error):
                raise
            return False
        return True

    def _update(self, email: str, expression: str, values: dict[str, Any]) -> bool:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=key(STAFF, email.strip().lower()),
                UpdateExpression=expression,
                ExpressionAttributeValues=values,
                ConditionExpression="attribute_exists(pk)",
            )
        except ClientError as error:
            if not condition_failed(error):
                raise
            return False
        return True


def _failures_key(key_digest: str) -> dict[str, Any]:
    return key(f"SIGNIN#{key_digest}", "SIGNIN")


def _body(account: StaffAccount) -> dict[str, Any]:
    return text(_account_to_dict(account))


def _account_to_dict(account: StaffAccount) -> dict[str, Any]:
    data = asdict(account)
    del data["session_version"]  # its own attribute
    return data


def _account(item: dict[str, Any]) -> StaffAccount:
    data = body(item)
    # Fields added to StaffAccount later take their defaults on accounts stored before them;
    # fields it dropped (the failed sign-ins counted on the account until schema 4) are left.
    known = {f.name for f in fields(StaffAccount)} - {"session_version"}
    return StaffAccount(
        **{name: value for name, value in data.items() if name in known},
        session_version=int(item.get("session_version", {}).get("N", "0")),
    )
