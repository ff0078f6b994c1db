"""A generated file's text as the pieces it was rendered in, never joined into one string.

A bibliography of a hundred thousand works is 40 to 60 MB of text per file, twice that in
memory once a Cyrillic title makes Python store it two bytes a character, and writing one
copied it several times (joined, fingerprinted, hashed, sliced to be written). The pieces
(each entry's head, its field lines as rendered once for the document and reused for the
library, separators) are hashed, compared and written in batches instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

_BATCH = 4096  # pieces joined at a time to be hashed or written


class Pieces:
    """A text made of `pieces`, in order."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces

    def __str__(self) -> str:
        return "".join(self.pieces)

    def chunks(self) -> Iterator[str]:
        """The text in a few thousand pieces at a time."""
        pieces = self.pieces
        for start in range(0, len(pieces), _BATCH):
            yield "".join(pieces[start: start + _BATCH])

    def sha256(self) -> str:
        """SHA-256 of the text as UTF-8."""
        digest = hashlib.sha256()
        for chunk in self.chunks():
            digest.update(chunk.encode("utf-8"))
        return digest.hexdigest()

    def equals(self, text: str) -> bool:
        """Whether the text is `text`."""
        at = 0
        for chunk in self.chunks():
            if not text.startswith(chunk, at):
                return False
            at += len(chunk)
        return at == len(text)

    def with_line(self, line: str, at: int) -> Pieces:
        """The text with `line` inserted at `at`, a position inside the first piece."""
        first = self.pieces[0]
        return Pieces([first[:at], line, first[at:], *self.pieces[1:]])
