"""What an uploaded file is, read from its content, never from its name alone.

puremagic reads the magic numbers. A ZIP or an old Office (OLE) container says only its family,
so the family is checked by content and the member list (ZIP) or the name (OLE) picks the kind
within it. Text has no magic: it is text when it decodes and holds no NUL byte; text that is
HTML, SVG, XML or a script could run in a browser and is refused with the executables.
"""

from __future__ import annotations

import re
import zipfile
from typing import BinaryIO

import puremagic

HEAD_BYTES = 64 * 1024
ACCEPTED = (
    "PDF, images (PNG, JPEG, GIF, TIFF, WebP), Word, Excel, PowerPoint and OpenDocument files, "
    "plain text, CSV, email (.eml, .msg) and ZIP"
)
IMAGES = {"image/png", "image/jpeg", "image/gif", "image/tiff", "image/webp"}
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
OLE_BY_SUFFIX = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".msg": "application/vnd.ms-outlook",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ACTIVE_TEXT = re.compile(rb"^\s*(<!doctype html|<html|<svg|<\?xml|<script|#!)", re.IGNORECASE)


class UnacceptedType(ValueError):
    """The content is not one of the kinds of record the desk accepts."""


def content_type(stream: BinaryIO, name: str) -> str:
    """The MIME type of the file in `stream` (left at its start), or UnacceptedType."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not head:
        raise UnacceptedType("the file is empty")
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(stream)
    if head.startswith(OLE_MAGIC):
        return OLE_BY_SUFFIX.get(_suffix(name), "application/x-ole-storage")
    found = _magic(head)
    if found == "application/pdf" or found in IMAGES:
        return found
    if found is None and _is_text(head):
        return _text_kind(head, name)
    raise UnacceptedType(f"this kind of file is not accepted; accepted: {ACCEPTED}")


def _magic(head: bytes) -> str | None:
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    # The most confident match with a MIME type; a name never changes it.
    typed = [match for match in matches if match.mime_type]
    return typed[0].mime_type if typed else ("" if matches else None)


def _zip_kind(stream: BinaryIO) -> str:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            declared = archive.read("mimetype").decode().strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        raise UnacceptedType("the ZIP file is damaged") from None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" in names:
        for folder, kind in OOXML.items():
            if any(member.startswith(folder) for member in names):
                return kind
    return declared if declared in ODF else "application/zip"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the head is still text.
        if error.start < len(head) - 4:
            return _is_single_byte_text(head)
    return True


def _is_single_byte_text(head: bytes) -> bool:
    """Windows-1252 text, as older exports are: printable bytes, tabs and line breaks."""
    controls = set(range(32)) - {9, 10, 12, 13}
    return not any(byte in controls for byte in head)


def _text_kind(head: bytes, name: str) -> str:
    if ACTIVE_TEXT.match(head[:512]):
        raise UnacceptedType(
            "web pages, SVG, XML and scripts are not accepted: save the record as PDF or text"
        )
    suffix = _suffix(name)
    if suffix == ".csv":
        return "text/csv"
    if suffix == ".eml":
        return "message/rfc822"
    return "text/plain"


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""
