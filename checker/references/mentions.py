"""Works named in passing inside commentary, found anywhere in a note: a person's name in the
possessive before an italic title, ``Thomas Roe's *Harbour Songs*`` -> title ``Harbour Songs``,
authors ``Roe, Thomas`` (``Aristotle's *De caelo*`` -> ``Aristotle``), or an italic title with
its author after it, ``*Harbour Songs*, to be written by Jane Roe`` / ``*Harbour Songs* by Jane
Roe``; or a name and a comma before an italic title in a sentence, ``older studies: T. D.
Kendrick, *British Antiquity*`` -> title ``British Antiquity``, authors ``Kendrick, T. D.``.
Only the title and its author are printed; the rest of the work stays unknown.
"""

from __future__ import annotations

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.authors import parse_authors
from checker.references.patterns import FoundCitation

_POSSESSIVE_TITLE = compile_lazily(
    r"(?<![\w.])(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w-]+)['’]s\s+"
    r"(?P<title>\*(?=\S)[^*]{2,200}?(?<=\S)\*|_(?=\S)[^_]{2,200}?(?<=\S)_)(?![\w*_])"
)
_TITLE_BY = compile_lazily(
    r"(?P<title>\*(?=\S)[^*]{2,200}?(?<=\S)\*|_(?=\S)[^_]{2,200}?(?<=\S)_),?\s+"
    r"(?:(?:to\s+be\s+)?(?:written|edited|translated|published)\s+)?by\s+"
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+)(?![\w'’-])")
_NOT_NAMES = frozenset(("the", "a", "an", "this", "that", "his", "her", "their", "its", "one"))
_PERSON_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+"
_NAME_THEN_TITLE = compile_lazily(
    rf"(?<![\w.'’-])(?P<name>{_PERSON_NAME}(?:\s+and\s+{_PERSON_NAME})?),\s+"
    r"(?P<title>\*(?=[A-Z0-9“\"])[^*]{2,200}?(?<=\S)\*)(?![\w*_])")


def names_works_in_passing(text: str) -> bool:
    """Might `text` name a work in passing (`find_possessive_titles`)? A cheap look."""
    return "s *" in text or "s _" in text or (
        " by " in text and ("*" in text or "_" in text)) or (
        ", *" in text and _IN_PASSING.search(text) is not None)


def find_possessive_titles(text: str) -> list[FoundCitation]:
    """Each ``Name's *Title*`` and ``*Title* by Name`` in `text`, in order."""
    found = []
    if "by " in text and ("* " in text or "*," in text or "_ " in text or "_," in text):
        for match in _TITLE_BY.finditer(text):
            if match.group("title")[1:2].islower():
                continue  # "our *maestro* by Jane Roe": a word stressed, no title
            authors = parse_authors(match.group("name"))
            if authors:
                found.append(FoundCitation(match.start(), match.end(), Reference(
                    title=match.group("title")[1:-1].strip(), authors=list(authors),
                    type=ReferenceType.BOOK, raw=match.group(0))))
    if ", *" in text and _IN_PASSING.search(text):
        for match in _NAME_THEN_TITLE.finditer(text):
            words = match.group("name").split()
            if len(words) < 2 or words[0].lower() in _NOT_NAMES or not _in_a_sentence(
                    text, match.start()) or _PUBLICATION_AFTER.match(text, match.end()):
                continue  # "Furthermore, *Title*": one word is no name said in passing; a
                # citation, in a note's own words or a sentence's ("... is J. Roe, *Title*
                # (Kiel: Harbour, 1966)"), is the splitter's
            names = match.group("name").split(" and ")
            authors = [author for name in names for author in parse_authors(name)]
            if not authors and len(names) == 2 and all(len(name.split()) == 1
                                                       for name in names):
                authors = names  # "Kelley and Sacks, *Title*": two family names
            if authors:
                found.append(FoundCitation(match.start(), match.end(), Reference(
                    title=match.group("title")[1:-1].strip(" .,"), authors=authors,
                    type=ReferenceType.BOOK, raw=match.group(0))))
    if not ("'s *" in text or "’s *" in text or "'s _" in text or "’s _" in text):
        found.sort(key=lambda citation: citation.start)
        return found
    for match in _POSSESSIVE_TITLE.finditer(text):
        name = match.group("name")
        words = name.split()
        if words[0].lower() in _NOT_NAMES:
            continue
        authors = parse_authors(name) if len(words) > 1 else [name]
        if not authors:
            continue
        found.append(FoundCitation(match.start(), match.end(), Reference(
            title=match.group("title")[1:-1].strip(), authors=list(authors),
            type=ReferenceType.BOOK, raw=match.group(0))))
    found.sort(key=lambda citation: citation.start)
    return found


# The cheap look before `_NAME_THEN_TITLE`: three lower-case words, then a name and a comma
# before an italic title ("older studies: T. D. Roe, *Title*")
_IN_PASSING = compile_lazily(
    rf"(?<![a-z])[a-z]+\s[a-z]+\s[a-z]+:?\s{_PERSON_NAME}(?:\s+and\s+{_PERSON_NAME})?,\s\*[A-Z0-9“\"]")
_PUBLICATION_AFTER = compile_lazily(r"\s*\(|,\s*[A-Z0-9]")  # "(Kiel: Harbour, 1966)", ", Kiel 1966"
_SIGNALS = frozenset(("see", "also", "cf.", "e.g.,", "and", "compare", "with", "but"))


def _in_a_sentence(text: str, start: int) -> bool:
    """Do the three words before `start` run on in lower case (a sentence naming the work in
    passing: "older studies: T. D. Kendrick, ..."), signals such as "see also" aside?"""
    words = text[max(0, start - 120):start].split()[-3:]
    return len(words) == 3 and all(
        word[:1].islower() and word.lower() not in _SIGNALS for word in words)
