"""Footnote text -> the works it cites (`Reference`), pure functions.

`parse_references(text)` splits a note into citations (`split.py`), drops explanatory prose,
and reads each citation's fields (`fields.py`: title, authors via `authors.py`, outlet, dates
via `dates.py`, URLs via `urls.py`, type via `classify.py` and the name tables of
`outlets.py`). `resolve_backreferences(footnotes)` (`backrefs.py`) turns Ibid. / Op. cit. /
short forms / "supra note N" into the work they point to, and `repair_across_notes` fixes
URLs whose repair needs evidence from other notes of the same document.
"""

from __future__ import annotations

from checker.collector import collector_paused
from checker.model import Footnote, Reference
from checker.references.backrefs import repair_across_notes, resolve_backreferences
from checker.references.fields import parse_citation
from checker.references.split import split_citations

__all__ = ["parse_footnotes", "parse_references", "repair_across_notes",
           "resolve_backreferences"]


def parse_references(text: str) -> list[Reference]:
    """A footnote's text -> the works it cites (none for prose, Ibid. or Op. cit.: those are
    resolved against the other notes by `resolve_backreferences`)."""
    references = []
    for segment in split_citations(text):
        reference = parse_citation(segment)
        if reference is not None:
            references.append(reference)
    return references


def parse_footnotes(footnotes: list[Footnote]) -> None:
    """Fill every footnote's references, then resolve what needs the other notes (the
    collector paused: a long document makes many small objects and no cycles)."""
    with collector_paused():
        for footnote in footnotes:
            footnote.references = parse_references(footnote.text)
    resolve_backreferences(footnotes)
    repair_across_notes(footnotes)
