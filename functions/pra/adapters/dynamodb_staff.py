"""StaffStore on the request table: one partition, STAFF, sorted by email.

A library has a handful of staff accounts, so one partition holds them all and a single
query lists them in email order. The session version is an attribute of its own beside the
account's body, so updating the account never moves it back (only end_sessions adds to it).

Beside the accounts:
  STAFF / <email>                    an account: body (JSON) + session_version
  SIGNIN#<digest> / SIGNIN           failed sign-ins counted under a digest; expires_at (TTL)
  STAFFLOG / <at>#<random>           one account change: body (JSON); one partition in time
                                     order (changes are rare: a few a month)
  RESET#<digest> / RESET             a password-reset link by its token's digest: body (JSON) +
                                     valid_until, used_at; expires_at (TTL) a day after it ends
"""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from pra.adapters.dynamodb_items import body, condition_failed, key, query_items, text
from pra.domain.throttle import Failures
from pra.ports import AccountChange, DuplicateStaff, PasswordReset, StaffAccount

STAFF = "STAFF"
STAFF_LOG = "STAFFLOG"
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
        if not item or item["count"]["N"] == "0":
            return Failures()
        return Failures(int(item["count"]["N"]), datetime.fromisoformat(item["last_at"]["S"]))

    def record_sign_in_failures(self, key: str, failures: Failures) -> None:
        if failures.last_at is None:
            # Forgotten without DeleteItem, which the API function's role does not have: a
            # count of zero that the table's time to live removes.
            forgotten = {
                **_failures_key(key),
                "count": {"N": "0"},
                "expires_at": {"N": str(int(time.time()))},
            }
            self._client.put_item(TableName=self._table, Item=forgotten)
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

    def record_account_change(self, change: AccountChange) -> None:
        at = change.at.astimezone(UTC).isoformat()
        item = {
            **key(STAFF_LOG, f"{at}#{secrets.token_hex(8)}"),
            "body": text(
                {"at": at, "by": change.by, "account": change.account.strip().lower(),
                 "what": change.what}
            ),
        }  # fmt: skip
        self._client.put_item(
            TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
        )

    def account_changes(self, limit: int, account: str | None = None) -> list[AccountChange]:
        """One account's: the partition is read newest first until `limit` match (a library
        makes a few changes a month, so the whole log is a page or two)."""
        wanted = account.strip().lower() if account else None
        pages = self._client.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="pk = :log",
            ExpressionAttributeValues={":log": {"S": STAFF_LOG}},
            ScanIndexForward=False,
            ConsistentRead=True,
        )
        found: list[AccountChange] = []
        for page in pages:
            for item in page["Items"]:
                data = body(item)
                if wanted is None or data["account"] == wanted:
                    found.append(
                        AccountChange(
                            datetime.fromisoformat(data["at"]),
                            data["by"],
                            data["account"],
                            data["what"],
                        )
                    )
                if len(found) >= limit:
                    return found
        return found

    def add_password_reset(self, reset: PasswordReset) -> None:
        item = {
            **_reset_key(reset.digest),
            "body": text(
                {
                    "email": reset.email.strip().lower(),
                    "expires_at": reset.expires_at.astimezone(UTC).isoformat(),
                    "session_version": reset.session_version,
                }
            ),
            "valid_until": {"N": str(reset.expires_at.timestamp())},
            # The table's time to live removes the link a day after it stopped working.
            "expires_at": {"N": str(int((reset.expires_at + FORGET_AFTER).timestamp()))},
        }
        self._client.put_item(
            TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
        )

    def password_reset(self, digest: str) -> PasswordReset | None:
        answer = self._client.get_item(
            TableName=self._table, Key=_reset_key(digest), ConsistentRead=True
        )
        item = answer.get("Item")
        if not item:
            return None
        data = body(item)
        used = item.get("used_at", {}).get("S")
        return PasswordReset(
            digest=digest,
            email=data["email"],
            expires_at=datetime.fromisoformat(data["expires_at"]),
            session_version=int(data["session_version"]),
            used_at=datetime.fromisoformat(used) if used else None,
        )

    def use_password_reset(self, digest: str, at: datetime) -> bool:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=_reset_key(digest),
                UpdateExpression="SET used_at = :at",
                ConditionExpression=(
                    "attribute_exists(pk) AND attribute_not_exists(used_at) AND valid_until > :now"
                ),
                ExpressionAttributeValues={
                    ":at": {"S": at.astimezone(UTC).isoformat()},
                    ":now": {"N": str(at.timestamp())},
                },
            )
        except ClientError as error:
            if not condition_failed(error):
                raise
            return False
        return True

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


def _reset_key(digest: str) -> dict[str, Any]:
    return key(f"RESET#{digest}", "RESET")


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
