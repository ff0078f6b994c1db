"""Scripture references, found anywhere in a note (alone, before the verse they quote, or
inside commentary): a book of the Bible, its chapter and verse, in English or German, in full
or abbreviated, with the verse after a colon (``John 3:16``) or a comma (``Psalm 27,14``):

- ``Psalm 27,14 "Harre auf den HERRN!"`` -> title ``Psalm 27,14`` (the quoted verse is the
  text cited, not a title);
- ``... ist aus Rom. 8,26. zu sehen`` -> ``Rom. 8,26``; ``1 Cor. 13:4-7``, ``1.Korinther 16,13``,
  ``Klagelieder 3,25+26``.

The title is the reference as printed; a scripture reference has no author, container or date.
A chapter alone (``Psalm 23``) is not read: only chapter and verse set it apart from a name
and a number.
"""

from __future__ import annotations

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.patterns import FoundCitation

# Books in full and in their usual abbreviations (SBL and Loccum), English then German.
_BOOKS = (
    "Genesis|Gen|Gn|Exodus|Exod|Ex|Leviticus|Lev|Numbers|Num|Deuteronomy|Deut|Dtn|Joshua|Josh|"
    "Josua|Jos|Judges|Judg|Richter|Ri|Ruth|Rut|Samuel|Sam|Kings|Kgs|Könige|Kön|Chronicles|"
    "Chron|Chr|Chronik|Ezra|Esra|Esr|Nehemiah|Nehemia|Neh|Esther|Esth|Ester|Job|Hiob|Ijob|"
    "Psalms?|Pss?|Psalmen|Proverbs|Prov|Sprüche|Spr|Ecclesiastes|Eccles|Eccl|Qoh|Prediger|Pred|"
    "Koh|Song of Solomon|Song of Songs|Hoheslied|Hld|Isaiah|Isa|Jesaja|Jes|Jeremiah|Jer|Jeremia|"
    "Lamentations|Lam|Klagelieder|Klgl|Ezekiel|Ezek|Hesekiel|Ezechiel|Hes|Ez|Daniel|Dan|Hosea|"
    "Hos|Joel|Amos|Obadiah|Obad|Obadja|Obd|Jonah|Jona|Jon|Micah|Mic|Micha|Nahum|Nah|"
    "Habakkuk|Hab|Habakuk|Zephaniah|Zeph|Zefanja|Zef|Haggai|Hag|Zechariah|Zech|Sacharja|Sach|"
    "Malachi|Mal|Maleachi|Matthew|Matt|Mt|Matthäus|Mark|Mk|Markus|Luke|Lk|Lukas|Luk|John|Jn|"
    "Johannes|Joh|Acts|Apostelgeschichte|Apg|Romans|Rom|Röm|Römer|Corinthians|Cor|Korinther|Kor|"
    "Galatians|Gal|Galater|Ephesians|Eph|Epheser|Philippians|Phil|Philipper|Colossians|Col|"
    "Kolosser|Kol|Thessalonians|Thess|Thessalonicher|Thes|Timothy|Tim|Timotheus|Titus|Tit|"
    "Philemon|Philem|Phlm|Hebrews|Heb|Hebr|Hebräer|James|Jas|Jakobus|Jak|Peter|Pet|Petrus|Petr|"
    "Jude|Judas|Jud|Revelation|Rev|Offenbarung|Offb|Apk"
)
_SCRIPTURE = compile_lazily(
    r"(?<![\w.])(?P<ref>(?:[1-4]\.?\s?|[IV]{1,3}\.?\s)?(?:" + _BOOKS + r")\.?\s?"
    r"\d{1,3}(?::\s?|,)\d{1,3}(?:\s?[-–+]\s?\d{1,3})*(?:\s?ff?\.)?)(?![\d\w])"
    # the verse quoted after the reference is part of its citation, not a title
    r"(?P<quoted>\s*[*_]{0,3}\s*[\"“„«][^\"“”„«»]{1,600}[\"”“»]\s*[*_]{0,3})?"
)
# (the colon or the comma first, the digit before it looked behind for: each scanned for its
# one character, cheaper than one scan for either)
_VERSE_COLON = compile_lazily(r":(?<=\d:)\d")
_VERSE_COMMA = compile_lazily(r",(?<=\d,)\d")


def has_verse(text: str) -> bool:
    """A cheap look before `find_scripture`: a chapter and verse (``3:16``, ``27,14``)."""
    return _VERSE_COLON.search(text) is not None or _VERSE_COMMA.search(text) is not None


def find_scripture(text: str) -> list[FoundCitation]:
    """Each chapter-and-verse reference to a book of the Bible in `text`, in order."""
    if not has_verse(text):
        return []
    found = []
    for match in _SCRIPTURE.finditer(text):
        found.append(FoundCitation(match.start(), match.end(), Reference(
            title=match.group("ref"), type=ReferenceType.BOOK, raw=match.group(0))))
    return found
