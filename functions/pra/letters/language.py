"""Does text a coordinator typed read as English? A Spanish letter should carry none.

Staff write the scope, the question, the reasons and the items withheld themselves, and a
letter to a requester who chose Spanish prints them as typed. The desk warns, it never
refuses: names, titles and citations are the same in both languages, and staff decide.

Counting each language's commonest short words answers this one question for two languages;
a language-identification library would bring numpy or tens of megabytes of models into the
Lambda package for it.
"""

from __future__ import annotations

import re

# Words common in one language and not words of the other (so "a", "no", "me" are left out).
# fmt: off
_ENGLISH = frozenset(
    {
        "the", "and", "of", "to", "is", "are", "was", "were", "for", "with", "this", "that",
        "these", "those", "you", "your", "we", "our", "have", "has", "had", "will", "would",
        "be", "been", "not", "from", "by", "on", "at", "it", "its", "which", "what", "who",
        "all", "any", "or", "if", "there", "they", "them", "their", "about", "please",
        "records", "record",
    }
)
_SPANISH = frozenset(
    {
        "el", "la", "los", "las", "de", "del", "y", "que", "en", "es", "son", "un", "una", "unos",
        "unas", "por", "para", "con", "su", "sus", "se", "al", "lo", "como", "más", "fue", "este",
        "esta", "estos", "estas", "nos", "usted", "ustedes", "hay", "sobre", "todos", "registros",
        "registro", "favor",
    }
)
# fmt: on
_WORD = re.compile(r"[a-záéíóúüñ]+")


def looks_english(text: str) -> bool:
    """Two or more English words, and more of them than Spanish ones."""
    words = _WORD.findall(text.lower())
    english = sum(word in _ENGLISH for word in words)
    spanish = sum(word in _SPANISH for word in words)
    return english >= 2 and english > spanish
