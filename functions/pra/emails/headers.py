"""Headers that name a message's request and kind for the mailer; never sent on.

The SES mailer turns them into message tags (so a bounce finds its request) and removes them.
"""

from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import default

TRACKING_HEADER = "X-PRA-Tracking-Number"
KIND_HEADER = "X-PRA-Email-Kind"

# The SES message tags the mailer makes of them, which bounce notifications carry back.
TRACKING_TAG, KIND_TAG = "tracking_number", "kind"
UNKNOWN = "unknown"


def header_block(raw: bytes) -> Message:
    """The message's headers alone, parsed without its body (cheap on a long letter)."""
    return BytesHeaderParser(policy=default).parsebytes(raw)


def with_our_headers(raw: bytes, tracking_number: str, kind: str) -> bytes:
    """The bytes with our two headers, added in front when missing (headers may come in any
    order), so no mailer needs to parse and serialize the whole message again."""
    present = _header_names(raw)
    added = b""
    if TRACKING_HEADER.lower().encode() not in present and tracking_number:
        added += f"{TRACKING_HEADER}: {tracking_number}\r\n".encode("ascii")
    if KIND_HEADER.lower().encode() not in present:
        added += f"{KIND_HEADER}: {kind}\r\n".encode("ascii")
    return added + raw


def without_our_headers(raw: bytes) -> bytes:
    """The bytes as they go out: our headers (and their folded lines) removed."""
    head, separator, body = _split(raw)
    kept: list[bytes] = []
    dropping = False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        dropping = name in _OURS
        if not dropping:
            kept.append(line)
    return b"".join(kept) + separator + body


def wire_bytes(raw: bytes) -> bytes:
    """Every line ending as CRLF, as SMTP and SES take a message."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


_OURS = {TRACKING_HEADER.lower().encode(), KIND_HEADER.lower().encode()}


def _header_names(raw: bytes) -> set[bytes]:
    """The names of the headers, lower-cased: a scan of the lines, where parsing them all into
    header objects was a tenth of a submission's time."""
    head = _split(raw)[0]
    return {
        line.split(b":", 1)[0].strip().lower()
        for line in head.splitlines()
        if line[:1] not in (b" ", b"\t") and b":" in line
    }


def _split(raw: bytes) -> tuple[bytes, bytes, bytes]:
    ends = [(raw.find(mark), mark) for mark in (b"\r\n\r\n", b"\n\n")]
    found = [(at, mark) for at, mark in ends if at >= 0]
    if not found:
        return raw, b"", b""
    at, mark = min(found)
    return (
        raw[: at + len(mark) // 2],
        raw[at + len(mark) // 2 : at + len(mark)],
        raw[at + len(mark) :],
    )
