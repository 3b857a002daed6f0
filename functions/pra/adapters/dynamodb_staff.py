"""StaffStore on the request table: one partition, STAFF, sorted by email.

A library has a handful of staff accounts, so one partition holds them all and a single
query lists them in email order. The session version is an attribute of its own beside the
account's body, so updating the account never moves it back (only end_sessions adds to it).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from pra.adapters.dynamodb_items import body, condition_failed, key, query_items, text
from pra.ports import DuplicateStaff, StaffAccount

STAFF = "STAFF"


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
        if not self._update(account.email, "SET body = :body", _body(account)):
            raise KeyError(account.email)

    def end_sessions(self, email: str) -> None:
        if not self._update(email, "ADD session_version :one", {":one": {"N": "1"}}):
            raise KeyError(email)

    def _put(self, account: StaffAccount, condition: str) -> bool:
        """False when the condition failed; any other error travels on."""
        item = {
            **key(STAFF, account.email),
            "body": _body(account)[":body"],
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


def _body(account: StaffAccount) -> dict[str, Any]:
    return {":body": text(_account_to_dict(account))}


def _account_to_dict(account: StaffAccount) -> dict[str, Any]:
    failed_at = account.last_failed_at.isoformat() if account.last_failed_at else None
    data = {**asdict(account), "last_failed_at": failed_at}
    del data["session_version"]  # its own attribute
    return data


def _account(item: dict[str, Any]) -> StaffAccount:
    data = body(item)
    failed_at = data.pop("last_failed_at")
    data.pop("session_version", None)
    # Fields added to StaffAccount later take their defaults on accounts stored before them.
    return StaffAccount(
        **data,
        last_failed_at=datetime.fromisoformat(failed_at) if failed_at else None,
        session_version=int(item.get("session_version", {}).get("N", "0")),
    )
