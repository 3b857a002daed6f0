"""MalwareScanner on AWS: the tag GuardDuty Malware Protection for S3 puts on each object.

GuardDuty scans every new object of the protected bucket and tags it with its result; until
the tag is there the file is pending, and the desk keeps it unusable.
"""

from __future__ import annotations

from typing import Any

from pra.domain.files import ScanState, ScanVerdict

STATUS_TAG = "GuardDutyMalwareScanStatus"
RESULTS = {
    "NO_THREATS_FOUND": ScanVerdict(ScanState.CLEAN),
    "THREATS_FOUND": ScanVerdict(ScanState.INFECTED, "GuardDuty found a threat"),
    "UNSUPPORTED": ScanVerdict(ScanState.FAILED, "GuardDuty cannot scan this kind of file"),
    "ACCESS_DENIED": ScanVerdict(ScanState.FAILED, "GuardDuty could not read the file"),
    "FAILED": ScanVerdict(ScanState.FAILED, "GuardDuty's scan failed"),
}


class GuardDutyScanResults:
    def __init__(self, client: Any, bucket: str) -> None:
        self._client, self._bucket = client, bucket

    def scan(self, key: str) -> ScanVerdict:
        answer = self._client.get_object_tagging(Bucket=self._bucket, Key=key)
        tags = {tag["Key"]: tag["Value"] for tag in answer.get("TagSet", [])}
        status = tags.get(STATUS_TAG)
        if status is None:
            return ScanVerdict(ScanState.PENDING)
        return RESULTS.get(status, ScanVerdict(ScanState.FAILED, f"GuardDuty said {status}"))
