"""Files on a request: what was uploaded, who may see it, and what the malware scan said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Visibility(StrEnum):
    PUBLIC = "public"  # goes to the released-records library when delivered
    PRIVATE = "private"  # to the requester only: never listed anywhere public


class ScanState(StrEnum):
    PENDING = "pending"  # the scanner has not answered yet
    CLEAN = "clean"
    INFECTED = "infected"
    FAILED = "failed"  # no working scanner, or it could not read the file: try again


@dataclass(frozen=True)
class ScanVerdict:
    state: ScanState
    note: str = ""  # the signature found, or why the scan failed


@dataclass(frozen=True)
class RequestFile:
    """One uploaded file. Only a clean scan makes it usable: download, delivery, publication."""

    id: str
    tracking_number: str
    name: str  # a safe file name, as uploaded
    title: str
    visibility: Visibility
    content_type: str  # as read from the content
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str
    scan: ScanVerdict = ScanVerdict(ScanState.PENDING)

    @property
    def usable(self) -> bool:
        return self.scan.state is ScanState.CLEAN

    @property
    def size_label(self) -> str:
        """The size as people read it: KB under a tenth of a megabyte, else MB."""
        if self.size >= 104_858:
            return f"{self.size / 1_048_576:,.1f} MB"
        return f"{-(-self.size // 1024)} KB"

    @property
    def key(self) -> str:
        """Where the file's bytes are kept in the file store."""
        return f"{files_prefix(self.tracking_number)}{self.id}/{self.name}"


def files_prefix(tracking_number: str) -> str:
    return f"requests/{tracking_number}/files/"
