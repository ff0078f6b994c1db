"""Text made ASCII exactly as `unidecode` makes it, at the speed of a scan where it is ASCII.

`unidecode` transliterates a text one character at a time in Python once it holds a single
character outside ASCII: a 20,000-note paper of English with curly quotes took 2 s in the
audit's word lists. Every character is transliterated alone (ASCII stays as it is), so only
the runs of other characters are handed to it.
"""

from __future__ import annotations

import re

from unidecode import unidecode

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def to_ascii(text: str) -> str:
    """``unidecode(text)``: ``Кактус`` -> ``Kaktus``, ``“Ibid.”`` -> ``"Ibid."``."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(_transliterated, text)


def _transliterated(run: re.Match[str]) -> str:
    return unidecode(run.group())
