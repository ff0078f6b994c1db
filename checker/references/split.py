"""One footnote's text -> the text of each citation in it.

A note may cite several works (``A; B; and C``, ``A.; B.``, ``A. See also B.``), label them
(``Uzbekistan: "..."``), wrap them in prose (``For the convention, see ...``,
``Established in 1957, the convention ... P.J. Hodgkinson, "Report ..."``) or be prose only.
Splits happen at top-level semicolons (not inside quotes, brackets or URLs) and before a new
quoted title or "See also"; a piece is kept only when it carries a citation's signature (a
URL, a quoted title with its outlet or date, an italic title with a date or publisher, an
author-date or short-form pattern); prose around citations is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from checker.lazypattern import compile_lazily
from checker.references.dates import find_dates
from checker.references.patterns import (
    COLLECTION,
    DIGIT,
    FAMILY_FIRST_AUTHORS,
    FULL_NAME_AUTHORS,
    GIVEN_FIRST_AUTHORS,
    IMPRINT,
    LIST_NUMBER,
    PUBLISHER_YEAR,
    REPOSITORY,
    SPEECH_BEFORE,
    VANCOUVER_ANY,
    VANCOUVER_LIST,
    YEAR,
    YEAR_WORD,
    letter_head,
    prose_ratio,
    sentence_spans,
)
from checker.references.urls import find_domains

_SCAN = compile_lazily(r"[;\"“”«»()\[\]]|://")
_PAIRS = {"“": "”", "«": "»", "(": ")", "[": "]"}
_LABEL = compile_lazily(
    r"^\s*(?:(?:and|&|also|и)\s+)?"
    r"(?:(?:see\s+also|see(?:,?\s+(?:e\.g\.|for\s+example|for\s+instance),?)?:?|cf\.?|"
    r"compare|also|e\.g\.,?|for\s+example,?|for\s+instance,?|"
    r"quoted\s+in|cited\s+in|as\s+cited\s+in|reprinted\s+in|sources?:|источник:|см\.(?:\s+также)?|"
    r"vgl\.|vergl\.|siehe|voir(?:\s+aussi)?|por\.|zob\.|zobacz|patrz|cfr\.|vedi|véase)"
    r"\s+)?"
    r"(?:[A-ZА-Я][\w’'.-]*(?:\s+[A-ZА-Я][\w’'.-]*){0,3}\s*(?::|—|–|\s-)\s*(?=[\"“«*\[]))?",
    re.IGNORECASE,
)
_QUOTE_OPEN = compile_lazily(r"[\"“«]")
# The signs of a URL or DOI, in any case: "http://", "https://", "ftp://", "doi:" (not inside
# a word) after their colon; "www.", a TLD before a path (".org/x") and a DOI's "10.1234/"
# after their full stop. Each pattern opens with that one character, the letters before it
# looked behind for: a scan for one character costs a fraction of one for the alternatives'
# first letters, and far less than matching letters without regard to case (the letters'
# classes hold what IGNORECASE matches: "ſ" for "s", "İ" and "ı" for "i", "K" for "k").
_URL_HINT_COLON = compile_lazily(
    r":(?:(?<=[dD][oO][iIİı]:)(?<!\w[dD][oO][iIİı]:)|//(?:(?<=[hH][tT][tT][pP]://)|"
    r"(?<=[hH][tT][tT][pP][sSſ]://)|(?<=[fF][tT][pP]://)))")
_URL_HINT_DOT = compile_lazily(
    r"\.(?:(?<=[wW][wW][wW]\.)|[a-zA-ZİıſK]{2,24}/\w|(?<=10\.)(?<!\w10\.)\d{4,9}/)")


def _has_url_hint(text: str) -> bool:
    """A URL, a bare site with a path or a DOI in `text`: a sign of a cited page."""
    return _URL_HINT_COLON.search(text) is not None or _URL_HINT_DOT.search(text) is not None
# The sentence ends below open with the stop every alternative ends with, what comes before
# it looked behind for (see patterns.SENTENCE_BREAK): the blank after it starts at start + 1.
_SENTENCE = compile_lazily(r"[.!?](?<=[^\s.]{2}[.!?])\s+(?=[A-ZА-ЯЁ\"“«*])")
_SEE = compile_lazily(
    r"(?:^|[.;,:]\s+|\s)(?:see\s+(?:also|especially|generally|in\s+particular)|"
    r"see(?:,\s+e\.g\.,?)?:?|cf\.|compare|for\s+example,?\s+see|e\.g\.,|"
    r"(?:as\s+)?reported\s+(?:by|in)|quoted\s+in|cited\s+in|according\s+to|source:|vgl\.|"
    r"siehe)\s+(?=[A-ZА-Я\"“«*\[])",
    re.IGNORECASE,
)
# A sentence that leads to a citation: "For more on Ward's story, see ..."
_SENTENCE_OR_QUOTE_END = compile_lazily(
    r"[.!?”\"](?:(?<=[^\s.]{2}[.!?])|(?<=[^\s.]{2}[.!?][”\"]))\s+(?=[A-ZА-ЯЁ\"“«*])")
_SEE_IN_LEAD = compile_lazily(r"^[^.;]{0,80}?(?:^|[,:]\s+|\s)(?:see|cf\.|quoted\s+in|cited\s+in)"
                              r"(?:\s+(?:also|especially|"
                              r"generally|in\s+particular|e\.g\.,?|for\s+example,?))?,?\s+"
                              r"(?=[A-ZА-Я\"“«*\[])", re.IGNORECASE)
# "Jane Roe, *Title*", 'J.D. Roe, "Title"', "J.D. Roe, 'Title'" (British notes quote singly)
_AUTHOR_THEN_TITLE = compile_lazily(r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]+,\s+[*_\"“'‘]")
_FOLIO = compile_lazily(r"\b(?:fols?|ff|MSS?|pp?|vol)\.\s*\d")  # "Add. MSS. 5523, fol. 110"
_COLON_SEE = compile_lazily(r"[:,]\s+see(?:\s+also)?\s+(?=[A-ZА-Я\"“«*_\[])")
_TITLE_QUOTE = compile_lazily(
    r"[\"“«]([^\"“”«»]{2,400})[\"”»](?:[,.:;]?(?=\s|$)|(?=[,.;]))"
)
_TITLE_FOLLOW = compile_lazily(r"[,.:;]?\s*(?:$|[A-ZА-ЯЁ0-9*\[(«/]|[a-z0-9-]+\.[a-z]{2,}|in:?\s|"
                               r"dans\s|w:\s|accessed|retrieved|available|ed\.|trans\.)")
# the look-behind after the first mark ("\*(?<![*\w]\*)" is "(?<![*\w])\*"): scanned for marks
_ITALIC = compile_lazily(r"\*(?<![*\w]\*)\*?(?=\S)[^*]{2,300}?\S\*{1,2}(?![*\w])|"
                         r"_(?<![\w_]_)(?=\S)[^_]{2,300}?\S_(?![\w_])")
_PLACE_PUBLISHER = compile_lazily(r"[A-ZА-Я][\w .'-]{1,40}:\s*[A-ZА-Я][^;:()]{1,100}?,\s*"
                                  r"(?:[^,;()]*\s)?" + YEAR)
# "(New York: Penguin, 2015)", "(Washington, DC: Carnegie Endowment, 2018)"
_PUBLICATION = compile_lazily(r"\([^():]{2,60}:\s*[^()]{2,120}?" + YEAR + r"\)")
_PLACE_YEAR = compile_lazily(r"\([A-ZА-Я][\w .'-]{1,40},\s*" + YEAR + r"\)")
_NAMED_WITH_YEAR = compile_lazily(
    r"^[A-ZА-ЯЁ][\w'’.-]*(?:\s+[\w'’.,&-]+){0,12}\s+\([A-Z][\w .,'&-]{0,30}\s" + YEAR +
    r"(?:[–-]\d{2,4})?\)$"
)
# A book as European notes print it, the place and year with no publisher, then the page:
# "Dzieje portu, Gdańsk 1990, s. 5", "Die Häfen, Berlin-Leipzig 1998, S. 45", "Le port, Paris
# 1998, p. 12"; the title before (and the author before that, if any)
_PLACE_YEAR_PAGE = compile_lazily(
    r"^[A-ZÀ-ÖØ-ÞĀ-ž][^;:()\"“„«]{2,250}?,\s+[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ][\w'’.]+(?:[-–][A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ][\w'’.]+)*"
    r"\s+" + YEAR + r"(?:,\s*(?:s|S|p|pp|ss|t|vol|Bd|cz)\.\s*[\dIVXLC]|[.,]?$)")
_OLD_STYLE_BOOK = compile_lazily(r"[A-Z][^;:()\[\]]{8,250}?[.,]\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
                                 r"(?:,\s*" + YEAR + r"|\s*\[" + YEAR + r")")
# A cheap look before it: a year after a word and a comma ("Hamburg, 1851"), or in brackets
# (each scanned for its one character: `_has_old_style_year`)
_YEAR_AFTER_COMMA = compile_lazily(r",(?<=[a-z],)\s*" + YEAR)
_YEAR_IN_SQUARE_BRACKETS = compile_lazily(r"\[" + YEAR)


def _has_old_style_year(text: str) -> bool:
    return _YEAR_AFTER_COMMA.search(text) is not None or (
        "[" in text and _YEAR_IN_SQUARE_BRACKETS.search(text) is not None)
# German notes: the authors (editors), a colon, the title, and a year before the pages
_GERMAN_NOTE = compile_lazily(
    r"[A-ZÄÖÜ][^:;\"“„()]{1,80}?(?:\s\((?:Hrsg|Hg)\.\))?:\s+[A-ZÄÖÜ\"„“»].{2,400}?"
    + YEAR + r"\)?,?\s+S\.\s?\d")
# An old-style note: capitalised names (an author, a title, a periodical) and then its volume
# and page, nothing else: "Roe, Harbour Tribes, vol. 1, p. 360", "Science, vol. xv, p. 117"
_VOLUME_NOTE = compile_lazily(
    r"^(?!(?:op|loc)\.?\s*cit)(?:(?:Mr|Mrs|Dr|Prof|Rev)\.\s+)?[A-Z][^\"“«;:()]{1,200}?,\s+"
    r"(?:(?:[A-Z][a-z]+,\s+)?(?:1[5-9]\d\d|20\d\d),\s+)?"
    r"(?:vols?\.\s*[\dxivlcXIVLC]+(?:,\s+(?:1[5-9]\d\d|20\d\d))?[,.]\s+)?pp?\.\s*[\dxivlc]+"
    r"(?:\s*[-–—]\s*\d+)?(?:,\s*\d+)*(?:,?\s*et\.?\s*seq)?\.?$|"
    r"^(?!(?:op|loc)\.?\s*cit)[A-Z][^\"“«;:()]{1,200}?,\s+vols?\.\s*[\dxivlcXIVLC]+\.?$",
    re.IGNORECASE)
_COLLECTION_FIRST = compile_lazily(r"(?:the\s+)?(?:" + COLLECTION.pattern + r")\s*,\s+")
_APA = compile_lazily(r"^[^()\"“]{2,200}?\(" + YEAR + r"[a-z]?(?:,[^)]{1,30})?\)[.,]?\s+\S")
_VANCOUVER_ISSUE = compile_lazily(r"\.\s" + YEAR + r"(?:\s\w{3,9})?;\s?\d{1,4}(?:\(\d+\))?:\s?\d")
_SHORT_FORM = compile_lazily(
    r"^[A-ZА-Я][\w'’-]+(?:\s+(?:and|&)\s+[A-ZА-Я][\w'’-]+)?(?:\s+et\s+al\.)?,\s+"
    # a title in quotes or italics (French guillemets take a space: "« Les ports »"), or unmarked
    # with its page ("p.", German "S.", Polish "s.")
    r"(?:[\"“«*_]\S|«\s\S|[A-ZА-Я][^,;]{2,150},\s+(?:pp?\.\s*|[Ss]\.\s*)?[\dxivlc]+(?:\s*[–—-]\s*\d+)?"
    r"(?:,\s*[\dxivlc]+(?:\s*[–—-]\s*\d+)?)*\.?$)"
)
# German short forms: "Roe: Häfen im Sund, S. 12", "Roe/Poe: Häfen, S. 3-4"
_SHORT_FORM_COLON = compile_lazily(
    r"^[A-ZÄÖÜ][\w'’-]+(?:\s?/\s?[A-ZÄÖÜ][\w'’-]+)?:\s+[A-ZÄÖÜ„\"][^:;]{2,150},\s+S\.\s*\d")
_NAME_DATE = compile_lazily(
    r"^[A-ZА-Я][\w'’.-]*(?:\s+(?:[A-ZА-Я&][\w'’./-]*|of|for|the|and|on|among|between|with|to|"
    r"from|by|de|du|und|et|y|и)){0,10},"
)
# "CRS Report R48284, Title, by Name", "Working Paper No. 12, Title": a numbered report
_NUMBERED_REPORT = compile_lazily(
    r"^(?:[A-Z]{2,6}\s+)?(?:Report|In Focus|Insight|Legal Sidebar|Working Paper|Issue Brief|"
    r"Policy Brief|Technical Report)\s+(?:No\.\s*)?[A-Z]{0,5}-?\d[\w.-]*,\s+[A-Z]"
)
_IBID = compile_lazily(r"^\s*(?:(?:vgl|vergl|see|cf)\.?\s+)?(?:ibid|ibidem|ib\.|id\.|там\s+же|ebd|"
                       r"ebenda|ibíd|tamże|tamze|tamtéž)\b\.?",
                       re.IGNORECASE)
# An unpublished conversation cites no work: "Author interview with an official, May 2019",
# "Personal communication, 2019", "Niva Yau, interview by the author via Zoom". A published
# interview ("Smith, interview with Reuters, https://...") has a URL or a quoted title.
_INTERVIEW = compile_lazily(
    r"^(?:(?:[^\W\d_][\w'’.-]*\s+){0,3}[^\W\d_][\w'’.-]*,\s+"
    r"(?=[^,]{0,40}?\b(?:with|by|to)\s+(?:the\s+)?(?:author|me|us)\b))?"
    r"(?:(?:the\s+)?author'?s?\s+|personal\s+|private\s+|phone\s+|telephone\s+|e-?mail\s+|"
    r"skype\s+|zoom\s+|video\s+|online\s+)?(?:(?:interview|conversation|correspondence|"
    r"communication)s?\b(?!\s+of\s+[A-Z])|(?:discussion|meeting)s?\s+with\b)(?!.*[\"“«])",
    re.IGNORECASE,
)
# Wikipedia's reference lists start each note with a caret and, for a note cited several
# times, the letters of its back-links: "^ a b c "Title". Work."
_BACKLINKS = compile_lazily(r"^\^\s*(?:a(?:\s+[a-z]{1,2})+\s+)?")


# Vancouver style "2019;38(2):201-20": the semicolon joins a year to the volume
_VOLUME_AFTER_YEAR = compile_lazily(YEAR + r";\s?\d{1,4}(?:\(|:|$)")


def _top_level_semicolons(text: str, quotes: bool = True) -> list[int]:
    positions: list[int] = []
    closing: list[str] = []
    straight_open = False
    skip_until = -1
    for token in _SCAN.finditer(text):
        char = token.group(0)
        start = token.start()
        if start < skip_until:
            continue
        if char == "://":
            space = text.find(" ", start)
            skip_until = len(text) if space < 0 else space  # a URL: its semicolons are its own
            if space > 0 and text[space - 1] == ";":
                skip_until = space - 1  # "...commentary/81402; Paul Goble": the note's own
            if closing and closing[-1] in ")]":
                bracket = text.find(closing[-1], start, skip_until)
                if bracket >= 0:
                    skip_until = bracket
            continue
        if char == ";":
            if not closing and not straight_open and not _VOLUME_AFTER_YEAR.match(
                    text, max(0, start - 4), start + 6) and text[start + 1:start + 6] != " or, ":
                positions.append(start)  # not "Title; or, the Subtitle" (an old alternative)
        elif char == '"':
            if quotes:
                straight_open = not straight_open
        elif char in _PAIRS:
            if quotes or char in "([":
                closing.append(_PAIRS[char])
        elif closing and char == closing[-1]:
            closing.pop()
    if quotes and (straight_open or closing):
        return _top_level_semicolons(text, quotes=False)  # unbalanced: trust brackets only
    if positions and "*" in text:
        italics = [m.span() for m in _ITALIC.finditer(text)]  # "*Narratives; Part 1*": a title
        starts = [a for a, _ in italics]  # (in order, apart: one bisection a semicolon)
        positions = [p for p in positions
                     if not (index := bisect_left(starts, p)) or not p < italics[index - 1][1]]
    return positions


def _words_outside_titles(text: str) -> list[str]:
    if "*" in text or "_" in text:
        text = _ITALIC.sub(" ", text)
    if '"' in text or "“" in text or "«" in text:
        text = _TITLE_QUOTE.sub(" ", text)
    return text.split()


def is_prose(text: str) -> bool:
    """Running sentences with no URL: an explanatory note (or its explanatory part)."""
    return not _has_url_hint(text) and _reads_as_prose(text)


def _reads_as_prose(text: str) -> bool:
    """`is_prose` for a text known to have no URL."""
    words = _words_outside_titles(text)
    if len(words) < 9:
        return False
    return prose_ratio(words) > 0.42


_MD_LINK_TEXT = compile_lazily(r"\[([^\[\]]{1,200})\]\([^()\s]{4,}\)")
# (each alternative opens with its own character, "<" apart: scanned for those, not tried at
# every position as an optional "<" first would be)
_BARE_LINK = compile_lazily(r"(?:<(?:https?://|ftp://|www\.)|https?://|ftp://|www\.)[^\s>]+>?")


def is_prose_with_links(text: str) -> bool:
    """A sentence of commentary that links a word or names a page (``[A. J. Roe](URL), a
    harbour master, fled in 1863 ...``, ``readers can visit my "notebook" at <URL>``): prose
    once its links are taken out, with no date but a year (a citation's date: "(June 25,
    2021)"); the links are kept as cited pages of their own."""
    return _has_url_hint(text) and _prose_once_unlinked(text)


def _prose_once_unlinked(text: str) -> bool:
    """`is_prose_with_links` for a text known to have a URL."""
    if "](" in text:
        if any(link.group(1)[:1] in "\"“«*_" for link in _MD_LINK_TEXT.finditer(text)):
            return False  # '["Title"](URL)': a linked title is cited, not mentioned
        text = _MD_LINK_TEXT.sub(r"\1", text)
    text = _BARE_LINK.sub(" ", text)
    return is_prose(text) and all(len(date.iso) == 4 for date in find_dates(text))


def _title_like_quote(text: str) -> bool:
    """A quoted title as citations print it: followed by a comma/full stop, an outlet or the
    end, not by the rest of a sentence ("the "soft power" concept")."""
    for match in _TITLE_QUOTE.finditer(text):
        inner = match.group(1).strip()
        if len(inner) < 3:
            continue
        if SPEECH_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            continue  # 'Roe says, "It was ..."': a passage quoted
        if inner.rstrip(".,")[-1:].isdigit() and _only_a_date(inner):
            continue  # '"March 14, 1827."' written on a letter: a date, no title
        lead = text[:match.start()].split()
        if len(lead) >= 6 and prose_ratio(lead[-12:]) > 0.5 and not (
                lead[-1].endswith(",") and lead[-1][:1].isupper()):
            continue  # a phrase quoted in a sentence: "... introduced in the "THE" system",
            # not a title after its author: "... borrows from Poe, "Title," 95"
        if inner[-1] in ",." or _TITLE_FOLLOW.match(text, match.end()):
            return True
    if text[:1] in "\"“«":
        # a title opening the note with quotes nested inside it: '"A says "B": C," site'
        close = max(text.rfind(quote) for quote in "\"”»")
        if close > 3 and (text[close - 1] in ",." or text[close + 1: close + 2] in (",", ".")):
            return True
    return False


def _only_a_date(text: str) -> bool:
    dates = find_dates(text)
    return bool(dates) and not any(char.isalpha() for char in text[dates[-1].end:]) and not any(
        char.isalpha() for char in text[:dates[0].start])


def has_signature(text: str) -> bool:
    """Does `text` look like (part of) a citation rather than prose?

    Strong signs (a URL, a quoted title as citations print it, ``(Place: Publisher, Year)``,
    an author-date or GOST or short-form pattern) settle it; weak ones (a date beside an
    italic, a site or a name) count only when the text does not read as prose.
    """
    if "://" in text or "www." in text or ("10." in text and "doi" in text.lower()):
        return True
    if ("\"" in text or "“" in text or "«" in text) and _title_like_quote(text):
        # 'Roe G. (1999): "Title", in: ...': a list's entry, however long
        return text.count(" ") < 30 or not is_prose(text) or _opens_dated_list(text)
    if is_personal_communication(text):
        return False
    if "/" in text and (_has_url_hint(text) or "/RES/" in text):
        return True  # a URL, or a UN resolution's symbol ("A/RES/2758")
    if "(" in text and (_PUBLICATION.search(text) or _APA.match(text)):
        return True
    if ";" in text and _VANCOUVER_ISSUE.search(text):
        return True
    if "; or, " in text and _ALTERNATIVE_TITLE.match(text):
        return True  # "Roe, The Harbour Pilot; or, the art of bringing ships into port"
    if text[:1].islower() and NAMED_RECORD.match(text):
        return True  # "interview with Jane Roe, Harbour Oral History Project"
    if _SHORT_FORM.match(text) or _NUMBERED_REPORT.match(text) or (
            ": " in text and _SHORT_FORM_COLON.match(text)):
        return True
    if ("apers" in text or "ecords" in text or "ollection" in text) and (
            found := _COLLECTION_FIRST.match(text)) and REPOSITORY.search(text, found.end()):
        return True  # "Records of the Harbour Board, Harbour State Library and Archives"
    if ("vol" in text or "p." in text) and _VOLUME_NOTE.match(text):
        return True  # "Roe, Harbour Tribes, vol. 1, p. 360", "Harbour Antiquarian, vol. x"
    if text[:1].isupper() and ("[" in text or ", 1" in text) and _has_old_style_year(text) \
            and _OLD_STYLE_BOOK.match(text):
        return True  # "Information respecting the harbours. Hamburg, 1851, vol. 1"
    if "S." in text and ":" in text and _GERMAN_NOTE.match(text):
        return True  # "Hans Müller: Häfen. Berlin 1998, S. 45", "..., in: Zeitschrift 12 (2001)"
    if ": " in text and IMPRINT.search(text):
        return True  # "..., Harbour Songs. London: Nord, 1987": a book's place, publisher, year
    if ("Press" in text or "UP," in text or "Verlag" in text or "Publish" in text) and \
            PUBLISHER_YEAR.search(text) and not is_prose(text):
        return True  # "Cicero. De oratore. Harvard University Press, 1979. Print."
    if text[:1].isupper() and _PLACE_YEAR_PAGE.match(text):
        return True  # "Dzieje portu, Gdańsk 1990, s. 5": a book, its place and year, the page
    if _opens_dated_list(text):
        return True  # "W. H. Enright. Title that reads as a sentence. Journal, 4(2), 1978"
    if text[:1].isupper() and _LIST_YEAR_OPENING.match(text):
        return True  # "Roe, J. P., and A. Poe. 2005. Title that reads as a sentence. ..."
    if text[1:2].isupper() and _CAPITALS_OPENING.match(text):
        return True  # "DUPONT, Jean-Marie. Un titre qui se lit comme une phrase. Paris : ..."
    if _opens_vancouver_list(text):
        return True  # "Roe JA, Poe K. Title. J Harb Res, in press."
    if is_prose(text):
        return False
    dates = find_dates(text)
    if " //" in text and dates:
        return True
    if "(" in text and _PLACE_YEAR.search(text):
        return True  # "Annual Report 2019 (Nur-Sultan, 2020)"
    if text.endswith(")") and _NAMED_WITH_YEAR.match(text):
        return True  # "Will of John Roe of Lewes (P.C.C. 1528)": a document and its year
    if ":" in text and _PLACE_PUBLISHER.search(text):
        return True
    if ("*" in text or "_" in text) and _names_a_work(text):
        return bool(dates) or len(text.split()) <= 12 or bool(_FOLIO.search(text))
    if dates:
        if find_domains(text):
            return True
        if letter_head(text):
            return True  # "Jane Roe to John Poe, June 1, 1863, Roe Papers": a letter
        if _NAME_DATE.match(text):
            # "Reuters, May 5, 2020." / "World Bank, Trade Report, 2019."
            return len(_words_outside_titles(text)) <= 40
    return False


def _names_a_work(text: str) -> bool:
    """An italic name in `text` that may be a work's title: not a stressed or foreign word in
    lower case (``our *maestro*``, ``*de facto*``), nor a letter's address line before its
    dateline (``*To the Editor.* Kiel, May 5, 1826.``: a letter quoted in the note)."""
    return any(not match.group(0).islower() and not (
        match.group(0).lstrip("*_").startswith("To ") and _DATELINE.match(text, match.end()))
        for match in _ITALIC.finditer(text))


# A letter's dateline after its address line: "*To the Editor.* Harbour Town, Nov. 25, 1826."
_DATELINE = compile_lazily(r"\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2},\s+(?:"
                           r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
                           r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})\b")


def _strip_prose_prefix(text: str) -> str:
    """Drop explanatory prose before the citation in a mixed note: up to a "see" (or "cf.",
    "quoted in"...) before the first title or URL, or up to the sentence holding them."""
    length = len(text)
    anchor = length
    for opener in ("\"", "“", "«", "://"):
        found = text.find(opener, 0, anchor)
        if found >= 0:
            anchor = found
    lowered = text[:anchor].lower()
    if "see" in lowered or "cf." in lowered or "e.g.," in lowered or "ccording" in lowered \
            or "uoted" in lowered \
            or "ited in" in lowered or "ompare" in lowered or "reported" in lowered:
        sees = list(_SEE.finditer(text, 0, anchor + 1))
        if sees:
            see = sees[-1]
            lead = text[: see.start()]
            quoted_in = see.group(0).strip().lower().startswith(("quoted", "cited"))
            if len(lead.split()) >= (1 if quoted_in else 2) and (
                    is_prose(lead) or not has_signature(lead)):
                return text[see.end():]
    if anchor < length and text[anchor] != ":" and _may_name_a_source(text):
        after_quotation = _SOURCE_AFTER_QUOTATION.search(text, anchor, anchor + 1200)
        if after_quotation and has_signature(text[after_quotation.end():]):
            # '"Born called him a poet..." Source: Roe, "Afterword", in: ...': the passage
            # quoted, then where it is from
            return text[after_quotation.end():]
    if anchor < length and _TOPIC_LEAD.match(text):
        # 'On "patronalism," see Downs, *Declarations*': a topic, then where to read about it
        see = _SEE.search(text, anchor)
        if see and see.start() < 160:
            return text[see.end():]
    author = _embedded_author(text)
    if author > 0:
        return text[author:]
    if anchor < 40 or anchor == length:
        return text
    if _opens_vancouver_list(text):
        return text  # "Roe JA, Poe K. A title that reads as prose. J Harb. 2001. <URL>"
    starts = [m.end() for m in _SENTENCE.finditer(text, 0, anchor)]
    if not starts:
        return text
    start = starts[-1]
    lead = text[:start]
    if len(lead.split()) >= 6 and (is_prose(lead) or not (
            has_signature(lead) or _citation_like(lead))):
        return text[start:]
    return text


# "... in this mode is Randall Herbert Balmer, *Title* (...)": a person's name, a comma and a
# title, after running words
_NAME_BEFORE_TITLE = compile_lazily(
    r"(?<=\s)(?:(?<=[a-z,:]\s)|(?<=[a-z][.!?][\"”]\s))(?P<name>(?:(?:[A-Z][a-z'’-]+|[A-Z]\.|(?:[A-Z]\.){2,3}|van|von|de|del|da|"
    r"du|la|le|der)\s+){0,4}[A-Z][\w'’-]+(?:,?\s+(?:Jr|Sr)\.?)?"
    r"(?:(?:,\s+|,?\s+and\s+)(?:(?:[A-Z][a-z'’-]+|[A-Z]\.)\s+){1,3}[A-Z][\w'’-]+){0,3}),\s+$"
)


def _embedded_author(text: str) -> int:
    """Where the author of a citation embedded in a sentence starts (0: none found): the
    name just before a title (quoted or italic, the first that has one), after running
    words."""
    if not _OPENER_AFTER_COMMA.search(text, 0, 600):
        return 0  # no title (quoted or italic) after ", " to look before
    anchors = [m.start() for m in _TITLE_OPENER.finditer(text, 0, 600)][:6]  # in order
    if ("*" in text or "_" in text) and (italic := _ITALIC.search(text, 0, 600)):
        anchors.append(italic.start())  # after quoted phrases of commentary: its own look
    for start in sorted(set(anchors)):
        if start < 12:
            continue
        if not text[start - 1].isspace() or not text[max(0, start - 120): start].rstrip(
                ).endswith(","):
            continue  # the name ends in ", " before the title (not '"Title," site')
        found = _NAME_BEFORE_TITLE.search(text, max(0, start - 120), start)
        if found is None:
            continue
        lead = text[:found.start()].split()
        if len(lead) < 4 or lead[-1].lower() in ("and", "&", "with", "и", "und") or \
                prose_ratio(lead) <= 0.42:
            return 0  # "John Doe and Richard Roe, *Title*": authors, not prose
        return found.start()
    return 0


_TITLE_OPENER = compile_lazily(r"[\"“«]")
# What `_embedded_author` looks before: a quote or an italic mark after a comma and blanks
_OPENER_AFTER_COMMA = compile_lazily(r",\s+[\"“«*_]")
# A quoted passage that ends as a sentence or trails off, then "see" or "Source:" and the work
_SOURCE_AFTER_QUOTATION = compile_lazily(
    r"(?:\.\.\.|…|[.!?]\s?[»”\"]?)[\"”»]\s*(?:\([^()]{0,300}\)\s*)?[,.;]?\s+"
    r"(?:[Ss]ee(?:\s+also)?:?|[Ss]ource:|[Qq]uoted\s+in|[Cc]f\.)\s+(?=[A-ZÄÖÜ\"“«*_\[])")


def _may_name_a_source(text: str) -> bool:
    """A cheap look before `_SOURCE_AFTER_QUOTATION`: the words it needs."""
    return "see" in text or "See" in text or "ource:" in text or "uoted" in text \
        or "cf." in text or "Cf." in text


_TOPIC_LEAD = compile_lazily(r"^(?:On|For|About|Regarding|As for|For more on)\s", re.IGNORECASE)

_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "la", "le", "du",
                         "des", "der", "und", "y", "i", "и", "в"})


def _citation_like(lead: str) -> bool:
    """"The General Office of the State Council, Gazette of the State Council." reads as an
    author and a title (capitalised chunks, no running words); "Established in 1957, the
    convention governs the movement of cargo." reads as prose."""
    chunks = [c.strip() for c in lead.rstrip(" .").split(",") if c.strip()]
    if not chunks or not all(c[:1].isupper() or c[:1].isdigit() or c[:1] in "\"“«*"
                             for c in chunks):
        return False
    words = [w for w in lead.split() if w.lower() not in _CONNECTORS]
    lower = sum(1 for w in words if w[:1].islower())
    return lower <= len(words) // 5


def _strip_trailing_prose(text: str) -> str:
    """Drop explanatory sentences after the citation's last date or URL."""
    if text.count(" ") < 14:
        return text
    last = text.rfind(". ")
    if last < 0 or len(text) - last < 30:
        return text  # citations end with a date, a URL or pages, not with a long sentence
    tail = text[last + 2:]
    if "://" in tail or "*" in tail or DIGIT.search(tail):
        return text  # a date, a URL or an outlet: the citation goes on
    words = _words_outside_titles(tail)
    if len(words) < 5 or prose_ratio(words) <= 0.45:
        return text
    boundaries = [m.end() for m in _SENTENCE.finditer(text)]
    first_prose = None
    end = len(text)
    for start in reversed(boundaries):
        words = _words_outside_titles(text[start:end])  # one sentence at a time: linear
        if len(words) >= 5 and prose_ratio(words) > 0.45:
            first_prose = start
            end = start
        else:
            break
    if first_prose is None:
        return text
    tail = text[first_prose:]
    if _has_url_hint(tail) or find_dates(tail):
        return text
    return text[:first_prose].rstrip()


# A short lead-in with a colon before the next quoted title: "And: "Title"", "Also: "Title"",
# "His publications in German include: "Title""
_LEAD_THEN_QUOTE = compile_lazily(  # (French sets a space before the colon)
    r"(?:[A-Z][^\s.;:\"“”«»*]*)(?:(?:\s+[^\s.;:\"“”«»*]+){0,7}[\s\u00a0\u202f]?:\s+(?=[\"“«])"
    r"|(?:\s+[^\s.;:\"“”«»*]+){0,11}[\s\u00a0\u202f]?:\s+(?=\*[^\s*]))")
_NEXT_WORK_WINDOW = 2000  # characters after a sentence end in which the next work is judged


# A sentence ending in a signal and a name, the name's full stop before a quoted title: "For
# an account of this, see Brian Walsh." then ""The Dramaturgy of Discomfort."" (one citation)
_SIGNAL_THEN_NAME = compile_lazily(
    r"(?:^|\s)(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+(?:(?:[A-Z][a-z'’-]+|[A-Z]\.)\s+){1,3}"
    r"[A-Z][\w'’-]+\.$")


def _split_sentences_between_works(piece: str) -> list[str]:
    """``"A," site, May 5, 2020. "B," site, May 6, 2020.`` and ``A. See also B.`` -> A, B."""
    if piece.count("“") + piece.count('"') // 2 + piece.count("«") < 2 and \
            "ee also" not in piece and "see " not in piece and "). " not in piece and \
            ", _" not in piece and ", *" not in piece:
        return [piece]
    parts: list[str] = []
    last = 0
    for boundary in _SENTENCE_OR_QUOTE_END.finditer(piece):
        # the next work is judged on the text that follows, up to a bound: linear in the note
        rest = piece[boundary.end(): boundary.end() + _NEXT_WORK_WINDOW]
        starts_work = rest[:1] in "\"“«" or rest[:9].lower() == "see also " or (
            ":" in rest[:60] and bool(_LEAD_THEN_QUOTE.match(rest)))
        head = piece[last: boundary.start() + 1]
        if starts_work and rest[:1] in "\"“«" and _SIGNAL_THEN_NAME.search(head):
            continue  # "... see Brian Walsh. "Title." ...": the name is the title's author
        if starts_work and (_complete(head) or _SHORT_FORM.match(_strip_label(head))) and (
                _complete(rest) or (
                rest[:1] not in "\"“«" and has_signature(rest[:600]))):
            # "A, "Title," *Journal* (1964): 259. See also B, *Book* (Place: P, 1966)"
            parts.append(head)
            last = boundary.end()
        elif (head.rstrip(".").endswith(")") or (
                head.rstrip(".\n")[-1:].isdigit() and _ENDS_WITH_PAGES.search(head))) \
                and _AUTHOR_THEN_TITLE.match(rest) \
                and has_signature(head) and has_signature(_first_sentence(rest)):
            # "A, *Book* (New York: Walker, 2008). B, *Book* (...)": one citation per sentence,
            # also after pages: "A, *Book* (London 1914), p. 17. Roe, _Title_, III, p. 372."
            parts.append(head)
            last = boundary.end()
        elif not starts_work and (lead := _SEE_IN_LEAD.match(rest)) \
                and len(head.split()) >= 4 and (has_signature(_strip_label(head.strip()))
                                                or _complete(head)) \
                and has_signature(_first_sentence(rest[lead.end():])):
            # "A, June 1, 1864, Papers. For more on this, see B, "Title," 2008."; also after
            # commentary that follows a full citation: 'A, "Title," 1914. Prose. Quoted in B'

            parts.append(head)
            last = boundary.end()
    parts.append(piece[last:])
    return [part for piece in parts for work in _split_at_see(piece)
            for part in _split_at_and(work)]


# "... 21 (Fall 1991): 205-229 and Jane Roe, Jr., "Title," ...": a second full citation
_AND_NEXT_WORK = compile_lazily(
    r"(?<=[\d)])\s+and\s+(?=(?:[A-Z][\w.'’-]*\s+){1,4}[A-Z][\w'’-]+(?:,\s+(?:Jr|Sr)\.)?,\s+"
    r"[*_\"“])")


def _split_at_and(piece: str) -> list[str]:
    """``A, "Title," *Journal* 21 (1991): 205-29 and B, "Title," ...`` -> A, B."""
    if " and " not in piece:
        return [piece]
    for found in _AND_NEXT_WORK.finditer(piece):
        head, rest = piece[:found.start()], piece[found.end():]
        if has_signature(head) and has_signature(rest):
            return [head, *_split_at_and(rest)]
    return [piece]


_ENDS_WITH_PAGES = compile_lazily(r"(?:\bpp?\.|\bS\.|,)\s*\d+(?:\s*[–-]\s*\d+)?\.?$")


def _first_sentence(text: str) -> str:
    """The first sentence of `text` (a sentence of prose after a citation is judged apart):
    to a full stop, or one inside closing quotes, not after an abbreviation ("ed.")."""
    spans = sentence_spans(text, 0, min(len(text), 1000), quoted_ends=True)
    return text[:spans[0][1]] if spans else text


def _split_at_see(piece: str) -> list[str]:
    """``A, fol. 110: see B (ed.), *Title* (...)`` -> A, B: a citation, then "see" another."""
    if " see " not in piece:
        return [piece]
    for found in _COLON_SEE.finditer(piece):
        head, rest = piece[:found.start()], piece[found.end():]
        if len(head.split()) >= 3 and has_signature(head) and has_signature(rest):
            return [head, *_split_at_see(rest)]
    return [piece]


# "Roe, *Tides*, 7. Other scholars, such as ...": a citation ending on a page of one digit,
# then a sentence of commentary (not a break for `sentence_spans`, which needs two letters);
# it opens with the full stop, the blank after it starting at start + 1
_PAGE_THEN_SENTENCE = compile_lazily(r"\.(?<=,\s\d\.)\s+(?=[A-Z][a-z]+\s+[a-z])")


def _after_pages(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span `start`-`end` cut after each one-digit page that ends a citation."""
    spans = []
    for found in _PAGE_THEN_SENTENCE.finditer(text, max(start - 1, 0), end):
        spans.append((start, found.start() + 1))
        start = found.end()
    spans.append((start, end))
    return spans


# A reference list's names, family name first ("Roe, J. P.", "Roe, Jane"), then more names:
# capitalised words, initials, "and", "&", "et al.", particles, each word one way (possessive:
# no backtracking over the ways a run of initials could be cut)
_NAME_LIST_HEAD = (r"[A-ZÀ-ÖØ-Þ][\w'’-]+,\s+(?:[A-ZÀ-ÖØ-Þ]\.|[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+\b\.?)"
                   r"(?:[\s,&…-]|[A-ZÀ-ÖØ-Þ][\w'’-]*\.?|(?:and|et|al|v[ao]n|de[rnl]?|d[ua]|la|le)"
                   r"\b\.?)*+")
# The year after such names: after a full stop ("Roe, J. 2006"), an initial's comma ("Roe,
# J., 2006") or a name ("Roe, Jane 2006"), not after a title's comma ("Roe, Jane, Tides, 1990")
_YEAR_AFTER_NAMES = rf"(?:(?<=\.\s)|(?<=\b[A-ZÀ-ÖØ-Þ]\.,\s)|(?<=[^\W\d_]\s)){YEAR}[a-z]?"
# A French bibliography's author, the family name in capitals: "DUPONT, Jean-Marie."
_CAPITALS_NAME = (r"[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’-]*,\s+"
                  r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+)?\.")
# A reference list's head as a sentence of its own: the authors with their initials and the
# year in brackets ("Cooper, G. F. (1990).", "Gent, I. P., & Walsh, T. (1994a)."), or the
# authors alone ("W. H. Enright.", "Knopfmacher, A., and Warlimont, R."); the sentence after
# it is the work's title, however much it reads like prose
_LIST_HEAD = compile_lazily(
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+,\s+(?:(?:[A-ZÀ-ÖØ-Þ]\.\s*(?:-\s*)?)+|[A-ZÀ-ÖØ-Þ]{1,3}\.?\s*)"
    rf"[^()]{{0,200}}?\({YEAR}[a-z]?\)\.?\s*$"
    rf"|(?:{GIVEN_FIRST_AUTHORS}|{FULL_NAME_AUTHORS})\.\s*$|(?:{FAMILY_FIRST_AUTHORS})\s*$"
    # Vancouver: "Roe J, Poe K.", "Roe J, Poe K (2001).", "Roe J, Poe K, 2001."
    rf"|(?:{VANCOUVER_ANY})"
    rf"(?:\.?\s*\({YEAR}[a-z]?\)|[.,]\s+{YEAR}[a-z]?)?\.\s*$"
    # ... or with the year after the names, not in brackets ("Roe, J. 2006.", "Roe, J. P., and
    # A. Poe. 2005.", "Roe, J.P., Poe, A., 2016.", "Roe, Jane, and Ann Poe. 2001."): names only
    # before it (capitalised words, initials, "and", "&", "et al.", particles)
    rf"|{_NAME_LIST_HEAD}{_YEAR_AFTER_NAMES}\.\s*$"
    # ... or a French one's, the family name in capitals ("DUPONT, Jean-Marie.")
    rf"|{_CAPITALS_NAME}\s*$")
# ... and a citation opening with such a list of authors ("W. H. Enright. Title. Journal, 1978")
_LIST_OPENING = compile_lazily(
    rf"(?:{GIVEN_FIRST_AUTHORS}|{FULL_NAME_AUTHORS})\.\s+\S"
    rf"|(?:{FAMILY_FIRST_AUTHORS})\s+[A-ZÀ-ÖØ-Þ\"“*]"
    rf"|(?:{VANCOUVER_ANY})(?:[.:]|\.?\s*\({YEAR}[a-z]?\)[.,]?|,\s+{YEAR}[a-z]?[.:])\s+\S")
# ... or with the year after the names ("Roe, J. P., and A. Poe. 2005. Title ...")
_LIST_YEAR_OPENING = compile_lazily(rf"{_NAME_LIST_HEAD}{_YEAR_AFTER_NAMES}\.\s+\S")
_CAPITALS_OPENING = compile_lazily(rf"(?:{_CAPITALS_NAME}\s+)+[A-ZÀ-ÖØ-Þ\"“«]")
# ... a Vancouver list of two names or more (or "et al."), which needs no year to say so
_VANCOUVER_OPENING = compile_lazily(
    rf"(?:{VANCOUVER_LIST})(?:[.:]|,?\s+\(?{YEAR}[a-z]?\)?[.,:]?)\s+[A-ZÀ-ÖØ-Þ\"“*]")


def _opens_dated_list(text: str) -> bool:
    """A reference list's entry: it opens with its authors (`_LIST_OPENING`) and has a year."""
    return text[:1].isupper() and _LIST_OPENING.match(text) is not None \
        and YEAR_WORD.search(text) is not None


def _opens_vancouver_list(text: str) -> bool:
    """An entry opening with a Vancouver list of two names or more (`_VANCOUVER_OPENING`)."""
    return text[:1].isupper() and ", " in text[:30] and _VANCOUVER_OPENING.match(text) is not None


def _split_commentary(piece: str) -> list[str]:
    """A note that mixes commentary with citations, sentence by sentence: ``A, *Book* (Place:
    Publisher, 2001). Most histories ... have tried X. Another fine work is B, *Book* (...).``
    -> the runs of citation sentences, and each sentence of commentary on its own (it may
    hold a citation: the prose before it is cut later, else it is dropped as prose)."""
    if piece.count(" ") < 16 or ". " not in piece:
        return [piece]
    spans = sentence_spans(piece, 0, len(piece))
    if ". " in piece and _PAGE_THEN_SENTENCE.search(piece):
        spans = [part for a, b in spans for part in _after_pages(piece, a, b)]
    if len(spans) < 2:
        return [piece]
    # Each sentence: is it commentary, prose (`is_prose`) or prose once its links are taken
    # out (`is_prose_with_links`)? Their look for a URL is done once a sentence, and kept.
    prose: list[bool] = []
    linked: list[bool] = []  # has it a URL (if commentary, its links are cited pages)?
    for a, b in spans:
        sentence = piece[a:b]
        if _LIST_OPENING.match(piece, a, b):
            prose.append(False)
            linked.append(False)
        elif _has_url_hint(sentence):
            prose.append(_prose_once_unlinked(sentence))
            linked.append(True)
        else:
            prose.append(_reads_as_prose(sentence))
            linked.append(False)
    for index in range(1, len(spans)):
        if prose[index] and _LIST_HEAD.match(piece, spans[index - 1][0], spans[index - 1][1]):
            prose[index] = False  # "Roe, J. P. (1990). A title that reads as a sentence."
    if not any(prose) or all(prose):
        return [piece]
    for index in range(1, len(spans)):
        if not prose[index] and IMPRINT.match(piece, spans[index][0]):
            # "..., see: Jane Roe, Harbour Songs. London: Nord, 1987": an imprint never
            # stands alone; the sentence (and a short subtitle) before it is its book's
            back = index - 1
            if back > 0 and len(piece[spans[back][0]:spans[back][1]].split()) <= 8 \
                    and prose[back - 1]:
                prose[back] = False  # "Title. Subtitle. Place: Publisher"
                back -= 1
            prose[back] = False
            sees = list(_SEE.finditer(piece, spans[back][0], spans[back][1]))
            if sees:  # the commentary before "see:" is no part of it
                spans[back] = (sees[-1].end(), spans[back][1])
    parts: list[str] = []
    run_start = -1
    for (start, end), is_commentary, has_links in zip(spans, prose, linked, strict=True):
        if is_commentary:
            if run_start >= 0:
                parts.append(piece[run_start:start].rstrip())
                run_start = -1
            if has_links:  # prose with links: they are cited pages of their own
                continue  # (`_links_left_over`)
            parts.append(piece[start:end])
        elif run_start < 0:
            run_start = start
    if run_start >= 0:
        parts.append(piece[run_start:])
    return parts


def _complete(text: str) -> bool:
    """A citation with a title and a date, URL or site."""
    return bool(_QUOTE_OPEN.search(text)) and bool(
        _has_url_hint(text) or find_dates(text) or find_domains(text)
    )


def is_backreference(text: str) -> bool:
    """Ibid., Ibidem, Id., Там же: the note points to the previous note's work."""
    return bool(_IBID.match(text))


# Author-date cites in a note: "Cooley (2012)", "Laruelle and Peyrouse (2018, p. 12)",
# "Smith et al. (2019a: 45)"; a note may list several: "See Cooley (2012) and Lee (2019)."
_NAME_YEAR = (
    r"(?P<names>[A-ZА-ЯЁ][\w'’-]+(?:\s+(?:and|&|и)\s+[A-ZА-ЯЁ][\w'’-]+|\s+et\s+al\.)?)\s*"
    r"\((?P<year>" + YEAR + r")[a-z]?(?:[,:]\s*(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)?\)"
    r"(?:,\s*(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)?"  # "Cooley (2012), 45"
)
_NAME_YEAR_CITE = compile_lazily(_NAME_YEAR)
_NAME_YEAR_LIST = compile_lazily(
    rf"^(?:(?i:see|cf\.)(?:\s+also)?,?\s+)?{_NAME_YEAR}"
    rf"(?:\s*(?:,|;|and|&)\s*{_NAME_YEAR.replace('?P<names>', '').replace('?P<year>', '')})*\.?$"
)


def author_year_cite(text: str) -> tuple[list[str], str] | None:
    """("Cooley (2012)") -> (["Cooley"], "2012"): the family names and the year of an
    author-date cite, which points to a work cited in full elsewhere."""
    match = _NAME_YEAR_CITE.fullmatch(text.strip(" ."))
    if match is None:
        return None
    names = re.split(r"\s+(?:and|&|и)\s+", match.group("names").removesuffix("et al.").strip())
    return [name.strip() for name in names if name.strip()], match.group("year")


def is_personal_communication(text: str) -> bool:
    """An interview, conversation or correspondence with the author: no published work."""
    return ("nterview" in text or "onversation" in text or "orrespondence" in text
            or "ommunication" in text or "iscussion" in text or "eeting" in text
            or "NTERVIEW" in text) and bool(_INTERVIEW.match(text)) and not (
        NAMED_RECORD.match(text))


# An old book's title with its alternative after "; or,", the author before it
_ALTERNATIVE_TITLE = compile_lazily(
    r"[A-Z][\w'’-]+(?:\s[A-Z][\w.'’-]+){0,3},\s+[A-Z][^;]{3,150};\s+or,\s")
# A record named by its kind and the person it is with, then where it is kept or its date:
# "interview with Jane Roe, Harbour Oral History Project", "contract with Jan Poe, 1895"
NAMED_RECORD = compile_lazily(
    r"^(?:(?:oral\s+history\s+)?interview|contract|agreement)\s+with\s+"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+,\s+(?:[A-Z][\w'’-]+\s+[A-Z]|"
    + YEAR + r"\b|(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+)" + YEAR + r")")


def split_citations(text: str) -> list[str]:
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = " ".join(text.split())
    else:
        text = text.strip()
    if text[:1] == "^":
        backlinks = _BACKLINKS.match(text)
        if backlinks:
            text = text[backlinks.end():]
    if not text:
        return []
    if text[0].isdigit() or text[0] == "[" or text[0] == "(":
        number = LIST_NUMBER.match(text)
        if number:  # "37. Smith P, Jones AB. Title. Journal. 2000;355:2220-1.": the entry
            text = text[number.end():]
    if text[0] in "IiТтEeVvSsCcTt" and _IBID.match(text):
        if ";" not in text:
            return []  # Ibid. is resolved against the other notes (backrefs.py)
        text = text[text.index(";") + 1:].strip()  # "Ibid., 23; see also ..." -> the rest
    if text[-1] in ").0123456789" and ("(1" in text or "(2" in text) and \
            _NAME_YEAR_LIST.match(text):
        return [match.group(0) for match in _NAME_YEAR_CITE.finditer(text)]
    merged = [text.strip(" .")] if ";" not in text else _merge_pieces(text)
    citations = []
    for piece in merged:
        if piece[:1].isupper() and _has_old_style_year(piece) and _OLD_STYLE_BOOK.match(piece):
            citations.append(piece)  # "Information respecting ... Hamburg, 1851": one book
            continue
        if piece[:1] in "CcPpZzVv" and piece[:5].lower().startswith(_SIGNAL_ABBREVIATIONS):
            # "Cf. J. Roe, ...", "Por. K. Poe, ...": the signal's full stop ends no sentence
            piece = piece[piece.index(".") + 1:].lstrip()
        for work in _split_sentences_between_works(piece):
            for part in _split_commentary(work):
                part = _strip_label(part).strip(" .;")
                if ":" in part[:80] and (lead := _LEAD_THEN_QUOTE.match(part)) \
                        and prose_ratio(lead.group(0).split()[1:]) >= 0.5:
                    part = part[lead.end():]  # "His papers include: "Title," ...": the work
                stripped = _strip_prose_prefix(part)
                if stripped is not part:
                    part = _strip_label(stripped.strip()).strip(" ;")
                part = _strip_trailing_prose(part)
                if part[:1] == "[" and "@" in part[:60]:
                    key = _LEADING_CITATION_KEY.match(part)
                    if key:  # "[@roe2008, 181]. Harbour Board, ...": the key is found apart
                        part = part[key.end():]
                if part and "](" in part and is_prose_with_links(part):
                    continue  # "I thank [Jane Roe](URL), who ...": linked names in a sentence
                if part and has_signature(part):
                    citations.append(part)
    return citations


# A short piece that points to the work before ("See id. at 5", "Ibid., 23"): resolved by the
# back-references, never the author of the work after it
_POINTER_PIECE = compile_lazily(r"(?:(?:see|cf\.)\s+)?(?:id|ibid)\.", re.IGNORECASE)


def _merge_pieces(text: str) -> list[str]:
    """Split at top-level semicolons; a short piece without a citation's signature (pages,
    "and others", a first author before ";") is merged into its neighbour."""
    pieces = []
    last = 0
    for position in _top_level_semicolons(text):
        pieces.append(text[last:position])
        last = position + 1
    pieces.append(text[last:])
    merged: list[list[str]] = []  # each citation's pieces, joined once at the end: linear
    pending = ""  # a short first piece without signature: "Family, Given; Family, Given ..."
    names = ""  # persons only ("Roe, J. M.; Poe, T. L."): the authors of the work that follows
    for piece in pieces:
        cleaned = piece.strip(" .;")
        if not cleaned:
            continue
        person = piece.strip(" ;")
        if not pending and "," in person and _NAMES_ONLY.fullmatch(person):
            names = f"{names}; {person}" if names else person
            continue
        if names:
            cleaned = f"{names}; {cleaned}"
            names = ""
        if merged and "(" in cleaned and _IN_EDITOR.search(merged[-1][-1]) \
                and _EDITORS_REST.match(cleaned):  # (the cheaper look first: on a long list
            # of names without "(eds.)" the match backtracks for minutes)
            merged[-1].append(cleaned)  # 'In Poe, John; Doe, Ann (eds.). *Book*': editors
            continue
        if merged and cleaned[:10].lower() in ("available ", "available:"):
            merged[-1].append(cleaned)  # "... [cited 2015 Jun 3]; Available from: <URL>"
            continue
        if pending:
            if not _POINTER_PIECE.match(pending):  # "Id. at 5; Roe, *Title*": no author
                cleaned = f"{pending}; {cleaned}"
            pending = ""
        if len(cleaned.split()) <= 6 and not has_signature(cleaned) and not (
                "@" in cleaned and _CITATION_KEY_PIECE.match(cleaned)) and not (  # "[@roe2001, 12]"
                cleaned[0].islower() and _is_lowercase_clause(cleaned)):
            if merged:
                merged[-1].append(cleaned)  # page ranges, "and others" ...
            else:
                pending = cleaned
            continue
        merged.append([cleaned])
    if names:
        pending = f"{pending}; {names}" if pending else names
    if pending:
        merged.append([pending])
    return ["; ".join(parts) for parts in merged]


def _is_lowercase_clause(piece: str) -> bool:
    """Three words or more, every one in lower case, no digit or mark: the writer's comment
    after a work ("...1971, s. 7; encyklopedia wyszczególnia nowy typ plakatu"), a piece of
    its own, not merged into the work, whose reading it would spoil. "and others" or
    "pp. 3-5" is no such clause."""
    words = piece.replace(",", " ").split()
    return len(words) >= 3 and all(word.isalpha() and word[0].islower() for word in words)


# Persons as "Family, Given" (or initials) joined by semicolons, and nothing else: the author
# list of the work after the next semicolon (Wikipedia's CS1, Harvard, APA-like lists)
_PERSON = r"[^\W\d_][\w'’-]*(?:\s(?:[^\W\d_][\w'’-]*|d[aeiu]|v[ao]n|de[rl]?|la|le))*,\s" \
          r"(?:[^\W\d_][\w'’-]*\.?|[^\W\d_]\.(?:-?[^\W\d_]\.)*)(?:\s(?:[^\W\d_][\w'’-]*\.?" \
          r"|[^\W\d_]\.(?:-?[^\W\d_]\.)*))*"
_NAMES_ONLY = compile_lazily(rf"{_PERSON}(?:;\s*{_PERSON})*")
# The last editors of a book after "In" ("In Poe, John; Doe, Ann (eds.). *Book*"): their list
# goes on after the semicolon
# "..., "Chapter". In del Roe, J.": the first editor of the book that holds a chapter
_IN_EDITOR = compile_lazily(rf"\bIn\s+{_PERSON}$")
_EDITORS_REST = compile_lazily(rf"{_PERSON}(?:;\s*{_PERSON})*\s*\((?:eds?|Hrsg|Hg)\.\)",
                               re.IGNORECASE)
# A pandoc citation opening a sentence that goes on to another work: read by the citation-key
# finder (citekeys.py), cut from the work after it
_LEADING_CITATION_KEY = compile_lazily(r"^\[[^\[\]@]{0,40}-?@[^\[\]]{1,200}\][.;,]?\s+(?=\S)")
_CITATION_KEY_PIECE = compile_lazily(r"^\[?(?:(?:see|cf\.)\s+)?-?@[A-Za-z]", re.IGNORECASE)
_TITLE_STARTS = frozenset("\"“«„*[")
_SIGNAL_ABBREVIATIONS = ("cf. ", "por. ", "zob. ", "vgl. ", "cfr. ")
_LABEL_WORDS = frozenset(("and", "&", "also", "и", "see", "see,", "cf.", "cf", "compare",
                          "vgl.", "vergl.", "siehe", "voir", "por.", "zob.", "zobacz", "patrz",
                          "cfr.", "vedi", "véase",
                          "e.g.", "e.g.,", "for", "quoted", "cited", "as", "reprinted",
                          "source:", "sources:", "источник:", "см."))


def _strip_label(part: str) -> str:
    """"and ...", "See also ...", "Uzbekistan: "..."" -> the citation after the label."""
    if not part or part[0] in _TITLE_STARTS:
        return part
    head = part[:48]
    first = head.split(" ", 1)[0].lower()
    if first in _LABEL_WORDS or ":" in head or "—" in head or "–" in head or " -" in head:
        return _LABEL.sub("", part, count=1)
    return part
