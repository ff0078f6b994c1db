"""A note holding a reference manager's citations (Zotero, Mendeley, EndNote, Word's own,
LibreOffice's bibliography marks: `Footnote.cited`, read by `extract/citefields.py`): the works
their records name, in the note's order, beside the citations typed around them.

The note is read as any other; then what was read inside a field's printed text gives way
to the works of its record, fields as the manager holds them (title, authors, container,
date, URL, DOI), where the printed text is the manager's or names each work of the record.
A field edited by hand since (it names another work), or whose record cannot be read, keeps
what was read of its printed text, and an info finding (``citation-field``) says which and
why. What is read outside the fields ("; also the report at https://...") stays.

Example: the note ``See Jane Roe, *Ports of Call* (2001), 5; and the bank's data at
https://bank.example/data.`` with the first citation a Zotero field for Roe's book gives
Roe's book from Zotero's record, then the bank's page read from the text after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from checker.lazypattern import compile_lazily
from checker.model import (
    Finding,
    Footnote,
    ManagedCitation,
    Reference,
    Severity,
    copy_reference,
)

RULE = "citation-field"
_WORDS = compile_lazily(r"\w+")


def managed_references(footnote: Footnote, parsed: list[Reference], document: str,
                       cited_before: set[tuple]) -> tuple[list[Reference], list[Finding]]:
    """The works `footnote` cites: those `parsed` from its text, where a field's printed text
    lies replaced by the works of the field's record (when it is to be trusted); and a
    finding for each field whose record is not used. `cited_before`: the records' works
    cited in the notes before (added to here); a work printed in a short form is a
    back-reference (``ibid``) only where one of them is that work."""
    text = footnote.text
    trusted = [cited for cited in footnote.cited if cited.works and not cited.edited]
    starts = [cited.start for cited in trusted]  # (in the note's order, apart)
    placed: list[tuple[int, list[Reference]]] = []
    at = 0
    for reference in parsed:
        found = _position(text, reference.raw, at)
        at = found if found is not None else at
        inside = bisect_right(starts, at) - 1  # the field starting last at or before it
        if inside < 0 or at >= trusted[inside].end:
            placed.append((at, [reference]))
    for cited in trusted:
        works = []
        for work in cited.works:
            reference = copy_reference(work)
            reference.ibid = work.ibid and _identity(work) in cited_before
            cited_before.add(_identity(work))
            works.append(reference)
        placed.append((cited.start, works))
    placed.sort(key=lambda item: item[0])  # (stable: a note's own order where they tie)
    findings = [_finding(footnote, cited, document) for cited in footnote.cited
                if not cited.works or cited.edited]
    return [reference for _, references in placed for reference in references], findings


def _position(text: str, raw: str, start: int) -> int | None:
    """Where the citation `raw` was read in `text` (from `start`, else anywhere as written),
    its spaces and punctuation as the reader may have tidied them ("Roe 2001: p. 5" read in
    "(Roe 2001 : p. 5)"); None where it cannot be found."""
    words = _WORDS.findall(raw)
    if not words:
        return None
    found = text.find(raw, start)
    if found < 0:
        found = text.find(raw)
    if found >= 0:
        return found
    loose = re.compile(r"\W*".join(map(re.escape, words[:12])))  # (enough to place it)
    match = loose.search(text, start)
    return match.start() if match else None


def _identity(work: Reference) -> tuple:
    return (work.title, tuple(work.authors), work.date, work.doi, work.url)


def _finding(footnote: Footnote, cited: ManagedCitation, document: str) -> Finding:
    printed = " ".join(footnote.text[cited.start:cited.end].split())
    if not cited.works:
        why = (f"a {cited.manager} citation field holds no readable record of its works "
               "(damaged, or only their identifiers)")
    else:
        titles = "; ".join(f"\u201c{work.title}\u201d" for work in cited.works if work.title)
        why = (f"a {cited.manager} citation was edited by hand after it was inserted: it "
               f"reads \u201c{_shortened(printed)}\u201d, while {cited.manager}'s record names "
               f"{titles or 'other works'}")
    return Finding(
        rule=RULE, severity=Severity.INFO, document=document, footnotes=[footnote.number],
        part=footnote.part, line=footnote.line,
        message=f"{why}; the printed text is read, not the record (refresh the citation in "
                f"{cited.manager} to have them agree)",
    )


def _shortened(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
