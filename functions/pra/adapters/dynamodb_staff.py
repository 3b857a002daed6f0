"""StaffStore on the request table: one partition, STAFF, sorted by email.

A library has a handful of staff accounts, so one partition holds them all and a single
query lists them in email order.
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
        if not self._put(account, "attribute_exists(pk)"):
            raise KeyError(account.email)

    def _put(self, account: StaffAccount, condition: str) -> bool:
        """False when the condition failed; any other error travels on."""
        item = {**key(STAFF, account.email), "body": text(_account_to_dict(account))}
        try:
            self._client.put_item(TableName=self._table, Item=item, ConditionExpression=condition)
        except ClientError as error:
            if not condition_failed(error):
                raise
            return False
        return True


def _account_to_dict(account: StaffAccount) -> dict[str, Any]:
    failed_at = account.last_failed_at.isoformat() if account.last_failed_at else None
    return {**asdict(account), "last_failed_at": failed_at}


def _account(item: dict[str, Any]) -> StaffAccount:
    data = body(item)
    failed_at = data.pop("last_failed_at")
    # Fields added to StaffAccount later take their defaults on accounts stored before them.
    return StaffAccount(
        **data, last_failed_at=datetime.fromisoformat(failed_at) if failed_at else None
    )
