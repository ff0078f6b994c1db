"""A note that is a list of links, each after a short label or after the one before it.

Technical documents (PEPs, READMEs, design notes) cite pages as labelled links rather than as
citations: ``NumPy: https://numpy.example/ SciPy: https://scipy.example/`` is two pages, each
titled by its label; ``Tide tables https://a.example/1 https://a.example/2`` (or ``... and
...``) is two pages under one label. `read_link_list` reads such a note into one reference per
URL, the label (read as a citation, so ``Roe, "Tides": URL`` keeps its author) standing for
each URL after it until the next label. A note with anything else between its links (a
sentence leading into a link, an archived copy, a markdown or reST link text) is not this
shape: it returns None and the note is read as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.lazypattern import compile_lazily
from checker.model import Reference
from checker.references.urls import UrlMatch, domain_of, find_urls, has_labelled_link

# What may stand between two links besides a label: punctuation and a joining word
_JOINER = compile_lazily(r"^[\s,;()\[\]]*(?:(?:and|or|&)[\s,;()\[\]]*)?$", re.IGNORECASE)
# A label: a few words, a colon or a dash or nothing after them, no sentence inside
_LABEL = compile_lazily(r"^[\s,;]*(?P<label>[^\s.,;:()][^\n]{0,118}?)\s*(?::|\s[-–—])?[\s(]*$")
_LEADS_INTO = frozenset(("at", "see", "from", "in", "on", "via", "here", "under", "by", "to",
                         "the", "a", "an", "of", "and", "or", "is", "are", "was", "see:"))
_ARCHIVES = ("web.archive.org", "archive.today", "archive.ph", "webcitation.org", "perma.cc")


def read_link_list(text: str,
                   read_citation: Callable[[str], Reference | None]) -> list[Reference] | None:
    """One reference per link of a labelled list of links, or None when the note is not one:

    ``NumPy: https://numpy.example/ SciPy: https://scipy.example/`` (two labels) /
    ``Tide tables: https://a.example/1 and https://a.example/2`` (one label, two links).
    `read_citation` reads a label with its first link as a citation (its title, authors)."""
    if has_labelled_link(text):
        return None  # a link's text is no label of a list (and its URLs are not read twice)
    matches = find_urls(text)
    if len(matches) < 2 or any(match.link_text is not None or match.doi or any(
            archive in match.url.lower() for archive in _ARCHIVES) for match in matches):
        return None
    if not _JOINER.match(text[matches[-1].end:]):
        return None  # words after the last link: a sentence, not a list
    labels: list[str | None] = []
    position = 0
    for match in matches:
        label = _label(text[position:match.start])
        if label == "":
            return None
        labels.append(label)
        position = match.end
    if labels[0] is None:
        return None  # bare links first: read as usual
    references: list[Reference] = []
    current: Reference | None = None
    for match, label in zip(matches, labels, strict=True):
        if label is not None:
            current = read_citation(f"{label} {match.printed}")
            if current is None or not (current.title or current.authors):
                return None
            references.append(current)
        elif current is not None:
            references.append(_same_work_at(current, match))
    return references


def _label(between: str) -> str | None:
    """The label between two links: None for none (a joiner or nothing), "" for words that
    are no label (a sentence, a lead-in to the link)."""
    if _JOINER.match(between):
        return None
    found = _LABEL.match(between)
    if not found:
        return ""
    label = found.group("label").strip()
    words = label.split()
    if len(words) > 14 or ". " in label or words[-1].lower() in _LEADS_INTO:
        return ""
    return label


def _same_work_at(work: Reference, match: UrlMatch) -> Reference:
    """The work of the label before, at another of its links."""
    return Reference(title=work.title, authors=list(work.authors), container=work.container,
                     date=work.date, url=match.url, url_as_printed=match.printed,
                     domain=domain_of(match.url), type=work.type,
                     raw=match.printed, repairs=tuple(match.repairs),
                     url_candidates=tuple(match.candidates))
