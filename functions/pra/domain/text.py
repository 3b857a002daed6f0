"""Text a person typed: refuse characters that hide or reorder what staff and letters show.

Control characters (NUL, escape…) and the bidirectional embedding, override and isolate marks
(U+202A-U+202E, U+2066-U+2069) can make a description read differently from what is stored,
or break a letter or a CSV. Line breaks and tabs stay allowed where a field has lines.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def has_hidden_characters(text: str, *, lines: bool = False) -> bool:
    """Whether `text` holds a character no one should type; `lines` allows \\n, \\r and \\t."""
    return bool((_LINES if lines else _ONE_LINE).search(text))
