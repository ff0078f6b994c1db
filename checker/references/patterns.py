"""The patterns the citation readers share: years, quotes, italics, sentence ends, the chunks
that end a title (numbers, places and publishers, series, volumes), and the text clean-up.

One place for each: a reader that needs "a year" or "the end of a sentence" takes it from here
rather than writing its own. Months and whole dates are `dates.py`'s job.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.lazypattern import compile_lazily
from checker.model import Reference


class FoundCitation(NamedTuple):
    """A citation a finder found anywhere in a note (a case, a citation key, a post)."""

    start: int
    end: int
    reference: Reference


def split_words(text: str) -> list[str]:
    return text.split()


# A four-digit year from 1500 to 2099, as regex text to build other patterns with.
YEAR = r"(?:1[5-9]|20)\d\d"

YEAR_WORD = compile_lazily(rf"\b{YEAR}\b")  # a year standing as a word of its own
DATE_MARK = "\x00"  # what a date is blanked to (then padded with spaces to its length)

DIGIT = compile_lazily(r"\d")
LETTER = compile_lazily(r"[^\W\d_]")
SPACE = compile_lazily(r"\s+")

# A letter described by its writer and recipient: "Jane Roe to John Poe, Jr., June 1, 1863"
PERSON = r"(?:(?:[A-Z][\w'’-]*\.?|[A-Z]\.)\s+){0,4}[A-Z][\w'’-]+(?:,?\s+(?:Jr|Sr)\.?|\s+I{2,3})?"
# A reference list's authors with initials: initials first (ACM, IEEE, many sciences: "M. Gupta
# and P. Banerjee", "W. H. Enright"), or family names first with initials after a comma
# ("Knopfmacher, A., and Warlimont, R.")
_INITIAL = r"[A-ZÀ-ÖØ-Þ]\.(?:\s?-\s?[A-ZÀ-ÖØ-Þ]\.)?"
_FAMILY = r"[A-ZÀ-ÖØ-Þ](?:[a-zß-ÿ]|['’][A-ZÀ-ÖØ-Þ])[\w'’-]*"  # "Roe", "O'Neil"; not "REV."
_GIVEN_FIRST = rf"(?:{_INITIAL}\s?){{1,3}}\s*{_FAMILY}"
_FAMILY_FIRST = rf"{_FAMILY},\s+(?:{_INITIAL}\s?){{1,3}}"
GIVEN_FIRST_AUTHORS = (rf"{_GIVEN_FIRST}(?:,\s*(?:and\s+)?{_GIVEN_FIRST})*"
                       rf"(?:,?\s+and\s+{_GIVEN_FIRST})?")
FAMILY_FIRST_AUTHORS = rf"{_FAMILY_FIRST}(?:,?\s*(?:and\s+|&\s+)?{_FAMILY_FIRST})*"
# ... or full names, where the list itself says they are persons: two or more joined by "and"
# or commas, or one with a middle initial ("Peter Puschner and Anton Schedl", "Lisa F. Rau")
_FULL_NAME = rf"(?!(?:The|A|An|In|On|For|New|United)\s){_FAMILY}\s+(?:{_INITIAL}\s+)?{_FAMILY}"
FULL_NAME_AUTHORS = (rf"{_FULL_NAME}(?:,\s+{_FULL_NAME})*,?\s+and\s+{_FULL_NAME}"
                     rf"|{_FAMILY}\s+{_INITIAL}\s+{_FAMILY}")
# Vancouver (medicine, biology): family names with their initials after them, no stops, the
# list closed by a full stop, a colon or "et al." ("Smith P, Jones AB, van Dyke C.", "Roe J,
# et al.", "Roe J-F, Poe L G, Lopes Albers AD, Le Goff C, Moe EO Jr:")
# (possessive quantifiers, "*+": a name's letters are never given back, so a sentence that is
# no list fails at once, without trying each shorter name)
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|del|la|le|dos)\s+)"
_VFAMILY = r"[A-ZÀ-ÖØ-Þ](?:[a-zß-ÿ]|['’][A-ZÀ-ÖØ-Þ])[\w'’-]*+"
_VANCOUVER_INITIALS = (r"\s++[A-ZÀ-ÖØ-Þ]{1,4}+(?:-[A-ZÀ-ÖØ-Þ]{1,2}+|\s[A-ZÀ-ÖØ-Þ]{1,2}+)?\b\.?"
                       r"(?:,?\s+Jr\b\.?)?")
_CAPITAL_PARTICLE = r"(?:(?:Van|Von|De|Der|Den|Da|Di|Du|Del|La|Le|Dos)\s+)"
_VANCOUVER_NAME = (rf"(?!(?:The|A|An|In|On|At|By|To|For|See|And|Of)\s)"
                   rf"(?:{_PARTICLE}|{_CAPITAL_PARTICLE}{_PARTICLE}?)?{_VFAMILY}"
                   + _VANCOUVER_INITIALS)
# (after the first: a family name of two words)
_VANCOUVER_LATER_NAME = (rf"(?:{_PARTICLE}|{_CAPITAL_PARTICLE}{_PARTICLE}?)?"
                         rf"(?:{_VFAMILY}\s+)?{_VFAMILY},?{_VANCOUVER_INITIALS}")  # ("Linne, M.")
_VANCOUVER_NEXT = rf"(?:,,?\s*|,?\s+(?:and|&)\s+){_VANCOUVER_LATER_NAME}"
_ET_AL = r"(?:,?\s+et\s+(?:al|coll))?"  # (French: "et coll.")
VANCOUVER_AUTHORS = rf"{_VANCOUVER_NAME}(?:{_VANCOUVER_NEXT})*{_ET_AL}"
# ... two names or more (the first may be of two words: "Russell Esposito E, Roe J"), or one
# and "et al.": no sentence of prose opens so
VANCOUVER_LIST = (rf"(?:{_VFAMILY}\s+)?{_VANCOUVER_NAME}(?:{_VANCOUVER_NEXT})+{_ET_AL}"
                  rf"|{_VANCOUVER_NAME},?\s+et\s+(?:al|coll)")
# ... either: one name or more, a first name of two words where others follow
VANCOUVER_ANY = (rf"{VANCOUVER_AUTHORS}"
                 rf"|{_VFAMILY}\s+{_VANCOUVER_NAME}(?:{_VANCOUVER_NEXT})+{_ET_AL}")
# A reference list's number before an entry ("37. ", "[4] ", "12) ", "(7) ", "10- ", "34-"), where
# the authors' names follow: a family name with initials or a given name after it ("Smith P,",
# "Kee, KS.", "Opperman, L. A.", "Boyle, Frank,", "FREUD S.") or initials before it ("G.K.
# Sukandi", "J.-M. Roe"). Not a year ("1984. A novel"), a title's number ("100 Years of
# Solitude") or a book of scripture ("1. Mose 3,4").
LIST_NUMBER = compile_lazily(
    r"(?:(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)-])\s+|\d{1,3}-)(?="
    rf"{_PARTICLE}?{_FAMILY}(?:\s{_FAMILY})?(?:,?\s+[A-ZÀ-ÖØ-Þ]{{1,4}}[\s.,:-]|,\s+[A-ZÀ-ÖØ-Þ])"
    r"|(?:[A-ZÀ-ÖØ-Þ]\.[\s-]?){1,3}[A-ZÀ-ÖØ-Þ][a-zß-ÿ]|[A-ZÀ-ÖØ-Þ]{2,}[\w'’-]*\s+[A-ZÀ-ÖØ-Þ]\.)")
# A writer who signed with a quoted pseudonym: '"A Soldier" to Governor Jane Roe'
PSEUDONYM = r"[\"“][A-Z][^\"“”,]{1,40}[\"”]"
# A body written to as such: "the Council", "the Privy Council"
BODY = r"the\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
LETTER_HEAD = compile_lazily(
    rf"^(?P<writer>{PERSON}|{PSEUDONYM}),?\s+to\s+(?P<recipient>{PERSON}(?:\s+and\s+{PERSON})?|{BODY})"
    r"\s*(?=[,(]|$)"
)
_DAY_DATE = compile_lazily(r",?\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d|,?\s*\d{1,2}/\d{1,2}/\d")


def letter_head(text: str) -> re.Match[str] | None:
    """"Jane Roe to John Poe, Jr., June 1, 1863": writer and recipient, dated to the day
    ("New Voyages to North America, London, 1703" is a title)."""
    if " to " not in text[:140]:
        return None
    found = LETTER_HEAD.match(text)
    if found is None or not _DAY_DATE.match(text, found.end("recipient")):
        return None
    return found

# Quotes that open or close a title, straight and typographic, English, Russian and German.
QUOTE_CHARS = compile_lazily(r"[\"“”«»„]")
OPENING_QUOTES = "\"“«„"

# *Title*, **Title**, _Title_: markdown emphasis (a converter's italics)
# (the mark first, what precedes it looked behind for: scanned for "*" and "_")
ITALIC = compile_lazily(
    r"(\*(?<![*\w\\]\*)\*?|_(?<![*\w\\]_))(?=[^\s*_])([^*_]{1,300}?[^\s\\*_])\1(?![*\w])"
)

# A sentence ends after two letters and a stop, before a capital, a quote or an italic mark.
# (also after a number that ends a citation, its issue or page: "..., in: *Harbour*, 3. The
# photo shows ...", "p. 429. The journal ...")
# Each opens with the stop (or closing quote) every alternative ends with, what comes before
# it looked behind for: scanned for those characters (not tried at every position); the
# break is the blank after it, from the match's start + 1 (`sentence_spans`).
SENTENCE_BREAK = compile_lazily(
    r"[.?!](?:(?<=[^\s.]{2}[.?!])|(?<=[,\s]\d\.)|(?<=[,\s]\d\d\.)|(?<=[,\s]\d{3}\.)|"
    r"(?<=[,\s]\d{4}\.))\s+(?=[A-ZА-ЯЁ«\"“*\[])")
SENTENCE_BREAK_QUOTED = compile_lazily(
    r"[.?!\"”’](?:(?<=[^\s.]{2}[.?!])|(?<=[^\s.]{2}[.?!][\"”’]))\s+"
    r"(?=[A-ZА-ЯЁ«\"“*\[])")
# ... but not after an abbreviation or an initial ("No. 5", "ed. Smith", "J. Smith").
# (The look-ahead first: only the last word before the stop, if it has six letters at most,
# is tried against the alternatives. Without it they were tried at each word's start and end
# in the window, and the engine steps into each alternative of a pattern that ignores case.)
ABBREVIATION_END = compile_lazily(
    r"\b(?=\w{1,6}\.$)"
    r"(?:no|nos|vol|vols|pp|p|ed|eds|trans|st|dr|mr|mrs|ms|jr|sr|inc|ltd|co|dept|univ|"
    r"gov|rev|comp|al|op|cit|ch|sec|art|fig|repr|orig|esp|cf|ibid|viz|approx|ca|jan|feb|"
    r"mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gen|col|capt|lt|sgt|prof|hon|pres|sen|rep|"
    r"govt|assn|intl|natl|corp|bros|mt|ft|ave|blvd|rd|[A-ZА-Я])\.$",
    re.IGNORECASE,
)

# Words that say what follows is no title or outlet: access notes, numbering, pages, roles,
# kinds of document, times of day.
NOISE = compile_lazily(
    r"^(?:accessed|retrieved|viewed|consulted|available|online|\[online\]|last|updated|"
    r"modified|published|posted|issue|issues|serial|no\.?|nos\.|num\.|vol\.?|vols\.|volume|"
    r"pp?\.|pages?|p\b|in\b|w:|dans\b|ed\.|eds\.|edited|trans\.|translated|n\.\s?d\.|ibid|"
    r"press release|news release|statement|speech|remarks|transcript|video|audio|podcast|"
    r"tweet|post|blog post|thread|pdf|url|web|website|webpage|web page|homepage|"
    r"editorial|op-ed|opinion|commentary|interview|letter|memo|report|brief|"
    r"(?:policy |research |working |discussion |occasional |white )?(?:paper|brief|memo)|"
    r"archived|originally|reprinted|repr\.|orig\.|cited|quoted|see|cf\.|available at|"
    r"in (?:russian|chinese|english|kazakh|uzbek|kyrgyz|tajik|french|german|spanish)|"
    r"\[in [a-z]+\]|(?:russian|chinese|english) (?:version|text)|"
    r"электронный ресурс|режим доступа|дата обращения|url|с\.|№|т\.|вып\.|"
    r"(?:\d+(?:st|nd|rd|th) )?(?:ed|edition)\b|rev\. ed|"
    # (a time of day: "am", "PM"; not "Am J Physiol", the American journal's abbreviation)
    r"\d{1,2}:\d\d|a\.m\.|p\.m\.|(?-i:am|pm|AM|PM)\b)",
    re.IGNORECASE,
)
# Only numbers (pages, volume and issue, roman numerals): "45", "12:3", "xiv–xv"
# pages and numbers: "45", "12-14", "iv", "12f." and "12ff." (German: and the following)
NUMBERS = compile_lazily(r"^[\divxlcIVXLC\s–—:.,/-]*\d[\divxlcIVXLC\s–—:.,/()n-]*(?:ff?\.?)?$")
# "London: Hurst" (not "Asia Policy 24: 110-16", a journal's volume and pages)
PLACE_PUBLISHER = compile_lazily(
    r"^(?P<place>[A-ZА-Я][^:]{0,59}[^\d\s:]):\s*(?P<publisher>[^\W\d_].{1,120})$"
)
# A book's place and publisher opening a sentence: "München: Verlag C.H. Beck, 1977"
# (or with no comma before the year, as German notes print it: "Berlin: de Gruyter 2004";
# "Frankfurt am Main: Suhrkamp 1990")
IMPRINT = compile_lazily(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ /-][A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}"
                         r"(?:\s(?:am|an|upon|on|sur|nad)\s[A-ZÀ-ÖØ-Þ][\w'’-]+)?:\s+"
                         r"(?:(?:de|van|von|di|du)\s+)?[A-ZÀ-ÖØ-Þ][^:;]{1,60}?,?\s+(?:[a-z]+\s+){0,3}"
                         + YEAR + r"(?=[.,;)\s]|$)")
# A book's publisher with its year, no place before it (MLA: "Harvard University Press, 1979",
# "Johns Hopkins UP, 1980")
PUBLISHER_YEAR = compile_lazily(
    r"\b(?:Press|UP|Publishers|Publishing|Verlag),?\s+" + YEAR + r"(?=[.,;)\s]|$)")
# "Asia Policy 24", "Survey 38 (2)", MLA's "ELH 20.4" (volume.issue): a name with its volume
VOLUME_TAIL = compile_lazily(
    r"^(?P<name>.*?[^\d\s,.:])\s+(?P<vol>\d{1,4}|\d{1,3}\.\d{1,2}|[IVXL]{1,5})(?:\s*\(\d+\))?$"
)
# "Report no. 245", "Working Paper No. 12" after an unmarked title: the series, not the title
SERIES_CHUNK = compile_lazily(
    r"^[A-ZА-Я][^,]{0,60}\b(?:report|paper|brief|memo|briefing|series)\s+"
    r"(?:no\.?|number|#|n°|№)\s*[\d/.-]*\d[\w/.-]*$",
    re.IGNORECASE,
)
SERIES = compile_lazily(
    r"\b(?:report|working paper|policy brief|policy memo|brief|paper|memo|series|"
    r"briefing|issue brief|study|studies|analysis)\s+(?:no\.?|number|#|n°|№)?\s*[\d/.-]+",
    re.IGNORECASE,
)
NUMBERED = compile_lazily(
    r"\b(?:no|nos|vol|issue|serial no|number|nr|n°|#|№|band|bd|heft|jg|tom|том|вып)\.?\s*"
    r"[\d/.-]*\d[\w/.-]*",
    re.IGNORECASE,
)
# ", ed. Name", "edited by Name", "hrsg.", "под ред.": the editors and what follows them
EDITORS = compile_lazily(
    r"(?:,\s*|\s+)(?:eds?\.|edited\s+by|ed\.\s+by|hrsg\.|hg\.|под\s+ред\.|(?:pod\s+)?red\.|"
    r"\(?dir\.\)?|éd\.)(?=[\s,]|$).*$",
    re.IGNORECASE,
)
# An archive's collection: "Roe Family Papers", "Arbuckle Research Files", "Martin-Pugh
# Collection", "Records of the Harbour Board", "Papers of Governor Jane Roe"
COLLECTION = compile_lazily(
    r"(?:[A-Z][\w.'’&-]*\s+){1,5}(?:Papers|Collection|Files|Records)|"
    r"(?:Records|Papers)\s+of\s+(?:the\s+)?[A-Z][^,;()\x00]{2,80}?")
# The repository that holds a collection: "Harbour State Library and Archives", "Harbour
# Historical Society", "Special Collections, Harbour University Library"
REPOSITORY = compile_lazily(r"\b(?:Library|Archives?|Historical Society|Record Office|Museum|"
                            r"Special Collections|University)\b")
# A periodical's or a society's name abbreviated as older notes print it: "Coll. Minn. Hist.
# Soc.", "Proc. Harb. Soc.", "Jour. Am. Folk-Lore" (two abbreviated words at least)
ABBREVIATED_NAME = compile_lazily(r"(?:[A-Z][a-z]{0,7}\.\s*){2,}(?:[A-Z][\w-]*\.?\s*)*")
# Lower-case words of a name that do not count against its being title case.
LOWER_WORDS = frozenset(split_words(
    "a an and the of for in on at to by with from de la le du des der die das und y e et i o "
    "или и в на по для из "
))


# Lower-case words that citations use (connectors, abbreviations): not a sign of prose.
CITATION_LOWER = frozenset(split_words(
    "and of the in for on at to a an by from et al. ed. eds. trans. vol. no. pp. p. accessed "
    "retrieved available at: press release online n.d. de la le du der und y i в на и по из "
    "от url: and/or "
))


def prose_ratio(words: list[str]) -> float:
    """The share of running lower-case words: above ~0.45 a text reads as a sentence."""
    if not words:
        return 0.0
    lower = sum(1 for w in words if w[:1].islower() and w.lower() not in CITATION_LOWER)
    return lower / len(words)


def sentence_spans(text: str, start: int, end: int,
                   quoted_ends: bool = False) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], not split after initials or abbreviations
    (``No.``, ``ed.``); with `quoted_ends`, also after a full stop inside closing quotes
    (``... a similar purpose." Roe, *Title*``: a quotation ends the sentence)."""
    spans: list[tuple[int, int]] = []
    position = start
    breaks = SENTENCE_BREAK_QUOTED if quoted_ends else SENTENCE_BREAK
    for boundary in breaks.finditer(text, max(start - 1, 0), end):  # its stop may be before
        blank = boundary.start() + 1
        # (an abbreviation is letters and a full stop: none after "2019." or '?')
        if text[blank - 1] == "." and text[blank - 2:blank - 1].isalpha() \
                and ABBREVIATION_END.search(text, max(position, blank - 12), blank):
            continue
        spans.append((position, blank))
        position = boundary.end()
    if position < end:
        spans.append((position, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_MD_ESCAPE = compile_lazily(r"\\([\\`*_{}\[\]()#+\-.!$&%~\"'])")


def strip_italics(text: str) -> str:
    return ITALIC.sub(lambda m: m.group(2), text)


_STARRED = compile_lazily(r"\*(?=[^\s*])([^*]{1,300}?[^\s*])\*(?![*\w])")


def clean_text(text: str | None) -> str | None:
    """Markdown escapes and emphasis left by the converter: ``\\$280`` -> ``$280``."""
    if not text:
        return text
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "*" in text:
        text = strip_italics(text).replace("**", "")
        if "*" in text:  # emphasis around a name with underscores: "*roe_list.ods*"
            text = _STARRED.sub(r"\1", text)
    if DATE_MARK in text:
        text = text.replace(DATE_MARK, "")
    text = text.strip(" ,;:")
    return text or None


# 'Schindler says, "It was ..."', 'Campbell observed if "..."': words quoted after a verb of
# saying are a passage, not a title
SPEECH_BEFORE = compile_lazily(
    r"\b(?:says?|said|writes?|wrote|notes|noted|observes?|observed|argues?|argued|remarks?|"
    r"remarked|declares?|declared|states|stated|asserts?|asserted|claims?|claimed|explains?|"
    r"explained|adds|added|insists?|insisted|complains?|complained|recalls?|recalled|"
    r"exclaims?|exclaimed|replies|replied|told\s+\w+|warns?|warned|concedes?|conceded|"
    r"admits?|admitted|announced|proclaimed|answered|responded|continues|continued)"
    r"(?:\s+(?:that|if|how|when))?\s*[,:]?\s*$")
