"""FileStore on S3: keys under public/ in the records bucket, everything else in the private one.

CloudFront serves the records bucket's public/ prefix (released records and their manifest);
the private bucket is reached only by the functions, and by a requester through a presigned
link with an expiry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, BinaryIO, cast

from botocore.exceptions import ClientError

from pra.adapters.folder_files import UnsafeKey
from pra.ports import UploadForm

PUBLIC_PREFIX = "public/"
# Released records change rarely, the manifest now and then: a minute keeps both fresh enough.
PUBLIC_CACHE_CONTROL = "public, max-age=60"


class S3FileStore:
    def __init__(self, client: Any, private_bucket: str, public_bucket: str) -> None:
        self._client = client
        self._private, self._public = private_bucket, public_bucket

    def put(self, key: str, data: bytes, content_type: str) -> None:
        extra = {"CacheControl": PUBLIC_CACHE_CONTROL} if _is_public(key) else {}
        self._client.put_object(
            Bucket=self._bucket(key), Key=key, Body=data, ContentType=content_type, **extra
        )

    def put_stream(self, key: str, source: BinaryIO, content_type: str) -> None:
        extra = {"CacheControl": PUBLIC_CACHE_CONTROL} if _is_public(key) else {}
        # Multipart for large files, in parts, so memory stays flat.
        self._client.upload_fileobj(
            source, self._bucket(key), key, ExtraArgs={"ContentType": content_type, **extra}
        )

    def get(self, key: str) -> bytes | None:
        body = self.open(key)
        if body is None:
            return None
        with body:
            return body.read()

    def open(self, key: str) -> BinaryIO | None:
        try:
            answer = self._client.get_object(Bucket=self._bucket(key), Key=key)
        except ClientError as error:
            if error.response["Error"]["Code"] in {"NoSuchKey", "404"}:
                return None
            raise
        return cast(BinaryIO, answer["Body"])

    def keys(self, prefix: str) -> list[str]:
        # Only keys a bucket is meant to hold, whatever else was put there by hand.
        found = {
            key
            for bucket in self._buckets_for(prefix)
            for key in self._list(bucket, prefix)
            if self._route(key) == bucket
        }
        return sorted(found)

    def delete(self, key: str) -> None:
        # Idempotent on S3 already; on the versioned private bucket the old version stays
        # recoverable until the lifecycle rule expires it.
        self._client.delete_object(Bucket=self._bucket(key), Key=key)

    def upload_form(
        self, prefix: str, max_bytes: int, expires: timedelta, redirect: str | None
    ) -> UploadForm | None:
        """A presigned POST: the browser sends the file straight to S3, past Lambda's limit."""
        _check(prefix + "file")
        # S3 refuses a field the policy does not name, and a named one that is missing.
        after = (
            {"success_action_redirect": redirect}
            if redirect is not None
            else {"success_action_status": "201"}
        )
        post = self._client.generate_presigned_post(
            Bucket=self._bucket(prefix + "file"),
            Key=prefix + "${filename}",
            Fields=after,
            Conditions=[
                ["content-length-range", 1, max_bytes],
                after,
                ["starts-with", "$key", prefix],
                ["starts-with", "$x-amz-meta-title", ""],
                ["starts-with", "$x-amz-meta-visibility", ""],
            ],
            ExpiresIn=int(expires.total_seconds()),
        )
        return UploadForm(post["url"], dict(post["fields"]))

    def metadata(self, key: str) -> dict[str, str]:
        try:
            answer = self._client.head_object(Bucket=self._bucket(key), Key=key)
        except ClientError:
            return {}
        found: dict[str, str] = answer.get("Metadata", {})
        return found

    def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """A short-lived presigned GET: large files never pass through Lambda."""
        url: str = self._client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket(key),
                "Key": key,
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
            },
            ExpiresIn=int(expires.total_seconds()),
        )
        return url

    def _bucket(self, key: str) -> str:
        _check(key)
        return self._route(key)

    def _route(self, key: str) -> str:
        return self._public if _is_public(key) else self._private

    def _buckets_for(self, prefix: str) -> list[str]:
        if prefix.startswith(PUBLIC_PREFIX):
            return [self._public]
        if PUBLIC_PREFIX.startswith(prefix):  # "", "pub", ...: both buckets may hold matches
            return list(dict.fromkeys([self._private, self._public]))
        return [self._private]

    def _list(self, bucket: str, prefix: str) -> list[str]:
        pages = self._client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]


def _is_public(key: str) -> bool:
    return key.startswith(PUBLIC_PREFIX)


def _check(key: str) -> None:
    """The same keys the folder store accepts, so a key valid here is valid everywhere."""
    parts = key.split("/")
    if not key or key.startswith("/") or any(part in {"", ".", ".."} for part in parts):
        raise UnsafeKey(f"not a file key: {key!r}")
